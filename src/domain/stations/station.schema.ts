/**
 * The contract of the `stations` cloud function (爱心驿站, RULES.md §4): events (zod, shared by pages and
 * the function), replies, codes and labels. Coordinates are GCJ-02 (what Taro.getLocation with
 * type 'gcj02' and Tencent maps give); stored as GeoJSON points, longitude first.
 */
import { z } from '../zod-classic'
import { idempotencyKey } from '../requests/idempotency'
import { isValidHm, parseHm, shanghaiLocalToUtc, type Closure, type WeeklyHours } from './hours'

export * from './station.constants'
import { AMENITY_CODES, PROBLEM_CODES, STATION_STATUSES, REPORT_STATES, SUGGESTION_STATES, REPORT_REJECT_REASONS, SUGGESTION_ACCEPT_REASONS, SUGGESTION_DECLINE_REASONS, PAGE_SIZE_MAX, STAFF_PAGE_SIZE_MAX, NEARBY_RADIUS_MAX_M, IMPORT_MAX_BYTES, TEXT_MAX, REPORT_PHOTOS_MAX } from './station.constants'
import type { AmenityCode, ProblemCode, StationStatus, ReportState, SuggestionState, ReportRejectReason, ReportDecision } from './station.constants'

// ---------------------------------------------------------------------------------------------------
// Building blocks

/** Six decimals of a degree are ~0.1 m; finer digits mean nothing. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6

/** GCJ-02 point; the whole of China fits in these bounds. */
export const gcjPoint = z.object(
  {
    lng: z.number('请选择位置').min(73, '位置不在国内，请重新选择').max(136, '位置不在国内，请重新选择').transform(round6),
    lat: z.number('请选择位置').min(3, '位置不在国内，请重新选择').max(54, '位置不在国内，请重新选择').transform(round6),
  },
  '请选择位置',
)
export type GcjPoint = z.infer<typeof gcjPoint>

const hm = z.string('请填时间，比如 08:00').refine(isValidHm, '时间要写成 08:00 这样，从 00:00 到 24:00')

export const interval = z
  .object({ open: hm, close: hm })
  .refine((i) => i.open !== '24:00', { message: '开门时间不能是 24:00', path: ['open'] })
  .refine((i) => !isValidHm(i.open) || !isValidHm(i.close) || parseHm(i.open) !== parseHm(i.close), { message: '开门和关门时间不能一样；全天开放请选"24小时"', path: ['close'] })

/** Intervals of one day, in order, not overlapping (one may run past midnight: close before open). */
const dayIntervals = z
  .array(interval, '请填开放时间')
  .max(3, '一天最多填 3 段开放时间')
  .superRefine((list, ctx) => {
    // zod still runs this when a time above was wrong: compare only well-formed intervals
    if (!list.every((i) => typeof i?.open === 'string' && typeof i?.close === 'string' && isValidHm(i.open) && isValidHm(i.close))) return
    const spans = list.map((i) => {
      const open = parseHm(i.open)
      const close = parseHm(i.close)
      return [open, close <= open ? close + 1440 : close] as const
    })
    for (let k = 1; k < spans.length; k++) {
      if (spans[k][0] < spans[k - 1][1]) ctx.addIssue({ code: 'custom', message: '几段开放时间要按先后填写，不能重叠', path: [k, 'open'] })
    }
  })

const WEEKDAY_KEYS = ['1', '2', '3', '4', '5', '6', '7'] as const
export const weeklyHours = z
  .object(
    {
      allDay: z.boolean('请选择是不是24小时开放'),
      days: z.object(Object.fromEntries(WEEKDAY_KEYS.map((d) => [d, dayIntervals.optional()])) as Record<(typeof WEEKDAY_KEYS)[number], z.ZodOptional<typeof dayIntervals>>, '请填每周的开放时间'),
    },
    '请填开放时间',
  )
  .refine((h) => h.allDay === true || Object.values(h.days ?? {}).some((d) => Array.isArray(d) && d.length > 0), { message: '请至少填一天的开放时间，或者选"24小时"', path: ['days'] }) as unknown as z.ZodType<WeeklyHours>

