/**
 * The staff workspace (工作台): one work item per request of every area, derived from the request record
 * after each change (RULES.md §5). Pure: the cloud functions call it inside the transaction that changes
 * the request, so the queue never disagrees with the records.
 */
import { addDays, deadlineAfter, shanghaiDate, type WorkCalendar } from '../calendar/working-days'
import { assignDeadline, reviewDeadline, type LegalAidRules } from '../legal-aid/legal-aid.rules'
import { maskName } from '../privacy/mask'

export const WORK_TYPES = ['membershipApplication', 'membershipTransfer', 'legalAidCase', 'aidClaim', 'stationReport', 'stationSuggestion'] as const
export type WorkType = (typeof WORK_TYPES)[number]

export const WORK_TYPE_LABELS: Record<WorkType, string> = {
  membershipApplication: '入会',
  membershipTransfer: '会籍接转',
  legalAidCase: '法律援助',
  aidClaim: '互助保障',
  stationReport: '驿站报修',
  stationSuggestion: '驿站建议',
}

export const isWorkType = (v: unknown): v is WorkType => typeof v === 'string' && (WORK_TYPES as readonly string[]).includes(v)

/** Working days staff have for a step where the area's own rules set none (admin edits them). */
export interface SlaTable {
  membershipTransfer: number
  aidClaimCheck: number
  aidClaimApprove: number
  aidClaimPay: number
  stationReport: number
  stationSuggestion: number
  /** "快到期": this many working days or fewer left. */
  dueSoonDays: number
}

/** Demo values, our assumption (RULES.md gives no SLA for these steps). */
export const DEMO_SLA: SlaTable = {
  membershipTransfer: 10,
  aidClaimCheck: 5,
  aidClaimApprove: 10,
  aidClaimPay: 5,
  stationReport: 3,
  stationSuggestion: 15,
  dueSoonDays: 2,
}

export type Waiting = 'staff' | 'worker' | 'helper' | 'none'

/** What the projection needs of any request record (each area's record has these and more). */
export interface RequestLike {
  _id: string
  type: string
  state: string
  orgId: string
  orgPath: string[]
  createdAt: Date | string
  updatedAt?: Date | string
  history?: ReadonlyArray<{ at: Date | string; to: string }>
  [field: string]: unknown
}

/** The queue's row, stored in `workItems` (id = `${type}:${requestId}`). */
export interface WorkItemData {
  type: WorkType
  requestId: string
  /** The worker's openid: 我的办理 lists their items (re-keyed with the request when the account closes). */
  ownerOpenid: string
  open: boolean
  waiting: Waiting
  state: string
  /** Plain words of the step, e.g. 待审核, 待总工会审批, 等职工补材料. */
  step: string
  /** The org that holds the request, and its path (ancestors + itself). */
  orgId: string
  orgPath: string[]
  /** The org whose staff must act now (the holder, or the federation for approval and payment). */
  actOrgId: string
  actPath: string[]
  /** Masked name of the applicant (never the full name), or null (anonymous reports). */
  applicant: string | null
  /** One short line: employer, station, plan or dispute. */
  summary: string
  createdAt: Date
  /** When the current step began (its clock starts here). */
  since: Date
  /** Last day (Shanghai) of the current staff step, or null when no clock runs. */
  dueDate: string | null
  /** Sort key: dueDate, or '9999-12-31' when none, so items without a deadline come last. */
  dueKey: string
  /** Lower-case text the queue's search matches: request number, type, applicant (masked), summary. */
  search: string
  /** First decision (approve / reject / accept / decline …): handling-time figures. */
  decidedAt: Date | null
  decidedOrgId: string | null
  decidedInTime: boolean | null
  /** Past its deadline and moved up to the federation's queue (kept until the item closes). */
  escalated: boolean
  escalatedAt: Date | null
  escalatedTo: string | null
}

export interface ProjectionContext {
  cal: WorkCalendar
  sla: SlaTable
  now: Date
}

