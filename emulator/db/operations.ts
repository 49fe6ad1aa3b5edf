/**
 * Database operations written once against a View: the committed state (CommittedView, whose writes
 * are committed together at the end of the operation) or a transaction (TxView in ./transactions).
 */
import { randomBytes } from 'crypto'
import type { UpdateExpression } from 'mingo/updater'
import { update as mingoUpdate } from 'mingo/updater'
import { resolve, setValue } from 'mingo/util'
import { cloneValue, encodeEJSON, isPlainObject, type Doc } from '../ejson'
import { CloudBaseError, invalidParam } from '../errors'
import type { Engine, Mutation } from './engine'
import { pointOf, withinNear } from './geo'
import { equalityConstraints, valueKey } from './indexes'
import { compileFilter, guard, mingoOptions, page, project, runPipeline } from './query'

export interface View {
  readonly engine: Engine
  /** visible documents that may match `query` (a superset; callers filter) */
  scan(coll: string, query: Doc): Doc[]
  get(coll: string, idKey: string): Doc | undefined
  /** the operation depends on this document (transactions validate it at commit) */
  noteRead(coll: string, idKey: string): void
  /** the operation updated this document, even if to identical content (a transaction validates it as a write) */
  noteWrite(coll: string, idKey: string): void
  put(coll: string, idKey: string, doc: Doc | null): void
  /** the first `need` matches in `_id` order off a sorted id list, when that beats sorting candidates (Engine.firstInIdOrder) */
  firstInIdOrder?(coll: string, query: Doc, test: (doc: Doc) => boolean, desc: boolean, need: number): Doc[] | undefined
}

export class CommittedView implements View {
  readonly engine: Engine
  private readonly pending: Mutation[] = []

  constructor(engine: Engine) {
    this.engine = engine
  }

  scan(coll: string, query: Doc): Doc[] {
    return this.engine.candidates(coll, query)
  }

  firstInIdOrder(coll: string, query: Doc, test: (doc: Doc) => boolean, desc: boolean, need: number): Doc[] | undefined {
    return this.engine.firstInIdOrder(coll, query, test, desc, need)
  }

  get(coll: string, idKey: string): Doc | undefined {
    return this.engine.get(coll, idKey)
  }

  noteRead(): void {}

  noteWrite(): void {}

  put(coll: string, idKey: string, doc: Doc | null): void {
    this.pending.push({ coll, idKey, doc })
  }

  flush(): void {
    this.engine.commit(this.pending.splice(0))
  }
}

/** Runs `op` against the committed state and commits its writes atomically. */
export function committed<T>(engine: Engine, op: (view: View) => T): T {
  const view = new CommittedView(engine)
  const result = op(view)
  view.flush()
  return result
}

export function newDocId(): string {
  return randomBytes(16).toString('hex')
}

export function idKeyOf(doc: Doc): string {
  return valueKey(doc._id)
}

