import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import InfoRow from '../../../../components/InfoRow'
import Loading from '../../../../components/Loading'
import Timeline from '../../../../components/Timeline'
import { fail } from '../../../../domain/envelope'
import { formatDateCN } from '../../../../domain/privacy/my-data'
import type { TimelineReply } from '../../../../domain/requests/my-requests.api'
import { isWorkType } from '../../../../domain/workspace/work-item'
import { requestTimeline } from '../../../../services/my-requests'
import { useReply } from '../../../../services/useReply'
import { TodoBox, toneOf } from '../../parts'
import { pageClass, useTextSize } from '../../../../services/text-size'
import '../../../../components/StationShared.css'
import '../../../../components/RequestState.css'
import '../../track.css'

const NOT_FOUND = { code: 'REQUEST.NOT_FOUND', message: '没有找到这条申请，请回到“我的办理”再点一次' }

/** One request: where it is, who holds it, the union's deadline, the one thing to do next (with a big button), what happened. */
export default function DetailPage() {
  const { textClass } = useTextSize()
  const { params } = useRouter()
  const type = params.type ?? ''
  const id = params.id ?? ''
  const { state, reload } = useReply(() => (isWorkType(type) && id ? requestTimeline(type, id) : Promise.resolve(fail(NOT_FOUND.code, NOT_FOUND.message))), {
    refreshOnShow: true,
  })

  return (
    <View className={pageClass('page track', textClass)}>
      {state.status === 'loading' && (
        <View className='card'>
          <Loading rows={4} />
        </View>
      )}
      {state.status === 'error' && <ErrorBox title='没能读到这件事' error={state.error} onRetry={reload} />}
      {state.status === 'ok' && <Detail d={state.data} />}
    </View>
  )
}

function Detail({ d }: { d: TimelineReply }) {
  const r = d.item
  const go = () => void Taro.navigateTo({ url: r.link })
  return (
    <View>
      <View className='card track-card' aria-label={`${r.typeLabel} ${r.number}`}>
        <View className='track-head'>
          <Text className='track-head__type'>{r.typeLabel}</Text>
          <Text className='track-head__number'>编号 {r.number}</Text>
        </View>
        <Text className={`state ${toneOf(r)}`}>{r.step}</Text>
        {r.summary && <InfoRow label='办的事' value={r.summary} />}
        <InfoRow label='办理的工会' value={r.orgName} />
        <InfoRow label='交上去的日子' value={formatDateCN(r.submittedAt)} />
        {r.dueText && <Text className={`due${r.overdue ? ' due--late' : ''}`}>{r.dueText}</Text>}
        {r.reminder && (
          <View className='due due--late' role='alert'>
            <Text>⚠️ {r.reminder}</Text>
          </View>
        )}
      </View>

      {r.todo && (
        <View className='card track-card track-card--todo'>
          <Text className='track-title'>要你做的事</Text>
          <TodoBox todo={r.todo} />
          <Button className='big-button gap' type='primary' block onClick={go}>
            {r.todo.action}
          </Button>
        </View>
      )}

      {r.outcome && (
        <View className='card track-card' aria-label='办理结果'>
          <Text className={`track-outcome ${toneOf(r)}`}>{r.outcome.text}</Text>
        </View>
      )}

      <Text className='section-title'>办理经过</Text>
      <View className='card'>
        <Timeline steps={d.steps} />
      </View>

      {!r.todo && (
        <Button className='big-button gap' block onClick={go}>
          看全部详细情况
        </Button>
      )}
    </View>
  )
}
