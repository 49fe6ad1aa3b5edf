import type { MatrixContext, MatrixRow } from '../support/matrix'
import { newIdempotencyKey } from '../../src/domain/requests/idempotency'
import type { StationInput } from '../../src/domain/stations/station.schema'
import { demoId } from '../../emulator/runtime/seed'

const ALL = ['anonymous', 'workerA', 'workerB', 'grassrootsX', 'grassrootsY', 'federation', 'admin'] as const
const SIGNED_IN = ['workerA', 'workerB', 'grassrootsX', 'grassrootsY', 'federation', 'admin'] as const
const STAFF = ['grassrootsX', 'grassrootsY', 'federation', 'admin'] as const
/** Who may manage a station hosted by org X (org-fengda). */
const ORG_X_STAFF = ['grassrootsX', 'federation', 'admin'] as const

const SEEDED = demoId('station-baihe')
let serial = 0

/** A station hosted by org X; a fresh name each time so natural keys never collide. */
export function stationOfOrgX(name = `矩阵驿站${++serial}-${newIdempotencyKey().slice(0, 6)}`): StationInput {
  return {
    name,
    address: `广丰区芦林工业园矩阵路 ${serial} 号`,
    district: '芦林街道',
    location: { lng: 118.16 + serial * 1e-5, lat: 28.42 },
    hours: { allDay: true, days: {} },
    amenities: ['water', 'toilet'],
    capacity: 6,
    hostOrgId: 'org-fengda',
    manager: { name: '张主席', phone: '0793-2650718' },
  }
}

type Reply = { ok: boolean; data?: Record<string, unknown>; error?: unknown }

async function must(p: Promise<unknown>): Promise<Record<string, unknown>> {
  const r = (await p) as Reply
  if (!r.ok) throw new Error(`setup failed: ${JSON.stringify(r)}`)
  return r.data ?? {}
}

async function newStationOfOrgX(ctx: MatrixContext): Promise<string> {
  const d = await must(ctx.call('admin', 'stations', { action: 'createStation', key: newIdempotencyKey(), station: stationOfOrgX() }))
  return d.id as string
}

async function qrOf(ctx: MatrixContext, id: string): Promise<string> {
  return (await must(ctx.call('admin', 'stations', { action: 'stationQr', id }))).text as string
}

const csvOfOrgX = () => {
  const s = stationOfOrgX()
  const rows = [
    ['名称', '地址', '乡镇街道', '经度', '纬度', '开放时间', '设施', '容纳人数', '主办工会', '联系人', '联系电话'],
    [s.name, s.address, s.district, String(s.location.lng), String(s.location.lat), '24小时', '饮水、如厕', '6', '江西丰达机械有限公司工会', '张主席', '0793-2650718'],
  ]
  return Buffer.from(rows.map((r) => r.join(',')).join('\n'), 'utf8').toString('base64')
}

