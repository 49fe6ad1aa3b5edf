/**
 * The storage engine: collections of documents in memory, equality indexes, per-document versions, and
 * the write-ahead log. Every change goes through `commit()` — one WAL record, unique indexes checked for
 * the whole set first — so a multi-document write or a transaction applies atomically or not at all.
 * Versions are internal (never part of a document): the sequence number of the record that last wrote
 * the document, kept for deleted ids as a tombstone while transactions are open.
 */
import * as fs from 'fs'
import * as path from 'path'
import type { Doc } from '../ejson'
import { CloudBaseError } from '../errors'
import { isPlainObject } from '../ejson'
import { EqualityIndex, equalityConstraints, planCandidates, planDisjunctions, type IndexSpec } from './indexes'
import { WriteAheadLog, type MutationRecord, type SnapshotDoc, type WalRecord } from './wal'

export type Permission = 'ADMINONLY' | 'ADMINWRITE' | 'READONLY' | 'PRIVATE'

export interface CollectionDef {
  permission: Permission
  description?: string
  indexes?: IndexSpec[]
}

export interface Mutation {
  coll: string
  idKey: string
  /** new state of the document, null to delete it */
  doc: Doc | null
}

interface DocRecord {
  doc: Doc
  version: number
  /** insertion order (kept by updates, like the Map's own order) */
  ord: number
}

class CollectionState {
  readonly name: string
  readonly docs = new Map<string, DocRecord>()
  readonly indexes: EqualityIndex[] = []
  readonly geoFields: string[] = []
  readonly tombstones = new Map<string, number>()
  private nextOrd = 0
  /** documents whose `_id` is not a string (the sorted id list below only covers string ids) */
  private nonStringIds = 0
  /** string id keys in `_id` order, built on first use; may hold deleted keys (skipped when read) */
  private sortedIds: string[] | null = null
  /** ids inserted since `sortedIds` was built or merged */
  private pendingIds: string[] = []

  constructor(name: string, def: CollectionDef | undefined) {
    this.name = name
    const byFields = new Map<string, EqualityIndex>()
    for (const spec of def?.indexes ?? []) {
      const entries = Object.entries(spec.keys)
      const geo = entries.filter(([, dir]) => dir === '2dsphere').map(([f]) => f)
      this.geoFields.push(...geo)
      const fields = entries.filter(([, dir]) => dir !== '2dsphere').map(([f]) => f)
      if (fields.length === 0) continue
      const index = new EqualityIndex(spec.name, fields, !!spec.unique)
      this.indexes.push(index)
      byFields.set(fields.join(','), index)
    }
    // the first field of a compound index is worth a lookup map of its own
    for (const index of [...this.indexes]) {
      const first = index.fields[0]
      if (index.fields.length > 1 && !byFields.has(first)) {
        const prefix = new EqualityIndex(`${index.name}(prefix)`, [first], false)
        this.indexes.push(prefix)
        byFields.set(first, prefix)
      }
    }
  }

  get uniqueIndexes(): EqualityIndex[] {
    return this.indexes.filter(i => i.unique)
  }

  put(idKey: string, doc: Doc, version: number): void {
    const old = this.docs.get(idKey)
    if (old) for (const index of this.indexes) index.remove(idKey, old.doc)
    else if (typeof doc._id !== 'string') this.nonStringIds++
    else if (this.sortedIds) this.pendingIds.push(idKey)
    this.docs.set(idKey, { doc, version, ord: old ? old.ord : this.nextOrd++ })
    for (const index of this.indexes) index.add(idKey, doc)
    this.tombstones.delete(idKey)
  }

  delete(idKey: string, version: number, keepTombstone: boolean): void {
    const old = this.docs.get(idKey)
    if (!old) return
    for (const index of this.indexes) index.remove(idKey, old.doc)
    if (typeof old.doc._id !== 'string') this.nonStringIds--
    this.docs.delete(idKey)
    if (keepTombstone) this.tombstones.set(idKey, version)
  }

  clear(version: number, keepTombstones: boolean): void {
    if (keepTombstones) for (const idKey of this.docs.keys()) this.tombstones.set(idKey, version)
    this.docs.clear()
    for (const index of this.indexes) index.clear()
    this.nonStringIds = 0
    this.sortedIds = null
    this.pendingIds = []
  }

