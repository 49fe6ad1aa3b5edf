import fc from 'fast-check'
import { shanghaiLocalToUtc as at } from '../../src/domain/stations/hours'
import {
  addMonths,
  distanceMeters,
  distanceText,
  isOpenNow,
  monthsBetween,
  naturalKey,
  openView,
  ratingView,
  reportMachine,
  shanghaiMonth,
  sortAmenities,
  suggestionMachine,
  upcomingClosures,
} from '../../src/domain/stations/station.rules'
import { reachableStates } from '../../src/domain/requests/state-machine'

describe('distance', () => {
  // Around 广丰: 1° of latitude = 6378100 m × π/180 = 111 318.8 m; 1° of longitude at 28.47° N = 111 318.8 × cos 28.47° = 97 857 m.
  const P = { lng: 118.24, lat: 28.47 }
  test.each([
    ['0.003° east', { lng: 118.243, lat: 28.47 }, 293.6],
    ['0.005° north', { lng: 118.24, lat: 28.475 }, 556.6],
    ['0.005° west, 0.004° south', { lng: 118.235, lat: 28.466 }, Math.hypot(489.3, 445.3)],
  ])('%s of the query point', (_name, q, metres) => {
    expect(distanceMeters(P, q)).toBeCloseTo(metres, -0.5) // within ±1.6 m
  })

  test('symmetric, zero to itself, triangle inequality', () => {
    const pt = fc.record({ lng: fc.double({ min: 115, max: 122, noNaN: true }), lat: fc.double({ min: 24, max: 32, noNaN: true }) })
    fc.assert(
      fc.property(pt, pt, pt, (a, b, c) => {
        expect(distanceMeters(a, a)).toBe(0)
        expect(Math.abs(distanceMeters(a, b) - distanceMeters(b, a))).toBeLessThan(1e-6)
        expect(distanceMeters(a, c)).toBeLessThanOrEqual(distanceMeters(a, b) + distanceMeters(b, c) + 1e-6)
      }),
    )
  })

  test.each([
    [3, '10米'],
    [349, '350米'],
    [994, '990米'],
    [1000, '1.0公里'],
    [1234, '1.2公里'],
    [9949, '9.9公里'],
    [9950, '10公里'],
    [35_400, '35公里'],
  ])('%d m reads %s', (m, text) => expect(distanceText(m)).toBe(text))
})

describe('open line of a station', () => {
  const daily = { allDay: false, days: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ open: '06:00', close: '21:00' }]])) }
  // 2026-11-23 is a Monday
  test.each([
    ['24 h', { allDay: true, days: {} }, 'open', '2026-11-23T03:00', { kind: 'open24h', text: '24小时开放', temporary: false }],
    ['open', daily, 'open', '2026-11-23T10:00', { kind: 'open', text: '开放中，21:00 关门', temporary: false }],
    ['closing soon', daily, 'open', '2026-11-23T20:40', { kind: 'closing_soon', text: '快关门了，21:00 关门', temporary: false }],
    ['closed', daily, 'open', '2026-11-23T05:30', { kind: 'closed', text: '已关门，06:00 开门', temporary: false }],
    ['暂停开放 beats the hours', { allDay: true, days: {} }, 'temporarily_closed', '2026-11-23T10:00', { kind: 'closed', text: '暂停开放', temporary: true }],
  ] as const)('%s', (_n, hours, status, local, expected) => {
    expect(openView(hours, [], status, at(local))).toEqual(expected)
  })

  test('a temporary closure shows as temporary and is not open now', () => {
    const v = openView({ allDay: true, days: {} }, [{ from: '2026-11-23T00:00', to: '2026-11-24T00:00' }], 'open', at('2026-11-23T12:00'))
    expect(v).toEqual({ kind: 'closed', text: '临时关闭，明天 00:00 开门', temporary: true })
    expect(isOpenNow(v)).toBe(false)
  })

  test('closing soon still counts as open now', () => {
    expect(isOpenNow({ kind: 'closing_soon', text: '', temporary: false })).toBe(true)
  })

  test('closures that have not ended, soonest first', () => {
    const list = [
      { from: '2026-12-10T00:00', to: '2026-12-11T00:00' },
      { from: '2026-11-01T00:00', to: '2026-11-02T00:00' },
      { from: '2026-11-20T00:00', to: '2026-11-25T00:00' },
    ]
    expect(upcomingClosures(list, '2026-11-23T08:00').map((c) => c.from)).toEqual(['2026-11-20T00:00', '2026-12-10T00:00'])
  })
})

