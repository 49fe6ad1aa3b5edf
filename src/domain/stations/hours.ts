/**
 * Opening hours of a rest station and "open now" in Asia/Shanghai (UTC+8 all year, no DST).
 * Pure: the clock is passed in. Used by the station list on the phone and by the server alike.
 */

/** 'HH:MM' from 00:00 to 24:00. An interval whose close is not after its open runs past midnight. */
export interface Interval {
  open: string
  close: string
}

/** Day 1 = Monday … 7 = Sunday (ISO, as people in China count the week). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7

export interface WeeklyHours {
  /** Open around the clock (24 小时). */
  allDay: boolean
  days: Partial<Record<Weekday, Interval[]>>
}

/** A temporary closure in Shanghai local time, `YYYY-MM-DDTHH:MM`, end exclusive. */
export interface Closure {
  from: string
  to: string
  note?: string
}

export type OpenStatus =
  | { kind: 'open24h' }
  | { kind: 'open'; closesAt: number; closingSoon: boolean }
  | { kind: 'closed'; opensAt: number | null; temporary: boolean }

const SHANGHAI_OFFSET_MS = 8 * 3600_000
const DAY_MS = 86_400_000
const MINUTE_MS = 60_000

export function parseHm(hm: string): number {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hm)
  if (!m) throw new RangeError(`bad time ${hm}`)
  const minutes = Number(m[1]) * 60 + Number(m[2])
  if (minutes > 24 * 60) throw new RangeError(`bad time ${hm}`)
  return minutes
}

export const isValidHm = (hm: string) => {
  try {
    parseHm(hm)
    return true
  } catch {
    return false
  }
}

/** UTC ms of Shanghai local midnight of the day containing `utcMs`, and that day's weekday. */
export function shanghaiDay(utcMs: number): { midnight: number; weekday: Weekday } {
  const local = utcMs + SHANGHAI_OFFSET_MS
  const dayIndex = Math.floor(local / DAY_MS)
  // 1970-01-01 was a Thursday (ISO 4)
  const weekday = ((((dayIndex + 3) % 7) + 7) % 7) + 1
  return { midnight: dayIndex * DAY_MS - SHANGHAI_OFFSET_MS, weekday: weekday as Weekday }
}

/** `YYYY-MM-DDTHH:MM` in Shanghai → UTC ms. */
export function shanghaiLocalToUtc(local: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local)
  if (!m) throw new RangeError(`bad local time ${local}`)
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) - SHANGHAI_OFFSET_MS
}

const prevDay = (d: Weekday): Weekday => (d === 1 ? 7 : d - 1) as Weekday
const nextDay = (d: Weekday): Weekday => (d === 7 ? 1 : d + 1) as Weekday

/** Every opening span [start, end) in UTC ms that touches the window from the day before `from` on, for `days` days. */
function spans(hours: WeeklyHours, fromUtc: number, days: number): Array<[number, number]> {
  const out: Array<[number, number]> = []
  let { midnight, weekday } = shanghaiDay(fromUtc)
  midnight -= DAY_MS
  weekday = prevDay(weekday)
  for (let i = 0; i <= days; i++) {
    for (const iv of hours.days[weekday] ?? []) {
      const open = parseHm(iv.open)
      let close = parseHm(iv.close)
      if (close <= open) close += 24 * 60
      out.push([midnight + open * MINUTE_MS, midnight + close * MINUTE_MS])
    }
    midnight += DAY_MS
    weekday = nextDay(weekday)
  }
  // join touching spans (e.g. 08:00–24:00 then 00:00–02:00) so "closes at" is the real end
  out.sort((a, b) => a[0] - b[0])
  const merged: Array<[number, number]> = []
  for (const s of out) {
    const last = merged[merged.length - 1]
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1])
    else merged.push([...s])
  }
  return merged
}

function inClosure(closures: readonly Closure[], at: number): Closure | undefined {
  return closures.find((c) => shanghaiLocalToUtc(c.from) <= at && at < shanghaiLocalToUtc(c.to))
}

/** Open now / closing soon / closed (and when it opens), with temporary closures. */
export function openStatus(hours: WeeklyHours, closures: readonly Closure[], now: number, closingSoonMinutes = 30): OpenStatus {
  const closure = inClosure(closures, now)
  if (closure) {
    const end = shanghaiLocalToUtc(closure.to)
    return { kind: 'closed', temporary: true, opensAt: hours.allDay ? end : nextOpening(hours, closures, end) }
  }
  if (hours.allDay) return { kind: 'open24h' }
  const current = spans(hours, now, 8).find(([s, e]) => s <= now && now < e)
  if (current) {
    // a closure that starts before the normal closing time ends the opening early
    const cut = closures.map((c) => shanghaiLocalToUtc(c.from)).filter((t) => t > now && t < current[1])
    const closesAt = Math.min(current[1], ...cut)
    return { kind: 'open', closesAt, closingSoon: closesAt - now <= closingSoonMinutes * MINUTE_MS }
  }
  return { kind: 'closed', temporary: false, opensAt: nextOpening(hours, closures, now) }
}

/** The first moment at or after `from` when the station is open (within two weeks), or null. */
export function nextOpening(hours: WeeklyHours, closures: readonly Closure[], from: number): number | null {
  if (hours.allDay) {
    const c = inClosure(closures, from)
    return c ? shanghaiLocalToUtc(c.to) : from
  }
  for (const [s, e] of spans(hours, from, 14)) {
    let t = Math.max(s, from)
    while (t < e) {
      const c = inClosure(closures, t)
      if (!c) return t
      t = shanghaiLocalToUtc(c.to)
    }
  }
  return null
}

/** "HH:MM" (today), "明天 HH:MM" or "周三 HH:MM", in Shanghai time, for the status line. */
export function describeTime(at: number, now: number): string {
  const hm = new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16)
  const days = Math.round((shanghaiDay(at).midnight - shanghaiDay(now).midnight) / DAY_MS)
  if (days === 0) return hm
  if (days === 1) return `明天 ${hm}`
  return `周${'一二三四五六日'[shanghaiDay(at).weekday - 1]} ${hm}`
}

/** One plain line for the worker: 24小时开放 / 营业中，21:00 关门 / 快关门了 / 已关门，明天 06:00 开门 / 临时关闭. */
export function statusText(status: OpenStatus, now: number): string {
  switch (status.kind) {
    case 'open24h':
      return '24小时开放'
    case 'open':
      return status.closingSoon ? `快关门了，${describeTime(status.closesAt, now)} 关门` : `开放中，${describeTime(status.closesAt, now)} 关门`
    case 'closed': {
      const when = status.opensAt === null ? '' : `，${describeTime(status.opensAt, now)} 开门`
      return `${status.temporary ? '临时关闭' : '已关门'}${when}`
    }
  }
}