  /** Documents of `ids` in the collection's own order (what a scan would return, filtered). */
  inCollectionOrder(ids: ReadonlySet<string>): Doc[] {
    if (ids.size * 8 >= this.docs.size) {
      const out: Doc[] = []
      for (const [k, rec] of this.docs) if (ids.has(k)) out.push(rec.doc)
      return out
    }
    const recs: DocRecord[] = []
    for (const k of ids) {
      const rec = this.docs.get(k)
      if (rec) recs.push(rec)
    }
    return recs.sort((a, b) => a.ord - b.ord).map(r => r.doc)
  }

  /** String id keys in `_id` order (as mingo sorts strings), or null when some `_id` is not a string. */
  idOrder(): readonly string[] | null {
    if (this.nonStringIds > 0) return null
    if (!this.sortedIds) {
      // id keys of strings are 's:' + id: the common prefix keeps the order of the ids
      this.sortedIds = [...this.docs.keys()].sort()
      this.pendingIds = []
    } else if (this.pendingIds.length > 0) {
      const added = this.pendingIds.sort()
      const old = this.sortedIds
      const merged: string[] = []
      const push = (k: string) => {
        if (merged[merged.length - 1] !== k && this.docs.has(k)) merged.push(k)
      }
      let i = 0
      let j = 0
      while (i < old.length || j < added.length) {
        if (j >= added.length || (i < old.length && old[i] <= added[j])) push(old[i++])
        else push(added[j++])
      }
      this.sortedIds = merged
      this.pendingIds = []
    }
    return this.sortedIds
  }
}

/** Bounds a query puts on a string `_id` (top level or inside a top-level `$and`), as id keys. */
function idBounds(query: Doc): { lo?: string; loOpen: boolean; hi?: string; hiOpen: boolean } {
  const b: { lo?: string; loOpen: boolean; hi?: string; hiOpen: boolean } = { loOpen: false, hiOpen: false }
  const visit = (q: Doc): void => {
    for (const [field, cond] of Object.entries(q)) {
      if (field === '$and' && Array.isArray(cond)) for (const sub of cond) if (isPlainObject(sub)) visit(sub)
      if (field !== '_id' || !isPlainObject(cond)) continue
      for (const [op, v] of Object.entries(cond)) {
        if (typeof v !== 'string') continue
        const k = `s:${v}`
        if ((op === '$gt' || op === '$gte') && (b.lo === undefined || k > b.lo || (k === b.lo && op === '$gt'))) {
          b.lo = k
          b.loOpen = op === '$gt'
        }
        if ((op === '$lt' || op === '$lte') && (b.hi === undefined || k < b.hi || (k === b.hi && op === '$lt'))) {
          b.hi = k
          b.hiOpen = op === '$lt'
        }
      }
    }
  }
  visit(query)
  return b
}

/** First index in `sorted` whose key is > k (`after`) or >= k. */
function lowerBound(sorted: readonly string[], k: string, after: boolean): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid] < k || (after && sorted[mid] === k)) lo = mid + 1
    else hi = mid
  }
  return lo
}

export interface EngineOptions {
  dir: string
  envId: string
  collections: Record<string, CollectionDef>
  /** collections the emulator keeps for itself (storage metadata, outbox); not reachable through the API */
  internalCollections?: string[]
  fsync?: boolean
  /** compact the log into a snapshot once it grows past this many bytes (default 64 MiB) */
  compactBytes?: number
}

const LOCK_FILE = 'LOCK'

function acquireLock(dir: string): string {
  const lockPath = path.join(dir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' })
      return lockPath
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const pid = Number(fs.readFileSync(lockPath, 'utf8'))
      let alive = false
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid) {
        try {
          process.kill(pid, 0)
          alive = true
        } catch {
          alive = false
        }
      }
      if (alive || pid === process.pid) throw new Error(`emulator data directory ${dir} is in use by process ${pid}`)
      fs.rmSync(lockPath, { force: true })
    }
  }
  throw new Error(`could not lock emulator data directory ${dir}`)
}

export class Engine {
  readonly envId: string
  private readonly colls = new Map<string, CollectionState>()
  private readonly defs: Record<string, CollectionDef>
  private readonly internal: Set<string>
  private readonly wal: WriteAheadLog
  private readonly compactBytes: number
  private readonly lockPath: string
  private seq = 0
  private closed = false
  /** set by the transaction manager: tombstones are only needed while a transaction is open */
  keepTombstones: () => boolean = () => false

