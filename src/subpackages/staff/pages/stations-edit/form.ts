// The station form as typed (strings, so nothing the person writes is changed under them) and its
// conversion to the contract's `stationInput`.
import type { Weekday } from '../../../../domain/stations/hours'
import type { AmenityCode, StationData, StationInput, StationStatus } from '../../../../domain/stations/station.schema'

export const WEEK: Weekday[] = [1, 2, 3, 4, 5, 6, 7]
export const DAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const

export interface IntervalForm {
  open: string
  close: string
}

export interface ClosureForm {
  /** `2026-12-01 08:00` as typed (the contract wants `2026-12-01T08:00`). */
  from: string
  to: string
  note: string
}

export interface StationForm {
  name: string
  address: string
  district: string
  lng: string
  lat: string
  allDay: boolean
  days: Record<Weekday, IntervalForm[]>
  closures: ClosureForm[]
  amenities: AmenityCode[]
  capacity: string
  stars: number
  hostOrgId: string
  managerName: string
  managerPhone: string
  status: StationStatus
  intro: string
  /**
   * Photo ids: stored ones kept, new `station_photo` uploads added (attached on save), removed ones
   * left out (the server deletes uploaded photos a save removes).
   */
  photos: string[]
}

const noDays = (): Record<Weekday, IntervalForm[]> => ({ 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] })

export function emptyForm(): StationForm {
  return {
    name: '',
    address: '',
    district: '',
    lng: '',
    lat: '',
    allDay: false,
    days: noDays(),
    closures: [],
    amenities: [],
    capacity: '',
    stars: 0,
    hostOrgId: '',
    managerName: '',
    managerPhone: '',
    status: 'open',
    intro: '',
    photos: [],
  }
}

const toForm = (local: string) => local.replace('T', ' ')

export function formOf(d: StationData): StationForm {
  const days = noDays()
  for (const w of WEEK) days[w] = (d.hours.days[w] ?? []).map((i) => ({ open: i.open, close: i.close }))
  return {
    name: d.name,
    address: d.address,
    district: d.district,
    lng: String(d.location.lng),
    lat: String(d.location.lat),
    allDay: d.hours.allDay,
    days,
    closures: (d.closures ?? []).map((c) => ({ from: toForm(c.from), to: toForm(c.to), note: c.note ?? '' })),
    amenities: [...d.amenities],
    capacity: String(d.capacity),
    stars: d.stars ?? 0,
    hostOrgId: d.hostOrgId,
    managerName: d.manager.name,
    managerPhone: d.manager.phone,
    status: d.status ?? 'open',
    intro: d.intro ?? '',
    photos: [...(d.photos ?? [])],
  }
}

/** `8:00` / `８：００` / `0800` → `08:00`; anything else is left for the schema to explain. */
export function normalizeHm(raw: string): string {
  const s = raw.normalize('NFKC').replace(/[：.]/g, ':').replace(/\s+/g, '')
  let m = /^(\d{1,2}):(\d{2})$/.exec(s)
  if (m) return `${m[1].padStart(2, '0')}:${m[2]}`
  m = /^(\d{2})(\d{2})$/.exec(s)
  if (m) return `${m[1]}:${m[2]}`
  return s
}

/** `2026-12-1 8:00` or `2026-12-01T08:00` → `2026-12-01T08:00`. */
export function normalizeLocalMinute(raw: string): string {
  const s = raw.normalize('NFKC').trim().replace(/[：]/g, ':').replace(/[/.]/g, '-')
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})[T\s]+(\d{1,2}):(\d{2})$/.exec(s)
  if (!m) return s
  const two = (x: string) => x.padStart(2, '0')
  return `${m[1]}-${two(m[2])}-${two(m[3])}T${two(m[4])}:${m[5]}`
}

/** A number typed as text, or undefined (the schema then says what is missing). */
function num(s: string): number | undefined {
  const t = s.normalize('NFKC').trim()
  if (t === '') return undefined
  const n = Number(t)
  return Number.isFinite(n) ? n : undefined
}

/** The form as the contract's input; the schema (client and server) decides what is wrong. */
export function toStationInput(f: StationForm): StationInput {
  const days: Partial<Record<Weekday, IntervalForm[]>> = {}
  if (!f.allDay) {
    for (const w of WEEK) {
      if (f.days[w].length) days[w] = f.days[w].map((i) => ({ open: normalizeHm(i.open), close: normalizeHm(i.close) }))
    }
  }
  const lng = num(f.lng)
  const lat = num(f.lat)
  const intro = f.intro.trim()
  return {
    name: f.name,
    address: f.address,
    district: f.district,
    location: { lng, lat } as StationInput['location'],
    hours: { allDay: f.allDay, days },
    closures: f.closures.map((c) => ({ from: normalizeLocalMinute(c.from), to: normalizeLocalMinute(c.to), ...(c.note.trim() ? { note: c.note.trim() } : {}) })),
    amenities: f.amenities,
    capacity: num(f.capacity) as number,
    stars: f.stars,
    hostOrgId: f.hostOrgId,
    manager: { name: f.managerName, phone: f.managerPhone },
    photos: f.photos,
    status: f.status,
    ...(intro ? { intro } : {}),
  }
}
