import type { OrgRecord } from './orgs.repo'
import { writeXlsx } from './stations.import'
import type { ClaimRecord, EnrollmentRecord } from './mutual-aid.repo'
import { dateLabel, shanghaiDate } from '../../src/domain/calendar/working-days'
import type { Actor } from '../../src/domain/requests/state-machine'
import { claimMachine } from '../../src/domain/mutual-aid/mutual-aid.machine'
import {
  annualCapFor,
  hospitalDays,
  missingDocuments,
  yuan,
  type ClaimAssessment,
  type Coverage,
  type Ledger,
  type PlanRuleVersion,
} from '../../src/domain/mutual-aid/mutual-aid.rules'
import {
  ACCIDENT_BENEFITS,
  CLAIM_REJECT_REASONS,
  CLAIM_STATE_LABELS,
  DOC_KIND_LABELS,
  EVENT_CAUSES,
  FEMALE_CLASS_LABELS,
  OPEN_CLAIM_STATES,
  OVERRIDE_REASONS,
  PLAN_KIND_CODES,
  type DocKind,
} from '../../src/domain/mutual-aid/mutual-aid.constants'
import type {
  AssessReply,
  ClaimDecision,
  ClaimRow,
  ClaimTimelineStep,
  ClaimView,
  EnrollmentRow,
  MyPlanCoverage,
  PlanView,
} from '../../src/domain/mutual-aid/mutual-aid.api'

/** Org names for the views (the orgs a list mentions, read once). */
export interface AidContext {
  orgs: Map<string, OrgRecord>
  now: Date
}

const iso = (d: Date | string) => new Date(d).toISOString()
const orgName = (c: AidContext, id: string | null | undefined) => (id ? (c.orgs.get(id)?.name ?? '工会') : '工会')
const labelOf = <T extends { code: string; label: string }>(list: readonly T[], code: string | null | undefined) => list.find((x) => x.code === code)

// ---------------------------------------------------------------------------------------------------
// Plans and coverage

/** What a plan pays, its waiting period and window, in plain lines. */
export function planSummary(r: PlanRuleVersion): string[] {
  const perShare = (fen: number) => `${yuan(fen)}（每份）`
  const pays: string[] = []
  switch (r.kind) {
    case 'inpatient': {
      const i = r.inpatient
      pays.push(`住院自付的医药费，超过起付线的部分按 ${i.ratioPct}% 补助：每年第一次住院起付线 ${yuan(i.firstStayDeductibleFen)}，以后每次 ${yuan(i.deductibleFen)}`)
      pays.push(`每次住院最多补助 ${perShare(i.perStayCapFen)}`)
      break
    }
    case 'critical_illness':
      pays.push(`第一次确诊清单里的重大疾病（${r.critical.diseases.map((d) => d.label).join('、')}），补助 ${perShare(r.critical.sumPerShareFen)}，每种病只补助一次`)
      break
    case 'accident': {
      const a = r.accident
      pays.push(`意外伤残按伤残等级补助保额的 ${a.gradePct[a.gradePct.length - 1]}% 到 ${a.gradePct[0]}%，意外身故补助保额的 ${a.deathPct}%；保额 ${perShare(a.sumPerShareFen)}`)
      pays.push(`意外受伤住院每天补助 ${perShare(a.dailyAllowanceFen)}，最多 ${a.maxAllowanceDays} 天`)
      break
    }
    case 'female_special':
      for (const [cls, fen] of Object.entries(r.female.tiers) as Array<[keyof typeof FEMALE_CLASS_LABELS, number]>) {
        pays.push(`${FEMALE_CLASS_LABELS[cls]}（${r.female.classDiseases[cls]}）：${perShare(fen)}，每类只补助一次`)
      }
      break
  }
  pays.push(`每年最多补助 ${perShare(r.annualCapFen)}`)
  if (r.waitingDays > 0) {
    const reduced = r.reducedDays > r.waitingDays ? `，${r.reducedDays} 天以内按 ${r.reducedRatioPct}% 补助` : ''
    pays.push(`第一次参加，生病的等待期 ${r.waitingDays} 天${reduced}；意外受伤没有等待期；到期后 ${r.renewalGraceDays} 天内续上不用再等`)
  } else {
    pays.push('没有等待期')
  }
  pays.push(`出事以后 ${r.claimWindowDays} 天内申请`)
  return pays
}

