/**
 * 爱心驿站 for workers through the real `stations` function on the emulator: nearest first with known
 * distances, filters, paging, district fallback, detail, QR check-in (counted once, forgeries refused
 * and audited, counters equal visits), rating, 报修 and site suggestions end to end.
 */
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { CALLERS } from '../support/matrix'
import type { Envelope } from '../../src/domain/envelope'
import { newIdempotencyKey } from '../../src/domain/requests/idempotency'
import { naturalKey } from '../../src/domain/stations/station.rules'
import { formatToken, parseToken } from '../../src/domain/stations/station.token'
import type { CheckInReply, Page, ReportView, StationCard, StationDetail, StationInput, StationQrReply, SuggestionView, VisitView } from '../../src/domain/stations/station.schema'
import { findPersonalNumbers } from '../../src/domain/privacy/redact'
import { demoId } from '../../emulator/runtime/seed'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

type Reply<T = Record<string, unknown>> = Envelope<T>
const replies: unknown[] = []
async function call<T = Record<string, unknown>>(openid: string | null, event: Record<string, unknown>): Promise<Reply<T>> {
  const r = (await rt.invokeAs(openid, 'stations', event)) as Reply<T>
  replies.push(r)
  return r
}
async function data<T = Record<string, unknown>>(p: Promise<Reply<T>>): Promise<T> {
  const r = await p
  if (!r.ok) throw new Error(JSON.stringify(r))
  return r.data
}
const code = (r: Reply<unknown>) => (r.ok ? null : r.error.code)

const { workerA, workerB, grassrootsX, grassrootsY, federation, admin } = CALLERS
const WORKER_C = 'o-demo-afang'

let serial = 0
const station = (patch: Partial<StationInput> = {}): StationInput => ({
  name: `测试驿站${++serial}`,
  address: `广丰区测试路 ${serial} 号`,
  district: '测试街道',
  location: { lng: 118.19, lat: 28.44 },
  hours: { allDay: true, days: {} },
  amenities: ['water'],
  capacity: 8,
  hostOrgId: 'org-fengda',
  manager: { name: '张主席', phone: '0793-2650718' },
  ...patch,
})
async function create(patch: Partial<StationInput> = {}): Promise<string> {
  return (await data<{ id: string }>(call(admin, { action: 'createStation', key: newIdempotencyKey(), station: station(patch) }))).id
}
const nearby = (event: Record<string, unknown>) => data<Page<StationCard>>(call(null, { action: 'nearby', ...event }))
const ALWAYS_CLOSED = [{ from: '2020-01-01T00:00', to: '2099-12-31T00:00', note: '长期关闭' }]