  constructor(opts: EngineOptions) {
    this.envId = opts.envId
    this.defs = opts.collections
    this.internal = new Set(opts.internalCollections ?? [])
    this.compactBytes = opts.compactBytes ?? 64 * 1024 * 1024
    const dir = path.join(opts.dir, 'db')
    fs.mkdirSync(dir, { recursive: true })
    this.lockPath = acquireLock(dir)
    try {
      this.wal = new WriteAheadLog(dir, { fsync: !!opts.fsync })
      for (const name of [...Object.keys(this.defs), ...this.internal]) this.ensureState(name)
      const loaded = this.wal.load()
      this.seq = loaded.seq
      for (const name of loaded.collections) this.ensureState(name)
      for (const d of loaded.docs) this.ensureState(d.c).put(d.k, d.d, loaded.seq)
      for (const record of loaded.records) this.apply(record)
      this.checkAllUnique()
      if (loaded.records.length > 0 || loaded.tornBytes > 0) this.compact()
    } catch (e) {
      fs.rmSync(this.lockPath, { force: true })
      throw e
    }
  }

  private ensureState(name: string): CollectionState {
    let state = this.colls.get(name)
    if (!state) this.colls.set(name, (state = new CollectionState(name, this.defs[name])))
    return state
  }

  private checkAllUnique(): void {
    for (const state of this.colls.values()) {
      for (const index of state.uniqueIndexes) {
        const seen = new Map<string, string>()
        for (const [idKey, rec] of state.docs) {
          const { key } = index.tupleKey(rec.doc)
          if (seen.has(key)) {
            throw new Error(`stored data violates unique index ${index.name} of collection ${state.name}; fix the data or the manifest`)
          }
          seen.set(key, idKey)
        }
      }
    }
  }

  /** Collections reachable through the API: declared in the manifest or created with addCollection. */
  hasCollection(name: string): boolean {
    return this.colls.has(name) && !this.internal.has(name)
  }

  collectionNames(): string[] {
    return [...this.colls.keys()].filter(n => !this.internal.has(n))
  }

  definition(name: string): CollectionDef | undefined {
    return this.defs[name]
  }

  private state(name: string, internalOk = false): CollectionState {
    const state = this.colls.get(name)
    if (!state || (!internalOk && this.internal.has(name))) {
      throw new CloudBaseError('DATABASE_COLLECTION_NOT_EXIST', `collection '${name}' does not exist (declare it in the emulator manifest)`)
    }
    return state
  }

  /** Throws DATABASE_COLLECTION_NOT_EXIST for unknown collections. */
  assertCollection(name: string, internalOk = false): void {
    this.state(name, internalOk)
  }

  geoFields(name: string): string[] {
    return this.colls.get(name)?.geoFields ?? []
  }

  get(coll: string, idKey: string): Doc | undefined {
    return this.state(coll, true).docs.get(idKey)?.doc
  }

  versionOf(coll: string, idKey: string): number {
    const state = this.state(coll, true)
    return state.docs.get(idKey)?.version ?? state.tombstones.get(idKey) ?? 0
  }

  count(coll: string): number {
    return this.state(coll, true).docs.size
  }

  /** Documents that may match `query` (a superset), read from an index when one covers its equalities. */
  candidates(coll: string, query: Doc): Doc[] {
    const state = this.state(coll, true)
    const planned = this.plan(state, query)
    if (planned === 'all') return Array.from(state.docs.values(), r => r.doc)
    return planned
  }

  private plan(state: CollectionState, query: Doc): Doc[] | 'all' {
    const constraints = equalityConstraints(query)
    const ids = constraints.get('_id')
    if (ids) return ids.map(k => state.docs.get(k)?.doc).filter((d): d is Doc => d !== undefined)
    const planned = planCandidates(state.indexes, constraints)
    const either = planDisjunctions(state.indexes, query)
    // an $or plan keeps the collection's order, so a result without orderBy reads as a scan's would
    if (either && (!planned || either.size < planned.size)) return state.inCollectionOrder(either)
    if (planned) {
      const out: Doc[] = []
      for (const k of planned) {
        const rec = state.docs.get(k)
        if (rec) out.push(rec.doc)
      }
      return out
    }
    return 'all'
  }

