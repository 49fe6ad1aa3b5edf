import fc from 'fast-check'
import { toFieldErrors } from '../../src/domain/validation'
import { AMENITIES, AMENITY_CODES, PROBLEMS, REPORT_STATES, REPORT_STATE_LABELS, importErrorsOf, stationInput, stationsEvent, type StationInput } from '../../src/domain/stations/station.schema'
import { DEMO_STATIONS } from '../../emulator/runtime/seed'

const valid: StationInput = {
  name: '白鹤中大道爱心驿站',
  address: '广丰区白鹤中大道 88 号',
  district: '永丰街道',
  location: { lng: 118.1912, lat: 28.4398 },
  hours: { allDay: false, days: { 1: [{ open: '06:00', close: '11:30' }, { open: '13:30', close: '21:00' }], 5: [{ open: '22:00', close: '02:00' }] } },
  amenities: ['water', 'toilet'],
  capacity: 12,
  hostOrgId: 'org-fed',
  manager: { name: '吴站长', phone: '0793-2612351' },
}

describe('amenity list', () => {
  test('codes are unique; every amenity has a word, an icon and an emoji', () => {
    expect(new Set(AMENITY_CODES).size).toBe(AMENITIES.length)
    for (const a of AMENITIES) {
      expect(a.label.length).toBeGreaterThan(0)
      expect(a.icon).toMatch(/^[a-z-]+$/)
      expect(a.emoji.length).toBeGreaterThan(0)
    }
  })

  test('covers what RULES.md §4 says a station offers', () => {
    const labels = AMENITIES.map((a) => a.label).join(' ')
    for (const word of ['饮水', '热饭', '微波炉', '如厕', '充电', '空调', '取暖', '药箱', 'AED', '法律服务', '休息', '阅读']) expect(labels).toContain(word)
  })

  test('problems and report states have plain words', () => {
    expect(new Set(PROBLEMS.map((p) => p.code)).size).toBe(PROBLEMS.length)
    expect(PROBLEMS.map((p) => p.code)).toContain('water_dispenser')
    for (const s of REPORT_STATES) expect(REPORT_STATE_LABELS[s]).toMatch(/[\u4e00-\u9fa5]/)
  })
})