describe('nearest first', () => {
  // Query point P and three stations around it; distances computed by hand on the 2dsphere sphere
  // (R = 6 378 100 m): 1° latitude = 111 318.8 m, 1° longitude at 28.47° N = 97 857 m.
  const P = { lng: 118.24, lat: 28.47 }
  const ids: Record<string, string> = {}
  beforeAll(async () => {
    ids.A = await create({ name: '几何甲站', location: { lng: 118.243, lat: 28.47 }, amenities: ['water', 'aed'] }) // 0.003° east: 293.6 m
    ids.B = await create({ name: '几何乙站', location: { lng: 118.24, lat: 28.475 }, amenities: ['water'], status: 'temporarily_closed' }) // 0.005° north: 556.6 m
    ids.C = await create({ name: '几何丙站', location: { lng: 118.235, lat: 28.466 }, amenities: ['water', 'aed', 'legal'], closures: ALWAYS_CLOSED }) // 489.3 m west, 445.3 m south: 661.4 m
    ids.D = await create({ name: '几何丁站', location: { lng: 118.24, lat: 28.49 } }) // 0.02° north: 2 226 m, outside 1 500 m
  })

  test('three stations around 广丰 come back in the hand-computed order with their distances', async () => {
    const page = await nearby({ location: P, radiusM: 1500, pageSize: 10 })
    expect(page.items.map((s) => s.id)).toEqual([ids.A, ids.B, ids.C])
    const expected = [293.6, 556.6, 661.4]
    page.items.forEach((s, i) => expect(Math.abs((s.distanceM ?? 0) - expected[i])).toBeLessThanOrEqual(2))
    expect(page.items.map((s) => s.distanceText)).toEqual(['290米', '560米', '660米'])
    expect(page.nextCursor).toBeNull()
    // a wider circle reaches the fourth
    expect((await nearby({ location: P, radiusM: 3000 })).items.map((s) => s.id)).toEqual([ids.A, ids.B, ids.C, ids.D])
  })

  test('open now: a 24 h station stays, a 暂停开放 one and one closed by a long closure go (whatever the clock says)', async () => {
    const all = await nearby({ location: P, radiusM: 1500 })
    expect(all.items.map((s) => [s.id, s.open.kind, s.open.temporary])).toEqual([
      [ids.A, 'open24h', false],
      [ids.B, 'closed', true],
      [ids.C, 'closed', true],
    ])
    expect(all.items[1].open.text).toBe('暂停开放')
    const open = await nearby({ location: P, radiusM: 1500, openNow: true })
    expect(open.items.map((s) => s.id)).toEqual([ids.A])
  })

  test('amenity filter: stations must have every amenity asked for', async () => {
    expect((await nearby({ location: P, radiusM: 1500, amenities: ['aed'] })).items.map((s) => s.id)).toEqual([ids.A, ids.C])
    expect((await nearby({ location: P, radiusM: 1500, amenities: ['aed', 'legal'] })).items.map((s) => s.id)).toEqual([ids.C])
    expect((await nearby({ location: P, radiusM: 1500, amenities: ['aed'], openNow: true })).items.map((s) => s.id)).toEqual([ids.A])
    expect((await nearby({ location: P, radiusM: 1500, amenities: ['haircut'] })).items).toEqual([])
  })

  test('bad locations are refused with plain words and nothing else', async () => {
    const r = await call(null, { action: 'nearby', location: { lng: 28.47, lat: 118.24 } })
    expect(code(r)).toBe('VALIDATION.INVALID')
    expect(!r.ok && r.error.fieldErrors).toMatchObject({ 'location.lat': '位置不在国内，请重新选择' })
  })
})

describe('paging', () => {
  // 130 stations on a spiral far from everything else; even ones open 24 h, odd ones closed for years.
  const Q = { lng: 118.6, lat: 28.7 }
  const N = 130
  beforeAll(() => {
    const now = new Date()
    const docs = Array.from({ length: N }, (_, i) => {
      const angle = i * 2.399963
      const r = 0.0004 * (i + 1)
      const lng = Q.lng + r * Math.cos(angle)
      const lat = Q.lat + r * Math.sin(angle)
      const name = `分页驿站${i}`
      const address = `分页测试镇第 ${i} 号`
      return {
        _id: `page${String(i).padStart(4, '0')}`,
        name,
        address,
        district: '分页测试镇',
        location: { type: 'Point', coordinates: [lng, lat] },
        hours: { allDay: true, days: {} },
        closures: i % 2 ? ALWAYS_CLOSED : [],
        amenities: i % 3 ? ['water'] : ['water', 'charging'],
        capacity: 5,
        stars: 0,
        hostOrgId: 'org-fed',
        hostOrgPath: ['org-fed'],
        manager: { name: '站长', phone: '0793-2600000' },
        photos: [],
        status: 'open',
        intro: null,
        naturalKey: naturalKey(name, address),
        qrKeyVersion: 1,
        visitCount: 0,
        ratingSum: 0,
        ratingCount: 0,
        version: 1,
        createdAt: now,
        updatedAt: now,
      }
    })
    rt.emulator.db.insert('stations', docs)
  })

  async function allPages(event: Record<string, unknown>, size: number, fetch = nearby) {
    const seen: StationCard[] = []
    let cursor: number | null = 0
    let pages = 0
    while (cursor !== null) {
      const page: Page<StationCard> = await fetch({ ...event, pageSize: size, cursor })
      expect(page.items.length).toBeLessThanOrEqual(size)
      seen.push(...page.items)
      cursor = page.nextCursor
      if (++pages > 200) throw new Error('paging does not end')
    }
    return { seen, pages }
  }

  test.each([
    ['all', {}, N],
    ['open now', { openNow: true }, N / 2],
    ['open now with charging', { openNow: true, amenities: ['charging'] }, 22],
  ])('%s: never more than asked, no duplicates, nothing missed, nearest first', async (_n, filter, total) => {
    for (const size of [1, 7, 20]) {
      const { seen } = await allPages({ location: Q, radiusM: 20_000, ...filter }, size)
      const ids = seen.map((s) => s.id)
      expect(new Set(ids).size).toBe(ids.length)
      expect(ids.length).toBe(total)
      const d = seen.map((s) => s.distanceM ?? -1)
      expect(d).toEqual([...d].sort((a, b) => a - b))
    }
  }, 60000)

  test('district lists page the same way, by name, without distances', async () => {
    const inDistrict = (event: Record<string, unknown>) => data<Page<StationCard>>(call(null, { action: 'inDistrict', ...event }))
    const { seen } = await allPages({ district: '分页测试镇', openNow: true }, 20, inDistrict)
    expect(seen).toHaveLength(N / 2)
    expect(new Set(seen.map((s) => s.id)).size).toBe(N / 2)
    expect(seen.every((s) => s.distanceM === null && s.open.kind === 'open24h')).toBe(true)
    const names = seen.map((s) => s.name)
    expect(names).toEqual([...names].sort())
  }, 30000)
})

