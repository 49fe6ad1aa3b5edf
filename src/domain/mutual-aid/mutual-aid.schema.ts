/**
 * 职工互助保障 inputs (zod, shared by pages and the function): a claim per plan kind, a row of a unit's
 * enrollment list (with the row-by-row check of a whole sheet), and a rule version as the admin edits it.
 * Money comes in as integer fen (number) or as yuan typed by a person (string, at most two decimals).
 */
import * as z from '../zod'
import { addDays, isIsoDate } from '../calendar/working-days'
import { idNumberInput } from '../privacy/privacy.schema'
import { personName } from '../membership/membership.schema'
import { addMonths, parseYuanToFen, ruleVersionOn, type ClaimFacts, type PlanRuleVersion } from './mutual-aid.rules'

export * from './mutual-aid.constants'
import {
  AMOUNT_MAX_FEN,
  DOC_FILES_MAX,
  DOC_KIND_CODES,
  ENROLLMENT_COLUMNS,
  EVENT_CAUSE_CODES,
  FEMALE_CLASSES,
  PLAN_KIND_LABELS,
  SHARES_MAX,
  type DisabilityGrade,
  type DocKind,
  type EnrollmentColumn,
} from './mutual-aid.constants'

// ---------------------------------------------------------------------------------------------------
// Building blocks

export const isoDate = (what: string) => z.string(`请填${what}`).check(z.refine(isIsoDate, `${what}要写成 2026-10-01 这样`))

/** Integer fen (number), or yuan as typed (string: "9200", "9,200.50", "￥9200元") → integer fen. */
export const moneyFen = z.pipe(
  z.union([z.number(), z.string()], '请填金额'),
  z.transform((v, ctx) => {
    if (typeof v === 'string') {
      const parsed = parseYuanToFen(v, AMOUNT_MAX_FEN)
      if (parsed.ok) return parsed.fen
      ctx.issues.push({ code: 'custom', message: parsed.message, input: ctx.value })
      return z.NEVER
    }
    if (!Number.isSafeInteger(v) || v < 0 || v > AMOUNT_MAX_FEN) {
      ctx.issues.push({ code: 'custom', message: '金额不对，请重新填写', input: ctx.value })
      return z.NEVER
    }
    return v
  }),
)

const planId = z.string('请选择保障项目').check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, '请选择保障项目'))
/** A `files` document id (uploaded through the `files` function with a matching purpose). */
const fileId = z.string('材料不对，请重新上传').check(z.regex(/^[0-9a-f]{32}$/, '材料不对，请重新上传'))
const documents = z._default(
  z.partialRecord(z.enum(DOC_KIND_CODES, '有一种材料不在清单里'), z.array(fileId).check(z.maxLength(DOC_FILES_MAX, `每种材料最多 ${DOC_FILES_MAX} 张`))),
  {},
)

const notBefore = (later: unknown, earlier: unknown) => typeof later !== 'string' || typeof earlier !== 'string' || later >= earlier

// ---------------------------------------------------------------------------------------------------
// Claims

const claimBase = { planId, documents }

const inpatientClaim = z
  .object({
    ...claimBase,
    kind: z.literal('inpatient'),
    /** 入院日期. */
    eventDate: isoDate('入院日期'),
    dischargeDate: isoDate('出院日期'),
    cause: z.enum(EVENT_CAUSE_CODES, '请选择住院是因为生病还是意外受伤'),
    /** 自付: what the member paid after the health insurance (医保结算单上的个人自付). */
    selfPaid: moneyFen,
  })
  .check(z.refine((c) => notBefore(c.dischargeDate, c.eventDate), { message: '出院日期不能早于入院日期', path: ['dischargeDate'] }))

const criticalClaim = z.object({
  ...claimBase,
  kind: z.literal('critical_illness'),
  /** 第一次确诊的日期. */
  eventDate: isoDate('确诊日期'),
  disease: z.string('请选择确诊的疾病').check(z.regex(/^[a-z0-9_]{1,40}$/, '请选择确诊的疾病')),
})

