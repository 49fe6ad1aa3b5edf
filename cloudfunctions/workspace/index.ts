/**
 * 工作台, 数据, 审计 (issue 8): one queue of everything waiting for a staff member across the areas, the
 * union's year-end figures out of the records, the audit trail, and the timer that escalates overdue
 * items and reconciles the counters. The queue and counters are written by every area's transactions
 * (../_lib/projections.ts); this function only reads them, escalates and checks.
 */
import { defineFunction, deny, type Caller } from '../_lib/handler'
import { database, getDocs } from '../_lib/cloud'
import { auditRecord, writeAudit } from '../_lib/audit.repo'
import { findOrgsByIds, listReachableOrgs, type OrgRecord } from '../_lib/orgs.repo'
import { inTransaction, txGet } from '../_lib/transaction'
import { loadSla, loadWorkCalendar, WORK_ITEMS } from '../_lib/projections'
import { writeXlsx } from '../_lib/stations.import'
import { recordRuleVersion } from '../_lib/rule-versions'
import type { Query } from '../_lib/stations.requests'
import {
  countWhere,
  escalateOverdue,
  figureRows,
  figureScope,
  lastCheck,
  queuePage,
  queueWhere,
  rebuildFigures,
  rebuildWorkItems,
  reconcile,
  workingOrgId,
  type StoredItem,
} from '../_lib/workspace.repo'
import { listSpec, recordsPage } from '../_lib/workspace.records'
import { failWith, ok } from '../../src/domain/envelope'
import { deadlineText, shanghaiDate, type WorkCalendar } from '../../src/domain/calendar/working-days'
import { ROLE_LABELS } from '../../src/domain/session/session.schema'
import { dueFlag, shortNumber, WORK_TYPE_LABELS, type SlaTable, type WorkType } from '../../src/domain/workspace/work-item'
import { FIGURE_LINES, yearFigures, type YearFigures } from '../../src/domain/workspace/figures.rules'
import {
  SLA_FIELD_LABELS,
  workspaceEvent,
  type AuditReply,
  type AuditRow,
  type ExportReply,
  type FigureRecordsReply,
  type FiguresReply,
  type QueueReply,
  type QueueRow,
  type QueueSummary,
  type ReconcileReply,
  type SlaInput,
  type SlaReply,
} from '../../src/domain/workspace/workspace.api'

const FN = 'workspace'
const STAFF = ['grassroots_staff', 'federation_staff', 'admin'] as const
const FEDERATION = ['federation_staff', 'admin'] as const
const EXPORT_MAX_ROWS = 5000

export const WORKSPACE_ERRORS = {
  NO_ORG: { code: 'WORKSPACE.NO_ORG', message: '你的账号还没有归属的工会，请联系管理员' },
  ORG_OUT_OF_SCOPE: { code: 'WORKSPACE.ORG_OUT_OF_SCOPE', message: '这个工会不归你管，看不了它的数据' },
} as const

const REVIEW_PAGES: Record<WorkType, (id: string) => string> = {
  membershipApplication: (id) => `/subpackages/staff/pages/members-review/index?id=${id}`,
  membershipTransfer: () => '/subpackages/staff/pages/members-transfers/index',
  legalAidCase: (id) => `/subpackages/staff/pages/legal-review/index?id=${id}`,
  aidClaim: (id) => `/subpackages/staff/pages/aid-review/index?id=${id}`,
  stationReport: () => '/subpackages/staff/pages/stations-reports/index',
  stationSuggestion: () => '/subpackages/staff/pages/stations-suggestions/index',
}

const DAY_MS = 86_400_000
function ageText(createdAt: Date, now: Date): string {
  const days = Math.round((Date.parse(shanghaiDate(now)) - Date.parse(shanghaiDate(createdAt))) / DAY_MS)
  return days <= 0 ? '今天' : days === 1 ? '昨天' : `${days} 天前`
}

