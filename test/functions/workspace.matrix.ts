/** Authorization matrix rows of the `workspace` function (工作台, 数据, 审计). */
import type { MatrixRow } from '../support/matrix'

const STAFF = ['grassrootsX', 'grassrootsY', 'federation', 'admin'] as const
const FEDERATION = ['federation', 'admin'] as const
const YEAR = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()))
const SLA = { membershipTransfer: 10, aidClaimCheck: 5, aidClaimApprove: 10, aidClaimPay: 5, stationReport: 3, stationSuggestion: 15, dueSoonDays: 2 }

export const rows: MatrixRow[] = [
  { fn: 'workspace', action: 'queue', note: "each staff member's own scope", event: () => ({ action: 'queue' }), allowed: STAFF },
  { fn: 'workspace', action: 'queueSummary', event: () => ({ action: 'queueSummary' }), allowed: STAFF },
  { fn: 'workspace', action: 'exportQueue', event: () => ({ action: 'exportQueue' }), allowed: STAFF },
  { fn: 'workspace', action: 'figures', note: 'own org', event: () => ({ action: 'figures', year: YEAR }), allowed: STAFF },
  { fn: 'workspace', action: 'figures', note: 'org X (fengda)', event: () => ({ action: 'figures', year: YEAR, orgId: 'org-fengda' }), allowed: ['grassrootsX', 'federation', 'admin'] },
  { fn: 'workspace', action: 'figureRecords', note: 'org X members', event: () => ({ action: 'figureRecords', list: 'membersRecruited', year: YEAR, orgId: 'org-fengda' }), allowed: ['grassrootsX', 'federation', 'admin'] },
  { fn: 'workspace', action: 'exportFigures', note: 'the whole county', event: () => ({ action: 'exportFigures', year: YEAR, orgId: 'org-fed' }), allowed: FEDERATION },
  { fn: 'workspace', action: 'exportRecords', note: 'org X members', event: () => ({ action: 'exportRecords', list: 'membersRecruited', year: YEAR, orgId: 'org-fengda' }), allowed: ['grassrootsX', 'federation', 'admin'] },
  { fn: 'workspace', action: 'reconcile', event: () => ({ action: 'reconcile' }), allowed: FEDERATION },
  { fn: 'workspace', action: 'audit', note: "each staff member's own scope", event: () => ({ action: 'audit' }), allowed: STAFF },
  { fn: 'workspace', action: 'sla', event: () => ({ action: 'sla' }), allowed: STAFF },
  { fn: 'workspace', action: 'saveSla', note: 'the demo values', event: () => ({ action: 'saveSla', sla: SLA }), allowed: ['admin'] },
]
