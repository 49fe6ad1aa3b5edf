// Calls of the `stations` cloud function (爱心驿站) and the phone features its pages use: location,
// scanning, maps, phone calls and saved drafts. The main package imports only the page routes from
// here, so this file takes nothing but types from the schema (which pulls in zod).
import Taro from '@tarojs/taro'
import type { Envelope } from '../domain/envelope'
import type {
  AmenityCode,
  CheckInReply,
  DecisionReply,
  DistrictCount,
  GcjPoint,
  ImportReply,
  Page,
  ProblemCode,
  RateReply,
  ReportDecision,
  ReportRejectReason,
  ReportState,
  ReportView,
  StationAdminPage,
  StationDetail,
  StationEdit,
  StationInput,
  StationPage,
  StationQrReply,
  SuggestionDecision,
  SuggestionState,
  SuggestionView,
  VisitStatsReply,
  VisitView,
} from '../domain/stations/station.schema'
import { callFunction } from './transport'
import { draftStore } from './drafts'

// ---- routes ----------------------------------------------------------------------------------------

export const STATIONS_LIST_PAGE = '/subpackages/stations/pages/list/index'
export const STATION_DETAIL_PAGE = '/subpackages/stations/pages/detail/index'
export const STATION_REPORT_PAGE = '/subpackages/stations/pages/report/index'
export const MY_REPORTS_PAGE = '/subpackages/stations/pages/reports/index'
export const SUGGEST_PAGE = '/subpackages/stations/pages/suggest/index'
export const MY_SUGGESTIONS_PAGE = '/subpackages/stations/pages/suggestions/index'

export const STAFF_STATIONS_PAGE = '/subpackages/staff/pages/stations/index'
export const STAFF_STATION_EDIT_PAGE = '/subpackages/staff/pages/stations-edit/index'
export const STAFF_STATION_QR_PAGE = '/subpackages/staff/pages/stations-qr/index'
export const STAFF_STATION_IMPORT_PAGE = '/subpackages/staff/pages/stations-import/index'
export const STAFF_STATION_REPORTS_PAGE = '/subpackages/staff/pages/stations-reports/index'
export const STAFF_STATION_SUGGESTIONS_PAGE = '/subpackages/staff/pages/stations-suggestions/index'
export const STAFF_STATION_STATS_PAGE = '/subpackages/staff/pages/stations-stats/index'

/** `page?a=1&b=2`, skipping empty values. */
export function withQuery(page: string, query: Record<string, string | number | null | undefined>): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
  return parts.length ? `${page}?${parts.join('&')}` : page
}

// ---- the function ----------------------------------------------------------------------------------

const call = <T>(data: Record<string, unknown>) => callFunction<T>('stations', data)

export interface ListFilters {
  amenities: AmenityCode[]
  openNow: boolean
}

/** Only the filters that are on, so the request stays as small as the choice. */
function filterFields(f: ListFilters, cursor: number | null): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (f.amenities.length) out.amenities = f.amenities
  if (f.openNow) out.openNow = true
  if (cursor) out.cursor = cursor
  return out
}

export const nearby = (location: GcjPoint, filters: ListFilters, cursor: number | null = null): Promise<Envelope<StationPage>> =>
  call({ action: 'nearby', location, ...filterFields(filters, cursor) })

export const inDistrict = (district: string, filters: ListFilters, cursor: number | null = null): Promise<Envelope<StationPage>> =>
  call({ action: 'inDistrict', district, ...filterFields(filters, cursor) })

export const districts = (): Promise<Envelope<{ districts: DistrictCount[] }>> => call({ action: 'districts' })

export const stationDetail = (id: string, location?: GcjPoint | null): Promise<Envelope<StationDetail>> =>
  call(location ? { action: 'detail', id, location } : { action: 'detail', id })

export const checkIn = (code: string): Promise<Envelope<CheckInReply>> => call({ action: 'checkIn', code })

export const rateVisit = (visitId: string, stars: number): Promise<Envelope<RateReply>> => call({ action: 'rate', visitId, stars })

