/**
 * 爱心驿站 for staff through the real `stations` function: who may manage which station, validation in
 * plain words, compare-and-set edits, photos, check-in QR codes, spreadsheet import (all or nothing,
 * row-by-row errors, idempotent re-import) and visit counters.
 */
import { randomBytes } from 'node:crypto'
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { CALLERS } from '../support/matrix'
import type { Envelope } from '../../src/domain/envelope'
import { newIdempotencyKey } from '../../src/domain/requests/idempotency'
import { importTemplate } from '../../src/domain/stations/station.import'
import {
  importErrorsOf,
  type CheckInReply,
  type ImportReply,
  type StationAdminPage,
  type StationDetail,
  type StationEdit,
  type StationInput,
  type StationQrReply,
  type VisitStatsReply,
} from '../../src/domain/stations/station.schema'
import { shanghaiMonth } from '../../src/domain/stations/station.rules'
import { writeXlsx } from '../../cloudfunctions/_lib/stations.import'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

type Reply<T = Record<string, unknown>> = Envelope<T>
const call = <T = Record<string, unknown>>(openid: string | null, event: Record<string, unknown>) => rt.invokeAs(openid, 'stations', event) as Promise<Reply<T>>
async function data<T = Record<string, unknown>>(p: Promise<Reply<T>>): Promise<T> {
  const r = await p
  if (!r.ok) throw new Error(JSON.stringify(r))
  return r.data
}
const code = (r: Reply<unknown>) => (r.ok ? null : r.error.code)
const { workerA, workerB, grassrootsX, grassrootsY, federation, admin } = CALLERS

let serial = 0
const station = (patch: Partial<StationInput> = {}): StationInput => ({
  name: `管理测试驿站${++serial}`,
  address: `广丰区管理路 ${serial} 号`,
  district: '芦林街道',
  location: { lng: 118.17, lat: 28.43 },
  hours: { allDay: false, days: { 1: [{ open: '08:00', close: '18:00' }], 3: [{ open: '08:00', close: '18:00' }] } },
  amenities: ['water', 'toilet'],
  capacity: 8,
  hostOrgId: 'org-fengda',
  manager: { name: '张主席', phone: '13979301111' },
  ...patch,
})
const create = (openid: string, patch: Partial<StationInput> = {}, key = newIdempotencyKey()) => call<{ id: string; version: number }>(openid, { action: 'createStation', key, station: station(patch) })
const denials = (openid: string) => rt.emulator.db.count('audit', { action: 'auth.denied', 'actor.openid': openid })

