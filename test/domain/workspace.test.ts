/**
 * The staff queue and the year-end figures as pure rules (issue 8), with a fixed clock: which step waits
 * for whom and until when, queue order, due-soon / overdue flags, escalation, and which record counts
 * for which figure.
 */
import fc from 'fast-check'
import { WorkCalendar, DEMO_CALENDAR_2026 } from '../../src/domain/calendar/working-days'
import { DEMO_LEGAL_AID_RULES } from '../../src/domain/legal-aid/legal-aid.rules'
import {
  DEMO_SLA,
  compareQueue,
  dueFlag,
  projectWorkItem,
  shouldEscalate,
  type RequestLike,
  type WorkItemData,
  type WorkType,
} from '../../src/domain/workspace/work-item'
import { contributions, delta, differences, accumulate, yearFigures, type Counts } from '../../src/domain/workspace/figures.rules'

const cal = new WorkCalendar([DEMO_CALENDAR_2026])
const labels = { dispute: (c: string) => (c === 'wages' ? '讨工资' : c), problem: (c: string) => (c === 'no_water' ? '没有热水' : c) }
/** Noon in Shanghai on a day. */
const at = (day: string, hh = '12:00') => new Date(`${day}T${hh}:00+08:00`)
const ctxAt = (day: string, hh?: string) => ({ cal, sla: DEMO_SLA, now: at(day, hh) })

const request = (type: string, state: string, patch: Partial<RequestLike> = {}): RequestLike => ({
  _id: 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4',
  type,
  state,
  orgId: 'org-fengda',
  orgPath: ['org-fed', 'org-fengda'],
  createdAt: at('2026-11-02', '09:00'),
  history: [],
  ...patch,
})

