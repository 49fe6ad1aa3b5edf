/**
 * 工会法律援助 rules (RULES.md §2, §5): who qualifies for free legal aid and why, the last day to apply
 * for labour arbitration, the triage order of the staff queue and the review deadline that pauses while
 * the union waits for the worker. Every local number comes from the union's rule table (`LegalAidRules`,
 * configuration data; demo defaults in `DEMO_LEGAL_AID_RULES`); every result is one plain sentence.
 *
 * Dates are Asia/Shanghai calendar dates `YYYY-MM-DD`; money is integer fen. Nothing here refuses a
 * request: a worker who does not qualify may still submit (handled as consultation / other help), and a
 * passed limitation date is a warning, never a rejection.
 */
import { dateLabel, deadlineText, shanghaiDate, type WorkCalendar } from '../calendar/working-days'
import { addMonths, daysBetween, yuan } from '../mutual-aid/mutual-aid.rules'
import {
  HARDSHIP_LABELS,
  PROOFS,
  type CaseState,
  type Demand,
  type DisputeType,
  type Hardship,
  type Proof,
  type TriageFlag,
} from './legal-aid.constants'

// ---------------------------------------------------------------------------------------------------
// Rule table

/** The union's rule table for legal aid (admin-edited; demo defaults below, sources in README.md). */
export interface LegalAidRules {
  /** Eligibility 1: the amount at stake must be at least this (demo 1,000 元). */
  amountFloorFen: number
  /** Eligibility 1: household income per person per month must be below the local monthly minimum wage. */
  minimumWageFen: number
  /** The union decides whether to help within this many working days (waiting for the worker not counted). */
  reviewWorkingDays: number
  /** … and assigns a helper within this many working days after accepting. */
  assignWorkingDays: number
  /** Warn when the last day to apply for arbitration is this many days away or fewer. */
  limitationWarnDays: number
  /** … and treat it as urgent (top of the queue) from this many days. */
  urgentDays: number
  /** This many workers affected or more = 群体性: escalated. */
  groupThreshold: number
}

export const DEMO_LEGAL_AID_RULES: LegalAidRules = {
  amountFloorFen: 100_000,
  minimumWageFen: 185_000,
  reviewWorkingDays: 7,
  assignWorkingDays: 7,
  limitationWarnDays: 60,
  urgentDays: 30,
  groupThreshold: 10,
}

/** 劳动争议调解仲裁法 §27: one year. National law, not a local number. */
export const LIMITATION_MONTHS = 12

// ---------------------------------------------------------------------------------------------------
// The facts the rules judge (what the request wizard collects, amounts in fen)

export interface KeyDates {
  /** 进单位的日期. */
  entryDate?: string
  /** 最后一次发工资的日期. */
  lastPayDate?: string
  injuryDate?: string
  /** 离开单位（辞退、合同终止、自己走）的日期. */
  terminationDate?: string
  /** 知道（或应当知道）权益受损的日期, e.g. the day the employer said it would not pay. */
  knewDate?: string
}

export interface CaseFacts {
  disputeType: DisputeType
  wants: readonly Demand[]
  /** What is asked for in money (all workers of the request together), or null when nothing in money. */
  amountFen: number | null
  migrant: boolean
  workersAffected: number
  /** 家庭每人每月收入, or null when not given. */
  householdIncomePerPersonFen: number | null
  hardship: Hardship | null
  stillEmployed: boolean
  dates: KeyDates
}

/** Unpaid wages, including overtime pay (both 劳动报酬). */
export const isWageClaim = (f: Pick<CaseFacts, 'disputeType' | 'wants'>): boolean =>
  f.disputeType === 'wages' || f.disputeType === 'overtime' || f.wants.includes('unpaid_wages') || f.wants.includes('overtime_pay')

export const isInjuryClaim = (f: Pick<CaseFacts, 'disputeType' | 'wants'>): boolean =>
  f.disputeType === 'injury' || f.wants.includes('injury_compensation') || f.wants.includes('injury_recognition')

// ---------------------------------------------------------------------------------------------------
// Eligibility (RULES.md §2: any one of three)

export type EligibilityBasis = 'migrant_wage_or_injury' | 'hardship_income' | 'force_majeure'

