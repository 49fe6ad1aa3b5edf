import fc from 'fast-check'
import { nextOpening, openStatus, parseHm, shanghaiDay, shanghaiLocalToUtc, statusText, type Interval, type WeeklyHours, type Weekday } from '../../src/domain/stations/hours'

const at = shanghaiLocalToUtc
const weekdays: WeeklyHours = {
  allDay: false,
  days: {
    1: [{ open: '06:00', close: '21:00' }],
    2: [{ open: '06:00', close: '21:00' }],
    3: [{ open: '06:00', close: '11:30' }, { open: '13:30', close: '21:00' }],
    4: [{ open: '06:00', close: '21:00' }],
    5: [{ open: '06:00', close: '21:00' }, { open: '22:00', close: '02:00' }],
    6: [{ open: '08:00', close: '12:00' }],
    7: [{ open: '18:00', close: '24:00' }],
  },
}
// 2026-11-23 is a Monday.
test('weekday of Shanghai local time, also across the UTC date line', () => {
  expect(shanghaiDay(at('2026-11-23T07:00')).weekday).toBe(1)
  expect(new Date(at('2026-11-23T07:00')).toISOString()).toBe('2026-11-22T23:00:00.000Z')
  expect(shanghaiDay(at('2026-11-22T23:59')).weekday).toBe(7)
})

test.each([
  ['Mon 05:59 closed, opens 06:00', '2026-11-23T05:59', { kind: 'closed', temporary: false, opensAt: at('2026-11-23T06:00') }],
  ['Mon 06:00 opens', '2026-11-23T06:00', { kind: 'open', closesAt: at('2026-11-23T21:00'), closingSoon: false }],
  ['Mon 20:30 closing soon', '2026-11-23T20:30', { kind: 'open', closesAt: at('2026-11-23T21:00'), closingSoon: true }],
  ['Mon 21:00 closed until Tue', '2026-11-23T21:00', { kind: 'closed', temporary: false, opensAt: at('2026-11-24T06:00') }],
  ['Wed lunch break', '2026-11-25T12:00', { kind: 'closed', temporary: false, opensAt: at('2026-11-25T13:30') }],
  ['Fri 23:00 open past midnight', '2026-11-27T23:00', { kind: 'open', closesAt: at('2026-11-28T02:00'), closingSoon: false }],
  ['Sat 01:59 still Friday night', '2026-11-28T01:59', { kind: 'open', closesAt: at('2026-11-28T02:00'), closingSoon: true }],
  ['Sat 02:00 closed until 08:00', '2026-11-28T02:00', { kind: 'closed', temporary: false, opensAt: at('2026-11-28T08:00') }],
  ['Sun 23:00, 24:00 then Mon 06:00 are separate', '2026-11-29T23:00', { kind: 'open', closesAt: at('2026-11-30T00:00'), closingSoon: false }],
])('%s', (_name, local, expected) => {
  expect(openStatus(weekdays, [], at(local))).toEqual(expected)
})

test('an evening that runs into a night interval is one opening', () => {
  const h: WeeklyHours = { allDay: false, days: { 1: [{ open: '18:00', close: '24:00' }], 2: [{ open: '00:00', close: '02:00' }] } }
  expect(openStatus(h, [], at('2026-11-23T23:00'))).toEqual({ kind: 'open', closesAt: at('2026-11-24T02:00'), closingSoon: false })
})

test('24 hours, and temporary closures', () => {
  const allDay: WeeklyHours = { allDay: true, days: {} }
  expect(openStatus(allDay, [], at('2026-11-23T03:00'))).toEqual({ kind: 'open24h' })
  const closures = [{ from: '2026-11-23T00:00', to: '2026-11-24T00:00', note: '停水维修' }]
  expect(openStatus(allDay, closures, at('2026-11-23T03:00'))).toEqual({ kind: 'closed', temporary: true, opensAt: at('2026-11-24T00:00') })
  // closed for the whole Monday: opens Tuesday 06:00
  expect(openStatus(weekdays, closures, at('2026-11-23T10:00'))).toEqual({ kind: 'closed', temporary: true, opensAt: at('2026-11-24T06:00') })
  // a closure from 20:00 ends today's opening early
  const evening = [{ from: '2026-11-24T20:00', to: '2026-11-25T08:00' }]
  expect(openStatus(weekdays, evening, at('2026-11-24T19:45'))).toEqual({ kind: 'open', closesAt: at('2026-11-24T20:00'), closingSoon: true })
  expect(openStatus(weekdays, evening, at('2026-11-24T20:30'))).toEqual({ kind: 'closed', temporary: true, opensAt: at('2026-11-25T08:00') })
})

