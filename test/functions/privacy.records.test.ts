/** 我的信息 counts the records other services keep; closing the account unlinks them from the WeChat user. */
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import type { Envelope } from '../../src/domain/envelope'
import type { MyData } from '../../src/domain/privacy/privacy.schema'
import { newIdempotencyKey } from '../../src/domain/requests/idempotency-key'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

const WORKER = 'o-test-records'
const ADMIN = 'o-demo-zhao'

async function checkInSomewhere(): Promise<void> {
  const station = rt.emulator.db.findOne('stations', {}) as { _id: string }
  const qr = (await rt.invokeAs(ADMIN, 'stations', { action: 'stationQr', id: station._id })) as Envelope<{ text: string }>
  if (!qr.ok) throw new Error(JSON.stringify(qr))
  const r = (await rt.invokeAs(WORKER, 'stations', { action: 'checkIn', code: qr.data.text })) as Envelope<{ status: string }>
  expect(r.ok && r.data.status).toBe('counted')
  const report = (await rt.invokeAs(WORKER, 'stations', { action: 'report', key: newIdempotencyKey(), stationId: station._id, problem: 'water_dispenser' })) as Envelope<unknown>
  expect(report.ok).toBe(true)
}

test('myData counts station visits and reports; closing the account re-keys them and deletes check-in guards', async () => {
  await rt.invokeAs(WORKER, 'session', { action: 'me' })
  await checkInSomewhere()
  const mine = (await rt.invokeAs(WORKER, 'privacy', { action: 'myData' })) as Envelope<MyData>
  expect(mine.ok && mine.data.records).toEqual([
    { label: '驿站签到', count: 1 },
    { label: '驿站报修', count: 1 },
    { label: '推荐的驿站地点', count: 0 },
    { label: '入会申请', count: 0 },
    { label: '会员证', count: 0 },
    { label: '转会申请', count: 0 },
    { label: '互助保障申请', count: 0 },
    { label: '法律援助求助', count: 0 },
    { label: '法律援助草稿', count: 0 },
  ])

  const closed = (await rt.invokeAs(WORKER, 'privacy', { action: 'closeAccount', confirm: '注销' })) as Envelope<unknown>
  expect(closed.ok).toBe(true)
  for (const coll of ['stationVisits', 'stationReports', 'stationCheckinGuards']) expect({ coll, left: rt.emulator.db.count(coll, { ownerOpenid: WORKER }) }).toEqual({ coll, left: 0 })
  // the visit and the report are kept for the union's figures, owned by the closed account's tombstone
  const tombstone = (rt.emulator.db.findOne('users', { closedAt: { $exists: true } }) as { openid: string }).openid
  expect(tombstone).toMatch(/^closed-/)
  expect(rt.emulator.db.count('stationVisits', { ownerOpenid: tombstone })).toBe(1)
  expect(rt.emulator.db.count('stationReports', { ownerOpenid: tombstone })).toBe(1)

  // the same WeChat user coming back starts empty
  const again = (await rt.invokeAs(WORKER, 'privacy', { action: 'myData' })) as Envelope<MyData>
  expect(again.ok && again.data.records.every((r) => r.count === 0)).toBe(true)
})
