/**
 * 法律援助 inputs (zod, shared by pages and the function): the worker's request (wizard) and its draft,
 * the staff decisions (ask, accept with helper, decline with referral, hand over, progress, outcome) and
 * the admin's rule table. Money comes in as integer fen (number) or yuan typed by a person (string) →
 * integer fen (`moneyFen` of mutual-aid). Every message is a plain sentence on the field it is about.
 */
import * as z from '../zod'
import { shanghaiDate } from '../calendar/working-days'
import { isoDate, moneyFen } from '../mutual-aid/mutual-aid.schema'
import { personName } from '../membership/membership.schema'
import { stationPhone } from '../stations/station.schema'
import { CREDIT_CODE_MESSAGES, creditCodeProblem, normaliseCreditCode } from './credit-code'
import type { CaseFacts, KeyDates, LegalAidRules } from './legal-aid.rules'

export * from './legal-aid.constants'
import {
  ADDRESS_MAX,
  CONTACT_MAX,
  DECLINE_REASONS,
  DECLINE_REASON_CODES,
  DEMAND_CODES,
  DISPUTE_TYPE_CODES,
  EMPLOYER_NAME_MAX,
  EVIDENCE_MAX,
  FACTS_MAX,
  FACTS_MIN,
  HARDSHIP_CODES,
  HELPER_KIND_CODES,
  HELPER_ORG_MAX,
  HELP_FORM_CODES,
  INFO_ITEM_CODES,
  MONEY_DEMANDS,
  NOTE_MAX,
  OUTCOME_KIND_CODES,
  PROGRESS_NOTE_MAX,
  REFERRAL_CODES,
  WORKERS_MAX,
  type DisputeType,
  type Referral,
} from './legal-aid.constants'

// ---------------------------------------------------------------------------------------------------
// Building blocks

const docId = z.string('缺少编号').check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, '编号不对，请刷新后再试'))
/** A `files` document id (uploaded through the `files` function with an evidence purpose). */
const fileId = z.string('材料不对，请重新上传').check(z.regex(/^[0-9a-f]{32}$/, '材料不对，请重新上传'))
const unique = <T>(a: readonly T[]) => new Set(a).size === a.length
/** At least one of a fixed list of codes, each once. */
const codeList = <C extends string>(codes: readonly [C, ...C[]], m: { what: string; unknown: string; min: string; duplicate: string }) =>
  z.array(z.enum(codes, m.unknown), m.what).check(z.minLength(1, m.min), z.maxLength(codes.length), z.refine(unique, m.duplicate))
const note = z.optional(z.string().check(z.trim(), z.maxLength(NOTE_MAX, `说明最多 ${NOTE_MAX} 个字`)))
const text = (what: string, min: number, max: number) =>
  z
    .string(`请填${what}`)
    .check(
      z.trim(),
      z.minLength(Math.min(min, 1), `请填${what}`),
      z.minLength(min, `${what}至少写 ${min} 个字，说清楚是怎么回事`),
      z.maxLength(max, `${what}最多 ${max} 个字`),
    )

/** 统一社会信用代码, optional: blank → absent; otherwise normalised and checked (GB 32100-2015). */
export const creditCode = z.pipe(
  z.optional(z.string()),
  z.transform((v, ctx) => {
    const code = v === undefined ? '' : normaliseCreditCode(v)
    if (code === '') return undefined
    const problem = creditCodeProblem(code)
    if (problem) {
      ctx.issues.push({ code: 'custom', message: CREDIT_CODE_MESSAGES[problem], input: ctx.value })
      return z.NEVER
    }
    return code
  }),
)

export const employerInput = z.object(
  {
    name: z.string('请填单位名称').check(z.trim(), z.minLength(2, '请填单位名称，至少 2 个字'), z.maxLength(EMPLOYER_NAME_MAX, `单位名称最多 ${EMPLOYER_NAME_MAX} 个字`)),
    creditCode,
    address: z
      .string('请填单位在哪里')
      .check(z.trim(), z.minLength(2, '请填单位在哪里（城市、区、街道，知道多少写多少）'), z.maxLength(ADDRESS_MAX, `地址最多 ${ADDRESS_MAX} 个字`)),
    /** 老板或负责人的名字、电话 — only for the union; the employer is never told by us. */
    contact: z.optional(z.string().check(z.trim(), z.maxLength(CONTACT_MAX, `联系人最多 ${CONTACT_MAX} 个字`))),
  },
  '请填单位的情况',
)
export type EmployerInput = z.input<typeof employerInput>
export type EmployerData = z.output<typeof employerInput>