describe('station input', () => {
  test('a valid station passes, with defaults filled in', () => {
    const r = stationInput.safeParse(valid)
    expect(r.success).toBe(true)
    expect(r.success && r.data).toMatchObject({ closures: [], photos: [], stars: 0, status: 'open' })
  })

  test('every demo station is valid', () => {
    for (const s of DEMO_STATIONS) expect({ key: s.key, ok: stationInput.safeParse(s.data).success }).toEqual({ key: s.key, ok: true })
    expect(DEMO_STATIONS.map((s) => s.data.name)).toEqual(expect.arrayContaining(['白鹤中大道爱心驿站', '广丰区工人文化宫爱心驿站', '兴旺国际建材城联合工会爱心驿站']))
  })

  const days = (list: unknown) => ({ allDay: false, days: { 1: list } })
  test.each<[string, Partial<Record<keyof StationInput, unknown>>, string, RegExp]>([
    ['name too short', { name: '站' }, 'name', /至少 2 个字/],
    ['empty address', { address: '   ' }, 'address', /地址/],
    ['markup in the name', { name: '<b>驿站</b>' }, 'name', /不能用的符号/],
    ['longitude outside China', { location: { lng: 12, lat: 28 } }, 'location.lng', /不在国内/],
    ['no location', { location: undefined }, 'location', /请选择位置/],
    ['bad time', { hours: days([{ open: '6点', close: '21:00' }]) }, 'hours.days.1.0.open', /08:00/],
    ['25:00', { hours: days([{ open: '06:00', close: '25:00' }]) }, 'hours.days.1.0.close', /00:00 到 24:00/],
    ['open equals close', { hours: days([{ open: '08:00', close: '08:00' }]) }, 'hours.days.1.0.close', /不能一样/],
    ['overlapping intervals', { hours: days([{ open: '08:00', close: '12:00' }, { open: '11:00', close: '18:00' }]) }, 'hours.days.1.1.open', /不能重叠/],
    ['no day at all', { hours: { allDay: false, days: {} } }, 'hours.days', /至少填一天/],
    ['four intervals in a day', { hours: days([1, 2, 3, 4].map((h) => ({ open: `0${h}:00`, close: `0${h}:30` }))) }, 'hours.days.1', /最多填 3 段/],
    ['closure ends before it starts', { closures: [{ from: '2026-12-02T08:00', to: '2026-12-01T08:00' }] }, 'closures.0.to', /晚于开始/],
    ['closure in a wrong format', { closures: [{ from: '2026/12/02', to: '2026-12-03T08:00' }] }, 'closures.0.from', /2026-12-01T08:00/],
    ['unknown amenity', { amenities: ['sauna'] }, 'amenities.0', /不在清单里/],
    ['no amenity', { amenities: [] }, 'amenities', /至少选一项/],
    ['repeated amenity', { amenities: ['water', 'water'] }, 'amenities', /重复/],
    ['capacity 0', { capacity: 0 }, 'capacity', /至少能容纳 1 人/],
    ['capacity 2.5', { capacity: 2.5 }, 'capacity', /整数/],
    ['stars 6', { stars: 6 }, 'stars', /0 到 5/],
    ['bad phone', { manager: { name: '吴站长', phone: '1234' } }, 'manager.phone', /11 位手机号/],
    ['photo not a cloud file', { photos: ['http://example.com/a.png'] }, 'photos.0', /照片/],
    ['unknown status', { status: 'closed_forever' }, 'status', /开放状态/],
  ])('%s → a plain message on %s', (_name, patch, path, message) => {
    const r = stationInput.safeParse({ ...valid, ...patch })
    expect(r.success).toBe(false)
    if (!r.success) {
      const errors = toFieldErrors(r.error)
      expect(errors[path]).toMatch(message)
      for (const m of Object.values(errors)) expect(m).toMatch(/[\u4e00-\u9fa5]/)
    }
  })

  test('never throws, whatever it is given (a wrong time never reaches the time arithmetic)', () => {
    fc.assert(fc.property(fc.anything(), (x) => void stationInput.safeParse(x)))
    const leaf = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('08:00', '24:00', '99:99', '2026-12-01T08:00', '2026-13-01T08:00', 'xxTyy'), fc.integer(), fc.constant(null), fc.anything())
    const patch = fc.record({
      hours: fc.record({ allDay: fc.oneof(fc.boolean(), leaf), days: fc.oneof(leaf, fc.dictionary(fc.constantFrom('1', '2', '7', '8'), fc.oneof(leaf, fc.array(fc.oneof(leaf, fc.record({ open: leaf, close: leaf })))))) }),
      closures: fc.oneof(leaf, fc.array(fc.oneof(leaf, fc.record({ from: leaf, to: leaf, note: leaf })))),
    })
    fc.assert(fc.property(patch, (p) => void stationInput.safeParse({ ...valid, ...p })), { numRuns: 500 })
  })

  test.each(['13807931234', '0793-2612345', '07932612345', '021-64780321-802', '12351', '0793 2612345'])('phone %s is accepted', (phone) => {
    expect(stationInput.safeParse({ ...valid, manager: { name: '吴站长', phone } }).success).toBe(true)
  })
})

describe('events', () => {
  test('identity claims in the event are dropped', () => {
    const r = stationsEvent.safeParse({ action: 'myReports', openid: 'someone-else', role: 'admin' })
    expect(r.success && r.data).toEqual({ action: 'myReports' })
  })

  test('page sizes are capped', () => {
    expect(stationsEvent.safeParse({ action: 'nearby', location: { lng: 118.19, lat: 28.44 }, pageSize: 21 }).success).toBe(false)
    expect(stationsEvent.safeParse({ action: 'nearby', location: { lng: 118.19, lat: 28.44 }, pageSize: 20 }).success).toBe(true)
    expect(stationsEvent.safeParse({ action: 'nearby', location: { lng: 118.19, lat: 28.44 }, radiusM: 60_000 }).success).toBe(false)
  })

  test('import errors travel as `<row>:<column>` and come back as a list in row order', () => {
    expect(importErrorsOf({ '5:开放时间': 'b', '3:经度': 'a', _: 'x' })).toEqual([
      { row: 3, column: '经度', message: 'a' },
      { row: 5, column: '开放时间', message: 'b' },
    ])
  })
})
