// The legal-aid request wizard's form: what is typed, kept on the phone and on the server, turned into
// the contract's request and judged by the same schema the function uses.
import type { FieldErrors } from '../../../../domain/envelope'
import { dateLabel, shanghaiDate } from '../../../../domain/calendar/working-days'
import {
  DEMAND_LABELS,
  DISPUTE_TYPE_LABELS,
  EVIDENCE_MAX,
  HARDSHIP_LABELS,
  MONEY_DEMANDS,
  WORKERS_MAX,
  type Demand,
  type DisputeType,
  type Hardship,
} from '../../../../domain/legal-aid/legal-aid.constants'
import { isInjuryClaim, isWageClaim, type KeyDates } from '../../../../domain/legal-aid/legal-aid.rules'
import { legalAidRequestInput, type LegalAidDraft, type LegalAidRequestInput } from '../../../../domain/legal-aid/legal-aid.schema'
import { toFieldErrors } from '../../../../domain/validation'
import { freshKey, type SendKey } from '../../../../services/forms'
import { evidenceIds, type EvidenceFiles } from '../../legal'

export type Step = 1 | 2 | 3 | 4 | 5 | 6
export const STEP_TITLES = ['遇到了什么事', '是哪个单位', '几个日子', '想要什么', '事情经过和证据', '看一看再提交'] as const
export const LAST_STEP: Step = 6

export type DateKey = keyof KeyDates

export interface EmployerForm {
  name: string
  creditCode: string
  address: string
  contact: string
}

/** Everything the wizard asks, as typed ('' / null = not answered yet). */
export interface LegalForm {
  step: Step
  disputeType: DisputeType | ''
  employer: EmployerForm
  dates: Record<DateKey, string>
  stillEmployed: boolean | null
  wants: Demand[]
  /** Yuan as typed (the schema parses it exactly). */
  amount: string
  workersAffected: string
  migrant: boolean | null
  /** 家庭每人每月收入, yuan as typed; asked once the check says it decides. */
  income: string
  hardship: Hardship | null
  facts: string
  /** Uploaded photos per kind (ids count; a preview may not survive a restart). */
  evidence: EvidenceFiles
  /** Files of a draft saved on the server from another phone: ids only, no preview. */
  keptFileIds: string[]
  /** The check said the household income decides whether the union pays a lawyer. */
  askIncome: boolean
  /** The idempotency key and the content it was last sent with. */
  send: SendKey
}

const NO_DATES: Record<DateKey, string> = { entryDate: '', lastPayDate: '', injuryDate: '', terminationDate: '', knewDate: '' }

export const emptyForm = (): LegalForm => ({
  step: 1,
  disputeType: '',
  employer: { name: '', creditCode: '', address: '', contact: '' },
  dates: { ...NO_DATES },
  stillEmployed: null,
  wants: [],
  amount: '',
  workersAffected: '1',
  migrant: null,
  income: '',
  hardship: null,
  facts: '',
  evidence: {},
  keptFileIds: [],
  askIncome: false,
  send: freshKey(),
})

const clampStep = (n: unknown): Step => (typeof n === 'number' && n >= 1 && n <= LAST_STEP ? (Math.floor(n) as Step) : 1)

/** A draft kept on the phone (or none) as the form. */
export function restoreForm(saved: Partial<LegalForm> | null): LegalForm {
  const empty = emptyForm()
  if (!saved) return empty
  return {
    ...empty,
    ...saved,
    step: clampStep(saved.step),
    employer: { ...empty.employer, ...saved.employer },
    dates: { ...NO_DATES, ...saved.dates },
    send: saved.send?.key ? saved.send : empty.send,
  }
}

