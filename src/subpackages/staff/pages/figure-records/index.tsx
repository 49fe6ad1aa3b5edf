import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { usePaged } from '../../../../components/StationPaging'
import { yuan } from '../../../../domain/mutual-aid/mutual-aid.rules'
import { FIGURE_RECORD_LISTS, type FigureRecordList } from '../../../../domain/workspace/figures.rules'
import type { FigureRecordRow, FigureRecordsReply } from '../../../../domain/workspace/workspace.api'
import { exportRecords, figureRecords } from '../../../../services/workspace'
import ExportCard from '../../components/ExportCard'
import { dayText } from '../../components/FigureFormat'
import PagedList from '../../components/PagedList'
import StaffGate from '../../components/StaffGate'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

interface Query {
  list: FigureRecordList
  year: number
  orgId: string | undefined
  title: string
}

/** weapp passes a parameter still encoded, h5 already decoded. */
function plain(value: string | undefined): string {
  if (!value) return ''
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** The link's query, or null when it is not one the 数据 page makes. */
function readQuery(params: Partial<Record<string, string>>): Query | null {
  const list = FIGURE_RECORD_LISTS.find((l) => l === params.list)
  const year = Number(params.year)
  if (!list || !Number.isInteger(year) || year < 2000 || year > 2100) return null
  const orgId = params.orgId && /^[A-Za-z0-9_-]{1,64}$/.test(params.orgId) ? params.orgId : undefined
  const title = plain(params.title) || '明细'
  return { list, year, orgId, title }
}

function Record({ r }: { r: FigureRecordRow }) {
  return (
    <View className='card record' role='listitem' aria-label={r.title}>
      <View className='record__head'>
        <Text className='record__title'>{r.title}</Text>
        <Text className='record__date'>{dayText(r.date)}</Text>
      </View>
      {r.sub && <Text className='record__sub'>{r.sub}</Text>}
      {r.amountFen !== null && <Text className='queue-row__money'>{yuan(r.amountFen)}</Text>}
      <Text className='record__org'>{r.orgName}</Text>
    </View>
  )
}

function Records({ q }: { q: Query }) {
  const { state, reload, loadMore } = usePaged<FigureRecordRow, FigureRecordsReply>((cursor) => figureRecords(q.list, q.year, q.orgId, cursor))
  return (
    <View>
      <Text className='staff-card-title records-title'>
        {q.year} 年 · {q.title}
      </Text>
      <Text className='staff-note'>这个数是由下面这些记录算出来的。</Text>
      <PagedList
        state={state}
        reload={reload}
        loadMore={loadMore}
        loadingText='正在读取记录…'
        errorTitle='没能读到记录'
        emptyText='这一年没有记录。'
        item={(r) => <Record key={r.id} r={r} />}
      />
      <Text className='section-title'>导出 Excel</Text>
      <ExportCard fetch={() => exportRecords(q.list, q.year, q.orgId)} masked='表格里的姓名遮住了一部分。' doneText={(n) => `已导出 ${n} 条记录。`} />
    </View>
  )
}

export default function FigureRecordsPage() {
  const { params } = useRouter()
  const q = readQuery(params)
  return (
    <View className='page staff station-staff figure-records'>
      <StaffGate>
        {() =>
          q ? (
            <Records q={q} />
          ) : (
            <View className='card'>
              <Text className='staff-para'>这个链接不对。请回到“数据”页，再点一次要看的那一行。</Text>
            </View>
          )
        }
      </StaffGate>
    </View>
  )
}