export function planView(r: PlanRuleVersion): PlanView {
  const view: PlanView = { planId: r.planId, kind: r.kind, name: r.name, summary: planSummary(r), documents: r.documents.map((code) => ({ code, label: DOC_KIND_LABELS[code] })) }
  if (r.kind === 'critical_illness') view.diseases = r.critical.diseases.map((d) => ({ code: d.code, label: d.label }))
  if (r.kind === 'female_special') view.classDiseases = { ...r.female.classDiseases }
  return view
}

/** Plans in the fixed order of the plan kinds, then by id. */
export const byPlanOrder = (a: PlanRuleVersion, b: PlanRuleVersion) =>
  PLAN_KIND_CODES.indexOf(a.kind) - PLAN_KIND_CODES.indexOf(b.kind) || a.planId.localeCompare(b.planId)

function statusText(cov: Coverage, term: EnrollmentRecord, today: string, now: Date): string {
  switch (cov.status) {
    case 'full':
      return '保障中'
    case 'reduced':
      return `减额期（${dateLabel(cov.fullFrom!, now)}起全额补助）`
    case 'waiting':
      return `等待期（还要等 ${cov.waitDaysLeft} 天）`
    case 'expired':
      return `已到期（${dateLabel(term.termEnd, now)}到期）`
    case 'not_enrolled':
      return term.termStart > today ? `还没开始（${dateLabel(term.termStart, now)}起）` : '没有参加'
  }
}

/** 我的保障 for one plan: the term covering today (else the next one, else the last one), waiting days, this year's cap. */
export function myPlanCoverage(rule: PlanRuleVersion, terms: EnrollmentRecord[], cov: Coverage, ledger: Ledger, today: string, now: Date): MyPlanCoverage {
  const byStart = [...terms].sort((a, b) => a.termStart.localeCompare(b.termStart))
  const term = terms.find((t) => t.termStart === cov.enrollment?.termStart) ?? byStart.find((t) => t.termStart > today) ?? byStart[byStart.length - 1]
  const annualCapFen = annualCapFor(rule, term.shares)
  return {
    planId: rule.planId,
    kind: rule.kind,
    name: rule.name,
    shares: term.shares,
    termStart: term.termStart,
    termEnd: term.termEnd,
    status: cov.status,
    statusText: statusText(cov, term, today, now),
    waitDaysLeft: cov.waitDaysLeft,
    annualCapFen,
    usedFen: ledger.approvedFen,
    remainingFen: Math.max(0, annualCapFen - ledger.approvedFen),
  }
}

// ---------------------------------------------------------------------------------------------------
// Assessment

function coverageText(cov: Coverage): string {
  if (cov.reason) return cov.reason
  const e = cov.enrollment!
  return `那天在保障期内（${dateLabel(e.termStart)}到${dateLabel(e.termEnd)}，${e.shares} 份）`
}

export function assessView(a: ClaimAssessment, provided: Partial<Record<DocKind, readonly string[]>>): AssessReply {
  return {
    eligible: a.eligible,
    reasons: a.reasons,
    payoutFen: a.eligible && a.payout ? a.payout.payoutFen : 0,
    steps: a.payout?.steps ?? [],
    capApplied: a.payout?.capApplied ?? null,
    coverageText: coverageText(a.coverage),
    window: { lastDay: a.window.lastDay, text: a.window.text, warn: a.window.warn, open: a.window.open },
    documents: a.documents.map((code) => ({ code, label: DOC_KIND_LABELS[code], provided: provided[code]?.length ?? 0 })),
    missingDocuments: missingDocuments(a.documents, provided),
  }
}

// ---------------------------------------------------------------------------------------------------
// Claims

