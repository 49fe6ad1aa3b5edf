/**
 * 职工互助保障 (RULES.md §3): fixed lists, labels, states, coded reasons and error codes — plain data
 * without zod, so pages that only show a plan or a claim stay small (mutual-aid.schema.ts re-exports it
 * all). Amounts and periods are NOT here: they are rule tables (mutual-aid.rules.ts), configuration data.
 */
import type { FilePurposeKey } from '../files/files.schema'

// ---------------------------------------------------------------------------------------------------
// Plans

export const PLAN_KINDS = [
  { code: 'inpatient', label: '住院医疗', intro: '住院花的自付医药费，超过起付线的部分按比例补助' },
  { code: 'critical_illness', label: '重大疾病', intro: '第一次确诊清单里的重大疾病，按份数给一笔钱' },
  { code: 'accident', label: '意外伤害', intro: '意外受伤住院有每天的补助；伤残按等级、身故按约定给钱' },
  { code: 'female_special', label: '女职工特殊疾病', intro: '女职工确诊清单里的特殊疾病，按疾病类别给一笔钱' },
] as const
export type PlanKind = (typeof PLAN_KINDS)[number]['code']
export const PLAN_KIND_CODES = PLAN_KINDS.map((p) => p.code) as [PlanKind, ...PlanKind[]]
export const PLAN_KIND_LABELS = Object.fromEntries(PLAN_KINDS.map((p) => [p.code, p.label])) as Record<PlanKind, string>

/** What caused the event: illness has a waiting period, an accident never does. */
export const EVENT_CAUSES = [
  { code: 'illness', label: '生病' },
  { code: 'accident', label: '意外受伤' },
] as const
export type EventCause = (typeof EVENT_CAUSES)[number]['code']
export const EVENT_CAUSE_CODES = EVENT_CAUSES.map((c) => c.code) as [EventCause, ...EventCause[]]

/** What an accident claim asks for. */
export const ACCIDENT_BENEFITS = [
  { code: 'allowance', label: '住院补助（按住院天数）' },
  { code: 'disability', label: '伤残补助（按伤残等级）' },
  { code: 'death', label: '身故补助' },
] as const
export type AccidentBenefit = (typeof ACCIDENT_BENEFITS)[number]['code']
export const ACCIDENT_BENEFIT_CODES = ACCIDENT_BENEFITS.map((b) => b.code) as [AccidentBenefit, ...AccidentBenefit[]]

/** 伤残等级 1 (most severe) … 10. */
export const DISABILITY_GRADES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const
export type DisabilityGrade = (typeof DISABILITY_GRADES)[number]

/** 女职工特殊疾病 classes (the rule table says what each pays and which diseases belong to it). */
export const FEMALE_CLASSES = ['class1', 'class2', 'class3', 'class4'] as const
export type FemaleClass = (typeof FEMALE_CLASSES)[number]
export const FEMALE_CLASS_LABELS: Record<FemaleClass, string> = { class1: '第一类', class2: '第二类', class3: '第三类', class4: '第四类' }

/** Shares a member may hold in one plan (the rule table may allow fewer). */
export const SHARES_MAX = 10

// ---------------------------------------------------------------------------------------------------
// Documents: what a claim needs, in the words printed on the paper. `purpose` is the upload purpose of
// the `files` function, which decides the separate consent (medical documents, ID, bank card).

export const DOC_KINDS = [
  { code: 'id_card', label: '身份证正反面', purpose: 'id_card_photo' },
  { code: 'bank_card', label: '本人银行卡（有卡号的一面）', purpose: 'bank_card_photo' },
  { code: 'invoice', label: '住院收费票据（发票）', purpose: 'medical_invoice' },
  { code: 'settlement_sheet', label: '医保结算单或费用清单', purpose: 'medical_invoice' },
  { code: 'discharge_summary', label: '出院小结（出院记录）', purpose: 'medical_record' },
  { code: 'diagnosis', label: '医院的诊断证明', purpose: 'medical_record' },
  { code: 'pathology_report', label: '病理报告', purpose: 'medical_record' },
  { code: 'accident_proof', label: '意外事故证明（比如交警事故认定书、单位出的证明）', purpose: 'other' },
  { code: 'disability_assessment', label: '伤残鉴定书', purpose: 'medical_record' },
  { code: 'death_certificate', label: '死亡证明', purpose: 'medical_record' },
  { code: 'kinship_proof', label: '领钱的家属和本人关系的证明（户口本等）', purpose: 'other' },
] as const satisfies ReadonlyArray<{ code: string; label: string; purpose: FilePurposeKey }>
export type DocKind = (typeof DOC_KINDS)[number]['code']
export const DOC_KIND_CODES = DOC_KINDS.map((d) => d.code) as [DocKind, ...DocKind[]]
export const DOC_KIND_LABELS = Object.fromEntries(DOC_KINDS.map((d) => [d.code, d.label])) as Record<DocKind, string>
export const DOC_KIND_PURPOSES = Object.fromEntries(DOC_KINDS.map((d) => [d.code, d.purpose])) as Record<DocKind, FilePurposeKey>
/** Files per document kind (a long stay has many invoice pages). */
export const DOC_FILES_MAX = 9