describe('work items', () => {
  test('each step says whose turn it is, in words, and until which day', () => {
    const join = projectWorkItem('membershipApplication', request('membershipApplication', 'submitted', { name: '李建国', employerName: '江西丰达机械有限公司', dueDate: '2026-11-23' }), null, ctxAt('2026-11-02'), labels)
    expect(join).toMatchObject({ open: true, waiting: 'staff', step: '待审核', actOrgId: 'org-fengda', dueDate: '2026-11-23', applicant: '李*国', summary: '江西丰达机械有限公司' })
    expect(join.search).toContain('e5f6a1b2c3d4'.slice(-6).toUpperCase().toLowerCase())

    // Mutual aid: grassroots checks within 5 working days of submission; approval and payment are the federation's.
    const claim = request('aidClaim', 'submitted', { name: '陈芳', planName: '住院医疗互助' })
    expect(projectWorkItem('aidClaim', claim, null, ctxAt('2026-11-02'), labels)).toMatchObject({ step: '待基层审核', actOrgId: 'org-fengda', dueDate: '2026-11-09' })
    const checked = { ...claim, state: 'grassroots_checked', history: [{ at: at('2026-11-04'), to: 'grassroots_checked' }] }
    expect(projectWorkItem('aidClaim', checked, null, ctxAt('2026-11-04'), labels)).toMatchObject({ step: '待总工会审批', actOrgId: 'org-fed', actPath: ['org-fed'], dueDate: '2026-11-18' })
    expect(projectWorkItem('aidClaim', { ...claim, state: 'needs_docs' }, null, ctxAt('2026-11-04'), labels)).toMatchObject({ waiting: 'worker', dueDate: null, dueKey: '9999-12-31' })

    // Legal aid: the review clock of the case's own rules; after acceptance without a helper, the assignment clock.
    const legal = request('legalAidCase', 'submitted', { applicant: { name: '王小明', phone: null }, ruleFacts: { disputeType: 'wages' }, employer: { name: '上海宏达建筑' }, rules: DEMO_LEGAL_AID_RULES, reviewStart: at('2026-11-02', '09:00') })
    const l = projectWorkItem('legalAidCase', legal, null, ctxAt('2026-11-02'), labels)
    expect(l).toMatchObject({ step: '待审查', summary: '讨工资 · 上海宏达建筑', applicant: '王*明' })
    expect(l.dueDate).toBe(cal.addWorkingDays('2026-11-02', DEMO_LEGAL_AID_RULES.reviewWorkingDays))
    const acceptedNoHelper = { ...legal, state: 'accepted', assignStart: at('2026-11-05'), helper: null }
    expect(projectWorkItem('legalAidCase', acceptedNoHelper, null, ctxAt('2026-11-05'), labels)).toMatchObject({ step: '待指派律师', dueDate: cal.addWorkingDays('2026-11-05', DEMO_LEGAL_AID_RULES.assignWorkingDays) })
    expect(projectWorkItem('legalAidCase', { ...acceptedNoHelper, helper: { name: '周志刚' } }, null, ctxAt('2026-11-05'), labels)).toMatchObject({ waiting: 'helper', open: true, dueDate: null })

    // Stations: a report gets 3 working days; finished ones close.
    const report = request('stationReport', 'submitted', { stationName: '白鹤中大道驿站', problem: 'no_water' })
    expect(projectWorkItem('stationReport', report, null, ctxAt('2026-11-06'), labels)).toMatchObject({ summary: '白鹤中大道驿站 · 没有热水', dueDate: '2026-11-05', applicant: null })
    expect(projectWorkItem('stationReport', { ...report, state: 'resolved' }, null, ctxAt('2026-11-06'), labels)).toMatchObject({ open: false, step: '已修好' })
  })

  test('the first decision is kept with whether it kept the deadline', () => {
    const submitted = request('membershipApplication', 'submitted', { dueDate: '2026-11-23' })
    const first = projectWorkItem('membershipApplication', submitted, null, ctxAt('2026-11-02'), labels)
    const late = projectWorkItem('membershipApplication', { ...submitted, state: 'approved' }, first, ctxAt('2026-11-24'), labels)
    expect(late).toMatchObject({ open: false, decidedInTime: false, decidedOrgId: 'org-fengda' })
    expect(late.decidedAt).toEqual(at('2026-11-24'))
    const onTime = projectWorkItem('membershipApplication', { ...submitted, state: 'approved' }, first, ctxAt('2026-11-23', '23:59'), labels)
    expect(onTime.decidedInTime).toBe(true)
    // A later step (paid after approved) keeps the first decision.
    const claim = request('aidClaim', 'approved')
    const approved = projectWorkItem('aidClaim', claim, null, ctxAt('2026-11-10'), labels)
    const paid = projectWorkItem('aidClaim', { ...claim, state: 'paid' }, approved, ctxAt('2026-11-20'), labels)
    expect(paid.decidedAt).toEqual(approved.decidedAt)
  })

  test('re-projected with no earlier item (a rebuild), a decided request keeps the decision time of its history', () => {
    const decided = request('membershipApplication', 'approved', { dueDate: '2025-05-20', history: [{ at: at('2025-05-10'), to: 'approved' }] })
    const item = projectWorkItem('membershipApplication', decided, null, ctxAt('2026-11-22'), labels)
    expect(item.decidedAt).toEqual(at('2025-05-10'))
    expect(item.open).toBe(false)
  })

  test('flags on a fixed clock: due soon within 2 working days, overdue the day after the last day', () => {
    const item = { open: true, waiting: 'staff' as const, dueDate: '2026-11-23' }
    expect(dueFlag(item, cal, DEMO_SLA, at('2026-11-18'))).toBe('on_time')
    expect(dueFlag(item, cal, DEMO_SLA, at('2026-11-19'))).toBe('due_soon') // Fri, Mon → 2 working days
    expect(dueFlag(item, cal, DEMO_SLA, at('2026-11-23', '23:59'))).toBe('due_soon')
    expect(dueFlag(item, cal, DEMO_SLA, at('2026-11-24', '00:01'))).toBe('overdue')
    expect(dueFlag({ ...item, waiting: 'worker' }, cal, DEMO_SLA, at('2026-12-01'))).toBe('none')
    // 国庆 (10-01…10-07) does not count: on 09-29 three working days are left, on 09-30 two (10-08, 10-09).
    expect(dueFlag({ ...item, dueDate: '2026-10-09' }, cal, DEMO_SLA, at('2026-09-29'))).toBe('on_time')
    expect(dueFlag({ ...item, dueDate: '2026-10-09' }, cal, DEMO_SLA, at('2026-09-30'))).toBe('due_soon')
  })

  test('escalation: once, only past the last day, only below the federation; a new step starts over', () => {
    const submitted = request('aidClaim', 'submitted')
    const item = projectWorkItem('aidClaim', submitted, null, ctxAt('2026-11-02'), labels)
    expect(shouldEscalate(item, at(item.dueDate!, '23:59'))).toBe(false)
    expect(shouldEscalate(item, new Date(at(item.dueDate!, '23:59').getTime() + 120_000))).toBe(true)
    const escalated: WorkItemData = { ...item, escalated: true, escalatedAt: at('2026-11-10'), escalatedTo: 'org-fed' }
    expect(shouldEscalate(escalated, at('2026-12-01'))).toBe(false)
    // Re-projected in the same step (e.g. a note added): stays escalated.
    expect(projectWorkItem('aidClaim', submitted, escalated, ctxAt('2026-11-11'), labels)).toMatchObject({ escalated: true, escalatedTo: 'org-fed' })
    // The grassroots check moves it to the federation's own step: a new clock, not escalated.
    const checked = { ...submitted, state: 'grassroots_checked', history: [{ at: at('2026-11-11'), to: 'grassroots_checked' }] }
    expect(projectWorkItem('aidClaim', checked, escalated, ctxAt('2026-11-11'), labels)).toMatchObject({ escalated: false, escalatedTo: null, actOrgId: 'org-fed' })
    // Held by the federation itself: nowhere higher to go.
    const fedItem = projectWorkItem('aidClaim', checked, null, ctxAt('2026-11-11'), labels)
    expect(shouldEscalate(fedItem, at('2027-01-10'))).toBe(false)
  })

  test('queue order: earliest last day first, no deadline last, then oldest, then number (a total order)', () => {
    const row = fc.record({
      dueKey: fc.constantFrom('2026-11-20', '2026-11-23', '2026-12-01', '9999-12-31'),
      createdAt: fc.integer({ min: 0, max: 5 }).map((d) => at(`2026-11-0${d + 1}`)),
      requestId: fc.stringMatching(/^[0-9a-f]{4}$/),
    })
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const sorted = [...rows].sort(compareQueue)
        for (let i = 1; i < sorted.length; i++) {
          const [a, b] = [sorted[i - 1], sorted[i]]
          expect(a.dueKey <= b.dueKey).toBe(true)
          if (a.dueKey === b.dueKey) expect(a.createdAt.getTime() <= b.createdAt.getTime()).toBe(true)
        }
        // Same result whatever the input order.
        expect([...rows].reverse().sort(compareQueue)).toEqual(sorted)
      }),
    )
  })
})