describe('when the worker shares no location', () => {
  test('districts with counts, then the stations of one', async () => {
    const { districts } = await data<{ districts: Array<{ name: string; count: number }> }>(call(null, { action: 'districts' }))
    expect(districts.find((d) => d.name === '永丰街道')?.count).toBeGreaterThanOrEqual(4)
    expect(districts.map((d) => d.name)).toEqual(expect.arrayContaining(['芦林街道', '洋口镇', '五都镇']))
    const page = await data<Page<StationCard>>(call(null, { action: 'inDistrict', district: '永丰街道' }))
    expect(page.items.map((s) => s.name)).toEqual(expect.arrayContaining(['白鹤中大道爱心驿站', '广丰区工人文化宫爱心驿站']))
  })
})

describe('detail', () => {
  test('hours, amenities, host org, the duty phone to call, distance when a location is given', async () => {
    const d = await data<StationDetail>(call(null, { action: 'detail', id: demoId('station-xingwang'), location: { lng: 118.1912, lat: 28.4398 } }))
    expect(d).toMatchObject({
      name: '兴旺国际建材城联合工会爱心驿站',
      district: '芦林街道',
      hostOrg: { id: 'org-xingwang', name: '兴旺国际建材城联合工会' },
      manager: { name: '徐主席', phone: '0793-2655012' },
      hoursLines: ['周一至周六 08:00-11:30、13:30-18:00', '周日 09:00-12:00'],
      capacity: 15,
      stars: 3,
      photos: [],
    })
    expect(d.distanceM).toBeGreaterThan(1500)
    expect(d.distanceM).toBeLessThan(1700)
    const white = await data<StationDetail>(call(null, { action: 'detail', id: demoId('station-baihe') }))
    expect(white).toMatchObject({ hoursLines: ['24小时开放'], open: { kind: 'open24h' }, distanceM: null })
    expect(code(await call(null, { action: 'detail', id: 'no-such-station' }))).toBe('STATION.NOT_FOUND')
  })
})