const toDate = (v: Date | string | unknown): Date => (v instanceof Date ? v : new Date(String(v)))

/** When the record last entered its current state (or was created). */
function stepStart(r: RequestLike): Date {
  const h = r.history ?? []
  for (let i = h.length - 1; i >= 0; i--) if (h[i].to === r.state) return toDate(h[i].at)
  return toDate(r.createdAt)
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '')

function applicantOf(r: RequestLike): string | null {
  const direct = str(r.name)
  if (direct) return maskName(direct)
  const nested = (r.applicant as { name?: unknown } | undefined)?.name
  return typeof nested === 'string' && nested ? maskName(nested) : null
}

interface Step {
  open: boolean
  waiting: Waiting
  step: string
  /** Act at the root federation instead of the holder. */
  federation?: boolean
  /** Working days from the step start, or a fixed date, or none. */
  due?: { days: number } | { date: string | null }
}

/** The decision states per type (the first time a request reaches one counts for handling time). */
export const DECISION_STATES: Record<WorkType, readonly string[]> = {
  membershipApplication: ['approved', 'rejected'],
  membershipTransfer: ['accepted', 'rejected'],
  legalAidCase: ['accepted', 'in_progress', 'closed', 'declined'],
  aidClaim: ['approved', 'paid', 'rejected'],
  stationReport: ['resolved', 'rejected'],
  stationSuggestion: ['accepted', 'declined'],
}

const CLOSED: Step = { open: false, waiting: 'none', step: '已办结' }

function stepOf(type: WorkType, r: RequestLike, ctx: ProjectionContext): Step {
  const s = r.state
  switch (type) {
    case 'membershipApplication':
      if (s === 'submitted') return { open: true, waiting: 'staff', step: '待审核', due: { date: str(r.dueDate) || null } }
      if (s === 'needs_info') return { open: true, waiting: 'worker', step: '等职工补材料' }
      return { ...CLOSED, step: s === 'approved' ? '已入会' : s === 'rejected' ? '没有通过' : '已撤回' }
    case 'membershipTransfer':
      if (s === 'requested') return { open: true, waiting: 'staff', step: '待接收', due: { days: ctx.sla.membershipTransfer } }
      return { ...CLOSED, step: s === 'accepted' ? '已接收' : s === 'rejected' ? '没有接收' : '已撤回' }
    case 'aidClaim':
      if (s === 'submitted') return { open: true, waiting: 'staff', step: '待基层审核', due: { days: ctx.sla.aidClaimCheck } }
      if (s === 'grassroots_checked') return { open: true, waiting: 'staff', step: '待总工会审批', federation: true, due: { days: ctx.sla.aidClaimApprove } }
      if (s === 'approved') return { open: true, waiting: 'staff', step: '待打款', federation: true, due: { days: ctx.sla.aidClaimPay } }
      if (s === 'needs_docs') return { open: true, waiting: 'worker', step: '等职工补材料' }
      return { ...CLOSED, step: s === 'paid' ? '已打款' : s === 'rejected' ? '没有通过' : '已撤回' }
    case 'legalAidCase': {
      const rules = r.rules as Pick<LegalAidRules, 'reviewWorkingDays' | 'assignWorkingDays'> | undefined
      if (s === 'submitted' || s === 'under_review') {
        const clock = rules ? reviewDeadline(toDate(r.reviewStart ?? r.createdAt), (r.history ?? []).map((h) => ({ at: h.at, to: h.to })), ctx.cal, rules, ctx.now) : null
        return { open: true, waiting: 'staff', step: s === 'submitted' ? '待审查' : '审查中', due: { date: clock?.dueDate ?? null } }
      }
      if (s === 'needs_info') return { open: true, waiting: 'worker', step: '等职工补材料' }
      if (s === 'accepted' && !r.helper) {
        const clock = rules && r.assignStart ? assignDeadline(toDate(r.assignStart), null, ctx.cal, rules, ctx.now) : null
        return { open: true, waiting: 'staff', step: '待指派律师', due: { date: clock?.dueDate ?? null } }
      }
      if (s === 'accepted' || s === 'in_progress') return { open: true, waiting: 'helper', step: '援助中' }
      return { ...CLOSED, step: s === 'closed' ? '已结案' : s === 'declined' ? '不予援助' : '已撤回' }
    }
    case 'stationReport':
      if (s === 'submitted') return { open: true, waiting: 'staff', step: '待处理', due: { days: ctx.sla.stationReport } }
      if (s === 'in_progress') return { open: true, waiting: 'staff', step: '修理中', due: { date: null } }
      return { ...CLOSED, step: s === 'resolved' ? '已修好' : '没有受理' }
    case 'stationSuggestion':
      if (s === 'submitted') return { open: true, waiting: 'staff', step: '待答复', due: { days: ctx.sla.stationSuggestion } }
      return { ...CLOSED, step: s === 'accepted' ? '已采纳' : '没有采纳' }
  }
}

