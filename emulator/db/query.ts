/**
 * mingo wiring: one operator Context (all query, projection, expression, accumulator, window and
 * read-only pipeline operators, plus the geo query operators from ./geo), strict MongoDB mode, and no
 * script operators ($where / $function / $accumulator are refused: queries come from the network).
 */
import { Aggregator } from 'mingo/aggregator'
import { ComputeOptions, Context, initOptions, ProcessingMode, type Options, type QueryOperator } from 'mingo/core'
import * as accumulatorOps from 'mingo/operators/accumulator'
import * as expressionOps from 'mingo/operators/expression'
import * as pipelineModule from 'mingo/operators/pipeline'
import * as projectionOps from 'mingo/operators/projection'
import * as queryOps from 'mingo/operators/query'
import * as windowOps from 'mingo/operators/window'
import { Query } from 'mingo/query'
import * as mingoUtil from 'mingo/util'
import { resolve } from 'mingo/util'
import type { Doc } from '../ejson'
import { isPlainObject } from '../ejson'
import { CloudBaseError } from '../errors'
import { valueKey } from './indexes'
import { geoIntersectsPredicate, geoWithinPredicate, parseNearSphere, withinNear, type NearSpec } from './geo'

const geoQueryOps: Record<string, QueryOperator> = {
  $geoWithin: (selector, value) => {
    const test = geoWithinPredicate(value)
    return obj => test(resolve(obj, selector))
  },
  $geoIntersects: (selector, value) => {
    const test = geoIntersectsPredicate(value)
    return obj => test(resolve(obj, selector))
  },
  $nearSphere: (selector, value) => {
    const spec = parseNearSphere(value)
    return obj => withinNear(spec, resolve(obj, selector)) !== undefined
  },
}

// $out and $merge would write into the arrays handed to mingo, bypassing the engine.
const { $out: _out, $merge: _merge, ...readOnlyPipelineOps } = pipelineModule
void _out
void _merge

const CONTEXT = Context.init({
  query: { ...queryOps, ...geoQueryOps },
  projection: { ...projectionOps },
  expression: { ...expressionOps },
  accumulator: { ...accumulatorOps },
  window: { ...windowOps },
  pipeline: { ...readOnlyPipelineOps },
})

const BASE_OPTIONS: Partial<Options> = {
  context: CONTEXT,
  useGlobalContext: false,
  useStrictMode: true,
  scriptEnabled: false,
  processingMode: ProcessingMode.CLONE_OFF,
}
const DEFAULT_OPTIONS = initOptions(BASE_OPTIONS)
/**
 * The same options, wrapped so that `new Query()` takes them as they are: given plain options it copies
 * every operator table of the context first (some 60 µs per query, most of a lookup by _id).
 */
const QUERY_OPTIONS = ComputeOptions.init(DEFAULT_OPTIONS)

export function mingoOptions(extra?: Partial<Options>): Options {
  return extra ? initOptions({ ...BASE_OPTIONS, ...extra }) : DEFAULT_OPTIONS
}

function asCloudBaseError(e: unknown, what: string): CloudBaseError {
  if (e instanceof CloudBaseError) return e
  const message = e instanceof Error ? e.message : String(e)
  const code = /unknown (top level |query |pipeline )?operator|not supported|Invalid (pipeline )?operator/i.test(message)
    ? 'DATABASE_INVALID_OPERRATOR'
    : 'DATABASE_REQUEST_FAILED'
  return new CloudBaseError(code, `${what}: ${message}`)
}

export function guard<T>(what: string, f: () => T): T {
  try {
    return f()
  } catch (e) {
    throw asCloudBaseError(e, what)
  }
}

export interface CompiledFilter {
  test(doc: Doc): boolean
  /** a top-level `field: { $nearSphere }` condition, which also orders the result by distance */
  near?: { field: string; spec: NearSpec }
}

const ID_SCALAR = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date

export function compileFilter(query: Doc): CompiledFilter {
  // `{ _id: value }` (doc(id).get(), every read in a transaction): for these scalars, equal index keys are
  // what mingo's equality calls equal, so the key comparison is the whole test
  const keys = Object.keys(query)
  if (keys.length === 1 && keys[0] === '_id' && ID_SCALAR(query._id)) {
    const key = valueKey(query._id)
    return { test: (doc: Doc) => valueKey(doc._id) === key }
  }
  const fast = compileSimple(query)
  if (fast) return { test: fast }
  return guard('bad query', () => {
    const q = new Query(query, QUERY_OPTIONS as unknown as Options)
    let near: CompiledFilter['near']
    for (const [field, cond] of Object.entries(query)) {
      if (!field.startsWith('$') && isPlainObject(cond) && cond.$nearSphere !== undefined) {
        if (near) throw new Error('only one $nearSphere (geoNear) condition is allowed')
        near = { field, spec: parseNearSphere(cond.$nearSphere) }
      }
    }
    return { test: (doc: Doc) => q.test(doc), near }
  })
}

