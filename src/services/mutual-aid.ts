// Calls of the `mutualAid` cloud function (职工互助保障) and its page routes. Types only from the contract,
// so the main package (which imports the routes) does not pull in zod.
import type { Envelope } from '../domain/envelope'
import type {
  AssessReply,
  ClaimDecision,
  ClaimInput,
  ClaimQueueFilter,
  ClaimReview,
  ClaimRow,
  ClaimView,
  CoverageReply,
  DecisionReply,
  EnrollmentRow,
  ExportReply,
  ImportReply,
  Page,
  PlanView,
  RulesReply,
  SubmitClaimReply,
} from '../domain/mutual-aid/mutual-aid.api'
import type { ClaimRejectReason, DocKind, OverrideReason } from '../domain/mutual-aid/mutual-aid.constants'
import type { RuleVersionInput } from '../domain/mutual-aid/mutual-aid.schema'
import { callFunction } from './transport'

// ---- routes ----------------------------------------------------------------------------------------

/** 互助保障 for workers: 我的保障 (coverage), the claim wizard, my claims and one claim. */
export const AID_PAGE = '/subpackages/aid/pages/index/index'
export const AID_CLAIM_NEW_PAGE = '/subpackages/aid/pages/apply/index'
export const AID_CLAIMS_PAGE = '/subpackages/aid/pages/claims/index'
export const AID_CLAIM_PAGE = '/subpackages/aid/pages/claim/index'

export const STAFF_AID_IMPORT_PAGE = '/subpackages/staff/pages/aid-import/index'
export const STAFF_AID_ENROLLMENTS_PAGE = '/subpackages/staff/pages/aid-enrollments/index'
export const STAFF_AID_QUEUE_PAGE = '/subpackages/staff/pages/aid-queue/index'
export const STAFF_AID_REVIEW_PAGE = '/subpackages/staff/pages/aid-review/index'
/** 互助保障规则: staff read the rule versions, the admin adds a version. */
export const STAFF_AID_RULES_PAGE = '/subpackages/staff/pages/aid-rules/index'

// ---- the function ----------------------------------------------------------------------------------

const call = <T>(data: Record<string, unknown>) => callFunction<T>('mutualAid', data)
const paged = (data: Record<string, unknown>, cursor: number | null) => (cursor ? { ...data, cursor } : data)
const withNote = (note?: string) => (note?.trim() ? { note: note.trim() } : {})

// worker

export const aidPlans = (): Promise<Envelope<{ plans: PlanView[] }>> => call({ action: 'plans' })

export const myCoverage = (): Promise<Envelope<CoverageReply>> => call({ action: 'coverage' })

export const assessClaim = (claim: ClaimInput): Promise<Envelope<AssessReply>> => call({ action: 'assess', claim })

export const submitClaim = (key: string, claim: ClaimInput, bankCard: string, note?: string): Promise<Envelope<SubmitClaimReply>> =>
  call({ action: 'submit', key, claim, bankCard, ...withNote(note) })

export const myClaims = (cursor: number | null = null): Promise<Envelope<Page<ClaimView>>> => call(paged({ action: 'myClaims' }, cursor))

export const claimDetail = (id: string): Promise<Envelope<ClaimView>> => call({ action: 'claimDetail', id })

export const resubmitClaim = (id: string, version: number, documents: Partial<Record<DocKind, string[]>>, note?: string): Promise<Envelope<SubmitClaimReply>> =>
  call({ action: 'resubmit', id, version, documents, ...withNote(note) })

export const withdrawClaim = (id: string, version: number): Promise<Envelope<DecisionReply>> => call({ action: 'withdraw', id, version })

// staff

export const importEnrollments = (orgId: string, fileName: string, contentBase64: string, dryRun = false): Promise<Envelope<ImportReply>> =>
  call({ action: 'importEnrollments', orgId, fileName, contentBase64, ...(dryRun ? { dryRun: true } : {}) })

export const listEnrollments = (f: { orgId?: string; q?: string }, cursor: number | null = null): Promise<Envelope<Page<EnrollmentRow>>> =>
  call(paged({ action: 'enrollments', ...(f.orgId ? { orgId: f.orgId } : {}), ...(f.q?.trim() ? { q: f.q.trim() } : {}) }, cursor))

export const claimQueue = (filter: ClaimQueueFilter = 'todo', cursor: number | null = null): Promise<Envelope<Page<ClaimRow>>> =>
  call(paged({ action: 'claimQueue', filter }, cursor))

export const claimReview = (id: string): Promise<Envelope<ClaimReview>> => call({ action: 'claimReview', id })

export interface ClaimDecisionFields {
  id: string
  version: number
  decision: ClaimDecision
  amountFen?: number
  overrideReason?: OverrideReason
  rejectReason?: ClaimRejectReason
  items?: DocKind[]
  note?: string
}
export const decideClaim = (f: ClaimDecisionFields): Promise<Envelope<DecisionReply>> =>
  call({
    action: 'decideClaim',
    id: f.id,
    version: f.version,
    decision: f.decision,
    ...(f.amountFen !== undefined ? { amountFen: f.amountFen } : {}),
    ...(f.overrideReason ? { overrideReason: f.overrideReason } : {}),
    ...(f.rejectReason ? { rejectReason: f.rejectReason } : {}),
    ...(f.items?.length ? { items: f.items } : {}),
    ...withNote(f.note),
  })

export const markClaimPaid = (id: string, version: number, paymentRef: string, paidDate: string): Promise<Envelope<DecisionReply>> =>
  call({ action: 'markPaid', id, version, paymentRef, paidDate })

export const revealBankCard = (id: string): Promise<Envelope<{ bankCard: string }>> => call({ action: 'revealBankCard', id })

export const exportClaims = (f: { year?: number; orgId?: string } = {}): Promise<Envelope<ExportReply>> =>
  call({ action: 'exportClaims', ...(f.year ? { year: f.year } : {}), ...(f.orgId ? { orgId: f.orgId } : {}) })

export const aidRules = (): Promise<Envelope<RulesReply>> => call({ action: 'rules' })

export const saveRuleVersion = (rule: RuleVersionInput): Promise<Envelope<RulesReply>> => call({ action: 'saveRuleVersion', rule })
