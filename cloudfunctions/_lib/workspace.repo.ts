import { database, getDocs } from './cloud'
import { auditRecord } from './audit.repo'
import { inTransaction, txGet } from './transaction'
import { query, type Query } from './stations.requests'
import { contains } from './membership.repo'
import { FIGURES, REQUEST_COLLECTIONS, WORK_ITEMS, figureDocId, projectionContext, workItemOf, type FigureDoc } from './projections'
import { findOrg, listReachableOrgs, type OrgRecord } from './orgs.repo'
import type { Caller } from './handler'
import { shanghaiDate } from '../../src/domain/calendar/working-days'
import { FIGURE_SOURCES, SOURCE_COLLECTIONS, accumulate, cellKey, contributions, differences, type Counts } from '../../src/domain/workspace/figures.rules'
import { dueSoonLimit, overdueLimit, shouldEscalate, workItemId, type SlaTable, type WorkItemData, type WorkType } from '../../src/domain/workspace/work-item'
import type { WorkCalendar } from '../../src/domain/calendar/working-days'
import type { QueueFlag, QueueView } from '../../src/domain/workspace/workspace.api'

const db = () => database()
const _ = () => database().command

export type StoredItem = WorkItemData & { _id: string; updatedAt?: Date }

/** The root of the org tree (the county federation). */
export async function rootOrg(): Promise<OrgRecord | null> {
  const [root] = await getDocs<OrgRecord>(query('orgs', { parentId: null }).orderBy('_id', 'asc').limit(1))
  return root ?? null
}

/** The org a staff member works for; an admin without one works for the root federation. */
export async function workingOrgId(caller: Pick<Caller, 'role' | 'user'>): Promise<string | null> {
  if (caller.user?.orgId) return caller.user.orgId
  if (caller.role === 'admin') return (await rootOrg())?._id ?? null
  return null
}

export const isFederationLevel = (caller: Pick<Caller, 'role'>): boolean => caller.role === 'federation_staff' || caller.role === 'admin'

export interface QueueFilter {
  view: QueueView
  type?: WorkType
  flag?: QueueFlag
  q?: string
}

/** The where() of a queue view for a staff member of `orgId` (grassroots: never beyond their own org). */
export function queueWhere(caller: Pick<Caller, 'role'>, orgId: string, f: QueueFilter, cal: WorkCalendar, sla: Pick<SlaTable, 'dueSoonDays'>, now: Date): Record<string, unknown> {
  const cmd = _()
  const federation = isFederationLevel(caller)
  const staffOpen = { open: true, waiting: 'staff' }
  let base: Record<string, unknown>
  switch (f.view) {
    case 'subtree':
      base = federation ? { ...staffOpen, actPath: orgId } : { ...staffOpen, actOrgId: orgId }
      break
    case 'escalated':
      base = federation ? { ...staffOpen, escalatedTo: orgId } : { ...staffOpen, actOrgId: orgId, escalated: true }
      break
    case 'worker':
      base = federation ? { open: true, waiting: 'worker', orgPath: orgId } : { open: true, waiting: 'worker', orgId }
      break
    default:
      base = federation ? { ...staffOpen, _or: true } : { ...staffOpen, actOrgId: orgId }
  }
  const conditions: Array<Record<string, unknown>> = []
  if ('_or' in base) {
    delete base._or
    conditions.push(cmd.or([{ actOrgId: orgId }, { escalatedTo: orgId }]) as unknown as Record<string, unknown>)
  }
  if (f.type) base.type = f.type
  if (f.flag === 'overdue') base.dueKey = cmd.lte(overdueLimit(now))
  if (f.flag === 'due_soon') base.dueKey = cmd.gt(overdueLimit(now)).and(cmd.lte(dueSoonLimit(cal, sla, now)))
  if (f.q) base.search = contains(f.q.toLowerCase())
  return conditions.length ? (cmd.and([base, ...conditions]) as unknown as Record<string, unknown>) : base
}