const LOCAL_MINUTE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/
const isLocalMinute = (s: unknown): s is string => typeof s === 'string' && LOCAL_MINUTE.test(s)
const localMinute = z.string('请填日期和时间').regex(LOCAL_MINUTE, '日期时间要写成 2026-12-01T08:00 这样')

export const closure = z
  .object({ from: localMinute, to: localMinute, note: z.string().trim().max(50, '说明不超过 50 个字').optional() })
  .refine((c) => !isLocalMinute(c.from) || !isLocalMinute(c.to) || shanghaiLocalToUtc(c.to) > shanghaiLocalToUtc(c.from), {
    message: '结束时间要晚于开始时间',
    path: ['to'],
  }) as unknown as z.ZodType<Closure>

/** A public duty phone of the station: mobile (11 digits) or landline with area code (0793-1234567), optional extension. */
export const stationPhone = z
  .string('请填联系电话')
  .trim()
  .transform((s) => s.replace(/[\s（）()]/g, ''))
  .refine((s) => /^1[3-9]\d{9}$/.test(s) || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(s) || /^(12351|12345|12333)$/.test(s), '电话要填 11 位手机号，或带区号的座机（比如 0793-2612345）')

const cloudFileId = z.string().regex(/^cloud:\/\/[\w.-]+\/[\w./-]{1,240}$/, '照片不对，请重新上传')
/** A `files` document id (a photo uploaded through the `files` function). */
export const PHOTO_FILE_ID = /^[0-9a-f]{32}$/
const uploadedPhotoId = z.string('照片不对，请重新上传').regex(PHOTO_FILE_ID, '照片不对，请重新上传')
/**
 * Station photos: storage ids of older photos (cloud://…), or `files` ids of photos staff uploaded with
 * purpose `station_photo` (attached to the station when saved; removed ones are deleted).
 */
const stationPhotoId = z.union([cloudFileId, uploadedPhotoId], '照片不对，请重新上传')

const amenityList = z.array(z.enum(AMENITY_CODES, '有一个设施不在清单里'), '请选择设施').max(AMENITY_CODES.length)
const plainText = (label: string, min: number, max: number) =>
  z
    .string(`请填${label}`)
    .trim()
    .min(Math.min(min, 1), `请填${label}`)
    .min(min, `${label}至少 ${min} 个字`)
    .max(max, `${label}不超过 ${max} 个字`)
    .refine((s) => !/[<>\u0000-\u001f]/.test(s), `${label}里有不能用的符号`)

/** Everything staff enter for a station (create, edit and each imported row). */
export const stationInput = z.object({
  name: plainText('驿站名称', 2, 40),
  address: plainText('地址', 4, 100),
  /** 乡镇、街道 (or a city for stations outside the county), used when a worker does not share a location. */
  district: plainText('所在乡镇或街道', 2, 20),
  location: gcjPoint,
  hours: weeklyHours,
  closures: z.array(closure).max(20, '临时关闭最多填 20 条').default([]),
  amenities: amenityList.min(1, '请至少选一项设施').refine((a) => new Set(a).size === a.length, '设施有重复，请去掉重复的'),
  capacity: z.number('请填能容纳多少人').int('人数要填整数').min(1, '至少能容纳 1 人').max(500, '人数不能超过 500'),
  /** Star level the union awarded (0 = not rated yet). */
  stars: z.number().int('星级要填 0 到 5 的整数').min(0, '星级要填 0 到 5').max(5, '星级要填 0 到 5').default(0),
  hostOrgId: z.string('请选择主办工会').min(1, '请选择主办工会').max(64, '请选择主办工会'),
  manager: z.object({ name: plainText('联系人', 1, 20), phone: stationPhone }, '请填联系人和电话'),
  photos: z.array(stationPhotoId).max(9, '照片最多 9 张').refine((a) => new Set(a).size === a.length, '照片有重复').default([]),
  status: z.enum(STATION_STATUSES, '请选择开放状态').default('open'),
  intro: plainText('简介', 0, 200).optional(),
})
export type StationInput = z.input<typeof stationInput>
export type StationData = z.output<typeof stationInput>

