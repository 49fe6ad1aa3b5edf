/**
 * The union's year-end figures (RULES.md §5), per year and org, out of the records. Each record
 * contributes to a few counters; a change to a record adds (contributions after − before) to the
 * counters in the same transaction, and the reconciliation sums the contributions of every record from
 * scratch. Subtree totals are sums over the orgs below, read at request time, so moving an org moves its
 * figures with it.
 */
import { shanghaiDate } from '../calendar/working-days'
import { WORK_TYPES, WORK_TYPE_LABELS, type WorkType } from './work-item'

export const FIGURE_SOURCES = ['org', 'membership', 'legalAidCase', 'aidEnrollment', 'aidClaim', 'station', 'stationVisit', 'workItem'] as const
export type FigureSource = (typeof FIGURE_SOURCES)[number]

/** The collection each source lives in. */
export const SOURCE_COLLECTIONS: Record<FigureSource, string> = {
  org: 'orgs',
  membership: 'memberships',
  legalAidCase: 'legalCases',
  aidEnrollment: 'aidEnrollments',
  aidClaim: 'aidClaims',
  station: 'stations',
  stationVisit: 'stationVisits',
  workItem: 'workItems',
}

export const sourceOfCollection = (collection: string): FigureSource | null =>
  (Object.keys(SOURCE_COLLECTIONS) as FigureSource[]).find((s) => SOURCE_COLLECTIONS[s] === collection) ?? null

const BASE_KEYS = [
  'orgsFormed',
  'membersRecruited',
  'membersMigrant',
  'membersNet',
  'legalAccepted',
  'legalClosed',
  'legalRecoveredFen',
  'legalWorkersHelped',
  'aidEnrolled',
  'aidClaimsPaid',
  'aidPaidFen',
  'stationsNet',
  'stationVisits',
] as const
type BaseKey = (typeof BASE_KEYS)[number]
export type FigureKey = BaseKey | `handled_${WorkType}` | `inTime_${WorkType}` | `hours_${WorkType}`

export const FIGURE_KEYS: readonly FigureKey[] = [
  ...BASE_KEYS,
  ...WORK_TYPES.flatMap((t) => [`handled_${t}`, `inTime_${t}`, `hours_${t}`] as FigureKey[]),
]

export type Counts = Partial<Record<FigureKey, number>>

export interface Contribution {
  year: number
  orgId: string
  key: FigureKey
  value: number
}

type Doc = Record<string, unknown>

const yearOf = (at: unknown): number | null => {
  if (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at)) return Number(at.slice(0, 4))
  if (at instanceof Date || typeof at === 'string' || typeof at === 'number') {
    const d = at instanceof Date ? at : new Date(at)
    return Number.isNaN(d.getTime()) ? null : Number(shanghaiDate(d).slice(0, 4))
  }
  return null
}
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)
const id = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)