function dueWords(item: StoredItem, cal: WorkCalendar, now: Date): string {
  if (item.waiting === 'worker') return '等职工补材料，期限暂停'
  if (item.waiting === 'helper') return '律师办理中'
  if (!item.dueDate) return '没有期限'
  return deadlineText(cal, item.dueDate, now).text
}

async function queueRows(items: StoredItem[], cal: WorkCalendar, sla: SlaTable, now: Date): Promise<QueueRow[]> {
  const orgs = await findOrgsByIds(items.map((i) => i.orgId))
  return items.map((i) => ({
    id: i._id,
    type: i.type,
    typeLabel: WORK_TYPE_LABELS[i.type],
    requestId: i.requestId,
    number: shortNumber(i.requestId),
    applicant: i.applicant,
    summary: i.summary,
    step: i.step,
    waiting: i.waiting,
    orgName: orgs.get(i.orgId)?.name ?? '',
    ageText: ageText(new Date(i.createdAt), now),
    dueDate: i.dueDate,
    dueText: dueWords(i, cal, now),
    flag: dueFlag(i, cal, sla, now),
    escalated: i.escalated,
    link: REVIEW_PAGES[i.type](i.requestId),
  }))
}

const QUEUE_COLUMNS = ['编号', '事项', '申请人', '内容', '办到哪一步', '工会', '提交', '期限', '状态']
const queueCells = (r: QueueRow) => [r.number, r.typeLabel, r.applicant ?? '', r.summary, r.step, r.orgName, r.ageText, r.dueDate ?? '', r.escalated ? '超期上报' : r.flag === 'overdue' ? '已超期' : r.flag === 'due_soon' ? '快到期' : '']

const fileDay = (now: Date) => shanghaiDate(now).replace(/-/g, '')

/** The org a staff member's queue is about. */
async function queueOrg(caller: Caller) {
  const orgId = await workingOrgId(caller)
  return orgId ? ok(orgId) : failWith(WORKSPACE_ERRORS.NO_ORG)
}

type FigureRow = { orgId: string; year: number; counts: Record<string, number> }

function figuresOf(rows: readonly FigureRow[], orgIds: Set<string>, year: number): YearFigures {
  return yearFigures(
    rows.filter((r) => orgIds.has(r.orgId)),
    year,
  )
}

/** An org's figures for a year: with everything below it, its own part, and each child with its subtree. */
function figureTable(scope: { org: OrgRecord; subtree: OrgRecord[] }, rows: readonly FigureRow[], year: number) {
  const subtreeOf = (id: string) => new Set(scope.subtree.filter((o) => o._id === id || o.path.includes(id)).map((o) => o._id))
  return {
    total: figuresOf(rows, subtreeOf(scope.org._id), year),
    own: figuresOf(rows, new Set([scope.org._id]), year),
    children: scope.subtree.filter((o) => o.parentId === scope.org._id).map((c) => ({ org: c, figures: figuresOf(rows, subtreeOf(c._id), year) })),
  }
}

const yuanCell = (fen: number) => Number((fen / 100).toFixed(2))
const figureValue = (f: YearFigures, key: (typeof FIGURE_LINES)[number]['key']): number => (key.endsWith('Fen') ? yuanCell(f[key] as number) : (f[key] as number))

// Audit areas → the action prefixes they cover.
const AUDIT_AREA_PATTERNS: Record<string, string> = {
  membership: '^(membership|membershipApplication|membershipTransfer)\\.',
  legalAid: '^(legalAid|legalAidCase)\\.',
  aid: '^(mutualAid|aidClaim)\\.',
  stations: '^(station|stationReport|stationSuggestion)\\.',
  staff: '^(role|invite|org)\\.',
  privacy: '^(privacy|consent|file)\\.',
  rules: '(setCalendar|saveRules|saveRuleVersion|saveSla|ruleTable)',
  auth: '^auth\\.',
  figures: '^(workItem|workspace|figures)\\.',
}