// ---------------------------------------------------------------------------------------------------
// Claim states (machine in mutual-aid.machine.ts)

export const CLAIM_STATES = ['submitted', 'grassroots_checked', 'needs_docs', 'approved', 'paid', 'rejected', 'withdrawn'] as const
export type ClaimState = (typeof CLAIM_STATES)[number]
export const CLAIM_STATE_LABELS: Record<ClaimState, string> = {
  submitted: '基层工会核对材料中',
  grassroots_checked: '材料已核对，等总工会审批',
  needs_docs: '需要补充材料',
  approved: '已批准，等待打款',
  paid: '已打款',
  rejected: '没有通过',
  withdrawn: '已撤回',
}
/** Before the federation's decision: the worker may still withdraw. */
export const OPEN_CLAIM_STATES: readonly ClaimState[] = ['submitted', 'grassroots_checked', 'needs_docs']

// ---------------------------------------------------------------------------------------------------
// Coded reasons; every one says what the worker can do next

export const CLAIM_REJECT_REASONS = [
  { code: 'not_enrolled', label: '出事那天没有参加这个保障', next: '请问一问单位工会，当时有没有给你参加这个保障。参加以后发生的事才能申请。' },
  { code: 'waiting_period', label: '出事那天还在等待期内', next: '等待期内生病不能补助。等待期过了以后再生病住院，可以再申请。' },
  { code: 'window_closed', label: '超过了申请期限', next: '申请期限是按规定定的。有特殊情况（比如一直在住院），请打 12351 说明。' },
  { code: 'below_deductible', label: '自付金额没有超过起付线', next: '这次不能补助。同一年里再住院，可以再申请。' },
  { code: 'not_covered', label: '不属于这个保障的范围', next: '看一看「我的保障」里其他保障能不能申请。' },
  { code: 'already_paid', label: '这件事已经补助过了', next: '同一件事只补助一次。有疑问请打 12351。' },
  { code: 'annual_cap_reached', label: '今年的补助已经到了最高额', next: '明年发生的事可以再申请。' },
  { code: 'docs_not_genuine', label: '材料和实际情况对不上', next: '请带上原件到工会核对；有疑问请打 12351。' },
  { code: 'docs_not_provided', label: '多次提醒，材料还是没有补齐', next: '材料齐了可以重新申请（要在申请期限内）。' },
  { code: 'other', label: '其他原因（见说明）', next: '看工会写的说明；有疑问请打 12351 职工服务热线。' },
] as const
export type ClaimRejectReason = (typeof CLAIM_REJECT_REASONS)[number]['code']
export const CLAIM_REJECT_REASON_CODES = CLAIM_REJECT_REASONS.map((r) => r.code) as [ClaimRejectReason, ...ClaimRejectReason[]]

/** Why the federation approved another amount than the computed one (required with an override). */
export const OVERRIDE_REASONS = [
  { code: 'ineligible_items', label: '有的费用不在补助范围（比如自费药、陪护费）' },
  { code: 'amount_misread', label: '票据上的金额和填的不一样' },
  { code: 'grade_reassessed', label: '伤残等级以鉴定书为准' },
  { code: 'other', label: '其他原因（见说明）' },
] as const
export type OverrideReason = (typeof OVERRIDE_REASONS)[number]['code']
export const OVERRIDE_REASON_CODES = OVERRIDE_REASONS.map((r) => r.code) as [OverrideReason, ...OverrideReason[]]

// ---------------------------------------------------------------------------------------------------
// Limits

export const NOTE_MAX = 200
export const PAYMENT_REF_MAX = 40
/** 10,000,000 元: far above any bill a member brings, far below integer-safe fen arithmetic. */
export const AMOUNT_MAX_FEN = 1_000_000_000
export const IMPORT_MAX_ROWS = 5000

// ---------------------------------------------------------------------------------------------------
// Errors (codes `MUTUAL_AID.*`; messages for a worker who reads slowly)

