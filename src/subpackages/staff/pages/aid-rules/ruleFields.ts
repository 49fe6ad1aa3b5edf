// The numbers of a 互助保障 rule version the admin changes, what a version says in plain words, and a
// new version built from the one it starts from.
import { addDays, dateLabel } from '../../../../domain/calendar/working-days'
import { FEMALE_CLASSES, FEMALE_CLASS_LABELS, MUTUAL_AID_ERR, type PlanKind } from '../../../../domain/mutual-aid/mutual-aid.constants'
import { versionEditable, yuan, type PlanRuleVersion } from '../../../../domain/mutual-aid/mutual-aid.rules'
import { ruleVersionInput } from '../../../../domain/mutual-aid/mutual-aid.schema'
import { toFieldErrors } from '../../../../domain/validation'
import { readNumbers, type Checked, type NumberField } from '../../components/RuleForm'

const KIND_FIELDS: Record<PlanKind, NumberField[]> = {
  inpatient: [
    { path: 'inpatient.deductibleFen', label: '起付线（元）', hint: '一年里第二次及以后住院：自付超过这个数的部分才补助', money: true },
    { path: 'inpatient.firstStayDeductibleFen', label: '第一次住院的起付线（元）', hint: '一年里第一次住院用这个起付线，不能比上面的低', money: true },
    { path: 'inpatient.ratioPct', label: '补助比例（%）', hint: '超过起付线的自付部分，补助百分之几' },
    { path: 'inpatient.perStayCapFen', label: '每次住院最高补助（元，每份）', money: true },
  ],
  critical_illness: [{ path: 'critical.sumPerShareFen', label: '每份补助金额（元）', hint: '第一次确诊清单里的重大疾病，每份给这么多', money: true }],
  accident: [
    { path: 'accident.sumPerShareFen', label: '每份保额（元）', hint: '伤残、身故按这个数的百分比补助', money: true },
    { path: 'accident.dailyAllowanceFen', label: '住院每天补助（元，每份）', money: true },
    { path: 'accident.maxAllowanceDays', label: '住院补助最多几天' },
  ],
  female_special: FEMALE_CLASSES.map((c) => ({ path: `female.tiers.${c}`, label: `${FEMALE_CLASS_LABELS[c]}疾病补助金额（元，每份）`, money: true })),
}

const COMMON_FIELDS: NumberField[] = [
  { path: 'waitingDays', label: '等待期（天）', hint: '第一次参加的人生病，过了这些天才补助；意外受伤不用等' },
  { path: 'reducedDays', label: '减额期到第几天', hint: '等待期过后到这一天，只按下面的比例补助；填 0 表示没有减额期' },
  { path: 'reducedRatioPct', label: '减额期补助比例（%）' },
  { path: 'renewalGraceDays', label: '续保宽限（天）', hint: '上一期到期后这些天内续上，不用重新等' },
  { path: 'claimWindowDays', label: '申请期限（天）', hint: '出事后这些天内都能申请' },
  { path: 'annualCapFen', label: '每年最高补助（元，每份）', hint: '同一个人同一个保障，一年里每份最多补助这么多', money: true },
]

/** The numbers the admin changes in a version of this kind. */
export const fieldsOf = (kind: PlanKind): NumberField[] => [...KIND_FIELDS[kind], ...COMMON_FIELDS]

/** The value at `a.b.c` of a version. */
export function valueAt(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj)
}

function setAt(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.')
  const last = keys.pop() as string
  const parent = keys.reduce((o, k) => o[k] as Record<string, unknown>, obj)
  parent[last] = value
}

/** What a version pays and when, in plain lines. */
export function ruleSummary(v: PlanRuleVersion): string[] {
  const lines: string[] = []
  if (v.kind === 'inpatient') {
    const r = v.inpatient
    lines.push(`起付线 ${yuan(r.deductibleFen)}，一年里第一次住院 ${yuan(r.firstStayDeductibleFen)}`)
    lines.push(`超过起付线的自付部分补助 ${r.ratioPct}%，每次住院每份最多 ${yuan(r.perStayCapFen)}`)
  } else if (v.kind === 'critical_illness') {
    lines.push(`第一次确诊清单里的 ${v.critical.diseases.length} 种重大疾病，每份补助 ${yuan(v.critical.sumPerShareFen)}`)
  } else if (v.kind === 'accident') {
    const r = v.accident
    lines.push(`每份保额 ${yuan(r.sumPerShareFen)}：伤残按等级给 ${r.gradePct[0]}% 到 ${r.gradePct[r.gradePct.length - 1]}%，身故给 ${r.deathPct}%`)
    lines.push(`意外住院每天每份补助 ${yuan(r.dailyAllowanceFen)}，最多 ${r.maxAllowanceDays} 天`)
  } else {
    lines.push(`每份补助：${FEMALE_CLASSES.map((c) => `${FEMALE_CLASS_LABELS[c]} ${yuan(v.female.tiers[c])}`).join('，')}`)
  }
  lines.push(`每年每份最多补助 ${yuan(v.annualCapFen)}`)
  lines.push(v.waitingDays > 0 ? `等待期 ${v.waitingDays} 天（第一次参加，生病要等；意外受伤不用等）` : '没有等待期')
  if (v.reducedDays > v.waitingDays) lines.push(`第 ${v.waitingDays + 1} 到 ${v.reducedDays} 天是减额期，按 ${v.reducedRatioPct}% 补助`)
  lines.push(`到期后 ${v.renewalGraceDays} 天内续保，不用重新等`)
  lines.push(`出事后 ${v.claimWindowDays} 天内申请（最后 ${v.windowWarnDays} 天提醒职工快到期了）`)
  lines.push(`每人最多 ${v.maxShares} 份，一期 ${v.termMonthsMin} 到 ${v.termMonthsMax} 个月`)
  return lines
}

/** Which events a version judges: from its first day to the day before the next version. */
export function periodText(v: PlanRuleVersion, next: PlanRuleVersion | undefined): string {
  return next ? `管 ${dateLabel(v.effectiveFrom)} 到 ${dateLabel(addDays(next.effectiveFrom, -1))} 出的事` : `管 ${dateLabel(v.effectiveFrom)} 起出的事`
}

/**
 * The version to save: the base with the typed numbers and the effective date, every other field copied.
 * `taken`: the days other versions of the plan already start on (a new version may not land on one).
 */
export function buildVersion(base: PlanRuleVersion, texts: Record<string, string>, effectiveFrom: string, today: string, taken: readonly string[]): Checked<PlanRuleVersion> {
  const { numbers, errors } = readNumbers(fieldsOf(base.kind), texts)
  const draft = JSON.parse(JSON.stringify(base)) as Record<string, unknown>
  draft.effectiveFrom = effectiveFrom
  for (const [path, n] of Object.entries(numbers)) setAt(draft, path, n)
  if (!effectiveFrom) errors.effectiveFrom = '请选生效日期'
  else if (!versionEditable({ effectiveFrom }, today)) errors.effectiveFrom = `生效日期要选今天（${dateLabel(today)}）以后的日子：已经开始的日子不能再改规则`
  else if (taken.includes(effectiveFrom)) errors.effectiveFrom = MUTUAL_AID_ERR.RULE_DUPLICATE.message
  const parsed = ruleVersionInput.safeParse(draft)
  const all = parsed.success ? errors : { ...toFieldErrors(parsed.error), ...errors }
  if (!parsed.success || Object.keys(all).length) return { ok: false, errors: all }
  return { ok: true, value: parsed.data }
}
