import PhotoThumbs from '../../../../components/PhotoThumbs'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import ErrorBox from '../../../../components/ErrorBox'
import { LoadMore, usePaged } from '../../../../components/StationPaging'
import type { ReportView } from '../../../../domain/stations/station.schema'
import { myReports, STATIONS_LIST_PAGE } from '../../../../services/stations'
import { chinaTime } from '../../format'
import { pageClass, useTextSize } from '../../../../services/text-size'
import '../../../../components/StationShared.css'
import '../../../../components/Timeline.css'
import './index.css'

interface Step {
  label: string
  at: string | null
  tone: 'done' | 'now' | 'next' | 'bad'
}

/** Where the report is: from the dates the record has (submitted, last change). */
function reportSteps(r: ReportView): Step[] {
  const steps: Step[] = [{ label: '已提交', at: r.createdAt, tone: r.state === 'submitted' ? 'now' : 'done' }]
  if (r.state === 'submitted') steps.push({ label: '等工作人员来看', at: null, tone: 'next' })
  if (r.state === 'in_progress') steps.push({ label: '正在维修', at: r.updatedAt, tone: 'now' }, { label: '修好后会在这里告诉你', at: null, tone: 'next' })
  if (r.state === 'resolved') steps.push({ label: '已修好', at: r.updatedAt, tone: 'done' })
  if (r.state === 'rejected') steps.push({ label: '不需要维修', at: r.updatedAt, tone: 'bad' })
  return steps
}

const MARK: Record<Step['tone'], string> = { done: '✅', now: '🔵', next: '⚪', bad: '⛔' }

function ReportItem({ r, highlight }: { r: ReportView; highlight: boolean }) {
  return (
    <View className={`card my-report${highlight ? ' my-report--new' : ''}`} role='listitem'>
      <Text className='my-report__station'>{r.station.name}</Text>
      <Text className='my-report__problem'>{r.problemLabel}</Text>
      {r.text && <Text className='my-report__text'>“{r.text}”</Text>}
      <PhotoThumbs photos={r.photos} />
      <View className='timeline' role='list' aria-label='进度'>
        {reportSteps(r).map((s) => (
          <View key={s.label} className={`timeline__step timeline__step--${s.tone}`} role='listitem'>
            <Text className='timeline__mark' aria-hidden>
              {MARK[s.tone]}
            </Text>
            <View className='timeline__body'>
              <Text className='timeline__label'>{s.label}</Text>
              {s.at && <Text className='timeline__at'>{chinaTime(s.at)}</Text>}
            </View>
          </View>
        ))}
      </View>
      {r.replyReason && <Text className='my-report__reply'>原因：{r.replyReason}</Text>}
      {r.replyNote && <Text className='my-report__reply'>工作人员说：{r.replyNote}</Text>}
    </View>
  )
}

/** 我报修的事: each report with where it is now; the one just sent (or notified about) is marked. */
export default function MyReports() {
  const { textClass } = useTextSize()
  const { params } = useRouter()
  const { state, reload, loadMore } = usePaged<ReportView>((cursor) => myReports(cursor))
  return (
    <View className={pageClass('page stations', textClass)}>
      <Text className='section-title'>我报修的事</Text>
      {state.status === 'loading' && (
        <View className='card' aria-busy='true'>
          <View className='skeleton-bar skeleton-bar--title' />
          <View className='skeleton-bar' />
          <View className='skeleton-bar skeleton-bar--short' />
          <Text className='muted'>正在读取，请稍等…</Text>
        </View>
      )}
      {state.status === 'error' && state.error && <ErrorBox title='没能读到你报修的事' error={state.error} onRetry={reload} />}
      {state.status === 'ok' && state.items.length === 0 && (
        <View className='card'>
          <Text className='detail-text'>你还没有报修过。驿站里有东西坏了，在驿站的页面点“我要报修”就行。</Text>
          <View className='text-link' role='link' onClick={() => Taro.navigateTo({ url: STATIONS_LIST_PAGE })}>
            <Text>去找驿站</Text>
          </View>
        </View>
      )}
      {state.status === 'ok' && state.items.length > 0 && (
        <View role='list'>
          {state.items.map((r) => (
            <ReportItem key={r.id} r={r} highlight={r.id === params.id} />
          ))}
        </View>
      )}
      <LoadMore state={state} onMore={loadMore} />
    </View>
  )
}
