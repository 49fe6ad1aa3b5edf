/**
 * 职工互助保障 rules (RULES.md §3): which rule version judges a claim, whether the member was covered on
 * the event date, the claim window, the payout with its arithmetic in plain words, and the yearly
 * ledger that holds the annual cap. Every number comes from a rule table (`PlanRuleVersion`,
 * configuration data, versioned by `effectiveFrom`); `DEMO_PLAN_RULES` are the demo defaults.
 *
 * Dates are Asia/Shanghai calendar dates `YYYY-MM-DD`; money is integer fen. Every multiplication by a
 * percentage rounds DOWN to the fen (`pctOf`), so a payout is never a fraction of a fen and never above
 * what the rule allows.
 */
import { addDays, dateLabel, shanghaiDate } from '../calendar/working-days'
import {
  DOC_KIND_CODES,
  FEMALE_CLASS_LABELS,
  MUTUAL_AID_ERR,
  type AccidentBenefit,
  type ClaimRejectReason,
  type DisabilityGrade,
  type DocKind,
  type EventCause,
  type FemaleClass,
  type PlanKind,
} from './mutual-aid.constants'

// ---------------------------------------------------------------------------------------------------
// Rule tables

export interface InpatientRule {
  /** 起付线 of every later stay in the year. */
  deductibleFen: number
  /** 起付线 of the first stay in the year (a stay counts once a claim for it was approved). */
  firstStayDeductibleFen: number
  /** Share of (self-paid − deductible) that is paid. */
  ratioPct: number
  /** Most paid for one stay, per share. */
  perStayCapFen: number
}

export interface ListedDisease {
  code: string
  label: string
  /** Documents this disease needs on top of the plan's list (e.g. a pathology report for cancer). */
  documents?: DocKind[]
}

export interface CriticalRule {
  /** Paid once per listed disease, per share, on first diagnosis. */
  sumPerShareFen: number
  diseases: ListedDisease[]
}

export interface AccidentRule {
  sumPerShareFen: number
  /** Share of the sum for 伤残 grade 1 … 10 (index 0 = grade 1). */
  gradePct: number[]
  /** Share of the sum on death. Death and disability from one accident are paid once (one lump sum). */
  deathPct: number
  /** Hospital allowance per day, per share. */
  dailyAllowanceFen: number
  maxAllowanceDays: number
  /** Documents per benefit on top of the plan's list. */
  documentsByBenefit: Record<AccidentBenefit, DocKind[]>
}

export interface FemaleRule {
  /** Paid once per class, per share. */
  tiers: Record<FemaleClass, number>
  /** The diseases of each class, as shown to the worker. */
  classDiseases: Record<FemaleClass, string>
  documentsByClass: Partial<Record<FemaleClass, DocKind[]>>
}

interface RuleCommon {
  planId: string
  name: string
  /** First event date (YYYY-MM-DD, Shanghai) judged by this version; it stays in force until the next one. */
  effectiveFrom: string
  /** A term is 1–3 years (RULES.md §3). */
  termMonthsMin: number
  termMonthsMax: number
  maxShares: number
  /** Illness, first-time enrollee: days 1…waitingDays of cover pay nothing. Accidents never wait. */
  waitingDays: number
  /** … days waitingDays+1 … reducedDays pay `reducedRatioPct` of the full payout. */
  reducedDays: number
  reducedRatioPct: number
  /** A renewal starting within this many days after the previous term ended keeps continuity. */
  renewalGraceDays: number
  /** The last day to claim is the event date + this many days. */
  claimWindowDays: number
  /** Warn the worker this many days before the window closes. */
  windowWarnDays: number
  /** Most paid per member, plan and calendar year (of the event date), per share. */
  annualCapFen: number
  /** Documents every claim of this plan needs. */
  documents: DocKind[]
}

export type PlanRuleVersion =
  | (RuleCommon & { kind: 'inpatient'; inpatient: InpatientRule })
  | (RuleCommon & { kind: 'critical_illness'; critical: CriticalRule })
  | (RuleCommon & { kind: 'accident'; accident: AccidentRule })
  | (RuleCommon & { kind: 'female_special'; female: FemaleRule })

type RuleOf<K extends PlanKind> = Extract<PlanRuleVersion, { kind: K }>

const ILLNESS_PERIODS = { waitingDays: 30, reducedDays: 90, reducedRatioPct: 50, renewalGraceDays: 30 }
const COMMON_DEMO = { termMonthsMin: 12, termMonthsMax: 36, maxShares: 10, claimWindowDays: 730, windowWarnDays: 30, effectiveFrom: '2024-01-01' }

