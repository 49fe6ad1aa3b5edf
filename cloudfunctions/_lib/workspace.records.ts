import { database, getDocs } from './cloud'
import { query, type Query } from './stations.requests'
import type { OrgRecord } from './orgs.repo'
import { shanghaiDate } from '../../src/domain/calendar/working-days'
import { maskName } from '../../src/domain/privacy/mask'
import { ORG_KIND_LABELS } from '../../src/domain/org/org'
import { EMPLOYMENT_TYPE_LABELS } from '../../src/domain/membership/membership.constants'
import { DISPUTE_TYPE_LABELS, OUTCOME_KIND_LABELS } from '../../src/domain/legal-aid/legal-aid.constants'
import type { FigureRecordList } from '../../src/domain/workspace/figures.rules'
import type { FigureRecordRow } from '../../src/domain/workspace/workspace.api'

/**
 * The records behind each year-end figure (the 数据 page's drill-down and its Excel lists). Each list is
 * the same selection the counters make (figures.rules.ts `contributions`), as a query on the records.
 */

const _ = () => database().command

/** Start of a Shanghai year and of the next, as instants. */
export const yearBounds = (year: number): { start: Date; end: Date } => ({
  start: new Date(`${year}-01-01T00:00:00+08:00`),
  end: new Date(`${year + 1}-01-01T00:00:00+08:00`),
})

const dayRange = (year: number) => _().gte(`${year}-01-01`).and(_().lte(`${year}-12-31`))
const instantRange = (year: number) => {
  const { start, end } = yearBounds(year)
  return _().gte(start).and(_().lt(end))
}

type Doc = Record<string, unknown> & { _id: string }

interface ListSpec {
  collection: string
  /** The condition of the list for a year and an org's subtree. */
  where(year: number, org: OrgRecord, subtreeIds: string[]): Record<string, unknown>
  order: string
  row(d: Doc, orgName: (id: string) => string): FigureRecordRow
  /** Excel columns and the row cells. */
  columns: string[]
  cells(r: FigureRecordRow): Array<string | number>
}

const dateOf = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 10) : v instanceof Date ? shanghaiDate(v) : '')
const str = (v: unknown): string => (typeof v === 'string' ? v : '')
const yuanText = (fen: number | null): string => (fen === null ? '' : (fen / 100).toFixed(2))

const memberRow = (d: Doc, orgName: (id: string) => string): FigureRecordRow => ({
  id: d._id,
  title: maskName(str(d.name)),
  sub: [str(d.memberNo), EMPLOYMENT_TYPE_LABELS[d.employmentType as keyof typeof EMPLOYMENT_TYPE_LABELS] ?? '', d.migrant ? '农民工' : ''].filter(Boolean).join(' · '),
  date: str(d.joinedDate),
  amountFen: null,
  orgName: orgName(str(d.orgId)),
})
const memberColumns = ['姓名', '会员编号 · 用工方式', '入会日期', '工会']
const basicCells = (r: FigureRecordRow) => [r.title, r.sub, r.date, r.orgName]