/** Plain words for each step of the timeline; `owner` is 你 (the worker) or 申请人 (staff). */
function stepLabel(from: string, to: string, c: ClaimRecord, owner: string): string {
  if (to === 'grassroots_checked') return '基层工会核对了材料'
  if (to === 'needs_docs') return owner === '你' ? '工会请你补充材料' : '请申请人补充材料'
  if (from === 'needs_docs' && to === 'submitted') return `${owner}补充了材料`
  if (to === 'approved') return c.approvedFen === null ? '批准补助' : `批准补助 ${yuan(c.approvedFen)}`
  if (to === 'paid') return c.paidFen === null ? '已打款' : `已打款 ${yuan(c.paidFen)}`
  if (to === 'rejected') return '没有通过'
  return `${owner}撤回了申请`
}

export function claimTimeline(c: ClaimRecord, ctx: AidContext, owner: string): ClaimTimelineStep[] {
  const first: ClaimTimelineStep = { at: iso(c.createdAt), label: '交了申请', who: owner, note: c.note }
  return [
    first,
    ...(c.history ?? []).map((h, i) => ({
      at: iso(h.at),
      label: stepLabel(h.from, h.to, c, owner),
      who: h.actor === 'owner' ? owner : orgName(ctx, h.orgId),
      note: c.steps.find((s) => s.version === i + 2)?.note ?? null,
    })),
  ]
}

/** What the worker's view and the staff rows both show of a claim. */
const head = (c: ClaimRecord) => ({
  id: c._id,
  state: c.state,
  stateLabel: CLAIM_STATE_LABELS[c.state],
  version: c.version,
  planName: c.planName,
  kind: c.kind,
  eventDate: c.eventDate,
  submittedAt: iso(c.createdAt),
  computedFen: c.computedFen,
  approvedFen: c.approvedFen,
})
const documentCounts = (c: ClaimRecord) =>
  (Object.entries(c.documents) as Array<[DocKind, string[]]>).filter(([, ids]) => ids.length > 0).map(([code, ids]) => ({ code, label: DOC_KIND_LABELS[code], count: ids.length }))

/** The claimant's own view. */
export function claimView(c: ClaimRecord, ctx: AidContext): ClaimView {
  const reject = c.state === 'rejected' ? labelOf(CLAIM_REJECT_REASONS, c.rejectReason) : undefined
  const override = c.overrideReason ? labelOf(OVERRIDE_REASONS, c.overrideReason) : undefined
  return {
    ...head(c),
    planId: c.planId,
    steps: c.approvedFen !== null ? c.approvedSteps : c.computedSteps,
    askedDocuments: c.state === 'needs_docs' ? c.askedDocuments.map((code) => ({ code, label: DOC_KIND_LABELS[code] })) : [],
    askNote: c.state === 'needs_docs' ? c.askNote : null,
    rejection: reject ? { code: reject.code, label: reject.label, next: reject.next, note: c.rejectNote } : null,
    override: override ? { code: override.code, label: override.label, note: c.overrideNote } : null,
    payment: c.paidDate && c.paidFen !== null ? { paidDate: c.paidDate, amountFen: c.paidFen, refTail: (c.paymentRef ?? '').slice(-4) } : null,
    bankCardTail: `尾号 ${c.bankCardTail}`,
    windowLastDay: c.windowLastDay,
    documents: documentCounts(c),
    history: claimTimeline(c, ctx, '你'),
    canWithdraw: OPEN_CLAIM_STATES.includes(c.state),
    canResubmit: c.state === 'needs_docs',
  }
}

export function claimRow(c: ClaimRecord, ctx: AidContext): ClaimRow {
  return {
    ...head(c),
    name: c.name,
    maskedIdNumber: c.maskedId,
    orgId: c.orgId,
    orgName: orgName(ctx, c.orgId),
  }
}

