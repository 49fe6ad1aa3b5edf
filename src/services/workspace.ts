// Calls of the `workspace` cloud function (工作台, 数据, 审计, 办理时限) and its page routes. Types only from
// the contract, so importing the routes (staff home) does not pull in zod.
import type { Envelope } from '../domain/envelope'
import type { WorkType } from '../domain/workspace/work-item'
import type { FigureRecordList } from '../domain/workspace/figures.rules'
import type {
  AuditArea,
  AuditReply,
  ExportReply,
  FigureRecordsReply,
  FiguresReply,
  QueueFlag,
  QueueReply,
  QueueSummary,
  QueueView,
  ReconcileReply,
  SlaInput,
  SlaReply,
} from '../domain/workspace/workspace.api'
import { callFunction } from './transport'

// ---- routes ----------------------------------------------------------------------------------------

/** 工作台: everything waiting for this staff member, across areas. */
export const STAFF_WORK_PAGE = '/subpackages/staff/pages/work/index'
/** 数据: the year-end figures, and the records behind one figure. */
export const STAFF_FIGURES_PAGE = '/subpackages/staff/pages/figures/index'
export const STAFF_FIGURE_RECORDS_PAGE = '/subpackages/staff/pages/figure-records/index'
/** 审计: who did what, and who saw personal data (federation and admin). */
export const STAFF_AUDIT_PAGE = '/subpackages/staff/pages/audit/index'
/** 办理时限: working days per step; staff read them, the admin changes them. */
export const STAFF_WORK_RULES_PAGE = '/subpackages/staff/pages/work-rules/index'

// ---- the function ----------------------------------------------------------------------------------

const call = <T>(data: Record<string, unknown>) => callFunction<T>('workspace', data)
const paged = (data: Record<string, unknown>, cursor: number | null) => (cursor ? { ...data, cursor } : data)
const some = <K extends string>(key: K, v: string | null | undefined): Partial<Record<K, string>> => (v ? ({ [key]: v } as Record<K, string>) : {})

/** What the queue shows: the part, a type, a deadline flag and a search ('' / null = any). */
export interface QueueFilter {
  view: QueueView
  type: WorkType | null
  flag: QueueFlag | null
  q: string
}

const queueFields = (f: Omit<QueueFilter, 'q'>) => ({ view: f.view, ...some('type', f.type), ...some('flag', f.flag) })

export const workQueue = (f: QueueFilter, cursor: number | null = null): Promise<Envelope<QueueReply>> =>
  call(paged({ action: 'queue', ...queueFields(f), ...some('q', f.q.trim()) }, cursor))

export const queueSummary = (): Promise<Envelope<QueueSummary>> => call({ action: 'queueSummary' })

/** The queue as a sheet (the search is not applied). */
export const exportQueue = (f: Omit<QueueFilter, 'q'>): Promise<Envelope<ExportReply>> => call({ action: 'exportQueue', ...queueFields(f) })

/** One year's figures of an org (default: the caller's) and everything below it. */
export const yearFigures = (year: number, orgId?: string): Promise<Envelope<FiguresReply>> => call({ action: 'figures', year, ...some('orgId', orgId) })

export const figureRecords = (list: FigureRecordList, year: number, orgId: string | undefined, cursor: number | null = null): Promise<Envelope<FigureRecordsReply>> =>
  call(paged({ action: 'figureRecords', list, year, ...some('orgId', orgId) }, cursor))

export const exportFigures = (year: number, orgId?: string): Promise<Envelope<ExportReply>> => call({ action: 'exportFigures', year, ...some('orgId', orgId) })

export const exportRecords = (list: FigureRecordList, year: number, orgId?: string): Promise<Envelope<ExportReply>> =>
  call({ action: 'exportRecords', list, year, ...some('orgId', orgId) })

/** Counts every record again and compares (federation and admin). */
export const reconcileFigures = (): Promise<Envelope<ReconcileReply>> => call({ action: 'reconcile' })

/** The audit log's filters ('' / null / false = any). */
export interface AuditFilter {
  area: AuditArea | null
  revealsOnly: boolean
  from: string
  to: string
  q: string
}

export const auditLog = (f: AuditFilter, cursor: number | null = null): Promise<Envelope<AuditReply>> =>
  call(
    paged(
      {
        action: 'audit',
        ...some('area', f.area),
        ...(f.revealsOnly ? { revealsOnly: true } : {}),
        ...some('from', f.from),
        ...some('to', f.to),
        ...some('q', f.q.trim()),
      },
      cursor,
    ),
  )

export const slaTable = (): Promise<Envelope<SlaReply>> => call({ action: 'sla' })

export const saveSla = (sla: SlaInput): Promise<Envelope<SlaReply>> => call({ action: 'saveSla', sla })