const accidentBase = { ...claimBase, kind: z.literal('accident'), eventDate: isoDate('出事日期') }
const accidentClaim = z.discriminatedUnion(
  'benefit',
  [
    z
      .object({ ...accidentBase, benefit: z.literal('allowance'), admissionDate: isoDate('入院日期'), dischargeDate: isoDate('出院日期') })
      .check(
        z.refine((c) => notBefore(c.admissionDate, c.eventDate), { message: '入院日期不能早于出事日期', path: ['admissionDate'] }),
        z.refine((c) => notBefore(c.dischargeDate, c.admissionDate), { message: '出院日期不能早于入院日期', path: ['dischargeDate'] }),
      ),
    z.object({
      ...accidentBase,
      benefit: z.literal('disability'),
      grade: z.pipe(
        z.number('请选择伤残等级').check(z.int('请选择伤残等级'), z.minimum(1, '伤残等级是 1 到 10 级'), z.maximum(10, '伤残等级是 1 到 10 级')),
        z.transform((g) => g as DisabilityGrade),
      ),
    }),
    z.object({ ...accidentBase, benefit: z.literal('death') }),
  ],
  '请选择申请哪一种补助',
)

const femaleClaim = z.object({
  ...claimBase,
  kind: z.literal('female_special'),
  eventDate: isoDate('确诊日期'),
  femaleClass: z.enum(FEMALE_CLASSES, '请选择疾病属于哪一类'),
})

/** A claim as the wizard sends it → `ClaimFacts` (amounts in fen) plus the plan and the documents. */
export const claimInput = z.pipe(
  z.discriminatedUnion('kind', [inpatientClaim, criticalClaim, accidentClaim, femaleClaim], '请选择申请哪个保障'),
  z.transform(({ planId: id, documents: docs, ...facts }): ClaimData => {
    if (facts.kind !== 'inpatient') return { planId: id, documents: docs, facts }
    const { selfPaid, ...stay } = facts
    return { planId: id, documents: docs, facts: { ...stay, selfPaidFen: selfPaid } }
  }),
)
export type ClaimInput = z.input<typeof claimInput>
export interface ClaimData {
  planId: string
  documents: Partial<Record<DocKind, string[]>>
  facts: ClaimFacts
}

// ---------------------------------------------------------------------------------------------------
// Enrollment import

/**
 * Spreadsheet dates: 2026-01-01, 2026/1/1, 2026.1.1, 2026年1月1日, 20260101, or an Excel day number (as a
 * number or as the text of a cell in the general format). A date cell read from an .xlsx arrives as
 * "2026-01-01 00:00": a midnight time after the date is accepted, any other time is not a plain date.
 */
