/**
 * Transactions through the real wx-server-sdk: runTransaction / startTransaction, isolation of buffered
 * writes, rollback, optimistic conflict detection (and the SDK's retry on it), unique checks at commit,
 * timeouts.
 */
import * as fs from 'fs'
import { startEmulatorServer } from '../../emulator'
import { makeTempDir, pointSdkAt, rejection, startHarness, TEST_MANIFEST, type Harness, type WxDatabase } from './harness'

type Tx = Awaited<ReturnType<WxDatabase['startTransaction']>>

let h: Harness
let db: WxDatabase

beforeAll(async () => {
  h = await startHarness('tx')
  db = h.db
})

afterAll(async () => {
  await h.stop()
})

beforeEach(() => {
  h.emu.db.clear('counters')
  h.emu.db.clear('ledger')
  h.emu.db.clear('items')
})

const isConflict = (e: unknown): boolean => (e as { code?: string })?.code === 'DATABASE_TRANSACTION_CONFLICT'

test('runTransaction commits every write at once and returns the callback result', async () => {
  h.emu.db.insert('counters', { _id: 'c', n: 0 })
  const result = await db.runTransaction(async (t: Tx) => {
    const c = await t.collection('counters').doc('c').get()
    await t.collection('counters').doc('c').update({ data: { n: (c.data!.n as number) + 5 } })
    await t.collection('ledger').add({ data: { _id: 'l1', amount: 5 } })
    // buffered: reads inside see them, the committed state does not yet
    expect((await t.collection('counters').doc('c').get()).data!.n).toBe(5)
    expect((await t.collection('ledger').where({ amount: 5 }).get()).data).toEqual([{ _id: 'l1', amount: 5 }])
    expect(h.emu.db.findOne('counters', { _id: 'c' })).toEqual({ _id: 'c', n: 0 })
    expect(h.emu.db.count('ledger')).toBe(0)
    return 'done'
  })
  expect(result).toBe('done')
  expect(h.emu.db.findOne('counters', { _id: 'c' })).toEqual({ _id: 'c', n: 5 })
  expect(h.emu.db.find('ledger')).toEqual([{ _id: 'l1', amount: 5 }])
})

test('startTransaction: set, update, remove, commit', async () => {
  h.emu.db.insert('ledger', [{ _id: 'gone', amount: 1 }, { _id: 'kept', amount: 2 }])
  const t = await db.startTransaction()
  await t.collection('ledger').doc('new').set({ data: { amount: 3 } })
  await t.collection('ledger').doc('kept').update({ data: { amount: 20 } })
  await t.collection('ledger').doc('gone').remove({})
  expect(h.emu.db.count('ledger')).toBe(2)
  await t.commit()
  expect(h.emu.db.find('ledger', {}, { sort: { _id: 1 } })).toEqual([
    { _id: 'kept', amount: 20 },
    { _id: 'new', amount: 3 },
  ])
})

test('rollback leaves nothing behind', async () => {
  h.emu.db.insert('counters', { _id: 'c', n: 1 })
  const reason = await rejection(
    db.runTransaction(async (t: Tx) => {
      await t.collection('counters').doc('c').update({ data: { n: 99 } })
      await t.collection('ledger').add({ data: { amount: 99 } })
      await t.rollback('changed my mind')
    }),
  )
  expect(reason).toBe('changed my mind')

  const thrown = await rejection(
    db.runTransaction(async (t: Tx) => {
      await t.collection('ledger').add({ data: { amount: 1 } })
      throw new Error('callback failed')
    }),
  )
  expect(thrown.message).toBe('callback failed')

  const manual = await db.startTransaction()
  await manual.collection('ledger').add({ data: { amount: 7 } })
  await manual.rollback()
  expect(h.emu.db.findOne('counters', { _id: 'c' })).toEqual({ _id: 'c', n: 1 })
  expect(h.emu.db.count('ledger')).toBe(0)
})

test('a document changed since the transaction read it makes commit fail with DATABASE_TRANSACTION_CONFLICT', async () => {
  h.emu.db.insert('counters', { _id: 'c', n: 0 })
  const t1 = await db.startTransaction()
  const t2 = await db.startTransaction()
  const v1 = (await t1.collection('counters').doc('c').get()).data!.n as number
  const v2 = (await t2.collection('counters').doc('c').get()).data!.n as number
  await t1.collection('counters').doc('c').update({ data: { n: v1 + 1 } })
  await t2.collection('counters').doc('c').update({ data: { n: v2 + 1 } })
  await t1.commit()
  const e = await rejection(t2.commit())
  expect(e.code).toBe('DATABASE_TRANSACTION_CONFLICT')
  expect(h.emu.db.findOne('counters', { _id: 'c' })).toEqual({ _id: 'c', n: 1 })
  // the losing transaction is gone
  expect((await rejection(t2.commit())).code).toBe('DATABASE_TRANSACTION_FAIL')
})