  /**
   * The first `need` documents in `_id` order (descending with `desc`) that pass `test`, read off a
   * sorted id list from the query's `_id` bounds on: how `where({ _id: gt(last) }).orderBy('_id')`
   * pages through a large collection without sorting it every time. Undefined when an index or an
   * `_id` equality narrows the query (the caller sorts those few candidates) or some `_id` is not a
   * string.
   */
  firstInIdOrder(coll: string, query: Doc, test: (doc: Doc) => boolean, desc: boolean, need: number): Doc[] | undefined {
    const state = this.state(coll, true)
    if (state.docs.size <= need) return undefined
    const constraints = equalityConstraints(query)
    if (constraints.has('_id') || planCandidates(state.indexes, constraints) || planDisjunctions(state.indexes, query)) return undefined
    const sorted = state.idOrder()
    if (!sorted) return undefined
    const b = idBounds(query)
    const out: Doc[] = []
    const take = (k: string): void => {
      const rec = state.docs.get(k)
      if (rec && test(rec.doc)) out.push(rec.doc)
    }
    if (need <= 0) return out
    if (!desc) {
      const end = b.hi === undefined ? sorted.length : lowerBound(sorted, b.hi, !b.hiOpen)
      for (let i = b.lo === undefined ? 0 : lowerBound(sorted, b.lo, b.loOpen); i < end && out.length < need; i++) take(sorted[i])
    } else {
      const start = b.lo === undefined ? 0 : lowerBound(sorted, b.lo, b.loOpen)
      for (let i = (b.hi === undefined ? sorted.length : lowerBound(sorted, b.hi, !b.hiOpen)) - 1; i >= start && out.length < need; i--) take(sorted[i])
    }
    return out
  }

  all(coll: string): Doc[] {
    return Array.from(this.state(coll, true).docs.values(), r => r.doc)
  }

  /** Checks unique indexes for the resulting states of `mutations` against everything else. */
  checkUnique(mutations: readonly Mutation[]): void {
    const byColl = new Map<string, Map<string, Doc | null>>()
    for (const m of mutations) {
      let map = byColl.get(m.coll)
      if (!map) byColl.set(m.coll, (map = new Map()))
      map.set(m.idKey, m.doc)
    }
    for (const [coll, changes] of byColl) {
      const state = this.state(coll, true)
      for (const index of state.uniqueIndexes) {
        const seen = new Map<string, string>()
        for (const [idKey, doc] of changes) {
          if (!doc) continue
          const { key } = index.tupleKey(doc)
          const twin = seen.get(key)
          let clash = twin !== undefined && twin !== idKey
          for (const other of index.idsFor(key) ?? []) if (!changes.has(other)) clash = true
          if (clash) {
            const fields = index.fields.map(f => `${f}: …`).join(', ')
            throw new CloudBaseError(
              'DATABASE_DUPLICATE_WRITE',
              `E11000 duplicate key error collection: ${this.envId}.${coll} index: ${index.name} dup key: { ${fields} }`,
            )
          }
          seen.set(key, idKey)
        }
      }
    }
  }

  /** Applies a set of document changes atomically: unique check, one WAL record, then memory. */
  commit(mutations: readonly Mutation[]): void {
    if (this.closed) throw new CloudBaseError('SYS_ERR', 'emulator database is closed')
    if (mutations.length === 0) return
    for (const m of mutations) this.state(m.coll, true)
    this.checkUnique(mutations)
    const record: WalRecord = { s: this.seq + 1, m: mutations.map((m): MutationRecord => ({ c: m.coll, k: m.idKey, d: m.doc })) }
    this.wal.append(record)
    this.apply(record)
    this.maybeCompact()
  }

  createCollection(name: string): void {
    if (this.colls.has(name)) {
      throw new CloudBaseError('DATABASE_COLLECTION_ALREADY_EXIST', `collection '${name}' already exists`)
    }
    const record: WalRecord = { s: this.seq + 1, create: name }
    this.wal.append(record)
    this.apply(record)
  }

  clearCollection(name: string, internalOk = false): void {
    this.state(name, internalOk)
    const record: WalRecord = { s: this.seq + 1, clear: name }
    this.wal.append(record)
    this.apply(record)
    this.maybeCompact()
  }

  private apply(record: WalRecord): void {
    this.seq = record.s
    const keep = this.keepTombstones()
    if (record.create !== undefined) this.ensureState(record.create)
    if (record.clear !== undefined) this.ensureState(record.clear).clear(record.s, keep)
    for (const m of record.m ?? []) {
      const state = this.ensureState(m.c)
      if (m.d) state.put(m.k, m.d, record.s)
      else state.delete(m.k, record.s, keep)
    }
  }

  pruneTombstones(): void {
    for (const state of this.colls.values()) state.tombstones.clear()
  }

  private maybeCompact(): void {
    if (this.wal.size > this.compactBytes) this.compact()
  }

  compact(): void {
    const colls = this.colls
    function* docs(): Iterable<SnapshotDoc> {
      for (const state of colls.values()) for (const [k, rec] of state.docs) yield { c: state.name, k, d: rec.doc }
    }
    this.wal.compact(this.seq, [...colls.keys()], docs())
  }

  get walBytes(): number {
    return this.wal.size
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.wal.close()
    fs.rmSync(this.lockPath, { force: true })
  }
}