const DATE_WORDS: Record<keyof KeyDates, string> = {
  entryDate: '进单位的日期',
  lastPayDate: '最后一次发工资的日期',
  injuryDate: '受伤的日期',
  terminationDate: '离开单位的日期',
  knewDate: '知道权益受损的日期',
}
const keyDates = z._default(
  z.object(
    Object.fromEntries(Object.entries(DATE_WORDS).map(([k, what]) => [k, z.optional(isoDate(what))])) as Record<keyof KeyDates, z.ZodMiniOptional<ReturnType<typeof isoDate>>>,
    '日期要写成 2026-10-01 这样',
  ),
  {},
)

export interface DateIssue {
  path: Array<string | number>
  message: string
}

/**
 * Cross-field rules of the key dates on `today` (Shanghai): entry ≤ last pay ≤ today, injury ≤ today,
 * entry ≤ termination; an injury needs its date; wages, overtime and dismissal cases of a worker who has
 * left need the leaving date (the arbitration clock runs from it). A future leaving date is fine while
 * still employed (a notice); a past one contradicts "still employed".
 */
export function keyDateIssues(d: KeyDates, stillEmployed: boolean, disputeType: DisputeType, today: string): DateIssue[] {
  const issues: DateIssue[] = []
  const add = (key: keyof KeyDates, message: string) => issues.push({ path: ['dates', key], message })
  for (const key of Object.keys(DATE_WORDS) as Array<keyof KeyDates>) {
    const day = d[key]
    if (day && day > today && !(key === 'terminationDate' && stillEmployed)) add(key, `${DATE_WORDS[key]}不能晚于今天`)
  }
  if (d.entryDate && d.lastPayDate && d.lastPayDate < d.entryDate) add('lastPayDate', '最后一次发工资的日期不能早于进单位的日期')
  if (d.entryDate && d.terminationDate && d.terminationDate < d.entryDate) add('terminationDate', '离开单位的日期不能早于进单位的日期')
  if (stillEmployed && d.terminationDate && d.terminationDate <= today) add('terminationDate', '你选了还在这个单位干活，就不用填离开的日期')
  if (disputeType === 'injury' && !d.injuryDate) add('injuryDate', '请填受伤的日期')
  if (!stillEmployed && !d.terminationDate && (disputeType === 'wages' || disputeType === 'overtime' || disputeType === 'contract')) {
    add('terminationDate', '请填离开单位的日期（记不清就填个大概），算仲裁期限要用')
  }
  return issues
}

// ---------------------------------------------------------------------------------------------------
// The worker's request

const requestShape = {
  disputeType: z.enum(DISPUTE_TYPE_CODES, '请选择遇到了什么事'),
  employer: employerInput,
  dates: keyDates,
  stillEmployed: z.boolean('请选择现在还在不在这个单位干活'),
  wants: codeList(DEMAND_CODES, { what: '请选择想要什么', unknown: '有一项要求不在清单里', min: '请至少选一项想要什么', duplicate: '有重复的要求，请去掉一个' }),
  /** All affected workers together, typed as yuan ("12000", "1.2万" is not accepted) or fen. */
  amount: z.optional(moneyFen),
  workersAffected: z.number('请填有几个人').check(z.int('人数填整数'), z.minimum(1, '至少 1 个人（就是你自己）'), z.maximum(WORKERS_MAX, `人数最多填 ${WORKERS_MAX}`)),
  migrant: z.boolean('请选择是不是农民工（从农村出来打工）'),
  householdIncomePerPerson: z.optional(moneyFen),
  hardship: z.optional(z.nullable(z.enum(HARDSHIP_CODES, '请选择遇到了什么困难'))),
  facts: text('事情经过', FACTS_MIN, FACTS_MAX),
  evidenceFileIds: z._default(z.array(fileId).check(z.maxLength(EVIDENCE_MAX, `材料最多 ${EVIDENCE_MAX} 个`), z.refine(unique, '材料有重复')), []),
}