describe('check-in', () => {
  const counters = (stationId: string) => ({
    station: rt.emulator.db.findOne('stations', { _id: stationId })!.visitCount,
    visits: rt.emulator.db.count('stationVisits', { stationId }),
    months: rt.emulator.db.find('stationVisitMonths', { stationId }).reduce((s, m) => s + (m.visits as number), 0),
  })
  const qr = (id: string, renew = false) => data<StationQrReply>(call(admin, { action: 'stationQr', id, renew }))
  const refusals = () => rt.emulator.db.count('audit', { action: 'station.checkin_refused' })

  test('a valid code counts one visit; a second scan within two hours is a friendly "already" and counts nothing', async () => {
    const id = await create({ name: '签到站' })
    const { text } = await qr(id)
    const first = await data<CheckInReply>(call(workerA, { action: 'checkIn', code: text }))
    expect(first).toMatchObject({ status: 'counted', station: { id, name: '签到站' }, message: '签到成功，欢迎来到签到站！' })
    const before = await rt.snapshot()
    const second = await data<CheckInReply>(call(workerA, { action: 'checkIn', code: text }))
    expect(second).toMatchObject({ status: 'already', visitId: first.visitId, message: expect.stringContaining('已经签到过了') })
    expect(second.status === 'already' && Date.parse(second.nextAt) - Date.now()).toBeGreaterThan(115 * 60_000)
    expect(await rt.snapshot()).toEqual(before)
    expect(counters(id)).toEqual({ station: 1, visits: 1, months: 1 })
    // no location is stored with a visit
    expect(Object.keys(rt.emulator.db.findOne('stationVisits', { _id: first.visitId })!).sort()).toEqual(['_id', 'at', 'hostOrgId', 'month', 'ownerOpenid', 'stars', 'stationId'])
  })

  test('after the window the same worker counts again; other workers count on their own', async () => {
    const id = await create()
    const { text } = await qr(id)
    await data(call(workerA, { action: 'checkIn', code: text }))
    rt.emulator.db.update('stationCheckinGuards', { ownerOpenid: workerA, stationId: id }, { $set: { lastAt: new Date(Date.now() - 121 * 60_000) } })
    expect((await data<CheckInReply>(call(workerA, { action: 'checkIn', code: text }))).status).toBe('counted')
    expect((await data<CheckInReply>(call(workerB, { action: 'checkIn', code: text }))).status).toBe('counted')
    expect(counters(id)).toEqual({ station: 3, visits: 3, months: 3 })
  })

  test('ten scans at once by one worker count once; three workers at once count three', async () => {
    const id = await create()
    const { text } = await qr(id)
    const same = await Promise.all(Array.from({ length: 10 }, () => data<CheckInReply>(call(workerA, { action: 'checkIn', code: text }))))
    expect(same.filter((r) => r.status === 'counted')).toHaveLength(1)
    expect(new Set(same.map((r) => r.visitId)).size).toBe(1)
    const many = await Promise.all([workerB, WORKER_C, grassrootsX].map((w) => data<CheckInReply>(call(w, { action: 'checkIn', code: text }))))
    expect(many.every((r) => r.status === 'counted')).toBe(true)
    expect(counters(id)).toEqual({ station: 4, visits: 4, months: 4 })
  }, 30000)

  test('forged and edited codes are refused, audited, and count nothing', async () => {
    const id = await create()
    const other = await create()
    const { token } = await qr(id)
    const t = parseToken(token)!
    const flipped = t.mac[0] === 'A' ? 'B' : 'A'
    const before = await rt.snapshot()
    const audited = refusals()
    for (const forged of [
      formatToken({ ...t, mac: flipped + t.mac.slice(1) }), // MAC edited
      formatToken({ ...t, stationId: other }), // pointed at another station
      formatToken({ ...t, keyVersion: 2 }), // a key version never issued
      `union-station:s1.${id}.1.${'x'.repeat(22)}`,
    ]) {
      const r = await call(workerA, { action: 'checkIn', code: forged })
      expect(r).toEqual({ ok: false, error: { code: 'STATION.BAD_CODE', message: '这个二维码不是驿站的签到码，请扫驿站门口贴的二维码' } })
    }
    expect(refusals()).toBe(audited + 4)
    // a QR that is not ours at all is refused kindly, without an audit entry
    expect(code(await call(workerA, { action: 'checkIn', code: 'https://weixin.qq.com/r/abc' }))).toBe('STATION.BAD_CODE')
    expect(refusals()).toBe(audited + 4)
    const after = await rt.snapshot()
    delete before.audit
    delete after.audit
    expect(after).toEqual(before)
    expect(counters(id)).toEqual({ station: 0, visits: 0, months: 0 })
  })

  test('renewing the code retires the printed one', async () => {
    const id = await create()
    const old = await qr(id)
    const fresh = await qr(id, true)
    expect(fresh.keyVersion).toBe(2)
    const audited = refusals()
    expect(code(await call(workerA, { action: 'checkIn', code: old.text }))).toBe('STATION.OLD_CODE')
    expect(refusals()).toBe(audited + 1)
    expect((await data<CheckInReply>(call(workerA, { action: 'checkIn', code: fresh.text }))).status).toBe('counted')
    expect(rt.emulator.db.count('audit', { action: 'station.qr_renew', 'target.id': id })).toBe(1)
  })

  test('checking in needs a WeChat identity', async () => {
    const id = await create()
    const { text } = await qr(id)
    expect(code(await call(null, { action: 'checkIn', code: text }))).toBe('AUTH.UNAUTHENTICATED')
  })
})

