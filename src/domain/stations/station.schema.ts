/**
 * The contract of the `stations` cloud function (爱心驿站, RULES.md §4): events (zod, shared by pages and
 * the function), replies, codes and labels. Coordinates are GCJ-02 (what Taro.getLocation with
 * type 'gcj02' and Tencent maps give); stored as GeoJSON points, longitude first.
 */
import * as z from '../zod'
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
    lng: z.pipe(z.number('请选择位置').check(z.minimum(73, '位置不在国内，请重新选择'), z.maximum(136, '位置不在国内，请重新选择')), z.transform(round6)),
    lat: z.pipe(z.number('请选择位置').check(z.minimum(3, '位置不在国内，请重新选择'), z.maximum(54, '位置不在国内，请重新选择')), z.transform(round6)),
  },
  '请选择位置',
)
export type GcjPoint = z.infer<typeof gcjPoint>

const hm = z.string('请填时间，比如 08:00').check(z.refine(isValidHm, '时间要写成 08:00 这样，从 00:00 到 24:00'))

export const interval = z.object({ open: hm, close: hm }).check(
  z.refine((i) => i.open !== '24:00', { message: '开门时间不能是 24:00', path: ['open'] }),
  z.refine((i) => !isValidHm(i.open) || !isValidHm(i.close) || parseHm(i.open) !== parseHm(i.close), { message: '开门和关门时间不能一样；全天开放请选"24小时"', path: ['close'] }),
)

/** Intervals of one day, in order, not overlapping (one may run past midnight: close before open). */
const dayIntervals = z.array(interval, '请填开放时间').check(
  z.maxLength(3, '一天最多填 3 段开放时间'),
  z.superRefine((list, ctx) => {
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
  }),
)

const WEEKDAY_KEYS = ['1', '2', '3', '4', '5', '6', '7'] as const
export const weeklyHours = z
  .object(
    {
      allDay: z.boolean('请选择是不是24小时开放'),
      days: z.object(Object.fromEntries(WEEKDAY_KEYS.map((d) => [d, z.optional(dayIntervals)])) as Record<(typeof WEEKDAY_KEYS)[number], z.ZodMiniOptional<typeof dayIntervals>>, '请填每周的开放时间'),
    },
    '请填开放时间',
  )
  .check(z.refine((h) => h.allDay === true || Object.values(h.days ?? {}).some((d) => Array.isArray(d) && d.length > 0), { message: '请至少填一天的开放时间，或者选"24小时"', path: ['days'] })) as unknown as z.ZodMiniType<WeeklyHours>

const LOCAL_MINUTE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/
const isLocalMinute = (s: unknown): s is string => typeof s === 'string' && LOCAL_MINUTE.test(s)
const localMinute = z.string('请填日期和时间').check(z.regex(LOCAL_MINUTE, '日期时间要写成 2026-12-01T08:00 这样'))

export const closure = z
  .object({ from: localMinute, to: localMinute, note: z.optional(z.string().check(z.trim(), z.maxLength(50, '说明不超过 50 个字'))) })
  .check(
    z.refine((c) => !isLocalMinute(c.from) || !isLocalMinute(c.to) || shanghaiLocalToUtc(c.to) > shanghaiLocalToUtc(c.from), {
      message: '结束时间要晚于开始时间',
      path: ['to'],
    }),
  ) as unknown as z.ZodMiniType<Closure>

/** A public duty phone of the station: mobile (11 digits) or landline with area code (0793-1234567), optional extension. */
export const stationPhone = z
  .pipe(
    z.string('请填联系电话').check(z.trim()),
    z.transform((s: string) => s.replace(/[\s（）()]/g, '')),
  )
  .check(z.refine((s) => /^1[3-9]\d{9}$/.test(s) || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(s) || /^(12351|12345|12333)$/.test(s), '电话要填 11 位手机号，或带区号的座机（比如 0793-2612345）'))

const cloudFileId = z.string().check(z.regex(/^cloud:\/\/[\w.-]+\/[\w./-]{1,240}$/, '照片不对，请重新上传'))
/** A `files` document id (a photo uploaded through the `files` function). */
export const PHOTO_FILE_ID = /^[0-9a-f]{32}$/
const uploadedPhotoId = z.string('照片不对，请重新上传').check(z.regex(PHOTO_FILE_ID, '照片不对，请重新上传'))
/**
 * Station photos: storage ids of older photos (cloud://…), or `files` ids of photos staff uploaded with
 * purpose `station_photo` (attached to the station when saved; removed ones are deleted).
 */
