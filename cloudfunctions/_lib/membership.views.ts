import type { OrgRecord } from './orgs.repo'
import type { HistoryEntry } from './requests'
import type { ApplicationRecord, MembershipRecord, StepInfo, TransferRecord, WorkRecord } from './membership.repo'
import { dateLabel, deadlineText, shanghaiDateParts, type WorkCalendar } from '../../src/domain/calendar/working-days'
import { ageOn } from '../../src/domain/identity/idcard'
import { maskPhone } from '../../src/domain/privacy/mask'
import { ORG_KIND_LABELS } from '../../src/domain/org/org'
import { routeExplanation } from '../../src/domain/membership/membership.rules'
import { applicationMachine, transferMachine } from '../../src/domain/membership/membership.machine'
import type { Actor } from '../../src/domain/requests/state-machine'
import {
  APPLICATION_STATE_LABELS,
  EMPLOYMENT_TYPE_LABELS,
  INCOME_SOURCES,
  INFO_ITEM_LABELS,
  PLATFORM_LABELS,
  REJECT_REASONS,
  REMOTE_UNIONS,
  TRANSFER_REASONS,
  TRANSFER_REJECT_REASONS,
  TRANSFER_STATE_LABELS,
  WORK_PLACES,
  type ApplicationDetail,
  type ApplicationFormView,
  type ApplicationRow,
  type ApplicationView,
  type MemberRow,
  type ProofPhoto,
  type RouteView,
  type TimelineStep,
  type TransferRow,
  type TransferView,
} from '../../src/domain/membership/membership.schema'

/** What every view needs besides the record: org names, the holiday calendar, the time of the reply. */
export interface ViewContext {
  orgs: Map<string, OrgRecord>
  cal: WorkCalendar
  now: Date
}

const iso = (d: Date | string) => new Date(d).toISOString()
const orgName = (c: ViewContext, id: string | null | undefined) => (id ? (c.orgs.get(id)?.name ?? '工会') : '工会')
/** Every org id a record's views name (for one read of org names). */
export const orgIdsOf = (r: { orgId: string; orgPath?: string[]; fromOrgId?: string; history?: Array<{ orgId: string | null }>; steps?: StepInfo[] }) => [
  r.orgId,
  ...(r.orgPath ?? []),
  r.fromOrgId,
  ...(r.history ?? []).map((h) => h.orgId),
  ...(r.steps ?? []).map((s) => s.toOrgId),
]

export function routeView(orgId: string, c: ViewContext, work: Pick<WorkRecord, 'routeReason' | 'employerName'>): RouteView {
  const name = orgName(c, orgId)
  return { orgId, orgName: name, reason: work.routeReason, why: routeExplanation(work.routeReason, name, work.employerName) }
}

const routeWhy = (a: ApplicationRecord, c: ViewContext) =>
  a.reassigned ? `工会把你的申请转给了「${orgName(c, a.orgId)}」办理。` : routeView(a.orgId, c, a).why

/** One step per transition (version n + 1 ↔ history[n - 1]), after the first step the record itself is. */
function steps(
  first: TimelineStep,
  history: HistoryEntry[] | undefined,
  info: StepInfo[] | undefined,
  c: ViewContext,
  label: (h: HistoryEntry, s: StepInfo | undefined) => string,
  owner: string,
): TimelineStep[] {
  const rest = (history ?? []).map((h, i) => {
    const s = (info ?? []).find((x) => x.version === i + 2)
    return { at: iso(h.at), label: label(h, s), who: h.actor === 'owner' ? owner : orgName(c, h.orgId), note: s?.note ?? null }
  })
  return [first, ...rest]
}

/** `owner` is how the worker is named: 你 on the worker's pages, 申请人 on staff pages. */
function applicationTimeline(a: ApplicationRecord, c: ViewContext, owner: string): TimelineStep[] {
  const you = owner === '你'
  return steps({ at: iso(a.createdAt), label: '交了申请', who: owner, note: null }, a.history, a.steps, c, (h, s) => {
    if (h.to === 'needs_info') return you ? '工会请你补充材料' : '请申请人补充材料'
    if (h.from === 'needs_info' && h.to === 'submitted') return `${owner}补充了材料`
    if (h.to === 'submitted') return `转给「${orgName(c, s?.toOrgId)}」办理`
    if (h.to === 'approved') return '批准入会'
    if (h.to === 'rejected') return '没有通过'
    return `${owner}撤回了申请`
  }, owner)
}