export const myVisits = (cursor: number | null = null): Promise<Envelope<Page<VisitView>>> => call(cursor ? { action: 'myVisits', cursor } : { action: 'myVisits' })

export interface ReportFields {
  key: string
  stationId: string
  problem: ProblemCode
  text?: string
  /** `files` ids of uploaded report_photo photos (at most REPORT_PHOTOS_MAX). */
  photoFileIds?: string[]
}
export const reportProblem = (f: ReportFields): Promise<Envelope<{ id: string; state: ReportState; stateLabel: string }>> =>
  call({
    action: 'report',
    key: f.key,
    stationId: f.stationId,
    problem: f.problem,
    ...(f.text ? { text: f.text } : {}),
    ...(f.photoFileIds?.length ? { photoFileIds: f.photoFileIds } : {}),
  })

export const myReports = (cursor: number | null = null): Promise<Envelope<Page<ReportView>>> => call(cursor ? { action: 'myReports', cursor } : { action: 'myReports' })

export interface SuggestFields {
  key: string
  location: GcjPoint
  address: string
  district?: string
  reason: string
}
export const suggestSite = (f: SuggestFields): Promise<Envelope<{ id: string; state: SuggestionState; stateLabel: string }>> =>
  call({ action: 'suggest', key: f.key, location: f.location, address: f.address, reason: f.reason, ...(f.district ? { district: f.district } : {}) })

export const mySuggestions = (cursor: number | null = null): Promise<Envelope<Page<SuggestionView>>> =>
  call(cursor ? { action: 'mySuggestions', cursor } : { action: 'mySuggestions' })

// staff

export const listStations = (q: string, cursor: number | null = null): Promise<Envelope<StationAdminPage>> =>
  call({ action: 'listStations', ...(q.trim() ? { q: q.trim() } : {}), ...(cursor ? { cursor } : {}) })

export const getStation = (id: string): Promise<Envelope<StationEdit>> => call({ action: 'getStation', id })

export const createStation = (key: string, station: StationInput): Promise<Envelope<{ id: string; version: number }>> =>
  call({ action: 'createStation', key, station })

export const updateStation = (id: string, version: number, station: StationInput): Promise<Envelope<{ id: string; version: number }>> =>
  call({ action: 'updateStation', id, version, station })

export const stationQr = (id: string, renew = false): Promise<Envelope<StationQrReply>> => call(renew ? { action: 'stationQr', id, renew: true } : { action: 'stationQr', id })

export const importStations = (fileName: string, contentBase64: string, dryRun: boolean): Promise<Envelope<ImportReply>> =>
  call({ action: 'importStations', fileName, contentBase64, dryRun })

export const visitStats = (stationId: string): Promise<Envelope<VisitStatsReply>> => call({ action: 'visitStats', stationId })

export const listReports = (state: ReportState | null, cursor: number | null = null): Promise<Envelope<Page<ReportView>>> =>
  call({ action: 'listReports', ...(state ? { state } : {}), ...(cursor ? { cursor } : {}) })

export const decideReport = (
  id: string,
  decision: ReportDecision,
  version: number,
  extra: { reason?: ReportRejectReason; note?: string } = {},
): Promise<Envelope<DecisionReply>> =>
  call({ action: 'decideReport', id, decision, version, ...(extra.reason ? { reason: extra.reason } : {}), ...(extra.note ? { note: extra.note } : {}) })

export const listSuggestions = (state: SuggestionState | null, cursor: number | null = null): Promise<Envelope<Page<SuggestionView>>> =>
  call({ action: 'listSuggestions', ...(state ? { state } : {}), ...(cursor ? { cursor } : {}) })

export const decideSuggestion = (id: string, decision: SuggestionDecision, version: number, extra: { reason?: string; note?: string } = {}): Promise<Envelope<DecisionReply>> =>
  call({ action: 'decideSuggestion', id, decision, version, ...(extra.reason ? { reason: extra.reason } : {}), ...(extra.note ? { note: extra.note } : {}) })

// ---- the phone -------------------------------------------------------------------------------------

