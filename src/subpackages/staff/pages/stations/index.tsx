import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import { LoadMore } from '../../../../components/StationPaging'
import { STATION_STATUS_LABELS } from '../../../../domain/stations/station.constants'
import type { StationAdminPage, StationAdminRow } from '../../../../domain/stations/station.schema'
import type { Me } from '../../../../services/session'
import {
  listStations,
  STAFF_STATION_EDIT_PAGE,
  STAFF_STATION_IMPORT_PAGE,
  STAFF_STATION_QR_PAGE,
  STAFF_STATION_REPORTS_PAGE,
  STAFF_STATION_STATS_PAGE,
  STAFF_STATION_SUGGESTIONS_PAGE,
  withQuery,
} from '../../../../services/stations'
import SearchBox from '../../components/SearchBox'
import StaffGate from '../../components/StaffGate'
import { useFilteredList } from '../../useFilteredList'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

const go = (url: string) => Taro.navigateTo({ url })

function Row({ s }: { s: StationAdminRow }) {
  return (
    <View className='card manage-row' role='listitem'>
      <Text className='manage-row__name'>{s.name}</Text>
      <Text className='manage-row__meta'>
        {s.district}
        {s.hostOrg ? ` · ${s.hostOrg.name}` : ''}
      </Text>
      {s.status === 'temporarily_closed' && <Text className='manage-row__closed'>🚧 {STATION_STATUS_LABELS[s.status]}</Text>}
      <Text className='manage-row__meta'>
        本月签到 {s.visitsThisMonth} 人次 · 一共 {s.visitCount} 人次
      </Text>
      {s.openReports > 0 && (
        <View className='manage-row__reports' role='button' onClick={() => go(STAFF_STATION_REPORTS_PAGE)}>
          <Text>🛠 有 {s.openReports} 条报修还没办完 ›</Text>
        </View>
      )}
      <View className='manage-row__actions'>
        <Button className='staff-action manage-row__btn' onClick={() => go(withQuery(STAFF_STATION_EDIT_PAGE, { id: s.id }))}>
          修改
        </Button>
        <Button className='staff-action manage-row__btn' onClick={() => go(withQuery(STAFF_STATION_QR_PAGE, { id: s.id, name: s.name }))}>
          签到码
        </Button>
        <Button className='staff-action manage-row__btn' onClick={() => go(withQuery(STAFF_STATION_STATS_PAGE, { id: s.id, name: s.name }))}>
          签到统计
        </Button>
      </View>
    </View>
  )
}

function Tile({ icon, title, onClick }: { icon: string; title: string; onClick: () => void }) {
  return (
    <View className='manage-tile' role='button' aria-label={title} onClick={onClick}>
      <Text className='manage-tile__icon' aria-hidden>
        {icon}
      </Text>
      <Text className='manage-tile__title'>{title}</Text>
    </View>
  )
}

function Manage({ me }: { me: Me }) {
  const { filter: q, setFilter: search, state, reload, loadMore } = useFilteredList<string, StationAdminRow, StationAdminPage>('', listStations, { auto: false })
  // Back from the edit form: show what changed.
  useDidShow(() => reload())

  return (
    <View>
      <View className='manage-tiles'>
        <Tile icon='➕' title='新建驿站' onClick={() => go(STAFF_STATION_EDIT_PAGE)} />
        <Tile icon='📥' title='批量导入' onClick={() => go(STAFF_STATION_IMPORT_PAGE)} />
        <Tile icon='🛠' title='报修处理' onClick={() => go(STAFF_STATION_REPORTS_PAGE)} />
        {me.role !== 'grassroots_staff' && <Tile icon='💡' title='推荐地点' onClick={() => go(STAFF_STATION_SUGGESTIONS_PAGE)} />}
      </View>

      <SearchBox label='查找驿站' placeholder='输入驿站名字或地址里的字' active={q !== ''} onSearch={search} />

      {(state.status === 'loading' || state.status === 'idle') && (
        <View className='card' aria-busy='true'>
          <View className='skeleton-bar skeleton-bar--title' />
          <View className='skeleton-bar' />
          <View className='skeleton-bar skeleton-bar--short' />
          <Text className='muted'>正在读取驿站…</Text>
        </View>
      )}
      {state.status === 'error' && state.error && <ErrorBox title='没能读到驿站' error={state.error} onRetry={reload} />}
      {state.status === 'ok' && (
        <Text className='section-title'>{q ? `找到 ${state.last?.total ?? 0} 个驿站` : `你管理的驿站（${state.last?.total ?? 0} 个）`}</Text>
      )}
      {state.status === 'ok' && state.items.length === 0 && (
        <View className='card'>
          <Text className='staff-para'>{q ? '没有找到，换几个字试试。' : '还没有驿站。点上面的“新建驿站”或“批量导入”。'}</Text>
        </View>
      )}
      <View role='list'>
        {state.items.map((s) => (
          <Row key={s.id} s={s} />
        ))}
      </View>
      <LoadMore state={state} onMore={loadMore} />
    </View>
  )
}

export default function StaffStations() {
  return (
    <View className='page staff station-staff'>
      <StaffGate>{(me) => <Manage me={me} />}</StaffGate>
    </View>
  )
}
