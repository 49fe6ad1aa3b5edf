import { database, getDocs } from './cloud'
import { db, readPages } from './files.repo'
import { findOrg, findOrgsByIds, readAll, type OrgRecord } from './orgs.repo'
import { txGet, type Tx } from './transaction'
import { query } from './stations.requests'
import type { RequestBase } from './requests'
import { ok, failWith, type Envelope } from '../../src/domain/envelope'
import { WorkCalendar, type HolidayCalendar } from '../../src/domain/calendar/working-days'
import { DEMO_MEMBERSHIP_RULES, routeApplication, type EmployerFacts, type MembershipRules, type Route } from '../../src/domain/membership/membership.rules'
import {
  MEMBERSHIP_ERR,
  type ApplicationState,
  type EmployerInput,
  type EmploymentType,
  type IncomeSource,
  type InfoItem,
  type MembershipStatus,
  type PlatformCode,
  type RejectReason,
  type RemoteUnion,
  type RouteReason,
  type TransferReason,
  type TransferRejectReason,
  type TransferState,
  type WorkPlace,
} from '../../src/domain/membership/membership.schema'

/** 入会 records (server-only collections; see src/domain/membership/CONTRACT.md). The only code touching them. */
export const APPLICATIONS = 'memberApplications'
export const PERSONS = 'memberPersons'
export const MEMBERSHIPS = 'memberships'
export const TRANSFERS = 'memberTransfers'

/** What a timeline step adds to the request's `history` entry of the same version. */
export interface StepInfo {
  version: number
  note: string | null
  /** Reassigned to this org. */
  toOrgId?: string
}

/** Where and how the person works, as routed (applications and transfer targets). */
export interface WorkRecord {
  employer: EmployerInput
  employerName: string
  employerDistrict: string | null
  employerAddress: string | null
  employmentType: EmploymentType
  platform: PlatformCode | null
  occupation: string
  workPlace: WorkPlace
  remoteUnion: RemoteUnion | null
  workCity: string | null
  routeReason: RouteReason
  /** 农民工 or working away from home (year-end figures). */
  migrant: boolean
}

export interface ApplicationRecord extends RequestBase<ApplicationState>, WorkRecord {
  type: 'membershipApplication'
  orgPath: string[]
  /** Blind index of the ID number: memberPersons / memberships `_id`. */
  personKey: string
  /** The ID number, encrypted with this record's id as context. */
  idEnc: string
  maskedId: string
  birthDate: string
  sex: 'male' | 'female'
  name: string
  phone: string
  incomeSource: IncomeSource
  /** Last day of the union's answer (Shanghai). */
  dueDate: string
  /** Staff moved it to another union (the route reason no longer explains it). */
  reassigned: boolean
  /** Content security said "review" for its free text. */
  flagged: boolean
  askedItems: InfoItem[]
  askNote: string | null
  rejectReason: RejectReason | null
  rejectNote: string | null
  proofFileIds: string[]
  steps: StepInfo[]
  memberNo: string | null
  decidedBy?: string
  decidedAt?: Date
}

/** One per person: links the one open application, transfer and membership (read and written in every change). */
export interface PersonRecord {
  _id: string
  openApplicationId: string | null
  openTransferId: string | null
  membershipId: string | null
  updatedAt: Date
}

export interface MembershipHistoryEntry {
  at: Date
  kind: 'joined' | 'transferred'
  orgId: string
  fromOrgId: string | null
}

export interface MembershipRecord {
  /** = personKey: one membership per person. */
  _id: string
  ownerOpenid: string
  name: string
  idEnc: string
  maskedId: string
  birthDate: string
  sex: 'male' | 'female'
  memberNo: string
  orgId: string
  orgPath: string[]
  status: MembershipStatus
  /** Bumped when the card is reissued (transfer): older QR codes verify as outdated. */
  cardVersion: number
  /** Compare-and-set token of transfers. */
  version: number
  joinedAt: Date
  joinedDate: string
  employmentType: EmploymentType
  migrant: boolean
  applicationId: string
  history: MembershipHistoryEntry[]
  createdAt: Date
  updatedAt: Date
}

export interface TransferRecord extends RequestBase<TransferState>, WorkRecord {
  type: 'membershipTransfer'
  /** The receiving union's path: it holds the request. */
  orgPath: string[]
  membershipId: string
  /** The membership's version when asked: accepting checks it is unchanged. */
  membershipVersion: number
  memberNo: string
  name: string
  maskedId: string
  fromOrgId: string
  fromOrgPath: string[]
  reason: TransferReason
  flagged: boolean
  rejectReason: TransferRejectReason | null
  rejectNote: string | null
  steps: StepInfo[]
  decidedAt: Date | null
  decidedBy?: string
}

