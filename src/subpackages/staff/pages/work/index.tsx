import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { WORK_TYPES, WORK_TYPE_LABELS } from '../../../../domain/workspace/work-item'
import { QUEUE_FLAGS, QUEUE_FLAG_LABELS, QUEUE_VIEWS, QUEUE_VIEW_LABELS, type QueueFlag, type QueueRow, type QueueView } from '../../../../domain/workspace/workspace.api'
import type { Me } from '../../../../services/session'
import { askToSubscribe, canAskToSubscribe } from '../../../../services/subscribe'
import { exportQueue, workQueue, type QueueFilter } from '../../../../services/workspace'
import ExportCard from '../../components/ExportCard'
import PagedList from '../../components/PagedList'
import SearchBox from '../../components/SearchBox'
import StaffGate from '../../components/StaffGate'
import Tabs from '../../components/Tabs'
import WorkChips from '../../components/WorkChips'
import { useFilteredList } from '../../useFilteredList'
import { useReloadOnShow, useShowCount } from '../../useShowCount'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

/** 下级全部 and 超期上报 are for the federation's staff and the admin. */
const WIDE_VIEWS: ReadonlySet<QueueView> = new Set(['subtree', 'escalated'])
const isWide = (me: Me) => me.role === 'federation_staff' || me.role === 'admin'

const TYPE_CHIPS = [{ value: 'all' as const, label: '全部' }, ...WORK_TYPES.map((t) => ({ value: t, label: WORK_TYPE_LABELS[t] }))]
const FLAG_CHIPS = QUEUE_FLAGS.map((f) => ({ value: f, label: QUEUE_FLAG_LABELS[f] }))

const EMPTY: Record<QueueView, string> = {
  mine: '现在没有等你处理的事',
  subtree: '下级工会现在没有要办的事。',
  escalated: '没有超过期限上报上来的事。',
  worker: '没有在等职工补材料的事。',
}
const HINT: Partial<Record<QueueView, string>> = {
  mine: '最早到期的排在最前面。点一件事，就能去办。',
  escalated: '下级工会超过期限还没办的事，会上报到这里。请催一催，或者直接办。',
  worker: '这些事在等职工补材料，补好了会回到“待我处理”。',
}

/** A staff page path with its query; a path without the leading slash is taken as inside the staff subpackage. */
function linkUrl(link: string): string {
  if (link.startsWith('/')) return link
  if (link.startsWith('subpackages/')) return `/${link}`
  return `/subpackages/staff/${link}`
}

function Due({ row }: { row: QueueRow }) {
  if (!row.dueText) return null
  const icon = row.flag === 'overdue' ? '⚠' : row.flag === 'due_soon' ? '⏰' : '⏱'
  return (
    <Text className={`work-due work-due--${row.flag}`}>
      {icon} {row.dueText}
    </Text>
  )
}

function Row({ row }: { row: QueueRow }) {
  const mark = row.flag === 'overdue' ? ' queue-row--late' : row.flag === 'due_soon' ? ' work-row--soon' : ''
  return (
    <View
      className={`card queue-row work-row${mark}`}
      role='listitem'
      aria-label={`${row.typeLabel} ${row.number}`}
      onClick={() => Taro.navigateTo({ url: linkUrl(row.link) })}
    >
      <View className='queue-row__body'>
        <View className='work-row__tags'>
          <Text className='work-tag'>{row.typeLabel}</Text>
          {row.escalated && <Text className='work-tag work-tag--up'>超期上报</Text>}
          <Text className='work-row__number'>编号 {row.number}</Text>
        </View>
        {row.applicant && <Text className='queue-row__name'>{row.applicant}</Text>}
        <Text className='queue-row__line'>{row.summary}</Text>
        <Text className='queue-row__small'>
          {row.step} · {row.orgName}
        </Text>
        <Text className='queue-row__small'>{row.ageText}交来</Text>
        <Due row={row} />
      </View>
      <Text className='link__arrow' aria-hidden>
        ›
      </Text>
    </View>
  )
}

/** Stops the pull-down spinner once the list has been read again. */
function usePullReload(pulled: number, reload: () => void, loading: boolean) {
  const atMount = useRef(pulled)
  const waiting = useRef(false)
  useEffect(() => {
    if (pulled === atMount.current) return
    waiting.current = true
    reload()
  }, [pulled, reload])
  useEffect(() => {
    if (waiting.current && !loading) {
      waiting.current = false
      void Taro.stopPullDownRefresh()
    }
  }, [loading])
}