export interface Eligibility {
  eligible: boolean
  basis: EligibilityBasis | null
  /** Proof to bring (empty when none); `proofText` says what the paper is. */
  needsProof: Proof[]
  /** One plain paragraph: the result, why, and what to do. */
  message: string
  /** What each needed proof is, in the words of the paper. */
  proofText: string[]
  /**
   * `legal_aid`: free representation and the rest. `consultation`: not eligible — the request is still
   * submitted and handled as consultation / other help the union may accept (工会法律援助办法: "other
   * matters the union accepts"); staff decide on review.
   */
  help: 'legal_aid' | 'consultation'
  /** The wizard should ask for the household income (amount is enough, income not given). */
  askIncome: boolean
}

export type EligibilityFacts = Pick<CaseFacts, 'disputeType' | 'wants' | 'amountFen' | 'migrant' | 'householdIncomePerPersonFen' | 'hardship'>

const CONSULT_TAIL = '你可以照样提交：工会免费给你咨询、帮你想办法，也可能作为其他事项受理。'
const proofTexts = (proofs: readonly Proof[]) => proofs.map((code) => PROOFS.find((p) => p.code === code)).map((p) => `${p?.label}：${p?.what}`)

/**
 * Whether the worker qualifies for free legal aid, in this order: a migrant worker claiming wages or
 * work-injury benefits (no means test, no amount floor) → amount ≥ floor and household income per person
 * below the minimum wage (income proof) → serious illness, disaster or similar (hardship proof). Not
 * qualifying never blocks submitting (`help: 'consultation'`).
 */
export function checkLegalAidEligibility(f: EligibilityFacts, rules: Pick<LegalAidRules, 'amountFloorFen' | 'minimumWageFen'>): Eligibility {
  const yes = (basis: EligibilityBasis, needsProof: Proof[], message: string): Eligibility => ({
    eligible: true,
    basis,
    needsProof,
    proofText: proofTexts(needsProof),
    message,
    help: 'legal_aid',
    askIncome: false,
  })
  const no = (message: string, askIncome = false): Eligibility => ({ eligible: false, basis: null, needsProof: [], proofText: [], message: `${message}${CONSULT_TAIL}`, help: 'consultation', askIncome })

  if (f.migrant && isWageClaim(f)) return yes('migrant_wage_or_injury', [], '你是农民工，追讨工资，不需要经济困难证明。')
  if (f.migrant && isInjuryClaim(f)) return yes('migrant_wage_or_injury', [], '你是农民工，要工伤赔偿，不需要经济困难证明。')

  const floor = yuan(rules.amountFloorFen)
  const wage = yuan(rules.minimumWageFen)
  const amountOk = f.amountFen !== null && f.amountFen >= rules.amountFloorFen
  const income = f.householdIncomePerPersonFen
  if (amountOk && income !== null && income < rules.minimumWageFen) {
    return yes(
      'hardship_income',
      ['income_proof'],
      `要讨的钱 ${yuan(f.amountFen ?? 0)}，达到了 ${floor}；家里每人每月收入 ${yuan(income)}，低于本地最低工资 ${wage}，符合法律援助条件。` +
        '请准备一份家庭经济困难证明：按规定，免费代理要用它证明家里确实困难。',
    )
  }
  if (f.hardship) {
    return yes('force_majeure', ['hardship_proof'], `因为${HARDSHIP_LABELS[f.hardship]}，符合法律援助条件。请准备重病或受灾的证明，用来说明你现在确实付不起律师费。`)
  }
  if (f.amountFen === null) return no(`免费代理打官司看的是要讨的钱（至少 ${floor}）和家庭收入；你这次要的不是钱。`)
  if (!amountOk) return no(`你要讨的钱是 ${yuan(f.amountFen)}，不到 ${floor}，按规定不能免费代理打官司。`)
  if (income === null) return no(`要讨的钱达到了 ${floor}。家里每人每月收入低于 ${wage} 的，可以免费代理；请填上家里每人每月的收入再看一看。`, true)
  return no(`家里每人每月收入 ${yuan(income)}，不低于本地最低工资 ${wage}，按规定不能免费代理打官司。`)
}

// ---------------------------------------------------------------------------------------------------
// Limitation (劳动争议调解仲裁法 §27)

export type LimitationStatus = 'ok' | 'near' | 'urgent' | 'passed' | 'not_running' | 'unknown'

export interface Limitation {
  /** Last day to apply for labour arbitration (YYYY-MM-DD, Shanghai), or null (not running / unknown). */
  lastDay: string | null
  /** From which day the year runs and why, one plain sentence with the law. */
  basis: string
  status: LimitationStatus
  /** Days from today to `lastDay` (negative when passed), or null. */
  daysLeft: number | null
  /** What to do, e.g. 请在 2027年3月1日 前申请劳动仲裁, with a warning when near or passed. */
  message: string
  /** Other deadlines worth knowing (e.g. 工伤认定 within a year of the injury). */
  notes: string[]
}

