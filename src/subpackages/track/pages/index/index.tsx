import { useReducer, useRef } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import Loading from '../../../../components/Loading'
import type { MyRequestRow } from '../../../../domain/requests/my-requests.api'
import { errorText } from '../../../../services/errors'
import { trackDetailUrl } from '../../../../services/my-requests'
import { askToSubscribe, canAskToSubscribe } from '../../../../services/subscribe'
import { HOME_PAGE } from '../../../../services/routes'
import { draftRows, type DraftRow } from '../../drafts'
import { useMyRequests } from '../../useMyRequests'
import { TodoBox, toneOf } from '../../parts'
import { pageClass, useTextSize } from '../../../../services/text-size'
import '../../../../components/StationShared.css'
import '../../../../components/RequestState.css'
import '../../track.css'

const open = (url: string) => void Taro.navigateTo({ url })

/** A titled list of requests (办理中, 已办完); nothing when empty. */
function RequestSection({ title, rows }: { title: string; rows: MyRequestRow[] }) {
  if (rows.length === 0) return null
  return (
    <View>
      <Text className='section-title'>{title}</Text>
      <View role='list' aria-label={title}>
        {rows.map((r) => (
          <RequestCard key={r.key} r={r} />
        ))}
      </View>
    </View>
  )
}

/**
 * 我的办理: every request in one place. What waits for the worker comes first (要你做的事, with what to add
 * and a button to do it), then forms not sent yet, then 办理中 and 已办完. Pull down or come back to read
 * it again.
 */
export default function TrackPage() {
  const { textClass } = useTextSize()
  const { state, reload, refresh, loadMore } = useMyRequests()
  // drafts live on the phone: read them again whenever the page shows (a wizard may have sent one)
  const [, readDraftsAgain] = useReducer((n: number) => n + 1, 0)
  const firstShow = useRef(true)
  useDidShow(() => {
    readDraftsAgain()
    if (firstShow.current) firstShow.current = false
    else void refresh()
  })
  usePullDownRefresh(() => {
    readDraftsAgain()
    void refresh().finally(() => void Taro.stopPullDownRefresh())
  })

  const drafts = state.status === 'ok' ? draftRows(state.draft) : []
  const running = state.items.filter((i) => i.group === 'open')
  const done = state.items.filter((i) => i.group === 'done')
  const empty = state.status === 'ok' && state.items.length === 0 && state.todo.length === 0 && drafts.length === 0

  return (
    <View className={pageClass('page track', textClass)}>
      {state.status === 'loading' && (
        <View className='card'>
          <Loading text='正在读取你办的事，请稍等…' rows={3} />
        </View>
      )}
      {state.status === 'error' && state.error && <ErrorBox title='没能读到你办的事' error={state.error} onRetry={reload} />}

      {empty && (
        <View className='card'>
          <Text className='track-title'>你还没有交过申请</Text>
          <Text className='track-text'>要入会、找法律援助、申请互助保障补助，或者驿站有东西坏了要报修，都从首页开始。交上去以后，办到哪一步了都能在这里看到。</Text>
          <Button className='big-button gap' type='primary' block onClick={() => void Taro.switchTab({ url: HOME_PAGE })}>
            回首页去办事
          </Button>
        </View>
      )}

      {canAskToSubscribe() && (
        <View className='card'>
          <Text className='track-text'>期限快到了、工会要你补材料、有了结果，微信可以提醒你。每点一次“允许”，能收到一条提醒。</Text>
          <Button className='big-button gap' block onClick={() => void askToSubscribe('remind')}>
            🔔 开启到期提醒
          </Button>
        </View>
      )}

      {state.todo.length > 0 && (
        <View>
          <Text className='section-title'>要你做的事（{state.todo.length} 件）</Text>
          <View role='list' aria-label='要你做的事'>
            {state.todo.map((r) => (
              <TodoCard key={r.key} r={r} />
            ))}
          </View>
        </View>
      )}

      {drafts.length > 0 && (
        <View>
          <Text className='section-title'>还没交的草稿</Text>
          <View role='list' aria-label='还没交的草稿'>
            {drafts.map((d) => (
              <DraftCard key={d.kind} d={d} />
            ))}
          </View>
        </View>
      )}

      <RequestSection title='办理中' rows={running} />
      <RequestSection title='已办完' rows={done} />

      {state.status === 'ok' && state.next !== null && (
        <View className='load-more'>
          {state.more === 'error' && (
            <View className='notice notice--bad' role='alert'>
              <Text>{errorText(state.moreError)}</Text>
            </View>
          )}
          <Button className='big-button gap' block disabled={state.more === 'loading'} onClick={loadMore}>
            {state.more === 'loading' ? '正在加载…' : state.more === 'error' ? '再试一次' : '加载更多'}
          </Button>
        </View>
      )}
      {state.status === 'ok' && !empty && <Text className='track-hint'>往下拉可以刷新。</Text>}
    </View>
  )
}

/** The kind and the number to read out to the union: 互助保障 · 编号 3F9C2A. */
function Head({ r }: { r: MyRequestRow }) {
  return (
    <View className='track-head'>
      <Text className='track-head__type'>{r.typeLabel}</Text>
      <Text className='track-head__number'>编号 {r.number}</Text>
    </View>
  )
}

/** Waiting for the worker: what to add, by when, and the button that opens the page to do it. */
function TodoCard({ r }: { r: MyRequestRow }) {
  return (
    <View className='card track-card track-card--todo' role='listitem' aria-label={`${r.typeLabel} ${r.number}`}>
      <Head r={r} />
      {r.summary && <Text className='request-row__title'>{r.summary}</Text>}
      <Text className='request-row__line'>办理的工会：{r.orgName}</Text>
      {r.todo && <TodoBox todo={r.todo} />}
      {r.todo && (
        <Button className='big-button gap' type='primary' block onClick={() => open(r.link)}>
          {r.todo.action}
        </Button>
      )}
      <View className='request-row__more' role='link' aria-label='看办理经过' onClick={() => open(trackDetailUrl(r.type, r.id))}>
        <Text>看办理经过 ›</Text>
      </View>
    </View>
  )
}

/** Being handled or finished: where it is (or how it ended), who holds it, the union's deadline. */
function RequestCard({ r }: { r: MyRequestRow }) {
  return (
    <View className='card track-card request-row' role='listitem' aria-label={`${r.typeLabel} ${r.number}`} onClick={() => open(trackDetailUrl(r.type, r.id))}>
      <Head r={r} />
      {r.summary && <Text className='request-row__title'>{r.summary}</Text>}
      <Text className={`request-row__state ${toneOf(r)}`}>{r.outcome?.text ?? r.step}</Text>
      <Text className='request-row__line'>办理的工会：{r.orgName}</Text>
      {r.dueText && <Text className={`due${r.overdue ? ' due--late' : ''}`}>{r.dueText}</Text>}
      {r.reminder && <Text className='due due--late'>⚠️ {r.reminder}</Text>}
      <Text className='request-row__more'>
        看详情
        <Text aria-hidden> ›</Text>
      </Text>
    </View>
  )
}

function DraftCard({ d }: { d: DraftRow }) {
  return (
    <View className='card track-card' role='listitem' aria-label={`草稿 ${d.title}`}>
      <Text className='request-row__title'>📝 {d.title}</Text>
      {d.what && <Text className='request-row__line'>{d.what}</Text>}
      <Text className='request-row__line'>还没有交给工会，填完交上去工会才会办。</Text>
      <Button className='big-button gap' block onClick={() => open(d.link)}>
        接着填
      </Button>
    </View>
  )
}