describe('who may manage which station', () => {
  test('workers cannot create, edit, list or print codes', async () => {
    const { id } = await data(create(admin))
    const before = denials(workerA)
    for (const event of [
      { action: 'createStation', key: newIdempotencyKey(), station: station() },
      { action: 'updateStation', id, version: 1, station: station() },
      { action: 'getStation', id },
      { action: 'listStations' },
      { action: 'stationQr', id },
      { action: 'visitStats', stationId: id },
      { action: 'listReports' },
    ]) {
      expect(code(await call(workerA, event))).toBe('AUTH.FORBIDDEN')
    }
    expect(denials(workerA)).toBe(before + 7)
  })

  test('grassroots staff manage only the stations their own org hosts', async () => {
    const mine = await data(create(grassrootsX))
    expect(rt.emulator.db.findOne('stations', { _id: mine.id })).toMatchObject({ hostOrgId: 'org-fengda', hostOrgPath: ['org-fed', 'org-fengda'] })
    // not for another org, and not by moving one of theirs to another org
    const before = await rt.snapshot()
    expect(code(await create(grassrootsX, { hostOrgId: 'org-school' }))).toBe('AUTH.FORBIDDEN')
    expect(code(await call(grassrootsX, { action: 'updateStation', id: mine.id, version: 1, station: station({ hostOrgId: 'org-school' }) }))).toBe('AUTH.FORBIDDEN')
    const after = await rt.snapshot()
    delete before.audit
    delete after.audit
    expect(after).toEqual(before)
    // staff of org Y cannot see or change org X's station
    expect(code(await call(grassrootsY, { action: 'getStation', id: mine.id }))).toBe('AUTH.FORBIDDEN')
    expect(code(await call(grassrootsY, { action: 'updateStation', id: mine.id, version: 1, station: station() }))).toBe('AUTH.FORBIDDEN')
    expect(code(await call(grassrootsY, { action: 'stationQr', id: mine.id }))).toBe('AUTH.FORBIDDEN')
    expect(code(await call(grassrootsY, { action: 'listStations', orgId: 'org-fengda' }))).toBe('AUTH.FORBIDDEN')
  })

  test('lists follow the scope: own org, the subtree, everything', async () => {
    const list = async (openid: string) => {
      const out: StationAdminPage['items'] = []
      let cursor: number | null = 0
      while (cursor !== null) {
        const page: StationAdminPage = await data<StationAdminPage>(call(openid, { action: 'listStations', cursor, pageSize: 50 }))
        out.push(...page.items)
        cursor = page.nextCursor
      }
      return out
    }
    const x = await list(grassrootsX)
    expect(x.length).toBeGreaterThan(0)
    expect(x.every((s) => s.hostOrg?.id === 'org-fengda')).toBe(true)
    const y = await list(grassrootsY)
    expect(y.map((s) => s.name)).toEqual(['广丰区实验小学工会爱心驿站'])
    const fed = await list(federation)
    const all = await list(admin)
    expect(fed.length).toBe(rt.emulator.db.count('stations', { hostOrgPath: 'org-fed' }))
    expect(all.length).toBe(rt.emulator.db.count('stations', {}))
    const q = await data<StationAdminPage>(call(federation, { action: 'listStations', q: '兴旺' }))
    expect(q.items.map((s) => s.name)).toEqual(['兴旺国际建材城联合工会爱心驿站'])
    expect(q.total).toBe(1)
    // regular-expression characters in the search are plain text
    expect((await data<StationAdminPage>(call(federation, { action: 'listStations', q: '.*' }))).total).toBe(0)
  })

  test('federation staff and admins edit stations anywhere below them', async () => {
    const { id } = await data(create(grassrootsX))
    expect((await data(call(federation, { action: 'updateStation', id, version: 1, station: station({ name: '总工会改过的名字' }) }))).version).toBe(2)
    expect((await data(call(admin, { action: 'updateStation', id, version: 2, station: station({ hostOrgId: 'org-xingwang' }) }))).version).toBe(3)
    expect(rt.emulator.db.findOne('stations', { _id: id })).toMatchObject({ hostOrgId: 'org-xingwang', hostOrgPath: ['org-fed', 'org-xingwang'] })
    expect(code(await call(grassrootsX, { action: 'getStation', id }))).toBe('AUTH.FORBIDDEN')
    expect(rt.emulator.db.count('audit', { 'target.id': id, action: { $in: ['station.create', 'station.update'] } })).toBe(3)
  })
})