describe('rating a visit', () => {
  test('1–5 stars once per visit, only by the visitor; the station average follows', async () => {
    const id = await create()
    const { text } = await data<StationQrReply>(call(admin, { action: 'stationQr', id }))
    const a = await data<CheckInReply>(call(workerA, { action: 'checkIn', code: text }))
    const b = await data<CheckInReply>(call(workerB, { action: 'checkIn', code: text }))
    expect(code(await call(workerB, { action: 'rate', visitId: a.visitId, stars: 1 }))).toBe('AUTH.FORBIDDEN')
    expect(code(await call(workerA, { action: 'rate', visitId: a.visitId, stars: 6 }))).toBe('VALIDATION.INVALID')
    expect(await data(call(workerA, { action: 'rate', visitId: a.visitId, stars: 5 }))).toEqual({ visitId: a.visitId, stars: 5, rating: { average: 5, count: 1 } })
    expect(await call(workerA, { action: 'rate', visitId: a.visitId, stars: 1 })).toEqual({ ok: false, error: { code: 'STATION.ALREADY_RATED', message: '这次已经打过分了，不用再打。谢谢你！' } })
    expect((await data<{ rating: unknown }>(call(workerB, { action: 'rate', visitId: b.visitId, stars: 4 }))).rating).toEqual({ average: 4.5, count: 2 })
    expect(code(await call(workerA, { action: 'rate', visitId: 'no-such-visit', stars: 3 }))).toBe('STATION.VISIT_NOT_FOUND')
    const card = await data<StationDetail>(call(null, { action: 'detail', id }))
    expect(card.rating).toEqual({ average: 4.5, count: 2 })
    const mine = await data<Page<VisitView>>(call(workerA, { action: 'myVisits' }))
    expect(mine.items.find((v) => v.id === a.visitId)).toMatchObject({ stars: 5, station: { id } })
  })
})

