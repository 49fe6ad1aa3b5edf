import { createHash } from 'node:crypto'
import { findOrg, readAll, type OrgRecord } from './orgs.repo'
import { query, rootOrgId } from './stations.requests'
import { activeMembershipOf, latestApplicationOf, loadRuleTable, pathOf, plainReader, readDoc } from './membership.repo'
import { txGet, type Tx } from './transaction'
import type { Caller } from './handler'
import type { RequestBase } from './requests'
import type { StepInfo } from './membership.repo'
import { DEMO_LEGAL_AID_RULES, type CaseFacts, type Eligibility, type LegalAidRules, type Limitation } from '../../src/domain/legal-aid/legal-aid.rules'
import type { CaseAction } from '../../src/domain/legal-aid/legal-aid.machine'
import type { EmployerData, HelperData, LegalAidDraft, OutcomeData } from '../../src/domain/legal-aid/legal-aid.schema'
import type { CaseState, DeclineReason, DisputeType, HelpForm, InfoItem, Referral } from '../../src/domain/legal-aid/legal-aid.constants'

/** 法律援助 records (server-only collections; see src/domain/legal-aid/CONTRACT.md). The only code touching them. */
export const CASES = 'legalCases'
export const DRAFTS = 'legalDrafts'
export const CASE_LOCKS = 'legalCaseLocks'
export const CASE_TYPE = 'legalCase'
const RULES_ID = 'legalAid'

/** What a timeline step adds to the history entry of the same version: which step it was, its note, the union it went to. */
export interface CaseStep extends StepInfo {
  action: CaseAction
  /** Files the worker added with a resubmission. */
  files?: number
}

export interface LegalCaseRecord extends RequestBase<CaseState> {
  type: typeof CASE_TYPE
  /** The holding union and its ancestors (staff scope); changes on a hand-over. */
  orgPath: string[]
  /** Why the first union holds it: the worker's own union (a member) or the federation. */
  heldAs: 'member_union' | 'federation'
  /** The applicant's name and phone as the account had them on submission (masked in staff rows, full via revealApplicant). */
  applicant: { name: string | null; phone: string | null }
  employer: EmployerData
  /** The worker's own words. */
  facts: string
  evidenceFileIds: string[]
  /** What the rules judge. */
  ruleFacts: CaseFacts
  /** Judged on submission with `rules` (the rule values used). */
  eligibility: Eligibility
  limitation: Limitation
  rules: LegalAidRules
  /** Shanghai year of the submission (exports, year-end figures). */
  year: number
  /** Content security said "review" for some free text. */
  flagged: boolean
  askedItems: InfoItem[]
  askNote: string | null
  decline: { reason: DeclineReason; referral: Referral; note: string | null } | null
  helpForms: HelpForm[]
  helper: HelperData | null
  acceptedAt: Date | null
  assignedAt: Date | null
  /** The review clock runs from here: the submission, or the last hand-over before a decision. */
  reviewStart: Date
  /** The assignment clock runs from here: the acceptance, or the hand-over of an accepted case. */
  assignStart: Date | null
  outcome: (OutcomeData & { note: string | null }) | null
  closedAt: Date | null
  /** Shanghai year of closing (money recovered counts in that year). */
  closedYear: number | null
  steps: CaseStep[]
  /** `legalCaseLocks` id of this dispute (one open case per worker, dispute type and employer). */
  lockId: string
  decidedBy?: string
}

export interface DraftRecord {
  _id: string
  ownerOpenid: string
  draft: LegalAidDraft
  savedAt: Date
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32)

// ---------------------------------------------------------------------------------------------------
// Rule table

/** The union's rule table (`ruleTables/legalAid`) over the demo defaults. */
export const loadLegalRules = (): Promise<LegalAidRules> => loadRuleTable(RULES_ID, DEMO_LEGAL_AID_RULES)

/** Writes the rule table inside the caller's transaction (with its audit entry). */
export async function saveLegalRules(tx: Tx, rules: LegalAidRules, now: Date, by: string): Promise<void> {
  await tx.collection('ruleTables').doc(RULES_ID).set({ data: { ...rules, updatedAt: now, updatedBy: by } })
}