function Queue({ me, shown, pulled }: { me: Me; shown: number; pulled: number }) {
  const wide = isWide(me)
  const { filter, setFilter, state, reload, loadMore } = useFilteredList<QueueFilter, QueueRow>({ view: 'mine', type: null, flag: null, q: '' }, workQueue)
  useReloadOnShow(shown, reload)
  usePullReload(pulled, reload, state.status === 'loading')
  const tabs = QUEUE_VIEWS.filter((v) => wide || !WIDE_VIEWS.has(v)).map((v) => ({ value: v, label: QUEUE_VIEW_LABELS[v] }))
  const narrowed = filter.type !== null || filter.flag !== null || filter.q !== ''
  // Items waiting for the worker run no clock: no deadline filter there.
  const flags = filter.view !== 'worker'
  const hint = HINT[filter.view]
  // Filters fold away so the list starts high on a small phone; open while any is on.
  const [filtersOpen, setFiltersOpen] = useState(false)
  const filterWords = [filter.type ? WORK_TYPE_LABELS[filter.type] : '全部', flags && filter.flag ? QUEUE_FLAG_LABELS[filter.flag] : '', filter.q ? `找“${filter.q}”` : ''].filter(Boolean).join(' · ')

  return (
    <View>
      <Tabs tabs={tabs} value={filter.view} onChange={(view) => setFilter({ ...filter, view, flag: view === 'worker' ? null : filter.flag })} />
      {hint && <Text className='staff-note queue-hint'>{hint}</Text>}

      <View
        className='card work-filters__toggle'
        role='button'
        aria-expanded={filtersOpen}
        aria-label={`筛选和查找：${filterWords}`}
        onClick={() => setFiltersOpen(!filtersOpen)}
      >
        <Text className='work-filters__summary'>🔎 筛选和查找：{filterWords}</Text>
        <Text className='link__arrow' aria-hidden>
          {filtersOpen ? '︿' : '﹀'}
        </Text>
      </View>
      {filtersOpen && (
        <View>
          <View className='card work-filters'>
            <Text className='work-filters__label'>哪一类事</Text>
            <WorkChips label='哪一类事' chips={TYPE_CHIPS} value={filter.type ?? 'all'} onChange={(t) => setFilter({ ...filter, type: t === 'all' || t === null ? null : t })} />
            {flags && (
              <View>
                <Text className='work-filters__label'>期限</Text>
                <WorkChips<QueueFlag> label='期限' clearable chips={FLAG_CHIPS} value={filter.flag} onChange={(flag) => setFilter({ ...filter, flag })} />
              </View>
            )}
          </View>
          <SearchBox label='查找要办的事' placeholder='搜编号、姓名或单位' maxlength={30} active={filter.q !== ''} onSearch={(q) => setFilter({ ...filter, q })} />
        </View>
      )}
      {filter.q && <Text className='section-title'>找“{filter.q}”</Text>}

      <PagedList
        state={state}
        reload={reload}
        loadMore={loadMore}
        loadingText='正在读取要办的事…'
        errorTitle='没能读到要办的事'
        emptyText={narrowed ? '没有找到这样的事。换个条件试试，或点“全部”。' : EMPTY[filter.view]}
        item={(row) => <Row key={row.id} row={row} />}
      />

      {canAskToSubscribe() && (
        <Button className='big-button staff-gap' block onClick={() => void askToSubscribe('staffDigest')}>
          🔔 每天早上 8 点提醒我有几件事要办
        </Button>
      )}

      <Text className='section-title'>导出表格</Text>
      <ExportCard
        fetch={() => exportQueue({ view: filter.view, type: filter.type, flag: filter.flag })}
        masked={`表格里是“${QUEUE_VIEW_LABELS[filter.view]}”这一栏的事，按上面选的类型和期限（不按搜索）。姓名遮住了一部分。`}
        doneText={(n) => `已导出 ${n} 件事。`}
      />
    </View>
  )
}

export default function WorkPage() {
  const shown = useShowCount()
  const [pulled, setPulled] = useState(0)
  usePullDownRefresh(() => setPulled((n) => n + 1))
  return (
    <View className='page staff station-staff work'>
      <StaffGate>{(me) => <Queue me={me} shown={shown} pulled={pulled} />}</StaffGate>
    </View>
  )
}