export type LimitationFacts = Pick<CaseFacts, 'disputeType' | 'wants' | 'stillEmployed' | 'dates'>

const LAW = '（劳动争议调解仲裁法第二十七条）'

/**
 * One year after `start`: the same day a year later; none (29 February) → the last day of that month
 * (民法典 §201–§203: the start day is not counted; no corresponding day → the month's last day). We do
 * not move it past a holiday (§203 would): the earlier date is the safe one to tell a worker.
 */
export const oneYearAfter = (start: string): string => addMonths(start, LIMITATION_MONTHS)

/**
 * The last day to apply for labour arbitration: one year from the day the worker knew or should have
 * known of the infringement. Unpaid wages (and overtime pay) while still employed: no running limitation;
 * once employment ended, one year from the end. Injury: from the day the worker knew (if given), else the
 * injury date. Contract / dismissal: from the termination date. Social insurance and other: from the day
 * the worker knew.
 */
export function limitationDate(f: LimitationFacts, now: Date | string, rules: Pick<LegalAidRules, 'limitationWarnDays' | 'urgentDays'>): Limitation {
  const today = typeof now === 'string' ? now : shanghaiDate(now)
  const d = f.dates
  const notes: string[] = []
  const unknown = (what: string): Limitation => ({
    lastDay: null,
    basis: '按规定，申请劳动仲裁要在知道权益受损之日起一年内' + LAW,
    status: 'unknown',
    daysLeft: null,
    message: `请填上${what}，才能算出申请劳动仲裁的最后一天。`,
    notes,
  })

  let start: string
  let basis: string
  if (isInjuryClaim(f) && d.injuryDate) {
    const injury = oneYearAfter(d.injuryDate)
    if (injury >= today) notes.push(`单位没给你申请工伤认定的，你自己要在 ${dateLabel(injury)} 前到人社局申请工伤认定（工伤保险条例第十七条）。`)
  }
  if (f.disputeType === 'wages' || f.disputeType === 'overtime') {
    if (f.stillEmployed) {
      return {
        lastDay: null,
        basis: `还在单位干活时被拖欠工资，申请仲裁不受一年的限制；离开单位以后，要在一年内申请${LAW}。`,
        status: 'not_running',
        daysLeft: null,
        message: '你还在这个单位干活，讨工资现在没有一年的期限。离开单位以后，要在一年内申请劳动仲裁，别拖。',
        notes,
      }
    }
    if (!d.terminationDate) return unknown('离开单位的日期')
    start = d.terminationDate
    basis = `讨工资从离开单位那天（${dateLabel(start)}）算起一年${LAW}。`
  } else if (f.disputeType === 'injury') {
    const from = d.knewDate ?? d.injuryDate
    if (!from) return unknown('受伤的日期')
    start = from
    basis = d.knewDate ? `从知道权益受损那天（${dateLabel(start)}）算起一年${LAW}。` : `从受伤那天（${dateLabel(start)}）算起一年${LAW}。`
  } else if (f.disputeType === 'contract' && d.terminationDate && !f.stillEmployed) {
    start = d.terminationDate
    basis = `从离开单位那天（${dateLabel(start)}）算起一年${LAW}。`
  } else {
    if (!d.knewDate) return unknown('知道权益受损的日期（比如单位说不给的那天）')
    start = d.knewDate
    basis = `从知道权益受损那天（${dateLabel(start)}）算起一年${LAW}。`
  }

  const lastDay = oneYearAfter(start)
  const daysLeft = daysBetween(today, lastDay)
  const label = dateLabel(lastDay)
  const apply = `请在 ${label} 前申请劳动仲裁`
  if (daysLeft < 0) {
    return {
      lastDay,
      basis,
      status: 'passed',
      daysLeft,
      message:
        `已经过了申请劳动仲裁的时效（最后一天是 ${label}）。仍然可以提交，工会会帮你看有没有补救办法：` +
        '这一年里你找单位要过钱、向有关部门投诉过，或者单位答应过给钱，期限可能重新算，请把这些证据一起交上来。',
      notes,
    }
  }
  if (daysLeft <= rules.urgentDays) {
    const left = daysLeft === 0 ? `今天是最后一天（${label}）！` : `${apply}，只剩 ${daysLeft} 天了！`
    return { lastDay, basis, status: 'urgent', daysLeft, message: `${left}请马上提交，工会会优先处理。`, notes }
  }
  if (daysLeft <= rules.limitationWarnDays) return { lastDay, basis, status: 'near', daysLeft, message: `${apply}，还剩 ${daysLeft} 天，要抓紧。`, notes }
  return { lastDay, basis, status: 'ok', daysLeft, message: `${apply}。`, notes }
}