// ---------------------------------------------------------------------------------------------------
// Drafts: one per person, `_id` = the owner key

export const draftId = (openid: string): string => sha(`legalDraft\u0000${openid}`)

export const findDraft = (openid: string): Promise<DraftRecord | null> => readDoc<DraftRecord>(DRAFTS, draftId(openid))

export async function saveDraft(openid: string, draft: LegalAidDraft, now: Date): Promise<void> {
  await plainReader().collection(DRAFTS).doc(draftId(openid)).set({ data: { ownerOpenid: openid, draft, savedAt: now } })
}

/** Deletes the draft inside the submitting transaction. */
export async function removeDraftIn(tx: Tx, openid: string): Promise<void> {
  const id = draftId(openid)
  if (await txGet(tx, DRAFTS, id)) await tx.collection(DRAFTS).doc(id).remove()
}

// ---------------------------------------------------------------------------------------------------
// One open case per worker, dispute type and employer (written by every submit and every step that ends a case)

const employerKey = (name: string) => name.replace(/[\s（）()·.,，、]/g, '').toLowerCase()
export const caseLockId = (openid: string, disputeType: DisputeType, employerName: string): string => sha(`legalCase\u0000${openid}\u0000${disputeType}\u0000${employerKey(employerName)}`)

/** The open case this lock names, if it is still the worker's and still open. */
export async function openCaseIn(tx: Tx, lockId: string, openid: string, finals: readonly CaseState[]): Promise<LegalCaseRecord | null> {
  const lock = await txGet<{ openCaseId: string | null }>(tx, CASE_LOCKS, lockId)
  const open = lock?.openCaseId ? await txGet<LegalCaseRecord>(tx, CASES, lock.openCaseId) : null
  return open && open.ownerOpenid === openid && !finals.includes(open.state) ? open : null
}

export async function setCaseLock(tx: Tx, lockId: string, openCaseId: string | null, now: Date): Promise<void> {
  await tx.collection(CASE_LOCKS).doc(lockId).set({ data: { openCaseId, updatedAt: now } })
}

/** The case has ended (declined, withdrawn, closed): the same dispute may be brought again. */
export async function releaseCaseLock(tx: Tx, c: Pick<LegalCaseRecord, '_id' | 'lockId'>, now: Date): Promise<void> {
  const lock = await txGet<{ openCaseId: string | null }>(tx, CASE_LOCKS, c.lockId)
  if (lock?.openCaseId === c._id) await setCaseLock(tx, c.lockId, null, now)
}

// ---------------------------------------------------------------------------------------------------
// Who holds a new request, who asks

/** A member's request is held by their union; anyone else's by the federation (the root of the org tree). */
export async function holderOf(openid: string): Promise<{ org: OrgRecord; orgPath: string[]; heldAs: LegalCaseRecord['heldAs'] } | null> {
  const membership = await activeMembershipOf(openid)
  const own = membership ? await findOrg(membership.orgId) : null
  if (own) return { org: own, orgPath: pathOf(own), heldAs: 'member_union' }
  const rootId = await rootOrgId()
  const root = rootId ? await findOrg(rootId) : null
  return root ? { org: root, orgPath: pathOf(root), heldAs: 'federation' } : null
}

/** The applicant's name and phone: the account's profile, else what their latest 入会 application gave. */
export async function applicantOf(caller: Caller): Promise<LegalCaseRecord['applicant']> {
  const profile = caller.user?.profile ?? {}
  if (profile.name && profile.phone) return { name: profile.name, phone: profile.phone }
  const application = await latestApplicationOf(caller.openid)
  return { name: profile.name || application?.name || null, phone: profile.phone || application?.phone || null }
}

// ---------------------------------------------------------------------------------------------------
// Reads

/** Every case matching `where`, page by page (get() returns at most 100), up to `max`. */
export async function allCases(where: Record<string, unknown>, max: number): Promise<LegalCaseRecord[]> {
  return readAll<LegalCaseRecord>(query(CASES, where), max)
}
