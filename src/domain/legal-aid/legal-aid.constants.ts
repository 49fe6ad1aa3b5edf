/**
 * 工会法律援助 (RULES.md §2, §5; issue 7): fixed lists, labels, states, coded reasons and error codes —
 * plain data without zod, so pages that only show a case stay small (legal-aid.schema.ts re-exports it
 * all). Amounts, wages and periods are NOT here: they are the rule table (legal-aid.rules.ts).
 */
import type { FilePurposeKey } from '../files/files.schema'

type Coded = ReadonlyArray<{ readonly code: string; readonly label: string }>
type CodeOf<T extends Coded> = T[number]['code']
/** The codes of a list, as a non-empty tuple (what z.enum takes). */
const codesOf = <T extends Coded>(list: T) => list.map((x) => x.code) as [CodeOf<T>, ...CodeOf<T>[]]
const labelsOf = <T extends Coded>(list: T) => Object.fromEntries(list.map((x) => [x.code, x.label])) as Record<CodeOf<T>, string>

// ---------------------------------------------------------------------------------------------------
// What happened (a picture button each: `icon` is the page's icon name, `emoji` the fallback)

export const DISPUTE_TYPES = [
  { code: 'wages', label: '欠薪', intro: '干了活，老板不给工资或少给工资', icon: 'wages', emoji: '💰' },
  { code: 'injury', label: '工伤', intro: '干活时受了伤或得了职业病，单位不管或赔得不够', icon: 'injury', emoji: '🩹' },
  { code: 'contract', label: '合同/辞退', intro: '不签合同、突然被辞退、不给补偿', icon: 'contract', emoji: '📄' },
  { code: 'social_insurance', label: '社保', intro: '单位不给交社保，或者少交、断交', icon: 'social-insurance', emoji: '🛡️' },
  { code: 'overtime', label: '加班费', intro: '经常加班，单位不给加班费', icon: 'overtime', emoji: '⏰' },
  { code: 'other', label: '其他', intro: '其他和干活有关的事', icon: 'other', emoji: '💬' },
] as const
export type DisputeType = (typeof DISPUTE_TYPES)[number]['code']
export const DISPUTE_TYPE_CODES = codesOf(DISPUTE_TYPES)
export const DISPUTE_TYPE_LABELS = labelsOf(DISPUTE_TYPES)

/** What the worker asks for (诉求; several may be chosen). `money`: it has an amount. */
export const DEMANDS = [
  { code: 'unpaid_wages', label: '讨回欠的工资', money: true },
  { code: 'overtime_pay', label: '拿到加班费', money: true },
  { code: 'injury_compensation', label: '工伤待遇或赔偿', money: true },
  { code: 'severance', label: '被辞退的补偿金或赔偿金', money: true },
  { code: 'double_wages', label: '没签合同的双倍工资', money: true },
  { code: 'social_insurance', label: '补交社保', money: false },
  { code: 'injury_recognition', label: '帮忙申请工伤认定', money: false },
  { code: 'reinstatement', label: '回原单位上班', money: false },
  { code: 'advice', label: '只想问问该怎么办', money: false },
  { code: 'other', label: '其他（写在经过里）', money: false },
] as const
export type Demand = (typeof DEMANDS)[number]['code']
export const DEMAND_CODES = codesOf(DEMANDS)
export const DEMAND_LABELS = labelsOf(DEMANDS)
export const MONEY_DEMANDS: readonly Demand[] = DEMANDS.filter((d) => d.money).map((d) => d.code)

/** 不可抗力 that makes a worker unable to pay (RULES.md §2 eligibility 3). */
export const HARDSHIPS = [
  { code: 'serious_illness', label: '本人或家里人得了重病' },
  { code: 'disaster', label: '家里遭了灾（水灾、火灾、地震等）' },
  { code: 'other_emergency', label: '其他突然的大困难' },
] as const
export type Hardship = (typeof HARDSHIPS)[number]['code']
export const HARDSHIP_CODES = codesOf(HARDSHIPS)
export const HARDSHIP_LABELS = labelsOf(HARDSHIPS)