function transferTimeline(t: TransferRecord, c: ViewContext, owner: string): TimelineStep[] {
  const to = orgName(c, t.orgId)
  return steps({ at: iso(t.createdAt), label: `申请转到「${to}」`, who: owner, note: null }, t.history, t.steps, c, (h) => {
    if (h.to === 'accepted') return `「${to}」接收了，已转入`
    if (h.to === 'rejected') return `「${to}」没有接收`
    return '你撤回了转会申请'
  }, owner)
}

export function membershipTimeline(m: MembershipRecord, c: ViewContext): TimelineStep[] {
  return m.history.map((h) => ({
    at: iso(h.at),
    label: h.kind === 'joined' ? `加入「${orgName(c, h.orgId)}」` : `从「${orgName(c, h.fromOrgId)}」转到「${orgName(c, h.orgId)}」`,
    who: orgName(c, h.orgId),
    note: null,
  }))
}

/** Deadline words while the union has to answer (state submitted); waiting for the worker does not count. */
function due(a: ApplicationRecord, c: ViewContext): { dueText: string | null; overdue: boolean } {
  if (a.state !== 'submitted') return { dueText: null, overdue: false }
  const d = deadlineText(c.cal, a.dueDate, c.now)
  return { dueText: d.text, overdue: d.overdue }
}

const asked = (a: ApplicationRecord) => (a.askedItems ?? []).map((code) => ({ code, label: INFO_ITEM_LABELS[code] }))

function formView(a: ApplicationRecord): ApplicationFormView {
  return {
    name: a.name,
    maskedIdNumber: a.maskedId,
    maskedPhone: maskPhone(a.phone),
    incomeSource: a.incomeSource,
    employer: a.employer,
    employerName: a.employerName,
    employmentType: a.employmentType,
    ...(a.platform ? { platform: a.platform } : {}),
    occupation: a.occupation,
    workPlace: a.workPlace,
    ...(a.remoteUnion ? { remoteUnion: a.remoteUnion } : {}),
    ...(a.workCity ? { workCity: a.workCity } : {}),
  }
}

const head = (a: ApplicationRecord) => ({ id: a._id, state: a.state, stateLabel: APPLICATION_STATE_LABELS[a.state], version: a.version })

/** The applicant's own view. */
export function applicationView(a: ApplicationRecord, c: ViewContext, proofPhotos: ProofPhoto[]): ApplicationView {
  const reason = a.state === 'rejected' && a.rejectReason ? REJECT_REASONS.find((r) => r.code === a.rejectReason) : undefined
  const root = orgName(c, a.orgPath[0])
  return {
    ...head(a),
    orgId: a.orgId,
    orgName: orgName(c, a.orgId),
    routeWhy: routeWhy(a, c),
    submittedAt: iso(a.createdAt),
    dueDate: a.dueDate,
    dueLabel: dateLabel(a.dueDate, c.now),
    ...due(a, c),
    askedItems: a.state === 'needs_info' ? asked(a) : [],
    askNote: a.state === 'needs_info' ? a.askNote : null,
    rejection: reason
      ? { code: reason.code, label: reason.label, next: reason.next, appeal: `觉得不对，可以打 12351 职工服务热线，或者找「${root}」反映。`, note: a.rejectNote }
      : null,
    history: applicationTimeline(a, c, '你'),
    form: formView(a),
    proofPhotos,
    canWithdraw: a.state === 'submitted' || a.state === 'needs_info',
    canResubmit: a.state === 'needs_info',
  }
}

export function applicationRow(a: ApplicationRecord, c: ViewContext): ApplicationRow {
  return {
    ...head(a),
    name: a.name,
    employmentType: a.employmentType,
    employmentTypeLabel: EMPLOYMENT_TYPE_LABELS[a.employmentType],
    employerName: a.employerName,
    orgId: a.orgId,
    orgName: orgName(c, a.orgId),
    submittedAt: iso(a.createdAt),
    dueDate: a.dueDate,
    ...due(a, c),
    migrant: a.migrant,
  }
}