/** Demo defaults; where each value comes from is in README.md next to this file. */
export const DEMO_PLAN_RULES: PlanRuleVersion[] = [
  {
    planId: 'plan-inpatient',
    kind: 'inpatient',
    name: '职工住院医疗互助保障',
    ...COMMON_DEMO,
    ...ILLNESS_PERIODS,
    annualCapFen: 2_000_000,
    documents: ['id_card', 'invoice', 'settlement_sheet', 'discharge_summary', 'bank_card'],
    inpatient: { deductibleFen: 65_000, firstStayDeductibleFen: 130_000, ratioPct: 50, perStayCapFen: 800_000 },
  },
  {
    planId: 'plan-critical',
    kind: 'critical_illness',
    name: '职工重大疾病互助保障',
    ...COMMON_DEMO,
    ...ILLNESS_PERIODS,
    annualCapFen: 2_000_000,
    documents: ['id_card', 'diagnosis', 'discharge_summary', 'bank_card'],
    critical: {
      sumPerShareFen: 1_000_000,
      diseases: [
        { code: 'malignant_tumor', label: '恶性肿瘤', documents: ['pathology_report'] },
        { code: 'acute_mi', label: '急性心肌梗塞' },
        { code: 'stroke_sequelae', label: '脑中风后遗症' },
        { code: 'organ_transplant', label: '重大器官移植术或造血干细胞移植术' },
        { code: 'cabg', label: '冠状动脉搭桥术' },
        { code: 'end_stage_renal', label: '终末期肾病（尿毒症）' },
        { code: 'limb_loss', label: '多个肢体缺失' },
        { code: 'severe_hepatitis', label: '急性或亚急性重症肝炎' },
        { code: 'benign_brain_tumor', label: '良性脑肿瘤' },
        { code: 'liver_failure', label: '慢性肝功能衰竭失代偿期' },
        { code: 'paralysis', label: '瘫痪' },
        { code: 'aplastic_anemia', label: '重型再生障碍性贫血' },
      ],
    },
  },
  {
    planId: 'plan-accident',
    kind: 'accident',
    name: '职工意外伤害互助保障',
    ...COMMON_DEMO,
    waitingDays: 0,
    reducedDays: 0,
    reducedRatioPct: 100,
    renewalGraceDays: 30,
    annualCapFen: 1_360_000,
    documents: ['id_card', 'accident_proof', 'bank_card'],
    accident: {
      sumPerShareFen: 1_000_000,
      gradePct: [100, 90, 80, 70, 60, 50, 40, 30, 20, 10],
      deathPct: 100,
      dailyAllowanceFen: 2_000,
      maxAllowanceDays: 180,
      documentsByBenefit: {
        allowance: ['invoice', 'discharge_summary'],
        disability: ['disability_assessment'],
        death: ['death_certificate', 'kinship_proof'],
      },
    },
  },
  {
    planId: 'plan-female',
    kind: 'female_special',
    name: '女职工特殊疾病互助保障',
    ...COMMON_DEMO,
    ...ILLNESS_PERIODS,
    annualCapFen: 600_000,
    documents: ['id_card', 'diagnosis', 'bank_card'],
    female: {
      tiers: { class1: 600_000, class2: 300_000, class3: 200_000, class4: 100_000 },
      classDiseases: {
        class1: '乳腺癌、宫颈癌、卵巢癌、子宫内膜癌等女性特有的恶性肿瘤',
        class2: '女性特有器官的原位癌',
        class3: '因病切除子宫或乳房',
        class4: '子宫肌瘤、乳腺纤维瘤等需要住院手术的良性肿瘤',
      },
      documentsByClass: { class1: ['pathology_report'], class2: ['pathology_report'], class3: ['discharge_summary'], class4: ['discharge_summary'] },
    },
  },
]

/** The version of `planId` in force on `eventDate`: the latest whose `effectiveFrom` is not after it. */
export function ruleVersionOn(versions: readonly PlanRuleVersion[], planId: string, eventDate: string | Date): PlanRuleVersion | null {
  const day = typeof eventDate === 'string' ? eventDate : shanghaiDate(eventDate)
  let found: PlanRuleVersion | null = null
  for (const v of versions) {
    if (v.planId === planId && v.effectiveFrom <= day && (!found || v.effectiveFrom > found.effectiveFrom)) found = v
  }
  return found
}

/** A version already in force judges claims: it is frozen; changes go into a new version starting later. */
export const versionEditable = (version: Pick<PlanRuleVersion, 'effectiveFrom'>, today: string): boolean => version.effectiveFrom > today