/** Proof the eligibility check may ask for, in the words of the paper and why. */
export const PROOFS = [
  {
    code: 'income_proof',
    label: '家庭经济困难证明',
    what: '村（居）委会或乡镇（街道）开的家庭收入证明，或者低保证、特困证',
  },
  {
    code: 'hardship_proof',
    label: '重病或受灾的证明',
    what: '医院的诊断证明或住院记录，或者村（居）委会、民政部门开的受灾证明',
  },
] as const
export type Proof = (typeof PROOFS)[number]['code']
export const PROOF_LABELS = labelsOf(PROOFS)

/** Forms of help (工会法律援助办法): staff pick them when accepting. */
export const HELP_FORMS = [
  { code: 'legal_info', label: '讲解法律政策' },
  { code: 'consultation', label: '法律咨询' },
  { code: 'drafting', label: '代写文书（仲裁申请书、起诉状等）' },
  { code: 'mediation', label: '陪同调解、和单位协商' },
  { code: 'representation', label: '代理劳动仲裁或打官司' },
] as const
export type HelpForm = (typeof HELP_FORMS)[number]['code']
export const HELP_FORM_CODES = codesOf(HELP_FORMS)
export const HELP_FORM_LABELS = labelsOf(HELP_FORMS)

/** Upload purposes (`files` function) an evidence file may have: pay slips and contracts, medical records, other. */
export const EVIDENCE_PURPOSES: readonly FilePurposeKey[] = ['work_proof', 'medical_record', 'other']

// ---------------------------------------------------------------------------------------------------
// Case states (machine in legal-aid.machine.ts)

export const CASE_STATES = ['submitted', 'under_review', 'needs_info', 'accepted', 'in_progress', 'closed', 'declined', 'withdrawn'] as const
export type CaseState = (typeof CASE_STATES)[number]
export const CASE_STATE_LABELS: Record<CaseState, string> = {
  submitted: '已收到，等工会审核',
  under_review: '工会正在审核',
  needs_info: '需要你补充材料',
  accepted: '工会已受理',
  in_progress: '正在帮你办理',
  closed: '已办结',
  declined: '工会没有受理',
  withdrawn: '你已撤回',
}
/** Before acceptance: the worker may still withdraw; the review clock runs (paused in needs_info). */
export const OPEN_REVIEW_STATES: readonly CaseState[] = ['submitted', 'under_review', 'needs_info']
/** Accepted and not closed: a helper works on it. */
export const ACTIVE_CASE_STATES: readonly CaseState[] = ['accepted', 'in_progress']
export const FINAL_CASE_STATES: readonly CaseState[] = ['closed', 'declined', 'withdrawn']

// ---------------------------------------------------------------------------------------------------
// Where else to go: every decline names one

export const REFERRALS = [
  { code: 'gov_legal_aid', label: '政府法律援助中心', phone: '12348', how: '打 12348 公共法律服务热线，或到当地司法局的法律援助中心申请' },
  { code: 'labour_inspection', label: '劳动保障监察（人社局）', phone: '12333', how: '打 12333，或到单位所在地人社局的劳动监察大队投诉欠薪，不收费' },
  { code: 'arbitration', label: '劳动人事争议仲裁委员会', phone: null, how: '到单位所在地或干活所在地的劳动仲裁委申请仲裁，不收费' },
  { code: 'union_hotline', label: '职工服务热线', phone: '12351', how: '打 12351 职工服务热线，工会的人会告诉你找哪里' },
  { code: 'court', label: '人民法院', phone: '12368', how: '打 12368 诉讼服务热线，问一问怎么起诉' },
  { code: 'social_insurance_agency', label: '社保经办机构', phone: '12333', how: '带上身份证到当地社保中心查缴费记录，或打 12333 投诉' },
] as const
export type Referral = (typeof REFERRALS)[number]['code']
export const REFERRAL_CODES = codesOf(REFERRALS)