const ACTION_WORDS: Record<string, string> = {
  submit: '提交',
  request: '申请',
  approve: '通过',
  reject: '不通过',
  ask: '要求补材料',
  resubmit: '补交材料',
  withdraw: '撤回',
  reassign: '转给别的工会',
  accept: '受理',
  decline: '不予受理',
  handover: '移交',
  assign: '指派',
  progress: '记录进展',
  close: '结案',
  check: '审核',
  override: '改金额通过',
  markPaid: '标记已打款',
  startReview: '开始审查',
  start: '开始处理',
  resolve: '处理完',
  reveal: '查看个人信息',
  denied: '被拒绝访问',
  export: '导出',
  escalate: '超期上报',
  grant: '授权',
  revoke: '取消授权',
  create: '新建',
  update: '修改',
  move: '移动',
  import: '导入',
  cancel: '取消',
  verifyCard: '核验会员证',
  setCalendar: '修改节假日',
  saveRules: '修改规则',
  saveRuleVersion: '修改保障规则',
  saveSla: '修改办理时限',
  reconcile: '核对数据',
  view: '查看材料',
  close_account: '注销账号',
}
const TYPE_WORDS: Record<string, string> = {
  ...WORK_TYPE_LABELS,
  membership: '入会',
  legalAid: '法律援助',
  mutualAid: '互助保障',
  station: '驿站',
  role: '人员',
  invite: '邀请码',
  org: '组织',
  privacy: '个人信息',
  consent: '同意书',
  file: '材料',
  auth: '权限',
  workItem: '工作台',
  workspace: '数据',
}

export function actionLabel(action: string): string {
  const [area, verb = ''] = action.split('.')
  return `${TYPE_WORDS[area] ?? area}·${ACTION_WORDS[verb] ?? verb}`
}

const isReveal = (action: string) => /reveal/i.test(action)

interface AuditDoc {
  _id: string
  action: string
  target: { type: string; id: string }
  orgId: string | null
  from?: string
  to?: string
  reason?: string
  actor: { openid: string | null; role: string; orgId: string | null }
  at: Date
}