const LISTS: Record<FigureRecordList, ListSpec> = {
  orgsFormed: {
    collection: 'orgs',
    where: (year, _org, ids) => ({ _id: _().in(ids), formedAt: dayRange(year) }),
    order: 'formedAt',
    row: (d, orgName) => ({ id: d._id, title: str(d.name), sub: ORG_KIND_LABELS[d.kind as keyof typeof ORG_KIND_LABELS] ?? '', date: str(d.formedAt), amountFen: null, orgName: orgName(str(d.parentId)) }),
    columns: ['工会名称', '类型', '组建日期', '上级'],
    cells: basicCells,
  },
  membersRecruited: {
    collection: 'memberships',
    where: (year, org) => ({ orgPath: org._id, joinedDate: dayRange(year) }),
    order: 'joinedDate',
    row: memberRow,
    columns: memberColumns,
    cells: basicCells,
  },
  membersMigrant: {
    collection: 'memberships',
    where: (year, org) => ({ orgPath: org._id, joinedDate: dayRange(year), migrant: true }),
    order: 'joinedDate',
    row: memberRow,
    columns: memberColumns,
    cells: basicCells,
  },
  membersTotal: {
    collection: 'memberships',
    where: (year, org) => ({ orgPath: org._id, status: 'active', joinedDate: _().lte(`${year}-12-31`) }),
    order: 'joinedDate',
    row: memberRow,
    columns: memberColumns,
    cells: basicCells,
  },
  legalAccepted: {
    collection: 'legalCases',
    where: (year, org) => ({ orgPath: org._id, acceptedAt: instantRange(year) }),
    order: 'acceptedAt',
    row: (d, orgName) => ({
      id: d._id,
      title: maskName(str((d.applicant as { name?: string } | null)?.name) || '职工'),
      sub: [DISPUTE_TYPE_LABELS[(d.ruleFacts as { disputeType?: keyof typeof DISPUTE_TYPE_LABELS })?.disputeType ?? ('' as never)] ?? '', str((d.employer as { name?: string })?.name)].filter(Boolean).join(' · '),
      date: dateOf(d.acceptedAt),
      amountFen: null,
      orgName: orgName(str(d.orgId)),
    }),
    columns: ['申请人', '纠纷 · 单位', '受理日期', '工会'],
    cells: basicCells,
  },
  legalClosed: {
    collection: 'legalCases',
    where: (year, org) => ({ orgPath: org._id, state: 'closed', closedAt: instantRange(year) }),
    order: 'closedAt',
    row: (d, orgName) => {
      const outcome = (d.outcome as { kind?: keyof typeof OUTCOME_KIND_LABELS; recoveredFen?: number; workersHelped?: number } | null) ?? {}
      return {
        id: d._id,
        title: maskName(str((d.applicant as { name?: string } | null)?.name) || '职工'),
        sub: [OUTCOME_KIND_LABELS[outcome.kind ?? ('' as never)] ?? '', `帮助 ${outcome.workersHelped ?? 0} 人`].filter(Boolean).join(' · '),
        date: dateOf(d.closedAt),
        amountFen: outcome.recoveredFen ?? 0,
        orgName: orgName(str(d.orgId)),
      }
    },
    columns: ['申请人', '结果 · 帮助人数', '结案日期', '工会', '追回金额（元）'],
    cells: (r) => [...basicCells(r), yuanText(r.amountFen)],
  },
  aidEnrolled: {
    collection: 'aidEnrollments',
    where: (year, org) => ({ orgPath: org._id, termStart: dayRange(year) }),
    order: 'termStart',
    row: (d, orgName) => ({ id: d._id, title: maskName(str(d.name)), sub: `${str(d.planId)} · ${d.shares ?? 1} 份`, date: `${str(d.termStart)} 至 ${str(d.termEnd)}`, amountFen: null, orgName: orgName(str(d.orgId)) }),
    columns: ['姓名', '保障计划 · 份数', '保障期', '单位工会'],
    cells: basicCells,
  },
  aidClaimsPaid: {
    collection: 'aidClaims',
    where: (year, org) => ({ orgPath: org._id, state: 'paid', paidDate: dayRange(year) }),
    order: 'paidDate',
    row: (d, orgName) => ({ id: d._id, title: maskName(str(d.name)), sub: str(d.planName), date: str(d.paidDate), amountFen: typeof d.paidFen === 'number' ? d.paidFen : 0, orgName: orgName(str(d.orgId)) }),
    columns: ['姓名', '保障计划', '打款日期', '工会', '理赔金额（元）'],
    cells: (r) => [...basicCells(r), yuanText(r.amountFen)],
  },
  stations: {
    collection: 'stations',
    where: (year, org) => ({ hostOrgPath: org._id, createdAt: _().lt(yearBounds(year).end) }),
    order: 'createdAt',
    row: (d, orgName) => ({ id: d._id, title: str(d.name), sub: str(d.address), date: dateOf(d.createdAt), amountFen: null, orgName: orgName(str(d.hostOrgId)) }),
    columns: ['驿站', '地址', '建站日期', '所属工会'],
    cells: basicCells,
  },
  stationVisits: {
    collection: 'stationVisits',
    where: (year, _org, ids) => ({ hostOrgId: _().in(ids), at: instantRange(year) }),
    order: 'at',
    row: (d, orgName) => ({ id: d._id, title: '职工到站', sub: str(d.stationName) || str(d.stationId), date: dateOf(d.at), amountFen: null, orgName: orgName(str(d.hostOrgId)) }),
    columns: ['服务', '驿站', '日期', '所属工会'],
    cells: basicCells,
  },
}

export const listSpec = (list: FigureRecordList): ListSpec => LISTS[list]

/** One page of a list (offset paging, oldest first). */
export async function recordsPage(list: FigureRecordList, year: number, org: OrgRecord, subtree: OrgRecord[], offset: number, limit: number): Promise<FigureRecordRow[]> {
  const spec = LISTS[list]
  const names = new Map(subtree.map((o) => [o._id, o.name]))
  const where = spec.where(year, org, subtree.map((o) => o._id))
  const docs = await getDocs<Doc>((database().collection(spec.collection) as unknown as Query).where(where).orderBy(spec.order, 'asc').orderBy('_id', 'asc').skip(offset).limit(limit))
  // Station visits name their station (the visit keeps only its id).
  if (list === 'stationVisits') {
    const ids = [...new Set(docs.map((d) => str(d.stationId)))]
    const stations = ids.length ? await getDocs<Doc>(query('stations', { _id: _().in(ids) }).limit(100)) : []
    const stationNames = new Map(stations.map((s) => [s._id, str(s.name)]))
    for (const d of docs) d.stationName = stationNames.get(str(d.stationId)) ?? ''
  }
  return docs.map((d) => spec.row(d, (id) => names.get(id) ?? ''))
}