/** Coded reasons of a decline; each has a default referral and says what to do next. */
export const DECLINE_REASONS = [
  {
    code: 'not_labour_matter',
    label: '不是劳动方面的纠纷（比如借钱、买卖、家庭纠纷）',
    referral: 'gov_legal_aid',
    next: '这类事可以找政府的法律援助中心，打 12348 问一问。',
  },
  {
    code: 'inspection_better',
    label: '欠薪事实清楚，投诉到劳动监察更快',
    referral: 'labour_inspection',
    next: '带上工资条、考勤记录或欠条，打 12333 或到人社局劳动监察大队投诉，不收费。',
  },
  {
    code: 'not_eligible',
    label: '不符合免费代理的条件（金额或家庭收入）',
    referral: 'arbitration',
    next: '工会仍然可以免费给你咨询。申请劳动仲裁不收费，你可以自己去仲裁委申请；有疑问打 12351。',
  },
  {
    code: 'already_represented',
    label: '已经有律师代理，或者法院、仲裁已经判过了',
    referral: 'union_hotline',
    next: '请和你的律师联系；对判决不服，要在规定的日子内上诉，有疑问打 12351。',
  },
  {
    code: 'outside_scope',
    label: '不在工会能办的范围，也找不到能转交的工会',
    referral: 'union_hotline',
    next: '打 12351 职工服务热线，工会的人会告诉你找哪里。',
  },
  {
    code: 'duplicate',
    label: '同一件事已经在办了',
    referral: 'union_hotline',
    next: '请在「我的求助」里看那一件的进度，不用再交。',
  },
  {
    code: 'info_not_provided',
    label: '要补的材料一直没有补',
    referral: 'union_hotline',
    next: '材料齐了可以重新提交；注意仲裁的期限，别耽误了。',
  },
  {
    code: 'cannot_contact',
    label: '多次联系不上本人',
    referral: 'union_hotline',
    next: '请确认手机能打通，再重新提交。',
  },
  {
    code: 'other',
    label: '其他原因（见说明）',
    referral: 'union_hotline',
    next: '看工会写的说明；有疑问请打 12351 职工服务热线。',
  },
] as const satisfies ReadonlyArray<{ code: string; label: string; referral: Referral; next: string }>
export type DeclineReason = (typeof DECLINE_REASONS)[number]['code']
export const DECLINE_REASON_CODES = codesOf(DECLINE_REASONS)

/** What staff may ask the worker to add (needs info); the worker sees exactly these. */
export const INFO_ITEMS = [
  { code: 'employer_full_name', label: '单位的全称（看工牌、合同、工资条或营业执照）' },
  { code: 'employer_address', label: '单位在哪里（城市、区、街道，知道多少写多少）' },
  { code: 'labour_proof', label: '在这个单位干活的证据（劳动合同、工牌、考勤、工作群聊天记录，拍照上传）' },
  { code: 'wage_proof', label: '欠多少钱的证据（工资条、欠条、银行流水、记工本）' },
  { code: 'injury_proof', label: '受伤的材料（病历、诊断证明，有工伤认定书的也传上来）' },
  { code: 'termination_proof', label: '被辞退的证据（辞退通知、聊天记录、录音）' },
  { code: 'amount_detail', label: '钱是怎么算出来的（每月多少、欠了几个月）' },
  { code: 'key_dates', label: '几个关键日子（哪天进单位、最后一次发工资、哪天离开）' },
  { code: 'facts_detail', label: '把事情经过再说清楚一点（可以用语音转文字）' },
  { code: 'coworkers', label: '一起被欠薪的工友名单和电话（群体性的事）' },
  { code: 'income_proof', label: '家庭经济困难证明（收入证明、低保证或特困证）' },
  { code: 'hardship_proof', label: '重病或受灾的证明' },
  { code: 'phone', label: '能打通的手机号' },
] as const
export type InfoItem = (typeof INFO_ITEMS)[number]['code']
export const INFO_ITEM_CODES = codesOf(INFO_ITEMS)
export const INFO_ITEM_LABELS = labelsOf(INFO_ITEMS)

// ---------------------------------------------------------------------------------------------------
// Helpers and outcomes

