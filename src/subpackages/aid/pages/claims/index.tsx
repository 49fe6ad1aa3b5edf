import { useRef } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import Loading from '../../../../components/Loading'
import { LoadMore, usePaged } from '../../../../components/StationPaging'
import type { ClaimView } from '../../../../domain/mutual-aid/mutual-aid.api'
import { AID_CLAIM_NEW_PAGE, AID_CLAIM_PAGE, myClaims } from '../../../../services/mutual-aid'
import { amountLine, EVENT_DATE_LABEL, fullDate, STATE_ICON, STATE_TONE } from '../../format'
import { pageClass, useTextSize } from '../../../../services/text-size'
import '../../../../components/StationShared.css'
import '../../../../components/RequestState.css'
import '../../aid.css'

function ClaimItem({ c }: { c: ClaimView }) {
  const amount = amountLine(c)
  return (
    <View
      className='card request-row'
      role='listitem'
      aria-label={`${c.planName}，${c.stateLabel}`}
      onClick={() => Taro.navigateTo({ url: `${AID_CLAIM_PAGE}?id=${encodeURIComponent(c.id)}` })}
    >
      <Text className={`request-row__state ${STATE_TONE[c.state]}`}>
        {STATE_ICON[c.state]} {c.stateLabel}
      </Text>
      <Text className='request-row__title'>{c.planName}</Text>
      <Text className='request-row__line'>
        {EVENT_DATE_LABEL[c.kind]}：{fullDate(c.eventDate)}
      </Text>
      {amount && <Text className='request-row__amount'>{amount}</Text>}
      <Text className='request-row__more'>
        看详情
        <Text aria-hidden> ›</Text>
      </Text>
    </View>
  )
}

/** 我的申请: every claim, newest first as the server pages them, with where it is and the money. */
export default function ClaimsPage() {
  const { textClass } = useTextSize()
  const { state, reload, loadMore } = usePaged<ClaimView>((cursor) => myClaims(cursor))
  // back from one claim (withdrawn, documents added): read the list again
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) reload()
    shown.current = true
  })

  return (
    <View className={pageClass('page aid', textClass)}>
      {state.status === 'loading' && (
        <View className='card'>
          <Loading rows={3} />
        </View>
      )}
      {state.status === 'error' && state.error && <ErrorBox title='没能读到你的申请' error={state.error} onRetry={reload} />}
      {state.status === 'ok' && state.items.length === 0 && (
        <View className='card'>
          <Text className='aid-title'>你还没有申请过补助</Text>
          <Text className='aid-text'>生病住院、受了伤，参加了互助保障的话，可以在这里申请补助。</Text>
          <Button className='big-button gap' type='primary' block onClick={() => Taro.navigateTo({ url: AID_CLAIM_NEW_PAGE })}>
            申请补助
          </Button>
        </View>
      )}
      {state.status === 'ok' && state.items.length > 0 && (
        <View role='list' aria-label='我的申请'>
          {state.items.map((c) => (
            <ClaimItem key={c.id} c={c} />
          ))}
        </View>
      )}
      <LoadMore state={state} onMore={loadMore} />
    </View>
  )
}