export const MUTUAL_AID_ERR = {
  PLAN_NOT_FOUND: { code: 'MUTUAL_AID.PLAN_NOT_FOUND', message: '没有找到这个保障项目，请重新选择' },
  NO_RULES: { code: 'MUTUAL_AID.NO_RULES', message: '出事那天这个保障还没有开办，不能申请。有疑问请问一问单位工会' },
  NOT_ENROLLED: { code: 'MUTUAL_AID.NOT_ENROLLED', message: '出事那天你没有参加这个保障，不能申请。请问一问单位工会' },
  WAITING_PERIOD: { code: 'MUTUAL_AID.WAITING_PERIOD', message: '出事那天还在等待期内（刚参加保障的一段日子里生病不补助），这次不能补助。等待期过了以后再生病住院，可以再申请' },
  WINDOW_CLOSED: { code: 'MUTUAL_AID.WINDOW_CLOSED', message: '已经过了申请的期限，不能再申请了。有特殊情况，请问一问单位工会' },
  FUTURE_DATE: { code: 'MUTUAL_AID.FUTURE_DATE', message: '日期不能晚于今天，请核对一下' },
  NOT_ELIGIBLE: { code: 'MUTUAL_AID.NOT_ELIGIBLE', message: '按规定这次不能补助，请看下面的说明' },
  ALREADY_PAID: { code: 'MUTUAL_AID.ALREADY_PAID', message: '这件事已经补助过了，同一件事只补助一次，不用再申请' },
  CLAIM_OPEN: { code: 'MUTUAL_AID.CLAIM_OPEN', message: '这件事你已经申请过了，正在办理中，请在「我的申请」里查看' },
  CAP_EXCEEDED: { code: 'MUTUAL_AID.CAP_EXCEEDED', message: '今年的补助额度刚刚被别的申请用掉了一部分，请刷新后按新的金额审批' },
  AMOUNT_INVALID: { code: 'MUTUAL_AID.AMOUNT_INVALID', message: '金额不对，请按提示改一改' },
  OVERRIDE_TOO_HIGH: { code: 'MUTUAL_AID.OVERRIDE_TOO_HIGH', message: '批准的金额不能超过这次最多能补助的金额，请改小一点' },
  DOCS_MISSING: { code: 'MUTUAL_AID.DOCS_MISSING', message: '还缺材料，请按清单上传后再提交' },
  CLAIM_NOT_FOUND: { code: 'MUTUAL_AID.CLAIM_NOT_FOUND', message: '没有找到这个申请，请刷新后再试' },
  STALE: { code: 'MUTUAL_AID.STALE', message: '这个申请刚刚被别人处理过了，请刷新后再看' },
  RULE_LOCKED: { code: 'MUTUAL_AID.RULE_LOCKED', message: '这一版规则已经生效，不能再改。要改规则，请新建一版，从以后的某一天起生效' },
  RULE_DUPLICATE: { code: 'MUTUAL_AID.RULE_DUPLICATE', message: '这个保障在这一天已经有一版规则了，请换一个生效日期' },
  IMPORT_FILE_BAD: { code: 'MUTUAL_AID.IMPORT_FILE_BAD', message: '这个文件打不开。请用 Excel（.xlsx）或 CSV 文件，按模板填写' },
  IMPORT_EMPTY: { code: 'MUTUAL_AID.IMPORT_EMPTY', message: '文件里没有参保人员，请按模板从第 2 行开始填写' },
  IMPORT_TOO_LARGE: { code: 'MUTUAL_AID.IMPORT_TOO_LARGE', message: `文件太大了。请分成几个小文件，每个不超过 ${IMPORT_MAX_ROWS} 行` },
  IMPORT_ROWS_INVALID: { code: 'MUTUAL_AID.IMPORT_ROWS_INVALID', message: '有的行填得不对，一行都没有导入。请按提示改好后重新上传' },
} as const

// ---------------------------------------------------------------------------------------------------
// Enrollment import template (a unit's list: one row per member and plan)

export const ENROLLMENT_COLUMNS = [
  { key: 'name', title: '姓名', aliases: ['职工姓名', '名字', '参保人'], example: '张三' },
  { key: 'idNumber', title: '身份证号', aliases: ['身份证', '身份证号码', '公民身份号码', '证件号码'], example: '11010519491231002X' },
  { key: 'plan', title: '保障项目', aliases: ['项目', '保障', '险种', '参保项目', '互助保障项目'], example: '住院医疗' },
  { key: 'shares', title: '份数', aliases: ['参保份数', '份'], example: '1' },
  { key: 'termStart', title: '开始日期', aliases: ['保障开始日期', '起始日期', '生效日期', '起保日期'], example: '2026-01-01' },
  { key: 'termEnd', title: '结束日期', aliases: ['保障结束日期', '截止日期', '终止日期', '到期日期'], example: '2026-12-31' },
] as const
export type EnrollmentColumn = (typeof ENROLLMENT_COLUMNS)[number]['key']
