import { createHash } from 'node:crypto'
import { database, getDocs } from './cloud'
import { txGet, type Tx, type TxCollection, type TxDoc } from './transaction'
import { WorkCalendar, type HolidayCalendar } from '../../src/domain/calendar/working-days'
import { DISPUTE_TYPE_LABELS } from '../../src/domain/legal-aid/legal-aid.constants'
import { PROBLEMS } from '../../src/domain/stations/station.constants'
import { DEMO_SLA, projectWorkItem, workItemId, type ProjectionContext, type RequestLike, type SlaTable, type SummaryLabels, type WorkItemData, type WorkType } from '../../src/domain/workspace/work-item'
import { delta, sourceOfCollection, type Counts, type FigureKey, type FigureSource } from '../../src/domain/workspace/figures.rules'

/**
 * Keeps the staff queue (`workItems`) and the year-end counters (`figures`) in step with the records:
 * every transaction that writes a request or a counted record updates them before it commits, so a
 * decision and the figure it feeds change together or not at all (issue 8, ADR 0008).
 */

export const WORK_ITEMS = 'workItems'
export const FIGURES = 'figures'
/** Counter documents per (year, org): spread so concurrent decisions of one union rarely collide. */
export const FIGURE_SHARDS = 4

/** Request collections and the work type of their records. */
export const REQUEST_COLLECTIONS: Record<string, WorkType> = {
  memberApplications: 'membershipApplication',
  memberTransfers: 'membershipTransfer',
  legalCases: 'legalAidCase',
  aidClaims: 'aidClaim',
  stationReports: 'stationReport',
  stationSuggestions: 'stationSuggestion',
}

const PROBLEM_LABELS = Object.fromEntries(PROBLEMS.map((p) => [p.code, p.label])) as Record<string, string>
export const SUMMARY_LABELS: SummaryLabels = {
  dispute: (code) => (DISPUTE_TYPE_LABELS as Record<string, string>)[code] ?? '',
  problem: (code) => PROBLEM_LABELS[code] ?? '',
}

const isTracked = (collection: string) => collection in REQUEST_COLLECTIONS || sourceOfCollection(collection) !== null

export const shardOf = (recordId: string): number => createHash('sha256').update(recordId).digest()[0] % FIGURE_SHARDS
export const figureDocId = (year: number, orgId: string, shard: number): string => `${year}_${orgId}_${shard}`

export interface FigureDoc {
  _id: string
  year: number
  orgId: string
  shard: number
  counts: Counts
  updatedAt: Date
}

/** The workspace rule table (`ruleTables/workspace`) over the demo SLA days. */
export async function loadSla(reader: Tx = database() as unknown as Tx): Promise<SlaTable> {
  const stored = await txGet<Partial<SlaTable>>(reader, 'ruleTables', 'workspace')
  const out = { ...DEMO_SLA }
  for (const k of Object.keys(DEMO_SLA) as Array<keyof SlaTable>) if (typeof stored?.[k] === 'number') out[k] = stored[k] as number
  return out
}

export async function loadWorkCalendar(): Promise<WorkCalendar> {
  const list = await getDocs<HolidayCalendar>(database().collection('calendars').where({}).limit(100))
  return new WorkCalendar(list.map((c) => ({ year: c.year, holidays: c.holidays ?? [], workdays: c.workdays ?? [] })))
}

// Calendars and SLA days change a few times a year: an instance re-reads them at most every 10 s, which
// keeps two reads out of every transaction that touches a request.
const CONTEXT_TTL_MS = 10_000
let cached: { at: number; cal: WorkCalendar; sla: SlaTable } | null = null

export async function projectionContext(now: Date): Promise<ProjectionContext> {
  if (!cached || Date.now() - cached.at > CONTEXT_TTL_MS) {
    const [cal, sla] = await Promise.all([loadWorkCalendar(), loadSla()])
    cached = { at: Date.now(), cal, sla }
  }
  return { cal: cached.cal, sla: cached.sla, now }
}

/** Adds counter changes of one record into `into`, keyed by figure document id. */
function addDelta(into: Map<string, { year: number; orgId: string; shard: number; counts: Counts }>, recordId: string, changes: Map<string, Counts>) {
  const shard = shardOf(recordId)
  for (const [cell, counts] of changes) {
    const [yearText, orgId] = cell.split('|')
    const year = Number(yearText)
    const key = figureDocId(year, orgId, shard)
    const entry = into.get(key) ?? { year, orgId, shard, counts: {} }
    for (const [k, v] of Object.entries(counts) as Array<[FigureKey, number]>) entry.counts[k] = (entry.counts[k] ?? 0) + v
    into.set(key, entry)
  }
}