// ---------------------------------------------------------------------------------------------------
// Simple queries without mingo's per-document overhead (a path resolve with a regular expression and an
// options object per condition): equalities, $in and ranges on top-level fields, under $and / $or.
// Each predicate is mingo's own (operators/_predicates.ts $eq, $in, $gt … with depth 1), written over
// mingo's util functions, so a document matches exactly when mingo says it does; anything else (dotted
// paths, regular expressions, objects, other operators) is left to mingo.

type Predicate = (doc: Doc) => boolean
// read once: a bundled namespace import is a getter call per use
const { compare, ensureArray, flatten, isEqual, isNil, typeOf } = mingoUtil

const isSimpleValue = (v: unknown): boolean =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (v instanceof Date && !Number.isNaN(v.getTime()))
const RANGE: Record<string, (c: number) => boolean> = { $gt: c => c > 0, $gte: c => c >= 0, $lt: c => c < 0, $lte: c => c <= 0 }

/** mingo's $eq on a resolved top-level value. */
function eqValue(a: unknown, b: unknown): boolean {
  if (a === b || isEqual(a, b)) return true
  if (isNil(a) && isNil(b)) return true
  if (Array.isArray(a)) return a.some(v => isEqual(v, b)) || flatten(a, 1).some(v => isEqual(v, b))
  return false
}

/** mingo's $in on a non-nil value: its intersection hashes each value, which fails on an invalid Date. */
function inValues(xs: unknown[], b: unknown[]): boolean {
  for (const x of xs) if (x instanceof Date && Number.isNaN(x.getTime())) throw new RangeError('Invalid time value')
  return xs.some(x => b.some(v => isEqual(x, v)))
}

function fieldPredicate(field: string, cond: unknown): Predicate | undefined {
  if (field === '' || field.startsWith('$') || field.includes('.') || /^\d+$/.test(field)) return undefined
  if (isSimpleValue(cond)) return doc => eqValue(doc[field], cond)
  if (!isPlainObject(cond)) return undefined
  const ops = Object.entries(cond)
  if (ops.length === 0) return undefined
  const tests: Array<(a: unknown) => boolean> = []
  for (const [op, b] of ops) {
    if (op === '$eq' && isSimpleValue(b)) tests.push(a => eqValue(a, b))
    else if (op === '$in' && Array.isArray(b) && b.length > 0 && b.every(isSimpleValue)) tests.push(a => !isNil(a) && inValues(ensureArray(a), b))
    else if (RANGE[op] && isSimpleValue(b)) {
      const t = typeOf(b)
      const ok = RANGE[op]
      tests.push(a => ensureArray(a).some(x => typeOf(x) === t && ok(compare(x, b))))
    } else return undefined
  }
  return tests.length === 1 ? doc => tests[0](doc[field]) : doc => tests.every(t => t(doc[field]))
}

/** A predicate equal to mingo's for a simple query, or undefined. */
export function compileSimple(query: Doc): Predicate | undefined {
  const parts: Predicate[] = []
  for (const [key, cond] of Object.entries(query)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(cond) || cond.length === 0 || !cond.every(isPlainObject)) return undefined
      const subs = cond.map(c => compileSimple(c))
      if (subs.some(p => !p)) return undefined
      const ps = subs as Predicate[]
      parts.push(key === '$and' ? doc => ps.every(p => p(doc)) : doc => ps.some(p => p(doc)))
    } else {
      const p = fieldPredicate(key, cond)
      if (!p) return undefined
      parts.push(p)
    }
  }
  return parts.length === 1 ? parts[0] : doc => parts.every(p => p(doc))
}

export interface PageOptions {
  order?: Doc
  skip?: number
  limit?: number
}

/**
 * Orders (by `order`, else keeps the given order), then skips and limits. A small page of many
 * documents (skip + limit below their number) is selected with a bounded heap and only that page is
 * sorted (`topByOrder`); the result is the same as sorting everything as mingo does.
 */
export function page(docs: Doc[], opts: PageOptions): Doc[] {
  let sorted = docs
  const start = opts.skip ?? 0
  if (opts.order && Object.keys(opts.order).length > 0) {
    const order = opts.order
    if (opts.limit !== undefined && start + opts.limit < docs.length) {
      const top = topByOrder(docs, order, start + opts.limit)
      if (top) return top.slice(start)
    }
    sorted = guard('bad order', () => new Query({}, QUERY_OPTIONS as unknown as Options).find<Doc>(docs).sort(order).all())
  }
  return sorted.slice(start, opts.limit === undefined ? undefined : start + opts.limit)
}

