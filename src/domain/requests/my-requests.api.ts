/**
 * The contract of the `myRequests` cloud function (我的办理, issue 9): every request of the signed-in
 * worker in one list — 入会, 会籍接转, 法律援助, 互助保障, 驿站报修, 驿站建议 — read from the work items the
 * areas keep (work-item.ts), and one request's history in plain words. Events are zod (shared by the page
 * and the function); replies are plain types. Pages in the main package import types only from here.
 */
import * as z from '../zod'
import { WORK_TYPES, type WorkType } from '../workspace/work-item'

const cursor = z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(1_000_000)))
const pageSize = z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(50)))
const requestId = z.string('缺少申请编号').check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, '申请编号不对，请刷新后再试'))

export const myRequestsEvent = z.discriminatedUnion('action', [
  /** The caller's own requests, newest activity first; the first page also carries 要你做的事 and the draft. */
  z.object({ action: z.literal('list'), cursor, pageSize }),
  /** One of the caller's own requests: where it is and what happened, oldest first. */
  z.object({ action: z.literal('timeline'), type: z.enum(WORK_TYPES, { error: '不知道是哪一类申请，请刷新后再试' }), id: requestId }),
])
export type MyRequestsEvent = z.input<typeof myRequestsEvent>

/** Where a request sits on 我的办理: waiting for the worker, being handled, finished. */
export type RequestGroup = 'todo' | 'open' | 'done'

/** The worker's own pages of each kind of request (the link of a row; `?id=` added where the page takes one). */
export const REQUEST_PAGES: Record<WorkType, string> = {
  membershipApplication: '/subpackages/join/pages/status/index',
  membershipTransfer: '/subpackages/join/pages/transfer/index',
  legalAidCase: '/subpackages/legal/pages/case/index',
  aidClaim: '/subpackages/aid/pages/claim/index',
  stationReport: '/subpackages/stations/pages/reports/index',
  stationSuggestion: '/subpackages/stations/pages/suggestions/index',
}

/** Where each kind of draft is finished (the wizards pick their draft up themselves). */
export const DRAFT_PAGES = {
  membershipApplication: '/subpackages/join/pages/apply/index',
  aidClaim: '/subpackages/aid/pages/apply/index',
  legalAidCase: '/subpackages/legal/pages/apply/index',
} as const
export type DraftKind = keyof typeof DRAFT_PAGES

/** What the worker has to do now (only while the request waits for them). */
export interface TodoView {
  /** One plain line, e.g. 请补充：出院小结（出院记录）、住院收费票据（发票）. */
  text: string
  /** The asked items in words, one per line on the page. */
  items: string[]
  /** What the union wrote when it asked (numbers masked), or null. */
  note: string | null
  /** A last day that matters, in words (a claim's window), or null. */
  deadline: string | null
  /** The button that opens the area's page to do it. */
  action: string
}

/** How it ended (or the decision so far: an approved claim waiting to be paid). */
export interface OutcomeView {
  text: string
  tone: 'good' | 'bad' | 'plain'
}

export interface MyRequestRow {
  /** `${type}:${id}`: unique across the kinds. */
  key: string
  type: WorkType
  /** 入会, 法律援助, 互助保障 … */
  typeLabel: string
  id: string
  /** The last 6 characters, to read out on the phone to the union. */
  number: string
  /** What it is about: the employer, the plan, the station and what broke … */
  summary: string
  /** Where it is, in the worker's words: 工会在审核, 等你补充材料, 钱打过去了 … */
  step: string
  group: RequestGroup
  /** The union that holds it now. */
  orgName: string
  /** When the union must act, e.g. 工会在 11月30日 前答复; null when no clock runs for the union. */
  dueText: string | null
  /** The union's last day has passed. */
  overdue: boolean
  todo: TodoView | null
  /** A date to keep in mind while it runs (the legal limitation), or null. */
  reminder: string | null
  outcome: OutcomeView | null
  /** ISO times: handed in, and the last change. */
  submittedAt: string
  updatedAt: string
  /** The area's own page for this request. */
  link: string
}

/** The 法律援助 form saved on the server and not sent yet (what it is about only: no content). */
export interface ServerDraftView {
  kind: 'legalAidCase'
  /** ISO time of the last save. */
  savedAt: string
  /** 被拖欠工资 …, or null when no kind of dispute was picked yet. */
  what: string | null
  link: string
}

export interface ListReply {
  items: MyRequestRow[]
  nextCursor: number | null
  /** First page only: every request waiting for the worker (else empty). */
  todo: MyRequestRow[]
  /** First page only: the server's 法律援助 draft, or null. */
  draft: ServerDraftView | null
}

/** One thing that happened (the shape of components/Timeline's entries). */
export interface TimelineStep {
  at: string
  label: string
  /** 你, or the union's name. */
  who: string
  note: string | null
}

export interface TimelineReply {
  item: MyRequestRow
  steps: TimelineStep[]
}