export const HELPER_KINDS = [
  { code: 'lawyer', label: '律师' },
  { code: 'union_legal_officer', label: '工会法律工作者' },
] as const
export type HelperKind = (typeof HELPER_KINDS)[number]['code']
export const HELPER_KIND_CODES = codesOf(HELPER_KINDS)
export const HELPER_KIND_LABELS = labelsOf(HELPER_KINDS)

/** How a case ended (recorded when closing; the year-end figures count cases and money recovered). */
export const OUTCOME_KINDS = [
  { code: 'mediated', label: '调解成功' },
  { code: 'arbitration_award', label: '仲裁裁决' },
  { code: 'court_judgment', label: '法院判决' },
  { code: 'settled', label: '和解' },
  { code: 'withdrawn', label: '撤回' },
  { code: 'unsuccessful', label: '未能追回' },
] as const
export type OutcomeKind = (typeof OUTCOME_KINDS)[number]['code']
export const OUTCOME_KIND_CODES = codesOf(OUTCOME_KINDS)
export const OUTCOME_KIND_LABELS = labelsOf(OUTCOME_KINDS)

// ---------------------------------------------------------------------------------------------------
// Triage (the staff queue: urgent first, then oldest; weights in legal-aid.rules.ts)

export const TRIAGE_FLAGS = [
  { code: 'limitation_urgent', label: '仲裁时效很快就到' },
  { code: 'limitation_near', label: '仲裁时效快到了' },
  { code: 'limitation_passed', label: '可能已过仲裁时效' },
  { code: 'group', label: '群体性（很多工友）' },
  { code: 'migrant_wage_or_injury', label: '农民工讨薪或工伤' },
  { code: 'hardship', label: '经济困难' },
] as const
export type TriageFlag = (typeof TRIAGE_FLAGS)[number]['code']
export const TRIAGE_FLAG_LABELS = labelsOf(TRIAGE_FLAGS)

// ---------------------------------------------------------------------------------------------------
// Limits

export const EMPLOYER_NAME_MAX = 50
export const ADDRESS_MAX = 100
export const CONTACT_MAX = 30
export const FACTS_MIN = 10
export const FACTS_MAX = 2000
export const EVIDENCE_MAX = 9
export const NOTE_MAX = 200
export const PROGRESS_NOTE_MAX = 500
export const WORKERS_MAX = 10_000
export const HELPER_ORG_MAX = 40

// ---------------------------------------------------------------------------------------------------
// Errors (codes `LEGAL_AID.*`; messages for a worker who reads slowly)

export const LEGAL_AID_ERR = {
  CASE_NOT_FOUND: { code: 'LEGAL_AID.CASE_NOT_FOUND', message: '没有找到这件求助，请刷新后再看' },
  CASE_OPEN: { code: 'LEGAL_AID.CASE_OPEN', message: '这件事你已经提交过了，正在办理中，请在「我的求助」里查看' },
  DRAFT_NOT_FOUND: { code: 'LEGAL_AID.DRAFT_NOT_FOUND', message: '没有找到保存的草稿，可能已经提交或过期了。请重新填写' },
  FUTURE_DATE: { code: 'LEGAL_AID.FUTURE_DATE', message: '日期不能晚于今天，请核对一下' },
  EVIDENCE_INVALID: { code: 'LEGAL_AID.EVIDENCE_INVALID', message: '有的材料找不到了，或者不是你上传的，请重新上传' },
  HELPER_REQUIRED: { code: 'LEGAL_AID.HELPER_REQUIRED', message: '还没有安排律师或工会法律工作者，请先安排，再记录进展' },
  HANDOVER_SAME_ORG: { code: 'LEGAL_AID.HANDOVER_SAME_ORG', message: '不能转给现在办理的这个工会，请选另一个工会' },
  HANDOVER_TARGET_NOT_FOUND: { code: 'LEGAL_AID.HANDOVER_TARGET_NOT_FOUND', message: '没有找到要转交的工会，请重新选择' },
  OUTCOME_INVALID: { code: 'LEGAL_AID.OUTCOME_INVALID', message: '办理结果填得不对，请按提示改一改' },
  RULES_INVALID: { code: 'LEGAL_AID.RULES_INVALID', message: '规则里有填错的数字，请按提示改一改' },
} as const
