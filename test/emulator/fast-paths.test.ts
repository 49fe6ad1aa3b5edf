/**
 * The fast paths of a sorted page and of index planning give exactly what the plain way gives:
 *  - `page()` picks a small page of many documents with a bounded heap: same documents, same order as
 *    mingo sorting them all (ties, missing values, mixed types, descending keys, skip);
 *  - an `orderBy('_id')` page walks a sorted id list from the query's `_id` bounds: same as sorting;
 *  - multikey equality and `$or` plans narrow the candidates but never change the result;
 *  - simple queries (equalities, $in, ranges on top-level fields, $and / $or) are tested without
 *    mingo's per-document overhead, with mingo's own answer.
 */
import * as fs from 'fs'
import fc from 'fast-check'
import { Query } from 'mingo/query'
import type { Doc } from '../../emulator/ejson'
import { Engine, type CollectionDef } from '../../emulator/db/engine'
import { LocalDb } from '../../emulator/db/local-db'
import { compileFilter, compileSimple, mingoOptions, page, topByOrder } from '../../emulator/db/query'
import { makeTempDir } from './harness'

const mingoSort = (docs: Doc[], order: Doc): Doc[] => new Query({}, mingoOptions()).find<Doc>(docs).sort(order).all()
const matches = (query: Doc) => {
  const q = new Query(query, mingoOptions())
  return (d: Doc) => q.test(d)
}
const tags = (docs: Doc[]) => docs.map(d => d.i)
/** FAST_PATH_RUNS=20000 for a longer search. */
const runs = (n: number) => Number(process.env.FAST_PATH_RUNS ?? n)
/** Records with a normal prototype (mingo's cloneDeep cannot copy null-prototype objects). */
const rec = <T,>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record<T>(model, { noNullPrototype: true })

const DAYS = [new Date('2025-01-01T00:00:00Z'), new Date('2025-06-30T16:00:00Z'), new Date('2026-02-01T00:00:00Z')]

/** Values the fast path orders itself: few distinct ones, so ties are common. */
const simpleValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0.5, -0, Infinity, -Infinity),
  fc.constantFrom('', 'a', 'b', 'B', 'ab', '2025-01-01', '9999-12-31', '张'),
  fc.boolean(),
  fc.constantFrom(...DAYS).map(d => new Date(d.getTime())),
)
/** Values that send the page back to mingo's own sort. */
const awkwardValue = fc.oneof(fc.constant([1, 2]), fc.constant({ x: 1 }), fc.constant(Number.NaN), fc.constant(new Date(Number.NaN)), fc.constant([]))

const record = (value: fc.Arbitrary<unknown>) =>
  rec({ a: value, b: value, c: value, n: fc.option(rec({ x: value }), { nil: undefined }) }).map(r => {
    const d: Doc = {}
    for (const [k, v] of Object.entries(r)) if (v !== undefined) d[k] = v
    return d
  })

const orderArb = fc
  .uniqueArray(fc.constantFrom('a', 'b', 'c', 'n.x', 'i'), { minLength: 1, maxLength: 3 })
  .chain(fields => fc.tuple(...fields.map(f => fc.constantFrom(1, -1).map(dir => [f, dir] as const))))
  .map(pairs => Object.fromEntries(pairs) as Doc)

