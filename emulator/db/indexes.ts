/**
 * Equality lookup structures.
 *
 * What is indexed: `_id` (the primary map in the engine), every non-geo index from the manifest (the full
 * key tuple, unique or not) and, for compound indexes, their first field on its own. A query whose
 * top-level equality / `$eq` / `$in` conditions (also inside a top-level `$and`) cover all fields of one
 * of these reads its candidates from a Map instead of scanning; the candidates are then still checked
 * with the full query, so an index can only narrow, never change, a result.
 *
 * Keys are built from scalar values (missing and null share one key, as in MongoDB). Documents where an
 * indexed path runs through an array are kept in a per-index side set that is always added to the
 * candidates (MongoDB would index each element). Unique indexes compare such an array as one value.
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

export class EqualityIndex {
  readonly name: string
  readonly fields: string[]
  readonly unique: boolean
  private readonly map = new Map<string, Set<string>>()
  /** docs whose indexed path crosses an array: always candidates */
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

  add(idKey: string, doc: Doc): void {
    const { key, crossesArray } = this.tupleKey(doc)
    let set = this.map.get(key)
    if (!set) this.map.set(key, (set = new Set()))
    set.add(idKey)
    if (crossesArray) this.arrayDocs.add(idKey)
  }

  remove(idKey: string, doc: Doc): void {
    const { key } = this.tupleKey(doc)
    const set = this.map.get(key)
    if (set) {
      set.delete(idKey)
      if (set.size === 0) this.map.delete(key)
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

/** Candidate id keys from the best usable index, or undefined when every index would need a full scan. */
export function planCandidates(indexes: readonly EqualityIndex[], constraints: Map<string, string[]>): Set<string> | undefined {
  let best: Set<string> | undefined
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
    const ids = new Set<string>(index.arrayDocs)
    for (const t of tuples) for (const id of index.idsFor(t) ?? []) ids.add(id)
    if (!best || ids.size < best.size) best = ids
  }
  return best
}
