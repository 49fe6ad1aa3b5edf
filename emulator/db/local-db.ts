/**
 * In-process access to the emulator database for seeding and tests: the same engine, indexes, unique
 * checks and write-ahead log as requests from the SDK. Documents go in and come out as plain JS values
 * (Date, RegExp, …), always copied. Unlike `get()` over the wire, `find` has no default limit.
 */
import { cloneValue, isPlainObject, type Doc } from '../ejson'
import { invalidParam } from '../errors'
import type { Engine } from './engine'
import { aggregate, committed, count, find, modify, remove, insert, CommittedView } from './operations'

export interface LocalFindOptions {
  sort?: Record<string, 1 | -1>
  skip?: number
  limit?: number
  projection?: Record<string, unknown>
}

export interface LocalUpdateOptions {
  /** update every match (default) or only the first */
  multi?: boolean
  /** insert when nothing matches */
  upsert?: boolean
  /** `update` is a whole replacement document instead of update operators / fields to $set */
  replace?: boolean
}

export interface LocalUpdateResult {
  matched: number
  updated: number
  upsertedId?: unknown
}

export class LocalDb {
  private readonly engine: Engine

  constructor(engine: Engine) {
    this.engine = engine
  }

  private check(coll: string): void {
    this.engine.assertCollection(coll)
  }

  collections(): string[] {
    return this.engine.collectionNames()
  }

  /** Inserts one document or several (atomically); returns the `_id`s (32 hex characters when generated). */
  insert(coll: string, docs: Doc | Doc[]): unknown[] {
    this.check(coll)
    const list = Array.isArray(docs) ? docs : [docs]
    return committed(this.engine, view => insert(view, coll, list))
  }

  find(coll: string, query: Doc = {}, opts: LocalFindOptions = {}): Doc[] {
    this.check(coll)
    const docs = find(new CommittedView(this.engine), coll, query, {
      order: opts.sort,
      skip: opts.skip,
      limit: opts.limit,
      projection: opts.projection,
    })
    return docs.map(d => cloneValue(d))
  }

  findOne(coll: string, query: Doc = {}): Doc | null {
    return this.find(coll, query, { limit: 1 })[0] ?? null
  }

  count(coll: string, query: Doc = {}): number {
    this.check(coll)
    return count(new CommittedView(this.engine), coll, query)
  }

  update(coll: string, query: Doc, update: Doc, opts: LocalUpdateOptions = {}): LocalUpdateResult {
    this.check(coll)
    if (!isPlainObject(update)) throw invalidParam('update must be an object')
    const r = committed(this.engine, view =>
      modify(view, coll, query, update, { multi: opts.multi ?? true, merge: !opts.replace, upsert: !!opts.upsert }),
    )
    return { matched: r.matched, updated: r.updated, upsertedId: r.upsertedId }
  }

  remove(coll: string, query: Doc = {}, opts: { multi?: boolean } = {}): number {
    this.check(coll)
    return committed(this.engine, view => remove(view, coll, query, opts.multi ?? true))
  }

  /** Removes every document of the collection (one log record). */
  clear(coll: string): void {
    this.engine.clearCollection(coll)
  }

  aggregate(coll: string, pipeline: Doc[]): Doc[] {
    this.check(coll)
    return aggregate(this.engine, coll, pipeline).map(d => cloneValue(d))
  }
}
