/**
 * 我的办理 (issue 9): every request of the signed-in worker in one list — from the work items every area
 * rewrites in the transaction of each change (../_lib/projections.ts) — with what to do next, the
 * union's deadline and how it ended, in plain words; and one request's history. Reads only; someone
 * else's request is an audited refusal.
 */
import { defineFunction, type Caller } from '../_lib/handler'
import { database, getDocs } from '../_lib/cloud'
import { findOrgsByIds, type OrgRecord } from '../_lib/orgs.repo'
import { loadWorkCalendar, projectionContext, REQUEST_COLLECTIONS, WORK_ITEMS, workItemOf } from '../_lib/projections'
import { ownRequest, type Query, type ReportRecord, type SuggestionRecord } from '../_lib/stations.requests'
import type { HistoryEntry } from '../_lib/requests'
import type { ApplicationRecord, TransferRecord } from '../_lib/membership.repo'
import type { ClaimRecord } from '../_lib/mutual-aid.repo'
import { findDraft, loadLegalRules, type LegalCaseRecord } from '../_lib/legal-aid.repo'
import { applicationView, orgIdsOf, transferView } from '../_lib/membership.views'
import { caseTimeline, orgIdsOfCase } from '../_lib/legal-aid.views'
import { claimTimeline } from '../_lib/mutual-aid.views'
import { ok } from '../../src/domain/envelope'
import { dateLabel, deadlineText, type WorkCalendar } from '../../src/domain/calendar/working-days'
import { maskNumbersIn } from '../../src/domain/privacy/mask'
import { shortNumber, WORK_TYPE_LABELS, workItemId, type WorkItemData, type WorkType } from '../../src/domain/workspace/work-item'
import { INFO_ITEM_LABELS as MEMBER_INFO_LABELS, REJECT_REASONS, TRANSFER_REJECT_REASONS } from '../../src/domain/membership/membership.constants'
import { DECLINE_REASONS, DISPUTE_TYPE_LABELS, FINAL_CASE_STATES, INFO_ITEM_LABELS as LEGAL_INFO_LABELS, OUTCOME_KIND_LABELS } from '../../src/domain/legal-aid/legal-aid.constants'
import { limitationDate, type LegalAidRules } from '../../src/domain/legal-aid/legal-aid.rules'
import { CLAIM_REJECT_REASONS, DOC_KIND_LABELS } from '../../src/domain/mutual-aid/mutual-aid.constants'
import { yuan } from '../../src/domain/mutual-aid/mutual-aid.rules'
import { PROBLEMS, REPORT_REJECT_REASONS, SUGGESTION_ACCEPT_REASONS, SUGGESTION_DECLINE_REASONS } from '../../src/domain/stations/station.constants'
import {
  DRAFT_PAGES,
  myRequestsEvent,
  REQUEST_PAGES,
  type ListReply,
  type MyRequestRow,
  type OutcomeView,
  type RequestGroup,
  type TimelineReply,
  type TimelineStep,
  type TodoView,
} from '../../src/domain/requests/my-requests.api'

const FN = 'myRequests'
const PAGE_SIZE = 20
/** More requests than this waiting for one worker at once does not happen; the list still shows them all. */
const TODO_MAX = 50

type StoredItem = WorkItemData & { _id: string; updatedAt?: Date }
/** Any area's request record, as read (each area's record has these and more). */
type AnyRecord = { _id: string; ownerOpenid: string; state: string; orgId: string; createdAt: Date; updatedAt: Date; history?: HistoryEntry[] } & Record<string, unknown>

const COLLECTION_OF = Object.fromEntries(Object.entries(REQUEST_COLLECTIONS).map(([collection, type]) => [type, collection])) as Record<WorkType, string>

const iso = (d: Date | string) => new Date(d).toISOString()
const masked = (text: string | null | undefined): string | null => (text ? maskNumbersIn(text) : null)
const labelIn = <T extends { code: string; label: string }>(list: readonly T[], code: unknown): string | null => list.find((x) => x.code === code)?.label ?? null
const PROBLEM_LABELS = Object.fromEntries(PROBLEMS.map((p) => [p.code, p.label])) as Record<string, string>

/** What a row needs besides the item and its record. */
interface RowContext {
  orgs: Map<string, OrgRecord>
  cal: WorkCalendar
  /** Read only when a legal case is among the rows (the limitation reminder). */
  legalRules: LegalAidRules | null
  now: Date
}

