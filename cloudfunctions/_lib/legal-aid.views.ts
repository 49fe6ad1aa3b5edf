import type { OrgRecord } from './orgs.repo'
import { writeXlsx } from './stations.import'
import type { CaseStep, LegalCaseRecord } from './legal-aid.repo'
import { dateLabel, shanghaiDate, type WorkCalendar } from '../../src/domain/calendar/working-days'
import { groupPhone, maskName, maskNumbersIn } from '../../src/domain/privacy/mask'
import { ORG_KIND_LABELS } from '../../src/domain/org/org'
import type { Actor } from '../../src/domain/requests/state-machine'
import { yuan } from '../../src/domain/mutual-aid/mutual-aid.rules'
import { assignDeadline, limitationDate, reviewDeadline, urgency, type Clock, type LegalAidRules, type Triage } from '../../src/domain/legal-aid/legal-aid.rules'
import { caseMachine } from '../../src/domain/legal-aid/legal-aid.machine'
import {
  ACTIVE_CASE_STATES,
  CASE_STATE_LABELS,
  DECLINE_REASONS,
  DEMAND_LABELS,
  DISPUTE_TYPE_LABELS,
  FINAL_CASE_STATES,
  HARDSHIP_LABELS,
  HELP_FORM_LABELS,
  HELPER_KIND_LABELS,
  INFO_ITEM_LABELS,
  OPEN_REVIEW_STATES,
  OUTCOME_KIND_LABELS,
  REFERRALS,
  TRIAGE_FLAG_LABELS,
} from '../../src/domain/legal-aid/legal-aid.constants'
import type { CaseDecision, CaseReview, CaseRow, CaseView, HelperView, OutcomeView, TimelineStep } from '../../src/domain/legal-aid/legal-aid.api'

/** What every view needs besides the record: org names, the holiday calendar, today's rule table, the time of the reply. */
export interface LegalContext {
  orgs: Map<string, OrgRecord>
  cal: WorkCalendar
  /** The current rule table: the limitation warnings and the triage (the review clock keeps the case's own). */
  rules: LegalAidRules
  now: Date
}

const iso = (d: Date | string) => new Date(d).toISOString()
const orgName = (c: LegalContext, id: string | null | undefined) => (id ? (c.orgs.get(id)?.name ?? '工会') : '工会')
const codes = <C extends string>(list: readonly C[], labels: Record<C, string>) => list.map((code) => ({ code, label: labels[code] }))

/** Every org id a case's views name (for one read of org names). */
export const orgIdsOfCase = (c: Pick<LegalCaseRecord, 'orgId' | 'history' | 'steps'>) => [c.orgId, ...(c.history ?? []).map((h) => h.orgId), ...(c.steps ?? []).map((s) => s.toOrgId)]

// ---------------------------------------------------------------------------------------------------
// Clocks and triage, recomputed on every read (they change with the date)

export const reviewClock = (c: LegalCaseRecord, ctx: LegalContext): Clock =>
  reviewDeadline(c.reviewStart, (c.history ?? []).map((h) => ({ at: h.at, to: h.to })), ctx.cal, c.rules, ctx.now)

const assignClock = (c: LegalCaseRecord, ctx: LegalContext): Clock | null =>
  c.assignStart ? assignDeadline(c.assignStart, c.helper ? c.assignedAt : null, ctx.cal, c.rules, ctx.now) : null

/** Deadline words while the union has to act: deciding (paused while waiting for the worker), then naming a helper. */
function due(c: LegalCaseRecord, ctx: LegalContext): { dueText: string | null; overdue: boolean } {
  if (OPEN_REVIEW_STATES.includes(c.state)) {
    const clock = reviewClock(c, ctx)
    return { dueText: clock.text, overdue: clock.overdue }
  }
  const assign = ACTIVE_CASE_STATES.includes(c.state) && !c.helper ? assignClock(c, ctx) : null
  return assign ? { dueText: `安排帮助人：${assign.text}`, overdue: assign.overdue } : { dueText: null, overdue: false }
}

