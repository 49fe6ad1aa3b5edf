import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import Explain from '../../../../components/Explain'
import Loading from '../../../../components/Loading'
import { LoadMore, usePaged } from '../../../../components/StationPaging'
import type { CaseView } from '../../../../domain/legal-aid/legal-aid.api'
import { formatDateCN } from '../../../../domain/privacy/my-data'
import { LEGAL_APPLY_PAGE, LEGAL_CASE_PAGE, myCases } from '../../../../services/legal-aid'
import { callPhone } from '../../../../services/stations'
import { APPLY_DRAFT, HOTLINE, legalDrafts, STATE_ICON, STATE_TONE } from '../../legal'
import { pageClass, useTextSize } from '../../../../services/text-size'
import '../../../../components/StationShared.css'
import '../../../../components/RequestState.css'
import '../../legal.css'

/** What the union helps with, in plain words. */
const TROUBLES = ['干了活，工资被拖欠、讨不回来', '干活受了伤，单位不管或赔得不够', '不签合同、突然被辞退、不给补偿', '单位不交社保、不给加班费']
const HELPS = ['免费给你讲法律、出主意', '帮你写仲裁申请书', '陪你和单位调解、协商', '符合条件的，免费请律师或工会法律工作者帮你打官司']

/** 法律援助: what the union can do, the hotline, 我要申请, and my requests with where each is. */
export default function LegalStartPage() {
  const { textClass } = useTextSize()
  const { state, reload, loadMore } = usePaged<CaseView>((cursor) => myCases(cursor))
  const [draftLeft, setDraftLeft] = useState(false)
  // back from a request (sent, withdrawn, added to): read the list again
  const shown = useRef(false)
  useDidShow(() => {
    setDraftLeft(legalDrafts.load(APPLY_DRAFT) !== null)
    if (shown.current) reload()
    shown.current = true
  })

  return (
    <View className={pageClass('page legal', textClass)}>
      <View className='card'>
        <Text className='legal-title'>工会帮你维护权益</Text>
        <Text className='legal-text'>遇到这些事，可以找工会：</Text>
        {TROUBLES.map((t) => (
          <Text key={t} className='legal-list'>
            · {t}
          </Text>
        ))}
        <Text className='legal-text'>工会能帮你：</Text>
        {HELPS.map((t) => (
          <Text key={t} className='legal-list'>
            · {t}
          </Text>
        ))}
        <View className='explain-terms'>
          <Explain term='法律援助' />
          <Explain term='劳动仲裁' />
          <Explain term='调解' />
        </View>
        <Text className='notice notice--ok'>🔒 工会不会告诉你的单位是你来求助的。</Text>
        <Button className='big-button gap' type='primary' block onClick={() => Taro.navigateTo({ url: LEGAL_APPLY_PAGE })}>
          {draftLeft ? '接着填我的申请' : '我要申请法律援助'}
        </Button>
        {draftLeft && <Text className='legal-text muted'>上次没填完的内容还在，接着填就行。</Text>}
      </View>

      <View className='card'>
        <Text className='legal-title'>着急？先打电话问一问</Text>
        <Text className='legal-text'>职工服务热线 {HOTLINE}，全国都能打。</Text>
        <Button className='big-button gap' block aria-label={`拨打 ${HOTLINE}`} onClick={() => callPhone(HOTLINE)}>
          📞 拨打 {HOTLINE}
        </Button>
      </View>

      <Text className='section-title'>我的求助</Text>
      {state.status === 'loading' && (
        <View className='card'>
          <Loading rows={2} />
        </View>
      )}
      {state.status === 'error' && state.error && <ErrorBox title='没能读到你的求助' error={state.error} onRetry={reload} />}
      {state.status === 'ok' && state.items.length === 0 && (
        <View className='card'>
          <Text className='legal-text'>你还没有向工会求助过。交上去以后，在这里能看到工会办到哪一步了。</Text>
        </View>
      )}
      {state.status === 'ok' && state.items.length > 0 && (
        <View role='list' aria-label='我的求助'>
          {state.items.map((c) => (
            <CaseRow key={c.id} c={c} />
          ))}
        </View>
      )}
      <LoadMore state={state} onMore={loadMore} />
    </View>
  )
}

function CaseRow({ c }: { c: CaseView }) {
  return (
    <View
      className='card request-row'
      role='listitem'
      aria-label={`${c.disputeLabel}，${c.stateLabel}`}
      onClick={() => Taro.navigateTo({ url: `${LEGAL_CASE_PAGE}?id=${encodeURIComponent(c.id)}` })}
    >
      <Text className={`request-row__state ${STATE_TONE[c.state]}`}>
        {STATE_ICON[c.state]} {c.stateLabel}
      </Text>
      <Text className='request-row__title'>{c.disputeLabel}</Text>
      <Text className='request-row__line'>单位：{c.employerName}</Text>
      <Text className='request-row__line'>
        交上去的日子：<Text className='nowrap'>{formatDateCN(c.submittedAt)}</Text>
      </Text>
      {c.state === 'closed' && c.outcome && c.outcome.recoveredFen > 0 && <Text className='request-row__amount state--good'>{c.outcome.workersHelped > 1 ? '帮大家追回' : '帮你追回'} {c.outcome.recoveredText}</Text>}
      {c.state === 'closed' && c.outcome && c.outcome.recoveredFen === 0 && <Text className='request-row__line'>办理结果：{c.outcome.kindLabel}</Text>}
      <Text className='request-row__more'>
        看详情
        <Text aria-hidden> ›</Text>
      </Text>
    </View>
  )
}