test('ratings: one decimal, null before the first', () => {
  expect(ratingView(0, 0)).toEqual({ average: null, count: 0 })
  expect(ratingView(14, 3)).toEqual({ average: 4.7, count: 3 })
})

test('natural key ignores width, case, spaces and punctuation but not words', () => {
  expect(naturalKey('白鹤中大道爱心驿站', '广丰区白鹤中大道 88 号')).toBe(naturalKey(' 白鹤中大道爱心驿站 ', '广丰区白鹤中大道８８号。'))
  expect(naturalKey('ＡＢＣ驿站', 'x')).toBe(naturalKey('abc驿站', 'x'))
  expect(naturalKey('白鹤中大道爱心驿站', '广丰区白鹤中大道 88 号')).not.toBe(naturalKey('白鹤中大道爱心驿站', '广丰区白鹤中大道 89 号'))
  // name and address cannot bleed into each other
  expect(naturalKey('ab', 'c')).not.toBe(naturalKey('a', 'bc'))
})

test('months in Asia/Shanghai', () => {
  expect(shanghaiMonth(Date.parse('2026-11-30T16:30:00Z'))).toBe('2026-12') // 00:30 on 1 December in Shanghai
  expect(shanghaiMonth(Date.parse('2026-11-30T15:59:00Z'))).toBe('2026-11')
  expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
  expect(monthsBetween('2020-01', '2026-12', 3)).toEqual(['2026-10', '2026-11', '2026-12'])
  expect(addMonths('2026-01', -1)).toBe('2025-12')
  expect(addMonths('2026-11', -11)).toBe('2025-12')
})

test('amenities always in the order of the fixed list, without repeats', () => {
  expect(sortAmenities(['reading', 'water', 'aed', 'water'])).toEqual(['water', 'aed', 'reading'])
})

describe('state machines', () => {
  test('reports: staff start, resolve or reject (with a reason); finals are final; workers cannot decide', () => {
    expect(reportMachine.step('submitted', 'start', 'grassroots')).toEqual({ ok: true, to: 'in_progress', reasonRequired: false })
    expect(reportMachine.step('in_progress', 'resolve', 'federation')).toEqual({ ok: true, to: 'resolved', reasonRequired: false })
    expect(reportMachine.step('submitted', 'reject', 'grassroots')).toEqual({ ok: true, to: 'rejected', reasonRequired: true })
    expect(reportMachine.step('in_progress', 'start', 'grassroots')).toEqual({ ok: false, code: 'REQUEST.ILLEGAL_TRANSITION' })
    expect(reportMachine.step('resolved', 'reject', 'federation')).toEqual({ ok: false, code: 'REQUEST.ALREADY_DECIDED' })
    expect(reportMachine.step('submitted', 'resolve', 'owner')).toEqual({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect([...reachableStates(reportMachine)].sort()).toEqual(['in_progress', 'rejected', 'resolved', 'submitted'])
  })

  test('suggestions: only federation-level staff decide; decline needs a reason', () => {
    expect(suggestionMachine.step('submitted', 'accept', 'federation')).toEqual({ ok: true, to: 'accepted', reasonRequired: false })
    expect(suggestionMachine.step('submitted', 'decline', 'federation')).toEqual({ ok: true, to: 'declined', reasonRequired: true })
    expect(suggestionMachine.step('submitted', 'accept', 'grassroots')).toEqual({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(suggestionMachine.step('accepted', 'decline', 'federation')).toEqual({ ok: false, code: 'REQUEST.ALREADY_DECIDED' })
  })
})
