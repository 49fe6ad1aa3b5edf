/**
 * The contract of the `mutualAid` cloud function (职工互助保障, issue 6): events (zod, shared by pages and the
 * function) and replies. Inputs reuse mutual-aid.schema.ts; the rules are in mutual-aid.rules.ts. See
 * CONTRACT.md next to this file.
 */
import * as z from '../zod'
import { idempotencyKey } from '../requests/idempotency'
import { isBankCard, normaliseDigits } from '../identity/numbers'
import { claimInput, ruleVersionInput, isoDate } from './mutual-aid.schema'
import type { PlanRuleVersion, CoverageStatus, CapApplied } from './mutual-aid.rules'
import {
  CLAIM_REJECT_REASON_CODES,
  DOC_FILES_MAX,
  DOC_KIND_CODES,
  NOTE_MAX,
  OVERRIDE_REASON_CODES,
  PAYMENT_REF_MAX,
  type ClaimRejectReason,
  type ClaimState,
  type DocKind,
  type FemaleClass,
  type OverrideReason,
  type PlanKind,
} from './mutual-aid.constants'

export { claimInput }
export type { ClaimInput } from './mutual-aid.schema'

const docId = z.string('缺少编号').check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, '编号不对，请刷新后再试'))
const version = z.number('缺少版本号，请刷新后再试').check(z.int(), z.minimum(1), z.maximum(1_000_000))
const cursor = z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(100_000)))
const pageSize = z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(50)))
const note = z.optional(z.string().check(z.trim(), z.maxLength(NOTE_MAX, `说明最多 ${NOTE_MAX} 个字`)))
const fileId = z.string('材料不对，请重新上传').check(z.regex(/^[0-9a-f]{32}$/, '材料不对，请重新上传'))

/** The bank card the payout goes to: collected only with a claim, after the bank_card consent. */
export const bankCardInput = z
  .pipe(z.string('请填银行卡号'), z.transform(normaliseDigits))
  .check(z.refine(isBankCard, '银行卡号不对：应该是 12 到 19 位数字，请对着卡再核对一下'))

export const CLAIM_QUEUE_FILTERS = ['todo', 'needs_docs', 'approved', 'done', 'all'] as const
export type ClaimQueueFilter = (typeof CLAIM_QUEUE_FILTERS)[number]

export const CLAIM_DECISIONS = ['check', 'ask', 'approve', 'override', 'reject'] as const
export type ClaimDecision = (typeof CLAIM_DECISIONS)[number]

export const mutualAidEvent = z.discriminatedUnion('action', [
  // worker
  z.object({ action: z.literal('plans') }),
  z.object({ action: z.literal('coverage') }),
  z.object({ action: z.literal('assess'), claim: claimInput }),
  z.object({ action: z.literal('submit'), key: idempotencyKey, claim: claimInput, bankCard: bankCardInput, note }),
  z.object({ action: z.literal('myClaims'), cursor, pageSize }),
  z.object({ action: z.literal('claimDetail'), id: docId }),
  z.object({
    action: z.literal('resubmit'),
    id: docId,
    version,
    documents: z._default(z.partialRecord(z.enum(DOC_KIND_CODES), z.array(fileId).check(z.maxLength(DOC_FILES_MAX))), {}),
    note,
  }),
  z.object({ action: z.literal('withdraw'), id: docId, version }),
  // staff
  z.object({
    action: z.literal('importEnrollments'),
    /** The unit (grassroots org) whose list this is; must be in the caller's scope. */
    orgId: docId,
    fileName: z.string('请选择文件').check(z.trim(), z.minLength(1), z.maxLength(100)),
    contentBase64: z.string('请选择文件').check(z.maxLength(400_000, '文件太大了，请分成几个小文件')),
    dryRun: z.optional(z.boolean()),
  }),
  z.object({ action: z.literal('enrollments'), orgId: z.optional(docId), q: z.optional(z.string().check(z.trim(), z.maxLength(20))), cursor, pageSize }),
  z.object({ action: z.literal('claimQueue'), filter: z.optional(z.enum(CLAIM_QUEUE_FILTERS)), cursor, pageSize }),
  z.object({ action: z.literal('claimReview'), id: docId }),
  z.object({
    action: z.literal('decideClaim'),
    id: docId,
    version,
    decision: z.enum(CLAIM_DECISIONS, { error: '请选择怎么处理' }),
    /** override only: the amount to approve. */
    amountFen: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(1_000_000_000))),
    overrideReason: z.optional(z.enum(OVERRIDE_REASON_CODES, { error: '请选择为什么改金额' })),
    rejectReason: z.optional(z.enum(CLAIM_REJECT_REASON_CODES, { error: '请选择不能补助的原因' })),
    /** ask only: the documents to add. */
    items: z.optional(z.array(z.enum(DOC_KIND_CODES)).check(z.maxLength(DOC_KIND_CODES.length))),
    note,
  }),
  z.object({
    action: z.literal('markPaid'),
    id: docId,
    version,
    paymentRef: z.string('请填转账流水号').check(z.trim(), z.minLength(4, '转账流水号至少 4 位'), z.maxLength(PAYMENT_REF_MAX, `流水号最多 ${PAYMENT_REF_MAX} 位`)),
    paidDate: isoDate('打款日期'),
  }),
  z.object({ action: z.literal('revealBankCard'), id: docId }),
  z.object({ action: z.literal('exportClaims'), year: z.optional(z.number().check(z.int(), z.minimum(2020), z.maximum(2100))), orgId: z.optional(docId) }),
  // rule tables (read: staff; write: admin)
  z.object({ action: z.literal('rules') }),
  z.object({ action: z.literal('saveRuleVersion'), rule: ruleVersionInput }),
])
export type MutualAidEvent = z.infer<typeof mutualAidEvent>

