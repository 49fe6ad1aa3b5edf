/**
 * Pure rules of 爱心驿站 shared by pages and the `stations` function: distance, the open line of a
 * station (from hours.ts), ratings, the natural key of a station, months in Asia/Shanghai, and the
 * state machines of reports (报修) and site suggestions.
 */
import { defineMachine } from '../requests/state-machine'
import { openStatus, statusText, type Closure, type WeeklyHours } from './hours'
import {
  AMENITIES,
  type AmenityCode,
  type GcjPoint,
  type OpenView,
  type RatingView,
  type ReportDecision,
  type ReportState,
  type StationStatus,
  type SuggestionDecision,
  type SuggestionState,
} from './station.schema'

/** The sphere CloudBase/MongoDB 2dsphere uses, so our distances equal the database's. */
export const EARTH_RADIUS_M = 6378100

const rad = (d: number) => (d * Math.PI) / 180

/** Great-circle metres between two GCJ-02 points (haversine). */
export function distanceMeters(a: GcjPoint, b: GcjPoint): number {
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** 80米 / 350米 / 1.2公里 / 35公里: tens of metres under 1 km, one decimal under 10 km. */
export function distanceText(metres: number): string {
  if (metres < 1000) return `${Math.max(10, Math.round(metres / 10) * 10)}米`
  if (metres < 9950) return `${(Math.round(metres / 100) / 10).toFixed(1)}公里`
  return `${Math.round(metres / 1000)}公里`
}

/** The station's line on a card: the weekly rules, closures and the staff-set 暂停开放 status, at `now`. */
export function openView(hours: WeeklyHours, closures: readonly Closure[], status: StationStatus, now: number): OpenView {
  if (status === 'temporarily_closed') return { kind: 'closed', text: '暂停开放', temporary: true }
  const s = openStatus(hours, closures, now)
  const text = statusText(s, now)
  switch (s.kind) {
    case 'open24h':
      return { kind: 'open24h', text, temporary: false }
    case 'open':
      return { kind: s.closingSoon ? 'closing_soon' : 'open', text, temporary: false }
    case 'closed':
      return { kind: 'closed', text, temporary: s.temporary }
  }
}

/** Whether a station counts as "open now" for the filter (closing soon still counts). */
export const isOpenNow = (v: OpenView) => v.kind !== 'closed'

export function ratingView(sum: number, count: number): RatingView {
  return { average: count > 0 ? Math.round((sum / count) * 10) / 10 : null, count }
}

/**
 * The natural key of a station: name + address, width-folded (NFKC), lower-case, without spaces and
 * punctuation. Re-importing a row with the same key updates that station instead of adding another.
 */
export function naturalKey(name: string, address: string): string {
  const fold = (s: string) =>
    s
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\s\p{P}\p{S}]+/gu, '')
  return `${fold(name)}|${fold(address)}`
}

/** Id of a district's station counter: `d` + the name's UTF-8 bytes in hex (stable, no hashing library needed). */
export function districtKey(name: string): string {
  return `d${Array.from(new TextEncoder().encode(name), (b) => b.toString(16).padStart(2, '0')).join('')}`
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000

/** `YYYY-MM` of a moment in Asia/Shanghai. */
export function shanghaiMonth(at: number): string {
  return new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7)
}

/** Months from `from` to `to` inclusive (`YYYY-MM`), at most `max`, oldest first. */
export function monthsBetween(from: string, to: string, max = 36): string[] {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1
  const out: string[] = []
  for (let i = Math.max(index(from), index(to) - max + 1); i <= index(to); i++) {
    out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`)
  }
  return out
}

/** `YYYY-MM` shifted by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
}

/** Closures that have not ended yet, soonest first. */
export function upcomingClosures(closures: readonly Closure[], nowLocal: string): Closure[] {
  return closures.filter((c) => c.to > nowLocal).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
}

/** `YYYY-MM-DDTHH:MM` of a moment in Shanghai (what closures are written in). */
export function shanghaiLocalMinute(at: number): string {
  return new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16)
}

const AMENITY_BY_CODE = new Map<string, (typeof AMENITIES)[number]>(AMENITIES.map((a) => [a.code, a]))
export const amenityOf = (code: AmenityCode) => AMENITY_BY_CODE.get(code)!

/** Amenities in the order of the fixed list (so every card shows them the same way). */
export function sortAmenities(codes: readonly AmenityCode[]): AmenityCode[] {
  const order = new Map<string, number>(AMENITIES.map((a, i) => [a.code, i]))
  return [...new Set(codes)].sort((a, b) => order.get(a)! - order.get(b)!)
}

/** 报修: submitted → in_progress → resolved | rejected (reject needs a coded reason). */
export const reportMachine = defineMachine<ReportState, ReportDecision>({
  name: 'stationReport',
  initial: 'submitted',
  finals: ['resolved', 'rejected'],
  transitions: [
    { action: 'start', from: ['submitted'], to: 'in_progress', by: ['grassroots', 'federation'] },
    { action: 'resolve', from: ['submitted', 'in_progress'], to: 'resolved', by: ['grassroots', 'federation'], reason: 'optional' },
    { action: 'reject', from: ['submitted', 'in_progress'], to: 'rejected', by: ['grassroots', 'federation'], reason: 'required' },
  ],
})

/** Site suggestions, decided by federation staff (and admins): accept, or decline with a coded reason. */
export const suggestionMachine = defineMachine<SuggestionState, SuggestionDecision>({
  name: 'stationSuggestion',
  initial: 'submitted',
  finals: ['accepted', 'declined'],
  transitions: [
    { action: 'accept', from: ['submitted'], to: 'accepted', by: ['federation'], reason: 'optional' },
    { action: 'decline', from: ['submitted'], to: 'declined', by: ['federation'], reason: 'required' },
  ],
})