/** What the claim states, as label/value lines for the reviewer. */
export function claimFacts(c: ClaimRecord, rule: PlanRuleVersion | null): Array<{ label: string; value: string }> {
  const f = c.facts
  const out: Array<{ label: string; value: string }> = [{ label: '保障项目', value: c.planName }]
  switch (f.kind) {
    case 'inpatient':
      out.push(
        { label: '入院日期', value: dateLabel(f.eventDate) },
        { label: '出院日期', value: `${dateLabel(f.dischargeDate)}（住院 ${hospitalDays(f.eventDate, f.dischargeDate)} 天）` },
        { label: '住院原因', value: labelOf(EVENT_CAUSES, f.cause)?.label ?? '' },
        { label: '自付金额', value: yuan(f.selfPaidFen) },
      )
      break
    case 'critical_illness': {
      const disease = rule?.kind === 'critical_illness' ? rule.critical.diseases.find((d) => d.code === f.disease)?.label : undefined
      out.push({ label: '确诊日期', value: dateLabel(f.eventDate) }, { label: '疾病', value: disease ?? f.disease })
      break
    }
    case 'accident':
      out.push({ label: '出事日期', value: dateLabel(f.eventDate) }, { label: '申请', value: labelOf(ACCIDENT_BENEFITS, f.benefit)?.label ?? '' })
      if (f.benefit === 'allowance') out.push({ label: '住院', value: `${dateLabel(f.admissionDate)}到${dateLabel(f.dischargeDate)}（${hospitalDays(f.admissionDate, f.dischargeDate)} 天）` })
      if (f.benefit === 'disability') out.push({ label: '伤残等级', value: `${f.grade} 级` })
      break
    case 'female_special':
      out.push({ label: '确诊日期', value: dateLabel(f.eventDate) }, { label: '疾病类别', value: FEMALE_CLASS_LABELS[f.femaleClass] })
      break
  }
  out.push({ label: '份数', value: `${c.shares} 份` }, { label: '申请期限', value: `${dateLabel(c.windowLastDay)}截止` })
  if (c.note) out.push({ label: '申请人的说明', value: c.note })
  return out
}

/** What a staff member may do with the claim now: the machine's steps for their role, and marking paid. */
export function reviewActions(c: ClaimRecord, staff: Actor | null): Array<ClaimDecision | 'markPaid'> {
  if (!staff) return []
  return claimMachine.available(c.state, staff).filter((a): a is ClaimDecision | 'markPaid' => a !== 'resubmit' && a !== 'withdraw')
}

export function enrollmentRow(e: EnrollmentRecord, ctx: AidContext, planNames: Map<string, string>): EnrollmentRow {
  return {
    id: e.rowId,
    name: e.name,
    maskedIdNumber: e.maskedId,
    orgId: e.orgId,
    orgName: orgName(ctx, e.orgId),
    planId: e.planId,
    planName: planNames.get(e.planId) ?? e.planId,
    shares: e.shares,
    termStart: e.termStart,
    termEnd: e.termEnd,
  }
}

// ---------------------------------------------------------------------------------------------------
// Export

export const CLAIM_EXPORT_COLUMNS = ['姓名', '身份证号', '工会', '保障项目', '出事日期', '申请日期', '状态', '计算金额（元）', '批准金额（元）', '已打款（元）', '打款日期', '流水号后四位'] as const

const yuanNumber = (fen: number | null) => (fen === null ? '' : fen / 100)

/** Claims and payouts as staff download them (masked ID numbers only, amounts in yuan as numbers). */
export async function claimsWorkbook(claims: ClaimRecord[], ctx: AidContext): Promise<Buffer> {
  const body = claims.map((c) => [
    c.name,
    c.maskedId,
    orgName(ctx, c.orgId),
    c.planName,
    c.eventDate,
    shanghaiDate(new Date(c.createdAt)),
    CLAIM_STATE_LABELS[c.state],
    yuanNumber(c.computedFen),
    yuanNumber(c.approvedFen),
    yuanNumber(c.paidFen),
    c.paidDate ?? '',
    (c.paymentRef ?? '').slice(-4),
  ])
  return writeXlsx([[...CLAIM_EXPORT_COLUMNS], ...body], '互助保障理赔')
}

/** 互助保障理赔-2026-20261122.xlsx */
export const claimsExportName = (year: number | undefined, today: string): string => `互助保障理赔-${year ?? '全部'}-${today.replace(/-/g, '')}.xlsx`

/** "6222021234567890123" → "6222 0212 3456 7890 123" (read aloud in fours; never a long digit run in a reply). */
export const groupBankCard = (digits: string): string => digits.replace(/(\d{4})(?=\d)/g, '$1 ')