/** A draft saved on the server (another phone, or the phone's storage was cleared) as the form. */
export function formFromServer(d: LegalAidDraft): LegalForm {
  const empty = emptyForm()
  const money = (v: string | number | undefined) => (typeof v === 'number' ? String(v / 100) : (v ?? ''))
  return {
    ...empty,
    step: clampStep(d.step),
    disputeType: d.disputeType ?? '',
    employer: { ...empty.employer, ...d.employer },
    dates: { ...NO_DATES, ...d.dates },
    stillEmployed: d.stillEmployed ?? null,
    wants: d.wants ?? [],
    amount: money(d.amount),
    workersAffected: d.workersAffected ? String(d.workersAffected) : empty.workersAffected,
    migrant: d.migrant ?? null,
    income: money(d.householdIncomePerPerson),
    hardship: d.hardship ?? null,
    facts: d.facts ?? '',
    keptFileIds: d.evidenceFileIds ?? [],
  }
}

/** Every file id of the form: kept ones first, then the photos of each kind. */
export const allFileIds = (f: Pick<LegalForm, 'keptFileIds' | 'evidence'>): string[] => [...f.keptFileIds, ...evidenceIds(f.evidence)]

/** The server's copy of the form: any part, only what fits the draft schema. */
export function serverDraftOf(f: LegalForm): LegalAidDraft {
  const workers = Number(f.workersAffected)
  const dates = Object.fromEntries(Object.entries(f.dates).filter(([, v]) => v)) as Partial<Record<DateKey, string>>
  return {
    step: f.step,
    ...(f.disputeType ? { disputeType: f.disputeType } : {}),
    employer: { ...f.employer },
    dates,
    ...(f.stillEmployed === null ? {} : { stillEmployed: f.stillEmployed }),
    wants: f.wants,
    ...(f.amount.trim() ? { amount: f.amount.trim() } : {}),
    ...(f.workersAffected.trim() && Number.isInteger(workers) && workers >= 0 && workers <= WORKERS_MAX ? { workersAffected: workers } : {}),
    ...(f.migrant === null ? {} : { migrant: f.migrant }),
    ...(f.income.trim() ? { householdIncomePerPerson: f.income.trim() } : {}),
    hardship: f.hardship,
    facts: f.facts,
    evidenceFileIds: allFileIds(f).slice(0, EVIDENCE_MAX),
  }
}

// ---- what is asked, by what was answered ------------------------------------------------------------

/** The questions of each key date. */
export const DATE_QUESTIONS: Record<DateKey, { label: string; short: string; hint: string }> = {
  entryDate: { label: '哪天开始在这个单位干活的？', short: '进单位', hint: '记不清就选个大概的日子。' },
  lastPayDate: { label: '最后一次发工资是哪天？', short: '最后发工资', hint: '看银行卡或微信里最后一笔工资到账的日子。' },
  injuryDate: { label: '哪天受的伤？', short: '受伤', hint: '记不清就选个大概的日子。' },
  terminationDate: { label: '哪天离开这个单位的？', short: '离开单位', hint: '被辞退、合同到期或者自己走的那天。算申请仲裁的期限要用。' },
  knewDate: {
    label: '哪天知道自己吃亏了？',
    short: '知道吃亏',
    hint: '比如老板说不给钱、不管了的那天，或者发现单位没交社保的那天。算申请仲裁的期限要用。',
  },
}

const moneyWanted = (wants: readonly Demand[]) => wants.some((w) => MONEY_DEMANDS.includes(w))

/** The key dates asked for this kind of trouble (a worker who still works there has no leaving date). */
export function datesAsked(type: DisputeType | '', stillEmployed: boolean | null): DateKey[] {
  const keys: DateKey[] = ['entryDate']
  if (type === 'wages' || type === 'overtime') keys.push('lastPayDate')
  if (type === 'injury') keys.push('injuryDate')
  if (stillEmployed === false) keys.push('terminationDate')
  if (type === 'injury' || type === 'social_insurance' || type === 'other' || (type === 'contract' && stillEmployed !== false)) keys.push('knewDate')
  return keys
}