const id = z.string('缺少编号').min(1, '缺少编号').max(64, '编号不对')
const cursor = z.number().int().min(0).max(100_000).optional()
const pageSize = z.number().int().min(1).max(PAGE_SIZE_MAX).optional()
const staffPageSize = z.number().int().min(1).max(STAFF_PAGE_SIZE_MAX).optional()
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份要写成 2026-11 这样')
const filters = {
  amenities: z.array(z.enum(AMENITY_CODES, '有一个设施不在清单里')).max(AMENITY_CODES.length).optional(),
  openNow: z.boolean().optional(),
  cursor,
  pageSize,
}

// ---------------------------------------------------------------------------------------------------
// The event: one discriminated union on `action`

export const stationsEvent = z.discriminatedUnion('action', [
  // --- anyone, signed in or not ---------------------------------------------------------------
  /** Nearest first, straight-line distance from `location`, within `radiusM`. */
  z.object({ action: z.literal('nearby'), location: gcjPoint, radiusM: z.number().int().min(100).max(NEARBY_RADIUS_MAX_M).optional(), ...filters }),
  /** When the worker does not share a location: stations of one 乡镇/街道, by name. */
  z.object({ action: z.literal('inDistrict'), district: z.string().trim().min(1).max(20), ...filters }),
  /** Districts that have stations, with counts (for the picker). */
  z.object({ action: z.literal('districts') }),
  z.object({ action: z.literal('detail'), id, location: gcjPoint.optional() }),

  // --- signed-in people -----------------------------------------------------------------------
  /** `code` is what the camera read: `union-station:<token>` (or the bare token). */
  z.object({ action: z.literal('checkIn'), code: z.string('请扫驿站门口的二维码').min(1).max(300) }),
  z.object({ action: z.literal('rate'), visitId: id, stars: z.number('请选几颗星').int().min(1, '请选 1 到 5 颗星').max(5, '请选 1 到 5 颗星') }),
  z.object({ action: z.literal('myVisits'), cursor, pageSize }),
  z.object({
    action: z.literal('report'),
    key: idempotencyKey,
    stationId: id,
    problem: z.enum(PROBLEM_CODES, '请选择哪里坏了'),
    text: z.string().trim().max(TEXT_MAX, `说明不超过 ${TEXT_MAX} 个字`).optional(),
    /** `files` ids of the caller's own `report_photo` uploads, attached to the report when it is saved. */
    photoFileIds: z
      .array(uploadedPhotoId)
      .max(REPORT_PHOTOS_MAX, `照片最多 ${REPORT_PHOTOS_MAX} 张`)
      .refine((a) => new Set(a).size === a.length, '照片有重复')
      .optional(),
  }),
  z.object({ action: z.literal('myReports'), cursor, pageSize }),
  z.object({
    action: z.literal('suggest'),
    key: idempotencyKey,
    location: gcjPoint,
    address: plainText('地址', 4, 100),
    district: plainText('乡镇或街道', 2, 20).optional(),
    reason: plainText('建议理由', 4, TEXT_MAX),
  }),
  z.object({ action: z.literal('mySuggestions'), cursor, pageSize }),

  // --- staff (grassroots: stations their org hosts; federation: their subtree; admin: all) ----
  z.object({ action: z.literal('listStations'), q: z.string().trim().max(40).optional(), orgId: id.optional(), cursor, pageSize: staffPageSize }),
  z.object({ action: z.literal('getStation'), id }),
  z.object({ action: z.literal('createStation'), key: idempotencyKey, station: stationInput }),
  /** `version` is the one `getStation` returned; a newer one on the server → STATION.STALE. */
  z.object({ action: z.literal('updateStation'), id, version: z.number().int().min(1), station: stationInput }),
  /** The check-in QR as a PNG data URL; `renew` issues a new key version (old printed codes stop working). */
  z.object({ action: z.literal('stationQr'), id, renew: z.boolean().optional() }),
  /** A spreadsheet (.xlsx or .csv, UTF-8 or GBK) as base64; `dryRun` only checks it. All rows or none. */
  z.object({
    action: z.literal('importStations'),
    fileName: z.string().trim().min(1).max(100),
    contentBase64: z.string().min(1).max(Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 4, '文件太大了，请分成几个小文件'),
    dryRun: z.boolean().optional(),
  }),
  /** Visits per month of one station (from counters; never scans visits). */
  z.object({ action: z.literal('visitStats'), stationId: id, from: month.optional(), to: month.optional() }),
  z.object({ action: z.literal('listReports'), state: z.enum(REPORT_STATES).optional(), stationId: id.optional(), cursor, pageSize: staffPageSize }),
  z.object({
    action: z.literal('decideReport'),
    id,
    decision: z.enum(['start', 'resolve', 'reject'], '请选择怎么处理'),
    version: z.number().int().min(1).optional(),
    reason: z.enum(Object.keys(REPORT_REJECT_REASONS) as [ReportRejectReason, ...ReportRejectReason[]], '请选择原因').optional(),
    note: z.string().trim().max(200, '回复不超过 200 个字').optional(),
  }),
  z.object({ action: z.literal('listSuggestions'), state: z.enum(SUGGESTION_STATES).optional(), cursor, pageSize: staffPageSize }),
  z.object({
    action: z.literal('decideSuggestion'),
    id,
    decision: z.enum(['accept', 'decline'], '请选择采纳还是不采纳'),
    version: z.number().int().min(1).optional(),
    reason: z
      .enum([...Object.keys(SUGGESTION_ACCEPT_REASONS), ...Object.keys(SUGGESTION_DECLINE_REASONS)] as [string, ...string[]], '请选择原因')
      .optional(),
    note: z.string().trim().max(200, '回复不超过 200 个字').optional(),
  }),
])
export type StationsEvent = z.infer<typeof stationsEvent>
export type StationsAction = StationsEvent['action']

