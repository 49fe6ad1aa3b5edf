/**
 * The contract of the `membership` cloud function (入会, 会员证, 会籍接转; RULES.md §1, §5): events (zod,
 * shared by pages and the function), replies, codes and labels. See CONTRACT.md next to this file.
 */
import * as z from '../zod'
import { idempotencyKey } from '../requests/idempotency'
import { idNumberInput } from '../privacy/privacy.schema'
import { isMobile, normaliseDigits } from '../identity/numbers'
import { isIsoDate, type HolidayCalendar } from '../calendar/working-days'
import type { EligibilityIssue, MembershipRules } from './membership.rules'

export * from './membership.constants'
import {
  ADDRESS_MAX,
  APPLICATION_DECISIONS,
  DISTRICTS,
  EMPLOYER_NAME_MAX,
  EMPLOYMENT_TYPE_CODES,
  INCOME_SOURCE_CODES,
  INFO_ITEM_CODES,
  NAME_MAX,
  NOTE_MAX,
  OCCUPATION_MAX,
  PAGE_SIZE_MAX,
  PLATFORM_CODES,
  PROOF_PHOTOS_MAX,
  REJECT_REASON_CODES,
  REMOTE_UNION_CODES,
  TRANSFER_REASON_CODES,
  TRANSFER_REJECT_REASON_CODES,
  WORK_PLACE_CODES,
} from './membership.constants'
import type {
  ApplicationDecision,
  ApplicationState,
  CardCheck,
  EmploymentType,
  InfoItem,
  RejectReason,
  RouteReason,
  TransferReason,
  TransferRejectReason,
  TransferState,
} from './membership.constants'

// ---------------------------------------------------------------------------------------------------
// Building blocks

const docId = z.string('缺少编号').check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, '编号不对，请刷新后再试'))
const version = z.number('缺少版本号，请刷新后再试').check(z.int(), z.minimum(1), z.maximum(1_000_000))
const cursor = z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(100_000)))
const pageSize = z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(PAGE_SIZE_MAX)))
const note = z.optional(z.string().check(z.trim(), z.maxLength(NOTE_MAX, `说明最多 ${NOTE_MAX} 个字`)))

/** Chinese names (with the middle dot of minority names) or names in Latin letters. */
export const personName = z.string('请填写姓名').check(
  z.trim(),
  z.minLength(1, '请填写姓名'),
  z.maxLength(NAME_MAX, `姓名最多 ${NAME_MAX} 个字`),
  z.refine((s: string) => /^[\u3400-\u9fff·•]{2,20}$/.test(s) || /^[A-Za-z][A-Za-z .·-]{1,19}$/.test(s), '姓名要和身份证上的一样，只写汉字'),
)

export const mobile = z
  .pipe(z.string('请填写手机号'), z.transform(normaliseDigits))
  .check(z.refine(isMobile, '手机号应该是 1 开头的 11 位数字，请核对一下'))

const district = z.enum(DISTRICTS, { error: '请选择单位在哪个乡镇或街道' })

/** The employer: picked from the list of known employers, or typed with where it is. */
export const employerInput = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('known'), employerId: docId }),
    z.object({
      kind: z.literal('other'),
      name: z
        .string('请填写单位名称')
        .check(z.trim(), z.minLength(2, '请填写单位名称，至少 2 个字'), z.maxLength(EMPLOYER_NAME_MAX, `单位名称最多 ${EMPLOYER_NAME_MAX} 个字`)),
      /** Required for an employer in the county (routing); optional away from home. */
      district: z.optional(district),
      address: z.optional(z.string().check(z.trim(), z.maxLength(ADDRESS_MAX, `地址最多 ${ADDRESS_MAX} 个字`))),
    }),
  ],
  { error: '请选择在哪个单位工作' },
)
export type EmployerInput = z.infer<typeof employerInput>

/** Where and how the person works: what routing needs (also the target of a transfer). */
const workFields = {
  employer: employerInput,
  employmentType: z.enum(EMPLOYMENT_TYPE_CODES, { error: '请选择用工方式' }),
  platform: z.optional(z.enum(PLATFORM_CODES, { error: '请选择在哪个平台接单' })),
  occupation: z
    .string('请填写做什么工作')
    .check(z.trim(), z.minLength(1, '请填写做什么工作'), z.maxLength(OCCUPATION_MAX, `工作最多 ${OCCUPATION_MAX} 个字`)),
  workPlace: z.enum(WORK_PLACE_CODES, { error: '请选择在哪里工作' }),
  remoteUnion: z.optional(z.enum(REMOTE_UNION_CODES, { error: '请选择由哪里的工会办理' })),
  /** City when working `elsewhere`. */
  workCity: z.optional(z.string().check(z.trim(), z.maxLength(20, '城市名最多 20 个字'))),
}