export const triageOf = (c: LegalCaseRecord, rules: LegalAidRules, now: Date): Triage => urgency({ id: c._id, submittedAt: c.createdAt, facts: c.ruleFacts }, now, rules)

// ---------------------------------------------------------------------------------------------------
// Pieces

export function helperView(c: Pick<LegalCaseRecord, 'helper'>): HelperView | null {
  const h = c.helper
  return h ? { kind: h.kind, kindLabel: HELPER_KIND_LABELS[h.kind], name: h.name, phone: groupPhone(h.phone), org: h.org || null } : null
}

export function outcomeView(c: Pick<LegalCaseRecord, 'outcome'>): OutcomeView | null {
  const o = c.outcome
  return o ? { kind: o.kind, kindLabel: OUTCOME_KIND_LABELS[o.kind], recoveredFen: o.recoveredFen, recoveredText: yuan(o.recoveredFen), workersHelped: o.workersHelped, note: o.note } : null
}

function declineView(c: LegalCaseRecord): CaseView['decline'] {
  const d = c.decline
  const reason = d ? DECLINE_REASONS.find((r) => r.code === d.reason) : undefined
  const referral = d ? REFERRALS.find((r) => r.code === d.referral) : undefined
  if (!d || !reason || !referral) return null
  // a referral other than the reason's own: say how to reach it too
  const next = referral.code === reason.referral ? reason.next : `${reason.next}${referral.how}。`
  return { code: reason.code, label: reason.label, next, referral: referral.code, referralLabel: referral.label, note: d.note }
}

const stepOf = (c: LegalCaseRecord, i: number): CaseStep | undefined => (c.steps ?? []).find((s) => s.version === i + 2)

/** Plain words for each step; `owner` is 你 (the worker) or 申请人 (staff). */
function stepLabel(c: LegalCaseRecord, ctx: LegalContext, from: string, to: string, s: CaseStep | undefined, owner: string): string {
  const you = owner === '你'
  switch (s?.action) {
    case 'startReview':
      return '工会开始审核'
    case 'ask':
      return you ? '工会请你补充材料' : '请申请人补充材料'
    case 'resubmit':
      return s.files ? `${owner}补充了材料（${s.files} 个文件）` : `${owner}补充了材料`
    case 'accept':
      return '工会受理了'
    case 'decline':
      return '工会没有受理'
    case 'withdraw':
      return `${owner}撤回了求助`
    case 'handover':
      return `转给「${orgName(ctx, s.toOrgId)}」办理`
    case 'assign':
      return '安排了帮你办事的人'
    case 'progress':
      return '办理进展'
    case 'close':
      return c.outcome ? `办结：${OUTCOME_KIND_LABELS[c.outcome.kind]}` : '办结了'
    default:
      return `${CASE_STATE_LABELS[from as keyof typeof CASE_STATE_LABELS] ?? from} → ${CASE_STATE_LABELS[to as keyof typeof CASE_STATE_LABELS] ?? to}`
  }
}

export function caseTimeline(c: LegalCaseRecord, ctx: LegalContext, owner: string): TimelineStep[] {
  const first: TimelineStep = { at: iso(c.createdAt), label: '交了求助', who: owner, note: null }
  return [
    first,
    ...(c.history ?? []).map((h, i) => {
      const s = stepOf(c, i)
      const note = s?.note ?? null
      return { at: iso(h.at), label: stepLabel(c, ctx, h.from, h.to, s, owner), who: h.actor === 'owner' ? owner : orgName(ctx, h.orgId), note: note === null ? null : maskNumbersIn(note) }
    }),
  ]
}

const head = (c: LegalCaseRecord, ctx: LegalContext) => ({
  id: c._id,
  state: c.state,
  stateLabel: CASE_STATE_LABELS[c.state],
  version: c.version,
  disputeLabel: DISPUTE_TYPE_LABELS[c.ruleFacts.disputeType],
  employerName: c.employer.name,
  orgName: orgName(ctx, c.orgId),
  submittedAt: iso(c.createdAt),
})

