import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import { LoadMore, usePaged } from '../../../../components/StationPaging'
import type { SuggestionState, SuggestionView } from '../../../../domain/stations/station.schema'
import { mySuggestions, SUGGEST_PAGE } from '../../../../services/stations'
import { chinaTime } from '../../format'
import { pageClass, useTextSize } from '../../../../services/text-size'
import '../../../../components/StationShared.css'
import './index.css'

const MARK: Record<SuggestionState, string> = { submitted: '🔵', accepted: '✅', declined: '⛔' }

/** 我推荐的地方: each suggestion with the federation's answer; 推荐新地点 on top. */
export default function MySuggestions() {
  const { textClass } = useTextSize()
  const { params } = useRouter()
  const { state, reload, loadMore } = usePaged<SuggestionView>((cursor) => mySuggestions(cursor))
  return (
    <View className={pageClass('page stations', textClass)}>
      <View className='card'>
        <Text className='suggestions-text'>哪里该有个驿站？推荐给总工会。</Text>
        <Button className='big-button gap' type='primary' block onClick={() => Taro.navigateTo({ url: SUGGEST_PAGE })}>
          💡 推荐新地点
        </Button>
      </View>
      <Text className='section-title'>我推荐的地方</Text>
      {state.status === 'loading' && (
        <View className='card' aria-busy='true'>
          <View className='skeleton-bar skeleton-bar--title' />
          <View className='skeleton-bar' />
          <Text className='muted'>正在读取，请稍等…</Text>
        </View>
      )}
      {state.status === 'error' && state.error && <ErrorBox title='没能读到你推荐的地方' error={state.error} onRetry={reload} />}
      {state.status === 'ok' && state.items.length === 0 && (
        <View className='card'>
          <Text className='suggestions-text'>你还没有推荐过。</Text>
        </View>
      )}
      <View role='list'>
        {state.items.map((s) => (
          <View key={s.id} className={`card my-suggestion${s.id === params.id ? ' my-suggestion--new' : ''}`} role='listitem'>
            <Text className='my-suggestion__address'>{s.address}</Text>
            {s.district && <Text className='my-suggestion__meta'>{s.district}</Text>}
            <Text className='my-suggestion__reason'>“{s.reason}”</Text>
            <Text className={`my-suggestion__state my-suggestion__state--${s.state}`}>
              {MARK[s.state]} {s.stateLabel}
            </Text>
            <Text className='my-suggestion__meta'>{s.state === 'submitted' ? `${chinaTime(s.createdAt)} 提交` : `${chinaTime(s.updatedAt)} 答复`}</Text>
            {s.replyReason && <Text className='my-suggestion__reply'>原因：{s.replyReason}</Text>}
            {s.replyNote && <Text className='my-suggestion__reply'>总工会说：{s.replyNote}</Text>}
          </View>
        ))}
      </View>
      <LoadMore state={state} onMore={loadMore} />
    </View>
  )
}