/** The member's annual cap: the rule's per-share cap × shares. */
export const annualCapFor = (rule: Pick<PlanRuleVersion, 'annualCapFen'>, shares: number): number => rule.annualCapFen * shares

// ---------------------------------------------------------------------------------------------------
// Dates and money

const DAY_MS = 86_400_000
const dayNo = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS
/** Calendar days from `a` to `b` (negative when `b` is earlier). */
export const daysBetween = (a: string, b: string): number => dayNo(b) - dayNo(a)

/** The same day `months` later (31 January + 1 month = 28/29 February). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number)
  const total = y * 12 + (m - 1) + months
  const year = Math.floor(total / 12)
  const month = (total % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

/** Days in hospital: discharge − admission, at least 1 (a same-day stay counts one day). */
export const hospitalDays = (admission: string, discharge: string): number => Math.max(1, daysBetween(admission, discharge))

/** `pct` % of `fen`, rounded down to the fen. */
export const pctOf = (fen: number, pct: number): number => Math.floor((fen * pct) / 100)

/** 427500 → "4,275 元"; 427550 → "4,275.50 元". */
export function yuan(fen: number): string {
  const abs = Math.abs(Math.trunc(fen))
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const cents = abs % 100
  return `${fen < 0 ? '-' : ''}${whole}${cents ? `.${String(cents).padStart(2, '0')}` : ''} 元`
}

/**
 * What a person typed as yuan → integer fen, exactly (no floating point): "9200", "9,200.5", "￥9200元",
 * full-width digits. More than two decimals is refused, not rounded: the amount on the receipt is exact.
 */
export function parseYuanToFen(input: string, maxFen = 1_000_000_000): { ok: true; fen: number } | { ok: false; message: string } {
  const s = input
    .normalize('NFKC')
    .replace(/\s/g, '')
    .replace(/^(¥|￥|RMB|人民币)/i, '')
    .replace(/元$/, '')
  if (s === '') return { ok: false, message: '请填金额' }
  if (s.startsWith('-')) return { ok: false, message: '金额不能是负数' }
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/.exec(s)
  if (!m) return { ok: false, message: '金额只能写数字，比如 9200 或 9200.50' }
  const decimals = m[2] ?? ''
  if (decimals.length > 2) return { ok: false, message: '金额最多写到分，小数点后最多两位' }
  const fen = Number(m[1].replace(/,/g, '')) * 100 + Number(decimals.padEnd(2, '0'))
  if (fen > maxFen) return { ok: false, message: `金额太大了（最多 ${yuan(maxFen)}），请核对一下` }
  return { ok: true, fen }
}

// ---------------------------------------------------------------------------------------------------
// Coverage

/** One imported term of a member in a plan. */
export interface Enrollment {
  planId: string
  /** YYYY-MM-DD, first day covered. */
  termStart: string
  /** YYYY-MM-DD, last day covered. */
  termEnd: string
  shares: number
}

export type CoverageStatus = 'full' | 'reduced' | 'waiting' | 'not_enrolled' | 'expired'

export interface Coverage {
  status: CoverageStatus
  /** full or reduced: a claim can be paid. */
  covered: boolean
  /** The term that contains the date. */
  enrollment: Enrollment | null
  /** First day of the continuous chain of terms (renewals within the grace days). */
  since: string | null
  /** Which day of cover the date is (1 = `since`). */
  day: number | null
  /** First day anything is paid, and first day the full amount is paid (null when not enrolled). */
  coveredFrom: string | null
  fullFrom: string | null
  /** Waiting: days until `coveredFrom`. */
  waitDaysLeft: number
  /** Share of the payout paid on that date (0 while waiting). */
  ratioPct: number
  /** Why nothing or less is paid, in one plain sentence; null when fully covered. */
  reason: string | null
}

type CoverageRule = Pick<PlanRuleVersion, 'waitingDays' | 'reducedDays' | 'reducedRatioPct' | 'renewalGraceDays'>

/**
 * Whether the member was covered on `date` (Shanghai) in `planId`: a term contains the date
 * (start ≤ date ≤ end); the waiting period counts from the start of the continuous chain of terms, where a
 * term starting at most `renewalGraceDays` days after the previous one ended continues it (so a renewal
 * never waits again); accidents never wait.
 */
