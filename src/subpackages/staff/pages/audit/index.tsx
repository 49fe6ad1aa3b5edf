import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import DateField from '../../../../components/DateField'
import { AUDIT_AREAS, type AuditArea, type AuditRow } from '../../../../domain/workspace/workspace.api'
import { auditLog, type AuditFilter } from '../../../../services/workspace'
import Alert from '../../components/Alert'
import PagedList from '../../components/PagedList'
import SearchBox from '../../components/SearchBox'
import StaffGate from '../../components/StaffGate'
import WorkChips from '../../components/WorkChips'
import { chinaTime } from '../../format'
import { useFilteredList } from '../../useFilteredList'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

const AUDIT_AREA_LABELS: Record<AuditArea, string> = {
  membership: '入会',
  legalAid: '法律援助',
  aid: '互助保障',
  stations: '驿站',
  staff: '人员',
  privacy: '隐私',
  rules: '规则',
  auth: '拒绝访问',
  figures: '数据',
}

const AREA_CHIPS = [{ value: 'all' as const, label: '全部' }, ...AUDIT_AREAS.map((a) => ({ value: a, label: AUDIT_AREA_LABELS[a] }))]

function Row({ r }: { r: AuditRow }) {
  const change = r.from !== null || r.to !== null
  return (
    <View className={`card audit-row${r.reveal ? ' audit-row--reveal' : ''}`} role='listitem' aria-label={`${r.actionLabel} ${r.targetNumber}`}>
      <View className='audit-row__head'>
        <Text className='audit-row__action'>{r.actionLabel}</Text>
        {r.reveal && <Text className='audit-tag'>查看了个人信息</Text>}
      </View>
      <Text className='audit-row__line'>
        {chinaTime(r.at)} · {r.who}
      </Text>
      {r.targetNumber && <Text className='audit-row__line'>编号 {r.targetNumber}</Text>}
      {change && (
        <Text className='audit-row__line'>
          {r.from ?? '（无）'} → {r.to ?? '（无）'}
        </Text>
      )}
      {r.reason && <Text className='audit-row__line'>原因：{r.reason}</Text>}
      {r.orgName && <Text className='audit-row__small'>{r.orgName}</Text>}
    </View>
  )
}

function Audit() {
  const { filter, setFilter, state, reload, loadMore } = useFilteredList<AuditFilter, AuditRow>({ area: null, revealsOnly: false, from: '', to: '', q: '' }, auditLog)
  const [dates, setDates] = useState({ from: '', to: '' })
  const [dateError, setDateError] = useState<string | null>(null)
  const changeDates = (next: { from: string; to: string }) => {
    setDates(next)
    if (next.from && next.to && next.from > next.to) {
      setDateError('开始的日子不能晚于结束的日子，请改一下。')
      return
    }
    setDateError(null)
    setFilter({ ...filter, ...next })
  }
  const narrowed = filter.area !== null || filter.revealsOnly || filter.from !== '' || filter.to !== '' || filter.q !== ''

  return (
    <View>
      <Text className='staff-note'>这里记着谁在什么时候做了什么：审核、改规则、导出表格、看了谁的个人信息。最新的在最前面。你只能看到你负责的工会的记录。</Text>
      <View className='card'>
        <Text className='audit-filters__label'>哪一块</Text>
        <WorkChips label='哪一块' chips={AREA_CHIPS} value={filter.area ?? 'all'} onChange={(a) => setFilter({ ...filter, area: a === 'all' || a === null ? null : a })} />
        <View
          className={`audit-switch${filter.revealsOnly ? ' audit-switch--on' : ''}`}
          role='switch'
          aria-checked={filter.revealsOnly}
          aria-label='只看查看个人信息'
          onClick={() => setFilter({ ...filter, revealsOnly: !filter.revealsOnly })}
        >
          <Text className='audit-switch__label'>只看查看个人信息</Text>
          <View className='audit-switch__track' aria-hidden>
            <View className='audit-switch__knob' />
          </View>
        </View>
        <DateField label='从哪天' value={dates.from} onChange={(from) => changeDates({ ...dates, from })} onClear={() => changeDates({ ...dates, from: '' })} />
        <DateField label='到哪天' value={dates.to} onChange={(to) => changeDates({ ...dates, to })} onClear={() => changeDates({ ...dates, to: '' })} />
        {dateError && <Alert text={dateError} />}
      </View>

      <SearchBox label='查找记录编号' placeholder='输入记录编号（后 6 位）' maxlength={64} active={filter.q !== ''} onSearch={(q) => setFilter({ ...filter, q })} />

      <PagedList
        state={state}
        reload={reload}
        loadMore={loadMore}
        loadingText='正在读取记录…'
        errorTitle='没能读到审计记录'
        emptyText={narrowed ? '没有找到这样的记录。换个条件试试。' : '还没有记录。'}
        item={(r) => <Row key={r.id} r={r} />}
      />
    </View>
  )
}

/** Any staff member: the server shows each only the records of the unions they look after. */
export default function AuditPage() {
  return (
    <View className='page staff station-staff audit'>
      <StaffGate>{() => <Audit />}</StaffGate>
    </View>
  )
}