// ---------------------------------------------------------------------------------------------------
// Triage: urgent first, then oldest

/**
 * Each flag outweighs all lighter flags together, so the order is lexicographic: limitation urgent >
 * limitation near > 群体性 > migrant wage/injury > hardship. A passed limitation is shown, not weighted.
 */
export const TRIAGE_WEIGHTS: Record<TriageFlag, number> = {
  limitation_urgent: 16,
  limitation_near: 8,
  limitation_passed: 0,
  group: 4,
  migrant_wage_or_injury: 2,
  hardship: 1,
}

export interface TriageInput {
  id?: string
  submittedAt: Date | string
  facts: CaseFacts
}

export interface Triage {
  id?: string
  /** Higher = more urgent (sum of `TRIAGE_WEIGHTS` of the flags). */
  score: number
  flags: TriageFlag[]
  /** Migrant wage/injury, hardship or an urgent limitation: review the same day where possible. */
  fastTrack: boolean
  /** Submission instant in ms (the tie-break: oldest first). */
  submittedMs: number
  /** Calendar days since submission (Shanghai). */
  ageDays: number
  limitation: Limitation
}

export function urgency(c: TriageInput, now: Date, rules: LegalAidRules): Triage {
  const limitation = limitationDate(c.facts, now, rules)
  const eligibility = checkLegalAidEligibility(c.facts, rules)
  const flags: TriageFlag[] = []
  if (limitation.status === 'urgent') flags.push('limitation_urgent')
  if (limitation.status === 'near') flags.push('limitation_near')
  if (limitation.status === 'passed') flags.push('limitation_passed')
  if (c.facts.workersAffected >= rules.groupThreshold) flags.push('group')
  if (eligibility.basis === 'migrant_wage_or_injury') flags.push('migrant_wage_or_injury')
  if (eligibility.basis === 'hardship_income' || eligibility.basis === 'force_majeure' || c.facts.hardship) flags.push('hardship')
  const submitted = typeof c.submittedAt === 'string' ? new Date(c.submittedAt) : c.submittedAt
  return {
    ...(c.id === undefined ? {} : { id: c.id }),
    score: flags.reduce((sum, f) => sum + TRIAGE_WEIGHTS[f], 0),
    flags,
    fastTrack: flags.some((f) => f === 'limitation_urgent' || f === 'migrant_wage_or_injury' || f === 'hardship'),
    submittedMs: submitted.getTime(),
    ageDays: daysBetween(shanghaiDate(submitted), shanghaiDate(now)),
    limitation,
  }
}

/** Sort comparator of the triage queue: higher score first, then submitted earlier, then id. */
export function compareTriage(a: Pick<Triage, 'score' | 'submittedMs' | 'id'>, b: Pick<Triage, 'score' | 'submittedMs' | 'id'>): number {
  return b.score - a.score || a.submittedMs - b.submittedMs || (a.id ?? '').localeCompare(b.id ?? '')
}

// ---------------------------------------------------------------------------------------------------
// Service deadlines in working days

/** A step of the case's history (the request timeline's `HistoryEntry` fits). */
export interface StateChange {
  at: Date | string
  to: CaseState | string
}

export interface Clock {
  /** The last day (YYYY-MM-DD, Shanghai), or null while paused (it moves when the worker answers). */
  dueDate: string | null
  paused: boolean
  /** The step was done (decision made / helper assigned). */
  stopped: boolean
  /** Working days the union has used (waiting for the worker not counted). */
  usedWorkingDays: number
  pausedWorkingDays: number
  /** Budget − used (negative = late). */
  leftWorkingDays: number
  overdue: boolean
  /** 还剩 3 个工作日 / 今天到期 / 已超过 2 个工作日 / 等补充材料，期限暂停… / 按期办完 */
  text: string
  /** A year it spans has no holiday calendar: weekends only were skipped. */
  calendarMissing: boolean
}