export function coverageOn(enrollments: readonly Enrollment[], planId: string, date: string, cause: EventCause, rule: CoverageRule): Coverage {
  const terms = enrollments.filter((e) => e.planId === planId)
  const none = { enrollment: null, since: null, day: null, coveredFrom: null, fullFrom: null, waitDaysLeft: 0, ratioPct: 0, covered: false }
  const current = terms.filter((t) => t.termStart <= date && date <= t.termEnd).sort((a, b) => (a.termStart < b.termStart ? 1 : -1))[0]
  if (!current) {
    const ended = terms.filter((t) => t.termEnd < date).sort((a, b) => (a.termEnd < b.termEnd ? 1 : -1))[0]
    if (ended) return { ...none, status: 'expired', reason: `保障已经到期（${dateLabel(ended.termEnd)}到期），那天不在保障期内` }
    return { ...none, status: 'not_enrolled', reason: '那天还没参加这个保障' }
  }
  let since = current.termStart
  for (let extended = true; extended; ) {
    extended = false
    for (const t of terms) {
      if (t.termStart < since && addDays(t.termEnd, 1 + rule.renewalGraceDays) >= since) {
        since = t.termStart
        extended = true
      }
    }
  }
  const day = daysBetween(since, date) + 1
  const waits = cause === 'illness'
  const coveredFrom = waits ? addDays(since, rule.waitingDays) : since
  const fullFrom = waits ? addDays(since, Math.max(rule.waitingDays, rule.reducedDays)) : since
  const base = { enrollment: current, since, day, coveredFrom, fullFrom }
  if (date < coveredFrom) {
    const left = daysBetween(date, coveredFrom)
    return { ...base, status: 'waiting', covered: false, waitDaysLeft: left, ratioPct: 0, reason: `在等待期内，还要等 ${left} 天（${dateLabel(coveredFrom)}起才有保障）` }
  }
  if (date < fullFrom) {
    return {
      ...base,
      status: 'reduced',
      covered: true,
      waitDaysLeft: 0,
      ratioPct: rule.reducedRatioPct,
      reason: `参加保障不满 ${rule.reducedDays} 天，按 ${rule.reducedRatioPct}% 补助（${dateLabel(fullFrom)}起全额）`,
    }
  }
  return { ...base, status: 'full', covered: true, waitDaysLeft: 0, ratioPct: 100, reason: null }
}

// ---------------------------------------------------------------------------------------------------
// Claim window

export interface ClaimWindow {
  open: boolean
  /** YYYY-MM-DD (Shanghai): the last day to claim; store it on the claim for reminders. */
  lastDay: string
  /** The end of that day in Shanghai, as an instant. */
  dueAt: Date
  /** Days from today to the last day (0 = today is the last day; negative once closed). */
  daysLeft: number
  /** Close enough to warn the worker. */
  warn: boolean
  text: string
}

/** The window to claim an event: through event date + `claimWindowDays` (the event day itself not counted). */
export function claimWindow(eventDate: string, today: string | Date, rule: Pick<PlanRuleVersion, 'claimWindowDays' | 'windowWarnDays'>): ClaimWindow {
  const day = typeof today === 'string' ? today : shanghaiDate(today)
  const lastDay = addDays(eventDate, rule.claimWindowDays)
  const dueAt = new Date(Date.parse(`${lastDay}T23:59:59.999+08:00`))
  const daysLeft = daysBetween(day, lastDay)
  const open = daysLeft >= 0
  const text = !open
    ? `已经超过申请期限（${dateLabel(lastDay)}截止）`
    : daysLeft === 0
      ? `今天是申请的最后一天（${dateLabel(lastDay)}）`
      : `还有 ${daysLeft} 天可以申请（${dateLabel(lastDay)}截止）`
  return { open, lastDay, dueAt, daysLeft, warn: open && daysLeft <= rule.windowWarnDays, text }
}

// ---------------------------------------------------------------------------------------------------
// Ledger: one per member, plan and year; the annual cap and "one payout per event" live here

export interface Ledger {
  /** The member's keyed ID hash (never the ID number). */
  memberKey: string
  planId: string
  /** Calendar year of the event dates it counts. */
  year: number
  /** Of `approvedFen`, what has been marked paid. */
  paidFen: number
  /** Everything approved this year; never above the member's annual cap. */
  approvedFen: number
  /** Event keys approved this year (see `eventKeyOf`). */
  events: string[]
}

export const emptyLedger = (memberKey: string, planId: string, year: number): Ledger => ({ memberKey, planId, year, paidFen: 0, approvedFen: 0, events: [] })
/** Deterministic document id, so the approving transaction can read-or-create it. */
export const ledgerId = (memberKey: string, planId: string, year: number): string => `${memberKey}_${planId}_${year}`
export const ledgerYearOf = (eventDate: string): number => Number(eventDate.slice(0, 4))

export type LedgerRefusal = { ok: false; code: (typeof MUTUAL_AID_ERR)['ALREADY_PAID' | 'CAP_EXCEEDED' | 'AMOUNT_INVALID']['code']; message: string; remainingFen: number }

