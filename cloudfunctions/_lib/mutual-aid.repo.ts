import { database } from './cloud'
import { db, readPages } from './files.repo'
import { findIdentityByOwner } from './identities.repo'
import { readAll } from './orgs.repo'
import { query } from './stations.requests'
import { contains } from './membership.repo'
import { txGet, type Tx } from './transaction'
import type { RequestBase } from './requests'
import type { StepInfo } from './membership.repo'
import { emptyLedger, ledgerId, type ClaimFacts, type Enrollment, type Ledger, type PlanRuleVersion } from '../../src/domain/mutual-aid/mutual-aid.rules'
import type { ClaimRejectReason, ClaimState, DocKind, OverrideReason, PlanKind } from '../../src/domain/mutual-aid/mutual-aid.constants'

/** 互助保障 records (server-only collections; see src/domain/mutual-aid/CONTRACT.md). The only code touching them. */
export const PLANS = 'aidPlans'
export const ENROLLMENTS = 'aidEnrollments'
export const CLAIMS = 'aidClaims'
export const LEDGERS = 'aidLedgers'
export const ONCE = 'aidOnce'
export const IMPORTS = 'aidImports'
export const CLAIM_LOCKS = 'aidClaimLocks'
export const CLAIM_TYPE = 'mutualAidClaim'

/**
 * One term of a member in a plan, from a unit's list (`_id` = enrollmentKey(memberKey, planId, termStart)).
 * The union's record about a person, not the WeChat user's: it carries no openid.
 */
export interface EnrollmentRecord extends Enrollment {
  _id: string
  /** Random id shown to staff (the `_id` holds the blind index, which stays on the server). */
  rowId: string
  /** Blind index of the ID number (= `identities` `_id` of the person, once they store it). */
  memberKey: string
  name: string
  maskedId: string
  /** The unit that enrolled the member, and its path: staff scope and the holder of their claims. */
  orgId: string
  orgPath: string[]
  importId: string
  createdAt: Date
  updatedAt: Date
}

export interface ClaimRecord extends RequestBase<ClaimState> {
  type: typeof CLAIM_TYPE
  orgPath: string[]
  memberKey: string
  /** Name and masked ID number as the unit's list has them. */
  name: string
  maskedId: string
  planId: string
  planName: string
  kind: PlanKind
  /** `effectiveFrom` of the rule version that judged it (the event date's). */
  ruleFrom: string
  facts: ClaimFacts
  eventDate: string
  eventKey: string
  once: boolean
  ledgerYear: number
  shares: number
  /** The payout computed on submission, with its arithmetic. */
  computedFen: number
  computedSteps: string[]
  /** Last day of the claim window (Shanghai) and its end as an instant: for the reminders issue. */
  windowLastDay: string
  windowDueAt: Date
  documents: Partial<Record<DocKind, string[]>>
  /** The bank card, encrypted with the claim id as context, and its last four digits. */
  bankCardEnc: string
  bankCardTail: string
  note: string | null
  /** Content security said "review" for a note. */
  flagged: boolean
  askedDocuments: DocKind[]
  askNote: string | null
  approvedFen: number | null
  approvedSteps: string[]
  overrideReason: OverrideReason | null
  overrideNote: string | null
  rejectReason: ClaimRejectReason | null
  rejectNote: string | null
  paymentRef: string | null
  paidDate: string | null
  paidFen: number | null
  steps: StepInfo[]
  decidedAt?: Date
  decidedBy?: string
}

/** One open claim per member, plan and event: written by every submit and every step that ends a claim. */
export interface ClaimLockRecord {
  openClaimId: string | null
  updatedAt: Date
}

export interface ImportRecord {
  _id: string
  orgId: string
  orgPath: string[]
  fileName: string
  byOpenid: string
  rows: number
  created: number
  updated: number
  unchanged: number
  at: Date
}

/** Guard of a once-only event (a disease, a female class): once per member and plan, for ever. */
export const onceId = (memberKey: string, planId: string, eventKey: string): string => `${memberKey}_${planId}_${eventKey}`
export const lockId = onceId

/** The worker's member key: the blind index of their stored ID number, or null when none is stored. */
export async function memberKeyOf(openid: string): Promise<string | null> {
  return (await findIdentityByOwner(openid))?._id ?? null
}

// ---------------------------------------------------------------------------------------------------
// Rule versions

type StoredRule = PlanRuleVersion & { _id: string; updatedAt?: Date; updatedBy?: string }

export const planDocId = (r: Pick<PlanRuleVersion, 'planId' | 'effectiveFrom'>): string => `${r.planId}_${r.effectiveFrom}`

/** Every rule version, ordered by plan and first day. */
export async function loadVersions(): Promise<PlanRuleVersion[]> {
  const docs = await readPages<StoredRule>(db().collection(PLANS).where({}))
  return docs
    .map(({ _id: _doc, updatedAt: _at, updatedBy: _by, ...rule }) => rule as PlanRuleVersion)
    .sort((a, b) => (a.planId === b.planId ? a.effectiveFrom.localeCompare(b.effectiveFrom) : a.planId.localeCompare(b.planId)))
}

