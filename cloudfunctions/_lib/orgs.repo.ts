import { database, getDocs } from './cloud'
import type { OrgKind } from '../../src/domain/org/org'
import type { Role } from '../../src/domain/session/session.schema'

export type { OrgKind }

export interface OrgRecord {
  _id: string
  name: string
  kind: OrgKind
  parentId: string | null
  /** Ancestor ids from the root down, for subtree queries. */
  path: string[]
}

const orgs = () => database().collection('orgs')

/** A query that can be paged; the SDK's typings do not say so, its promise API does. */
interface PagedQuery {
  orderBy(field: string, direction: 'asc' | 'desc'): PagedQuery
  skip(n: number): PagedQuery
  limit(n: number): PagedQuery
  get(): unknown
}

/** get() returns at most 100 documents: read page after page (ordered by `_id`) up to `max`. */
export async function readAll<T>(query: unknown, max = 5000): Promise<T[]> {
  const PAGE = 100
  const base = (query as PagedQuery).orderBy('_id', 'asc')
  const out: T[] = []
  for (let offset = 0; offset < max; offset += PAGE) {
    const page = await getDocs<T>(base.skip(offset).limit(PAGE))
    out.push(...page)
    if (page.length < PAGE) break
  }
  return out
}

export async function findOrg(id: string): Promise<OrgRecord | null> {
  const [org] = await getDocs<OrgRecord>(orgs().where({ _id: id }).limit(1))
  return org ?? null
}

/** Orgs by id, for naming the orgs of a list of staff or invites. */
export async function findOrgsByIds(ids: readonly string[]): Promise<Map<string, OrgRecord>> {
  const unique = [...new Set(ids)]
  const found = new Map<string, OrgRecord>()
  for (let i = 0; i < unique.length; i += 100) {
    const chunk = unique.slice(i, i + 100)
    const docs = await readAll<OrgRecord>(orgs().where({ _id: database().command.in(chunk) }))
    for (const org of docs) found.set(org._id, org)
  }
  return found
}

/**
 * The orgs a caller can reach (RULES.md §5): admin all; federation staff their org and everything
 * below it; grassroots staff their own org; anyone else none.
 */
export async function listReachableOrgs(scope: { role: Role; orgId: string | null }): Promise<OrgRecord[]> {
  const _ = database().command
  switch (scope.role) {
    case 'admin':
      return readAll<OrgRecord>(orgs().where({}))
    case 'federation_staff':
      if (!scope.orgId) return []
      return readAll<OrgRecord>(orgs().where(_.or([{ _id: scope.orgId }, { path: scope.orgId }])))
    case 'grassroots_staff': {
      const own = scope.orgId ? await findOrg(scope.orgId) : null
      return own ? [own] : []
    }
    default:
      return []
  }
}
