import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { dateLabel } from '../../../../domain/calendar/working-days'
import type { ClaimQueueFilter, ClaimRow } from '../../../../domain/mutual-aid/mutual-aid.api'
import { yuan } from '../../../../domain/mutual-aid/mutual-aid.rules'
import type { Me } from '../../../../services/session'
import { claimQueue, exportClaims, STAFF_AID_REVIEW_PAGE } from '../../../../services/mutual-aid'
import { withQuery } from '../../../../services/stations'
import { YearExportCard } from '../../components/ExportCard'
import PagedList from '../../components/PagedList'
import StaffGate from '../../components/StaffGate'
import Tabs from '../../components/Tabs'
import { chinaTime } from '../../format'
import { useFilteredList } from '../../useFilteredList'
import { useReloadOnShow, useShowCount } from '../../useShowCount'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

const TABS: Array<{ value: ClaimQueueFilter; label: string }> = [
  { value: 'todo', label: '待处理' },
  { value: 'needs_docs', label: '待补材料' },
  { value: 'approved', label: '待打款' },
  { value: 'done', label: '已办完' },
  { value: 'all', label: '全部' },
]
const EMPTY: Record<ClaimQueueFilter, string> = {
  todo: '现在没有要你处理的互助保障申请。',
  needs_docs: '没有在等职工补材料的申请。',
  approved: '没有等着打款的申请。',
  done: '还没有办完的申请。',
  all: '还没有人申请互助保障。',
}

/** The approved amount once there is one, else what the rules computed when it was sent. */
const amountText = (c: Pick<ClaimRow, 'approvedFen' | 'computedFen'>): string =>
  c.approvedFen !== null ? `批准 ${yuan(c.approvedFen)}` : `按规定算 ${yuan(c.computedFen)}`

function Row({ c, showOrg }: { c: ClaimRow; showOrg: boolean }) {
  return (
    <View
      className='card queue-row'
      role='listitem'
      aria-label={`${c.name}的${c.planName}申请`}
      onClick={() => Taro.navigateTo({ url: withQuery(STAFF_AID_REVIEW_PAGE, { id: c.id }) })}
    >
      <View className='queue-row__body'>
        <View className='queue-row__head'>
          <Text className='queue-row__name'>{c.name}</Text>
          <Text className='queue-row__id'>{c.maskedIdNumber}</Text>
        </View>
        <Text className='queue-row__line'>
          {c.planName} · 出事日期 {dateLabel(c.eventDate)}
        </Text>
        <Text className='queue-row__money'>{amountText(c)}</Text>
        {showOrg && <Text className='queue-row__small'>{c.orgName}</Text>}
        <Text className='queue-row__small'>
          {chinaTime(c.submittedAt)} 申请 · {c.stateLabel}
        </Text>
      </View>
      <Text className='link__arrow' aria-hidden>
        ›
      </Text>
    </View>
  )
}

function Queue({ me, shown }: { me: Me; shown: number }) {
  const { filter: tab, setFilter, state, reload, loadMore } = useFilteredList<ClaimQueueFilter, ClaimRow>('todo', claimQueue)
  useReloadOnShow(shown, reload)
  const hint =
    me.role === 'grassroots_staff'
      ? '你核对材料：齐了就交给总工会审批金额，不齐就请他补。最早交的排在最前面。'
      : '基层工会核对过的申请在这里等你审批金额。最早交的排在最前面。'
  return (
    <View>
      <Tabs tabs={TABS} value={tab} onChange={setFilter} />
      {tab === 'todo' && <Text className='staff-note queue-hint'>{hint}</Text>}
      <PagedList
        state={state}
        reload={reload}
        loadMore={loadMore}
        loadingText='正在读取互助保障申请…'
        errorTitle='没能读到互助保障申请'
        emptyText={EMPTY[tab]}
        item={(c) => <Row key={c.id} c={c} showOrg={me.role !== 'grassroots_staff'} />}
      />
      <YearExportCard
        fetch={(year) => exportClaims(year ? { year } : {})}
        intro='表格里有每份申请的金额、批准的金额和打款的情况。按出事的年份导出：'
        doneText={(n) => `已导出 ${n} 份申请。`}
      />
    </View>
  )
}

export default function AidQueuePage() {
  const shown = useShowCount()
  return (
    <View className='page staff station-staff aid-queue'>
      <StaffGate>{(me) => <Queue me={me} shown={shown} />}</StaffGate>
    </View>
  )
}