const stationPhotoId = z.union([cloudFileId, uploadedPhotoId], '照片不对，请重新上传')

const amenityList = z.array(z.enum(AMENITY_CODES, '有一个设施不在清单里'), '请选择设施').check(z.maxLength(AMENITY_CODES.length))
const plainText = (label: string, min: number, max: number) =>
  z
    .string(`请填${label}`)
    .check(
      z.trim(),
      z.minLength(Math.min(min, 1), `请填${label}`),
      z.minLength(min, `${label}至少 ${min} 个字`),
      z.maxLength(max, `${label}不超过 ${max} 个字`),
      z.refine((s) => !/[<>\u0000-\u001f]/.test(s), `${label}里有不能用的符号`),
    )

/** Everything staff enter for a station (create, edit and each imported row). */
export const stationInput = z.object({
  name: plainText('驿站名称', 2, 40),
  address: plainText('地址', 4, 100),
  /** 乡镇、街道 (or a city for stations outside the county), used when a worker does not share a location. */
  district: plainText('所在乡镇或街道', 2, 20),
  location: gcjPoint,
  hours: weeklyHours,
  closures: z._default(z.array(closure).check(z.maxLength(20, '临时关闭最多填 20 条')), []),
  amenities: amenityList.check(
    z.minLength(1, '请至少选一项设施'),
    z.refine((a) => new Set(a).size === a.length, '设施有重复，请去掉重复的'),
  ),
  capacity: z.number('请填能容纳多少人').check(z.int('人数要填整数'), z.minimum(1, '至少能容纳 1 人'), z.maximum(500, '人数不能超过 500')),
  /** Star level the union awarded (0 = not rated yet). */
  stars: z._default(z.number().check(z.int('星级要填 0 到 5 的整数'), z.minimum(0, '星级要填 0 到 5'), z.maximum(5, '星级要填 0 到 5')), 0),
  hostOrgId: z.string('请选择主办工会').check(z.minLength(1, '请选择主办工会'), z.maxLength(64, '请选择主办工会')),
  manager: z.object({ name: plainText('联系人', 1, 20), phone: stationPhone }, '请填联系人和电话'),
  photos: z._default(
    z.array(stationPhotoId).check(
      z.maxLength(9, '照片最多 9 张'),
      z.refine((a) => new Set(a).size === a.length, '照片有重复'),
    ),
    [],
  ),
  status: z._default(z.enum(STATION_STATUSES, '请选择开放状态'), 'open'),
  intro: z.optional(plainText('简介', 0, 200)),
})
export type StationInput = z.input<typeof stationInput>
export type StationData = z.output<typeof stationInput>

const id = z.string('缺少编号').check(z.minLength(1, '缺少编号'), z.maxLength(64, '编号不对'))
const cursor = z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(100_000)))
const pageSize = z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(PAGE_SIZE_MAX)))
const staffPageSize = z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(STAFF_PAGE_SIZE_MAX)))
const month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份要写成 2026-11 这样'))
const filters = {
  amenities: z.optional(z.array(z.enum(AMENITY_CODES, '有一个设施不在清单里')).check(z.maxLength(AMENITY_CODES.length))),
  openNow: z.optional(z.boolean()),
  cursor,
  pageSize,
}

// ---------------------------------------------------------------------------------------------------
// The event: one discriminated union on `action`