/** What one record adds to the counters, in its current state. */
export function contributions(source: FigureSource, doc: Doc | null): Contribution[] {
  if (!doc) return []
  const out: Contribution[] = []
  const add = (at: unknown, orgId: unknown, key: FigureKey, value = 1) => {
    const year = yearOf(at)
    const org = id(orgId)
    if (year !== null && org !== null && value !== 0) out.push({ year, orgId: org, key, value })
  }
  switch (source) {
    case 'org':
      if (doc.formedAt) add(doc.formedAt, doc._id, 'orgsFormed')
      break
    case 'membership': {
      const history = (doc.history as Array<{ at: unknown; kind: string; orgId: string; fromOrgId: string | null }> | undefined) ?? []
      for (const h of history) {
        if (h.kind === 'joined') {
          add(h.at, h.orgId, 'membersRecruited')
          if (doc.migrant === true) add(h.at, h.orgId, 'membersMigrant')
          add(h.at, h.orgId, 'membersNet')
        } else if (h.kind === 'transferred') {
          add(h.at, h.fromOrgId, 'membersNet', -1)
          add(h.at, h.orgId, 'membersNet')
        }
      }
      if (doc.status === 'ended' && doc.endedAt) add(doc.endedAt, doc.orgId, 'membersNet', -1)
      break
    }
    case 'legalAidCase':
      if (doc.acceptedAt) add(doc.acceptedAt, doc.orgId, 'legalAccepted')
      if (doc.state === 'closed' && doc.closedAt) {
        const outcome = (doc.outcome as { recoveredFen?: unknown; workersHelped?: unknown } | null) ?? {}
        add(doc.closedAt, doc.orgId, 'legalClosed')
        add(doc.closedAt, doc.orgId, 'legalRecoveredFen', num(outcome.recoveredFen))
        add(doc.closedAt, doc.orgId, 'legalWorkersHelped', num(outcome.workersHelped))
      }
      break
    case 'aidEnrollment':
      add(doc.termStart, doc.orgId, 'aidEnrolled')
      break
    case 'aidClaim':
      if (doc.state === 'paid') {
        add(doc.paidDate ?? doc.updatedAt, doc.orgId, 'aidClaimsPaid')
        add(doc.paidDate ?? doc.updatedAt, doc.orgId, 'aidPaidFen', num(doc.paidFen))
      }
      break
    case 'station':
      add(doc.createdAt, doc.hostOrgId, 'stationsNet')
      break
    case 'stationVisit':
      add(doc.at, doc.hostOrgId, 'stationVisits')
      break
    case 'workItem': {
      const type = doc.type as WorkType
      if (!doc.decidedAt || !(WORK_TYPES as readonly string[]).includes(type)) break
      const created = new Date(doc.createdAt as string | Date).getTime()
      const decided = new Date(doc.decidedAt as string | Date).getTime()
      add(doc.decidedAt, doc.decidedOrgId, `handled_${type}`)
      if (doc.decidedInTime === true) add(doc.decidedAt, doc.decidedOrgId, `inTime_${type}`)
      add(doc.decidedAt, doc.decidedOrgId, `hours_${type}`, Math.max(0, Math.round((decided - created) / 3_600_000)))
      break
    }
  }
  return out
}

export const cellKey = (year: number, orgId: string): string => `${year}|${orgId}`

/** Adds contributions into per-(year, org) counts, each with `sign`. */
export function accumulate(into: Map<string, Counts>, items: readonly Contribution[], sign = 1): Map<string, Counts> {
  for (const c of items) {
    const k = cellKey(c.year, c.orgId)
    const counts = into.get(k) ?? {}
    counts[c.key] = (counts[c.key] ?? 0) + sign * c.value
    into.set(k, counts)
  }
  return into
}

/** What a change of one record adds to the counters: after − before, zero entries dropped. */
export function delta(source: FigureSource, before: Doc | null, after: Doc | null): Map<string, Counts> {
  const m = accumulate(accumulate(new Map(), contributions(source, after)), contributions(source, before), -1)
  for (const [k, counts] of m) {
    for (const key of Object.keys(counts) as FigureKey[]) if (counts[key] === 0) delete counts[key]
    if (Object.keys(counts).length === 0) m.delete(k)
  }
  return m
}

// ---------------------------------------------------------------------------------------------------
// The figures as the 数据 page shows them

export interface HandlingFigure {
  type: WorkType
  label: string
  handled: number
  inTime: number
  /** Average days from submission to decision, one decimal; null when none decided. */
  averageDays: number | null
  /** Share decided within the deadline, 0–100, whole percent; null when none decided. */
  inTimePercent: number | null
}

export interface YearFigures {
  year: number
  orgsFormed: number
  membersRecruited: number
  membersMigrant: number
  /** Members at the end of the year (all joins and transfers up to it). */
  membersTotal: number
  legalAccepted: number
  legalClosed: number
  legalRecoveredFen: number
  legalWorkersHelped: number
  aidEnrolled: number
  aidClaimsPaid: number
  aidPaidFen: number
  /** Stations at the end of the year. */
  stations: number
  stationVisits: number
  handling: HandlingFigure[]
}

