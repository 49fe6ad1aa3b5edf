/**
 * Database semantics through the real wx-server-sdk: query and update operators, dot paths, order /
 * skip / limit / projection, paging limits, count, errors, unique indexes, aggregation.
 */
import { rejection, startHarness, type Harness, type WxDatabase } from './harness'

type Doc = Record<string, unknown>

let h: Harness
let db: WxDatabase

beforeAll(async () => {
  h = await startHarness('db')
  db = h.db
})

afterAll(async () => {
  await h.stop()
})

async function post(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(h.emu.adminUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  expect(res.status).toBe(200)
  return (await res.json()) as Record<string, unknown>
}

const SEED: Doc[] = [
  { _id: 'a', sku: 'A', n: 1, tags: ['x', 'y'], name: 'Apple', nested: { v: 1, w: 'p' }, items: [{ k: 1, q: 2 }, { k: 2, q: 5 }], when: new Date('2024-01-01T00:00:00Z') },
  { _id: 'b', sku: 'B', n: 5, tags: ['y'], name: 'banana', nested: { v: 2 }, items: [{ k: 3, q: 1 }], when: new Date('2024-06-01T00:00:00Z') },
  { _id: 'c', sku: 'C', n: 10, tags: [], name: 'Cherry', nested: { v: 3, w: 'q' }, opt: null, when: new Date('2025-01-01T00:00:00Z') },
  { _id: 'd', sku: 'D', n: -2, name: 'date', nested: { v: 4 } },
]

describe('query operators', () => {
  beforeAll(() => {
    h.emu.db.clear('items')
    h.emu.db.insert('items', SEED)
  })

  const _ = (): WxDatabase['command'] => db.command
  const cases: Array<[string, () => object, string[]]> = [
    ['equality', () => ({ n: 5 }), ['b']],
    ['_.eq', () => ({ n: _().eq(5) }), ['b']],
    ['_.neq', () => ({ n: _().neq(5) }), ['a', 'c', 'd']],
    ['_.gt', () => ({ n: _().gt(1) }), ['b', 'c']],
    ['_.gte', () => ({ n: _().gte(5) }), ['b', 'c']],
    ['_.lt', () => ({ n: _().lt(1) }), ['d']],
    ['_.lte', () => ({ n: _().lte(1) }), ['a', 'd']],
    ['_.in', () => ({ sku: _().in(['A', 'C', 'Z']) }), ['a', 'c']],
    ['_.nin', () => ({ sku: _().nin(['A', 'C']) }), ['b', 'd']],
    ['field _.and', () => ({ n: _().gt(0).and(_().lt(10)) }), ['a', 'b']],
    ['top-level _.and', () => _().and([{ n: _().gt(0) }, { tags: 'y' }]), ['a', 'b']],
    ['top-level _.or', () => _().or([{ n: 1 }, { n: 10 }]), ['a', 'c']],
    ['field _.or', () => ({ n: _().lt(0).or(_().gt(5)) }), ['c', 'd']],
    ['_.nor', () => _().nor([{ n: 1 }, { n: 10 }]), ['b', 'd']],
    ['_.not', () => ({ n: _().not(_().gt(1)) }), ['a', 'd']],
    ['_.exists(true)', () => ({ opt: _().exists(true) }), ['c']],
    ['_.exists(false)', () => ({ tags: _().exists(false) }), ['d']],
    ['_.size', () => ({ tags: _().size(2) }), ['a']],
    ['_.all', () => ({ tags: _().all(['x', 'y']) }), ['a']],
    ['_.elemMatch', () => ({ items: _().elemMatch({ k: 2, q: _().gte(5) }) }), ['a']],
    ['_.mod', () => ({ n: _().mod(5, 0) }), ['b', 'c']],
    ['array contains a value', () => ({ tags: 'y' }), ['a', 'b']],
    ['dot path', () => ({ 'nested.v': _().gte(3) }), ['c', 'd']],
    ['nested object is a dot path', () => ({ nested: { w: 'q' } }), ['c']],
    ['dot path into array elements', () => ({ 'items.k': 3 }), ['b']],
    ['db.RegExp', () => ({ name: db.RegExp({ regexp: '^[ab]', options: 'i' }) }), ['a', 'b']],
    ['JS RegExp', () => ({ name: /rry$/ }), ['c']],
    ['Date comparison', () => ({ when: _().gte(new Date('2024-06-01T00:00:00Z')) }), ['b', 'c']],
    ['null matches null and missing', () => ({ opt: null }), ['a', 'b', 'c', 'd']],
    ['_.expr', () => _().expr(_().aggregate.gt(['$n', 4])), ['b', 'c']],
    ['indexed equality (unique sku)', () => ({ sku: 'B' }), ['b']],
    ['_id _.in', () => ({ _id: _().in(['a', 'd', 'zz']) }), ['a', 'd']],
  ]

  test.each(cases)('%s', async (_label, query, expected) => {
    const res = await db.collection('items').where(query()).get()
    expect(res.data.map(d => d._id).sort()).toEqual(expected)
  })

  test('documents come back with their types (Date, nested, arrays)', async () => {
    const res = await db.collection('items').doc('a').get()
    const doc = res.data!
    expect(doc.when).toBeInstanceOf(Date)
    expect((doc.when as Date).toISOString()).toBe('2024-01-01T00:00:00.000Z')
    expect(doc.items).toEqual([{ k: 1, q: 2 }, { k: 2, q: 5 }])
  })

  test('orderBy, skip, limit, field', async () => {
    const res = await db.collection('items').where({ n: db.command.gt(-100) }).orderBy('n', 'desc').skip(1).limit(2).field({ n: true, sku: true }).get()
    expect(res.data).toEqual([
      { _id: 'b', n: 5, sku: 'B' },
      { _id: 'a', n: 1, sku: 'A' },
    ])
    const two = await db.collection('items').orderBy('nested.v', 'asc').field({ _id: false, name: true }).get()
    expect(two.data).toEqual([{ name: 'Apple' }, { name: 'banana' }, { name: 'Cherry' }, { name: 'date' }])
  })

  test('count', async () => {
    expect((await db.collection('items').where({ n: db.command.gt(0) }).count()).total).toBe(3)
    expect((await db.collection('items').count()).total).toBe(4)
  })

  test('doc().get() of a missing document fails like CloudBase', async () => {
    const e = await rejection(db.collection('items').doc('nope').get())
    expect(e.message).toMatch(/does not exist/)
  })

  test('aggregate: match, group, sort', async () => {
    const $ = db.command.aggregate
    const res = await db
      .collection('items')
      .aggregate()
      .match({ n: db.command.gt(0) })
      .group({ _id: null, total: $.sum('$n'), count: $.sum(1) })
      .end()
    expect(res.list).toEqual([{ _id: null, total: 16, count: 3 }])
    const sorted = await db.collection('items').aggregate().unwind('$tags').sortByCount('$tags').end()
    expect(sorted.list).toEqual([
      { _id: 'y', count: 2 },
      { _id: 'x', count: 1 },
    ])
  })

  test('aggregate: $lookup reads another declared collection', async () => {
    h.emu.db.clear('ledger')
    h.emu.db.insert('ledger', [
      { itemSku: 'A', amount: 3 },
      { itemSku: 'A', amount: 4 },
      { itemSku: 'C', amount: 1 },
    ])
    const res = await db
      .collection('items')
      .aggregate()
      .match({ sku: db.command.in(['A', 'B']) })
      .lookup({ from: 'ledger', localField: 'sku', foreignField: 'itemSku', as: 'entries' })
      .project({ _id: 0, sku: 1, entries: { amount: 1 } })
      .sort({ sku: 1 })
      .end()
    expect(res.list).toEqual([
      { sku: 'A', entries: [{ amount: 3 }, { amount: 4 }] },
      { sku: 'B', entries: [] },
    ])
    const e = await rejection(db.collection('items').aggregate().lookup({ from: 'nope', localField: 'sku', foreignField: 'x', as: 'y' }).end())
    expect(e.message).toMatch(/DATABASE_COLLECTION_NOT_EXIST/)
  })
})

describe('update operators', () => {
  const base = (): Doc => ({ _id: 'u', sku: 'U', n: 1, arr: [1, 2, 3], tags: ['x'], obj: { a: 1, b: 2 }, s: 'str' })
  const _ = (): WxDatabase['command'] => db.command
  // [label, update data, check, documents reported as changed (MongoDB counts only real changes)]
  const cases: Array<[string, () => object, (doc: Doc) => void, number?]> = [
    ['_.inc', () => ({ n: _().inc(2) }), d => expect(d.n).toBe(3)],
    ['_.inc on a missing field', () => ({ m: _().inc(-4) }), d => expect(d.m).toBe(-4)],
    ['_.mul', () => ({ n: _().mul(3) }), d => expect(d.n).toBe(3)],
    ['_.min', () => ({ n: _().min(0) }), d => expect(d.n).toBe(0)],
    ['_.max', () => ({ n: _().max(7) }), d => expect(d.n).toBe(7)],
    ['_.set replaces an object', () => ({ obj: _().set({ a: 9 }) }), d => expect(d.obj).toEqual({ a: 9 })],
    ['plain nested object updates by dot path', () => ({ obj: { a: 9 } }), d => expect(d.obj).toEqual({ a: 9, b: 2 })],
    ['dot path key', () => ({ 'obj.c': 3 }), d => expect(d.obj).toEqual({ a: 1, b: 2, c: 3 })],
    ['_.remove', () => ({ s: _().remove() }), d => expect('s' in d).toBe(false)],
    ['_.push values', () => ({ arr: _().push([4, 5]) }), d => expect(d.arr).toEqual([1, 2, 3, 4, 5])],
    ['_.push with position', () => ({ arr: _().push({ each: [0], position: 0 }) }), d => expect(d.arr).toEqual([0, 1, 2, 3])],
    ['_.push with slice', () => ({ arr: _().push({ each: [4], slice: -2 }) }), d => expect(d.arr).toEqual([3, 4])],
    ['_.pull a value', () => ({ arr: _().pull(2) }), d => expect(d.arr).toEqual([1, 3])],
    ['_.pull by condition', () => ({ arr: _().pull(_().gte(2)) }), d => expect(d.arr).toEqual([1])],
    ['_.pullAll', () => ({ arr: _().pullAll([1, 3]) }), d => expect(d.arr).toEqual([2])],
    ['_.addToSet existing', () => ({ tags: _().addToSet('x') }), d => expect(d.tags).toEqual(['x']), 0],
    ['_.addToSet $each', () => ({ tags: _().addToSet({ $each: ['x', 'y', 'z'] }) }), d => expect(d.tags).toEqual(['x', 'y', 'z'])],
    ['_.pop', () => ({ arr: _().pop() }), d => expect(d.arr).toEqual([1, 2])],
    ['_.shift', () => ({ arr: _().shift() }), d => expect(d.arr).toEqual([2, 3])],
    ['_.unshift', () => ({ arr: _().unshift([-1, 0]) }), d => expect(d.arr).toEqual([-1, 0, 1, 2, 3])],
    ['_.rename', () => ({ s: _().rename('t') }), d => expect([d.s, d.t]).toEqual([undefined, 'str'])],
    [
      'db.serverDate with offset',
      () => ({ at: db.serverDate({ offset: 60_000 }) }),
      d => {
        expect(d.at).toBeInstanceOf(Date)
        expect(Math.abs((d.at as Date).getTime() - (Date.now() + 60_000))).toBeLessThan(5000)
      },
    ],
    ['Date value', () => ({ at: new Date(0) }), d => expect(d.at).toEqual(new Date(0))],
  ]

  test.each(cases)('%s', async (_label, data, check, updated = 1) => {
    h.emu.db.remove('items', { _id: 'u' })
    h.emu.db.insert('items', base())
    const res = await db.collection('items').doc('u').update({ data: data() })
    expect(res.stats.updated).toBe(updated)
    check((await db.collection('items').doc('u').get()).data!)
  })

  test('$inc on a string is refused', async () => {
    h.emu.db.remove('items', { _id: 'u' })
    h.emu.db.insert('items', base())
    const e = await rejection(db.collection('items').doc('u').update({ data: { s: db.command.inc(1) } }))
    expect(e.message).toMatch(/non-numeric/)
  })
})

describe('writes', () => {
  beforeEach(() => h.emu.db.clear('items'))

  test('add generates a 32-hex _id and keeps given ones', async () => {
    const { _id } = await db.collection('items').add({ data: { sku: 'X1', at: new Date(5) } })
    expect(_id).toMatch(/^[0-9a-f]{32}$/)
    const mine = await db.collection('items').add({ data: { _id: 'mine', sku: 'X2' } })
    expect(mine._id).toBe('mine')
    expect(h.emu.db.findOne('items', { _id })).toEqual({ _id, sku: 'X1', at: new Date(5) })
  })

  test('add of several documents at once', async () => {
    const res = await db.collection('items').add({ data: [{ sku: 'M1' }, { sku: 'M2' }] })
    expect(res._ids).toHaveLength(2)
    expect(h.emu.db.count('items')).toBe(2)
  })

  test('a duplicate _id is a DUPLICATE error', async () => {
    await db.collection('items').add({ data: { _id: 'dup', sku: 'D1' } })
    const e = await rejection(db.collection('items').add({ data: { _id: 'dup', sku: 'D2' } }))
    expect(e.message).toMatch(/DATABASE_DUPLICATE_WRITE/)
    expect(e.message).toMatch(/E11000 duplicate key error collection: local-env\.items index: _id_/)
  })

  test('doc().set() upserts and replaces', async () => {
    const created = await db.collection('items').doc('s1').set({ data: { sku: 'S1', a: 1, b: 2 } })
    expect(created.stats).toEqual({ updated: 0, created: 1 })
    const replaced = await db.collection('items').doc('s1').set({ data: { sku: 'S1', c: 3 } })
    expect(replaced.stats).toEqual({ updated: 1, created: 0 })
    expect(h.emu.db.findOne('items', { _id: 's1' })).toEqual({ _id: 's1', sku: 'S1', c: 3 })
  })

  test('where().update() is multi, doc().update() single, updated counts changed documents', async () => {
    h.emu.db.insert('items', [
      { _id: 'w1', sku: 'W1', g: 1, v: 0 },
      { _id: 'w2', sku: 'W2', g: 1, v: 0 },
      { _id: 'w3', sku: 'W3', g: 2, v: 0 },
    ])
    const multi = await db.collection('items').where({ g: 1 }).update({ data: { v: 1 } })
    expect(multi.stats.updated).toBe(2)
    const again = await db.collection('items').where({ g: 1 }).update({ data: { v: 1 } })
    expect(again.stats.updated).toBe(0)
    const none = await db.collection('items').doc('missing').update({ data: { v: 1 } })
    expect(none.stats.updated).toBe(0)
    expect(h.emu.db.find('items', { v: 1 }).map(d => d._id)).toEqual(['w1', 'w2'])
  })

  test('remove: doc and where', async () => {
    h.emu.db.insert('items', [
      { _id: 'r1', sku: 'R1', g: 1 },
      { _id: 'r2', sku: 'R2', g: 1 },
      { _id: 'r3', sku: 'R3', g: 2 },
    ])
    expect((await db.collection('items').doc('r3').remove({})).stats.removed).toBe(1)
    expect((await db.collection('items').where({ g: 1 }).remove()).stats.removed).toBe(2)
    expect(h.emu.db.count('items')).toBe(0)
  })

  test('indexes follow updates and removals', async () => {
    h.emu.db.insert('items', { _id: 'i1', sku: 'OLD' })
    await db.collection('items').doc('i1').update({ data: { sku: 'NEW' } })
    expect((await db.collection('items').where({ sku: 'OLD' }).get()).data).toEqual([])
    expect((await db.collection('items').where({ sku: 'NEW' }).get()).data).toEqual([{ _id: 'i1', sku: 'NEW' }])
    await db.collection('items').add({ data: { sku: 'OLD' } })
    await db.collection('items').doc('i1').remove({})
    await db.collection('items').add({ data: { sku: 'NEW' } })
    expect((await db.collection('items').where({ sku: 'NEW' }).count()).total).toBe(1)
  })

  test('updateAndReturn (modifyAndReturnDoc) through @cloudbase/node-sdk', async () => {
    h.emu.db.insert('items', { _id: 'ret', sku: 'RET', n: 1 })
     
    const tcb = require('@cloudbase/node-sdk') as { init(c: object): { database(): { collection(n: string): { where(q: object): { updateAndReturn(d: object): Promise<{ updated: number; doc: Doc }> } } } } }
    const app = tcb.init({ env: 'local-env' })
    const res = await app.database().collection('items').where({ _id: 'ret' }).updateAndReturn({ n: 2 })
    expect(res).toMatchObject({ updated: 1, doc: { _id: 'ret', sku: 'RET', n: 2 } })
  })
})

describe('LocalDb (in-process access)', () => {
  beforeEach(() => h.emu.db.clear('ledger'))

  test('insert, find with sort/skip/limit/projection, update, upsert, replace, remove, aggregate', () => {
    const ids = h.emu.db.insert('ledger', [
      { _id: 'l1', who: 'a', amount: 5 },
      { _id: 'l2', who: 'b', amount: 7 },
      { _id: 'l3', who: 'a', amount: 1 },
    ])
    expect(ids).toEqual(['l1', 'l2', 'l3'])
    expect(h.emu.db.find('ledger', { who: 'a' }, { sort: { amount: -1 }, projection: { amount: 1 } })).toEqual([
      { _id: 'l1', amount: 5 },
      { _id: 'l3', amount: 1 },
    ])
    expect(h.emu.db.find('ledger', {}, { sort: { amount: 1 }, skip: 1, limit: 1 }).map(d => d._id)).toEqual(['l1'])
    expect(h.emu.db.update('ledger', { who: 'a' }, { $inc: { amount: 10 } })).toEqual({ matched: 2, updated: 2, upsertedId: undefined })
    expect(h.emu.db.update('ledger', { who: 'a' }, { seen: true }, { multi: false }).updated).toBe(1)
    expect(h.emu.db.update('ledger', { _id: 'l9', who: 'z' }, { $set: { amount: 0 } }, { upsert: true }).upsertedId).toBe('l9')
    expect(h.emu.db.findOne('ledger', { _id: 'l9' })).toEqual({ _id: 'l9', who: 'z', amount: 0 })
    h.emu.db.update('ledger', { _id: 'l2' }, { replaced: 1 }, { replace: true })
    expect(h.emu.db.findOne('ledger', { _id: 'l2' })).toEqual({ _id: 'l2', replaced: 1 })
    expect(h.emu.db.aggregate('ledger', [{ $match: { who: 'a' } }, { $group: { _id: '$who', sum: { $sum: '$amount' } } }])).toEqual([{ _id: 'a', sum: 26 }])
    expect(h.emu.db.remove('ledger', { who: 'a' }, { multi: false })).toBe(1)
    expect(h.emu.db.remove('ledger', {})).toBe(3)
    expect(h.emu.db.count('ledger')).toBe(0)
  })

  test('returned documents are copies', () => {
    h.emu.db.insert('ledger', { _id: 'c1', tags: ['a'] })
    const doc = h.emu.db.findOne('ledger', { _id: 'c1' })!
    ;(doc.tags as string[]).push('mutated')
    expect(h.emu.db.findOne('ledger', { _id: 'c1' })).toEqual({ _id: 'c1', tags: ['a'] })
  })
})

describe('unique indexes', () => {
  beforeEach(() => {
    h.emu.db.clear('members')
    h.emu.db.clear('items')
  })

  test('single-field unique index on insert and on update', async () => {
    await db.collection('items').add({ data: { sku: 'U1' } })
    const { _id } = await db.collection('items').add({ data: { sku: 'U2' } })
    const onInsert = await rejection(db.collection('items').add({ data: { sku: 'U1' } }))
    expect(onInsert.message).toMatch(/DATABASE_DUPLICATE_WRITE.*E11000 duplicate key error collection: local-env\.items index: sku_1/)
    const onUpdate = await rejection(db.collection('items').doc(_id!).update({ data: { sku: 'U1' } }))
    expect(onUpdate.message).toMatch(/E11000.*sku_1/)
    expect(h.emu.db.find('items', {}, { sort: { sku: 1 } }).map(d => d.sku)).toEqual(['U1', 'U2'])
  })

  test('compound unique index, and missing fields count as null', async () => {
    await db.collection('members').add({ data: { idHash: 'h1', org: 'o1', year: 2024, no: 1 } })
    await db.collection('members').add({ data: { idHash: 'h2', org: 'o1', year: 2024, no: 2 } })
    await db.collection('members').add({ data: { idHash: 'h3', org: 'o1', year: 2025, no: 1 } })
    const dup = await rejection(db.collection('members').add({ data: { idHash: 'h4', org: 'o1', year: 2024, no: 1 } }))
    expect(dup.message).toMatch(/index: org_year_no/)
    await db.collection('members').add({ data: { org: 'o2' } })
    const nullDup = await rejection(db.collection('members').add({ data: { org: 'o3' } }))
    expect(nullDup.message).toMatch(/index: idHash_1/)
    expect(h.emu.db.count('members')).toBe(4)
  })

  test('a multi-document insert is all or nothing', async () => {
    await db.collection('items').add({ data: { sku: 'K1' } })
    await rejection(db.collection('items').add({ data: [{ sku: 'K2' }, { sku: 'K1' }] }))
    expect(h.emu.db.count('items')).toBe(1)
  })

  test('LocalDb goes through the same checks', () => {
    h.emu.db.insert('items', { sku: 'L1' })
    expect(() => h.emu.db.insert('items', { sku: 'L1' })).toThrow(/DATABASE_DUPLICATE_WRITE/)
  })
})

describe('paging limits', () => {
  beforeAll(async () => {
    h.emu.db.clear('pages')
    const docs = Array.from({ length: 250 }, (_, i) => ({ i, batch: 'p' }))
    await db.collection('pages').add({ data: docs })
  })

  test('get() returns 100 by default, limit(1000) all 250, never more than asked', async () => {
    expect((await db.collection('pages').get()).data).toHaveLength(100)
    expect((await db.collection('pages').limit(1000).get()).data).toHaveLength(250)
    expect((await db.collection('pages').where({ batch: 'p' }).limit(10).get()).data).toHaveLength(10)
    const tail = await db.collection('pages').orderBy('i', 'asc').skip(240).limit(100).get()
    expect(tail.data.map(d => d.i)).toEqual([240, 241, 242, 243, 244, 245, 246, 247, 248, 249])
    expect((await db.collection('pages').count()).total).toBe(250)
  })

  test('limits above 1000 are clamped to 1000 (by the SDK, and by the emulator for raw callers)', async () => {
    h.emu.db.insert('pages', Array.from({ length: 900 }, (_, i) => ({ i: 1000 + i, batch: 'q' })))
    expect((await db.collection('pages').limit(2000).get()).data).toHaveLength(1000)
    const raw = await post({ action: 'database.getDocument', collectionName: 'pages', queryType: 'WHERE', limit: 5000 })
    expect(((raw.data as Doc).list as string[]).length).toBe(1000)
  })
})

describe('errors', () => {
  test('unknown collection: DATABASE_COLLECTION_NOT_EXIST (-502005 through wx-server-sdk)', async () => {
    const e = await rejection(db.collection('nope').where({}).get())
    expect(e.errCode).toBe(-502005)
    expect(e.message).toMatch(/DATABASE_COLLECTION_NOT_EXIST.*nope/)
    const add = await rejection(db.collection('nope').add({ data: { a: 1 } }))
    expect(add.errCode).toBe(-502005)
  })

  test('createCollection adds a collection once', async () => {
    await db.createCollection('extra')
    await db.collection('extra').add({ data: { _id: 'e1' } })
    expect((await db.collection('extra').count()).total).toBe(1)
    const again = await rejection(db.createCollection('extra'))
    expect(again.message).toMatch(/DATABASE_COLLECTION_ALREADY_EXIST/)
  })

  test('bad requests and unknown actions get CloudBase-shaped errors', async () => {
    const badQuery = await post({ action: 'database.getDocument', collectionName: 'items', queryType: 'WHERE', query: '{not json' })
    expect(badQuery).toMatchObject({ code: 'INVALID_PARAM', requestId: expect.any(String) })
    const badOp = await post({ action: 'database.getDocument', collectionName: 'items', queryType: 'WHERE', query: '{"a":{"$frob":1}}' })
    expect(badOp).toMatchObject({ code: 'DATABASE_INVALID_OPERRATOR' })
    const unknown = await post({ action: 'database.frobnicate', collectionName: 'items' })
    expect(unknown).toMatchObject({ code: 'INVALID_ACTION', message: expect.stringContaining('database.frobnicate') })
    const notJson = await fetch(h.emu.adminUrl, { method: 'POST', body: 'x' })
    expect(await notJson.json()).toMatchObject({ code: 'INVALID_PARAM' })
    const noBody = await fetch(h.emu.adminUrl)
    expect(await noBody.json()).toMatchObject({ code: 'INVALID_ACTION' })
  })

  test('script operators are refused', async () => {
    const res = await post({ action: 'database.getDocument', collectionName: 'items', queryType: 'WHERE', query: '{"$where":"true"}' })
    expect(res.code).toMatch(/^DATABASE_/)
  })
})