test('inserts, deletes and plain updates by others conflict with a document the transaction writes', async () => {
  const lenient = h.cloud.database({ throwOnNotFound: false })
  h.emu.db.insert('counters', { _id: 'doomed', n: 1 })

  // t1 found no 'later' and creates it; someone else created it meanwhile
  const t1 = await lenient.startTransaction()
  expect((await t1.collection('counters').doc('later').get()).data).toBeNull()
  h.emu.db.insert('counters', { _id: 'later', n: 1 })
  await t1.collection('counters').doc('later').set({ data: { n: 100 } })
  expect((await rejection(t1.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT')

  // t2 read 'doomed' and updates it; someone deleted it meanwhile
  const t2 = await lenient.startTransaction()
  await t2.collection('counters').doc('doomed').get()
  h.emu.db.remove('counters', { _id: 'doomed' })
  await t2.collection('counters').doc('doomed').set({ data: { n: 2 } })
  expect((await rejection(t2.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT')

  // a plain (non-transactional) update bumps the version too
  h.emu.db.insert('counters', { _id: 'plain', n: 1 })
  const t3 = await lenient.startTransaction()
  await t3.collection('counters').doc('plain').get()
  await db.collection('counters').doc('plain').update({ data: { n: 2 } })
  // setting the value it already has still depends on what t3 read
  await t3.collection('counters').doc('plain').update({ data: { n: 2 } })
  expect((await rejection(t3.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT')
  expect(h.emu.db.findOne('counters', { _id: 'later' })).toEqual({ _id: 'later', n: 1 })
  expect(h.emu.db.findOne('counters', { _id: 'doomed' })).toBeNull()
})

test('like production (snapshot isolation), a document that was only read is not validated: write skew is possible', async () => {
  h.emu.db.insert('counters', { _id: 'cap', n: 1 })
  const t = await db.startTransaction()
  await t.collection('counters').doc('cap').get()
  await db.collection('counters').doc('cap').update({ data: { n: 5 } })
  await t.collection('ledger').add({ data: { note: 'decided on a stale cap' } })
  await t.commit()
  expect(h.emu.db.count('ledger', { note: 'decided on a stale cap' })).toBe(1)
})

test('two concurrent runTransactions on one counter: the SDK retries the loser', async () => {
  h.emu.db.insert('counters', { _id: 'c', n: 0 })
  let runs = 0
  let release!: () => void
  const bothRead = new Promise<void>(resolve => (release = resolve))
  let reads = 0
  const increment = (): Promise<unknown> =>
    db.runTransaction(async (t: Tx) => {
      runs++
      const c = await t.collection('counters').doc('c').get()
      if (++reads === 2) release()
      await bothRead
      await t.collection('counters').doc('c').update({ data: { n: (c.data!.n as number) + 1 } })
    })
  await Promise.all([increment(), increment()])
  expect(h.emu.db.findOne('counters', { _id: 'c' })).toEqual({ _id: 'c', n: 2 })
  expect(runs).toBe(3)
})

test('50 parallel read-modify-write increments end at exactly 50', async () => {
  h.emu.db.insert('counters', { _id: 'c', n: 0 })
  let attempts = 0
  const increment = async (): Promise<void> => {
    for (;;) {
      try {
        await db.runTransaction(async (t: Tx) => {
          attempts++
          const c = await t.collection('counters').doc('c').get()
          await t.collection('counters').doc('c').update({ data: { n: (c.data!.n as number) + 1 } })
        })
        return
      } catch (e) {
        // runTransaction retries 3 times on a conflict, then throws it; the caller may try again
        if (!isConflict(e)) throw e
      }
    }
  }
  await Promise.all(Array.from({ length: 50 }, increment))
  expect(h.emu.db.findOne('counters', { _id: 'c' })).toEqual({ _id: 'c', n: 50 })
  // more callback runs than increments: conflicts were detected and retried, none was lost
  expect(attempts).toBeGreaterThan(50)
  if (process.env.EMULATOR_PERF_LOG) console.log('50 parallel increments took', attempts, 'transaction attempts')
}, 30_000)

test('unique indexes are checked for the whole transaction at commit; nothing is applied on violation', async () => {
  const t = await db.startTransaction()
  await t.collection('items').add({ data: { _id: 't1', sku: 'SAME' } })
  await t.collection('ledger').add({ data: { _id: 'l1' } })
  h.emu.db.insert('items', { _id: 'other', sku: 'SAME' })
  const e = await rejection(t.commit())
  expect(e.code).toBe('DATABASE_DUPLICATE_WRITE')
  expect(h.emu.db.find('items')).toEqual([{ _id: 'other', sku: 'SAME' }])
  expect(h.emu.db.count('ledger')).toBe(0)

  const t2 = await db.startTransaction()
  await t2.collection('items').add({ data: { sku: 'TWICE' } })
  const inside = await rejection(t2.collection('items').add({ data: { sku: 'TWICE' } }))
  expect(inside.message).toMatch(/E11000.*sku_1/)
  await t2.rollback()
})

test('transactions left open are aborted after the timeout', async () => {
  const dataDir = makeTempDir('tx-timeout')
  const short = await startEmulatorServer({ dataDir, manifest: TEST_MANIFEST, transactionTimeoutMs: 200 })
  pointSdkAt(short.adminUrl)
  try {
    const t = await db.startTransaction()
    await t.collection('ledger').add({ data: { amount: 1 } })
    await new Promise(r => setTimeout(r, 400))
    const e = await rejection(t.commit())
    expect(e.code).toBe('DATABASE_TRANSACTION_FAIL')
    expect(short.db.count('ledger')).toBe(0)
  } finally {
    pointSdkAt(h.emu.adminUrl)
    await short.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
})
