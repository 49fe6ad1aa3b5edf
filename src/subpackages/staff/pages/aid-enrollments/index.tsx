import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { dateLabel, shanghaiDate } from '../../../../domain/calendar/working-days'
import type { EnrollmentRow } from '../../../../domain/mutual-aid/mutual-aid.api'
import { listOrgs } from '../../../../services/admin'
import { listEnrollments, STAFF_AID_IMPORT_PAGE } from '../../../../services/mutual-aid'
import { withQuery } from '../../../../services/stations'
import OrgPicker from '../../components/OrgPicker'
import PagedList from '../../components/PagedList'
import SearchBox from '../../components/SearchBox'
import StaffGate from '../../components/StaffGate'
import { useFilteredList } from '../../useFilteredList'
import { useReply } from '../../useReply'
import { useReloadOnShow, useShowCount } from '../../useShowCount'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

interface Filter {
  orgId: string
  q: string
}

/** Whether the term covers today: 保障中, 还没开始 or 已到期. */
function termBadge(e: EnrollmentRow, today: string): { text: string; cls: string } {
  if (today < e.termStart) return { text: '还没开始', cls: 'enrol__badge--later' }
  if (today > e.termEnd) return { text: '已到期', cls: 'enrol__badge--over' }
  return { text: '保障中', cls: 'enrol__badge--on' }
}

function Enrollment({ e, today, showOrg }: { e: EnrollmentRow; today: string; showOrg: boolean }) {
  const badge = termBadge(e, today)
  return (
    <View className='card enrol' role='listitem' aria-label={`${e.name} ${e.planName}`}>
      <View className='enrol__head'>
        <Text className='enrol__name'>{e.name}</Text>
        <Text className={`enrol__badge ${badge.cls}`}>{badge.text}</Text>
      </View>
      <Text className='enrol__line'>
        {e.planName} · {e.shares} 份
      </Text>
      <Text className='enrol__small'>
        {dateLabel(e.termStart)} 到 {dateLabel(e.termEnd)}
      </Text>
      <Text className='enrol__small'>身份证 {e.maskedIdNumber}</Text>
      {showOrg && <Text className='enrol__small'>{e.orgName}</Text>}
    </View>
  )
}

function Enrollments({ firstOrg, shown }: { firstOrg: string; shown: number }) {
  const orgs = useReply(listOrgs)
  const [choosing, setChoosing] = useState(false)
  const { filter, setFilter, state, reload, loadMore } = useFilteredList<Filter, EnrollmentRow>({ orgId: firstOrg, q: '' }, listEnrollments)
  useReloadOnShow(shown, reload)
  const list = orgs.state.status === 'ok' ? orgs.state.data.orgs : []
  const single = list.length === 1
  const unitName = filter.orgId ? (list.find((o) => o.id === filter.orgId)?.name ?? '选好的单位') : '全部单位'
  const today = shanghaiDate(new Date())

  return (
    <View>
      <Button className='big-button' type='primary' block onClick={() => Taro.navigateTo({ url: withQuery(STAFF_AID_IMPORT_PAGE, { orgId: filter.orgId }) })}>
        📥 导入参保名单
      </Button>

      {!single && (
        <View className='card'>
          <View className='enrol-unit'>
            <Text className='enrol-unit__label'>单位</Text>
            <Text className='enrol-unit__name'>{unitName}</Text>
          </View>
          {choosing ? (
            <OrgPicker
              orgs={orgs}
              label='单位'
              allLabel='全部单位'
              value={filter.orgId}
              onChange={(orgId) => {
                setChoosing(false)
                setFilter({ ...filter, orgId })
              }}
            />
          ) : (
            <Button className='staff-action' onClick={() => setChoosing(true)}>
              换一个单位
            </Button>
          )}
        </View>
      )}

      <SearchBox label='查找参保的人' placeholder='输入完整的姓名或身份证号' maxlength={20} active={filter.q !== ''} onSearch={(q) => setFilter({ ...filter, q })} />
      <Text className='section-title'>{filter.q ? `找“${filter.q}”` : '参保的人'}</Text>
      <PagedList
        state={state}
        reload={reload}
        loadMore={loadMore}
        loadingText='正在读取参保名单…'
        errorTitle='没能读到参保名单'
        emptyText={filter.q ? '没有找到。请输入完整的姓名，或 18 位身份证号再试。' : '还没有参保的人。单位把名单发来后，点上面的「导入参保名单」导进来。'}
        item={(e) => <Enrollment key={e.id} e={e} today={today} showOrg={!filter.orgId && !single} />}
      />
    </View>
  )
}

export default function AidEnrollmentsPage() {
  const { params } = useRouter()
  const shown = useShowCount()
  return (
    <View className='page staff station-staff aid-enrollments'>
      <StaffGate>{() => <Enrollments firstOrg={params.orgId ?? ''} shown={shown} />}</StaffGate>
    </View>
  )
}