type WorkShape = {
  employer: EmployerInput
  employmentType: EmploymentType
  platform?: string
  workPlace: string
  remoteUnion?: string
  workCity?: string
}

/** Cross-field rules shared by the application and the transfer target. */
function refineWork(w: WorkShape, ctx: z.core.$RefinementCtx): void {
  if (w.employmentType === 'new_forms' && !w.platform) ctx.addIssue({ code: 'custom', message: '请选择在哪个平台接单', path: ['platform'] })
  if (w.workPlace === 'shanghai' && !w.remoteUnion) ctx.addIssue({ code: 'custom', message: '请选择由哪里的工会办理', path: ['remoteUnion'] })
  if (w.workPlace === 'elsewhere' && !w.workCity) ctx.addIssue({ code: 'custom', message: '请填写在哪个城市工作', path: ['workCity'] })
  if (w.workPlace === 'local' && w.employer.kind === 'other' && !w.employer.district) {
    ctx.addIssue({ code: 'custom', message: '请选择单位在哪个乡镇或街道', path: ['employer', 'district'] })
  }
}

/** The application form (入会申请). `charterAccepted` false is not a form error: the check explains it. */
export const applicationInput = z
  .object({
    name: personName,
    idNumber: idNumberInput,
    phone: mobile,
    incomeSource: z.enum(INCOME_SOURCE_CODES, { error: '请选择主要靠什么挣钱' }),
    charterAccepted: z.boolean('请勾选是否愿意遵守工会章程'),
    ...workFields,
  })
  .check(z.superRefine(refineWork))
export type ApplicationInput = z.input<typeof applicationInput>
export type ApplicationData = z.output<typeof applicationInput>

/** What can change on resubmission (the ID number cannot; `phone` omitted = keep the old one). */
export const applicationChanges = z
  .object({
    name: personName,
    phone: z.optional(mobile),
    incomeSource: z.enum(INCOME_SOURCE_CODES, { error: '请选择主要靠什么挣钱' }),
    ...workFields,
  })
  .check(z.superRefine(refineWork))
export type ApplicationChanges = z.input<typeof applicationChanges>

/** Where a member moves to (会籍接转). */
export const transferTarget = z.object(workFields).check(z.superRefine(refineWork))
export type TransferTargetInput = z.input<typeof transferTarget>

const fileIds = z.array(docId).check(z.maxLength(PROOF_PHOTOS_MAX, `最多 ${PROOF_PHOTOS_MAX} 张照片`))

const isoDateList = z.array(z.string().check(z.refine(isIsoDate, '日期要写成 2026-10-01 这样'))).check(z.maxLength(60, '最多 60 天'))

export const calendarInput = z
  .object({
    year: z.number('请填年份').check(z.int(), z.minimum(2020, '年份不对'), z.maximum(2100, '年份不对')),
    holidays: isoDateList,
    workdays: isoDateList,
  })
  .check(
    z.superRefine((c, ctx) => {
      const check = (list: string[], key: 'holidays' | 'workdays') =>
        list.forEach((d, i) => {
          if (isIsoDate(d) && !d.startsWith(`${c.year}-`)) ctx.addIssue({ code: 'custom', message: `${d} 不在 ${c.year} 年`, path: [key, i] })
        })
      check(c.holidays, 'holidays')
      check(c.workdays, 'workdays')
      const both = c.holidays.find((d) => c.workdays.includes(d))
      if (both) ctx.addIssue({ code: 'custom', message: `${both} 不能既放假又上班`, path: ['workdays'] })
    }),
  )

// ---------------------------------------------------------------------------------------------------
// Events

/** `submitted`: waiting for staff; `open`: submitted + waiting for the worker. */
export const MEMBERSHIP_QUEUE_FILTERS = ['submitted', 'open', 'needs_info', 'decided', 'all'] as const
export type QueueFilter = (typeof MEMBERSHIP_QUEUE_FILTERS)[number]