function duplicateId(engine: Engine, coll: string): CloudBaseError {
  return new CloudBaseError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error collection: ${engine.envId}.${coll} index: _id_ dup key: { _id: … }`)
}

function requireGeoIndex(engine: Engine, coll: string, field: string | undefined): string {
  const geo = engine.geoFields(coll)
  if (field !== undefined) {
    if (!geo.includes(field)) {
      throw new CloudBaseError('DATABASE_REQUEST_FAILED', `unable to find a 2dsphere index on '${field}' for the geoNear query on collection ${coll}; declare one in the manifest`)
    }
    return field
  }
  if (geo.length === 0) throw new CloudBaseError('DATABASE_REQUEST_FAILED', `$geoNear requires a 2dsphere index on collection ${coll}, but none were found`)
  if (geo.length > 1) throw new CloudBaseError('DATABASE_REQUEST_FAILED', `collection ${coll} has more than one 2dsphere index; give $geoNear a 'key'`)
  return geo[0]
}

export interface FindOptions {
  order?: Doc
  skip?: number
  limit?: number
  projection?: Doc
}

/** Matching documents in result order, before projection. They are the engine's objects: do not mutate. */
function matchDocs(view: View, coll: string, query: Doc, opts: FindOptions): Doc[] {
  const filter = compileFilter(query)
  if (filter.near) requireGeoIndex(view.engine, coll, filter.near.field)
  const hasOrder = !!opts.order && Object.keys(opts.order).length > 0
  // ordered by _id first (unique, so later keys never matter) with a limit: walk the ids in order
  const byId = hasOrder && !filter.near && opts.limit !== undefined && Object.keys(opts.order!)[0] === '_id'
  const walked = byId ? guard('bad query', () => view.firstInIdOrder?.(coll, query, d => filter.test(d), opts.order!._id === -1, (opts.skip ?? 0) + opts.limit!)) : undefined
  let docs: Doc[]
  if (walked) docs = walked.slice(opts.skip ?? 0)
  else {
    docs = guard('bad query', () => view.scan(coll, query).filter(d => filter.test(d)))
    if (filter.near) {
      const near = filter.near
      if (!hasOrder) {
        const dist = new Map<Doc, number>()
        for (const d of docs) dist.set(d, withinNear(near.spec, resolve(d, near.field)) ?? Infinity)
        docs = [...docs].sort((a, b) => dist.get(a)! - dist.get(b)!)
      }
    }
    docs = page(docs, { order: hasOrder ? opts.order : undefined, skip: opts.skip, limit: opts.limit })
  }
  for (const d of docs) view.noteRead(coll, idKeyOf(d))
  // a lookup by _id also depends on the ids it did not find (someone may insert them)
  for (const idKey of equalityConstraints(query).get('_id') ?? []) view.noteRead(coll, idKey)
  return docs
}

export function find(view: View, coll: string, query: Doc, opts: FindOptions = {}): Doc[] {
  return project(matchDocs(view, coll, query, opts), opts.projection)
}

export function count(view: View, coll: string, query: Doc): number {
  return matchDocs(view, coll, query, {}).length
}

function checkFieldNames(doc: Doc): void {
  for (const k of Object.keys(doc)) {
    if (k.startsWith('$')) throw invalidParam(`field names may not start with '$' (got '${k}')`)
  }
}

function checkId(id: unknown): void {
  if (Array.isArray(id) || id instanceof RegExp || id === null) throw invalidParam('_id may not be an array, a regular expression or null')
}

export function insert(view: View, coll: string, docs: unknown[]): unknown[] {
  if (docs.length === 0) throw invalidParam('nothing to insert')
  const batch = new Set<string>()
  return docs.map(raw => {
    if (!isPlainObject(raw)) throw invalidParam('every inserted document must be an object')
    checkFieldNames(raw)
    const doc: Doc = raw._id === undefined ? { _id: newDocId(), ...cloneValue(raw) } : cloneValue(raw)
    checkId(doc._id)
    const k = idKeyOf(doc)
    if (batch.has(k) || view.get(coll, k)) throw duplicateId(view.engine, coll)
    batch.add(k)
    view.put(coll, k, doc)
    return doc._id
  })
}

const UPDATE_OPERATORS = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max', '$push', '$pull', '$pullAll', '$pop', '$addToSet', '$rename', '$currentDate', '$bit'])

function touchesId(path: string): boolean {
  return path === '_id' || path.startsWith('_id.')
}

/** Applies MongoDB update operators to `doc` in place (through mingo), with the checks mingo skips. */
export function applyUpdate(doc: Doc, ops: Doc): void {
  for (const [op, args] of Object.entries(ops)) {
    if (!UPDATE_OPERATORS.has(op)) throw new CloudBaseError('DATABASE_INVALID_OPERRATOR', `unknown update operator ${op}`)
    if (!isPlainObject(args)) throw invalidParam(`${op} needs an object of field paths`)
    for (const [path, value] of Object.entries(args)) {
      if (touchesId(path) || (op === '$rename' && typeof value === 'string' && touchesId(value))) {
        throw new CloudBaseError('DATABASE_REQUEST_FAILED', `Performing an update on the path '_id' would modify the immutable field '_id'`)
      }
      if (op === '$inc' || op === '$mul') {
        if (typeof value !== 'number') throw new CloudBaseError('DATABASE_REQUEST_FAILED', `Cannot ${op} with a non-numeric argument at '${path}'`)
        const current = resolve(doc, path)
        if (current !== undefined && current !== null && typeof current !== 'number') {
          throw new CloudBaseError('DATABASE_REQUEST_FAILED', `Cannot apply ${op} to a value of non-numeric type at '${path}'`)
        }
      }
    }
    guard(`${op} failed`, () => mingoUpdate(doc, { [op]: cloneValue(args) } as unknown as UpdateExpression, [], {}, { cloneMode: 'none', queryOptions: mingoOptions() }))
  }
}

/** The equality fields of a query, as the starting document of an upsert. */
function seedFromQuery(query: Doc): Doc {
  const base: Doc = {}
  const visit = (q: Doc): void => {
    for (const [field, cond] of Object.entries(q)) {
      if (field === '$and' && Array.isArray(cond)) cond.filter(isPlainObject).forEach(visit)
      if (field.startsWith('$')) continue
      if (isPlainObject(cond)) {
        const keys = Object.keys(cond)
        if (keys.length === 1 && keys[0] === '$eq') setValue(base, field, cloneValue(cond.$eq))
        else if (!keys.some(k => k.startsWith('$'))) setValue(base, field, cloneValue(cond))
      } else if (!(cond instanceof RegExp)) setValue(base, field, cloneValue(cond))
    }
  }
  visit(query)
  return base
}

export interface ModifyOptions {
  multi: boolean
  /** true: `data` holds update operators (plain fields mean $set); false: `data` replaces the document */
  merge: boolean
  upsert: boolean
}

export interface ModifyResult {
  /** documents actually changed (MongoDB's nModified) */
  updated: number
  matched: number
  upsertedId?: unknown
  /** the last document written (for modifyAndReturnDoc) */
  doc?: Doc
}

function splitUpdate(data: Doc, merge: boolean): { ops?: Doc; replacement?: Doc } {
  const keys = Object.keys(data)
  const opKeys = keys.filter(k => k.startsWith('$'))
  if (merge) {
    if (keys.length === 0) throw invalidParam('update data is empty')
    if (opKeys.length === 0) return { ops: { $set: data } }
    if (opKeys.length !== keys.length) throw invalidParam('update data mixes operators and plain fields')
    return { ops: data }
  }
  if (opKeys.length > 0) throw invalidParam('a replacement document (set) may not contain update operators')
  return { replacement: data }
}

export function modify(view: View, coll: string, query: Doc, data: Doc, opts: ModifyOptions): ModifyResult {
  const { ops, replacement } = splitUpdate(data, opts.merge)
  const matches = matchDocs(view, coll, query, { limit: opts.multi ? undefined : 1 })
  const result: ModifyResult = { updated: 0, matched: matches.length }
  for (const old of matches) {
    let next: Doc
    if (ops) {
      next = cloneValue(old)
      applyUpdate(next, ops)
    } else {
      const rest = cloneValue(replacement!)
      if (rest._id !== undefined && valueKey(rest._id) !== idKeyOf(old)) {
        throw new CloudBaseError('DATABASE_REQUEST_FAILED', `the _id field cannot be changed by a replacement`)
      }
      delete rest._id
      checkFieldNames(rest)
      next = { _id: old._id, ...rest }
    }
    if (valueKey(next._id) !== idKeyOf(old)) {
      throw new CloudBaseError('DATABASE_REQUEST_FAILED', `Performing an update on the path '_id' would modify the immutable field '_id'`)
    }
    result.doc = next
    if (encodeEJSON(next) !== encodeEJSON(old)) {
      view.put(coll, idKeyOf(old), next)
      result.updated++
    } else {
      // in a transaction, "set n to what it already is" still depends on the n it read
      view.noteWrite(coll, idKeyOf(old))
    }
  }
  if (matches.length === 0 && opts.upsert) {
    let doc: Doc
    if (ops) {
      doc = seedFromQuery(query)
      applyUpdate(doc, ops)
    } else {
      doc = cloneValue(replacement!)
      checkFieldNames(doc)
      const seededId = seedFromQuery(query)._id
      if (doc._id === undefined && seededId !== undefined) doc._id = seededId
    }
    if (doc._id === undefined) doc = { _id: newDocId(), ...doc }
    else doc = { _id: doc._id, ...doc }
    checkId(doc._id)
    const k = idKeyOf(doc)
    if (view.get(coll, k)) throw duplicateId(view.engine, coll)
    view.put(coll, k, doc)
    result.upsertedId = doc._id
    result.doc = doc
  }
  return result
}

export function remove(view: View, coll: string, query: Doc, multi: boolean): number {
  const matches = matchDocs(view, coll, query, { limit: multi ? undefined : 1 })
  for (const d of matches) view.put(coll, idKeyOf(d), null)
  return matches.length
}

/** The `$geoNear` stage: distance-sorted documents with the distance (in metres) set on `distanceField`. */
function geoNearStage(engine: Engine, coll: string, spec: unknown): Doc[] {
  if (!isPlainObject(spec)) throw invalidParam('$geoNear needs an object')
  const center = pointOf(spec.near)
  if (!center) throw invalidParam('$geoNear.near must be a GeoJSON Point')
  if (typeof spec.distanceField !== 'string' || spec.distanceField === '') throw invalidParam('$geoNear.distanceField is required')
  const distanceField = spec.distanceField
  const key = requireGeoIndex(engine, coll, typeof spec.key === 'string' ? spec.key : undefined)
  const num = (v: unknown, name: string): number | undefined => {
    if (v === undefined || v === null) return undefined
    if (typeof v !== 'number' || v < 0) throw invalidParam(`$geoNear.${name} must be a non-negative number`)
    return v
  }
  const near = { center, maxDistance: num(spec.maxDistance, 'maxDistance'), minDistance: num(spec.minDistance, 'minDistance') }
  const multiplier = num(spec.distanceMultiplier, 'distanceMultiplier') ?? 1
  const query = spec.query === undefined ? {} : spec.query
  if (!isPlainObject(query)) throw invalidParam('$geoNear.query must be an object')
  const filter = compileFilter(query)
  const hits: Array<{ doc: Doc; d: number }> = []
  for (const doc of engine.candidates(coll, query)) {
    if (!filter.test(doc)) continue
    const location = resolve(doc, key)
    const d = withinNear(near, location)
    if (d === undefined) continue
    const out = cloneValue(doc)
    setValue(out, distanceField, d * multiplier)
    if (typeof spec.includeLocs === 'string') setValue(out, spec.includeLocs, cloneValue(location))
    hits.push({ doc: out, d })
  }
  return hits.sort((a, b) => a.d - b.d).map(h => h.doc)
}

export function aggregate(engine: Engine, coll: string, pipeline: Doc[]): Doc[] {
  pipeline.forEach((stage, i) => {
    const keys = Object.keys(stage)
    if (keys.length !== 1 || !keys[0].startsWith('$')) throw invalidParam(`pipeline stage ${i} must have exactly one $-operator`)
    if (keys[0] === '$geoNear' && i > 0) throw new CloudBaseError('DATABASE_REQUEST_FAILED', '$geoNear is only valid as the first stage in a pipeline')
    if (keys[0] === '$out' || keys[0] === '$merge') throw new CloudBaseError('DATABASE_INVALID_OPERRATOR', `${keys[0]} is not supported`)
  })
  let docs: Doc[]
  let rest = pipeline
  const first = pipeline[0]
  if (first && first.$geoNear !== undefined) {
    docs = geoNearStage(engine, coll, first.$geoNear)
    rest = pipeline.slice(1)
  } else if (first && isPlainObject(first.$match)) {
    docs = engine.candidates(coll, first.$match)
  } else {
    docs = engine.all(coll)
  }
  const resolveCollection = (name: string): Doc[] => {
    engine.assertCollection(name)
    return engine.all(name)
  }
  return runPipeline(docs, rest, resolveCollection)
}