export async function saveVersion(tx: Tx, rule: PlanRuleVersion, now: Date, by: string): Promise<{ existing: PlanRuleVersion | null }> {
  const id = planDocId(rule)
  const existing = await txGet<StoredRule>(tx, PLANS, id)
  await tx.collection(PLANS).doc(id).set({ data: { ...rule, updatedAt: now, updatedBy: by } })
  return { existing }
}

// ---------------------------------------------------------------------------------------------------
// Enrollments

export async function enrollmentsOf(memberKey: string): Promise<EnrollmentRecord[]> {
  return readPages<EnrollmentRecord>(db().collection(ENROLLMENTS).where({ memberKey }))
}

/** Enrollments by `_id` (at most 100 per read), missing ones left out. */
export async function enrollmentsByIds(ids: readonly string[]): Promise<Map<string, EnrollmentRecord>> {
  const out = new Map<string, EnrollmentRecord>()
  const unique = [...new Set(ids)]
  for (let i = 0; i < unique.length; i += 100) {
    const docs = await readAll<EnrollmentRecord>(query(ENROLLMENTS, { _id: database().command.in(unique.slice(i, i + 100)) }))
    for (const d of docs) out.set(d._id, d)
  }
  return out
}

/** Enrollments in `scope` (requestScope), optionally of one unit, of one person (member key) or a name part. */
export async function listEnrollments(scope: Record<string, unknown>, f: { orgId?: string; memberKey?: string; name?: string }, offset: number, limit: number): Promise<EnrollmentRecord[]> {
  const where = { ...scope, ...(f.orgId ? { orgId: f.orgId } : {}), ...(f.memberKey ? { memberKey: f.memberKey } : {}), ...(f.name ? { name: contains(f.name) } : {}) }
  const res = (await query(ENROLLMENTS, where).orderBy('name', 'asc').orderBy('_id', 'asc').skip(offset).limit(limit).get()) as { data: EnrollmentRecord[] }
  return res.data
}

// ---------------------------------------------------------------------------------------------------
// Inside transactions (database work only)

/** The member's ledger of a plan and year as read in `tx` (an empty one when none exists yet). */
export async function ledgerIn(tx: Tx, memberKey: string, planId: string, year: number): Promise<Ledger> {
  const doc = await txGet<Ledger & { _id: string }>(tx, LEDGERS, ledgerId(memberKey, planId, year))
  if (!doc) return emptyLedger(memberKey, planId, year)
  return { memberKey: doc.memberKey, planId: doc.planId, year: doc.year, paidFen: doc.paidFen, approvedFen: doc.approvedFen, events: [...doc.events] }
}

export async function writeLedger(tx: Tx, ledger: Ledger, now: Date): Promise<void> {
  await tx.collection(LEDGERS).doc(ledgerId(ledger.memberKey, ledger.planId, ledger.year)).set({ data: { ...ledger, updatedAt: now } })
}

export async function onceGuardIn(tx: Tx, memberKey: string, planId: string, eventKey: string): Promise<{ claimId: string } | null> {
  return txGet<{ claimId: string }>(tx, ONCE, onceId(memberKey, planId, eventKey))
}

/** Creates the guard of a once-only event (an insert: it fails if the guard exists). */
export async function addOnceGuard(tx: Tx, c: Pick<ClaimRecord, '_id' | 'memberKey' | 'planId' | 'eventKey'>, now: Date): Promise<void> {
  await tx.collection(ONCE).add({ data: { _id: onceId(c.memberKey, c.planId, c.eventKey), memberKey: c.memberKey, planId: c.planId, eventKey: c.eventKey, claimId: c._id, at: now } })
}

export async function claimLockIn(tx: Tx, memberKey: string, planId: string, eventKey: string): Promise<ClaimLockRecord | null> {
  return txGet<ClaimLockRecord>(tx, CLAIM_LOCKS, lockId(memberKey, planId, eventKey))
}

export async function setClaimLock(tx: Tx, c: Pick<ClaimRecord, 'memberKey' | 'planId' | 'eventKey'>, openClaimId: string | null, now: Date): Promise<void> {
  await tx.collection(CLAIM_LOCKS).doc(lockId(c.memberKey, c.planId, c.eventKey)).set({ data: { openClaimId, updatedAt: now } })
}

/** The claim has ended (rejected, withdrawn, approved): the event may be claimed again (the ledger still refuses a paid one). */
export async function releaseClaimLock(tx: Tx, c: Pick<ClaimRecord, '_id' | 'memberKey' | 'planId' | 'eventKey'>, now: Date): Promise<void> {
  const lock = await claimLockIn(tx, c.memberKey, c.planId, c.eventKey)
  if (lock?.openClaimId === c._id) await setClaimLock(tx, c, null, now)
}

// ---------------------------------------------------------------------------------------------------
// Claims

/** Every claim matching `where`, page by page, up to `max` (the export). */
export async function allClaims(where: Record<string, unknown>, max: number): Promise<ClaimRecord[]> {
  return readAll<ClaimRecord>(query(CLAIMS, where), max)
}
