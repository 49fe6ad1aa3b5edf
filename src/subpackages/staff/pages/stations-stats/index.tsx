import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import ErrorBox from '../../../../components/ErrorBox'
import Loading from '../../../../components/Loading'
import StaffGate from '../../components/StaffGate'
import type { VisitStatsReply } from '../../../../domain/stations/station.schema'
import { visitStats } from '../../../../services/stations'
import { useReply } from '../../useReply'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

const monthText = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`

function Months({ data }: { data: VisitStatsReply }) {
  const months = [...data.months].reverse()
  const max = Math.max(1, ...months.map((m) => m.visits))
  const inRange = months.reduce((sum, m) => sum + m.visits, 0)
  return (
    <View>
      <View className='card'>
        <Text className='stats-total'>一共来过 {data.total} 人次</Text>
        <Text className='staff-note'>
          近 {months.length} 个月 {inRange} 人次。同一个人两小时内扫码多次，只算一次。
        </Text>
      </View>
      <View className='card' role='table' aria-label='每个月的签到人次'>
        {months.map((m) => (
          <View key={m.month} className='stats-row' role='row'>
            <Text className='stats-row__month'>{monthText(m.month)}</Text>
            <View className='stats-row__bar-box' aria-hidden>
              <View className='stats-row__bar' style={{ width: `${Math.round((m.visits / max) * 100)}%` }} />
            </View>
            <Text className='stats-row__count'>{m.visits} 人次</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

function Stats({ id }: { id: string }) {
  const { state, reload } = useReply(() => visitStats(id))
  if (state.status === 'error') return <ErrorBox title='没能读到签到统计' error={state.error} onRetry={reload} />
  if (state.status !== 'ok') return <Loading rows={6} text='正在读取签到统计…' />
  return <Months data={state.data} />
}

export default function StationStatsPage() {
  const { params } = useRouter()
  let name = params.name ?? ''
  try {
    name = decodeURIComponent(name)
  } catch {
    // already plain text
  }
  return (
    <View className='page staff station-staff'>
      {name && <Text className='section-title stats-name'>{name}</Text>}
      <StaffGate>{() => <Stats id={params.id ?? ''} />}</StaffGate>
    </View>
  )
}
