/**
 * Equality lookup structures.
 *
 * What is indexed: `_id` (the primary map in the engine), every non-geo index from the manifest (the full
 * key tuple, unique or not) and, for compound indexes, their first field on its own. A query whose
 * top-level equality / `$eq` / `$in` conditions (also inside a top-level `$and`) cover all fields of one
 * of these reads its candidates from a Map instead of scanning; the candidates are then still checked
 * with the full query, so an index can only narrow, never change, a result.
 *
 * Keys are built from scalar values (missing and null share one key, as in MongoDB). A non-unique index
 * is multikey, as in MongoDB: a field holding a non-empty array of scalars is indexed under each element
 * (an equality on `actPath: 'org-fed'` finds the documents whose `actPath` array contains it). Documents
 * where an indexed path runs through an array in the middle, or ends in an empty array or one holding
 * objects or arrays, are kept in a per-index side set that is always added to the candidates. Unique
 * indexes compare an array as one value (and keep such documents in the side set too).
 *
 * A top-level `$or` (also inside a top-level `$and`) whose every branch can be planned reads the union
 * of the branches' candidates (see `planDisjunctions`).
 */
import { EJSON } from 'bson'
import type { Doc } from '../ejson'
import { isPlainObject } from '../ejson'

export interface IndexSpec {
  name: string
  keys: Record<string, 1 | -1 | '2dsphere'>
  unique?: boolean
}

/** A stable, type-tagged string for a value, equal for values MongoDB treats as equal in an index. */
export function valueKey(v: unknown): string {
  if (v === undefined || v === null) return 'z'
  switch (typeof v) {
    case 'string':
      return `s:${v}`
    case 'number':
      return `n:${v}`
    case 'boolean':
      return `b:${v}`
    case 'bigint':
      return `n:${v}`
    default:
      if (v instanceof Date) return `d:${v.getTime()}`
      return `o:${EJSON.stringify({ v }, { relaxed: false })}`
  }
}

export interface ResolvedPath {
  value: unknown
  crossesArray: boolean
}

/** Plain dot-path lookup without MongoDB's array fan-out; reports whether an array was met. */
export function resolvePath(doc: Doc, path: string): ResolvedPath {
  let cur: unknown = doc
  for (const seg of path.split('.')) {
    if (Array.isArray(cur)) return { value: undefined, crossesArray: true }
    if (!isPlainObject(cur)) return { value: undefined, crossesArray: false }
    cur = cur[seg]
  }
  return { value: cur, crossesArray: Array.isArray(cur) }
}

/** Most lookup keys one document may have in a multikey index (else it goes to the side set). */
const MAX_MULTIKEY = 256

export class EqualityIndex {
  readonly name: string
  readonly fields: string[]
  readonly unique: boolean
  private readonly map = new Map<string, Set<string>>()
  /** docs whose indexed path crosses an array the index does not expand: always candidates */
  readonly arrayDocs = new Set<string>()

  constructor(name: string, fields: string[], unique: boolean) {
    this.name = name
    this.fields = fields
    this.unique = unique
  }

  tupleKey(doc: Doc): { key: string; crossesArray: boolean } {
    let crossesArray = false
    const parts = this.fields.map(f => {
      const r = resolvePath(doc, f)
      if (r.crossesArray) crossesArray = true
      return valueKey(r.value)
    })
    return { key: parts.join('\u0001'), crossesArray }
  }

  /**
   * The keys a document is found under: its one tuple, or for a non-unique index one tuple per element
   * of an array field (multikey). Null when the document belongs in the side set instead.
   */
  lookupKeys(doc: Doc): string[] | null {
    if (this.unique) {
      const { key, crossesArray } = this.tupleKey(doc)
      return crossesArray ? null : [key]
    }
    let tuples: string[] = ['']
    for (let i = 0; i < this.fields.length; i++) {
      const r = resolvePath(doc, this.fields[i])
      let keys: string[]
      if (!r.crossesArray) keys = [valueKey(r.value)]
      else if (Array.isArray(r.value) && r.value.length > 0 && r.value.every(isIndexableScalar)) keys = [...new Set(r.value.map(valueKey))]
      else return null
      const next: string[] = []
      for (const t of tuples) for (const k of keys) next.push(i === 0 ? k : `${t}\u0001${k}`)
      if (next.length > MAX_MULTIKEY) return null
      tuples = next
    }
    return tuples
  }

  add(idKey: string, doc: Doc): void {
    if (this.unique) {
      // the unique check compares whole values: array documents keep their tuple key as well
      const { key, crossesArray } = this.tupleKey(doc)
      this.addKey(key, idKey)
      if (crossesArray) this.arrayDocs.add(idKey)
      return
    }
    const keys = this.lookupKeys(doc)
    if (keys === null) this.arrayDocs.add(idKey)
    else for (const key of keys) this.addKey(key, idKey)
  }

  private addKey(key: string, idKey: string): void {
    let set = this.map.get(key)
    if (!set) this.map.set(key, (set = new Set()))
    set.add(idKey)
  }

