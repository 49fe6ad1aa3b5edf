import { database, getDocs } from './cloud'
import { auditRecord } from './audit.repo'
import { randomId } from './crypto'
import { deny, type Caller } from './handler'
import { REQUEST_ERRORS, type RequestBase } from './requests'
import type { Tx } from './transaction'
import { canReachOrg, type Scope } from '../../src/domain/auth/scope'
import { failWith, ok, type Envelope } from '../../src/domain/envelope'
import type { Actor } from '../../src/domain/requests/state-machine'
import type { ProblemCode, ReportState, SuggestionState } from '../../src/domain/stations/station.schema'

/** 报修 of a station: a request held by the station's host org. */
export interface ReportRecord extends RequestBase<ReportState> {
  type: 'stationReport'
  /** Host org and its ancestors: staff scope. */
  orgPath: string[]
  stationId: string
  stationName: string
  problem: ProblemCode
  text: string | null
  /** `files` ids of the worker's photos (attached to this report); absent on older reports. */
  photoFileIds?: string[]
  /** Content check said "review". */
  flagged: boolean
  replyReason: string | null
  replyNote: string | null
  decidedBy?: string
}

/** A suggested new site, held by the federation at the root of the org tree. */
export interface SuggestionRecord extends RequestBase<SuggestionState> {
  type: 'stationSuggestion'
  orgPath: string[]
  /** GeoJSON Point [lng, lat]. */
  location: unknown
  address: string
  district: string | null
  reason: string
  flagged: boolean
  replyReason: string | null
  replyNote: string | null
  decidedBy?: string
}

export const REPORTS = 'stationReports'
export const SUGGESTIONS = 'stationSuggestions'
export const OPEN_REPORT_STATES: ReportState[] = ['submitted', 'in_progress']

export interface Query {
  where(q: object): Query
  orderBy(field: string, dir: 'asc' | 'desc'): Query
  skip(n: number): Query
  limit(n: number): Query
  get(): unknown
}
/** A where() query that can be ordered and paged (the SDK's typings do not say so). */
export const query = (name: string, where: object): Query => (database().collection(name) as unknown as Query).where(where)

export async function findRequest<T>(collection: string, id: string): Promise<T | null> {
  const [doc] = await getDocs<T>(query(collection, { _id: id }).limit(1))
  return doc ?? null
}

/** Adds a report inside submitOnce's transaction, with its audit entry. */
export async function addReport(
  tx: Tx,
  caller: Caller,
  r: { stationId: string; stationName: string; hostOrgId: string; hostOrgPath: string[]; problem: ProblemCode; text: string | null; flagged: boolean; photoFileIds: string[] },
  now: Date,
  id: string = randomId(),
): Promise<string> {
  const doc: ReportRecord = {
    _id: id,
    type: 'stationReport',
    ownerOpenid: caller.openid,
    orgId: r.hostOrgId,
    orgPath: r.hostOrgPath,
    stationId: r.stationId,
    stationName: r.stationName,
    problem: r.problem,
    text: r.text,
    photoFileIds: r.photoFileIds,
    flagged: r.flagged,
    state: 'submitted',
    version: 1,
    replyReason: null,
    replyNote: null,
    createdAt: now,
    updatedAt: now,
  }
  await tx.collection(REPORTS).add({ data: { ...doc } })
  await tx.collection('audit').add({ data: auditRecord(caller, { action: 'stationReport.submit', target: { type: 'stationReport', id }, orgId: r.hostOrgId, to: 'submitted', detail: { stationId: r.stationId, problem: r.problem, photos: r.photoFileIds.length } }, now) })
  return id
}

export async function addSuggestion(
  tx: Tx,
  caller: Caller,
  s: { location: unknown; address: string; district: string | null; reason: string; flagged: boolean; rootOrgId: string },
  now: Date,
): Promise<string> {
  const id = randomId()
  const doc: SuggestionRecord = {
    _id: id,
    type: 'stationSuggestion',
    ownerOpenid: caller.openid,
    orgId: s.rootOrgId,
    orgPath: [s.rootOrgId],
    location: s.location,
    address: s.address,
    district: s.district,
    reason: s.reason,
    flagged: s.flagged,
    state: 'submitted',
    version: 1,
    replyReason: null,
    replyNote: null,
    createdAt: now,
    updatedAt: now,
  }
  await tx.collection(SUGGESTIONS).add({ data: { ...doc } })
  await tx.collection('audit').add({ data: auditRecord(caller, { action: 'stationSuggestion.submit', target: { type: 'stationSuggestion', id }, orgId: s.rootOrgId, to: 'submitted' }, now) })
  return id
}