const refuse = (err: keyof Pick<typeof MUTUAL_AID_ERR, 'ALREADY_PAID' | 'CAP_EXCEEDED' | 'AMOUNT_INVALID'>, remainingFen: number): LedgerRefusal => ({
  ok: false,
  ...MUTUAL_AID_ERR[err],
  remainingFen,
})

/**
 * Books an approval: the function the server runs inside the approval transaction, on the ledger it
 * read in that transaction. Refuses the same event twice and anything above the cap; never mutates.
 */
export function applyApproval(ledger: Ledger, eventKey: string, amountFen: number, capFen: number): { ok: true; ledger: Ledger } | LedgerRefusal {
  const remainingFen = Math.max(0, capFen - ledger.approvedFen)
  if (ledger.events.includes(eventKey)) return refuse('ALREADY_PAID', remainingFen)
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) return refuse('AMOUNT_INVALID', remainingFen)
  if (amountFen > remainingFen) return refuse('CAP_EXCEEDED', remainingFen)
  return { ok: true, ledger: { ...ledger, approvedFen: ledger.approvedFen + amountFen, events: [...ledger.events, eventKey] } }
}

/** Books a payment of an approved event (in the mark-paid transaction). */
export function applyPayment(ledger: Ledger, eventKey: string, amountFen: number): { ok: true; ledger: Ledger } | LedgerRefusal {
  const unpaid = ledger.approvedFen - ledger.paidFen
  if (!ledger.events.includes(eventKey) || !Number.isSafeInteger(amountFen) || amountFen <= 0 || amountFen > unpaid) return refuse('AMOUNT_INVALID', unpaid)
  return { ok: true, ledger: { ...ledger, paidFen: ledger.paidFen + amountFen } }
}

// ---------------------------------------------------------------------------------------------------
// Claims and payouts

/** What a claim states, per plan kind (the schema's output, amounts in fen). */
export type ClaimFacts =
  /** `eventDate` is the admission date. */
  | { kind: 'inpatient'; eventDate: string; dischargeDate: string; cause: EventCause; selfPaidFen: number }
  /** `eventDate` is the date of first diagnosis. */
  | { kind: 'critical_illness'; eventDate: string; disease: string }
  | { kind: 'accident'; eventDate: string; benefit: 'allowance'; admissionDate: string; dischargeDate: string }
  | { kind: 'accident'; eventDate: string; benefit: 'disability'; grade: DisabilityGrade }
  | { kind: 'accident'; eventDate: string; benefit: 'death' }
  | { kind: 'female_special'; eventDate: string; femaleClass: FemaleClass }

/**
 * What counts as "the same event" (paid once). `once`: once per member and plan for ever (a disease,
 * a female class) — the server keeps those keys beyond the yearly ledger. Death and disability from one
 * accident share one key: the sum is paid once.
 */
export function eventKeyOf(claim: ClaimFacts): { key: string; once: boolean } {
  switch (claim.kind) {
    case 'inpatient':
      return { key: `stay:${claim.eventDate}`, once: false }
    case 'critical_illness':
      return { key: `disease:${claim.disease}`, once: true }
    case 'accident':
      return { key: `accident:${claim.eventDate}:${claim.benefit === 'allowance' ? 'allowance' : 'sum'}`, once: false }
    case 'female_special':
      return { key: `female:${claim.femaleClass}`, once: true }
  }
}

/** The documents this claim needs, in the fixed order of the list: the plan's, plus what this case adds. */
export function documentsFor(rule: PlanRuleVersion, claim: ClaimFacts): DocKind[] {
  const extra: DocKind[] = []
  if (rule.kind === 'inpatient' && claim.kind === 'inpatient' && claim.cause === 'accident') extra.push('accident_proof')
  if (rule.kind === 'critical_illness' && claim.kind === 'critical_illness') extra.push(...(rule.critical.diseases.find((d) => d.code === claim.disease)?.documents ?? []))
  if (rule.kind === 'accident' && claim.kind === 'accident') extra.push(...rule.accident.documentsByBenefit[claim.benefit])
  if (rule.kind === 'female_special' && claim.kind === 'female_special') extra.push(...(rule.female.documentsByClass[claim.femaleClass] ?? []))
  const wanted = new Set([...rule.documents, ...extra])
  return DOC_KIND_CODES.filter((d) => wanted.has(d))
}

export const missingDocuments = (required: readonly DocKind[], provided: Partial<Record<DocKind, readonly string[]>>): DocKind[] =>
  required.filter((d) => (provided[d]?.length ?? 0) === 0)