export function normaliseSheetDate(cell: string | number): string | null {
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 20_000 || cell > 80_000) return null
    return addDays('1899-12-30', cell)
  }
  const s = cell.normalize('NFKC').trim().replace(/[ T]0{1,2}:00(?::00(?:\.0+)?)?$/, '')
  if (/^\d{5}$/.test(s)) return normaliseSheetDate(Number(s))
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  if (!m) return null
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`
  return isIsoDate(iso) ? iso : null
}

const sheetDate = (what: string) =>
  z.pipe(
    z.union([z.string(), z.number()], `请填${what}`),
    z.transform((v, ctx) => {
      const iso = normaliseSheetDate(v)
      if (iso) return iso
      ctx.issues.push({ code: 'custom', message: String(v).trim() === '' ? `请填${what}` : `${what}看不懂，要写成 2026-01-01 这样`, input: ctx.value })
      return z.NEVER
    }),
  )

/** One row of a unit's list, as the template has it; `plan` is matched to a plan id by `checkEnrollmentSheet`. */
export const enrollmentRow = z
  .object({
    name: personName,
    idNumber: idNumberInput,
    plan: z.string('请填保障项目').check(z.trim(), z.minLength(1, '请填保障项目，比如"住院医疗"')),
    shares: z.pipe(
      z.pipe(
        z.union([z.number(), z.string()], '请填份数'),
        z.transform((v) => (typeof v === 'string' ? Number(v.normalize('NFKC').trim().replace(/份$/, '') || NaN) : v)),
      ),
      z.number('份数要填数字').check(z.int('份数要填整数'), z.minimum(1, '份数至少 1 份'), z.maximum(SHARES_MAX, `份数最多 ${SHARES_MAX} 份`)),
    ),
    termStart: sheetDate('开始日期'),
    termEnd: sheetDate('结束日期'),
  })
  .check(z.refine((r) => notBefore(r.termEnd, r.termStart), { message: '结束日期不能早于开始日期', path: ['termEnd'] }))

export interface EnrollmentRowData {
  row: number
  name: string
  /** Normalised 18 characters; the server stores only its keyed hash and a masked copy. */
  idNumber: string
  planId: string
  shares: number
  termStart: string
  termEnd: string
}

/** Same shape as the stations import errors, so one report component shows both. */
export interface ImportRowError {
  row: number
  column: string
  message: string
}

export interface EnrollmentSheet {
  header: { row: number; cells: string[] }
  rows: Array<{ row: number; cells: Array<string | number> }>
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s（）()\-_:：*＊]/g, '')
const TITLE = Object.fromEntries(ENROLLMENT_COLUMNS.map((c) => [c.key, c.title])) as Record<EnrollmentColumn, string>

/** Which cell holds which column; every column of the template is required. */
export function enrollmentColumnsOf(header: readonly string[]): { index: Partial<Record<EnrollmentColumn, number>>; missing: string[] } {
  const index: Partial<Record<EnrollmentColumn, number>> = {}
  header.forEach((cell, i) => {
    const col = ENROLLMENT_COLUMNS.find((c) => [c.title, ...c.aliases].some((t) => fold(t) === fold(cell)))
    if (col && index[col.key] === undefined) index[col.key] = i
  })
  return { index, missing: ENROLLMENT_COLUMNS.filter((c) => index[c.key] === undefined).map((c) => c.title) }
}

/** Plan cell → plan id: the id, the plan's name, or its kind's label (住院医疗) when only one plan has it. */
function planMatcher(versions: readonly PlanRuleVersion[]): (cell: string) => { planId: string } | { message: string } {
  const byWord = new Map<string, Set<string>>()
  const add = (word: string, id: string) => byWord.set(fold(word), (byWord.get(fold(word)) ?? new Set()).add(id))
  for (const v of versions) {
    add(v.planId, v.planId)
    add(v.name, v.planId)
    add(PLAN_KIND_LABELS[v.kind], v.planId)
  }
  return (cell) => {
    const ids = [...(byWord.get(fold(cell)) ?? [])]
    if (ids.length === 1) return { planId: ids[0] }
    if (ids.length > 1) return { message: `"${cell}"有好几个保障，请写保障的全称` }
    return { message: `没有"${cell}"这个保障。可以写：${[...new Set(versions.map((v) => PLAN_KIND_LABELS[v.kind]))].join('、')}` }
  }
}

/**
 * Checks every row of a unit's list (never stops at the first problem): the template's columns, each
 * row's fields, the plan, shares and term length against the rule version in force on the term's first
 * day, and repeats inside the file (the same person and plan twice with overlapping terms). Either all
 * rows come back, or every problem with its row and column: the server imports nothing half.
 * Re-importing the same list is idempotent on (member, plan, termStart): see `enrollmentKey`.
 */
export function checkEnrollmentSheet(sheet: EnrollmentSheet, versions: readonly PlanRuleVersion[]): { ok: true; rows: EnrollmentRowData[] } | { ok: false; errors: ImportRowError[] } {
  const { index, missing } = enrollmentColumnsOf(sheet.header.cells)
  if (missing.length) return { ok: false, errors: missing.map((title) => ({ row: sheet.header.row, column: title, message: `缺少"${title}"这一列，请用模板的表头` })) }
  const matchPlan = planMatcher(versions)
  const errors: ImportRowError[] = []
  const rows: EnrollmentRowData[] = []
  for (const { row, cells } of sheet.rows) {
    const rowErrors: ImportRowError[] = []
    const add = (key: EnrollmentColumn, message: string) => {
      if (!rowErrors.some((e) => e.column === TITLE[key])) rowErrors.push({ row, column: TITLE[key], message })
    }
    const raw = Object.fromEntries(ENROLLMENT_COLUMNS.map((c) => [c.key, cells[index[c.key] as number] ?? '']))
    const parsed = enrollmentRow.safeParse(raw)
    if (!parsed.success) for (const issue of parsed.error.issues) add(issue.path[0] as EnrollmentColumn, issue.message)
    const plan = typeof raw.plan === 'string' && raw.plan.trim() ? matchPlan(raw.plan.trim()) : null
    if (plan && 'message' in plan) add('plan', plan.message)
    if (parsed.success && plan && 'planId' in plan) {
      const r = parsed.data
      const rule = ruleVersionOn(versions, plan.planId, r.termStart)
      if (!rule) add('termStart', `这个保障 ${r.termStart} 还没有开办，请核对开始日期`)
      else {
        if (r.shares > rule.maxShares) add('shares', `「${rule.name}」每人最多 ${rule.maxShares} 份`)
        if (r.termEnd > addDays(addMonths(r.termStart, rule.termMonthsMax), -1)) add('termEnd', `保障期限最长 ${rule.termMonthsMax / 12} 年，请核对结束日期`)
        else if (r.termEnd < addDays(addMonths(r.termStart, rule.termMonthsMin), -1)) add('termEnd', `保障期限最短 ${rule.termMonthsMin} 个月，请核对结束日期`)
      }
      const data = { row, name: r.name, idNumber: r.idNumber, planId: plan.planId, shares: r.shares, termStart: r.termStart, termEnd: r.termEnd }
      const same = rows.filter((o) => o.idNumber === data.idNumber)
      const clash = same.find((o) => o.planId === data.planId && o.termStart <= data.termEnd && data.termStart <= o.termEnd)
      if (clash) add('termStart', clash.termStart === data.termStart ? `和第 ${clash.row} 行重复了，请删掉一行` : `和第 ${clash.row} 行是同一个人同一个保障，期限重叠了`)
      const renamed = same.find((o) => o.name !== data.name)
      if (renamed) add('name', `同一个身份证号，第 ${renamed.row} 行的姓名是"${renamed.name}"，请核对`)
      if (rowErrors.length === 0) rows.push(data)
    }
    errors.push(...rowErrors)
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows }
}

/** The natural key of an enrollment (idempotent re-import): the member's keyed ID hash, plan and first day. */
export const enrollmentKey = (memberKey: string, planId: string, termStart: string): string => `${memberKey}_${planId}_${termStart}`

// ---------------------------------------------------------------------------------------------------
// Rule versions (admin)

const fen = (what: string) => z.number(`请填${what}`).check(z.int(`${what}按分填整数`), z.minimum(0, `${what}不能是负数`), z.maximum(AMOUNT_MAX_FEN, `${what}太大了`))
const pct = (what: string) => z.number(`请填${what}`).check(z.int(`${what}填整数`), z.minimum(0, `${what}在 0 到 100 之间`), z.maximum(100, `${what}在 0 到 100 之间`))
const days = (what: string, max: number) => z.number(`请填${what}`).check(z.int(`${what}填整数`), z.minimum(0, `${what}不能是负数`), z.maximum(max, `${what}最多 ${max} 天`))
const docList = z
  .array(z.enum(DOC_KIND_CODES, '有一种材料不在清单里'))
  .check(z.maxLength(DOC_KIND_CODES.length), z.refine((a) => new Set(a).size === a.length, '材料有重复'))
const label = (what: string, max: number) => z.string(`请填${what}`).check(z.trim(), z.minLength(1, `请填${what}`), z.maxLength(max, `${what}最多 ${max} 个字`))

const ruleCommon = {
  planId,
  name: label('保障名称', 40),
  effectiveFrom: isoDate('生效日期'),
  termMonthsMin: z.number('请填最短期限').check(z.int(), z.minimum(1, '最短期限至少 1 个月'), z.maximum(60, '期限最多 60 个月')),
  termMonthsMax: z.number('请填最长期限').check(z.int(), z.minimum(1, '最长期限至少 1 个月'), z.maximum(60, '期限最多 60 个月')),
  maxShares: z.number('请填每人最多几份').check(z.int('份数填整数'), z.minimum(1, '至少 1 份'), z.maximum(SHARES_MAX, `最多 ${SHARES_MAX} 份`)),
  waitingDays: days('等待期', 365),
  reducedDays: days('减额期', 365),
  reducedRatioPct: pct('减额期补助比例'),
  renewalGraceDays: days('续保宽限期', 365),
  claimWindowDays: days('申请期限', 3650).check(z.minimum(1, '申请期限至少 1 天')),
  windowWarnDays: days('提前提醒天数', 365),
  annualCapFen: fen('每年最高补助'),
  documents: docList,
}

const inpatientRule = z.object({
  ...ruleCommon,
  kind: z.literal('inpatient'),
  inpatient: z.object({
    deductibleFen: fen('起付线'),
    firstStayDeductibleFen: fen('第一次住院的起付线'),
    ratioPct: pct('补助比例'),
    perStayCapFen: fen('每次住院最高补助'),
  }),
})
const criticalRule = z.object({
  ...ruleCommon,
  kind: z.literal('critical_illness'),
  critical: z.object({
    sumPerShareFen: fen('每份补助金额'),
    diseases: z
      .array(z.object({ code: z.string().check(z.regex(/^[a-z0-9_]{1,40}$/, '疾病编号只能用小写字母、数字和下划线')), label: label('疾病名称', 40), documents: z.optional(docList) }))
      .check(
        z.minLength(1, '请至少列一种疾病'),
        z.maxLength(100, '疾病最多 100 种'),
        z.refine((a) => new Set(a.map((d) => d.code)).size === a.length, '疾病编号有重复'),
      ),
  }),
})
const accidentRule = z.object({
  ...ruleCommon,
  kind: z.literal('accident'),
  accident: z.object({
    sumPerShareFen: fen('每份保额'),
    gradePct: z
      .array(pct('伤残补助比例'))
      .check(
        z.length(10, '请填 1 到 10 级的补助比例'),
        z.refine((a) => a.every((p, i) => i === 0 || p <= a[i - 1]), '伤残等级越高（数字越大），补助比例不能越高'),
      ),
    deathPct: pct('身故补助比例'),
    dailyAllowanceFen: fen('每天住院补助'),
    maxAllowanceDays: days('住院补助最多天数', 365),
    documentsByBenefit: z.object({ allowance: docList, disability: docList, death: docList }),
  }),
})
const femaleRule = z.object({
  ...ruleCommon,
  kind: z.literal('female_special'),
  female: z.object({
    tiers: z.object(Object.fromEntries(FEMALE_CLASSES.map((c) => [c, fen('这一类的补助金额')])) as Record<(typeof FEMALE_CLASSES)[number], ReturnType<typeof fen>>),
    classDiseases: z.object(Object.fromEntries(FEMALE_CLASSES.map((c) => [c, label('这一类包括的疾病', 100)])) as Record<(typeof FEMALE_CLASSES)[number], ReturnType<typeof label>>),
    documentsByClass: z.partialRecord(z.enum(FEMALE_CLASSES), docList),
  }),
})

/** A rule version as the admin saves it (a new version, or a version that is not yet in force). */
export const ruleVersionInput = z.discriminatedUnion('kind', [inpatientRule, criticalRule, accidentRule, femaleRule], '请选择保障类型').check(
  z.superRefine((r, ctx) => {
    if (r.reducedDays !== 0 && r.reducedDays < r.waitingDays) ctx.addIssue({ code: 'custom', message: '减额期要比等待期长（或填 0 表示没有减额期）', path: ['reducedDays'] })
    if (r.termMonthsMax < r.termMonthsMin) ctx.addIssue({ code: 'custom', message: '最长期限不能比最短期限短', path: ['termMonthsMax'] })
    if (r.kind === 'inpatient' && r.inpatient.firstStayDeductibleFen < r.inpatient.deductibleFen) {
      ctx.addIssue({ code: 'custom', message: '第一次住院的起付线不能比平时的起付线低', path: ['inpatient', 'firstStayDeductibleFen'] })
    }
  }),
)
export type RuleVersionInput = z.input<typeof ruleVersionInput>
/** Compile-time proof that what the admin saves is a rule version the rules can judge with. */
export const asRuleVersion = (r: z.output<typeof ruleVersionInput>): PlanRuleVersion => r