export interface LegalAidRequestData {
  employer: EmployerData
  /** The worker's own words. */
  facts: string
  evidenceFileIds: string[]
  /** What the rules judge (eligibility, limitation, triage). */
  ruleFacts: CaseFacts
}

/** The request as the wizard sends it; dates are checked against today in Shanghai. */
export const legalAidRequestInput = z.pipe(
  z.object(requestShape).check(
    z.superRefine((r, ctx) => {
      for (const issue of keyDateIssues(r.dates, r.stillEmployed, r.disputeType, shanghaiDate(new Date()))) ctx.addIssue({ code: 'custom', ...issue })
      if (r.wants.some((w) => MONEY_DEMANDS.includes(w)) && !r.amount) {
        ctx.addIssue({ code: 'custom', message: r.amount === 0 ? '金额要大于 0' : '请填要讨多少钱（记不清就写个大概）', path: ['amount'] })
      }
    }),
  ),
  z.transform(
    (r): LegalAidRequestData => ({
      employer: r.employer,
      facts: r.facts,
      evidenceFileIds: r.evidenceFileIds,
      ruleFacts: {
        disputeType: r.disputeType,
        wants: r.wants,
        amountFen: r.amount ? r.amount : null,
        migrant: r.migrant,
        workersAffected: r.workersAffected,
        householdIncomePerPersonFen: r.householdIncomePerPerson ?? null,
        hardship: r.hardship ?? null,
        stillEmployed: r.stillEmployed,
        dates: r.dates,
      },
    }),
  ),
)
export type LegalAidRequestInput = z.input<typeof legalAidRequestInput>

/**
 * A draft saved while filling in (on the phone and on the server): any part, no cross-field rules, only
 * types and sizes — so nothing typed is ever refused for being unfinished. `step` = the wizard page.
 */
export const legalAidDraft = z.object({
  step: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(20))),
  disputeType: z.optional(z.enum(DISPUTE_TYPE_CODES)),
  employer: z.optional(
    z.object({
      name: z.optional(z.string().check(z.maxLength(EMPLOYER_NAME_MAX * 2))),
      creditCode: z.optional(z.string().check(z.maxLength(40))),
      address: z.optional(z.string().check(z.maxLength(ADDRESS_MAX * 2))),
      contact: z.optional(z.string().check(z.maxLength(CONTACT_MAX * 2))),
    }),
  ),
  dates: z.optional(z.partialRecord(z.enum(Object.keys(DATE_WORDS) as [keyof KeyDates, ...Array<keyof KeyDates>]), z.string().check(z.maxLength(20)))),
  stillEmployed: z.optional(z.boolean()),
  wants: z.optional(z.array(z.enum(DEMAND_CODES)).check(z.maxLength(DEMAND_CODES.length))),
  amount: z.optional(z.union([z.string().check(z.maxLength(30)), z.number()])),
  workersAffected: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(WORKERS_MAX))),
  migrant: z.optional(z.boolean()),
  householdIncomePerPerson: z.optional(z.union([z.string().check(z.maxLength(30)), z.number()])),
  hardship: z.optional(z.nullable(z.enum(HARDSHIP_CODES))),
  facts: z.optional(z.string().check(z.maxLength(FACTS_MAX + 200, `事情经过最多 ${FACTS_MAX} 个字`))),
  evidenceFileIds: z.optional(z.array(fileId).check(z.maxLength(EVIDENCE_MAX))),
})
export type LegalAidDraft = z.infer<typeof legalAidDraft>

// ---------------------------------------------------------------------------------------------------
// Staff decisions

export const helperInput = z.object(
  {
    kind: z.enum(HELPER_KIND_CODES, '请选择是律师还是工会法律工作者'),
    name: personName,
    phone: stationPhone,
    /** 律师事务所 or union. */
    org: z.optional(z.string().check(z.trim(), z.maxLength(HELPER_ORG_MAX, `单位最多 ${HELPER_ORG_MAX} 个字`))),
  },
  '请填帮忙的人',
)
export type HelperInput = z.input<typeof helperInput>
export type HelperData = z.output<typeof helperInput>