const labelOf = <T extends { code: string; label: string }>(list: readonly T[], code: string | null) => (code ? (list.find((x) => x.code === code)?.label ?? null) : null)

/** What staff in scope see of one application: masked ID and phone, what they may do now. */
export function applicationDetail(
  a: ApplicationRecord,
  c: ViewContext,
  staff: Actor | null,
  proofPhotos: ProofPhoto[],
  allOrgs: OrgRecord[],
): ApplicationDetail {
  const [y, m, d] = a.birthDate.split('-').map(Number)
  const actions = staff ? applicationMachine.available(a.state, staff).filter((x): x is ApplicationDetail['actions'][number] => x !== 'resubmit' && x !== 'withdraw') : []
  return {
    ...applicationRow(a, c),
    maskedIdNumber: a.maskedId,
    maskedPhone: maskPhone(a.phone),
    age: ageOn({ year: y, month: m, day: d }, shanghaiDateParts(c.now)),
    sexLabel: a.sex === 'male' ? '男' : '女',
    incomeSourceLabel: labelOf(INCOME_SOURCES, a.incomeSource) ?? '',
    platformLabel: a.platform ? PLATFORM_LABELS[a.platform] : null,
    occupation: a.occupation,
    employerDistrict: a.employerDistrict,
    employerAddress: a.employerAddress,
    workPlaceLabel: labelOf(WORK_PLACES, a.workPlace) ?? '',
    remoteUnionLabel: labelOf(REMOTE_UNIONS, a.remoteUnion),
    workCity: a.workCity,
    routeWhy: routeWhy(a, c),
    askedItems: asked(a),
    askNote: a.askNote,
    history: applicationTimeline(a, c, '申请人'),
    proofPhotos,
    actions,
    reassignTargets: actions.includes('reassign')
      ? allOrgs.filter((o) => o._id !== a.orgId).map((o) => ({ id: o._id, name: o.name, kindLabel: ORG_KIND_LABELS[o.kind] ?? '' }))
      : [],
  }
}

export function transferView(t: TransferRecord, c: ViewContext, owner = '你'): TransferView {
  const reject = t.state === 'rejected' && t.rejectReason ? TRANSFER_REJECT_REASONS.find((r) => r.code === t.rejectReason) : undefined
  return {
    id: t._id,
    state: t.state,
    stateLabel: TRANSFER_STATE_LABELS[t.state],
    version: t.version,
    fromOrgName: orgName(c, t.fromOrgId),
    toOrgName: orgName(c, t.orgId),
    why: routeView(t.orgId, c, t).why,
    reasonLabel: labelOf(TRANSFER_REASONS, t.reason) ?? '',
    requestedAt: iso(t.createdAt),
    decidedAt: t.decidedAt ? iso(t.decidedAt) : null,
    rejection: reject ? { code: reject.code, label: reject.label, next: reject.next, note: t.rejectNote } : null,
    history: transferTimeline(t, c, owner),
    canWithdraw: t.state === 'requested',
  }
}

export function transferRow(t: TransferRecord, c: ViewContext, staff: Actor | null): TransferRow {
  return {
    ...transferView(t, c, '会员'),
    canWithdraw: false,
    name: t.name,
    memberNo: t.memberNo,
    maskedIdNumber: t.maskedId,
    toOrgId: t.orgId,
    actions: staff ? transferMachine.available(t.state, staff).filter((x): x is 'accept' | 'reject' => x !== 'withdraw') : [],
  }
}

export function memberRow(m: MembershipRecord, c: ViewContext): MemberRow {
  return {
    // the member number, not the record id (a blind index that stays on the server)
    id: m.memberNo,
    name: m.name,
    maskedIdNumber: m.maskedId,
    memberNo: m.memberNo,
    orgId: m.orgId,
    orgName: orgName(c, m.orgId),
    joinedDate: m.joinedDate,
    employmentTypeLabel: EMPLOYMENT_TYPE_LABELS[m.employmentType],
    migrant: m.migrant,
  }
}
