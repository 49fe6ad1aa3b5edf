/**
 * The contract of the `legalAid` cloud function (法律援助, issue 7): events (zod, shared by pages and the
 * function) and replies. Inputs come from legal-aid.schema.ts, rules from legal-aid.rules.ts; see
 * CONTRACT.md next to this file.
 */
import * as z from '../zod'
import { idempotencyKey } from '../requests/idempotency'
import {
  acceptInput,
  askInput,
  assignInput,
  declineInput,
  handoverInput,
  legalAidDraft,
  legalAidRequestInput,
  legalAidRulesInput,
  outcomeInput,
  progressInput,
} from './legal-aid.schema'
import type { Eligibility, LegalAidRules, Limitation } from './legal-aid.rules'
import type {
  CaseState,
  DeclineReason,
  DisputeType,
  HelpForm,
  HelperKind,
  InfoItem,
  OutcomeKind,
  Referral,
  TriageFlag,
} from './legal-aid.constants'

const docId = z.string('缺少编号').check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, '编号不对，请刷新后再试'))
const version = z.number('缺少版本号，请刷新后再试').check(z.int(), z.minimum(1), z.maximum(1_000_000))
const cursor = z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(100_000)))
const pageSize = z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(50)))
const fileId = z.string('材料不对，请重新上传').check(z.regex(/^[0-9a-f]{32}$/, '材料不对，请重新上传'))

export const CASE_QUEUE_FILTERS = ['review', 'needs_info', 'active', 'done', 'all'] as const
export type CaseQueueFilter = (typeof CASE_QUEUE_FILTERS)[number]

/** Staff steps; each carries the matching input of legal-aid.schema.ts. */
export const caseDecision = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('startReview') }),
  z.object({ decision: z.literal('ask'), input: askInput }),
  z.object({ decision: z.literal('accept'), input: acceptInput }),
  z.object({ decision: z.literal('decline'), input: declineInput }),
  z.object({ decision: z.literal('assign'), input: assignInput }),
  z.object({ decision: z.literal('handover'), input: handoverInput }),
  z.object({ decision: z.literal('progress'), input: progressInput }),
  z.object({ decision: z.literal('close'), input: outcomeInput }),
])
export type CaseDecisionInput = z.input<typeof caseDecision>
export type CaseDecision = CaseDecisionInput['decision']

export const legalAidEvent = z.discriminatedUnion('action', [
  // worker
  z.object({ action: z.literal('saveDraft'), draft: legalAidDraft }),
  z.object({ action: z.literal('getDraft') }),
  z.object({ action: z.literal('check'), request: legalAidRequestInput }),
  z.object({ action: z.literal('submit'), key: idempotencyKey, request: legalAidRequestInput }),
  z.object({ action: z.literal('myCases'), cursor, pageSize }),
  z.object({ action: z.literal('caseDetail'), id: docId }),
  z.object({
    action: z.literal('resubmit'),
    id: docId,
    version,
    /** What the worker adds: words and files. */
    addition: z.optional(z.string().check(z.trim(), z.maxLength(1000, '补充的话最多 1000 个字'))),
    evidenceFileIds: z.optional(z.array(fileId).check(z.maxLength(9, '材料最多 9 个'))),
  }),
  z.object({ action: z.literal('withdraw'), id: docId, version }),
  // staff
  z.object({ action: z.literal('queue'), filter: z.optional(z.enum(CASE_QUEUE_FILTERS)), cursor, pageSize }),
  z.object({ action: z.literal('review'), id: docId }),
  z.object({ action: z.literal('decide'), id: docId, version, step: caseDecision }),
  z.object({ action: z.literal('revealApplicant'), id: docId }),
  z.object({ action: z.literal('exportCases'), year: z.optional(z.number().check(z.int(), z.minimum(2020), z.maximum(2100))) }),
  // rule table (read: staff; write: admin)
  z.object({ action: z.literal('rules') }),
  z.object({ action: z.literal('saveRules'), rules: legalAidRulesInput }),
])
export type LegalAidEvent = z.infer<typeof legalAidEvent>

// ---------------------------------------------------------------------------------------------------
// Replies

export interface Page<T> {
  items: T[]
  nextCursor: number | null
}

export interface DraftReply {
  /** Null when none is saved. */
  draft: z.infer<typeof legalAidDraft> | null
  savedAt: string | null
}

/** The check before submitting: shown to the worker in plain words. */
export interface CheckReply {
  eligibility: Eligibility
  limitation: Limitation
  /** Which union will hold the request and why (the worker's own union / where the employer is / the federation). */
  orgName: string
  /** Review deadline if submitted now (YYYY-MM-DD) and in words. */
  reviewDueDate: string
  reviewDueLabel: string
  /** 群体性 / fast track, said kindly ("人多的事，工会优先办"). */
  notes: string[]
}

export interface TimelineStep {
  at: string
  label: string
  who: string
  note: string | null
}

export interface HelperView {
  kind: HelperKind
  kindLabel: string
  name: string
  /** The helper's work phone (public duty number: shown in full to the worker of the case). */
  phone: string
  org: string | null
}

export interface OutcomeView {
  kind: OutcomeKind
  kindLabel: string
  recoveredFen: number
  /** "12,000 元" */
  recoveredText: string
  workersHelped: number
  note: string | null
}

export interface CaseView {
  id: string
  state: CaseState
  stateLabel: string
  version: number
  disputeType: DisputeType
  disputeLabel: string
  employerName: string
  orgName: string
  submittedAt: string
  /** Review deadline while the union has to answer (null while waiting for the worker or once decided). */
  reviewDueDate: string | null
  dueText: string | null
  eligibility: Eligibility
  limitation: Limitation
  askedItems: Array<{ code: InfoItem; label: string }>
  askNote: string | null
  decline: { code: DeclineReason; label: string; next: string; referral: Referral; referralLabel: string; note: string | null } | null
  helpForms: Array<{ code: HelpForm; label: string }>
  helper: HelperView | null
  outcome: OutcomeView | null
  history: TimelineStep[]
  evidenceCount: number
  canWithdraw: boolean
  canResubmit: boolean
}

export interface SubmitReply {
  id: string
  state: CaseState
  stateLabel: string
  version: number
  orgName: string
  reviewDueDate: string
}

export interface CaseRow {
  id: string
  state: CaseState
  stateLabel: string
  version: number
  /** 李*国 */
  maskedName: string
  disputeLabel: string
  employerName: string
  orgId: string
  orgName: string
  submittedAt: string
  amountText: string | null
  workersAffected: number
  migrant: boolean
  /** Triage: higher first; flags in plain labels. */
  score: number
  flags: Array<{ code: TriageFlag; label: string }>
  limitationLastDay: string | null
  limitationStatus: Limitation['status']
  dueText: string | null
  overdue: boolean
}

export interface CaseReview extends CaseRow {
  facts: string
  employer: { name: string; creditCode: string | null; address: string | null; contact: string | null }
  keyFacts: Array<{ label: string; value: string }>
  eligibility: Eligibility
  limitation: Limitation
  evidence: Array<{ fileId: string; url: string; mime: string; purpose: string }>
  helper: HelperView | null
  outcome: OutcomeView | null
  history: TimelineStep[]
  askedItems: Array<{ code: InfoItem; label: string }>
  /** What this staff member may do now. */
  actions: CaseDecision[]
  handoverTargets: Array<{ id: string; name: string; kindLabel: string }>
}

export interface DecisionReply {
  id: string
  state: CaseState
  version: number
}

export interface ExportReply {
  fileName: string
  contentBase64: string
  rows: number
}

export interface RulesReply {
  rules: LegalAidRules
}