const orgName = (c: RowContext, id: string | null | undefined) => (id ? (c.orgs.get(id)?.name ?? '工会') : '工会')

// ---------------------------------------------------------------------------------------------------
// Reading

const ownItems = (where: Record<string, unknown>, offset: number, limit: number) =>
  getDocs<StoredItem>((database().collection(WORK_ITEMS) as unknown as Query).where(where).orderBy('updatedAt', 'desc').orderBy('_id', 'desc').skip(offset).limit(limit))

/** The records behind the items, by work item id (only the caller's own). */
async function recordsOf(items: StoredItem[], openid: string): Promise<Map<string, AnyRecord>> {
  const out = new Map<string, AnyRecord>()
  const byType = new Map<WorkType, string[]>()
  for (const i of items) byType.set(i.type, [...(byType.get(i.type) ?? []), i.requestId])
  const cmd = database().command
  await Promise.all(
    [...byType].map(async ([type, ids]) => {
      const unique = [...new Set(ids)]
      for (let at = 0; at < unique.length; at += 100) {
        const docs = await getDocs<AnyRecord>(database().collection(COLLECTION_OF[type]).where({ _id: cmd.in(unique.slice(at, at + 100)) }).limit(100))
        for (const d of docs) if (d.ownerOpenid === openid) out.set(workItemId(type, d._id), d)
      }
    }),
  )
  return out
}

async function rowContext(items: StoredItem[], records: Map<string, AnyRecord>, now: Date, extraOrgIds: string[] = []): Promise<RowContext> {
  const legal = items.some((i) => i.type === 'legalAidCase')
  const orgIds = [...items.map((i) => i.orgId), ...[...records.values()].flatMap((r) => [r.orgId, r.fromOrgId as string | undefined]), ...extraOrgIds].filter((x): x is string => !!x)
  const [orgs, cal, legalRules] = await Promise.all([findOrgsByIds(orgIds), loadWorkCalendar(), legal ? loadLegalRules() : Promise.resolve(null)])
  return { orgs, cal, legalRules, now }
}

// ---------------------------------------------------------------------------------------------------
// A row in the worker's words

/** Where the request is, as the worker would say it. */
function stepWords(item: StoredItem, r: AnyRecord | null): string {
  const s = item.state
  switch (item.type) {
    case 'membershipApplication':
      return ({ submitted: '工会在审核', needs_info: '等你补充材料', approved: '已入会', rejected: '没有通过', withdrawn: '你撤回了' } as Record<string, string>)[s] ?? item.step
    case 'membershipTransfer':
      return ({ requested: '等新工会接收', accepted: '已转过去了', rejected: '新工会没有接收', withdrawn: '你撤回了' } as Record<string, string>)[s] ?? item.step
    case 'legalAidCase':
      if (s === 'accepted' && !r?.helper) return '工会受理了，正在安排律师'
      return (
        ({ submitted: '等工会审核', under_review: '工会在审核', needs_info: '等你补充材料', accepted: '有人在帮你办', in_progress: '有人在帮你办', closed: '办完了', declined: '工会没有受理', withdrawn: '你撤回了' } as Record<string, string>)[s] ??
        item.step
      )
    case 'aidClaim':
      return (
        ({ submitted: '单位工会在核对材料', grassroots_checked: '总工会在审批', needs_docs: '等你补充材料', approved: '批准了，等打款', paid: '钱打过去了', rejected: '没有通过', withdrawn: '你撤回了' } as Record<string, string>)[s] ??
        item.step
      )
    case 'stationReport':
      return ({ submitted: '等工作人员来看', in_progress: '正在修', resolved: '修好了', rejected: '不需要修' } as Record<string, string>)[s] ?? item.step
    case 'stationSuggestion':
      return ({ submitted: '等总工会答复', accepted: '采纳了', declined: '暂不采纳' } as Record<string, string>)[s] ?? item.step
  }
}