const askedOf = (c: LegalCaseRecord) => codes(c.askedItems ?? [], INFO_ITEM_LABELS)

// ---------------------------------------------------------------------------------------------------
// The worker's view

export function caseView(c: LegalCaseRecord, ctx: LegalContext): CaseView {
  const open = OPEN_REVIEW_STATES.includes(c.state)
  const clock = open ? reviewClock(c, ctx) : null
  return {
    ...head(c, ctx),
    disputeType: c.ruleFacts.disputeType,
    reviewDueDate: clock && !clock.paused ? clock.dueDate : null,
    dueText: clock?.text ?? null,
    eligibility: c.eligibility,
    limitation: limitationDate(c.ruleFacts, ctx.now, ctx.rules),
    askedItems: c.state === 'needs_info' ? askedOf(c) : [],
    askNote: c.state === 'needs_info' ? c.askNote : null,
    decline: c.state === 'declined' ? declineView(c) : null,
    helpForms: codes(c.helpForms ?? [], HELP_FORM_LABELS),
    helper: helperView(c),
    outcome: outcomeView(c),
    history: caseTimeline(c, ctx, '你'),
    evidenceCount: c.evidenceFileIds.length,
    canWithdraw: open,
    canResubmit: c.state === 'needs_info',
  }
}

// ---------------------------------------------------------------------------------------------------
// Staff

/** A queue row; `t` is the case's triage when already computed (the queue sorts by it). */
export function caseRow(c: LegalCaseRecord, ctx: LegalContext, t: Triage = triageOf(c, ctx.rules, ctx.now)): CaseRow {
  const final = FINAL_CASE_STATES.includes(c.state)
  return {
    ...head(c, ctx),
    maskedName: c.applicant.name ? maskName(c.applicant.name) : '微信用户',
    orgId: c.orgId,
    amountText: c.ruleFacts.amountFen === null ? null : yuan(c.ruleFacts.amountFen),
    workersAffected: c.ruleFacts.workersAffected,
    migrant: c.ruleFacts.migrant,
    // a case that has ended is no longer triaged
    score: final ? 0 : t.score,
    flags: final ? [] : t.flags.map((code) => ({ code, label: TRIAGE_FLAG_LABELS[code] })),
    limitationLastDay: t.limitation.lastDay,
    limitationStatus: t.limitation.status,
    ...due(c, ctx),
  }
}

const yesNo = (b: boolean) => (b ? '是' : '否')

/** What the request states, as label/value lines for the reviewer (numbers in the worker's words masked). */
export function keyFacts(c: LegalCaseRecord): Array<{ label: string; value: string }> {
  const f = c.ruleFacts
  const d = f.dates
  const out: Array<{ label: string; value: string }> = [
    { label: '遇到的事', value: DISPUTE_TYPE_LABELS[f.disputeType] },
    { label: '想要', value: f.wants.map((w) => DEMAND_LABELS[w]).join('、') },
  ]
  if (f.amountFen !== null) out.push({ label: '要讨的钱', value: yuan(f.amountFen) })
  out.push({ label: '涉及人数', value: `${f.workersAffected} 人` }, { label: '农民工', value: yesNo(f.migrant) }, { label: '还在这个单位干活', value: yesNo(f.stillEmployed) })
  const dates: Array<[keyof typeof d, string]> = [
    ['entryDate', '进单位'],
    ['lastPayDate', '最后一次发工资'],
    ['injuryDate', '受伤'],
    ['terminationDate', '离开单位'],
    ['knewDate', '知道权益受损'],
  ]
  for (const [key, label] of dates) if (d[key]) out.push({ label, value: dateLabel(d[key]!) })
  if (f.householdIncomePerPersonFen !== null) out.push({ label: '家里每人每月收入', value: yuan(f.householdIncomePerPersonFen) })
  if (f.hardship) out.push({ label: '困难', value: HARDSHIP_LABELS[f.hardship] })
  for (const s of c.steps ?? []) if (s.action === 'resubmit' && s.note) out.push({ label: '补充的话', value: maskNumbersIn(s.note) })
  return out
}

