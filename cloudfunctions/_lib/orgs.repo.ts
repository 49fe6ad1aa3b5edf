import { database, getDocs } from './cloud'
import { randomId } from './crypto'
import { auditRecord } from './audit.repo'
import { inTransaction, Rollback, txGet, type Tx } from './transaction'
import type { Caller } from './handler'
import { failWith, ok, type Envelope } from '../../src/domain/envelope'
import type { OrgKind } from '../../src/domain/org/org'
import type { Role } from '../../src/domain/session/session.schema'
import { ORG_ERR } from '../../src/domain/staff/staff.schema'

export type { OrgKind }

export interface OrgRecord {
  _id: string
  name: string
  kind: OrgKind
  parentId: string | null
  /** Ancestor ids from the root down, for subtree queries. */
  path: string[]
  /** 新组建日期 (YYYY-MM-DD, Shanghai): counted in that year's 新组建工会 (figures.rules.ts). */
  formedAt?: string | null
  /** Compare-and-set token of updateOrg / moveOrg; absent on old documents = 1. */
  version?: number
  createdAt?: Date
  updatedAt?: Date
  /** Written whenever a child is added, renamed or moved in: concurrent changes among siblings conflict. */
  childrenChangedAt?: Date
}

export const ORGS = 'orgs'
/** One copy of an org per version: who changed it, when, and its fields after the change. */
export const ORG_VERSIONS = 'orgVersions'

const orgs = () => database().collection(ORGS)

export const versionOf = (org: Pick<OrgRecord, 'version'>): number => org.version ?? 1

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

// ---- changes (admin) -----------------------------------------------------------------------------
// Every write to `orgs` runs in inTransaction: the projections there keep the 新组建工会 counters in step.

type Changer = Pick<Caller, 'openid' | 'role' | 'user'>
type OrgChange = 'create' | 'update' | 'move'

/** Whether another child of `parentId` already has this name. */
async function nameTaken(parentId: string, name: string, exceptId: string | null): Promise<boolean> {
  const same = await getDocs<OrgRecord>(orgs().where({ parentId, name }).limit(2))
  return same.some((o) => o._id !== exceptId)
}

/**
 * Marks a change among the children of `parentId` inside the transaction. Two changes under one parent
 * (two creates with one name, a move each way between two orgs) then write the same document, and the
 * later commit conflicts and retries against what the first wrote: a query alone would not see it.
 */
async function touchChildren(tx: Tx, parentId: string, now: Date): Promise<void> {
  await tx.collection(ORGS).doc(parentId).update({ data: { childrenChangedAt: now } })
}

const stripId = (org: OrgRecord): Omit<OrgRecord, '_id'> => {
  const { _id, ...rest } = org
  void _id
  return rest
}

async function recordOrgVersion(tx: Tx, org: OrgRecord, change: OrgChange, caller: Changer, now: Date): Promise<void> {
  const version = versionOf(org)
  await tx.collection(ORG_VERSIONS).add({
    data: {
      _id: `${org._id}_${version}`,
      orgId: org._id,
      version,
      change,
      name: org.name,
      kind: org.kind,
      parentId: org.parentId,
      path: org.path,
      formedAt: org.formedAt ?? null,
      byOpenid: caller.openid,
      byUserId: caller.user?._id ?? null,
      at: now,
    },
  })
}

async function rollbackReply<T>(work: () => Promise<Envelope<T>>): Promise<Envelope<T>> {
  try {
    return await work()
  } catch (e) {
    if (e instanceof Rollback) return e.reply
    throw e
  }
}

const refuse = (e: { code: string; message: string }, field?: string) => new Rollback(failWith(e, field ? { [field]: e.message } : undefined))

/** Adds an org under `parentId`, with its first version and the audit entry, in one transaction. */
export function createOrg(
  caller: Changer,
  input: { name: string; kind: OrgKind; parentId: string; formedAt: string | null },
  now: Date,
): Promise<Envelope<OrgRecord>> {
  const id = `org-${randomId()}`
  return rollbackReply(() =>
    inTransaction(async (tx) => {
      const parent = await txGet<OrgRecord>(tx, ORGS, input.parentId)
      if (!parent) throw refuse(ORG_ERR.PARENT_NOT_FOUND, 'parentId')
      await touchChildren(tx, parent._id, now)
      if (await nameTaken(parent._id, input.name, null)) throw refuse(ORG_ERR.NAME_TAKEN, 'name')
      const org: OrgRecord = {
        _id: id,
        name: input.name,
        kind: input.kind,
        parentId: parent._id,
        path: [...parent.path, parent._id],
        formedAt: input.formedAt,
        version: 1,
        createdAt: now,
        updatedAt: now,
      }
      await tx.collection(ORGS).add({ data: { _id: id, ...stripId(org) } })
      await recordOrgVersion(tx, org, 'create', caller, now)
      await tx.collection('audit').add({
        data: auditRecord(caller, { action: 'org.create', target: { type: 'org', id }, orgId: id, to: org.name, detail: { kind: org.kind, parentId: parent._id, formedAt: org.formedAt ?? null } }, now),
      })
      return ok(org)
    }),
  )
}