export const stationsEvent = z.discriminatedUnion('action', [
  // --- anyone, signed in or not ---------------------------------------------------------------
  /** Nearest first, straight-line distance from `location`, within `radiusM`. */
  z.object({ action: z.literal('nearby'), location: gcjPoint, radiusM: z.optional(z.number().check(z.int(), z.minimum(100), z.maximum(NEARBY_RADIUS_MAX_M))), ...filters }),
  /** When the worker does not share a location: stations of one 乡镇/街道, by name. */
  z.object({ action: z.literal('inDistrict'), district: z.string().check(z.trim(), z.minLength(1), z.maxLength(20)), ...filters }),
  /** Districts that have stations, with counts (for the picker). */
  z.object({ action: z.literal('districts') }),
  z.object({ action: z.literal('detail'), id, location: z.optional(gcjPoint) }),

  // --- signed-in people -----------------------------------------------------------------------
  /** `code` is what the camera read: `union-station:<token>` (or the bare token). */
  z.object({ action: z.literal('checkIn'), code: z.string('请扫驿站门口的二维码').check(z.minLength(1), z.maxLength(300)) }),
  z.object({ action: z.literal('rate'), visitId: id, stars: z.number('请选几颗星').check(z.int(), z.minimum(1, '请选 1 到 5 颗星'), z.maximum(5, '请选 1 到 5 颗星')) }),
  z.object({ action: z.literal('myVisits'), cursor, pageSize }),
  z.object({
    action: z.literal('report'),
    key: idempotencyKey,
    stationId: id,
    problem: z.enum(PROBLEM_CODES, '请选择哪里坏了'),
    text: z.optional(z.string().check(z.trim(), z.maxLength(TEXT_MAX, `说明不超过 ${TEXT_MAX} 个字`))),
    /** `files` ids of the caller's own `report_photo` uploads, attached to the report when it is saved. */
    photoFileIds: z.optional(
      z.array(uploadedPhotoId).check(
        z.maxLength(REPORT_PHOTOS_MAX, `照片最多 ${REPORT_PHOTOS_MAX} 张`),
        z.refine((a) => new Set(a).size === a.length, '照片有重复'),
      ),
    ),
  }),
  z.object({ action: z.literal('myReports'), cursor, pageSize }),
  z.object({
    action: z.literal('suggest'),
    key: idempotencyKey,
    location: gcjPoint,
    address: plainText('地址', 4, 100),
    district: z.optional(plainText('乡镇或街道', 2, 20)),
    reason: plainText('建议理由', 4, TEXT_MAX),
  }),
  z.object({ action: z.literal('mySuggestions'), cursor, pageSize }),

  // --- staff (grassroots: stations their org hosts; federation: their subtree; admin: all) ----
  z.object({ action: z.literal('listStations'), q: z.optional(z.string().check(z.trim(), z.maxLength(40))), orgId: z.optional(id), cursor, pageSize: staffPageSize }),
  z.object({ action: z.literal('getStation'), id }),
  z.object({ action: z.literal('createStation'), key: idempotencyKey, station: stationInput }),
  /** `version` is the one `getStation` returned; a newer one on the server → STATION.STALE. */
  z.object({ action: z.literal('updateStation'), id, version: z.number().check(z.int(), z.minimum(1)), station: stationInput }),
  /** The check-in QR as a PNG data URL; `renew` issues a new key version (old printed codes stop working). */
  z.object({ action: z.literal('stationQr'), id, renew: z.optional(z.boolean()) }),
  /** A spreadsheet (.xlsx or .csv, UTF-8 or GBK) as base64; `dryRun` only checks it. All rows or none. */
  z.object({
    action: z.literal('importStations'),
    fileName: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
    contentBase64: z.string().check(z.minLength(1), z.maxLength(Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 4, '文件太大了，请分成几个小文件')),
    dryRun: z.optional(z.boolean()),
  }),
  /** Visits per month of one station (from counters; never scans visits). */
  z.object({ action: z.literal('visitStats'), stationId: id, from: z.optional(month), to: z.optional(month) }),
  z.object({ action: z.literal('listReports'), state: z.optional(z.enum(REPORT_STATES)), stationId: z.optional(id), cursor, pageSize: staffPageSize }),
  z.object({
    action: z.literal('decideReport'),
    id,
    decision: z.enum(['start', 'resolve', 'reject'], '请选择怎么处理'),
    version: z.optional(z.number().check(z.int(), z.minimum(1))),
    reason: z.optional(z.enum(Object.keys(REPORT_REJECT_REASONS) as [ReportRejectReason, ...ReportRejectReason[]], '请选择原因')),
    note: z.optional(z.string().check(z.trim(), z.maxLength(200, '回复不超过 200 个字'))),
  }),
  z.object({ action: z.literal('listSuggestions'), state: z.optional(z.enum(SUGGESTION_STATES)), cursor, pageSize: staffPageSize }),
  z.object({
    action: z.literal('decideSuggestion'),
    id,
    decision: z.enum(['accept', 'decline'], '请选择采纳还是不采纳'),
    version: z.optional(z.number().check(z.int(), z.minimum(1))),
    reason: z.optional(
      z.enum([...Object.keys(SUGGESTION_ACCEPT_REASONS), ...Object.keys(SUGGESTION_DECLINE_REASONS)] as [string, ...string[]], '请选择原因'),
    ),
    note: z.optional(z.string().check(z.trim(), z.maxLength(200, '回复不超过 200 个字'))),
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