export async function queuePage(where: Record<string, unknown>, offset: number, limit: number): Promise<StoredItem[]> {
  return getDocs<StoredItem>(
    (db().collection(WORK_ITEMS) as unknown as Query).where(where).orderBy('dueKey', 'asc').orderBy('createdAt', 'asc').orderBy('_id', 'asc').skip(offset).limit(limit),
  )
}

export async function countWhere(collection: string, where: Record<string, unknown>): Promise<number> {
  const res = (await db().collection(collection).where(where).count()) as { total: number }
  return res.total
}

// ---------------------------------------------------------------------------------------------------
// Escalation (timer)

/**
 * Moves every staff step past its last day up to the federation's queue, once: the item is re-read
 * and re-checked inside a transaction with its audit entry, so a decision made meanwhile wins.
 */
export async function escalateOverdue(now: Date, max = 5000): Promise<number> {
  const cmd = _()
  let escalated = 0
  for (let round = 0; round * 100 < max; round++) {
    const batch = await getDocs<StoredItem>(
      (db().collection(WORK_ITEMS) as unknown as Query)
        .where({ open: true, waiting: 'staff', escalated: false, dueKey: cmd.lte(overdueLimit(now)) })
        .orderBy('dueKey', 'asc')
        .orderBy('_id', 'asc')
        .limit(100),
    )
    let moved = 0
    for (const item of batch) {
      if (!shouldEscalate(item, now)) continue
      const done = await inTransaction(async (tx) => {
        const current = await txGet<StoredItem>(tx, WORK_ITEMS, item._id)
        if (!current || !shouldEscalate(current, now)) return false
        const to = current.actPath[0]
        await tx.collection(WORK_ITEMS).doc(item._id).update({ data: { escalated: true, escalatedAt: now, escalatedTo: to, updatedAt: now } })
        await tx.collection('audit').add({
          data: auditRecord(null, { action: 'workItem.escalate', target: { type: current.type, id: current.requestId }, orgId: to, from: current.actOrgId, to, reason: 'overdue', detail: { dueDate: current.dueDate } }, now),
        })
        return true
      })
      if (done) {
        escalated++
        moved++
      }
    }
    // Items that could not move (top of the tree) stay in the result set: stop when nothing moved.
    if (batch.length < 100 || moved === 0) break
  }
  return escalated
}

// ---------------------------------------------------------------------------------------------------
// Figures

/** Counter documents of some orgs up to a year. */
export async function figureRows(orgIds: readonly string[], maxYear?: number): Promise<FigureDoc[]> {
  const cmd = _()
  const out: FigureDoc[] = []
  for (let i = 0; i < orgIds.length; i += 50) {
    const chunk = orgIds.slice(i, i + 50)
    const where: Record<string, unknown> = { orgId: cmd.in(chunk) }
    if (maxYear !== undefined) where.year = cmd.lte(maxYear)
    out.push(...(await scan<FigureDoc>(FIGURES, where)))
  }
  return out
}

/** Every document matching `where`, 1,000 at a time by `_id` (no skip: constant cost per page). */
export async function scan<T extends { _id: string }>(collection: string, where: Record<string, unknown>, each?: (docs: T[]) => void | Promise<void>): Promise<T[]> {
  const cmd = _()
  const out: T[] = []
  let last: string | null = null
  for (;;) {
    const w: Record<string, unknown> = last === null ? where : (cmd.and([where, { _id: cmd.gt(last) }]) as unknown as Record<string, unknown>)
    const page = await getDocs<T>((db().collection(collection) as unknown as Query).where(w).orderBy('_id', 'asc').limit(1000))
    if (page.length === 0) break
    if (each) await each(page)
    else out.push(...page)
    last = page[page.length - 1]._id
    if (page.length < 1000) break
  }
  return out
}

/** Counted values per (year, org) as stored (shards summed). */
export async function countedCells(): Promise<Map<string, Counts>> {
  const cells = new Map<string, Counts>()
  await scan<FigureDoc>(FIGURES, {}, (docs) => {
    for (const d of docs) {
      const k = cellKey(d.year, d.orgId)
      const c = cells.get(k) ?? {}
      for (const [key, v] of Object.entries(d.counts ?? {})) c[key as keyof Counts] = (c[key as keyof Counts] ?? 0) + (v as number)
      cells.set(k, c)
    }
  })
  return cells
}