const errMsgOf = (e: unknown): string => String((e as { errMsg?: string; message?: string } | null)?.errMsg ?? (e as { message?: string } | null)?.message ?? e)

const round6 = (x: number) => Math.round(x * 1e6) / 1e6

export type Located = { ok: true; point: GcjPoint; approximate: boolean } | { ok: false; reason: 'denied' | 'failed' }

const LOCATE_TIMEOUT_MS = 15000

/**
 * Where the phone is, asked only when the person taps. weapp: GCJ-02 from WeChat (what the stations
 * use). h5: the browser's position, which is WGS-84 — a few hundred metres off on Chinese maps, so it
 * is marked approximate.
 */
export async function locate(): Promise<Located> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), LOCATE_TIMEOUT_MS)
  })
  try {
    const ask = process.env.TARO_ENV === 'h5' ? Taro.getLocation({ type: 'wgs84', highAccuracyExpireTime: 10000 }) : Taro.getLocation({ type: 'gcj02' })
    const res = await Promise.race([ask, timeout])
    if (res === 'timeout') return { ok: false, reason: 'failed' }
    return { ok: true, point: { lng: round6(res.longitude), lat: round6(res.latitude) }, approximate: process.env.TARO_ENV === 'h5' }
  } catch (e) {
    return { ok: false, reason: /deny|denied|auth|permission|拒绝/i.test(errMsgOf(e)) ? 'denied' : 'failed' }
  } finally {
    clearTimeout(timer)
  }
}

/** weapp: opens the settings page so a refused location permission can be turned on. */
export function openLocationSettings(): void {
  if (process.env.TARO_ENV === 'weapp') void Taro.openSetting({}).catch(() => undefined)
}

/** A point picked on WeChat's map (weapp only); null when cancelled or not available. */
export async function chooseOnMap(start?: GcjPoint | null): Promise<{ point: GcjPoint; name: string; address: string } | null> {
  if (process.env.TARO_ENV !== 'weapp') return null
  try {
    const res = await Taro.chooseLocation(start ? { latitude: start.lat, longitude: start.lng } : {})
    if (!res.latitude && !res.longitude) return null
    return { point: { lng: round6(res.longitude), lat: round6(res.latitude) }, name: res.name ?? '', address: res.address ?? '' }
  } catch {
    return null
  }
}

export type Scanned = { ok: true; text: string } | { ok: false; cancelled: boolean }

/** The camera reads the station's QR code (weapp). */
export async function scanQr(): Promise<Scanned> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
    return res.result ? { ok: true, text: res.result } : { ok: false, cancelled: false }
  } catch (e) {
    return { ok: false, cancelled: /cancel/i.test(errMsgOf(e)) }
  }
}

/** One-tap navigation: WeChat's map with its 导航 button; on h5 the map website in a new tab. */
export function openMap(s: { name: string; address: string; location: GcjPoint }): void {
  if (process.env.TARO_ENV === 'h5') {
    const url = `https://uri.amap.com/marker?position=${s.location.lng},${s.location.lat}&name=${encodeURIComponent(s.name)}&coordinate=gaode&callnative=1`
    window.open(url, '_blank', 'noopener')
    return
  }
  Taro.openLocation({ latitude: s.location.lat, longitude: s.location.lng, name: s.name, address: s.address, scale: 17 }).catch(() => {
    void Taro.showToast({ title: `没能打开地图。地址：${s.address}`, icon: 'none', duration: 4000 })
  })
}

export function callPhone(phone: string): void {
  Taro.makePhoneCall({ phoneNumber: phone.replace(/[^\d-]/g, '') }).catch(() => {
    void Taro.showToast({ title: `没能拨号，请手动拨打 ${phone}`, icon: 'none', duration: 4000 })
  })
}

// ---- drafts: nothing typed is lost to a bad network or a closed app --------------------------------

const drafts = draftStore('stations:draft:')

export const loadDraft = <T>(name: string): T | null => drafts.load<T>(name)
export const saveDraft = (name: string, value: unknown): void => drafts.save(name, value)
export const clearDraft = (name: string): void => drafts.clear(name)
