/**
 * The contract of the `workspace` cloud function (staff 工作台, 数据, 审计; issue 8): events (zod, shared by
 * pages and the function) and replies. The queue rows come from work-item.ts, the figures from
 * figures.rules.ts. See CONTRACT.md next to this file.
 */
import * as z from '../zod'
import { WORK_TYPES, type DueFlag, type Waiting, type WorkType } from './work-item'
import { FIGURE_RECORD_LISTS, type FigureRecordList, type YearFigures } from './figures.rules'

const orgId = z.string('缺少组织编号').check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, '组织编号不对，请刷新后再试'))
const cursor = z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(1_000_000)))
const pageSize = z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(50)))
const year = z.number('请选择年份').check(z.int('年份不对'), z.minimum(2000, '年份不对'), z.maximum(2100, '年份不对'))
const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期不对'))

/** Which part of the queue: 待我处理 (this org's turn + escalated to it), 全部下级, 上报给我, 等职工. */
export const QUEUE_VIEWS = ['mine', 'subtree', 'escalated', 'worker'] as const
export type QueueView = (typeof QUEUE_VIEWS)[number]
export const QUEUE_VIEW_LABELS: Record<QueueView, string> = { mine: '待我处理', subtree: '下级全部', escalated: '超期上报', worker: '等职工' }

export const QUEUE_FLAGS = ['overdue', 'due_soon'] as const
export type QueueFlag = (typeof QUEUE_FLAGS)[number]
export const QUEUE_FLAG_LABELS: Record<QueueFlag, string> = { overdue: '已超期', due_soon: '快到期' }

export const AUDIT_AREAS = ['membership', 'legalAid', 'aid', 'stations', 'staff', 'privacy', 'rules', 'auth', 'figures'] as const
export type AuditArea = (typeof AUDIT_AREAS)[number]

const SLA_FIELDS = {
  membershipTransfer: '会籍接转',
  aidClaimCheck: '互助理赔基层审核',
  aidClaimApprove: '互助理赔总工会审批',
  aidClaimPay: '互助理赔打款',
  stationReport: '驿站报修',
  stationSuggestion: '驿站建议答复',
  dueSoonDays: '提前提醒',
} as const
export const SLA_FIELD_LABELS: Record<keyof typeof SLA_FIELDS, string> = SLA_FIELDS

const days = (label: string, max = 60) =>
  z.number(`请填${label}的天数`).check(z.int(`${label}填整数`), z.minimum(1, `${label}最少 1 个工作日`), z.maximum(max, `${label}最多 ${max} 个工作日`))

export const slaInput = z.object({
  membershipTransfer: days('会籍接转'),
  aidClaimCheck: days('基层审核'),
  aidClaimApprove: days('总工会审批'),
  aidClaimPay: days('打款'),
  stationReport: days('驿站报修'),
  stationSuggestion: days('驿站建议'),
  dueSoonDays: days('提前提醒', 10),
})
export type SlaInput = z.output<typeof slaInput>

export const workspaceEvent = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('queue'),
    view: z.optional(z.enum(QUEUE_VIEWS)),
    type: z.optional(z.enum(WORK_TYPES)),
    flag: z.optional(z.enum(QUEUE_FLAGS)),
    q: z.optional(z.string().check(z.trim(), z.maxLength(30, '搜索最多 30 个字'))),
    cursor,
    pageSize,
  }),
  /** Counts for the home tile: waiting, overdue, due soon, escalated. */
  z.object({ action: z.literal('queueSummary') }),
  z.object({ action: z.literal('exportQueue'), view: z.optional(z.enum(QUEUE_VIEWS)), type: z.optional(z.enum(WORK_TYPES)), flag: z.optional(z.enum(QUEUE_FLAGS)) }),
  z.object({ action: z.literal('figures'), year, orgId: z.optional(orgId) }),
  z.object({ action: z.literal('figureRecords'), list: z.enum(FIGURE_RECORD_LISTS), year, orgId: z.optional(orgId), cursor, pageSize }),
  z.object({ action: z.literal('exportFigures'), year, orgId: z.optional(orgId) }),
  z.object({ action: z.literal('exportRecords'), list: z.enum(FIGURE_RECORD_LISTS), year, orgId: z.optional(orgId) }),
  z.object({ action: z.literal('reconcile') }),
  z.object({
    action: z.literal('audit'),
    area: z.optional(z.enum(AUDIT_AREAS)),
    /** Only views of full personal data (privacy.reveal and the areas' reveal actions). */
    revealsOnly: z.optional(z.boolean()),
    from: z.optional(isoDate),
    to: z.optional(isoDate),
    /** A record's number (last 6 characters) or id. */
    q: z.optional(z.string().check(z.trim(), z.maxLength(64))),
    cursor,
    pageSize,
  }),
  z.object({ action: z.literal('sla') }),
  z.object({ action: z.literal('saveSla'), sla: slaInput }),
])
export type WorkspaceEvent = z.input<typeof workspaceEvent>

// ---------------------------------------------------------------------------------------------------
// Replies

export interface QueueRow {
  /** workItems id (`type:requestId`). */
  id: string
  type: WorkType
  typeLabel: string
  requestId: string
  /** Short number staff can read out on the phone. */
  number: string
  applicant: string | null
  summary: string
  step: string
  waiting: Waiting
  orgName: string
  /** 今天 / 3 天前 */
  ageText: string
  dueDate: string | null
  /** 还剩 3 个工作日 / 今天到期 / 已超过 2 个工作日 / 等职工补材料 */
  dueText: string
  flag: DueFlag
  escalated: boolean
  /** The page that decides it (staff subpackage path with its query). */
  link: string
}

export interface QueueReply {
  items: QueueRow[]
  nextCursor: number | null
}

export interface QueueSummary {
  waiting: number
  overdue: number
  dueSoon: number
  escalated: number
}

export interface OrgFigures {
  orgId: string
  orgName: string
  figures: YearFigures
}

export interface FiguresReply {
  year: number
  /** The org asked for (or the caller's), with everything below it. */
  org: OrgFigures
  /** Only the org's own records (without the unions below). */
  own: YearFigures
  /** Each direct child org with its subtree. */
  children: OrgFigures[]
  /** Years that have any figure, newest first. */
  years: number[]
  /** The last reconciliation: when, and how many counters differed. */
  lastCheck: { at: string; differences: number; records: number } | null
}

export interface FigureRecordRow {
  id: string
  /** Masked person or the record's name. */
  title: string
  sub: string
  date: string
  /** For money lists. */
  amountFen: number | null
  orgName: string
}

export interface FigureRecordsReply {
  list: FigureRecordList
  items: FigureRecordRow[]
  nextCursor: number | null
}

export interface ExportReply {
  fileName: string
  contentBase64: string
  rows: number
}

export interface ReconcileReply {
  at: string
  records: number
  differences: Array<{ cell: string; key: string; counted: number; recomputed: number }>
  /** Counters rewritten from the records (when they differed). */
  repaired: boolean
}

export interface AuditRow {
  id: string
  at: string
  /** 张主席（服务站） / 系统 */
  who: string
  role: string
  action: string
  /** Plain words for the action. */
  actionLabel: string
  targetType: string
  targetId: string
  targetNumber: string
  from: string | null
  to: string | null
  reason: string | null
  /** A view of full personal data (ID number, phone, bank card, name). */
  reveal: boolean
  orgName: string | null
}

export interface AuditReply {
  items: AuditRow[]
  nextCursor: number | null
}

export interface SlaReply {
  sla: SlaInput
  labels: Record<keyof SlaInput, string>
  updatedAt: string | null
  version: number
}