// ---------------------------------------------------------------------------------------------------
// The first k documents in sort order without sorting them all.
//
// mingo's $sort (what `page` otherwise runs) sorts by each key from the last to the first, each pass
// stable: groups of equal values (missing = null) ordered by mingo's `compare` — by type first (null <
// number < string < boolean < date), then by value — and reversed for -1. That is the lexicographic
// order of the keys with ties kept in input order, as long as `compare` is a consistent order on the
// values met. It is for null, finite-or-infinite numbers, strings, booleans and valid Dates; arrays,
// objects, NaN and invalid Dates compare inconsistently in mingo (a < b and b < a), so any of those
// sends the page back to mingo's own sort.

const TYPE_RANK = { null: 2, number: 3, string: 4, boolean: 9, date: 10 } as const

type SortValue = null | number | string | boolean

const RANK_OF = { string: TYPE_RANK.string, number: TYPE_RANK.number, boolean: TYPE_RANK.boolean } as Record<string, number | undefined>
const scratch: [number, SortValue] = [0, null]

/** A sort key value as [type rank, comparable value] (a shared tuple), or undefined when mingo's order is not consistent for it. */
function sortValue(v: unknown): [number, SortValue] | undefined {
  if (v === undefined || v === null) {
    scratch[0] = TYPE_RANK.null
    scratch[1] = null
    return scratch
  }
  const rank = RANK_OF[typeof v]
  if (rank !== undefined) {
    if (Number.isNaN(v)) return undefined
    scratch[0] = rank
    scratch[1] = v as SortValue
    return scratch
  }
  if (!(v instanceof Date)) return undefined
  const t = v.getTime()
  if (Number.isNaN(t)) return undefined
  scratch[0] = TYPE_RANK.date
  scratch[1] = t
  return scratch
}

interface Keyed {
  ranks: number[]
  values: SortValue[]
  index: number
}

/** The first `k` of `docs` in `order` (k < docs.length), or undefined when a value needs mingo's own sort. */
export function topByOrder(docs: readonly Doc[], order: Doc, k: number): Doc[] | undefined {
  if (k <= 0) return []
  const fields = Object.keys(order)
  const n = fields.length
  const dirs = fields.map(f => (order[f] === -1 ? -1 : 1))
  // mingo's resolve of a plain field name on a document is a property read
  const getters = fields.map(f => (f.includes('.') ? (d: Doc) => resolve(d, f) : (d: Doc) => d[f]))
  const cmp = (a: Keyed, b: Keyed): number => {
    for (let i = 0; i < n; i++) {
      const ra = a.ranks[i]
      const rb = b.ranks[i]
      if (ra !== rb) return (ra - rb) * dirs[i]
      const va = a.values[i] as number | string | boolean
      const vb = b.values[i] as number | string | boolean
      if (va !== vb) return (va < vb ? -1 : 1) * dirs[i]
    }
    return a.index - b.index
  }
  // max-heap of the best k so far: its top is the worst of them
  const heap: Keyed[] = []
  const up = (i: number): void => {
    while (i > 0) {
      const p = (i - 1) >> 1
      if (cmp(heap[i], heap[p]) <= 0) return
      ;[heap[i], heap[p]] = [heap[p], heap[i]]
      i = p
    }
  }
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < heap.length && cmp(heap[l], heap[m]) > 0) m = l
      if (r < heap.length && cmp(heap[r], heap[m]) > 0) m = r
      if (m === i) return
      ;[heap[i], heap[m]] = [heap[m], heap[i]]
      i = m
    }
  }
  // the keys of the document at hand, copied only when it enters the heap
  let item: Keyed = { ranks: new Array<number>(n), values: new Array<SortValue>(n), index: 0 }
  for (let index = 0; index < docs.length; index++) {
    const doc = docs[index]
    for (let i = 0; i < n; i++) {
      const sv = sortValue(getters[i](doc))
      if (!sv) return undefined
      item.ranks[i] = sv[0]
      item.values[i] = sv[1]
    }
    item.index = index
    if (heap.length < k) {
      heap.push(item)
      up(heap.length - 1)
    } else if (cmp(item, heap[0]) < 0) {
      const out = heap[0]
      heap[0] = item
      down(0)
      item = out
      continue
    } else continue
    item = { ranks: new Array<number>(n), values: new Array<SortValue>(n), index: 0 }
  }
  return heap.sort(cmp).map(h => docs[h.index])
}

export function project(docs: Doc[], projection: Doc | undefined): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs
  return guard('bad projection', () => new Query({}, QUERY_OPTIONS as unknown as Options).find<Doc>(docs, projection).all())
}

export function runPipeline(docs: Doc[], pipeline: Doc[], resolveCollection: (name: string) => Doc[]): Doc[] {
  return guard('aggregation failed', () =>
    new Aggregator(pipeline, mingoOptions({ processingMode: ProcessingMode.CLONE_INPUT, collectionResolver: resolveCollection })).run(docs) as Doc[],
  )
}