describe('报修', () => {
  test('a broken water dispenser: reported → fixed by staff of the host org → the worker sees it resolved, one message', async () => {
    const stationId = await create({ name: '报修站', hostOrgId: 'org-fengda' })
    const key = newIdempotencyKey()
    const event = { action: 'report', key, stationId, problem: 'water_dispenser', text: '饮水机不出热水了' }
    const first = await data<{ id: string; state: string }>(call(workerA, event))
    // a double tap returns the same report
    expect(await data(call(workerA, event))).toEqual(first)
    expect(rt.emulator.db.count('stationReports', { stationId })).toBe(1)
    expect(rt.emulator.db.count('audit', { action: 'stationReport.submit', 'target.id': first.id })).toBe(1)

    // staff of another org cannot touch it
    expect(code(await call(grassrootsY, { action: 'decideReport', id: first.id, decision: 'resolve' }))).toBe('AUTH.FORBIDDEN')
    const queue = await data<Page<ReportView>>(call(grassrootsX, { action: 'listReports', state: 'submitted' }))
    expect(queue.items.find((r) => r.id === first.id)).toMatchObject({ problemLabel: '饮水机坏了', actions: ['start', 'resolve', 'reject'], flagged: false })
    expect((await data<Page<ReportView>>(call(grassrootsY, { action: 'listReports' }))).items.find((r) => r.id === first.id)).toBeUndefined()

    expect(await data(call(grassrootsX, { action: 'decideReport', id: first.id, decision: 'start', version: 1, note: '师傅明天上午来修' }))).toEqual({ id: first.id, state: 'in_progress', version: 2 })
    expect(rt.emulator.outbox.list().filter((m) => m.page?.includes(first.id))).toHaveLength(0)
    expect(await data(call(grassrootsX, { action: 'decideReport', id: first.id, decision: 'resolve', version: 2 }))).toEqual({ id: first.id, state: 'resolved', version: 3 })
    expect(code(await call(federation, { action: 'decideReport', id: first.id, decision: 'reject', reason: 'other' }))).toBe('REQUEST.ALREADY_DECIDED')

    const mine = await data<Page<ReportView>>(call(workerA, { action: 'myReports' }))
    expect(mine.items.find((r) => r.id === first.id)).toMatchObject({ state: 'resolved', stateLabel: '已修好', replyNote: '师傅明天上午来修', station: { id: stationId, name: '报修站' } })
    expect(mine.items[0].flagged).toBeUndefined()
    const messages = rt.emulator.outbox.list().filter((m) => m.page?.includes(first.id))
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({ touser: workerA, templateId: 'local-decided', data: { thing1: { value: '报修站' }, phrase2: { value: '已修好' }, thing4: { value: '报修的「饮水机坏了」已处理' } } })
    expect(rt.emulator.db.count('outbox', { 'source.id': first.id })).toBe(1)
    expect(rt.emulator.db.count('audit', { 'target.id': first.id, action: { $in: ['stationReport.start', 'stationReport.resolve'] } })).toBe(2)
    // the worker does not see other people's reports
    expect((await data<Page<ReportView>>(call(workerB, { action: 'myReports' }))).items.find((r) => r.id === first.id)).toBeUndefined()
  })

  test('rejecting needs a coded reason, which the worker sees in words', async () => {
    const stationId = await create()
    const { id } = await data<{ id: string }>(call(workerB, { action: 'report', key: newIdempotencyKey(), stationId, problem: 'toilet' }))
    expect(code(await call(federation, { action: 'decideReport', id, decision: 'reject' }))).toBe('REQUEST.REASON_REQUIRED')
    expect(code(await call(federation, { action: 'decideReport', id, decision: 'resolve', reason: 'duplicate' }))).toBe('VALIDATION.INVALID')
    expect((await data<{ state: string }>(call(federation, { action: 'decideReport', id, decision: 'reject', reason: 'no_problem_found' }))).state).toBe('rejected')
    const mine = await data<Page<ReportView>>(call(workerB, { action: 'myReports' }))
    expect(mine.items.find((r) => r.id === id)).toMatchObject({ state: 'rejected', stateLabel: '不需要维修', replyReason: '到现场看过，东西是好的' })
  })

  test('risky text is refused and nothing is written; text for review is kept and flagged for staff', async () => {
    const stationId = await create()
    const before = await rt.snapshot()
    const risky = await call(workerA, { action: 'report', key: newIdempotencyKey(), stationId, problem: 'other', text: '加微信看赌博网站' })
    expect(risky).toMatchObject({ ok: false, error: { code: 'CONTENT.RISKY', fieldErrors: { text: expect.any(String) } } })
    expect(await rt.snapshot()).toEqual(before)
    const { id } = await data<{ id: string }>(call(workerA, { action: 'report', key: newIdempotencyKey(), stationId, problem: 'other', text: '有人在这里刷单' }))
    const queue = await data<Page<ReportView>>(call(admin, { action: 'listReports', stationId }))
    expect(queue.items.find((r) => r.id === id)?.flagged).toBe(true)
  })

  test('a report on a station that does not exist, or with too long a text, is refused', async () => {
    expect(code(await call(workerA, { action: 'report', key: newIdempotencyKey(), stationId: 'nope', problem: 'other' }))).toBe('STATION.NOT_FOUND')
    const long = await call(workerA, { action: 'report', key: newIdempotencyKey(), stationId: demoId('station-baihe'), problem: 'other', text: '坏'.repeat(301) })
    expect(!long.ok && long.error.fieldErrors?.text).toBe('说明不超过 300 个字')
  })
})