function summaryOf(type: WorkType, r: RequestLike, labels: SummaryLabels): string {
  switch (type) {
    case 'membershipApplication':
    case 'membershipTransfer':
      return str(r.employerName)
    case 'legalAidCase': {
      const facts = r.ruleFacts as { disputeType?: string } | undefined
      const employer = (r.employer as { name?: string } | undefined)?.name ?? ''
      return [labels.dispute(facts?.disputeType ?? ''), employer].filter(Boolean).join(' · ')
    }
    case 'aidClaim':
      return str(r.planName)
    case 'stationReport':
      return [str(r.stationName), labels.problem(str(r.problem))].filter(Boolean).join(' · ')
    case 'stationSuggestion':
      return str(r.address)
  }
}

/** Area words the projection shows (passed in so this module stays free of every area's constants). */
export interface SummaryLabels {
  dispute(code: string): string
  problem(code: string): string
}

export const shortNumber = (requestId: string): string => requestId.slice(-6).toUpperCase()

/**
 * The work item of a request after a change. `prev` is the item before the change (or null): the first
 * decision and the escalation are kept from it; an item that leaves a staff step in time clears its
 * escalation, one that reaches a decision records whether the deadline held.
 */
export function projectWorkItem(type: WorkType, r: RequestLike, prev: WorkItemData | null, ctx: ProjectionContext, labels: SummaryLabels): WorkItemData {
  const step = stepOf(type, r, ctx)
  const since = stepStart(r)
  let dueDate: string | null = null
  if (step.due && 'days' in step.due) dueDate = deadlineAfter(ctx.cal, since, step.due.days).dueDate
  else if (step.due) dueDate = step.due.date
  const root = r.orgPath[0] ?? r.orgId
  const actOrgId = step.federation ? root : r.orgId
  const actPath = step.federation ? [root] : r.orgPath
  const firstDecision = prev?.decidedAt == null && DECISION_STATES[type].includes(r.state)
  // Without an earlier item (a rebuild), the decision happened when the history says, not now.
  const decidedWhen = firstDecision ? (prev === null ? decisionInHistory(type, r) : null) ?? ctx.now : null
  const decidedAt = firstDecision ? decidedWhen : (prev?.decidedAt ?? null)
  // Decided in time when decided on or before the deadline in force just before (none known = in time).
  const decidedInTime = firstDecision ? prev?.dueDate == null || shanghaiDate(decidedWhen as Date) <= prev.dueDate : (prev?.decidedInTime ?? null)
  // A new staff step starts a new clock: the escalation of the old step ends with it.
  const sameStep = prev !== null && prev.state === r.state && prev.actOrgId === actOrgId && prev.dueDate === dueDate
  const escalated = step.open && step.waiting === 'staff' && sameStep ? prev.escalated : false
  const applicant = applicantOf(r)
  const summary = summaryOf(type, r, labels)
  return {
    type,
    requestId: r._id,
    ownerOpenid: str(r.ownerOpenid),
    open: step.open,
    waiting: step.waiting,
    state: r.state,
    step: step.step,
    orgId: r.orgId,
    orgPath: r.orgPath,
    actOrgId,
    actPath,
    applicant,
    summary,
    createdAt: toDate(r.createdAt),
    since,
    dueDate,
    dueKey: dueDate ?? NO_DUE,
    search: [shortNumber(r._id), WORK_TYPE_LABELS[type], applicant ?? '', summary].join(' ').toLowerCase(),
    decidedAt,
    decidedOrgId: firstDecision ? r.orgId : (prev?.decidedOrgId ?? null),
    decidedInTime,
    escalated,
    escalatedAt: escalated ? (prev?.escalatedAt ?? null) : null,
    escalatedTo: escalated ? (prev?.escalatedTo ?? null) : null,
  }
}

