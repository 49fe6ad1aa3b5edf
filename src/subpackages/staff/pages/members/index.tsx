import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { dateLabel } from '../../../../domain/calendar/working-days'
import type { MemberRow } from '../../../../domain/membership/membership.schema'
import { errorText } from '../../../../services/errors'
import { exportMembers, listMembers } from '../../../../services/membership'
import Alert from '../../components/Alert'
import { MigrantBadge } from '../../components/MemberBits'
import PagedList from '../../components/PagedList'
import SearchBox from '../../components/SearchBox'
import StaffGate from '../../components/StaffGate'
import { saveXlsx } from '../../saveXlsx'
import { useFilteredList } from '../../useFilteredList'
import { useSubmit } from '../../useSubmit'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

function Export() {
  const { busy, run } = useSubmit()
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<number | null>(null)
  const go = async () => {
    setError(null)
    setDone(null)
    const r = await run(() => exportMembers())
    if (!r) return
    if (!r.ok) {
      setError(errorText(r.error))
      return
    }
    try {
      await saveXlsx(r.data.fileName, r.data.contentBase64)
      setDone(r.data.rows)
    } catch {
      setError('表格已经生成，但没能打开。请再点一次“导出表格”。')
    }
  }
  return (
    <View className='card'>
      <Button className='big-button' block disabled={busy} onClick={go}>
        {busy ? '正在生成表格…' : '📄 导出表格'}
      </Button>
      <Text className='staff-note'>表格里身份证号只显示前后几位。谁在什么时候导出了表格，会被记录下来。请不要转发到群里。</Text>
      {done !== null && (
        <View className='notice notice--ok' role='status'>
          <Text>已导出 {done} 名会员。{process.env.TARO_ENV === 'h5' ? '表格已经下载。' : '在打开的表格右上角可以转发或保存。'}</Text>
        </View>
      )}
      {error && <Alert text={error} />}
    </View>
  )
}

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
      <Export />
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
