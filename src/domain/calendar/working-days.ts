/**
 * Working days in Asia/Shanghai (UTC+8 all year, no daylight saving since 1991) from a configurable
 * holiday calendar: the State Council's yearly notice lists days off (法定节假日 and 调休) and the
 * weekend days that are worked instead (调休上班). Deadlines such as "15 个工作日" are counted with it.
 * A year missing from the calendar counts Monday–Friday only, and says so (`calendarMissing`).
 */

export interface HolidayCalendar {
  year: number
  /** YYYY-MM-DD days off (usually weekdays made holidays). */
  holidays: string[]
  /** YYYY-MM-DD weekend days that are working days. */
  workdays: string[]
}

const DAY_MS = 86_400_000
const OFFSET_MS = 8 * 3_600_000

const pad = (n: number) => String(n).padStart(2, '0')

/** YYYY-MM-DD of an instant in Shanghai. */
export function shanghaiDate(at: Date | number): string {
  const d = new Date((typeof at === 'number' ? at : at.getTime()) + OFFSET_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** Calendar parts of a Shanghai date, for age rules. */
export function shanghaiDateParts(at: Date | number): { year: number; month: number; day: number } {
  const [year, month, day] = shanghaiDate(at).split('-').map(Number)
  return { year, month, day }
}

export const isIsoDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const [y, m, d] = s.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

const dayNumber = (date: string) => {
  const [y, m, d] = date.split('-').map(Number)
  return Date.UTC(y, m - 1, d) / DAY_MS
}
const fromDayNumber = (n: number) => {
  const d = new Date(n * DAY_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

export function addDays(date: string, n: number): string {
  return fromDayNumber(dayNumber(date) + n)
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  const wd = new Date(dayNumber(date) * DAY_MS).getUTCDay()
  return wd === 0 ? 7 : wd
}

export class WorkCalendar {
  private readonly holidays = new Set<string>()
  private readonly workdays = new Set<string>()
  private readonly years = new Set<number>()

  constructor(calendars: readonly HolidayCalendar[]) {
    for (const c of calendars) {
      this.years.add(c.year)
      c.holidays.forEach((d) => this.holidays.add(d))
      c.workdays.forEach((d) => this.workdays.add(d))
    }
  }

  hasYear(year: number): boolean {
    return this.years.has(year)
  }

  isWorkingDay(date: string): boolean {
    if (this.workdays.has(date)) return true
    if (this.holidays.has(date)) return false
    return weekdayOf(date) <= 5
  }

  /**
   * The date of the `n`th working day after `date` (the day itself is not counted, as with
   * "15 个工作日内": an application on Friday evening has its first working day on Monday).
   */
  addWorkingDays(date: string, n: number): string {
    let d = date
    for (let left = n; left > 0; ) {
      d = addDays(d, 1)
      if (this.isWorkingDay(d)) left--
    }
    return d
  }

  /** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
  workingDaysBetween(from: string, to: string): number {
    let count = 0
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) count++
    return count
  }
}

export interface Deadline {
  /** YYYY-MM-DD (Shanghai): the last day. */
  dueDate: string
  /** End of that day in Shanghai, as an instant. */
  dueAt: Date
  /** Some year it spans has no holiday calendar: weekends only were skipped. */
  calendarMissing: boolean
}

/** `workingDays` working days after the Shanghai day of `start`. */
export function deadlineAfter(cal: WorkCalendar, start: Date, workingDays: number): Deadline {
  const startDate = shanghaiDate(start)
  const dueDate = cal.addWorkingDays(startDate, workingDays)
  const dueAt = new Date((dayNumber(dueDate) + 1) * DAY_MS - OFFSET_MS - 1)
  const calendarMissing = !cal.hasYear(Number(startDate.slice(0, 4))) || !cal.hasYear(Number(dueDate.slice(0, 4)))
  return { dueDate, dueAt, calendarMissing }
}

/** Plain words for a deadline seen on `now`: 还剩 3 个工作日 / 今天到期 / 已超过 2 个工作日. */
export function deadlineText(cal: WorkCalendar, dueDate: string, now: Date): { overdue: boolean; text: string; workingDaysLeft: number } {
  const today = shanghaiDate(now)
  if (today > dueDate) {
    const late = cal.workingDaysBetween(dueDate, today)
    return { overdue: true, workingDaysLeft: late > 0 ? -late : 0, text: late > 0 ? `已超过 ${late} 个工作日` : '已过期限' }
  }
  if (today === dueDate) return { overdue: false, workingDaysLeft: 0, text: '今天到期' }
  const left = cal.workingDaysBetween(today, dueDate)
  return { overdue: false, workingDaysLeft: left, text: `还剩 ${left} 个工作日` }
}

/** 2026-11-20 → 11月20日 (with the year when it is not `now`'s year). */
export function dateLabel(date: string, now?: Date): string {
  const [y, m, d] = date.split('-').map(Number)
  const sameYear = now !== undefined && shanghaiDate(now).startsWith(String(y))
  return sameYear ? `${m}月${d}日` : `${y}年${m}月${d}日`
}

/**
 * Demo default: the 2026 arrangement (国务院办公厅关于2026年部分节假日安排的通知). Admins keep the table
 * current; these values are seed data, not rules in code.
 */
export const DEMO_CALENDAR_2026: HolidayCalendar = {
  year: 2026,
  holidays: [
    '2026-01-01', '2026-01-02', '2026-01-03',
    '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
    '2026-04-04', '2026-04-05', '2026-04-06',
    '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
    '2026-06-19', '2026-06-20', '2026-06-21',
    '2026-09-25', '2026-09-26', '2026-09-27',
    '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
}