describe('suggesting a new site', () => {
  const suggest = (openid: string, reason = '这里快递员很多，没有歇脚的地方') =>
    data<{ id: string }>(call(openid, { action: 'suggest', key: newIdempotencyKey(), location: { lng: 118.2, lat: 28.43 }, address: '广丰区丰溪路与解放街路口', district: '丰溪街道', reason }))

  test('accepted with a reason: the worker sees it and gets one message', async () => {
    const { id } = await suggest(WORKER_C)
    expect(code(await call(grassrootsX, { action: 'decideSuggestion', id, decision: 'accept' }))).toBe('AUTH.FORBIDDEN')
    expect((await data<Page<SuggestionView>>(call(federation, { action: 'listSuggestions', state: 'submitted' }))).items.map((s) => s.id)).toContain(id)
    expect(code(await call(federation, { action: 'decideSuggestion', id, decision: 'accept', reason: 'station_nearby' }))).toBe('VALIDATION.INVALID')
    expect(await data(call(federation, { action: 'decideSuggestion', id, decision: 'accept', reason: 'planned', note: '明年春天建成' }))).toEqual({ id, state: 'accepted', version: 2 })
    const mine = await data<Page<SuggestionView>>(call(WORKER_C, { action: 'mySuggestions' }))
    expect(mine.items.find((s) => s.id === id)).toMatchObject({ state: 'accepted', stateLabel: '已采纳', replyReason: '已列入建设计划', replyNote: '明年春天建成', location: { lng: 118.2, lat: 28.43 } })
    expect(rt.emulator.outbox.list().filter((m) => m.page?.includes(id))).toEqual([expect.objectContaining({ touser: WORKER_C, data: expect.objectContaining({ phrase2: { value: '已采纳' } }) })])
  })

  test('declined only with a reason', async () => {
    const { id } = await suggest(workerB)
    expect(code(await call(admin, { action: 'decideSuggestion', id, decision: 'decline' }))).toBe('REQUEST.REASON_REQUIRED')
    expect((await data<{ state: string }>(call(admin, { action: 'decideSuggestion', id, decision: 'decline', reason: 'station_nearby' }))).state).toBe('declined')
    expect(code(await call(admin, { action: 'decideSuggestion', id, decision: 'accept' }))).toBe('REQUEST.ALREADY_DECIDED')
    const mine = await data<Page<SuggestionView>>(call(workerB, { action: 'mySuggestions' }))
    expect(mine.items.find((s) => s.id === id)).toMatchObject({ state: 'declined', stateLabel: '暂不采纳', replyReason: '附近已经有驿站了' })
  })

  test('the same key twice makes one suggestion', async () => {
    const event = { action: 'suggest', key: newIdempotencyKey(), location: { lng: 118.21, lat: 28.44 }, address: '广丰区永丰大道中段', reason: '夜里骑手多' }
    const [a, b] = await Promise.all([call(workerA, event), call(workerA, event)])
    expect(a).toEqual(b)
    expect(rt.emulator.db.count('stationSuggestions', { address: '广丰区永丰大道中段' })).toBe(1)
  })
})

test('no reply of this file carries an ID, card or phone number (station duty phones are landlines)', () => {
  expect(replies.length).toBeGreaterThan(50)
  expect(replies.flatMap((r) => findPersonalNumbers(JSON.stringify(r)))).toEqual([])
})