export const membershipEvent = z.discriminatedUnion('action', [
  // worker
  z.object({ action: z.literal('employers'), q: z.optional(z.string().check(z.trim(), z.maxLength(20))) }),
  z.object({ action: z.literal('check'), application: applicationInput }),
  z.object({ action: z.literal('apply'), key: idempotencyKey, application: applicationInput }),
  z.object({ action: z.literal('mine') }),
  z.object({ action: z.literal('resubmit'), id: docId, version, changes: applicationChanges, proofFileIds: z.optional(fileIds), note }),
  z.object({ action: z.literal('withdraw'), id: docId, version }),
  z.object({ action: z.literal('card') }),
  z.object({ action: z.literal('checkTransfer'), target: transferTarget }),
  z.object({ action: z.literal('requestTransfer'), key: idempotencyKey, target: transferTarget, reason: z.enum(TRANSFER_REASON_CODES, { error: '请选择为什么转会' }) }),
  z.object({ action: z.literal('withdrawTransfer'), id: docId, version }),
  // staff
  z.object({ action: z.literal('queue'), filter: z.optional(z.enum(MEMBERSHIP_QUEUE_FILTERS)), cursor, pageSize }),
  z.object({ action: z.literal('detail'), id: docId }),
  z.object({
    action: z.literal('decide'),
    id: docId,
    version,
    decision: z.enum(APPLICATION_DECISIONS, { error: '请选择怎么处理' }),
    reason: z.optional(z.enum(REJECT_REASON_CODES, { error: '请选择没通过的原因' })),
    items: z.optional(z.array(z.enum(INFO_ITEM_CODES)).check(z.maxLength(INFO_ITEM_CODES.length))),
    note,
  }),
  z.object({ action: z.literal('reassign'), id: docId, version, toOrgId: docId, note }),
  z.object({ action: z.literal('revealContact'), id: docId }),
  z.object({
    action: z.literal('verifyCard'),
    code: z.optional(z.string().check(z.trim(), z.maxLength(400))),
    memberNo: z.optional(z.string().check(z.trim(), z.maxLength(30))),
  }),
  z.object({ action: z.literal('members'), q: z.optional(z.string().check(z.trim(), z.maxLength(20))), orgId: z.optional(docId), cursor, pageSize }),
  z.object({ action: z.literal('exportMembers'), orgId: z.optional(docId) }),
  z.object({ action: z.literal('transfers'), filter: z.optional(z.enum(['open', 'decided', 'all'])), cursor, pageSize }),
  z.object({
    action: z.literal('decideTransfer'),
    id: docId,
    version,
    decision: z.enum(['accept', 'reject'], { error: '请选择怎么处理' }),
    reason: z.optional(z.enum(TRANSFER_REJECT_REASON_CODES, { error: '请选择不接收的原因' })),
    note,
  }),
  // rule tables (read: staff; write: admin)
  z.object({ action: z.literal('settings') }),
  z.object({ action: z.literal('setCalendar'), calendar: calendarInput }),
])
export type MembershipEvent = z.infer<typeof membershipEvent>

// ---------------------------------------------------------------------------------------------------
// Replies

export interface Page<T> {
  items: T[]
  nextCursor: number | null
}

export interface EmployerOption {
  id: string
  name: string
  district: string | null
  /** Null: the employer has no union yet. */
  unionName: string | null
}

export interface RouteView {
  orgId: string
  orgName: string
  reason: RouteReason
  /** One plain sentence: why this union. */
  why: string
}

export interface CheckReply {
  eligible: boolean
  issues: EligibilityIssue[]
  /** Null when not eligible. */
  route: RouteView | null
  /** Already a member: the page offers a transfer instead. */
  offerTransfer: boolean
  replyWorkingDays: number
  /** If submitted now: the last day the union answers by (YYYY-MM-DD) and in words. */
  dueDate: string
  dueLabel: string
  /** 工会不会通知你的单位… */
  privacyNote: string
}

export interface SubmitReply {
  id: string
  state: ApplicationState
  stateLabel: string
  version: number
  orgName: string
  dueDate: string
  dueLabel: string
}

export interface TimelineStep {
  at: string
  /** Plain words: 交了申请 / 工会请你补充材料 / 你补充了材料 / 转给「…」办理 / 批准入会 / 没有通过 / 你撤回了申请 */
  label: string
  /** 你, or the union's name. */
  who: string
  note: string | null
}

export interface ProofPhoto {
  fileId: string
  url: string
}

/** What the worker filled in, for resubmitting without retyping (ID and phone masked). */
export interface ApplicationFormView {
  name: string
  maskedIdNumber: string
  maskedPhone: string
  incomeSource: ApplicationData['incomeSource']
  employer: EmployerInput
  /** The employer's name, also for a known employer. */
  employerName: string
  employmentType: EmploymentType
  platform?: ApplicationData['platform']
  occupation: string
  workPlace: ApplicationData['workPlace']
  remoteUnion?: ApplicationData['remoteUnion']
  workCity?: string
}

