import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CaseQueueFilter, CaseRow } from '../../../../domain/legal-aid/legal-aid.api'
import type { Me } from '../../../../services/session'
import { caseQueue, exportCases, STAFF_LEGAL_REVIEW_PAGE } from '../../../../services/legal-aid'
import { withQuery } from '../../../../services/stations'
import { YearExportCard } from '../../components/ExportCard'
import { LimitationLine, TriageFlags } from '../../components/LegalBits'
import { DueLine, MigrantBadge } from '../../components/MemberBits'
import PagedList from '../../components/PagedList'
import StaffGate from '../../components/StaffGate'
import Tabs from '../../components/Tabs'
import { chinaTime } from '../../format'
import { useFilteredList } from '../../useFilteredList'
import { useReloadOnShow, useShowCount } from '../../useShowCount'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

const TABS: Array<{ value: CaseQueueFilter; label: string }> = [
  { value: 'review', label: '待审核' },
  { value: 'needs_info', label: '待补充' },
  { value: 'active', label: '办理中' },
  { value: 'done', label: '已办结' },
  { value: 'all', label: '全部' },
]
const EMPTY: Record<CaseQueueFilter, string> = {
  review: '现在没有等你审核的法律援助求助。',
  needs_info: '没有在等职工补充材料的求助。',
  active: '没有正在办理的案子。',
  done: '还没有办完的案子。',
  all: '还没有人申请法律援助。',
}

/** A case that must not wait: the arbitration deadline is about to pass, or many workers. */
const isUrgent = (c: CaseRow) => c.flags.some((f) => f.code === 'limitation_urgent' || f.code === 'group')

function Row({ c, showOrg }: { c: CaseRow; showOrg: boolean }) {
  const late = c.overdue ? ' queue-row--late' : isUrgent(c) ? ' queue-row--urgent' : ''
  return (
    <View
      className={`card queue-row${late}`}
      role='listitem'
      aria-label={`${c.maskedName}的${c.disputeLabel}求助`}
      onClick={() => Taro.navigateTo({ url: withQuery(STAFF_LEGAL_REVIEW_PAGE, { id: c.id }) })}
    >
      <View className='queue-row__body'>
        <View className='queue-row__head'>
          <Text className='queue-row__name'>{c.maskedName}</Text>
          <MigrantBadge show={c.migrant} />
        </View>
        <TriageFlags flags={c.flags} />
        <Text className='queue-row__line'>
          {c.disputeLabel} · {c.employerName}
        </Text>
        {c.amountText && <Text className='queue-row__money'>要讨 {c.amountText}</Text>}
        <Text className='queue-row__small'>{c.workersAffected > 1 ? `${c.workersAffected} 个工友一起` : '他一个人'}</Text>
        <LimitationLine lastDay={c.limitationLastDay} status={c.limitationStatus} />
        {showOrg && <Text className='queue-row__small'>由 {c.orgName} 办理</Text>}
        <Text className='queue-row__small'>
          {chinaTime(c.submittedAt)} 申请 · {c.stateLabel}
        </Text>
        <DueLine dueText={c.dueText} overdue={c.overdue} />
      </View>
      <Text className='link__arrow' aria-hidden>
        ›
      </Text>
    </View>
  )
}

function Queue({ me, shown }: { me: Me; shown: number }) {
  const { filter: tab, setFilter, state, reload, loadMore } = useFilteredList<CaseQueueFilter, CaseRow>('review', caseQueue)
  useReloadOnShow(shown, reload)
  return (
    <View>
      <Tabs tabs={TABS} value={tab} onChange={setFilter} />
      {tab === 'review' && (
        <Text className='staff-note queue-hint'>最急的排在最前面：快到仲裁时效的、很多工友一起的、农民工讨薪或工伤的、家里困难的。一样急的，先交的在前。</Text>
      )}
      <PagedList
        state={state}
        reload={reload}
        loadMore={loadMore}
        loadingText='正在读取法律援助求助…'
        errorTitle='没能读到法律援助求助'
        emptyText={EMPTY[tab]}
        item={(c) => <Row key={c.id} c={c} showOrg={me.role !== 'grassroots_staff'} />}
      />
      <YearExportCard
        fetch={exportCases}
        intro='表格里有每件求助的类型、办理的工会、进度、结果、追回的钱和帮了几个人。按交求助的年份导出：'
        masked='表格里的姓名遮住了一部分，没有电话和身份证号。'
        doneText={(n) => `已导出 ${n} 件求助。`}
      />
    </View>
  )
}

export default function LegalQueuePage() {
  const shown = useShowCount()
  return (
    <View className='page staff station-staff legal-queue'>
      <StaffGate>{(me) => <Queue me={me} shown={shown} />}</StaffGate>
    </View>
  )
}