describe('creating and editing', () => {
  test('every field is checked, in plain words, and nothing is written', async () => {
    const before = await rt.snapshot()
    const r = await call(grassrootsX, {
      action: 'createStation',
      key: newIdempotencyKey(),
      station: {
        ...station(),
        name: '',
        location: { lng: 200, lat: 28 },
        hours: { allDay: false, days: { 1: [{ open: '8:00', close: '18:00' }], 2: [{ open: '08:00', close: '12:00' }, { open: '11:00', close: '13:00' }] } },
        manager: { name: '张主席', phone: '123' },
        amenities: ['water', 'spa'],
      },
    })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION.INVALID')
      expect(r.error.fieldErrors).toEqual({
        'station.name': '请填驿站名称',
        'station.location.lng': '位置不在国内，请重新选择',
        'station.hours.days.1.0.open': '时间要写成 08:00 这样，从 00:00 到 24:00',
        'station.hours.days.2.1.open': '几段开放时间要按先后填写，不能重叠',
        'station.manager.phone': '电话要填 11 位手机号，或带区号的座机（比如 0793-2612345）',
        'station.amenities.1': '有一个设施不在清单里',
      })
    }
    expect(await rt.snapshot()).toEqual(before)
  })

  test('a double tap creates one station; another key with the same name and address is a duplicate', async () => {
    const key = newIdempotencyKey()
    const s = station()
    const [a, b] = await Promise.all([call(admin, { action: 'createStation', key, station: s }), call(admin, { action: 'createStation', key, station: s })])
    expect(a).toEqual(b)
    expect(rt.emulator.db.count('stations', { name: s.name })).toBe(1)
    const dup = await call(admin, { action: 'createStation', key: newIdempotencyKey(), station: { ...s, name: ` ${s.name} ` } })
    expect(dup).toMatchObject({ ok: false, error: { code: 'STATION.DUPLICATE', fieldErrors: { 'station.name': expect.any(String) } } })
  })

  test('edits are compare-and-set on the version, replace the hours, and keep visit counters', async () => {
    const { id } = await data(create(admin))
    const { text } = await data<StationQrReply>(call(admin, { action: 'stationQr', id }))
    await data(call(workerA, { action: 'checkIn', code: text }))
    const edit = await data<StationEdit>(call(grassrootsX, { action: 'getStation', id }))
    expect(edit).toMatchObject({ version: 1, qrKeyVersion: 1, visitCount: 1, hostOrg: { id: 'org-fengda' } })
    const hours = { allDay: false, days: { 5: [{ open: '09:00', close: '17:00' }] } }
    expect(await data(call(grassrootsX, { action: 'updateStation', id, version: 1, station: { ...edit.station, hours, capacity: 20 } }))).toEqual({ id, version: 2 })
    // someone else's form still holds version 1
    expect(await call(federation, { action: 'updateStation', id, version: 1, station: { ...edit.station, capacity: 30 } })).toEqual({ ok: false, error: { code: 'STATION.STALE', message: '驿站信息刚刚被别人改过，请刷新后再改' } })
    const now = await data<StationEdit>(call(grassrootsX, { action: 'getStation', id }))
    expect(now).toMatchObject({ version: 2, visitCount: 1, station: { capacity: 20, hours } })
    expect(code(await call(admin, { action: 'updateStation', id: 'nope', version: 1, station: station() }))).toBe('STATION.NOT_FOUND')
  })

  test('renaming onto another station is a duplicate', async () => {
    const a = station()
    const { id: ida } = await data(call(admin, { action: 'createStation', key: newIdempotencyKey(), station: a }))
    const { id: idb } = await data(create(admin))
    expect(code(await call(admin, { action: 'updateStation', id: idb, version: 1, station: { ...station(), name: a.name, address: a.address } }))).toBe('STATION.DUPLICATE')
    expect(ida).not.toBe(idb)
  })

  test('a risky name is refused', async () => {
    expect(code(await create(admin, { intro: '这里可以办假证' }))).toBe('CONTENT.RISKY')
  })

  test('photos must exist in storage; the detail page gets temporary links', async () => {
    const fileID = await uploadPhoto(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))
    expect(code(await create(admin, { photos: ['cloud://local-env.6c6f-local-env-1300000000/stations/missing.png'] }))).toBe('STATION.PHOTO_MISSING')
    const { id } = await data(create(admin, { photos: [fileID] }))
    const detail = await data<StationDetail>(call(null, { action: 'detail', id }))
    expect(detail.photos).toHaveLength(1)
    expect(detail.photos[0]).toMatch(/\/__storage\/download\/stations\/.+\?expires=\d+&sign=/)
    expect((await fetch(detail.photos[0])).status).toBe(200)
  })
})