/** What a staff member may do with the case now (the machine's staff steps; progress once a helper is named). */
export function reviewActions(c: LegalCaseRecord, staff: Actor | null): CaseDecision[] {
  if (!staff) return []
  return caseMachine.available(c.state, staff).filter((a): a is CaseDecision => a !== 'resubmit' && a !== 'withdraw' && (a !== 'progress' || c.helper !== null))
}

export function caseReview(
  c: LegalCaseRecord,
  ctx: LegalContext,
  o: { staff: Actor | null; evidence: CaseReview['evidence']; allOrgs: OrgRecord[] },
): CaseReview {
  const t = triageOf(c, ctx.rules, ctx.now)
  const actions = reviewActions(c, o.staff)
  const e = c.employer
  return {
    ...caseRow(c, ctx, t),
    facts: maskNumbersIn(c.facts),
    employer: { name: e.name, creditCode: e.creditCode ?? null, address: e.address ?? null, contact: e.contact ? maskNumbersIn(e.contact) : null },
    keyFacts: keyFacts(c),
    eligibility: c.eligibility,
    limitation: t.limitation,
    evidence: o.evidence,
    helper: helperView(c),
    outcome: outcomeView(c),
    history: caseTimeline(c, ctx, '申请人'),
    askedItems: askedOf(c),
    actions,
    handoverTargets: actions.includes('handover')
      ? o.allOrgs.filter((org) => org._id !== c.orgId).map((org) => ({ id: org._id, name: org.name, kindLabel: ORG_KIND_LABELS[org.kind] ?? '' }))
      : [],
  }
}

/** What the check before submitting adds in kind words: who will hold it, 群体性, the fast track. */
export function checkNotes(holder: { org: OrgRecord; heldAs: LegalCaseRecord['heldAs'] }, t: Triage, workersAffected: number): string[] {
  const name = holder.org.name
  const notes = [
    holder.heldAs === 'member_union' ? `你是「${name}」的会员，由「${name}」受理。` : `由「${name}」受理；事情在外地的，会转给当地的工会一起办。`,
  ]
  if (t.flags.includes('group')) notes.push(`一共 ${workersAffected} 位工友，人多的事，工会优先办。`)
  if (t.fastTrack) notes.push('你的事可以走快速通道，工会尽量当天审核。')
  return notes
}

// ---------------------------------------------------------------------------------------------------
// Export

export const CASE_EXPORT_COLUMNS = ['编号', '提交日期', '申请人', '纠纷类型', '单位', '涉及人数', '农民工', '办理工会', '状态', '办理结果', '追回金额（元）', '帮助人数', '办结日期'] as const

/** Cases as staff download them (masked names; amounts in yuan as numbers): the year-end figures come from these columns. */
export async function casesWorkbook(cases: LegalCaseRecord[], ctx: LegalContext): Promise<Buffer> {
  const body = cases.map((c) => [
    c._id,
    shanghaiDate(new Date(c.createdAt)),
    c.applicant.name ? maskName(c.applicant.name) : '',
    DISPUTE_TYPE_LABELS[c.ruleFacts.disputeType],
    c.employer.name,
    c.ruleFacts.workersAffected,
    yesNo(c.ruleFacts.migrant),
    orgName(ctx, c.orgId),
    CASE_STATE_LABELS[c.state],
    c.outcome ? OUTCOME_KIND_LABELS[c.outcome.kind] : '',
    c.outcome ? c.outcome.recoveredFen / 100 : '',
    c.outcome ? c.outcome.workersHelped : '',
    c.closedAt ? shanghaiDate(new Date(c.closedAt)) : '',
  ])
  return writeXlsx([[...CASE_EXPORT_COLUMNS], ...body], '法律援助')
}

/** 法律援助-2026-20261122.xlsx */
export const casesExportName = (year: number | undefined, today: string): string => `法律援助-${year ?? '全部'}-${today.replace(/-/g, '')}.xlsx`