  remove(idKey: string, doc: Doc): void {
    const keys = this.unique ? [this.tupleKey(doc).key] : (this.lookupKeys(doc) ?? [])
    for (const key of keys) {
      const set = this.map.get(key)
      if (set) {
        set.delete(idKey)
        if (set.size === 0) this.map.delete(key)
      }
    }
    this.arrayDocs.delete(idKey)
  }

  idsFor(key: string): ReadonlySet<string> | undefined {
    return this.map.get(key)
  }

  clear(): void {
    this.map.clear()
    this.arrayDocs.clear()
  }
}

function isIndexableScalar(v: unknown): boolean {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v) || v instanceof Date
}

/** Equality constraints per top-level field: the set of value keys a matching document may have. */
export function equalityConstraints(query: Doc): Map<string, string[]> {
  const out = new Map<string, string[]>()
  const visit = (q: Doc): void => {
    for (const [field, cond] of Object.entries(q)) {
      if (field === '$and' && Array.isArray(cond)) {
        for (const sub of cond) if (isPlainObject(sub)) visit(sub)
        continue
      }
      if (field.startsWith('$')) continue
      let keys: string[] | undefined
      if (isIndexableScalar(cond)) keys = [valueKey(cond)]
      else if (isPlainObject(cond)) {
        const ops = Object.keys(cond)
        if (ops.length === 1 && ops[0] === '$eq' && isIndexableScalar(cond.$eq)) keys = [valueKey(cond.$eq)]
        else if (ops.length === 1 && ops[0] === '$in' && Array.isArray(cond.$in) && cond.$in.every(isIndexableScalar)) {
          keys = cond.$in.map(valueKey)
        }
      }
      if (!keys) continue
      const prev = out.get(field)
      out.set(field, prev ? prev.filter(k => keys!.includes(k)) : keys)
    }
  }
  visit(query)
  return out
}

const MAX_TUPLES = 1000

const NONE: ReadonlySet<string> = new Set()

/**
 * Candidate id keys from the best usable index, or undefined when every index would need a full scan.
 * Indexes are compared by the sizes of their key sets; only the chosen one is read (a single key set is
 * handed out as it is: callers only read it, before anything is written).
 */
export function planCandidates(indexes: readonly EqualityIndex[], constraints: Map<string, string[]>): ReadonlySet<string> | undefined {
  let best: { index: EqualityIndex; tuples: string[]; size: number } | undefined
  for (const index of indexes) {
    if (!index.fields.every(f => constraints.has(f))) continue
    let tuples: string[] = ['']
    for (const [i, f] of index.fields.entries()) {
      const next: string[] = []
      for (const t of tuples) for (const k of constraints.get(f)!) next.push(i === 0 ? k : `${t}\u0001${k}`)
      tuples = next
      if (tuples.length > MAX_TUPLES) break
    }
    if (tuples.length > MAX_TUPLES) continue
    // an upper bound (a multikey document may sit under several of the keys)
    let size = index.arrayDocs.size
    for (const t of tuples) size += index.idsFor(t)?.size ?? 0
    if (!best || size < best.size) best = { index, tuples, size }
  }
  if (!best) return undefined
  const { index, tuples } = best
  if (tuples.length === 1 && index.arrayDocs.size === 0) return index.idsFor(tuples[0]) ?? NONE
  const ids = new Set<string>(index.arrayDocs)
  for (const t of tuples) for (const id of index.idsFor(t) ?? []) ids.add(id)
  return ids
}

/**
 * Candidates of the best plannable `$or` (top level or inside a top-level `$and`): the union of its
 * branches' candidates when every branch can be planned on its own (an `_id` equality, an index, or a
 * nested `$or`). Undefined when no `$or` can be planned.
 */
export function planDisjunctions(indexes: readonly EqualityIndex[], query: Doc): ReadonlySet<string> | undefined {
  let best: ReadonlySet<string> | undefined
  const consider = (ors: unknown): void => {
    if (!Array.isArray(ors) || ors.length === 0) return
    const union = new Set<string>()
    for (const branch of ors) {
      if (!isPlainObject(branch)) return
      const ids = planBranch(indexes, branch)
      if (!ids) return
      for (const id of ids) union.add(id)
    }
    if (!best || union.size < best.size) best = union
  }
  const visit = (q: Doc): void => {
    for (const [field, cond] of Object.entries(q)) {
      if (field === '$or') consider(cond)
      else if (field === '$and' && Array.isArray(cond)) for (const sub of cond) if (isPlainObject(sub)) visit(sub)
    }
  }
  visit(query)
  return best
}

/** Candidate id keys of one `$or` branch, or undefined when it would need a scan. */
function planBranch(indexes: readonly EqualityIndex[], branch: Doc): ReadonlySet<string> | undefined {
  const constraints = equalityConstraints(branch)
  const ids = constraints.get('_id')
  if (ids) return new Set(ids)
  const planned = planCandidates(indexes, constraints)
  const nested = planDisjunctions(indexes, branch)
  if (planned && nested) return nested.size < planned.size ? nested : planned
  return planned ?? nested
}
