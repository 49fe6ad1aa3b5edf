import { database, getDocs } from './cloud'
import { findOrg, readAll, ORGS, type OrgRecord } from './orgs.repo'

/**
 * After an org moves, the org paths other records keep for staff scope (ancestors + the holding org,
 * root first) are rewritten, page by page. Each path is recomputed from the current path of the org
 * it ends with, so running it again — after a crash, or a second move — finishes the job and changes
 * nothing already right.
 */
export const PATH_FIELDS: ReadonlyArray<{ collection: string; fields: readonly string[] }> = [
  { collection: 'memberApplications', fields: ['orgPath'] },
  { collection: 'memberTransfers', fields: ['orgPath', 'fromOrgPath'] },
  { collection: 'memberships', fields: ['orgPath'] },
  { collection: 'legalCases', fields: ['orgPath'] },
  { collection: 'aidClaims', fields: ['orgPath'] },
  { collection: 'aidEnrollments', fields: ['orgPath'] },
  { collection: 'aidImports', fields: ['orgPath'] },
  { collection: 'stationReports', fields: ['orgPath'] },
  { collection: 'stationSuggestions', fields: ['orgPath'] },
  { collection: 'workItems', fields: ['orgPath', 'actPath'] },
  { collection: 'stations', fields: ['hostOrgPath'] },
]

const PAGE = 100

type PathDoc = { _id: string } & Record<string, unknown>

/** A query whose typings lack `field()`; the SDK has it. */
interface FieldQuery {
  field(projection: Record<string, boolean>): FieldQuery
  orderBy(field: string, direction: 'asc' | 'desc'): FieldQuery
  limit(n: number): FieldQuery
  get(): unknown
}

const samePath = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i])

export interface RewriteReport {
  /** Records changed per collection (collections with none left out). */
  rewritten: Record<string, number>
  total: number
}

/** Rewrites every stored org path that passes through `orgId` (the org just moved). */
export async function rewriteOrgPaths(orgId: string): Promise<RewriteReport> {
  const db = database()
  const _ = db.command
  // Current full paths of the moved org and every org below it; others are read when met.
  const full = new Map<string, string[] | null>()
  for (const o of await readAll<OrgRecord>(db.collection(ORGS).where(_.or([{ _id: orgId }, { path: orgId }])))) full.set(o._id, [...o.path, o._id])
  const moved = full.get(orgId)
  if (!moved) return { rewritten: {}, total: 0 }

  const fullPathOf = async (holder: string): Promise<string[] | null> => {
    if (!full.has(holder)) {
      const org = await findOrg(holder)
      full.set(holder, org ? [...org.path, org._id] : null)
    }
    return full.get(holder) ?? null
  }
  /** The path as it is now: the holding org's current path, or (holder gone) the moved org's new path + the tail. */
  const recompute = async (path: readonly string[]): Promise<string[]> => {
    const current = await fullPathOf(path[path.length - 1])
    return current ?? [...moved, ...path.slice(path.indexOf(orgId) + 1)]
  }

  const rewritten: Record<string, number> = {}
  let total = 0
  for (const { collection, fields } of PATH_FIELDS) {
    const through = fields.length === 1 ? { [fields[0]]: orgId } : _.or(fields.map((f) => ({ [f]: orgId })))
    let count = 0
    let last = ''
    for (;;) {
      const query = db.collection(collection).where(_.and([through, { _id: _.gt(last) }])) as unknown as FieldQuery
      const page = await getDocs<PathDoc>(query.field(Object.fromEntries(fields.map((f) => [f, true]))).orderBy('_id', 'asc').limit(PAGE))
      for (const doc of page) {
        const patch: Record<string, unknown> = {}
        for (const f of fields) {
          const path = doc[f]
          if (!Array.isArray(path) || !path.includes(orgId)) continue
          const next = await recompute(path as string[])
          if (!samePath(next, path as string[])) patch[f] = _.set(next)
        }
        if (Object.keys(patch).length === 0) continue
        await db.collection(collection).doc(doc._id).update({ data: patch })
        count++
      }
      if (page.length < PAGE) break
      last = page[page.length - 1]._id
    }
    if (count > 0) rewritten[collection] = count
    total += count
  }
  return { rewritten, total }
}