export const main = defineFunction({
  name: FN,
  event: workspaceEvent,
  actions: {
    queue: {
      access: STAFF,
      async run({ caller, input, now }) {
        const org = await queueOrg(caller)
        if (!org.ok) return org
        const [cal, sla] = await Promise.all([loadWorkCalendar(), loadSla()])
        const size = input.pageSize ?? 20
        const offset = input.cursor ?? 0
        const where = queueWhere(caller, org.data, { view: input.view ?? 'mine', type: input.type, flag: input.flag, q: input.q }, cal, sla, now)
        const docs = await queuePage(where, offset, size + 1)
        return ok<QueueReply>({ items: await queueRows(docs.slice(0, size), cal, sla, now), nextCursor: docs.length > size ? offset + size : null })
      },
    },

    queueSummary: {
      access: STAFF,
      async run({ caller, now }) {
        const org = await queueOrg(caller)
        if (!org.ok) return org
        const [cal, sla] = await Promise.all([loadWorkCalendar(), loadSla()])
        const count = (view: 'mine' | 'escalated', flag?: 'overdue' | 'due_soon') => countWhere(WORK_ITEMS, queueWhere(caller, org.data, { view, flag }, cal, sla, now))
        const [waiting, overdue, dueSoon, escalated] = await Promise.all([count('mine'), count('mine', 'overdue'), count('mine', 'due_soon'), count('escalated')])
        return ok<QueueSummary>({ waiting, overdue, dueSoon, escalated })
      },
    },

    exportQueue: {
      access: STAFF,
      async run({ caller, input, now }) {
        const org = await queueOrg(caller)
        if (!org.ok) return org
        const [cal, sla] = await Promise.all([loadWorkCalendar(), loadSla()])
        const where = queueWhere(caller, org.data, { view: input.view ?? 'mine', type: input.type, flag: input.flag }, cal, sla, now)
        const items: StoredItem[] = []
        for (let offset = 0; offset < EXPORT_MAX_ROWS; offset += 100) {
          const page = await queuePage(where, offset, 100)
          items.push(...page)
          if (page.length < 100) break
        }
        const rows = await queueRows(items, cal, sla, now)
        const content = await writeXlsx([QUEUE_COLUMNS, ...rows.map(queueCells)], '工作台')
        await writeAudit(caller, { action: 'workspace.export', target: { type: 'queueExport', id: org.data }, orgId: org.data, detail: { rows: rows.length, list: 'queue' } })
        return ok<ExportReply>({ fileName: `工作台-${fileDay(now)}.xlsx`, contentBase64: content.toString('base64'), rows: rows.length })
      },
    },

    figures: {
      access: STAFF,
      async run({ caller, input }) {
        const scope = await figureScope(caller, input.orgId)
        if (!scope) return input.orgId ? deny(caller, { type: 'org', id: input.orgId }) : failWith(WORKSPACE_ERRORS.NO_ORG)
        const rows = await figureRows(scope.subtree.map((o) => o._id))
        const table = figureTable(scope, rows, input.year)
        const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => b - a)
        const check = await lastCheck()
        return ok<FiguresReply>({
          year: input.year,
          org: { orgId: scope.org._id, orgName: scope.org.name, figures: table.total },
          own: table.own,
          children: table.children.map((c) => ({ orgId: c.org._id, orgName: c.org.name, figures: c.figures })),
          years,
          lastCheck: check ? { at: new Date(check.at).toISOString(), differences: check.differenceCount, records: check.records } : null,
        })
      },
    },

    exportFigures: {
      access: STAFF,
      async run({ caller, input }) {
        const scope = await figureScope(caller, input.orgId)
        if (!scope) return input.orgId ? deny(caller, { type: 'org', id: input.orgId }) : failWith(WORKSPACE_ERRORS.NO_ORG)
        const rows = await figureRows(scope.subtree.map((o) => o._id), input.year)
        const table = figureTable(scope, rows, input.year)
        const columns = [{ name: `${scope.org.name}（合计）`, f: table.total }, { name: `${scope.org.name}（本级）`, f: table.own }, ...table.children.map((c) => ({ name: c.org.name, f: c.figures }))]
        const sheet: Array<Array<string | number>> = [[`${input.year} 年`, '单位', ...columns.map((c) => c.name)]]
        for (const line of FIGURE_LINES) sheet.push([line.label, line.unit, ...columns.map((c) => figureValue(c.f, line.key))])
        for (const h of columns[0].f.handling) {
          sheet.push([`${h.label}办结`, '件', ...columns.map((c) => c.f.handling.find((x) => x.type === h.type)?.handled ?? 0)])
          sheet.push([`${h.label}平均办理`, '天', ...columns.map((c) => c.f.handling.find((x) => x.type === h.type)?.averageDays ?? '')])
          sheet.push([`${h.label}按期办结`, '%', ...columns.map((c) => c.f.handling.find((x) => x.type === h.type)?.inTimePercent ?? '')])
        }
        const content = await writeXlsx(sheet, `${input.year}年数据`)
        await writeAudit(caller, { action: 'workspace.export', target: { type: 'figuresExport', id: scope.org._id }, orgId: scope.org._id, detail: { year: input.year, list: 'figures' } })
        return ok<ExportReply>({ fileName: `${input.year}年工会工作数据-${scope.org.name}.xlsx`, contentBase64: content.toString('base64'), rows: sheet.length - 1 })
      },
    },

    figureRecords: {
      access: STAFF,
      async run({ caller, input }) {
        const scope = await figureScope(caller, input.orgId)
        if (!scope) return input.orgId ? deny(caller, { type: 'org', id: input.orgId }) : failWith(WORKSPACE_ERRORS.NO_ORG)
        const size = input.pageSize ?? 20
        const offset = input.cursor ?? 0
        const rows = await recordsPage(input.list, input.year, scope.org, scope.subtree, offset, size + 1)
        return ok<FigureRecordsReply>({ list: input.list, items: rows.slice(0, size), nextCursor: rows.length > size ? offset + size : null })
      },
    },

    exportRecords: {
      access: STAFF,
      async run({ caller, input, now }) {
        const scope = await figureScope(caller, input.orgId)
        if (!scope) return input.orgId ? deny(caller, { type: 'org', id: input.orgId }) : failWith(WORKSPACE_ERRORS.NO_ORG)
        const spec = listSpec(input.list)
        const rows = []
        for (let offset = 0; offset < EXPORT_MAX_ROWS; offset += 100) {
          const page = await recordsPage(input.list, input.year, scope.org, scope.subtree, offset, 100)
          rows.push(...page)
          if (page.length < 100) break
        }
        const label = FIGURE_LINES.find((l) => l.records === input.list)?.label ?? input.list
        const content = await writeXlsx([spec.columns, ...rows.map(spec.cells)], label.slice(0, 30))
        await writeAudit(caller, { action: 'workspace.export', target: { type: 'recordsExport', id: scope.org._id }, orgId: scope.org._id, detail: { year: input.year, list: input.list, rows: rows.length } })
        return ok<ExportReply>({ fileName: `${input.year}年${label}-${fileDay(now)}.xlsx`, contentBase64: content.toString('base64'), rows: rows.length })
      },
    },

    reconcile: {
      access: FEDERATION,
      async run({ caller, now }) {
        const report = await reconcile(now, caller.openid)
        await writeAudit(caller, { action: 'workspace.reconcile', target: { type: 'figures', id: 'all' }, orgId: caller.user?.orgId ?? null, detail: { records: report.records, differences: report.differences.length } })
        return ok<ReconcileReply>({ at: report.at.toISOString(), records: report.records, differences: report.differences, repaired: false })
      },
    },

    audit: {
      access: STAFF,
      async run({ caller, input }) {
        const cmd = database().command
        const reachable = await listReachableOrgs({ role: caller.role, orgId: caller.user?.orgId ?? null })
        const conditions: Array<Record<string, unknown>> = []
        if (caller.role !== 'admin') {
          if (reachable.length === 0) return failWith(WORKSPACE_ERRORS.NO_ORG)
          conditions.push({ orgId: cmd.in(reachable.map((o) => o._id)) })
        }
        if (input.area) conditions.push({ action: database().RegExp({ regexp: AUDIT_AREA_PATTERNS[input.area], options: '' }) })
        if (input.revealsOnly) conditions.push({ action: database().RegExp({ regexp: 'reveal', options: 'i' }) })
        if (input.from) conditions.push({ at: cmd.gte(new Date(`${input.from}T00:00:00+08:00`)) })
        if (input.to) conditions.push({ at: cmd.lt(new Date(new Date(`${input.to}T00:00:00+08:00`).getTime() + 86_400_000)) })
        if (input.q) conditions.push({ 'target.id': database().RegExp({ regexp: `${input.q.replace(/[^A-Za-z0-9_:-]/g, '')}$`, options: 'i' }) })
        const where = conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0] : (cmd.and(conditions) as unknown as Record<string, unknown>)
        const size = input.pageSize ?? 20
        const offset = input.cursor ?? 0
        const docs = await getDocs<AuditDoc>((database().collection('audit') as unknown as Query).where(where).orderBy('at', 'desc').orderBy('_id', 'desc').skip(offset).limit(size + 1))
        const page = docs.slice(0, size)
        const orgs = await findOrgsByIds(page.flatMap((d) => [d.orgId, d.actor?.orgId].filter((x): x is string => !!x)))
        const staffOpenids = page.filter((d) => d.actor?.role && d.actor.role !== 'worker' && d.actor.openid).map((d) => d.actor.openid as string)
        const users = await usersByOpenid(staffOpenids)
        const items: AuditRow[] = page.map((d) => {
          const role = d.actor?.role ?? 'system'
          const staffName = d.actor?.openid ? users.get(d.actor.openid) : undefined
          const who = role === 'system' ? '系统' : role === 'worker' ? '职工本人' : `${staffName || ROLE_LABELS[role as keyof typeof ROLE_LABELS] || role}${d.actor.orgId ? `（${orgs.get(d.actor.orgId)?.name ?? ''}）` : ''}`
          return {
            id: d._id,
            at: new Date(d.at).toISOString(),
            who,
            role,
            action: d.action,
            actionLabel: actionLabel(d.action),
            targetType: d.target?.type ?? '',
            targetId: d.target?.id ?? '',
            targetNumber: shortNumber(d.target?.id ?? ''),
            from: d.from ?? null,
            to: d.to ?? null,
            reason: d.reason ?? null,
            reveal: isReveal(d.action),
            orgName: d.orgId ? (orgs.get(d.orgId)?.name ?? null) : null,
          }
        })
        return ok<AuditReply>({ items, nextCursor: docs.length > size ? offset + size : null })
      },
    },

    sla: {
      access: STAFF,
      async run() {
        const stored = await txGet<{ updatedAt?: Date; version?: number }>(database() as never, 'ruleTables', 'workspace')
        const sla = await loadSla()
        return ok<SlaReply>({ sla, labels: SLA_FIELD_LABELS, updatedAt: stored?.updatedAt ? new Date(stored.updatedAt).toISOString() : null, version: stored?.version ?? 0 })
      },
    },

    saveSla: {
      access: ['admin'],
      async run({ caller, input, now }) {
        const sla: SlaInput = input.sla
        const version = await inTransaction(async (tx) => {
          const next = await recordRuleVersion(tx, 'workspace', sla, caller, now)
          await tx.collection('ruleTables').doc('workspace').set({ data: { ...sla, version: next, updatedAt: now, updatedBy: caller.openid } })
          await tx.collection('audit').add({ data: auditRecord(caller, { action: 'workspace.saveSla', target: { type: 'ruleTable', id: 'workspace' }, orgId: caller.user?.orgId ?? null, to: String(next), detail: { ...sla } }, now) })
          return next
        })
        return ok<SlaReply>({ sla, labels: SLA_FIELD_LABELS, updatedAt: now.toISOString(), version })
      },
    },
  },

  /** Hourly: escalate overdue items; at 02:00 Shanghai also reconcile the counters. `rebuild` after seeding. */
  async timer({ now, message }) {
    if (message === 'rebuild') {
      const items = await rebuildWorkItems(now)
      const cells = await rebuildFigures(now)
      return ok({ items, cells })
    }
    const escalated = await escalateOverdue(now)
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(now))
    if (message === 'reconcile' || (message === '' && hour === 2)) {
      const report = await reconcile(now, null)
      await writeAudit(null, { action: 'workspace.reconcile', target: { type: 'figures', id: 'all' }, detail: { records: report.records, differences: report.differences.length } })
      return ok({ escalated, differences: report.differences.length, records: report.records })
    }
    return ok({ escalated })
  },
})

async function usersByOpenid(openids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const unique = [...new Set(openids)]
  for (let i = 0; i < unique.length; i += 100) {
    const docs = await getDocs<{ openid: string; profile?: { name?: string } }>(database().collection('users').where({ openid: database().command.in(unique.slice(i, i + 100)) }).limit(100))
    for (const u of docs) if (u.profile?.name) out.set(u.openid, u.profile.name)
  }
  return out
}