export interface ApplicationView {
  id: string
  state: ApplicationState
  stateLabel: string
  version: number
  orgId: string
  orgName: string
  routeWhy: string
  submittedAt: string
  /** Last day for the union's answer (YYYY-MM-DD; restarts when the worker resubmits). */
  dueDate: string
  dueLabel: string
  /** 还剩 3 个工作日 / 今天到期 / 已超过 2 个工作日 (open applications only). */
  dueText: string | null
  overdue: boolean
  /** On needs_info: exactly what to add. */
  askedItems: Array<{ code: InfoItem; label: string }>
  askNote: string | null
  /** On rejected: the coded reason, what to do next, and how to appeal. */
  rejection: { code: RejectReason; label: string; next: string; appeal: string; note: string | null } | null
  history: TimelineStep[]
  form: ApplicationFormView
  proofPhotos: ProofPhoto[]
  canWithdraw: boolean
  canResubmit: boolean
}

export interface TransferView {
  id: string
  state: TransferState
  stateLabel: string
  version: number
  fromOrgName: string
  toOrgName: string
  why: string
  reasonLabel: string
  requestedAt: string
  decidedAt: string | null
  rejection: { code: TransferRejectReason; label: string; next: string; note: string | null } | null
  history: TimelineStep[]
  canWithdraw: boolean
}

export interface MemberCardView {
  name: string
  maskedIdNumber: string
  memberNo: string
  orgName: string
  /** YYYY-MM-DD */
  joinedDate: string
  /** `union-member:<token>`: what the QR code holds (changes when the card is reissued). */
  qrText: string
  /** PNG data URL of the QR code. */
  qrDataUrl: string
  cardVersion: number
  /** Union membership so far: joined …, transferred to … */
  history: TimelineStep[]
}

export interface MineReply {
  member: MemberCardView | null
  /** The latest application (open or decided), if any. */
  application: ApplicationView | null
  transfers: TransferView[]
  replyWorkingDays: number
  minAge: number
}

export interface ApplicationRow {
  id: string
  state: ApplicationState
  stateLabel: string
  version: number
  name: string
  employmentType: EmploymentType
  employmentTypeLabel: string
  employerName: string
  orgId: string
  orgName: string
  submittedAt: string
  dueDate: string
  dueText: string | null
  overdue: boolean
  /** 农民工 or working away from home: counted in the year-end figures. */
  migrant: boolean
}

export interface ApplicationDetail extends ApplicationRow {
  maskedIdNumber: string
  maskedPhone: string
  age: number
  sexLabel: string
  incomeSourceLabel: string
  platformLabel: string | null
  occupation: string
  employerDistrict: string | null
  employerAddress: string | null
  workPlaceLabel: string
  remoteUnionLabel: string | null
  workCity: string | null
  routeWhy: string
  askedItems: Array<{ code: InfoItem; label: string }>
  askNote: string | null
  history: TimelineStep[]
  proofPhotos: ProofPhoto[]
  /** What this staff member may do now. */
  actions: Array<ApplicationDecision | 'reassign'>
  reassignTargets: Array<{ id: string; name: string; kindLabel: string }>
}

export interface ContactReply {
  /** Grouped (138 0793 1234) for reading aloud; the view is audited. */
  phone: string
}

export interface DecisionReply {
  id: string
  state: string
  version: number
  memberNo?: string
}

export interface CardCheckReply {
  check: CardCheck
  label: string
  memberNo: string | null
  /** 李*国 */
  maskedName: string | null
  orgName: string | null
  joinedDate: string | null
}

export interface MemberRow {
  id: string
  name: string
  maskedIdNumber: string
  memberNo: string
  orgId: string
  orgName: string
  joinedDate: string
  employmentTypeLabel: string
  migrant: boolean
}

export interface TransferRow extends TransferView {
  name: string
  memberNo: string
  maskedIdNumber: string
  toOrgId: string
  actions: Array<'accept' | 'reject'>
}

export interface ExportReply {
  fileName: string
  /** xlsx */
  contentBase64: string
  rows: number
}

export interface SettingsReply {
  rules: MembershipRules
  calendars: HolidayCalendar[]
  /** Years from now on without a calendar: deadlines there count weekends only. */
  missingYears: number[]
}

export type { ApplicationDecision, InfoItem, RejectReason, TransferRejectReason, TransferReason }