export interface PayoutInput {
  claim: ClaimFacts
  /** Shares held on the event date (from the covering enrollment). */
  shares: number
  /** Share paid on the event date (`Coverage.ratioPct`): 100, or the reduced ratio. */
  coverPct: number
}

export type CapApplied = 'per_event' | 'annual' | null

export interface PayoutResult {
  eligible: boolean
  /** What the server proposes to approve (integer fen, ≥ 0). */
  payoutFen: number
  /** The arithmetic in plain words, one line per step. */
  steps: string[]
  /** Which cap cut the amount last (null: none). */
  capApplied: CapApplied
  /** Why nothing is paid, in plain sentences (empty when eligible). */
  reasons: string[]
  refusal: ClaimRejectReason | null
  eventKey: string
  once: boolean
  /** The most one event of this plan pays these shares at this cover, within what is left this year: the ceiling of an override. */
  maxFen: number
  annualCapFen: number
  annualRemainingFen: number
}

interface Draft {
  amount: number
  eventMax: number
  steps: string[]
  capApplied: CapApplied
  reasons: string[]
  refusal: ClaimRejectReason | null
}

function inpatientDraft(rule: RuleOf<'inpatient'>, claim: Extract<ClaimFacts, { kind: 'inpatient' }>, shares: number, firstStay: boolean): Draft {
  const r = rule.inpatient
  const deductible = firstStay ? r.firstStayDeductibleFen : r.deductibleFen
  const steps = firstStay ? [`今年第一次住院，起付线是 ${yuan(deductible)}`] : []
  const eventMax = r.perStayCapFen * shares
  if (claim.selfPaidFen <= deductible) {
    return { amount: 0, eventMax, steps, capApplied: null, reasons: [`自付 ${yuan(claim.selfPaidFen)}，没有超过起付线 ${yuan(deductible)}，这次不能补助`], refusal: 'below_deductible' }
  }
  const over = claim.selfPaidFen - deductible
  let amount = pctOf(over, r.ratioPct)
  steps.push(`自付 ${yuan(claim.selfPaidFen)} − 起付线 ${yuan(deductible)} = ${yuan(over)} × ${r.ratioPct}% = ${yuan(amount)}`)
  if (amount === 0) return { amount, eventMax, steps, capApplied: null, reasons: ['超过起付线的部分按比例算下来不到 1 分钱，这次不能补助'], refusal: 'below_deductible' }
  let capApplied: CapApplied = null
  if (amount > eventMax) {
    amount = eventMax
    capApplied = 'per_event'
    steps.push(`每次住院最多补助 ${yuan(eventMax)}${shares > 1 ? `（${shares} 份）` : ''}，按 ${yuan(eventMax)}算`)
  }
  return { amount, eventMax, steps, capApplied, reasons: [], refusal: null }
}

const sharesText = (perShareFen: number, shares: number, total: number) => (shares > 1 ? `每份 ${yuan(perShareFen)} × ${shares} 份 = ${yuan(total)}` : `${yuan(total)}`)

function criticalDraft(rule: RuleOf<'critical_illness'>, claim: Extract<ClaimFacts, { kind: 'critical_illness' }>, shares: number, paidOnce: readonly string[], key: string): Draft {
  const c = rule.critical
  const eventMax = c.sumPerShareFen * shares
  const disease = c.diseases.find((d) => d.code === claim.disease)
  const no = (reason: string, refusal: ClaimRejectReason): Draft => ({ amount: 0, eventMax, steps: [], capApplied: null, reasons: [reason], refusal })
  if (!disease) return no('这个病不在重大疾病的清单里，这个保障不能补助', 'not_covered')
  if (paidOnce.includes(key)) return no(`「${disease.label}」已经补助过了，每种病只补助一次`, 'already_paid')
  return { amount: eventMax, eventMax, steps: [`确诊「${disease.label}」：${sharesText(c.sumPerShareFen, shares, eventMax)}`], capApplied: null, reasons: [], refusal: null }
}