async function uploadPhoto(bytes: Buffer): Promise<string> {
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${rt.url}/admin` }),
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    SCF_NAMESPACE: 'local-env',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SILENCE: 'true',
  })
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk')
  cloud.init({ env: 'local-env' })
  const res = (await cloud.uploadFile({ cloudPath: `stations/${randomBytes(8).toString('hex')}.png`, fileContent: bytes })) as { fileID: string }
  return res.fileID
}

describe('check-in QR codes', () => {
  test('a PNG that encodes union-station:<token> for this station and key version', async () => {
    const { id } = await data(create(grassrootsX))
    const qr = await data<StationQrReply>(call(grassrootsX, { action: 'stationQr', id }))
    expect(qr).toMatchObject({ stationId: id, keyVersion: 1, text: `union-station:${qr.token}` })
    expect(qr.token).toMatch(new RegExp(`^s1\\.${id}\\.1\\.[A-Za-z0-9_-]{22}$`))
    const png = Buffer.from(qr.dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64')
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
    expect(png.readUInt32BE(16)).toBe(480) // width from the IHDR chunk
    // asking again gives the same code until it is renewed
    expect((await data<StationQrReply>(call(federation, { action: 'stationQr', id }))).token).toBe(qr.token)
    const renewed = await data<StationQrReply>(call(federation, { action: 'stationQr', id, renew: true }))
    expect(renewed.keyVersion).toBe(2)
    expect(renewed.token).not.toBe(qr.token)
  })
})

describe('import', () => {
  const HEADER = importTemplate()[0]
  let n = 0
  const row = (patch: Record<string, string> = {}) => {
    const i = ++n
    const base: Record<string, string> = {
      名称: `导入驿站${i}`,
      地址: `广丰区导入路 ${i} 号`,
      乡镇街道: '永丰街道',
      经度: (118.18 + i / 10000).toFixed(4),
      纬度: '28.4401',
      开放时间: '每天 06:00-21:00',
      设施: '饮水、热饭、如厕',
      容纳人数: '10',
      主办工会: '江西丰达机械有限公司工会',
      联系人: '李站长',
      联系电话: '0793-2612345',
      星级: '',
      状态: '',
      简介: '',
    }
    const merged = { ...base, ...patch }
    return HEADER.map((h) => merged[h.replace(/（可不填）$/, '')] ?? '')
  }
  const csv = (rows: string[][]) => '\uFEFF' + [HEADER, ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')
  const importFile = (openid: string, fileName: string, bytes: Buffer, dryRun = false) =>
    call<ImportReply>(openid, { action: 'importStations', fileName, contentBase64: bytes.toString('base64'), dryRun })

  test('a good CSV imports every row; importing it again changes nothing; a changed row updates', async () => {
    const rows = [row(), row({ 开放时间: '周一至周五 08:00-11:30,13:30-18:00；周六 09:00-12:00' }), row({ 设施: '饮水、充电、AED', 状态: '暂停开放' })]
    const file = Buffer.from(csv(rows), 'utf8')
    expect(await data(importFile(grassrootsX, 'stations.csv', file))).toEqual({ dryRun: false, rows: 3, created: 3, updated: 0, unchanged: 0 })
    const names = rows.map((r) => r[0])
    expect(rt.emulator.db.count('stations', { name: { $in: names } })).toBe(3)
    const lunch = rt.emulator.db.findOne('stations', { name: names[1] })!
    expect(lunch).toMatchObject({ hostOrgId: 'org-fengda', district: '永丰街道', location: { type: 'Point', coordinates: [expect.any(Number), 28.4401] } })
    expect((lunch.hours as { days: Record<string, unknown> }).days['6']).toEqual([{ open: '09:00', close: '12:00' }])
    expect(rt.emulator.db.count('audit', { action: 'station.import', 'actor.openid': grassrootsX })).toBe(1)

    expect(await data(importFile(grassrootsX, 'stations.csv', file))).toEqual({ dryRun: false, rows: 3, created: 0, updated: 0, unchanged: 3 })
    expect(rt.emulator.db.count('stations', { name: { $in: names } })).toBe(3)

    // same name and address (spacing differs) with a new capacity: an update, not a new station
    const changed = rows.map((r, i) => (i === 0 ? r.map((c, j) => (HEADER[j] === '容纳人数' ? '25' : HEADER[j] === '地址' ? ` ${c} ` : c)) : r))
    expect(await data(importFile(federation, 'stations.csv', Buffer.from(csv(changed), 'utf8')))).toEqual({ dryRun: false, rows: 3, created: 0, updated: 1, unchanged: 2 })
    expect(rt.emulator.db.find('stations', { name: names[0] })).toEqual([expect.objectContaining({ capacity: 25, version: 2 })])
  })

  test('a file with bad rows imports nothing and names every bad row and column', async () => {
    const rows = [row(), row({ 经度: '东经118' }), row(), row({ 开放时间: '白天', 联系电话: '123' }), row({ 主办工会: '没有这个工会' })]
    const before = await rt.snapshot()
    const r = await importFile(admin, 'stations.csv', Buffer.from(csv(rows), 'utf8'))
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('STATION.IMPORT_ROWS_INVALID')
      expect(r.error.message).toBe('第 3、5、6 行有问题，一行都没有导入。请改好后重新上传')
      expect(importErrorsOf(r.error.fieldErrors).map((e) => [e.row, e.column])).toEqual([
        [3, '经度'],
        [5, '开放时间'],
        [5, '联系电话'],
        [6, '主办工会'],
      ])
    }
    expect(await rt.snapshot()).toEqual(before)
  })

  test('an .xlsx file (numbers as numbers) imports the same way', async () => {
    const rows = [row(), row({ 容纳人数: '30' })]
    const sheet = [HEADER, ...rows.map((r) => r.map((c, j) => (['经度', '纬度', '容纳人数'].includes(HEADER[j]) ? Number(c) : c)))]
    const xlsx = await writeXlsx(sheet)
    expect(await data(importFile(admin, '驿站.xlsx', xlsx, true))).toEqual({ dryRun: true, rows: 2, created: 2, updated: 0, unchanged: 0 })
    expect(rt.emulator.db.count('stations', { name: rows[0][0] })).toBe(0)
    expect(await data(importFile(admin, '驿站.xlsx', xlsx))).toEqual({ dryRun: false, rows: 2, created: 2, updated: 0, unchanged: 0 })
    expect(rt.emulator.db.findOne('stations', { name: rows[1][0] })).toMatchObject({ capacity: 30 })
  })

  test('a CSV saved by Chinese Excel (GBK) is read correctly', async () => {
    const text = csv([row()]).replace(/^\uFEFF/, '')
    const gbk = encodeGb18030(text)
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow()
    expect(await data(importFile(admin, 'gbk.csv', gbk))).toMatchObject({ created: 1 })
  })

  test('rows for an org outside the scope are refused as a whole, audited, and named', async () => {
    const before = denials(grassrootsY)
    const snap = await rt.snapshot()
    const r = await importFile(grassrootsY, 'x.csv', Buffer.from(csv([row({ 主办工会: '广丰区实验小学工会' }), row()]), 'utf8'))
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('AUTH.FORBIDDEN')
      expect(importErrorsOf(r.error.fieldErrors)).toEqual([{ row: 3, column: '主办工会', message: '"江西丰达机械有限公司工会"不归您管理，您不能为它导入驿站' }])
    }
    expect(denials(grassrootsY)).toBe(before + 1)
    const after = await rt.snapshot()
    delete snap.audit
    delete after.audit
    expect(after).toEqual(snap)
  })

  test('updating a station another org hosts is refused', async () => {
    const theirs = row({ 主办工会: '广丰区总工会' })
    await data(importFile(federation, 'fed.csv', Buffer.from(csv([theirs]), 'utf8')))
    const mine = theirs.map((c, j) => (HEADER[j] === '主办工会' ? '江西丰达机械有限公司工会' : c))
    const r = await importFile(grassrootsX, 'x.csv', Buffer.from(csv([mine]), 'utf8'))
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN', fieldErrors: { '2:名称': '这个驿站由别的工会管理，您不能修改它' } } })
  })

  test.each([
    ['an old .xls file', 'a.xls', Buffer.from('d0cf11e0a1b11ae1000000', 'hex'), 'STATION.IMPORT_FILE_BAD', /另存为/],
    ['a broken .xlsx', 'a.xlsx', Buffer.concat([Buffer.from('504b0304', 'hex'), randomBytes(100)]), 'STATION.IMPORT_FILE_BAD', /打不开/],
    ['a file with only a header', 'a.csv', Buffer.from(importTemplate()[0].join(','), 'utf8'), 'STATION.IMPORT_EMPTY', /第 2 行/],
    ['a file without the needed columns', 'a.csv', Buffer.from('姓名,电话\n张三,0793-2612345', 'utf8'), 'STATION.IMPORT_ROWS_INVALID', /第 1 行/],
    ['a file one byte too large', 'a.csv', Buffer.alloc(180 * 1024 + 1, 'a'), 'STATION.IMPORT_TOO_LARGE', /分成几个小文件/],
    ['a file far too large for one event', 'a.csv', Buffer.alloc(190 * 1024, 'a'), 'VALIDATION.INVALID', /有些内容没填对/],
  ])('%s is refused in plain words', async (_n, name, bytes, expected, message) => {
    const r = await importFile(admin, name, bytes)
    expect(r).toMatchObject({ ok: false, error: { code: expected } })
    if (!r.ok) expect(r.error.message).toMatch(message)
  })

  test('content that is not base64 is refused', async () => {
    expect(code(await call(admin, { action: 'importStations', fileName: 'a.csv', contentBase64: '这不是文件!!' }))).toBe('STATION.IMPORT_FILE_BAD')
  })

  test('a thousand rows import in one go', async () => {
    const rows = Array.from({ length: 1000 }, () => row({ 简介: '' }))
    const file = Buffer.from(csv(rows), 'utf8')
    expect(file.length).toBeLessThan(180 * 1024)
    const started = Date.now()
    expect(await data(importFile(admin, 'big.csv', file))).toEqual({ dryRun: false, rows: 1000, created: 1000, updated: 0, unchanged: 0 })
    const took = Date.now() - started
    if (process.env.STATIONS_LOG) console.log(`imported 1000 rows in ${took} ms`)
    expect(await data(importFile(admin, 'big.csv', file))).toMatchObject({ created: 0, unchanged: 1000 })
  }, 60000)
})

describe('visit counters', () => {
  test('per month from counters, and in the staff list', async () => {
    const { id } = await data(create(grassrootsX))
    const { text } = await data<StationQrReply>(call(grassrootsX, { action: 'stationQr', id }))
    for (const w of [workerA, workerB]) expect((await data<CheckInReply>(call(w, { action: 'checkIn', code: text }))).status).toBe('counted')
    await data(call(workerA, { action: 'report', key: newIdempotencyKey(), stationId: id, problem: 'charging' }))
    const month = shanghaiMonth(Date.now())
    const stats = await data<VisitStatsReply>(call(grassrootsX, { action: 'visitStats', stationId: id }))
    expect(stats.total).toBe(2)
    expect(stats.months).toHaveLength(12)
    expect(stats.months[11]).toEqual({ month, visits: 2 })
    expect(stats.months.slice(0, 11).every((m) => m.visits === 0)).toBe(true)
    expect(code(await call(grassrootsX, { action: 'visitStats', stationId: id, from: '2026-12', to: '2026-01' }))).toBe('VALIDATION.INVALID')
    const list = await data<StationAdminPage>(call(grassrootsX, { action: 'listStations', q: (await data<StationEdit>(call(grassrootsX, { action: 'getStation', id }))).station.name }))
    expect(list.items).toEqual([expect.objectContaining({ id, visitCount: 2, visitsThisMonth: 2, openReports: 1 })])
  })
})

test('district counters equal the stations in each district after creates, moves and imports', async () => {
  const { id } = await data(create(admin, { district: '排山镇' }))
  await data(call(admin, { action: 'updateStation', id, version: 1, station: station({ district: '丰溪街道' }) }))
  const { districts } = await data<{ districts: Array<{ name: string; count: number }> }>(call(null, { action: 'districts' }))
  const actual = new Map<string, number>()
  for (const s of rt.emulator.db.find('stations', {})) actual.set(s.district as string, (actual.get(s.district as string) ?? 0) + 1)
  expect(new Map(districts.map((d) => [d.name, d.count]))).toEqual(actual)
  expect(districts.map((d) => d.count)).toEqual([...districts.map((d) => d.count)].sort((a, b) => b - a))
})

/** GB18030 bytes of a text, built from the platform decoder (the test has no encoder library). */
function encodeGb18030(text: string): Buffer {
  const table = new Map<string, number[]>()
  const dec = new TextDecoder('gb18030')
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue
      const ch = dec.decode(Uint8Array.from([hi, lo]))
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [hi, lo])
    }
  }
  const out: number[] = []
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0))
    else if (table.has(ch)) out.push(...table.get(ch)!)
    else throw new Error(`no GBK code for ${ch}`)
  }
  return Buffer.from(out)
}
