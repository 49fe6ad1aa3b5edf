import { View, Text } from '@tarojs/components'
import { dateLabel } from '../../../../domain/calendar/working-days'
import type { MemberRow } from '../../../../domain/membership/membership.schema'
import { exportMembers, listMembers } from '../../../../services/membership'
import ExportCard from '../../components/ExportCard'
import { MigrantBadge } from '../../components/MemberBits'
import PagedList from '../../components/PagedList'
import SearchBox from '../../components/SearchBox'
import StaffGate from '../../components/StaffGate'
import { useFilteredList } from '../../useFilteredList'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

function Member({ m }: { m: MemberRow }) {
  return (
    <View className='card member' role='listitem'>
      <View className='member__head'>
        <Text className='member__name'>{m.name}</Text>
        <MigrantBadge show={m.migrant} />
      </View>
      <View className='member__line'>
        <Text className='member__label'>会员号</Text>
        <Text className='member__no'>{m.memberNo}</Text>
      </View>
      <View className='member__line member__small'>
        <Text className='member__label'>身份证</Text>
        <Text>{m.maskedIdNumber}</Text>
      </View>
      <View className='member__line member__small'>
        <Text className='member__label'>入会</Text>
        <Text>{dateLabel(m.joinedDate)}</Text>
      </View>
      <Text className='member__small'>{m.orgName}</Text>
      <Text className='member__small'>{m.employmentTypeLabel}</Text>
    </View>
  )
}

function Members() {
  const { filter: q, setFilter: search, state, reload, loadMore } = useFilteredList<string, MemberRow>('', listMembers)
  return (
    <View>
      <ExportCard fetch={exportMembers} doneText={(n) => `已导出 ${n} 名会员。`} />
      <SearchBox label='查找会员' placeholder='输入姓名或会员号' maxlength={20} active={q !== ''} onSearch={search} />
      <Text className='section-title'>{q ? `找“${q}”` : '会员'}</Text>
      <PagedList
        state={state}
        reload={reload}
        loadMore={loadMore}
        loadingText='正在读取会员…'
        errorTitle='没能读到会员名册'
        emptyText={q ? '没有找到。请核对姓名或会员号，换个写法再试。' : '还没有会员。批准入会后，会员会出现在这里。'}
        item={(m) => <Member key={m.id} m={m} />}
      />
    </View>
  )
}

export default function MembersPage() {
  return (
    <View className='page staff station-staff members-roster'>
      <StaffGate>{() => <Members />}</StaffGate>
    </View>
  )
}