export interface EmployerRecord {
  _id: string
  name: string
  district: string | null
  unionOrgId: string | null
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** A case-insensitive "contains" condition for a where() (the text is matched literally). */
export const contains = (q: string) => database().RegExp({ regexp: escapeRegExp(q), options: 'i' })

/** The database as a reader with a transaction's `doc(id).get()` (reads the same code does inside one). */
export const plainReader = (): Tx => db() as unknown as Tx

export const readDoc = <T>(collection: string, id: string): Promise<T | null> => txGet<T>(plainReader(), collection, id)

// ---------------------------------------------------------------------------------------------------
// Configuration: rule table, holiday calendars, known employers

/** A rule table (`ruleTables/<id>`) over its demo defaults: the known fields stored, the rest from the defaults. */
export async function loadRuleTable<T extends object>(id: string, defaults: T): Promise<T> {
  const stored = await readDoc<Partial<T>>('ruleTables', id)
  if (!stored) return defaults
  const known = Object.keys(defaults) as Array<keyof T>
  return { ...defaults, ...Object.fromEntries(known.filter((k) => stored[k] !== undefined).map((k) => [k, stored[k]])) }
}

/** The union's rule table (`ruleTables/membership`) over the demo defaults. */
export const loadRules = (): Promise<MembershipRules> => loadRuleTable('membership', DEMO_MEMBERSHIP_RULES)

export async function loadCalendars(): Promise<HolidayCalendar[]> {
  const docs = await readPages<HolidayCalendar>(db().collection('calendars').where({}))
  return docs.map((c) => ({ year: c.year, holidays: c.holidays ?? [], workdays: c.workdays ?? [] })).sort((a, b) => a.year - b.year)
}

export const workCalendar = async (): Promise<WorkCalendar> => new WorkCalendar(await loadCalendars())

/** Writes one year's calendar inside the caller's transaction; returns what was stored. */
export async function saveCalendar(tx: Tx, c: HolidayCalendar, now: Date, by: string): Promise<HolidayCalendar> {
  const uniqueSorted = (list: string[]) => [...new Set(list)].sort()
  const saved: HolidayCalendar = { year: c.year, holidays: uniqueSorted(c.holidays), workdays: uniqueSorted(c.workdays) }
  await tx.collection('calendars').doc(String(c.year)).set({ data: { ...saved, updatedAt: now, updatedBy: by } })
  return saved
}

export async function searchEmployers(q: string | undefined, limit: number): Promise<EmployerRecord[]> {
  return getDocs<EmployerRecord>(query('employers', q ? { name: contains(q) } : {}).orderBy('name', 'asc').orderBy('_id', 'asc').limit(limit))
}

export interface WorkInput {
  employer: EmployerInput
  employmentType: EmploymentType
  platform?: PlatformCode
  occupation: string
  workPlace: WorkPlace
  remoteUnion?: RemoteUnion
  workCity?: string
}

/** The union that receives this work situation and why (RULES.md §1), with what to store about it. */
export interface Routed {
  route: Route
  org: OrgRecord
  work: WorkRecord
}

/** Resolves the employer, routes with the rule table, checks the union exists. */
export async function routeWork(w: WorkInput, rules: MembershipRules): Promise<Envelope<Routed>> {
  let employer: EmployerFacts
  let address: string | null = null
  if (w.employer.kind === 'known') {
    const known = await readDoc<EmployerRecord>('employers', w.employer.employerId)
    if (!known) return failWith(MEMBERSHIP_ERR.EMPLOYER_NOT_FOUND, { 'employer.employerId': MEMBERSHIP_ERR.EMPLOYER_NOT_FOUND.message })
    employer = { kind: 'known', name: known.name, unionOrgId: known.unionOrgId ?? null, district: known.district ?? null }
  } else {
    employer = { kind: 'other', name: w.employer.name, district: w.employer.district ?? null }
    address = w.employer.address || null
  }
  const route = routeApplication({ employmentType: w.employmentType, workPlace: w.workPlace, remoteUnion: w.remoteUnion, employer }, rules)
  const org = await findOrg(route.orgId)
  if (!org) return failWith(MEMBERSHIP_ERR.ORG_NOT_FOUND)
  const work: WorkRecord = {
    employer: w.employer,
    employerName: employer.name,
    employerDistrict: employer.district,
    employerAddress: address,
    employmentType: w.employmentType,
    platform: w.employmentType === 'new_forms' ? (w.platform ?? null) : null,
    occupation: w.occupation,
    workPlace: w.workPlace,
    remoteUnion: w.workPlace === 'local' ? null : (w.remoteUnion ?? null),
    workCity: w.workPlace === 'elsewhere' ? (w.workCity ?? null) : null,
    routeReason: route.reason,
    migrant: w.employmentType === 'migrant' || w.workPlace !== 'local',
  }
  return ok({ route, org, work })
}

/** Whether two work situations route the same (what a resubmission must re-route on). */
export const sameWork = (a: WorkInput, b: WorkRecord): boolean =>
  JSON.stringify([a.employer, a.employmentType, a.platform ?? null, a.workPlace, a.remoteUnion ?? null]) ===
  JSON.stringify([b.employer, b.employmentType, b.platform, b.workPlace, b.remoteUnion])

export const pathOf = (org: OrgRecord): string[] => [...org.path, org._id]

// ---------------------------------------------------------------------------------------------------
// Reads

export async function latestApplicationOf(openid: string): Promise<ApplicationRecord | null> {
  const [doc] = await getDocs<ApplicationRecord>(query(APPLICATIONS, { ownerOpenid: openid }).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(1))
  return doc ?? null
}

/** The caller's current membership (the newest, should an account ever hold two). */
export async function activeMembershipOf(openid: string): Promise<MembershipRecord | null> {
  const [doc] = await getDocs<MembershipRecord>(query(MEMBERSHIPS, { ownerOpenid: openid, status: 'active' }).orderBy('createdAt', 'desc').limit(1))
  return doc ?? null
}

export async function transfersOf(openid: string, limit: number): Promise<TransferRecord[]> {
  return getDocs<TransferRecord>(query(TRANSFERS, { ownerOpenid: openid }).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(limit))
}

export async function membershipByMemberNo(memberNo: string): Promise<MembershipRecord | null> {
  const [doc] = await getDocs<MembershipRecord>(query(MEMBERSHIPS, { memberNo }).limit(1))
  return doc ?? null
}

/** Active memberships in `scope` (requestScope), optionally one org, matching a name part or member number part. */
function membersWhere(scope: Record<string, unknown>, orgId: string | undefined, q: string | undefined): object {
  const _ = database().command
  const base = { ...scope, status: 'active', ...(orgId ? { orgId } : {}) }
  if (!q) return base
  return _.and([base, _.or([{ name: contains(q) }, { memberNo: contains(q.replace(/\s+/g, '').toUpperCase()) }])])
}

export async function listMembers(scope: Record<string, unknown>, orgId: string | undefined, q: string | undefined, offset: number, limit: number): Promise<MembershipRecord[]> {
  return getDocs<MembershipRecord>(query(MEMBERSHIPS, membersWhere(scope, orgId, q)).orderBy('memberNo', 'asc').skip(offset).limit(limit))
}

/** Every matching membership, page by page (get() returns at most 100), up to `max`. */
export async function allMembers(scope: Record<string, unknown>, orgId: string | undefined, max: number): Promise<MembershipRecord[]> {
  return readAll<MembershipRecord>(query(MEMBERSHIPS, membersWhere(scope, orgId, undefined)), max)
}

/** Org records of the ids mentioned by some records (for names), in one read per 100 ids. */
export async function orgsOf(ids: Array<string | null | undefined>): Promise<Map<string, OrgRecord>> {
  return findOrgsByIds(ids.filter((id): id is string => typeof id === 'string'))
}

// ---------------------------------------------------------------------------------------------------
// Writes inside a transaction (database work only)

export async function personIn(tx: Tx, personKey: string): Promise<PersonRecord | null> {
  return txGet<PersonRecord>(tx, PERSONS, personKey)
}

/** Writes the person's links (the document every apply and decision of this person writes, so they conflict). */
export async function setPerson(tx: Tx, personKey: string, current: PersonRecord | null, patch: Partial<Omit<PersonRecord, '_id'>>, now: Date): Promise<void> {
  const next = {
    openApplicationId: current?.openApplicationId ?? null,
    openTransferId: current?.openTransferId ?? null,
    membershipId: current?.membershipId ?? null,
    ...patch,
    updatedAt: now,
  }
  await tx.collection(PERSONS).doc(personKey).set({ data: next })
}

/** The next member number's sequence for a prefix and year, from its counter (written: concurrent approvals conflict). */
export async function nextMemberSeq(tx: Tx, prefix: string, year: number, now: Date): Promise<number> {
  const id = `memberNo:${prefix}:${year}`
  const counter = await txGet<{ seq: number }>(tx, 'counters', id)
  const seq = (counter?.seq ?? 0) + 1
  await tx.collection('counters').doc(id).set({ data: { seq, prefix, year, updatedAt: now } })
  return seq
}