function accidentDraft(rule: RuleOf<'accident'>, claim: Extract<ClaimFacts, { kind: 'accident' }>, shares: number): Draft {
  const a = rule.accident
  const sum = a.sumPerShareFen * shares
  const done = (amount: number, eventMax: number, steps: string[]): Draft => ({ amount, eventMax, steps, capApplied: null, reasons: [], refusal: null })
  switch (claim.benefit) {
    case 'allowance': {
      const stayed = hospitalDays(claim.admissionDate, claim.dischargeDate)
      const days = Math.min(stayed, a.maxAllowanceDays)
      const perDay = a.dailyAllowanceFen * shares
      const steps = stayed > days ? [`住院 ${stayed} 天，最多算 ${a.maxAllowanceDays} 天`] : []
      steps.push(`住院 ${days} 天 × 每天 ${yuan(perDay)}${shares > 1 ? `（${shares} 份）` : ''} = ${yuan(days * perDay)}`)
      return done(days * perDay, a.maxAllowanceDays * perDay, steps)
    }
    case 'disability': {
      const pct = a.gradePct[claim.grade - 1] ?? 0
      const amount = pctOf(sum, pct)
      return done(amount, pctOf(sum, Math.max(a.deathPct, ...a.gradePct)), [`伤残 ${claim.grade} 级补助保额的 ${pct}%：保额 ${sharesText(a.sumPerShareFen, shares, sum)}，× ${pct}% = ${yuan(amount)}`])
    }
    case 'death': {
      const amount = pctOf(sum, a.deathPct)
      return done(amount, pctOf(sum, Math.max(a.deathPct, ...a.gradePct)), [`意外身故补助保额的 ${a.deathPct}%：保额 ${sharesText(a.sumPerShareFen, shares, sum)}，× ${a.deathPct}% = ${yuan(amount)}`])
    }
  }
}

function femaleDraft(rule: RuleOf<'female_special'>, claim: Extract<ClaimFacts, { kind: 'female_special' }>, shares: number, paidOnce: readonly string[], key: string): Draft {
  const f = rule.female
  const eventMax = Math.max(...Object.values(f.tiers)) * shares
  const label = FEMALE_CLASS_LABELS[claim.femaleClass]
  if (paidOnce.includes(key)) return { amount: 0, eventMax, steps: [], capApplied: null, reasons: [`${label}疾病已经补助过了，每类只补助一次`], refusal: 'already_paid' }
  const perShare = f.tiers[claim.femaleClass]
  const amount = perShare * shares
  return { amount, eventMax, steps: [`${label}疾病：${sharesText(perShare, shares, amount)}`], capApplied: null, reasons: [], refusal: null }
}

/**
 * The payout of one claim under `rule` for a covered member: the plan's arithmetic, then the reduced
 * cover ratio, then what is left of the annual cap in `ledger` (the member's ledger for this plan and
 * the event's year; null = nothing approved yet). `paidOnce`: keys of once-only events (diseases, female
 * classes) already paid to this member in this plan in any year. Integer fen, rounded down.
 */
export function computePayout(input: PayoutInput, rule: PlanRuleVersion, ledger: Ledger | null, paidOnce: readonly string[] = []): PayoutResult {
  const { claim, shares, coverPct } = input
  if (claim.kind !== rule.kind) throw new Error(`claim ${claim.kind} judged by a ${rule.kind} rule`)
  if (ledger && (ledger.planId !== rule.planId || ledger.year !== ledgerYearOf(claim.eventDate))) throw new Error('ledger of another plan or year')
  const { key, once } = eventKeyOf(claim)
  const annualCapFen = annualCapFor(rule, shares)
  const approved = ledger?.approvedFen ?? 0
  const annualRemainingFen = Math.max(0, annualCapFen - approved)
  const firstStay = !(ledger?.events ?? []).some((e) => e.startsWith('stay:'))

  let d: Draft
  if (rule.kind === 'inpatient' && claim.kind === 'inpatient') d = inpatientDraft(rule, claim, shares, firstStay)
  else if (rule.kind === 'critical_illness' && claim.kind === 'critical_illness') d = criticalDraft(rule, claim, shares, paidOnce, key)
  else if (rule.kind === 'accident' && claim.kind === 'accident') d = accidentDraft(rule, claim, shares)
  else if (rule.kind === 'female_special' && claim.kind === 'female_special') d = femaleDraft(rule, claim, shares, paidOnce, key)
  else throw new Error('unreachable')

  if (ledger?.events.includes(key) && !d.refusal) d = { ...d, amount: 0, steps: [], reasons: ['这件事已经补助过了，同一件事只补助一次'], refusal: 'already_paid' }

  let { amount, eventMax, capApplied } = d
  const steps = [...d.steps]
  if (coverPct < 100) {
    eventMax = pctOf(eventMax, coverPct)
    if (amount > 0) {
      const reduced = pctOf(amount, coverPct)
      steps.push(`参加保障时间还短，按 ${coverPct}% 补助：${yuan(amount)} × ${coverPct}% = ${yuan(reduced)}`)
      amount = reduced
    }
  }
  const reasons = [...d.reasons]
  let refusal = d.refusal
  if (amount > annualRemainingFen) {
    if (annualRemainingFen === 0) {
      steps.push(`今年这个保障最多补助 ${yuan(annualCapFen)}，已经用完了`)
      reasons.push(`今年这个保障最多补助 ${yuan(annualCapFen)}，已经全部用完，这次不能再补助`)
      refusal = 'annual_cap_reached'
    } else {
      steps.push(`今年这个保障最多补助 ${yuan(annualCapFen)}，已经批了 ${yuan(approved)}，还能补助 ${yuan(annualRemainingFen)}，按 ${yuan(annualRemainingFen)}算`)
    }
    amount = annualRemainingFen
    capApplied = 'annual'
  }
  if (amount > 0 && (capApplied !== null || coverPct < 100)) steps.push(`这次补助 ${yuan(amount)}`)
  if (amount === 0 && reasons.length === 0) {
    reasons.push('按比例算下来不到 1 分钱，这次不能补助')
    refusal ??= 'other'
  }
  return {
    eligible: amount > 0,
    payoutFen: amount,
    steps,
    capApplied,
    reasons,
    refusal,
    eventKey: key,
    once,
    maxFen: Math.min(eventMax, annualRemainingFen),
    annualCapFen,
    annualRemainingFen,
  }
}