export const NO_DUE = '9999-12-31'

/** The first time the history shows the request reaching a decision state. */
function decisionInHistory(type: WorkType, r: RequestLike): Date | null {
  const hit = (r.history ?? []).find((h) => DECISION_STATES[type].includes(h.to))
  return hit ? toDate(hit.at) : null
}

export const workItemId = (type: WorkType, requestId: string): string => `${type}:${requestId}`

// ---------------------------------------------------------------------------------------------------
// Deadlines as staff see them, and escalation

export type DueFlag = 'overdue' | 'due_soon' | 'on_time' | 'none'

/** Overdue: past the last day. Due soon: `dueSoonDays` working days or fewer left (today included). */
export function dueFlag(item: Pick<WorkItemData, 'dueDate' | 'waiting' | 'open'>, cal: WorkCalendar, sla: Pick<SlaTable, 'dueSoonDays'>, now: Date): DueFlag {
  if (!item.open || item.waiting !== 'staff' || !item.dueDate) return 'none'
  const today = shanghaiDate(now)
  if (today > item.dueDate) return 'overdue'
  return cal.workingDaysBetween(today, item.dueDate) <= sla.dueSoonDays ? 'due_soon' : 'on_time'
}

/** The last day that still counts as "due soon" seen on `now` (for a range query on dueKey). */
export function dueSoonLimit(cal: WorkCalendar, sla: Pick<SlaTable, 'dueSoonDays'>, now: Date): string {
  return cal.addWorkingDays(shanghaiDate(now), sla.dueSoonDays)
}

/** Yesterday in Shanghai: items whose dueDate is on or before it are overdue today. */
export const overdueLimit = (now: Date): string => addDays(shanghaiDate(now), -1)

/**
 * Whether the escalation sweep moves an item up: a staff step past its last day, held below the
 * federation and not yet escalated. The federation is the root of the org tree.
 */
export function shouldEscalate(item: Pick<WorkItemData, 'open' | 'waiting' | 'dueDate' | 'escalated' | 'actOrgId' | 'actPath'>, now: Date): boolean {
  if (!item.open || item.waiting !== 'staff' || item.escalated || !item.dueDate) return false
  if (item.actPath.length <= 1) return false
  return shanghaiDate(now) > item.dueDate
}

/** Queue order: the earliest last day first (overdue and escalated items are the earliest), then the oldest. */
export function compareQueue(a: Pick<WorkItemData, 'dueKey' | 'createdAt'> & { requestId: string }, b: Pick<WorkItemData, 'dueKey' | 'createdAt'> & { requestId: string }): number {
  if (a.dueKey !== b.dueKey) return a.dueKey < b.dueKey ? -1 : 1
  const t = toDate(a.createdAt).getTime() - toDate(b.createdAt).getTime()
  if (t !== 0) return t
  return a.requestId < b.requestId ? -1 : a.requestId > b.requestId ? 1 : 0
}