// ---------------------------------------------------------------------------------------------------
// Replies

/** open24h / open / closing_soon / closed, with the plain line from hours.ts `statusText`. */
export type OpenKind = 'open24h' | 'open' | 'closing_soon' | 'closed'
export interface OpenView {
  kind: OpenKind
  /** 24小时开放 / 开放中，21:00 关门 / 快关门了，21:00 关门 / 已关门，明天 06:00 开门 / 临时关闭 */
  text: string
  /** Closed by a temporary closure or the station's 暂停开放 status. */
  temporary: boolean
}

export interface RatingView {
  /** One decimal, null before the first rating. */
  average: number | null
  count: number
}

/** A row of the list (nearby, inDistrict). */
export interface StationCard {
  id: string
  name: string
  address: string
  district: string
  location: GcjPoint
  /** Straight-line metres from the asked location; null for district lists. */
  distanceM: number | null
  /** 350米 / 1.2公里, or null. */
  distanceText: string | null
  status: StationStatus
  open: OpenView
  amenities: AmenityCode[]
  /** Star level the union awarded, 0–5. */
  stars: number
  rating: RatingView
  capacity: number
}

/** Every list pages the same way: `nextCursor` goes into the next call's `cursor`; null when there is no more. */
export interface Page<T> {
  items: T[]
  nextCursor: number | null
}
export type StationPage = Page<StationCard>

export interface StationDetail extends StationCard {
  intro: string | null
  /** Lines such as 周一至周五 06:00-21:00 / 周六、周日 休息 / 24小时开放. */
  hoursLines: string[]
  hours: WeeklyHours
  /** Current and coming temporary closures. */
  closures: Closure[]
  /** Temporary links (about an hour). */
  photos: string[]
  hostOrg: { id: string; name: string } | null
  /** The station's public duty contact, meant to be called. */
  manager: { name: string; phone: string }
  visitCount: number
}