/** Who must act now and what they do, for the deadline line. */
function actWords(item: StoredItem): { who: string; what: string } {
  switch (item.type) {
    case 'membershipApplication':
      return { who: '工会', what: '答复' }
    case 'membershipTransfer':
      return { who: '新工会', what: '答复' }
    case 'legalAidCase':
      return item.state === 'accepted' ? { who: '工会', what: '给你安排律师' } : { who: '工会', what: '告诉你受不受理' }
    case 'aidClaim':
      return item.state === 'grassroots_checked' ? { who: '总工会', what: '审批' } : item.state === 'approved' ? { who: '总工会', what: '打款' } : { who: '单位工会', what: '核对完材料' }
    case 'stationReport':
      return { who: '工作人员', what: '来处理' }
    case 'stationSuggestion':
      return { who: '总工会', what: '答复' }
  }
}

function due(item: StoredItem, c: RowContext): { dueText: string | null; overdue: boolean } {
  if (!item.open || item.waiting !== 'staff' || !item.dueDate) return { dueText: null, overdue: false }
  const day = dateLabel(item.dueDate, c.now)
  const { who, what } = actWords(item)
  if (deadlineText(c.cal, item.dueDate, c.now).overdue) return { dueText: `${who}本该在 ${day} 前${what}，已经过了期限。可以打 12351 问一问。`, overdue: true }
  return { dueText: `${who}在 ${day} 前${what}`, overdue: false }
}

function asked(labels: string[], note: unknown, deadline: string | null): TodoView {
  return {
    text: labels.length ? `请补充：${labels.join('、')}` : '请按工会说的补充材料',
    items: labels,
    note: masked(typeof note === 'string' ? note : null),
    deadline,
    action: '去补充材料',
  }
}

function todoOf(item: StoredItem, r: AnyRecord | null, c: RowContext): TodoView | null {
  if (!item.open || item.waiting !== 'worker' || !r) return null
  switch (item.type) {
    case 'membershipApplication':
      return asked(((r.askedItems as string[] | undefined) ?? []).map((code) => (MEMBER_INFO_LABELS as Record<string, string>)[code] ?? code), r.askNote, null)
    case 'legalAidCase':
      return asked(((r.askedItems as string[] | undefined) ?? []).map((code) => (LEGAL_INFO_LABELS as Record<string, string>)[code] ?? code), r.askNote, null)
    case 'aidClaim': {
      const last = typeof r.windowLastDay === 'string' ? r.windowLastDay : null
      return asked(
        ((r.askedDocuments as string[] | undefined) ?? []).map((code) => (DOC_KIND_LABELS as Record<string, string>)[code] ?? code),
        r.askNote,
        last ? `这个申请的期限到 ${dateLabel(last, c.now)}，请在这之前交上来` : null,
      )
    }
    default:
      return null
  }
}

/** The last day to apply for labour arbitration, while a legal case runs and that day is near or passed. */
function reminderOf(item: StoredItem, r: AnyRecord | null, c: RowContext): string | null {
  if (item.type !== 'legalAidCase' || !r || !c.legalRules || FINAL_CASE_STATES.includes(item.state as never)) return null
  const l = limitationDate((r as unknown as LegalCaseRecord).ruleFacts, c.now, c.legalRules)
  if (!l.lastDay) return null
  const day = dateLabel(l.lastDay, c.now)
  if (l.status === 'passed') return `申请劳动仲裁的期限（${day}）可能已经过了，请快打 12351 问一问`
  if (l.status === 'near' || l.status === 'urgent') return `申请劳动仲裁的最后一天是 ${day}，别错过`
  return null
}

const good = (text: string): OutcomeView => ({ text, tone: 'good' })
const bad = (text: string): OutcomeView => ({ text, tone: 'bad' })
const plain = (text: string): OutcomeView => ({ text, tone: 'plain' })
const withReason = (head: string, reason: string | null) => (reason ? `${head}：${reason}` : head)