export const rows: MatrixRow[] = [
  { fn: 'stations', action: 'nearby', note: 'anyone may look', event: () => ({ action: 'nearby', location: { lng: 118.19, lat: 28.44 } }), allowed: ALL },
  { fn: 'stations', action: 'inDistrict', event: () => ({ action: 'inDistrict', district: '永丰街道' }), allowed: ALL },
  { fn: 'stations', action: 'districts', event: () => ({ action: 'districts' }), allowed: ALL },
  { fn: 'stations', action: 'detail', event: () => ({ action: 'detail', id: SEEDED }), allowed: ALL },
  {
    fn: 'stations',
    action: 'checkIn',
    note: 'the QR of a fresh station of org X',
    event: async (ctx) => ({ action: 'checkIn', code: await qrOf(ctx, await newStationOfOrgX(ctx)) }),
    allowed: SIGNED_IN,
  },
  {
    fn: 'stations',
    action: 'rate',
    note: "workerA's own visit",
    event: async (ctx) => {
      const code = await qrOf(ctx, await newStationOfOrgX(ctx))
      const visit = await must(ctx.call('workerA', 'stations', { action: 'checkIn', code }))
      return { action: 'rate', visitId: visit.visitId, stars: 4 }
    },
    allowed: ['workerA'],
  },
  { fn: 'stations', action: 'myVisits', event: () => ({ action: 'myVisits' }), allowed: SIGNED_IN },
  {
    fn: 'stations',
    action: 'report',
    event: () => ({ action: 'report', key: newIdempotencyKey(), stationId: SEEDED, problem: 'water_dispenser' }),
    allowed: SIGNED_IN,
  },
  { fn: 'stations', action: 'myReports', event: () => ({ action: 'myReports' }), allowed: SIGNED_IN },
  {
    fn: 'stations',
    action: 'suggest',
    event: () => ({ action: 'suggest', key: newIdempotencyKey(), location: { lng: 118.2, lat: 28.43 }, address: '广丰区丰溪路口', reason: '这里快递员多，没有歇脚的地方' }),
    allowed: SIGNED_IN,
  },
  { fn: 'stations', action: 'mySuggestions', event: () => ({ action: 'mySuggestions' }), allowed: SIGNED_IN },
  { fn: 'stations', action: 'listStations', note: 'each staff member sees their own scope', event: () => ({ action: 'listStations' }), allowed: STAFF },
  { fn: 'stations', action: 'getStation', note: 'a station of org X', event: async (ctx) => ({ action: 'getStation', id: await newStationOfOrgX(ctx) }), allowed: ORG_X_STAFF },
  {
    fn: 'stations',
    action: 'createStation',
    note: 'hosted by org X',
    event: () => ({ action: 'createStation', key: newIdempotencyKey(), station: stationOfOrgX() }),
    allowed: ORG_X_STAFF,
  },
  {
    fn: 'stations',
    action: 'updateStation',
    note: 'a station of org X',
    event: async (ctx) => {
      const id = await newStationOfOrgX(ctx)
      return { action: 'updateStation', id, version: 1, station: { ...stationOfOrgX(), capacity: 9 } }
    },
    allowed: ORG_X_STAFF,
  },
  { fn: 'stations', action: 'stationQr', note: 'a station of org X', event: async (ctx) => ({ action: 'stationQr', id: await newStationOfOrgX(ctx) }), allowed: ORG_X_STAFF },
  {
    fn: 'stations',
    action: 'importStations',
    note: 'one row hosted by org X',
    event: () => ({ action: 'importStations', fileName: 'stations.csv', contentBase64: csvOfOrgX() }),
    allowed: ORG_X_STAFF,
  },
  { fn: 'stations', action: 'visitStats', note: 'a station of org X', event: async (ctx) => ({ action: 'visitStats', stationId: await newStationOfOrgX(ctx) }), allowed: ORG_X_STAFF },
  { fn: 'stations', action: 'listReports', note: 'each staff member sees their own scope', event: () => ({ action: 'listReports' }), allowed: STAFF },
  {
    fn: 'stations',
    action: 'decideReport',
    note: "workerA's report on a station of org X",
    event: async (ctx) => {
      const stationId = await newStationOfOrgX(ctx)
      const r = await must(ctx.call('workerA', 'stations', { action: 'report', key: newIdempotencyKey(), stationId, problem: 'microwave' }))
      return { action: 'decideReport', id: r.id, decision: 'start' }
    },
    allowed: ORG_X_STAFF,
  },
  { fn: 'stations', action: 'listSuggestions', event: () => ({ action: 'listSuggestions' }), allowed: ['federation', 'admin'] },
  {
    fn: 'stations',
    action: 'decideSuggestion',
    note: "workerA's suggestion",
    event: async (ctx) => {
      const s = await must(ctx.call('workerA', 'stations', { action: 'suggest', key: newIdempotencyKey(), location: { lng: 118.21, lat: 28.45 }, address: '广丰区永丰大道北段', reason: '骑手多，夜里没地方歇' }))
      return { action: 'decideSuggestion', id: s.id, decision: 'accept', reason: 'planned' }
    },
    allowed: ['federation', 'admin'],
  },
]