/** The counters recomputed from every record (the reconciliation's truth). */
export async function recomputedCells(): Promise<{ cells: Map<string, Counts>; records: number }> {
  const cells = new Map<string, Counts>()
  let records = 0
  for (const source of FIGURE_SOURCES) {
    await scan<Record<string, unknown> & { _id: string }>(SOURCE_COLLECTIONS[source], {}, (docs) => {
      records += docs.length
      for (const d of docs) accumulate(cells, contributions(source, d))
    })
  }
  return { cells, records }
}

export interface CheckReport {
  at: Date
  records: number
  differences: ReturnType<typeof differences>
  repaired: boolean
}

/** Recomputes the figures from the records, compares them with the counters and keeps the report. */
export async function reconcile(now: Date, by: string | null): Promise<CheckReport> {
  const [{ cells, records }, counted] = await Promise.all([recomputedCells(), countedCells()])
  const diff = differences(counted, cells)
  const report: CheckReport = { at: now, records, differences: diff.slice(0, 200), repaired: false }
  await db().collection('figureChecks').add({ data: { at: now, by, records, differenceCount: diff.length, differences: report.differences } })
  return report
}

/** Rewrites every counter from the records (after seeding or a repair): one shard document per cell. */
export async function rebuildFigures(now: Date): Promise<number> {
  const { cells } = await recomputedCells()
  await db().collection(FIGURES).where({ year: _().gte(0) }).remove()
  let written = 0
  for (const [cell, counts] of cells) {
    const [yearText, orgId] = cell.split('|')
    const year = Number(yearText)
    await db().collection(FIGURES).doc(figureDocId(year, orgId, 0)).set({ data: { year, orgId, shard: 0, counts, updatedAt: now } })
    written++
  }
  return written
}

/** Re-projects every request into its work item (after seeding, or when a rule changed deadlines). */
export async function rebuildWorkItems(now: Date): Promise<number> {
  const ctx = await projectionContext(now)
  let n = 0
  for (const [collection, type] of Object.entries(REQUEST_COLLECTIONS)) {
    await scan<Record<string, unknown> & { _id: string }>(collection, {}, async (docs) => {
      for (const doc of docs) {
        const id = workItemId(type, doc._id)
        const [prev] = await getDocs<StoredItem>(query(WORK_ITEMS, { _id: id }).limit(1))
        const { _id: prevId, updatedAt: prevUpdated, ...prevData } = prev ?? ({} as StoredItem)
        void prevId
        void prevUpdated
        const item = workItemOf(type, doc as never, prev ? (prevData as WorkItemData) : null, ctx)
        await db().collection(WORK_ITEMS).doc(id).set({ data: { ...item, updatedAt: now } })
        n++
      }
    })
  }
  return n
}

export async function lastCheck(): Promise<{ at: Date; differenceCount: number; records: number } | null> {
  const [doc] = await getDocs<{ at: Date; differenceCount: number; records: number }>((db().collection('figureChecks') as unknown as Query).where({}).orderBy('at', 'desc').limit(1))
  return doc ?? null
}

/** The org a figures request is about, if the caller reaches it, with every org below it. */
export async function figureScope(caller: Caller, orgId: string | undefined): Promise<{ org: OrgRecord; subtree: OrgRecord[] } | null> {
  const reachable = await listReachableOrgs({ role: caller.role, orgId: caller.user?.orgId ?? null })
  const ownId = await workingOrgId(caller)
  const targetId = orgId ?? ownId
  const org = reachable.find((o) => o._id === targetId) ?? (caller.role === 'admin' && targetId ? await findOrg(targetId) : null)
  if (!org) return null
  const subtree = reachable.filter((o) => o._id === org._id || o.path.includes(org._id))
  return { org, subtree }
}

export const todayIn = (now: Date): string => shanghaiDate(now)