/** Applies counter changes inside the transaction (read, add, write back: a concurrent change conflicts and retries). */
export async function applyFigureChanges(tx: Tx, changes: Map<string, { year: number; orgId: string; shard: number; counts: Counts }>, now: Date): Promise<void> {
  for (const [docId, change] of changes) {
    if (Object.values(change.counts).every((v) => v === 0)) continue
    const current = await txGet<FigureDoc>(tx, FIGURES, docId)
    const counts: Counts = { ...(current?.counts ?? {}) }
    for (const [k, v] of Object.entries(change.counts) as Array<[FigureKey, number]>) counts[k] = (counts[k] ?? 0) + v
    await tx.collection(FIGURES).doc(docId).set({ data: { year: change.year, orgId: change.orgId, shard: change.shard, counts, updatedAt: now } })
  }
}

/** The new work item of a request record, given the stored one (inside or outside a transaction). */
export const workItemOf = (type: WorkType, record: RequestLike, prev: WorkItemData | null, ctx: ProjectionContext): WorkItemData =>
  projectWorkItem(type, record, prev, ctx, SUMMARY_LABELS)

const stripId = <T extends object>(doc: T): Omit<T, '_id'> => {
  const { _id, ...rest } = doc as T & { _id?: unknown }
  void _id
  return rest
}

/**
 * Wraps a transaction: writes to request and counted collections are noted (with the record as it was
 * before the first write), and `flush()` — run just before commit — rewrites their work items and adds
 * their counter changes.
 */
export function trackingTx(tx: Tx): { tx: Tx; flush(): Promise<void> } {
  type Doc = Record<string, unknown>
  // `after` undefined = changed by an update operator: re-read at flush.
  const touched = new Map<string, { collection: string; id: string; before: Doc | null; after?: Doc | null }>()
  const note = async (collection: string, id: string, after: Doc | null | undefined, before?: Doc | null) => {
    const key = `${collection}\u0000${id}`
    const seen = touched.get(key)
    if (seen) {
      seen.after = after
      return
    }
    const was = before !== undefined ? before : await txGet<Doc>(tx, collection, id)
    touched.set(key, { collection, id, before: was, after })
  }
  const wrapDoc = (collection: string, id: string, inner: TxDoc): TxDoc => ({
    get: () => inner.get(),
    update: async (arg) => {
      await note(collection, id, undefined)
      return inner.update(arg)
    },
    set: async (arg) => {
      await note(collection, id, { ...arg.data, _id: id })
      return inner.set(arg)
    },
    remove: async () => {
      await note(collection, id, null)
      return inner.remove()
    },
  })
  const wrapCollection = (name: string, inner: TxCollection): TxCollection => ({
    doc: (id) => wrapDoc(name, id, inner.doc(id)),
    add: async (arg) => {
      const res = (await inner.add(arg)) as { _id?: string; id?: string }
      const id = (arg.data._id as string | undefined) ?? res?._id ?? res?.id
      if (id) await note(name, id, { ...arg.data, _id: id }, null)
      return res
    },
  })
  const wrapped: Tx = {
    collection: (name) => {
      const inner = tx.collection(name)
      return isTracked(name) ? wrapCollection(name, inner) : inner
    },
  }
  return {
    tx: wrapped,
    async flush() {
      if (touched.size === 0) return
      const now = new Date()
      const changes = new Map<string, { year: number; orgId: string; shard: number; counts: Counts }>()
      let ctx: ProjectionContext | null = null
      for (const { collection, id, before, after: known } of touched.values()) {
        const after = known !== undefined ? known : await txGet<Record<string, unknown>>(tx, collection, id)
        const source: FigureSource | null = sourceOfCollection(collection)
        if (source) addDelta(changes, id, delta(source, before, after))
        const type = REQUEST_COLLECTIONS[collection]
        if (!type || !after) continue
        ctx ??= await projectionContext(now)
        const itemId = workItemId(type, id)
        const prev = await txGet<WorkItemData & { _id: string }>(tx, WORK_ITEMS, itemId)
        const item = workItemOf(type, { ...(after as RequestLike), _id: id }, prev ? stripId(prev) : null, ctx)
        await tx.collection(WORK_ITEMS).doc(itemId).set({ data: { ...item, updatedAt: now } })
        addDelta(changes, itemId, delta('workItem', prev as Record<string, unknown> | null, item as unknown as Record<string, unknown>))
      }
      await applyFigureChanges(tx, changes, now)
    },
  }
}
