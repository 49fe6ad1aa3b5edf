/**
 * Weekly hours as plain text, both ways: lines for the detail page (每天 06:00-21:00 / 周一至周五 …) and
 * the 开放时间 column of a spreadsheet import, which people write the same way.
 */
import { parseHm, type Interval, type WeeklyHours, type Weekday } from './hours'

const DAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const
const WEEK: Weekday[] = [1, 2, 3, 4, 5, 6, 7]

const rangeText = (iv: Interval) => (parseHm(iv.close) <= parseHm(iv.open) ? `${iv.open}-次日${iv.close}` : `${iv.open}-${iv.close}`)
const dayKey = (list: readonly Interval[] | undefined) => (list && list.length ? list.map(rangeText).join('、') : '')

/** 24小时开放 / 每天 06:00-21:00 / 周一至周五 08:00-11:30、13:30-18:00 + 周六、周日 休息. */
export function hoursLines(hours: WeeklyHours): string[] {
  if (hours.allDay) return ['24小时开放']
  const keys = WEEK.map((d) => dayKey(hours.days[d]))
  if (keys.every((k) => k === keys[0])) return [keys[0] ? `每天 ${keys[0]}` : '暂无固定开放时间']
  const lines: string[] = []
  // group runs of consecutive days with the same hours
  let start = 0
  for (let i = 1; i <= 7; i++) {
    if (i < 7 && keys[i] === keys[start]) continue
    const len = i - start
    const label = len >= 3 ? `${DAY_NAMES[start]}至${DAY_NAMES[i - 1]}` : len === 2 ? `${DAY_NAMES[start]}、${DAY_NAMES[start + 1]}` : DAY_NAMES[start]
    lines.push(`${label} ${keys[start] || '休息'}`)
    start = i
  }
  return lines
}

export const HOURS_TEXT_EXAMPLE = '每天 06:00-21:00；或 周一至周五 08:00-11:30,13:30-18:00；周六 09:00-12:00；或 24小时'

export type HoursTextResult = { ok: true; hours: WeeklyHours } | { ok: false; message: string }

const DAY_CHAR: Record<string, Weekday> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 七: 7, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7 }
const DAY_ONE = '(?:周|星期|礼拜)?([一二三四五六日天七1-7])'
const DAY_RANGE = new RegExp(`^${DAY_ONE}(?:至|到|-|~)${DAY_ONE}$`)
const DAY_SINGLE = new RegExp(`^${DAY_ONE}$`)

function parseDays(text: string): Weekday[] | null {
  const t = text.replace(/\s+/g, '')
  if (t === '' || /^(每天|每日|天天|全周|全年|周一至周日|周一到周日)$/.test(t)) return [...WEEK]
  if (t === '工作日') return [1, 2, 3, 4, 5]
  if (t === '周末' || t === '双休日') return [6, 7]
  const out = new Set<Weekday>()
  for (const part of t.split(/[、,，和及]/)) {
    if (!part) continue
    const r = DAY_RANGE.exec(part)
    if (r) {
      const a = DAY_CHAR[r[1]]
      const b = DAY_CHAR[r[2]]
      if (a > b) return null
      for (let d = a; d <= b; d++) out.add(d as Weekday)
      continue
    }
    const s = DAY_SINGLE.exec(part)
    if (!s || !/^(周|星期|礼拜)/.test(part)) return null
    out.add(DAY_CHAR[s[1]])
  }
  return out.size ? [...out] : null
}

const pad = (hm: string) => (hm.length === 4 ? `0${hm}` : hm)

function parseRanges(text: string): Interval[] | null {
  const out: Interval[] = []
  for (const part of text.split(/[,，、\s]+/)) {
    if (!part) continue
    const m = /^(\d{1,2}:\d{2})(?:-|~|至|到)(?:次日|第二天)?(\d{1,2}:\d{2})$/.exec(part)
    if (!m) return null
    out.push({ open: pad(m[1]), close: pad(m[2]) })
  }
  return out.length ? out : null
}

/**
 * Reads what people write in the 开放时间 column. Segments are separated by ；or a new line; a later
 * segment overrides the days it names (每天 06:00-21:00；周日 休息). The result still goes through the
 * `weeklyHours` schema for the time checks.
 */
export function parseHoursText(input: string): HoursTextResult {
  const bad = (detail: string): HoursTextResult => ({ ok: false, message: `${detail}。请照这样写：${HOURS_TEXT_EXAMPLE}` })
  const text = input
    .normalize('NFKC')
    .replace(/[：]/g, ':')
    .replace(/[—–－~～]/g, '-')
    .trim()
  if (!text) return bad('没有填开放时间')
  if (/^(24小时|24h|全天|全天开放|24小时开放|全天24小时)$/i.test(text.replace(/\s+/g, ''))) return { ok: true, hours: { allDay: true, days: {} } }
  const days: WeeklyHours['days'] = {}
  for (const raw of text.split(/[;；\n|]+/)) {
    const segment = raw.trim()
    if (!segment) continue
    const m = /^(.*?)[\s:]*((?:休息|不开放|关闭|闭馆)|(?:\d{1,2}:\d{2}.*))$/.exec(segment)
    if (!m) return bad(`"${segment}" 看不懂`)
    const which = parseDays(m[1])
    if (!which) return bad(`"${m[1].trim()}" 不是星期几`)
    const closed = /^(休息|不开放|关闭|闭馆)$/.test(m[2])
    const ranges = closed ? [] : parseRanges(m[2])
    if (!ranges) return bad(`"${m[2].trim()}" 不是时间段`)
    for (const d of which) days[d] = ranges
  }
  for (const d of WEEK) if (days[d] && days[d]!.length === 0) delete days[d]
  return { ok: true, hours: { allDay: false, days } }
}
