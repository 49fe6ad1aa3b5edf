/**
 * Photos in 爱心驿站 through the real `files` and `stations` functions on the emulator: 报修 photos
 * (purpose report_photo, attached in the report's transaction, links for the owner and staff in scope)
 * and station photos (purpose station_photo, staff only; attached on save, dropped when removed).
 */
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { CALLERS } from '../support/matrix'
import type { Envelope } from '../../src/domain/envelope'
import { newIdempotencyKey } from '../../src/domain/requests/idempotency'
import type { Page, ReportView, StationDetail, StationEdit } from '../../src/domain/stations/station.schema'
import type { FileUrl } from '../../src/domain/files/files.schema'
import { sampleBytes, sha256, uploadFile, type FilesCall } from './files.matrix'
import { stationOfOrgX } from './stations.matrix'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

type Reply<T = Record<string, unknown>> = Envelope<T>
const call = async <T = Record<string, unknown>>(openid: string | null, name: string, event: Record<string, unknown>) => (await rt.invokeAs(openid, name, event)) as Reply<T>
const stations = <T = Record<string, unknown>>(openid: string | null, event: Record<string, unknown>) => call<T>(openid, 'stations', event)
async function data<T>(p: Promise<Reply<T>>): Promise<T> {
  const r = await p
  if (!r.ok) throw new Error(JSON.stringify(r))
  return r.data
}
const code = (r: Reply<unknown>) => (r.ok ? null : r.error.code)
const filesAs = (openid: string): FilesCall => (event) => call(openid, 'files', event)
const photo = (openid: string, purpose: string) => uploadFile(filesAs(openid), sampleBytes('image/jpeg', 3000), { name: '照片.jpg', purpose })
const fileDoc = (id: string) => rt.emulator.db.findOne('files', { _id: id })
const deniedCount = (openid: string, type: string) => rt.emulator.db.count('audit', { action: 'auth.denied', 'actor.openid': openid, 'target.type': type })

const { workerA, workerB, grassrootsX, grassrootsY, federation, admin } = CALLERS

async function stationOfX(patch: Record<string, unknown> = {}, as: string = admin): Promise<string> {
  return (await data(stations<{ id: string }>(as, { action: 'createStation', key: newIdempotencyKey(), station: { ...stationOfOrgX(), ...patch } }))).id
}

describe('files: the two photo purposes', () => {
  test('any signed-in worker may begin a 报修 photo (no consent); a PDF is refused', async () => {
    const id = await photo(workerA, 'report_photo')
    expect(fileDoc(id)).toMatchObject({ ownerOpenid: workerA, purpose: 'report_photo', attachedTo: null })
    const pdf = sampleBytes('application/pdf', 2000)
    const r = await call(workerA, 'files', { action: 'begin', name: 'a.pdf', mime: 'application/pdf', size: pdf.length, sha256: sha256(pdf), purpose: 'report_photo' })
    expect(code(r)).toBe('FILE.IMAGE_ONLY')
  })

  test('only staff may begin a station photo; a worker is refused and audited; more than 8 MB is refused', async () => {
    const before = deniedCount(workerB, 'filePurpose')
    const bytes = sampleBytes('image/jpeg', 2000)
    expect(code(await call(workerB, 'files', { action: 'begin', name: 'a.jpg', mime: 'image/jpeg', size: bytes.length, sha256: sha256(bytes), purpose: 'station_photo' }))).toBe('AUTH.FORBIDDEN')
    expect(deniedCount(workerB, 'filePurpose')).toBe(before + 1)
    for (const staff of [grassrootsX, federation, admin]) expect(fileDoc(await photo(staff, 'station_photo'))).toMatchObject({ purpose: 'station_photo' })
    const big = await call(grassrootsX, 'files', { action: 'begin', name: 'a.jpg', mime: 'image/jpeg', size: 8 * 1024 * 1024 + 1, sha256: 'a'.repeat(64), purpose: 'station_photo' })
    expect(code(big)).toBe('FILE.TOO_LARGE')
  })
})