function outcomeOf(item: StoredItem, r: AnyRecord | null, c: RowContext): OutcomeView | null {
  const s = item.state
  if (s === 'withdrawn') return plain('你撤回了')
  if (!r) return null
  switch (item.type) {
    case 'membershipApplication':
      if (s === 'approved') return good('已入会，会员证发给你了')
      if (s === 'rejected') return bad(withReason('没有通过', labelIn(REJECT_REASONS, r.rejectReason)))
      return null
    case 'membershipTransfer':
      if (s === 'accepted') return good(`已转到「${orgName(c, r.orgId)}」`)
      if (s === 'rejected') return bad(withReason('没有接收', labelIn(TRANSFER_REJECT_REASONS, r.rejectReason)))
      return null
    case 'legalAidCase': {
      const k = r as unknown as LegalCaseRecord
      if (s === 'closed' && k.outcome) {
        const kind = OUTCOME_KIND_LABELS[k.outcome.kind]
        return k.outcome.recoveredFen > 0 ? good(`办完了（${kind}），帮你追回 ${yuan(k.outcome.recoveredFen)}`) : plain(`办完了（${kind}）`)
      }
      if (s === 'closed') return plain('办完了')
      if (s === 'declined') return bad(withReason('没有受理', labelIn(DECLINE_REASONS, k.decline?.reason)))
      return null
    }
    case 'aidClaim': {
      const k = r as unknown as ClaimRecord
      if (s === 'paid' && k.paidFen !== null) return good(`已打款 ${yuan(k.paidFen)}，钱打到尾号 ${k.bankCardTail} 的银行卡`)
      if (s === 'approved' && k.approvedFen !== null) return good(`批准补助 ${yuan(k.approvedFen)}，等总工会打款`)
      if (s === 'rejected') return bad(withReason('没有通过', labelIn(CLAIM_REJECT_REASONS, k.rejectReason)))
      return null
    }
    case 'stationReport': {
      const k = r as unknown as ReportRecord
      if (s === 'resolved') return good('修好了')
      if (s === 'rejected') return plain(withReason('不需要维修', k.replyReason ? ((REPORT_REJECT_REASONS as Record<string, string>)[k.replyReason] ?? null) : null))
      return null
    }
    case 'stationSuggestion': {
      const k = r as unknown as SuggestionRecord
      if (s === 'accepted') return good(withReason('采纳了你的建议', k.replyReason ? ((SUGGESTION_ACCEPT_REASONS as Record<string, string>)[k.replyReason] ?? null) : null))
      if (s === 'declined') return plain(withReason('暂不采纳', k.replyReason ? ((SUGGESTION_DECLINE_REASONS as Record<string, string>)[k.replyReason] ?? null) : null))
      return null
    }
  }
}

const groupOf = (item: StoredItem): RequestGroup => (!item.open ? 'done' : item.waiting === 'worker' ? 'todo' : 'open')

const linkOf = (type: WorkType, id: string): string =>
  type === 'membershipApplication' || type === 'membershipTransfer' ? REQUEST_PAGES[type] : `${REQUEST_PAGES[type]}?id=${encodeURIComponent(id)}`

function rowOf(item: StoredItem, r: AnyRecord | null, c: RowContext): MyRequestRow {
  return {
    key: workItemId(item.type, item.requestId),
    type: item.type,
    typeLabel: WORK_TYPE_LABELS[item.type],
    id: item.requestId,
    number: shortNumber(item.requestId),
    summary: maskNumbersIn(item.summary),
    step: stepWords(item, r),
    group: groupOf(item),
    orgName: orgName(c, item.orgId),
    ...due(item, c),
    todo: todoOf(item, r, c),
    reminder: reminderOf(item, r, c),
    outcome: outcomeOf(item, r, c),
    submittedAt: iso(item.createdAt),
    updatedAt: iso(item.updatedAt ?? item.since),
    link: linkOf(item.type, item.requestId),
  }
}

// ---------------------------------------------------------------------------------------------------
// Timelines

function stationTimeline(type: 'stationReport' | 'stationSuggestion', r: AnyRecord, c: RowContext): TimelineStep[] {
  const first: TimelineStep =
    type === 'stationReport'
      ? { at: iso(r.createdAt), label: `报修：${PROBLEM_LABELS[String(r.problem)] ?? '驿站的东西坏了'}`, who: '你', note: masked(r.text as string | null) }
      : { at: iso(r.createdAt), label: '推荐了一个建驿站的地方', who: '你', note: null }
  const history = r.history ?? []
  const reason = (code: unknown, table: Record<string, string>) => (typeof code === 'string' ? (table[code] ?? null) : null)
  const steps = history.map((h, i): TimelineStep => {
    const last = i === history.length - 1
    let label: string
    if (type === 'stationReport') {
      label = h.to === 'in_progress' ? '工作人员开始修了' : h.to === 'resolved' ? '修好了' : withReason('不需要维修', reason(h.reason ?? r.replyReason, REPORT_REJECT_REASONS))
    } else {
      label = h.to === 'accepted' ? withReason('采纳了你的建议', reason(h.reason ?? r.replyReason, SUGGESTION_ACCEPT_REASONS)) : withReason('暂不采纳', reason(h.reason ?? r.replyReason, SUGGESTION_DECLINE_REASONS))
    }
    return { at: iso(h.at), label, who: h.actor === 'owner' ? '你' : orgName(c, h.orgId), note: last ? masked(r.replyNote as string | null) : null }
  })
  return [first, ...steps]
}