/** Renames an org and/or sets or clears its 新组建日期 (`formedAt` undefined = unchanged). */
export function updateOrg(
  caller: Changer,
  input: { id: string; version: number; name?: string; formedAt?: string | null },
  now: Date,
): Promise<Envelope<OrgRecord>> {
  return rollbackReply(() =>
    inTransaction(async (tx) => {
      const org = await txGet<OrgRecord>(tx, ORGS, input.id)
      if (!org) throw refuse(ORG_ERR.NOT_FOUND)
      if (versionOf(org) !== input.version) throw refuse(ORG_ERR.STALE)
      const name = input.name ?? org.name
      const formedAt = input.formedAt === undefined ? (org.formedAt ?? null) : input.formedAt
      if (name === org.name && formedAt === (org.formedAt ?? null)) return ok(org)
      if (name !== org.name && org.parentId) {
        await touchChildren(tx, org.parentId, now)
        if (await nameTaken(org.parentId, name, org._id)) throw refuse(ORG_ERR.NAME_TAKEN, 'name')
      }
      const version = versionOf(org) + 1
      const next: OrgRecord = { ...org, name, formedAt, version, updatedAt: now }
      await tx.collection(ORGS).doc(org._id).update({ data: { name, formedAt, version, updatedAt: now } })
      await recordOrgVersion(tx, next, 'update', caller, now)
      await tx.collection('audit').add({
        data: auditRecord(
          caller,
          {
            action: 'org.update',
            target: { type: 'org', id: org._id },
            orgId: org._id,
            from: String(versionOf(org)),
            to: String(version),
            detail: { nameFrom: org.name, nameTo: name, formedAtFrom: org.formedAt ?? null, formedAtTo: formedAt },
          },
          now,
        ),
      })
      return ok(next)
    }),
  )
}

/** Thrown when the subtree gained an org while a move ran: inTransaction retries on it. */
const subtreeChanged = () => new Error('TRANSACTION_CONFLICT: the org subtree changed during the move')

const subtreeIds = async (orgId: string): Promise<string[]> => (await readAll<OrgRecord>(orgs().where({ path: orgId }))).map((o) => o._id)

/**
 * Moves an org under another parent, rewriting the `path` of the org and of every org below it in one
 * transaction (the records that keep org paths follow in org-move.ts). Already under that parent: nothing
 * changes (`moved: false`), so a retry after a crash can go on to finish the records.
 */
export function moveOrg(
  caller: Changer,
  input: { id: string; version: number; parentId: string },
  now: Date,
): Promise<Envelope<{ org: OrgRecord; moved: boolean; descendants: number }>> {
  return rollbackReply<{ org: OrgRecord; moved: boolean; descendants: number }>(() =>
    inTransaction(async (tx) => {
      const org = await txGet<OrgRecord>(tx, ORGS, input.id)
      if (!org) throw refuse(ORG_ERR.NOT_FOUND)
      if (org.parentId === null) throw refuse(ORG_ERR.ROOT)
      if (org.parentId === input.parentId) return ok({ org, moved: false, descendants: 0 })
      if (versionOf(org) !== input.version) throw refuse(ORG_ERR.STALE)
      if (input.parentId === org._id) throw refuse(ORG_ERR.CYCLE, 'parentId')
      const parent = await txGet<OrgRecord>(tx, ORGS, input.parentId)
      if (!parent) throw refuse(ORG_ERR.PARENT_NOT_FOUND, 'parentId')
      if (parent.path.includes(org._id)) throw refuse(ORG_ERR.CYCLE, 'parentId')
      await touchChildren(tx, parent._id, now)
      if (await nameTaken(parent._id, org.name, org._id)) throw refuse(ORG_ERR.NAME_TAKEN, 'parentId')

      const path = [...parent.path, parent._id]
      const below = await subtreeIds(org._id)
      for (const id of below) {
        const d = await txGet<OrgRecord>(tx, ORGS, id)
        const at = d ? d.path.indexOf(org._id) : -1
        if (!d || at < 0) continue
        await tx.collection(ORGS).doc(id).update({ data: { path: [...path, ...d.path.slice(at)], updatedAt: now } })
      }
      // Every org below is now pinned: one added before the pins shows up here, one after conflicts at commit.
      const known = new Set(below)
      if ((await subtreeIds(org._id)).some((id) => !known.has(id))) throw subtreeChanged()

      const version = versionOf(org) + 1
      const next: OrgRecord = { ...org, parentId: parent._id, path, version, updatedAt: now }
      await tx.collection(ORGS).doc(org._id).update({ data: { parentId: parent._id, path, version, updatedAt: now } })
      await recordOrgVersion(tx, next, 'move', caller, now)
      await tx.collection('audit').add({
        data: auditRecord(
          caller,
          { action: 'org.move', target: { type: 'org', id: org._id }, orgId: org._id, from: org.parentId, to: parent._id, detail: { version, descendants: below.length } },
          now,
        ),
      })
      return ok({ org: next, moved: true, descendants: below.length })
    }),
  )
}