/** Staff approving another amount than computed: a problem sentence, or null when it may be approved. */
export function overrideProblem(amountFen: number, payout: Pick<PayoutResult, 'maxFen'>): string | null {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) return '批准的金额要大于 0，按分填整数'
  if (amountFen > payout.maxFen) return `批准的金额不能超过这次最多能补助的 ${yuan(payout.maxFen)}`
  return null
}

// ---------------------------------------------------------------------------------------------------
// The whole check before submitting (and again on the server when it is submitted)

export interface ClaimAssessment {
  rule: PlanRuleVersion
  coverage: Coverage
  window: ClaimWindow
  /** Null when the member was not covered (nothing to compute). */
  payout: PayoutResult | null
  eligible: boolean
  /** Every reason nothing is paid, in the order the worker should read them. */
  reasons: string[]
  /** The coded reason staff would pick to reject (pre-selected on the review page). */
  refusal: ClaimRejectReason | null
  documents: DocKind[]
}

export interface AssessInput {
  versions: readonly PlanRuleVersion[]
  enrollments: readonly Enrollment[]
  planId: string
  claim: ClaimFacts
  today: string | Date
  ledger: Ledger | null
  paidOnce?: readonly string[]
}

const COVERAGE_REFUSAL: Partial<Record<CoverageStatus, ClaimRejectReason>> = { waiting: 'waiting_period', not_enrolled: 'not_enrolled', expired: 'not_enrolled' }

/** Rule version of the event date, coverage, window and payout together; an error when no version applies. */
export function assessClaim(a: AssessInput): { ok: true; value: ClaimAssessment } | { ok: false; code: string; message: string } {
  const today = typeof a.today === 'string' ? a.today : shanghaiDate(a.today)
  const { claim } = a
  if (claim.eventDate > today) return { ok: false, ...MUTUAL_AID_ERR.FUTURE_DATE }
  const rule = ruleVersionOn(a.versions, a.planId, claim.eventDate)
  if (!rule) return { ok: false, ...MUTUAL_AID_ERR.NO_RULES }
  if (rule.kind !== claim.kind) return { ok: false, ...MUTUAL_AID_ERR.PLAN_NOT_FOUND }
  const cause: EventCause = claim.kind === 'accident' || (claim.kind === 'inpatient' && claim.cause === 'accident') ? 'accident' : 'illness'
  const coverage = coverageOn(a.enrollments, a.planId, claim.eventDate, cause, rule)
  const window = claimWindow(claim.eventDate, today, rule)
  const payout = coverage.covered && coverage.enrollment ? computePayout({ claim, shares: coverage.enrollment.shares, coverPct: coverage.ratioPct }, rule, a.ledger, a.paidOnce) : null
  const found: Array<{ reasons: string[]; refusal: ClaimRejectReason | null }> = []
  if (!coverage.covered) found.push({ reasons: coverage.reason ? [coverage.reason] : [], refusal: COVERAGE_REFUSAL[coverage.status] ?? null })
  if (!window.open) found.push({ reasons: [window.text], refusal: 'window_closed' })
  if (payout && !payout.eligible) found.push({ reasons: payout.reasons, refusal: payout.refusal })
  const eligible = found.length === 0 && payout !== null
  const reasons = found.flatMap((f) => f.reasons)
  const refusal = found.find((f) => f.refusal)?.refusal ?? null
  return { ok: true, value: { rule, coverage, window, payout, eligible, reasons, refusal, documents: documentsFor(rule, claim) } }
}