const dayOf = (at: Date | string) => shanghaiDate(typeof at === 'string' ? new Date(at) : at)
const msOf = (at: Date | string) => (typeof at === 'string' ? Date.parse(at) : at.getTime())

interface ClockSpec {
  start: Date | string
  history: readonly StateChange[]
  pauseIn: readonly string[]
  stopIn: readonly string[]
  workingDays: number
  cal: WorkCalendar
  now: Date
}

/**
 * Working days from `start` (the day itself not counted) until the history enters a stop state, not
 * counting the working days after entering a pause state up to and including the day it is left (the
 * day of asking counts for the union, the day of answering for the worker).
 */
function runClock(s: ClockSpec): Clock {
  const startMs = msOf(s.start)
  const startDate = dayOf(s.start)
  const today = shanghaiDate(s.now)
  const steps = [...s.history].sort((a, b) => msOf(a.at) - msOf(b.at))
  let state: string | null = null
  for (const h of steps) if (msOf(h.at) <= startMs) state = h.to
  let pausedSince: string | null = state !== null && s.pauseIn.includes(state) ? startDate : null
  let paused = 0
  let stoppedOn: string | null = null
  for (const h of steps) {
    if (msOf(h.at) <= startMs) continue
    const day = dayOf(h.at)
    if (pausedSince !== null && !s.pauseIn.includes(h.to)) {
      paused += s.cal.workingDaysBetween(pausedSince, day)
      pausedSince = null
    } else if (pausedSince === null && s.pauseIn.includes(h.to)) pausedSince = day
    if (s.stopIn.includes(h.to)) {
      stoppedOn = day
      break
    }
  }
  const end = stoppedOn ?? today
  const pausedNow = pausedSince !== null
  if (pausedSince !== null) paused += s.cal.workingDaysBetween(pausedSince, end)
  const used = s.cal.workingDaysBetween(startDate, end) - paused
  const left = s.workingDays - used
  const dueDate = pausedNow ? null : s.cal.addWorkingDays(startDate, s.workingDays + paused)
  const calendarMissing = !s.cal.hasYear(Number(startDate.slice(0, 4))) || !s.cal.hasYear(Number((dueDate ?? today).slice(0, 4)))
  const base = { paused: pausedNow, usedWorkingDays: used, pausedWorkingDays: paused, leftWorkingDays: left, calendarMissing }
  if (pausedNow) {
    const text = left >= 0 ? `等补充材料，期限暂停（还剩 ${left} 个工作日）` : `等补充材料，期限暂停（已超过 ${-left} 个工作日）`
    return { ...base, dueDate, stopped: false, overdue: left < 0, text }
  }
  const due = dueDate as string
  if (stoppedOn !== null) {
    const late = stoppedOn > due
    return { ...base, dueDate, stopped: true, overdue: late, text: late ? `超过期限 ${-left} 个工作日办完` : '按期办完' }
  }
  const t = deadlineText(s.cal, due, s.now)
  return { ...base, dueDate, stopped: false, overdue: t.overdue, text: t.text }
}

/** States that end the review: the union decided (or the worker withdrew). */
const REVIEW_ENDS: readonly CaseState[] = ['accepted', 'in_progress', 'closed', 'declined', 'withdrawn']

/**
 * The review deadline: `reviewWorkingDays` working days from `start` to decide (accept or decline), the
 * time in `needs_info` not counted. `start` is the submission — or the latest hand-over to another
 * union before a decision (the receiving union's clock starts then). `history`: the case's state changes.
 */
export function reviewDeadline(start: Date | string, history: readonly StateChange[], cal: WorkCalendar, rules: Pick<LegalAidRules, 'reviewWorkingDays'>, now: Date): Clock {
  return runClock({ start, history, pauseIn: ['needs_info'], stopIn: REVIEW_ENDS, workingDays: rules.reviewWorkingDays, cal, now })
}

/**
 * The assignment deadline: `assignWorkingDays` working days from acceptance (or from the hand-over of an
 * accepted case) to name a helper; stops at `assignedAt` (null: nobody assigned yet).
 */
export function assignDeadline(acceptedAt: Date | string, assignedAt: Date | string | null, cal: WorkCalendar, rules: Pick<LegalAidRules, 'assignWorkingDays'>, now: Date): Clock {
  const history = assignedAt === null ? [] : [{ at: assignedAt, to: 'assigned' }]
  return runClock({ start: acceptedAt, history, pauseIn: [], stopIn: ['assigned'], workingDays: rules.assignWorkingDays, cal, now })
}