function timelineOf(type: WorkType, r: AnyRecord, c: RowContext): TimelineStep[] {
  const view = { orgs: c.orgs, cal: c.cal, now: c.now }
  let steps: TimelineStep[]
  switch (type) {
    case 'membershipApplication':
      steps = applicationView(r as unknown as ApplicationRecord, view, []).history
      break
    case 'membershipTransfer':
      steps = transferView(r as unknown as TransferRecord, view).history
      break
    case 'legalAidCase':
      steps = caseTimeline(r as unknown as LegalCaseRecord, { ...view, rules: c.legalRules ?? (r.rules as LegalAidRules) }, '你')
      break
    case 'aidClaim':
      steps = claimTimeline(r as unknown as ClaimRecord, { orgs: c.orgs, now: c.now }, '你')
      break
    case 'stationReport':
    case 'stationSuggestion':
      steps = stationTimeline(type, r, c)
      break
  }
  return steps.map((s) => ({ at: s.at, label: s.label, who: s.who, note: masked(s.note) }))
}

/** Every org a record's timeline names (for one read of org names). */
function timelineOrgIds(type: WorkType, r: AnyRecord): string[] {
  const ids =
    type === 'membershipApplication' || type === 'membershipTransfer'
      ? orgIdsOf(r as never)
      : type === 'legalAidCase'
        ? orgIdsOfCase(r as never)
        : [r.orgId, ...(r.history ?? []).map((h) => h.orgId)]
  return ids.filter((x): x is string => typeof x === 'string' && x !== '')
}

// ---------------------------------------------------------------------------------------------------

async function serverDraft(caller: Caller): Promise<ListReply['draft']> {
  const d = await findDraft(caller.openid)
  if (!d) return null
  const code = d.draft?.disputeType
  return { kind: 'legalAidCase', savedAt: iso(d.savedAt), what: code ? (DISPUTE_TYPE_LABELS[code] ?? null) : null, link: DRAFT_PAGES.legalAidCase }
}

export const main = defineFunction({
  name: FN,
  event: myRequestsEvent,
  actions: {
    list: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        const size = input.pageSize ?? PAGE_SIZE
        const offset = input.cursor ?? 0
        const first = offset === 0
        const [docs, waiting, draft] = await Promise.all([
          ownItems({ ownerOpenid: caller.openid }, offset, size + 1),
          first ? ownItems({ ownerOpenid: caller.openid, open: true, waiting: 'worker' }, 0, TODO_MAX) : Promise.resolve([]),
          first ? serverDraft(caller) : Promise.resolve(null),
        ])
        const page = docs.slice(0, size)
        const all = [...page, ...waiting]
        const records = await recordsOf(all, caller.openid)
        const c = await rowContext(all, records, now)
        const row = (i: StoredItem) => rowOf(i, records.get(i._id) ?? null, c)
        return ok<ListReply>({ items: page.map(row), nextCursor: docs.length > size ? offset + size : null, todo: waiting.map(row), draft })
      },
    },

    timeline: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        const own = await ownRequest<AnyRecord>(caller, COLLECTION_OF[input.type], input.type, input.id)
        if (!own.ok) return own
        const r = own.data
        const [stored] = await getDocs<StoredItem>(database().collection(WORK_ITEMS).where({ _id: workItemId(input.type, r._id) }).limit(1))
        // a request from before the work items: its item as the areas would write it
        const item: StoredItem = stored ?? { ...workItemOf(input.type, r as never, null, await projectionContext(now)), _id: workItemId(input.type, r._id), updatedAt: new Date(r.updatedAt) }
        const c = await rowContext([item], new Map([[item._id, r]]), now, timelineOrgIds(input.type, r))
        return ok<TimelineReply>({ item: rowOf(item, r, c), steps: timelineOf(input.type, r, c) })
      },
    },
  },
})