/** Sums counter rows of several orgs into one year's figures; running totals use every year up to it. */
export function yearFigures(rows: ReadonlyArray<{ year: number; counts: Counts }>, year: number): YearFigures {
  const inYear: Counts = {}
  let membersTotal = 0
  let stations = 0
  for (const r of rows) {
    if (r.year > year) continue
    membersTotal += r.counts.membersNet ?? 0
    stations += r.counts.stationsNet ?? 0
    if (r.year !== year) continue
    for (const [k, v] of Object.entries(r.counts) as Array<[FigureKey, number]>) inYear[k] = (inYear[k] ?? 0) + v
  }
  const n = (k: FigureKey) => inYear[k] ?? 0
  return {
    year,
    orgsFormed: n('orgsFormed'),
    membersRecruited: n('membersRecruited'),
    membersMigrant: n('membersMigrant'),
    membersTotal,
    legalAccepted: n('legalAccepted'),
    legalClosed: n('legalClosed'),
    legalRecoveredFen: n('legalRecoveredFen'),
    legalWorkersHelped: n('legalWorkersHelped'),
    aidEnrolled: n('aidEnrolled'),
    aidClaimsPaid: n('aidClaimsPaid'),
    aidPaidFen: n('aidPaidFen'),
    stations,
    stationVisits: n('stationVisits'),
    handling: WORK_TYPES.map((type) => {
      const handled = n(`handled_${type}`)
      const inTime = n(`inTime_${type}`)
      return {
        type,
        label: WORK_TYPE_LABELS[type],
        handled,
        inTime,
        averageDays: handled > 0 ? Math.round((n(`hours_${type}`) / handled / 24) * 10) / 10 : null,
        inTimePercent: handled > 0 ? Math.round((inTime / handled) * 100) : null,
      }
    }),
  }
}

/** Counter keys whose two tables differ (for the reconciliation report). */
export function differences(counted: Map<string, Counts>, recomputed: Map<string, Counts>): Array<{ cell: string; key: FigureKey; counted: number; recomputed: number }> {
  const out: Array<{ cell: string; key: FigureKey; counted: number; recomputed: number }> = []
  const cells = new Set([...counted.keys(), ...recomputed.keys()])
  for (const cell of [...cells].sort()) {
    const a = counted.get(cell) ?? {}
    const b = recomputed.get(cell) ?? {}
    for (const key of FIGURE_KEYS) {
      const x = a[key] ?? 0
      const y = b[key] ?? 0
      if (x !== y) out.push({ cell, key, counted: x, recomputed: y })
    }
  }
  return out
}

/**
 * The figures a page lists, with the records behind each (`records` names the list the function can
 * page through and export).
 */
export const FIGURE_LINES = [
  { key: 'orgsFormed', label: '新组建工会', unit: '个', records: 'orgsFormed' },
  { key: 'membersRecruited', label: '发展会员', unit: '人', records: 'membersRecruited' },
  { key: 'membersMigrant', label: '其中农民工', unit: '人', records: 'membersMigrant' },
  { key: 'membersTotal', label: '会员总数（年底）', unit: '人', records: 'membersTotal' },
  { key: 'legalAccepted', label: '法律援助受理', unit: '件', records: 'legalAccepted' },
  { key: 'legalClosed', label: '法律援助结案', unit: '件', records: 'legalClosed' },
  { key: 'legalRecoveredFen', label: '为职工追回金额', unit: '元', records: 'legalClosed' },
  { key: 'legalWorkersHelped', label: '帮助职工', unit: '人', records: 'legalClosed' },
  { key: 'aidEnrolled', label: '互助保障参保', unit: '人次', records: 'aidEnrolled' },
  { key: 'aidClaimsPaid', label: '理赔', unit: '人次', records: 'aidClaimsPaid' },
  { key: 'aidPaidFen', label: '理赔金额', unit: '元', records: 'aidClaimsPaid' },
  { key: 'stations', label: '爱心驿站', unit: '个', records: 'stations' },
  { key: 'stationVisits', label: '驿站服务', unit: '人次', records: 'stationVisits' },
] as const

export type FigureLineKey = (typeof FIGURE_LINES)[number]['key']
export type FigureRecordList = (typeof FIGURE_LINES)[number]['records']
export const FIGURE_RECORD_LISTS = [...new Set(FIGURE_LINES.map((l) => l.records))] as [FigureRecordList, ...FigureRecordList[]]