/** Dates the schema insists on (the others can be left out). */
export function dateRequired(key: DateKey, type: DisputeType | '', stillEmployed: boolean | null): boolean {
  if (key === 'injuryDate') return type === 'injury'
  if (key === 'terminationDate') return stillEmployed === false && (type === 'wages' || type === 'overtime' || type === 'contract')
  return false
}

export const asksAmount = (f: Pick<LegalForm, 'wants'>): boolean => moneyWanted(f.wants)
export const asksIncome = (f: Pick<LegalForm, 'askIncome' | 'income'>): boolean => f.askIncome || f.income.trim() !== ''
/** A migrant worker claiming wages or injury benefits has no means test: hardship is not asked. */
export function asksHardship(f: Pick<LegalForm, 'disputeType' | 'wants' | 'migrant'>): boolean {
  if (!f.disputeType || f.migrant !== true) return true
  const claim = { disputeType: f.disputeType, wants: f.wants }
  return !isWageClaim(claim) && !isInjuryClaim(claim)
}

/** What the worker most likely wants for each kind of trouble (chosen for them when nothing is yet). */
export const USUAL_DEMAND: Record<DisputeType, Demand | null> = {
  wages: 'unpaid_wages',
  injury: 'injury_compensation',
  contract: 'severance',
  social_insurance: 'social_insurance',
  overtime: 'overtime_pay',
  other: null,
}

// ---- the request, judged ----------------------------------------------------------------------------

const opt = (s: string) => s.trim() || undefined

/** The request as the contract takes it (unanswered fields left out, for the schema to name them). */
export function requestOf(f: LegalForm): Record<string, unknown> {
  const type = f.disputeType
  return {
    disputeType: type || undefined,
    employer: { name: f.employer.name, address: f.employer.address, creditCode: opt(f.employer.creditCode), contact: opt(f.employer.contact) },
    dates: Object.fromEntries(datesAsked(type, f.stillEmployed).flatMap((k) => (f.dates[k] ? [[k, f.dates[k]]] : []))),
    stillEmployed: f.stillEmployed ?? undefined,
    wants: f.wants,
    amount: asksAmount(f) ? opt(f.amount) : undefined,
    workersAffected: f.workersAffected.trim() ? Number(f.workersAffected) : undefined,
    migrant: f.migrant ?? undefined,
    householdIncomePerPerson: asksIncome(f) ? opt(f.income) : undefined,
    hardship: asksHardship(f) ? f.hardship : undefined,
    facts: f.facts,
    evidenceFileIds: allFileIds(f),
  }
}

const STEP_FIELDS: Record<Exclude<Step, 6>, string[]> = {
  1: ['disputeType'],
  2: ['employer'],
  3: ['dates', 'stillEmployed'],
  4: ['wants', 'amount', 'workersAffected', 'migrant', 'householdIncomePerPerson', 'hardship'],
  5: ['facts', 'evidenceFileIds'],
}

/** Which step asks a field of the request (`employer.name` → 2); anything else is the last step's. */
export function stepOfField(field: string): Step {
  for (const [step, fields] of Object.entries(STEP_FIELDS)) if (fields.some((f) => field === f || field.startsWith(`${f}.`))) return Number(step) as Step
  return LAST_STEP
}

/**
 * Answers that pass, for the steps after `step`: the schema's cross-field rules (dates by the kind of
 * trouble, an amount for money) only speak once the fields they read are right, so a step is judged with
 * the later, unanswered steps filled in. Only later steps are filled: nothing changes for the step itself.
 */
function laterSteps(step: Step, f: LegalForm): Record<string, unknown> {
  const later: Record<string, unknown> = {}
  if (step < 2) later.employer = { name: '以后再填', address: '以后再填' }
  if (step < 3) Object.assign(later, { stillEmployed: true, dates: f.disputeType === 'injury' ? { injuryDate: shanghaiDate(new Date()) } : {} })
  if (step < 4) Object.assign(later, { wants: ['advice'], amount: undefined, workersAffected: 1, migrant: false, householdIncomePerPerson: undefined, hardship: undefined })
  if (step < 5) Object.assign(later, { facts: '以后再填这件事的经过。', evidenceFileIds: [] })
  return later
}