test('plain status lines', () => {
  const now = at('2026-11-23T20:40')
  expect(statusText(openStatus(weekdays, [], now), now)).toBe('快关门了，21:00 关门')
  const late = at('2026-11-23T21:10')
  expect(statusText(openStatus(weekdays, [], late), late)).toBe('已关门，明天 06:00 开门')
  const sat = at('2026-11-28T13:00')
  expect(statusText(openStatus(weekdays, [], sat), sat)).toBe('已关门，明天 18:00 开门')
  const thursdaysOnly: WeeklyHours = { allDay: false, days: { 4: [{ open: '06:00', close: '09:00' }] } }
  expect(statusText(openStatus(thursdaysOnly, [], late), late)).toBe('已关门，周四 06:00 开门')
  expect(statusText({ kind: 'open24h' }, sat)).toBe('24小时开放')
})

// Reference: is Shanghai local minute-of-week `m` inside any interval (minute by minute)?
function bruteOpen(h: WeeklyHours, utc: number): boolean {
  const { midnight, weekday } = shanghaiDay(utc)
  const minute = Math.floor((utc - midnight) / 60000)
  const covers = (d: Weekday, m: number) =>
    (h.days[d] ?? []).some((iv) => {
      const o = parseHm(iv.open)
      const c = parseHm(iv.close)
      return c > o ? m >= o && m < c : m >= o
    })
  const prev = (weekday === 1 ? 7 : weekday - 1) as Weekday
  const spill = (h.days[prev] ?? []).some((iv) => parseHm(iv.close) <= parseHm(iv.open) && minute < parseHm(iv.close))
  return covers(weekday, minute) || spill
}

const hm = fc.integer({ min: 0, max: 24 * 4 - 1 }).map((q) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`)
const interval: fc.Arbitrary<Interval> = fc.tuple(hm, hm).filter(([a, b]) => a !== b).map(([open, close]) => ({ open, close }))
const week: fc.Arbitrary<WeeklyHours> = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 7 }), interval), { maxLength: 6 })
  .map((list) => {
    const days: WeeklyHours['days'] = {}
    // one interval per day keeps overnight spill and same-day intervals from overlapping ambiguously
    for (const [d, iv] of list) days[d as Weekday] = [iv]
    return { allDay: false, days }
  })
const moment = fc.integer({ min: at('2026-01-01T00:00'), max: at('2027-12-31T23:59') }).map((t) => t - (t % 60000))

test('open/closed agrees with a minute-by-minute reference, across weeks and midnights', () => {
  fc.assert(
    fc.property(week, moment, (h, now) => {
      const s = openStatus(h, [], now)
      return (s.kind === 'open') === bruteOpen(h, now)
    }),
    { numRuns: 2000 },
  )
})

test('closesAt and opensAt are real edges: open just before closing, closed at it; opens exactly then', () => {
  fc.assert(
    fc.property(week, moment, (h, now) => {
      const s = openStatus(h, [], now)
      if (s.kind === 'open') return s.closesAt > now && bruteOpen(h, s.closesAt - 60000) && !bruteOpen(h, s.closesAt)
      if (s.kind === 'closed' && s.opensAt !== null) return s.opensAt > now && bruteOpen(h, s.opensAt) && !bruteOpen(h, s.opensAt - 60000)
      return Object.keys(h.days).length === 0
    }),
    { numRuns: 2000 },
  )
})

test('nextOpening skips closures', () => {
  const closures = [{ from: '2026-11-24T00:00', to: '2026-11-26T00:00' }]
  expect(nextOpening(weekdays, closures, at('2026-11-23T22:00'))).toBe(at('2026-11-26T06:00'))
})
