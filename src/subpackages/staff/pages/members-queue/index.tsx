import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ApplicationRow, QueueFilter } from '../../../../domain/membership/membership.schema'
import type { Me } from '../../../../services/session'
import { applicationQueue, STAFF_MEMBER_REVIEW_PAGE } from '../../../../services/membership'
import { withQuery } from '../../../../services/stations'
import PagedList from '../../components/PagedList'
import StaffGate from '../../components/StaffGate'
import Tabs from '../../components/Tabs'
import { DueLine, MigrantBadge } from '../../components/MemberBits'
import { chinaTime } from '../../format'
import { useFilteredList } from '../../useFilteredList'
import { useReloadOnShow, useShowCount } from '../../useShowCount'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

const TABS: Array<{ value: QueueFilter; label: string }> = [
  { value: 'submitted', label: '待处理' },
  { value: 'needs_info', label: '待补充' },
  { value: 'decided', label: '已处理' },
  { value: 'all', label: '全部' },
]
const EMPTY: Record<QueueFilter, string> = {
  submitted: '现在没有要处理的入会申请。',
  open: '没有办理中的入会申请。',
  needs_info: '没有在等职工补充材料的申请。',
  decided: '还没有处理完的申请。',
  all: '还没有人申请入会。',
}

function Row({ a, showOrg }: { a: ApplicationRow; showOrg: boolean }) {
  return (
    <View
      className={`card queue-row${a.overdue ? ' queue-row--late' : ''}`}
      role='listitem'
      aria-label={`${a.name}的入会申请`}
      onClick={() => Taro.navigateTo({ url: withQuery(STAFF_MEMBER_REVIEW_PAGE, { id: a.id }) })}
    >
      <View className='queue-row__body'>
        <View className='queue-row__head'>
          <Text className='queue-row__name'>{a.name}</Text>
          <MigrantBadge show={a.migrant} />
        </View>
        <Text className='queue-row__line'>{a.employerName}</Text>
        <Text className='queue-row__small'>{a.employmentTypeLabel}</Text>
        {showOrg && <Text className='queue-row__small'>由 {a.orgName} 办理</Text>}
        <Text className='queue-row__small'>
          {chinaTime(a.submittedAt)} 申请 · {a.stateLabel}
        </Text>
        <DueLine dueText={a.dueText} dueDate={a.dueDate} overdue={a.overdue} />
      </View>
      <Text className='link__arrow' aria-hidden>
        ›
      </Text>
    </View>
  )
}

function Queue({ me, shown }: { me: Me; shown: number }) {
  const { filter: tab, setFilter, state, reload, loadMore } = useFilteredList<QueueFilter, ApplicationRow>('submitted', applicationQueue)
  useReloadOnShow(shown, reload)
  return (
    <View>
      <Tabs tabs={TABS} value={tab} onChange={setFilter} />
      {tab === 'submitted' && <Text className='staff-note queue-hint'>最早交的排在最前面。点一条看详细情况，再决定怎么办。</Text>}
      <PagedList
        state={state}
        reload={reload}
        loadMore={loadMore}
        loadingText='正在读取入会申请…'
        errorTitle='没能读到入会申请'
        emptyText={EMPTY[tab]}
        item={(a) => <Row key={a.id} a={a} showOrg={me.role !== 'grassroots_staff'} />}
      />
    </View>
  )
}

export default function MembersQueuePage() {
  const shown = useShowCount()
  return (
    <View className='page staff station-staff members-queue'>
      <StaffGate>{(me) => <Queue me={me} shown={shown} />}</StaffGate>
    </View>
  )
}