describe('报修 with photos', () => {
  let stationId: string
  beforeAll(async () => {
    stationId = await stationOfX()
  })

  test('own photos attach with the report; owner and staff in scope get links, other staff are refused (audited)', async () => {
    const p1 = await photo(workerA, 'report_photo')
    const p2 = await photo(workerA, 'report_photo')
    const key = newIdempotencyKey()
    const event = { action: 'report', key, stationId, problem: 'toilet', photoFileIds: [p1, p2] }
    const { id } = await data(stations<{ id: string }>(workerA, event))
    // a double tap is the same report
    expect((await data(stations<{ id: string }>(workerA, event))).id).toBe(id)
    expect(rt.emulator.db.findOne('stationReports', { _id: id })).toMatchObject({ photoFileIds: [p1, p2] })
    for (const f of [p1, p2]) expect(fileDoc(f)).toMatchObject({ attachedTo: { type: 'stationReport', id } })

    const mine = await data(stations<Page<ReportView>>(workerA, { action: 'myReports' }))
    const view = mine.items.find((r) => r.id === id)!
    expect(view.photos.map((p) => p.fileId)).toEqual([p1, p2])
    expect(view.photos[0].url).toMatch(/^https?:\/\//)
    expect((await fetch(encodeURI(view.photos[0].url))).status).toBe(200)

    for (const staff of [grassrootsX, federation, admin]) {
      const list = await data(stations<Page<ReportView>>(staff, { action: 'listReports', stationId }))
      expect(list.items.find((r) => r.id === id)?.photos.map((p) => p.fileId)).toEqual([p1, p2])
      expect(await data(call<FileUrl>(staff, 'files', { action: 'url', fileId: p1 }))).toMatchObject({ mime: 'image/jpeg', expiresIn: 300 })
    }
    expect((await data(stations<Page<ReportView>>(grassrootsY, { action: 'listReports', stationId }))).items).toEqual([])
    for (const other of [grassrootsY, workerB]) {
      const before = deniedCount(other, 'file')
      expect(code(await call(other, 'files', { action: 'url', fileId: p1 }))).toBe('AUTH.FORBIDDEN')
      expect(deniedCount(other, 'file')).toBe(before + 1)
    }
    // attached: the worker can no longer remove it
    expect(code(await call(workerA, 'files', { action: 'remove', fileId: p1 }))).toBe('FILE.ATTACHED')
  })

  test("a photo that is not the caller's (or not a 报修 photo) fails the whole submit and writes nothing", async () => {
    const mine = await photo(workerA, 'report_photo')
    const theirs = await photo(workerB, 'report_photo')
    const proof = await photo(workerA, 'work_proof')
    const reportsBefore = rt.emulator.db.count('stationReports', {})
    for (const ids of [[mine, theirs], [mine, proof], [mine, 'f'.repeat(32)]]) {
      const key = newIdempotencyKey()
      const r = await stations(workerA, { action: 'report', key, stationId, problem: 'other', photoFileIds: ids })
      expect(code(r)).toBe('STATION.REPORT_PHOTO_NOT_YOURS')
      expect(r.ok ? '' : r.error.message).toContain('没有提交')
    }
    expect(rt.emulator.db.count('stationReports', {})).toBe(reportsBefore)
    for (const f of [mine, theirs, proof]) expect(fileDoc(f)).toMatchObject({ attachedTo: null })
    // a photo already in another report is refused too
    const used = await photo(workerA, 'report_photo')
    await data(stations(workerA, { action: 'report', key: newIdempotencyKey(), stationId, problem: 'other', photoFileIds: [used] }))
    expect(code(await stations(workerA, { action: 'report', key: newIdempotencyKey(), stationId, problem: 'dirty', photoFileIds: [used] }))).toBe('STATION.REPORT_PHOTO_NOT_YOURS')
  })

  test('at most 3 photos, no repeats, well-formed ids only', async () => {
    const ids = ['a', 'b', 'c', 'd'].map((c) => c.repeat(32))
    expect(code(await stations(workerA, { action: 'report', key: newIdempotencyKey(), stationId, problem: 'other', photoFileIds: ids }))).toBe('VALIDATION.INVALID')
    expect(code(await stations(workerA, { action: 'report', key: newIdempotencyKey(), stationId, problem: 'other', photoFileIds: [ids[0], ids[0]] }))).toBe('VALIDATION.INVALID')
    expect(code(await stations(workerA, { action: 'report', key: newIdempotencyKey(), stationId, problem: 'other', photoFileIds: [{ $ne: null }] }))).toBe('VALIDATION.INVALID')
  })
})

describe('station photos', () => {
  test('staff add photos on create and edit; removed ones are deleted; the detail shows them', async () => {
    const first = await photo(grassrootsX, 'station_photo')
    const id = await stationOfX({ photos: [first] }, grassrootsX)
    expect(fileDoc(first)).toMatchObject({ attachedTo: { type: 'station', id } })
    const detail = await data(stations<StationDetail>(null, { action: 'detail', id }))
    expect(detail.photos).toHaveLength(1)
    expect((await fetch(encodeURI(detail.photos[0]))).status).toBe(200)

    const edit = await data(stations<StationEdit>(grassrootsX, { action: 'getStation', id }))
    expect(edit.station.photos).toEqual([first])
    expect(edit.photoLinks.map((p) => p.id)).toEqual([first])

    // federation staff add a second photo and remove the first
    const second = await photo(federation, 'station_photo')
    const saved = await data(stations<{ version: number }>(federation, { action: 'updateStation', id, version: edit.version, station: { ...edit.station, photos: [second] } }))
    expect(saved.version).toBe(edit.version + 1)
    expect(fileDoc(first)).toBeFalsy()
    expect(fileDoc(second)).toMatchObject({ attachedTo: { type: 'station', id } })
    expect((await data(stations<StationDetail>(null, { action: 'detail', id }))).photos).toHaveLength(1)
    // staff in scope may open it through `files`; staff of another org may not
    expect((await call(grassrootsX, 'files', { action: 'url', fileId: second })).ok).toBe(true)
    expect(code(await call(grassrootsY, 'files', { action: 'url', fileId: second }))).toBe('AUTH.FORBIDDEN')
  })

  test("someone else's photo, a 报修 photo, or one already used elsewhere is refused and nothing changes", async () => {
    const id = await stationOfX()
    const edit = await data(stations<StationEdit>(admin, { action: 'getStation', id }))
    const xs = await photo(grassrootsX, 'station_photo')
    const report = await photo(admin, 'report_photo')
    for (const p of [xs, report]) {
      const r = await stations(admin, { action: 'updateStation', id, version: edit.version, station: { ...edit.station, photos: [p] } })
      expect(code(r)).toBe('STATION.PHOTO_NOT_YOURS')
    }
    expect(rt.emulator.db.findOne('stations', { _id: id })).toMatchObject({ version: edit.version, photos: [] })
    expect(fileDoc(xs)).toMatchObject({ attachedTo: null })
    // a create with a foreign photo writes no station
    const name = `照片测试站-${newIdempotencyKey().slice(0, 6)}`
    const r = await stations(admin, { action: 'createStation', key: newIdempotencyKey(), station: { ...stationOfOrgX(name), photos: [xs] } })
    expect(code(r)).toBe('STATION.PHOTO_NOT_YOURS')
    expect(rt.emulator.db.count('stations', { name })).toBe(0)
  })
})