export interface DistrictCount {
  name: string
  count: number
}

export type CheckInReply =
  | { status: 'counted'; visitId: string; station: { id: string; name: string }; message: string }
  /** Within CHECKIN_WINDOW_MINUTES of the last counted visit: nothing counted. */
  | { status: 'already'; visitId: string; station: { id: string; name: string }; message: string; nextAt: string }

export interface RateReply {
  visitId: string
  stars: number
  rating: RatingView
}

export interface VisitView {
  id: string
  station: { id: string; name: string }
  at: string
  /** Stars given, or null when not rated yet (rate it with `rate`). */
  stars: number | null
}

export interface ReportPhoto {
  fileId: string
  url: string
}

export interface ReportView {
  id: string
  station: { id: string; name: string }
  problem: ProblemCode
  problemLabel: string
  text: string | null
  state: ReportState
  stateLabel: string
  version: number
  /** Staff reply: reason word (reject) and/or note. */
  replyReason: string | null
  replyNote: string | null
  createdAt: string
  updatedAt: string
  /** Photos of the problem: links that live a few minutes (owner, and staff in scope). */
  photos: ReportPhoto[]
  /** Staff lists only: content check said "review" for the text. */
  flagged?: boolean
  /** Staff lists only: actions the caller can take now. */
  actions?: ReportDecision[]
}

export interface SuggestionView {
  id: string
  location: GcjPoint
  address: string
  district: string | null
  reason: string
  state: SuggestionState
  stateLabel: string
  version: number
  replyReason: string | null
  replyNote: string | null
  createdAt: string
  updatedAt: string
  flagged?: boolean
}

/** Staff list row. */
export interface StationAdminRow {
  id: string
  name: string
  address: string
  district: string
  hostOrg: { id: string; name: string } | null
  status: StationStatus
  version: number
  visitCount: number
  visitsThisMonth: number
  openReports: number
}

export interface StationAdminPage extends Page<StationAdminRow> {
  /** Stations matching the query in the caller's scope. */
  total: number
}

export interface StationEdit {
  id: string
  version: number
  qrKeyVersion: number
  station: StationData
  hostOrg: { id: string; name: string } | null
  visitCount: number
  rating: RatingView
  /** Links (about an hour) to `station.photos`, by photo id, for the form's thumbnails; gone photos are left out. */
  photoLinks: Array<{ id: string; url: string }>
}

export interface StationQrReply {
  stationId: string
  keyVersion: number
  token: string
  /** What the QR encodes: QR_PREFIX + token. */
  text: string
  /** PNG as a data URL, ready for an <Image> or to save and print. */
  dataUrl: string
}

/** One problem in an imported file: spreadsheet row number (header = row 1), column title, what is wrong. */
export interface ImportRowError {
  row: number
  column: string
  message: string
}

export interface ImportReply {
  dryRun: boolean
  /** Rows read (without the header). */
  rows: number
  created: number
  updated: number
  unchanged: number
}

/**
 * STATION.IMPORT_ROWS_INVALID carries every problem in `fieldErrors`, keyed `<row>:<column>`
 * (e.g. "3:开放时间"), value = the message; use `importErrorsOf` to get them as a list.
 */
export function importErrorsOf(fieldErrors: Record<string, string> | undefined): ImportRowError[] {
  return Object.entries(fieldErrors ?? {})
    .filter(([key]) => /^\d+:/.test(key))
    .map(([key, message]) => {
      const at = key.indexOf(':')
      return { row: Number(key.slice(0, at)), column: key.slice(at + 1), message }
    })
    .sort((a, b) => a.row - b.row)
}

export interface VisitMonth {
  month: string
  visits: number
}
export interface VisitStatsReply {
  stationId: string
  total: number
  months: VisitMonth[]
}

export interface DecisionReply {
  id: string
  state: string
  version: number
}