// ---------------------------------------------------------------------------------------------------
// Replies

export interface Page<T> {
  items: T[]
  nextCursor: number | null
}

export interface PlanView {
  planId: string
  kind: PlanKind
  name: string
  /** Plain lines: what it pays, waiting period, window. */
  summary: string[]
  documents: Array<{ code: DocKind; label: string }>
  /** 重大疾病: the listed diseases the worker picks from. */
  diseases?: Array<{ code: string; label: string }>
  /** 女职工特殊疾病: what each class covers. */
  classDiseases?: Partial<Record<FemaleClass, string>>
}

export interface MyPlanCoverage {
  planId: string
  kind: PlanKind
  name: string
  shares: number
  /** YYYY-MM-DD of the term covering today (or the latest term). */
  termStart: string
  termEnd: string
  status: CoverageStatus
  /** 保障中 / 等待期（还要等 12 天） / 减额期 / 已到期 … */
  statusText: string
  waitDaysLeft: number
  /** This calendar year. */
  annualCapFen: number
  usedFen: number
  remainingFen: number
}

export interface CoverageReply {
  /** No ID number stored yet: the page asks for it (consent id_number) before anything can be found. */
  identityMissing: boolean
  plans: MyPlanCoverage[]
  /** Plans the union runs that this person is not in (to say "ask your union"). */
  otherPlans: PlanView[]
}

export interface AssessReply {
  eligible: boolean
  /** Why nothing is paid, plain sentences. */
  reasons: string[]
  payoutFen: number
  /** "自付 9,200 元 − 起付线 650 元 = 8,550 元 × 50% = 4,275 元" … */
  steps: string[]
  capApplied: CapApplied
  coverageText: string
  window: { lastDay: string; text: string; warn: boolean; open: boolean }
  documents: Array<{ code: DocKind; label: string; provided: number }>
  missingDocuments: DocKind[]
}

export interface ClaimTimelineStep {
  at: string
  label: string
  who: string
  note: string | null
}

export interface ClaimView {
  id: string
  state: ClaimState
  stateLabel: string
  version: number
  planId: string
  planName: string
  kind: PlanKind
  eventDate: string
  submittedAt: string
  /** The computed payout when submitted, and the approved amount once approved. */
  computedFen: number
  approvedFen: number | null
  steps: string[]
  /** On needs_docs: exactly which documents to add. */
  askedDocuments: Array<{ code: DocKind; label: string }>
  askNote: string | null
  rejection: { code: ClaimRejectReason; label: string; next: string; note: string | null } | null
  override: { code: OverrideReason; label: string; note: string | null } | null
  payment: { paidDate: string; amountFen: number; refTail: string } | null
  /** 尾号 1111 */
  bankCardTail: string
  /** The claim window's last day (stored for reminders). */
  windowLastDay: string
  documents: Array<{ code: DocKind; label: string; count: number }>
  history: ClaimTimelineStep[]
  canWithdraw: boolean
  canResubmit: boolean
}

export interface SubmitClaimReply {
  id: string
  state: ClaimState
  stateLabel: string
  version: number
  computedFen: number
}

export interface ClaimRow {
  id: string
  state: ClaimState
  stateLabel: string
  version: number
  name: string
  maskedIdNumber: string
  orgId: string
  orgName: string
  planName: string
  kind: PlanKind
  eventDate: string
  submittedAt: string
  computedFen: number
  approvedFen: number | null
}

export interface ClaimReview extends ClaimRow {
  facts: Array<{ label: string; value: string }>
  /** Recomputed now from the rule version of the event date and the current ledger. */
  assessment: AssessReply & { maxFen: number; annualRemainingFen: number; refusal: ClaimRejectReason | null }
  documentFiles: Array<{ code: DocKind; label: string; files: Array<{ fileId: string; url: string; mime: string }> }>
  bankCardTail: string
  history: ClaimTimelineStep[]
  /** What this staff member may do now. */
  actions: Array<ClaimDecision | 'markPaid'>
}

export interface EnrollmentRow {
  id: string
  name: string
  maskedIdNumber: string
  orgId: string
  orgName: string
  planId: string
  planName: string
  shares: number
  termStart: string
  termEnd: string
}

export interface ImportReply {
  dryRun: boolean
  rows: number
  created: number
  updated: number
  unchanged: number
}

export interface ExportReply {
  fileName: string
  contentBase64: string
  rows: number
}

export interface RulesReply {
  versions: PlanRuleVersion[]
  /** YYYY-MM-DD (Shanghai): versions effective after today can still be edited. */
  today: string
}

export interface DecisionReply {
  id: string
  state: ClaimState
  version: number
  approvedFen?: number
}