describe('figures', () => {
  test('what each record counts for, in the Shanghai year of its event', () => {
    const member = {
      _id: 'm1',
      migrant: true,
      status: 'active',
      orgId: 'org-b',
      history: [
        { at: new Date('2025-12-31T17:00:00Z'), kind: 'joined', orgId: 'org-a', fromOrgId: null }, // 2026-01-01 01:00 in Shanghai
        { at: new Date('2026-06-01T02:00:00Z'), kind: 'transferred', orgId: 'org-b', fromOrgId: 'org-a' },
      ],
    }
    expect(contributions('membership', member)).toEqual([
      { year: 2026, orgId: 'org-a', key: 'membersRecruited', value: 1 },
      { year: 2026, orgId: 'org-a', key: 'membersMigrant', value: 1 },
      { year: 2026, orgId: 'org-a', key: 'membersNet', value: 1 },
      { year: 2026, orgId: 'org-a', key: 'membersNet', value: -1 },
      { year: 2026, orgId: 'org-b', key: 'membersNet', value: 1 },
    ])
    const closed = { _id: 'c1', orgId: 'org-fed', state: 'closed', acceptedAt: at('2025-12-20'), closedAt: at('2026-02-01'), outcome: { recoveredFen: 1_200_000, workersHelped: 3 } }
    expect(contributions('legalAidCase', closed)).toEqual([
      { year: 2025, orgId: 'org-fed', key: 'legalAccepted', value: 1 },
      { year: 2026, orgId: 'org-fed', key: 'legalClosed', value: 1 },
      { year: 2026, orgId: 'org-fed', key: 'legalRecoveredFen', value: 1_200_000 },
      { year: 2026, orgId: 'org-fed', key: 'legalWorkersHelped', value: 3 },
    ])
    expect(contributions('aidClaim', { _id: 'x', orgId: 'o', state: 'approved', paidFen: 100 })).toEqual([])
    expect(contributions('aidClaim', { _id: 'x', orgId: 'o', state: 'paid', paidFen: 395_000, paidDate: '2026-03-01' })).toEqual([
      { year: 2026, orgId: 'o', key: 'aidClaimsPaid', value: 1 },
      { year: 2026, orgId: 'o', key: 'aidPaidFen', value: 395_000 },
    ])
    expect(contributions('org', { _id: 'org-new', formedAt: '2026-04-18' })).toEqual([{ year: 2026, orgId: 'org-new', key: 'orgsFormed', value: 1 }])
    expect(contributions('org', { _id: 'org-old', formedAt: null })).toEqual([])
  })

  test('a change adds after − before; applying every change equals counting the final records (property)', () => {
    const state = fc.constantFrom('submitted', 'accepted', 'closed', 'declined')
    const caseRecord = fc.record({
      state,
      org: fc.constantFrom('org-a', 'org-b'),
      recovered: fc.integer({ min: 0, max: 5_000_000 }),
      year: fc.constantFrom(2025, 2026),
    })
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), caseRecord), { maxLength: 40 }), (changes) => {
        const records = new Map<number, Record<string, unknown>>()
        let running = new Map<string, Counts>()
        const toDoc = (id: number, r: { state: string; org: string; recovered: number; year: number }) => ({
          _id: `c${id}`,
          orgId: r.org,
          state: r.state,
          acceptedAt: r.state === 'submitted' || r.state === 'declined' ? null : at(`${r.year}-05-01`),
          closedAt: r.state === 'closed' ? at(`${r.year}-06-01`) : null,
          outcome: r.state === 'closed' ? { recoveredFen: r.recovered, workersHelped: 1 } : null,
        })
        for (const [id, r] of changes) {
          const after = toDoc(id, r)
          const d = delta('legalAidCase', records.get(id) ?? null, after)
          for (const [cell, counts] of d) {
            const c = running.get(cell) ?? {}
            for (const [k, v] of Object.entries(counts)) c[k as keyof Counts] = (c[k as keyof Counts] ?? 0) + (v as number)
            running.set(cell, c)
          }
          records.set(id, after)
        }
        const recomputed = accumulate(new Map(), [...records.values()].flatMap((r) => contributions('legalAidCase', r)))
        expect(differences(running, recomputed)).toEqual([])
        running = new Map()
      }),
    )
  })

  test('year figures: running totals count every year up to it; handling time as days and share in time', () => {
    const rows = [
      { year: 2025, counts: { membersNet: 100, stationsNet: 10, membersRecruited: 100 } },
      { year: 2026, counts: { membersNet: 20, stationsNet: 6, membersRecruited: 25, handled_membershipApplication: 4, inTime_membershipApplication: 3, hours_membershipApplication: 4 * 36 } },
      { year: 2027, counts: { membersNet: 999 } },
    ]
    const f = yearFigures(rows, 2026)
    expect(f).toMatchObject({ membersRecruited: 25, membersTotal: 120, stations: 16 })
    expect(f.handling.find((h) => h.type === ('membershipApplication' as WorkType))).toMatchObject({ handled: 4, inTime: 3, averageDays: 1.5, inTimePercent: 75 })
    expect(f.handling.find((h) => h.type === 'aidClaim')).toMatchObject({ handled: 0, averageDays: null, inTimePercent: null })
  })
})