export async function listOwn<T>(collection: string, openid: string, offset: number, limit: number): Promise<T[]> {
  return getDocs<T>(query(collection, { ownerOpenid: openid }).orderBy('createdAt', 'desc').orderBy('_id', 'desc').skip(offset).limit(limit))
}

export const scopeOf = (caller: Pick<Caller, 'role' | 'user'>): Scope => ({ role: caller.role, orgId: caller.user?.orgId ?? null })

/** Whether staff reach a record held by an org whose path (ancestors + itself) is `orgPath`. */
export const reachesPath = (caller: Pick<Caller, 'role' | 'user'>, orgPath: readonly string[]): boolean =>
  orgPath.length > 0 && canReachOrg(scopeOf(caller), { id: orgPath[orgPath.length - 1], path: orgPath.slice(0, -1) })

/** A request for a staff action: not found, or an audited refusal outside the caller's scope. */
export async function heldInScope<T extends { orgPath: string[] }>(caller: Caller, collection: string, type: string, id: string): Promise<Envelope<T>> {
  const doc = await findRequest<T>(collection, id)
  if (!doc) return failWith(REQUEST_ERRORS.NOT_FOUND)
  if (!reachesPath(caller, doc.orgPath)) return deny(caller, { type, id })
  return ok(doc)
}

/** The worker's own request (to view, withdraw or resubmit); someone else's is an audited refusal. */
export async function ownRequest<T extends { ownerOpenid: string }>(caller: Caller, collection: string, type: string, id: string): Promise<Envelope<T>> {
  const doc = await findRequest<T>(collection, id)
  if (!doc) return failWith(REQUEST_ERRORS.NOT_FOUND)
  if (doc.ownerOpenid !== caller.openid) return deny(caller, { type, id })
  return ok(doc)
}

/** decide()'s actorFor for the worker's own steps. */
export const ownerOf = (caller: Pick<Caller, 'openid'>) => (doc: { ownerOpenid: string }): Actor | null => (doc.ownerOpenid === caller.openid ? 'owner' : null)

/** Requests in the caller's scope: admin all; federation their subtree (`orgPath`); grassroots their org. */
export function requestScope(caller: Pick<Caller, 'role' | 'user'>): Record<string, unknown> | null {
  const own = caller.user?.orgId ?? null
  switch (caller.role) {
    case 'admin':
      return {}
    case 'federation_staff':
      return own ? { orgPath: own } : null
    case 'grassroots_staff':
      return own ? { orgId: own } : null
    default:
      return null
  }
}

/** Requests matching `where`, newest first (or oldest first: staff queues work from the oldest). */
export async function listScoped<T>(collection: string, where: Record<string, unknown>, offset: number, limit: number, dir: 'asc' | 'desc' = 'desc'): Promise<T[]> {
  return getDocs<T>(query(collection, where).orderBy('createdAt', dir).orderBy('_id', dir).skip(offset).limit(limit))
}

/** One page of a staff list: reads one extra record to know whether there is a next page. */
export async function scopedPage<R, V>(
  collection: string,
  where: Record<string, unknown>,
  input: { cursor?: number; pageSize?: number },
  view: (r: R) => V | Promise<V>,
  dir: 'asc' | 'desc' = 'desc',
): Promise<{ items: V[]; nextCursor: number | null }> {
  const size = input.pageSize ?? 20
  const offset = input.cursor ?? 0
  const docs = await listScoped<R>(collection, where, offset, size + 1, dir)
  return { items: await Promise.all(docs.slice(0, size).map(view)), nextCursor: docs.length > size ? offset + size : null }
}

/** Open reports (submitted or being fixed) per station. */
export async function openReportCounts(stationIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  if (stationIds.length === 0) return out
  const db = database()
  const _ = db.command
  const agg = (db.collection(REPORTS) as unknown as {
    aggregate(): { match(o: object): { group(o: object): { end(): Promise<{ list: Array<{ _id: string; n: number }> }> } } }
  }).aggregate()
  const res = await agg.match({ stationId: _.in([...stationIds]), state: _.in(OPEN_REPORT_STATES) }).group({ _id: '$stationId', n: _.aggregate.sum(1) }).end()
  for (const r of res.list) out.set(r._id, r.n)
  return out
}

/** The org at the root of the tree (the county federation), which holds site suggestions. */
export async function rootOrgId(): Promise<string | null> {
  const [root] = await getDocs<{ _id: string }>(query('orgs', { parentId: null }).orderBy('_id', 'asc').limit(1))
  return root?._id ?? null
}