describe('page(): a small page out of many documents', () => {
  test('equals mingo sorting everything, then skip and limit', () => {
    fc.assert(
      fc.property(
        fc.array(record(simpleValue), { minLength: 0, maxLength: 120 }),
        orderArb,
        fc.nat({ max: 30 }),
        fc.integer({ min: 0, max: 40 }),
        (raw, order, skip, limit) => {
          const docs = raw.map((d, i) => ({ ...d, i }))
          const expected = tags(mingoSort([...docs], order).slice(skip, skip + limit))
          expect(tags(page(docs, { order, skip, limit }))).toEqual(expected)
        },
      ),
      { numRuns: runs(400) },
    )
  })

  test('values mingo orders inconsistently (arrays, objects, NaN) fall back to its own sort', () => {
    fc.assert(
      fc.property(fc.array(record(fc.oneof(simpleValue, awkwardValue)), { minLength: 1, maxLength: 60 }), orderArb, fc.nat({ max: 10 }), fc.integer({ min: 1, max: 20 }), (raw, order, skip, limit) => {
        const docs = raw.map((d, i) => ({ ...d, i }))
        let expected: unknown[] | 'throws'
        try {
          expected = tags(mingoSort([...docs], order).slice(skip, skip + limit))
        } catch {
          // mingo cannot sort an invalid Date at all: neither can page()
          expected = 'throws'
        }
        if (expected === 'throws') expect(() => page(docs, { order, skip, limit })).toThrow()
        else expect(tags(page(docs, { order, skip, limit }))).toEqual(expected)
      }),
      { numRuns: runs(300) },
    )
  })

  test('the heap itself refuses what it cannot order, and returns nothing for k = 0', () => {
    expect(topByOrder([{ a: [1] }, { a: 2 }], { a: 1 }, 1)).toBeUndefined()
    expect(topByOrder([{ a: 1 }, { a: 2 }], { a: 1 }, 0)).toEqual([])
  })

  test('a first page of 21 out of 100 000 is much faster than sorting them all', () => {
    const docs: Doc[] = Array.from({ length: 100_000 }, (_, i) => ({
      _id: `id${(i * 7919) % 100_000}`,
      dueKey: i % 3 === 0 ? '9999-12-31' : `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      createdAt: new Date(Date.UTC(2026, 0, 1) + (i % 5000) * 60_000),
    }))
    const order = { dueKey: 1, createdAt: 1, _id: 1 }
    let t = performance.now()
    const fast = page(docs, { order, skip: 0, limit: 21 })
    const fastMs = performance.now() - t
    t = performance.now()
    const slow = mingoSort([...docs], order).slice(0, 21)
    const slowMs = performance.now() - t
    expect(fast).toEqual(slow)
    if (process.env.EMULATOR_PERF_LOG) console.log('first page of 100k: heap', fastMs.toFixed(1), 'ms; full sort', slowMs.toFixed(1), 'ms')
    expect(fastMs * 3).toBeLessThan(slowMs)
  })
})

// ---------------------------------------------------------------------------------------------------
// Through the engine: index plans and the _id walk

const COLLECTIONS: Record<string, CollectionDef> = {
  things: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'path_k', keys: { path: 1, k: 1 } },
      { name: 'owner', keys: { owner: 1 } },
      { name: 'escalated_to', keys: { to: 1, k: 1 } },
      { name: 'u_unique', keys: { u: 1 }, unique: true },
    ],
  },
  plain: { permission: 'ADMINONLY' },
}

let dir: string
let engine: Engine
let db: LocalDb

beforeEach(() => {
  dir = makeTempDir('sorted')
  engine = new Engine({ dir, envId: 'test', collections: COLLECTIONS })
  db = new LocalDb(engine)
})

afterEach(() => {
  engine.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const pathValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constantFrom('r', 'x', 'y'),
  fc.uniqueArray(fc.constantFrom('r', 'x', 'y', 'z'), { maxLength: 3 }),
  fc.constant(['r', null]),
  fc.constant([['r']]),
  fc.constant([{ a: 'r' }]),
  fc.constant({ a: 'r' }),
  fc.constant([1, 'r']),
)
const thing = rec({
  path: pathValue,
  k: fc.constantFrom(undefined, 1, 2, 'open'),
  owner: fc.constantFrom(undefined, 'o1', 'o2'),
  to: fc.constantFrom(undefined, null, 'r', 'x'),
  n: fc.integer({ min: 0, max: 5 }),
})
const scalar = fc.constantFrom<unknown>('r', 'x', 'y', 'z', null, 1, 2, 'open', 'o1')
const simpleCond = fc.oneof(
  rec({ path: scalar }),
  rec({ path: rec({ $in: fc.array(scalar, { minLength: 1, maxLength: 3 }) }) }),
  rec({ path: scalar, k: scalar }),
  rec({ owner: scalar }),
  rec({ to: scalar }),
  rec({ n: rec({ $gte: fc.integer({ min: 0, max: 5 }) }) }),
)
const queryArb: fc.Arbitrary<Doc> = fc.oneof(
  simpleCond,
  fc.array(simpleCond, { minLength: 1, maxLength: 3 }).map(branches => ({ $or: branches })),
  fc.tuple(simpleCond, fc.array(simpleCond, { minLength: 1, maxLength: 3 })).map(([c, branches]) => ({ $and: [c, { $or: branches }] })),
  fc.tuple(simpleCond, fc.array(simpleCond, { minLength: 1, maxLength: 2 })).map(([c, branches]) => ({ ...c, $or: [...branches, { $or: branches }] })),
)

function insertAll(raw: Array<Record<string, unknown>>): Doc[] {
  const docs = raw.map((r, i) => {
    const d: Doc = { _id: `t${String(i).padStart(3, '0')}`, i, u: i }
    for (const [k, v] of Object.entries(r)) if (v !== undefined) d[k] = v
    return d
  })
  if (docs.length) db.insert('things', docs)
  return docs
}

describe('index plans: multikey equality and $or', () => {
  test('find() returns exactly the documents a full scan with mingo returns', () => {
    fc.assert(
      fc.property(fc.array(thing, { maxLength: 40 }), fc.array(queryArb, { minLength: 1, maxLength: 5 }), fc.nat({ max: 10 }), (raw, queries, churn) => {
        engine.clearCollection('things')
        insertAll(raw)
        // some updates and deletes, so the index sets and the collection order differ from insertion
        const all = db.find('things', {})
        for (let j = 0; j < Math.min(churn, all.length); j++) {
          const d = all[(j * 7) % all.length]
          if (j % 3 === 0) db.remove('things', { _id: d._id })
          else db.update('things', { _id: d._id }, { $set: { path: j % 2 ? ['y', 'r'] : 'x', n: j } })
        }
        const everything = engine.all('things')
        for (const query of queries) {
          const expected = everything.filter(matches(query)).map(d => d._id).sort()
          expect(db.find('things', query).map(d => d._id).sort()).toEqual(expected)
        }
      }),
      { numRuns: runs(300) },
    )
  })

  test('an $or plan returns the documents in the order a scan would', () => {
    insertAll(Array.from({ length: 200 }, (_, i) => ({ path: i % 2 ? ['r', 'x'] : 'y', owner: i % 5 ? 'o1' : 'o2', to: i % 7 ? null : 'r', k: i % 3 })))
    for (let i = 0; i < 200; i += 9) db.update('things', { _id: `t${String(i).padStart(3, '0')}` }, { $set: { owner: 'o2' } })
    const query = { $or: [{ owner: 'o2' }, { to: 'r' }] }
    const expected = engine.all('things').filter(matches(query)).map(d => d._id)
    expect(db.find('things', query).map(d => d._id)).toEqual(expected)
  })

  test('an equality on an array field reads its index, and $or reads the union of its branches', () => {
    insertAll(Array.from({ length: 5000 }, (_, i) => ({ path: i % 100 === 0 ? ['r', 'x'] : ['r', 'y'], owner: `o${i % 50}`, to: i % 1000 === 0 ? 'x' : null, k: 'open' })))
    expect(engine.candidates('things', { path: 'x' })).toHaveLength(50)
    expect(engine.candidates('things', { path: 'x', k: 'open' })).toHaveLength(50)
    expect(engine.candidates('things', { k: 'open', $or: [{ owner: 'o7' }, { to: 'x' }] })).toHaveLength(100 + 5)
    expect(engine.candidates('things', { $and: [{ k: 'open' }, { $or: [{ owner: 'o7' }, { path: 'x' }] }] })).toHaveLength(100 + 50)
    // a branch without an index: no plan, a scan
    expect(engine.candidates('things', { $or: [{ owner: 'o7' }, { n: 1 }] })).toHaveLength(5000)
  })
})

describe('orderBy(_id) pages: the sorted id walk', () => {
  const idArb = fc.oneof(fc.stringMatching(/^[0-9a-f]{1,4}$/), fc.constantFrom('', 'Z', 'a', '张三', 'a\u0000'))
  const boundOp = fc.constantFrom('$gt', '$gte', '$lt', '$lte')

  test('equals sorting every match by _id, with bounds, other conditions, skip, desc, and writes between pages', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(idArb, { minLength: 0, maxLength: 150 }),
        fc.array(
          rec({
            bounds: fc.array(fc.tuple(boundOp, idArb), { maxLength: 2 }),
            n: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
            dir: fc.constantFrom(1, -1),
            skip: fc.nat({ max: 5 }),
            limit: fc.integer({ min: 1, max: 30 }),
            wrapped: fc.boolean(),
            write: fc.constantFrom('none', 'insert', 'delete', 'numeric-id'),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (ids, pages) => {
          engine.clearCollection('plain')
          if (ids.length) db.insert('plain', ids.map((id, i) => ({ _id: id, n: i % 4 })))
          let extra = 0
          for (const p of pages) {
            const cond: Doc = {}
            for (const [op, v] of p.bounds) cond[op] = v
            const parts: Doc[] = []
            if (p.bounds.length) parts.push({ _id: cond })
            if (p.n !== undefined) parts.push({ n: p.n })
            const query: Doc = p.wrapped ? { $and: [{}, ...parts] } : Object.assign({}, ...parts)
            const order = { _id: p.dir }
            const expected = mingoSort(engine.all('plain').filter(matches(query)), order)
              .slice(p.skip, p.skip + p.limit)
              .map(d => d._id)
            expect(db.find('plain', query, { sort: order, skip: p.skip, limit: p.limit }).map(d => d._id)).toEqual(expected)
            if (p.write === 'insert') db.insert('plain', { _id: `new${extra++}`, n: 1 })
            if (p.write === 'delete' && ids.length) db.remove('plain', { _id: ids[extra++ % ids.length] })
            if (p.write === 'numeric-id') db.insert('plain', { _id: 1000 + extra++, n: 2 })
          }
        },
      ),
      { numRuns: runs(300) },
    )
  })

  test('paging 20 000 documents by _id 1 000 at a time reads each page without sorting them all', () => {
    const N = 20_000
    for (let b = 0; b < N / 1000; b++) db.insert('plain', Array.from({ length: 1000 }, (_, j) => ({ _id: `v${((b * 1000 + j) * 7919) % N}`.padEnd(8, 'x'), n: j % 4 })))
    const t = performance.now()
    let last: string | null = null
    let seen = 0
    for (;;) {
      const where: Doc = last === null ? {} : { $and: [{}, { _id: { $gt: last } }] }
      const docs = db.find('plain', where, { sort: { _id: 1 }, limit: 1000 })
      if (docs.length === 0) break
      seen += docs.length
      last = docs[docs.length - 1]._id as string
      if (docs.length < 1000) break
    }
    const ms = performance.now() - t
    if (process.env.EMULATOR_PERF_LOG) console.log('20k docs paged by _id:', ms.toFixed(1), 'ms')
    expect(seen).toBe(N)
    expect(ms).toBeLessThan(2000)
  })
})

describe('simple queries: the predicate without mingo', () => {
  const value = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.constantFrom('a', 'b', '', 'A', '2026-01-01', '9999-12-31'),
    fc.constantFrom(0, -0, 1, 2, 2.5, Number.NaN, Infinity),
    fc.boolean(),
    fc.constantFrom(...DAYS).map(x => new Date(x.getTime())),
    fc.constant(new Date(Number.NaN)),
    fc.constantFrom<unknown>(['a', 'b'], [1, 2], [['a']], [null], [], [[1, 'b']], { a: 1 }, [{ a: 'a' }], [true]),
  )
  const qValue = fc.oneof(fc.constantFrom<unknown>('a', 'b', '', 1, 2, 2.5, 0, true, false), fc.constantFrom(...DAYS).map(x => new Date(x.getTime())))
  const field = fc.constantFrom('f', 'g', 'h')
  const cond: fc.Arbitrary<unknown> = fc.oneof(
    qValue,
    qValue.map(v => ({ $eq: v })),
    fc.array(qValue, { minLength: 1, maxLength: 3 }).map(vs => ({ $in: vs })),
    fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte'), qValue).map(([op, v]) => ({ [op]: v })),
    fc.tuple(qValue, qValue).map(([lo, hi]) => ({ $gte: lo, $lt: hi })),
  )
  const leaf = fc.tuple(field, cond).map(([f, c]) => ({ [f]: c }) as Doc)
  const queryOf: fc.Arbitrary<Doc> = fc.letrec<{ q: Doc }>(tie => ({
    q: fc.oneof(
      { depthSize: 'small' },
      leaf,
      fc.tuple(leaf, leaf).map(([a, b]) => ({ ...a, ...b })),
      fc.array(tie('q'), { minLength: 1, maxLength: 3 }).map(qs => ({ $and: qs })),
      fc.array(tie('q'), { minLength: 1, maxLength: 3 }).map(qs => ({ $or: qs })),
      fc.tuple(leaf, fc.array(tie('q'), { minLength: 1, maxLength: 2 })).map(([a, qs]) => ({ ...a, $or: qs })),
    ),
  })).q

  test('gives mingo’s answer on every document', () => {
    fc.assert(
      fc.property(queryOf, fc.array(rec({ f: value, g: value, h: value }), { minLength: 1, maxLength: 20 }), (query, raw) => {
        const fast = compileSimple(query)
        expect(fast).toBeDefined()
        const q = matches(query)
        for (const r of raw) {
          const doc: Doc = {}
          for (const [k, v] of Object.entries(r)) if (v !== undefined) doc[k] = v
          let expected: boolean | 'throws'
          try {
            expected = q(doc)
          } catch {
            // mingo's $in hashes an invalid Date and fails: so does the predicate
            expected = 'throws'
          }
          if (expected === 'throws') expect(() => fast!(doc)).toThrow()
          else expect([doc, fast!(doc)]).toEqual([doc, expected])
        }
      }),
      { numRuns: runs(1000) },
    )
  })

  test('leaves everything else to mingo', () => {
    for (const q of [{ 'a.b': 1 }, { a: /x/ }, { a: { $ne: 1 } }, { a: { x: 1 } }, { a: null }, { a: { $in: [] } }, { $or: [] }, { $nor: [{ a: 1 }] }, { a: { $exists: true } }, { a: { $eq: null } }]) {
      expect(compileSimple(q as Doc)).toBeUndefined()
    }
    // and compileFilter still refuses what mingo refuses
    expect(() => compileFilter({ a: { $bogus: 1 } })).toThrow()
  })
})