export type Judged = { ok: true; request: LegalAidRequestInput } | { ok: false; errors: FieldErrors }

/** Answers no cross-field rule reads: put in place of wrong ones, the rules that wait for a clean form speak too. */
const NEUTRAL: Record<string, unknown> = { migrant: false, workersAffected: 1, hardship: null, householdIncomePerPerson: undefined, facts: '以后再填这件事的经过。' }

/** Every problem of `input` at once: the schema's rules across fields run only when each field is right. */
function problems(input: Record<string, unknown>): FieldErrors | null {
  const parsed = legalAidRequestInput.safeParse(input)
  if (parsed.success) return null
  const errors = toFieldErrors(parsed.error)
  const neutral = Object.keys(errors).filter((k) => k in NEUTRAL)
  if (neutral.length === 0) return errors
  const again = legalAidRequestInput.safeParse({ ...input, ...Object.fromEntries(neutral.map((k) => [k, NEUTRAL[k]])) })
  return again.success ? errors : { ...toFieldErrors(again.error), ...errors }
}

/** The whole request judged by the contract's schema; with `step`, only that step's problems. */
export function judge(f: LegalForm, step?: Step): Judged {
  const raw = requestOf(f)
  const errors = problems(step ? { ...raw, ...laterSteps(step, f) } : raw)
  // what passed the schema is the input to send as typed (the function parses it the same way)
  if (!errors) return { ok: true, request: raw as LegalAidRequestInput }
  if (!step) return { ok: false, errors }
  const mine = Object.fromEntries(Object.entries(errors).filter(([k]) => stepOfField(k) === step))
  return Object.keys(mine).length ? { ok: false, errors: mine } : { ok: true, request: raw as LegalAidRequestInput }
}

/** The first step with a problem. */
export const firstBadStep = (errors: FieldErrors): Step => Math.min(...Object.keys(errors).map(stepOfField)) as Step

// ---- what was filled in, for the last step ------------------------------------------------------------

export function summaryLines(f: LegalForm): Record<Exclude<Step, 6>, string[]> {
  const e = f.employer
  const workers = f.workersAffected.trim()
  const photos = allFileIds(f).length
  return {
    1: [f.disputeType ? `遇到的事：${DISPUTE_TYPE_LABELS[f.disputeType]}` : ''],
    2: [`单位：${e.name.trim()}`, `在哪里：${e.address.trim()}`, e.creditCode.trim() ? `信用代码：${e.creditCode.trim()}` : '', e.contact.trim() ? `老板或负责人：${e.contact.trim()}` : ''],
    3: [
      f.stillEmployed === null ? '' : f.stillEmployed ? '现在还在这个单位干活' : '已经不在这个单位干了',
      ...datesAsked(f.disputeType, f.stillEmployed).map((k) => (f.dates[k] ? `${DATE_QUESTIONS[k].short}：${dateLabel(f.dates[k])}` : '')),
    ],
    4: [
      `想要：${f.wants.map((w) => DEMAND_LABELS[w]).join('、')}`,
      asksAmount(f) && f.amount.trim() ? `要讨的钱：${f.amount.trim()} 元` : '',
      workers ? `一共 ${workers} 个人遇到这件事` : '',
      f.migrant === null ? '' : f.migrant ? '是农民工' : '不是农民工',
      asksIncome(f) && f.income.trim() ? `家里每人每月收入：${f.income.trim()} 元` : '',
      asksHardship(f) && f.hardship ? `家里的困难：${HARDSHIP_LABELS[f.hardship]}` : '',
    ],
    5: [`事情经过：写了 ${f.facts.trim().length} 个字`, photos ? `证据照片：${photos} 张` : '证据照片：没有传'],
  }
}