export const askInput = z.object({
  items: codeList(INFO_ITEM_CODES, { what: '请选择要补什么', unknown: '有一项材料不在清单里', min: '请至少选一样要补的材料', duplicate: '要补的材料有重复' }),
  note,
})

/** Accept: the forms of help, and the helper at once when known (accept + assign in one tap). */
export const acceptInput = z.object({
  helpForms: codeList(HELP_FORM_CODES, { what: '请选择怎么帮', unknown: '有一种帮助方式不在清单里', min: '请至少选一种帮助方式', duplicate: '帮助方式有重复' }),
  helper: z.optional(helperInput),
  note,
})

/** Decline: a coded reason and where to go instead (the reason's referral unless staff pick another). */
export const declineInput = z.pipe(
  z
    .object({
      reason: z.enum(DECLINE_REASON_CODES, '请选择不受理的原因'),
      referral: z.optional(z.enum(REFERRAL_CODES, '请选择建议去哪里')),
      note,
    })
    .check(z.refine((d) => d.reason !== 'other' || Boolean(d.note), { message: '选「其他原因」时，请写一句说明', path: ['note'] })),
  z.transform((d) => ({ ...d, referral: d.referral ?? (DECLINE_REASONS.find((r) => r.code === d.reason)?.referral as Referral) })),
)

export const assignInput = z.object({ helper: helperInput, note })

/** Hand over to the union where the dispute is (异地协作): the case stays open there. */
export const handoverInput = z.object({ toOrgId: docId, note })

export const progressInput = z.object({ note: text('进展', 1, PROGRESS_NOTE_MAX) })

/** The outcome recorded when closing: the year-end figures count cases, workers and money recovered. */
export const outcomeInput = z.pipe(
  z
    .object({
      kind: z.enum(OUTCOME_KIND_CODES, '请选择办理结果'),
      recovered: moneyFen,
      workersHelped: z.number('请填帮了几个人').check(z.int('人数填整数'), z.minimum(0, '人数不能是负数'), z.maximum(WORKERS_MAX, `人数最多填 ${WORKERS_MAX}`)),
      note,
    })
    .check(
      z.superRefine((o, ctx) => {
        if (o.kind === 'unsuccessful' && o.recovered > 0) {
          ctx.addIssue({ code: 'custom', message: '选了「未能追回」，追回金额请填 0；追回了一部分，请选具体怎么办结的', path: ['recovered'] })
        }
        if (o.recovered > 0 && o.workersHelped < 1) ctx.addIssue({ code: 'custom', message: '追回了钱，请填帮了几个人（至少 1 个）', path: ['workersHelped'] })
      }),
    ),
  z.transform(({ recovered, ...o }) => ({ ...o, recoveredFen: recovered })),
)
export type OutcomeInput = z.input<typeof outcomeInput>
export type OutcomeData = z.output<typeof outcomeInput>

// ---------------------------------------------------------------------------------------------------
// Rule table (admin)

const fen = (what: string) => z.number(`请填${what}`).check(z.int(`${what}按分填整数`), z.minimum(1, `${what}要大于 0`), z.maximum(100_000_000, `${what}太大了`))
const count = (what: string, min: number, max: number) =>
  z.number(`请填${what}`).check(z.int(`${what}填整数`), z.minimum(min, `${what}最少 ${min}`), z.maximum(max, `${what}最多 ${max}`))

export const legalAidRulesInput = z
  .object({
    amountFloorFen: fen('援助金额起点'),
    minimumWageFen: fen('当地月最低工资'),
    reviewWorkingDays: count('审核期限（工作日）', 1, 60),
    assignWorkingDays: count('指派期限（工作日）', 1, 60),
    limitationWarnDays: count('时效提醒天数', 1, 365),
    urgentDays: count('时效紧急天数', 0, 365),
    groupThreshold: count('群体性人数', 2, WORKERS_MAX),
  })
  .check(z.refine((r) => r.urgentDays <= r.limitationWarnDays, { message: '紧急天数不能比提醒天数多', path: ['urgentDays'] }))
/** Compile-time proof that what the admin saves is a rule table the rules can judge with. */
export const asLegalAidRules = (r: z.output<typeof legalAidRulesInput>): LegalAidRules => r
