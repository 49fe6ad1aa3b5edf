/**
 * 工作台 and 数据 through the real functions (issue 8): a request enters its union's queue in the
 * transaction that creates it, leaves it when decided, escalates to the federation when overdue (timer
 * with a fixed clock), grassroots staff never see another union's items, the counters always equal a
 * recomputation from the records (randomised sequences of decisions), and the Excel exports open.
 */
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { CALLERS } from '../support/matrix'
import { applyFresh, becomeMember, changesOf, applicationFor, code, data, recordingClient } from './membership.matrix'
import { caseOf, stepOf, HELPER } from './legalAid.matrix'
import { addDays, shanghaiDate } from '../../src/domain/calendar/working-days'
import type { Envelope } from '../../src/domain/envelope'
import type { AuditReply, ExportReply, FiguresReply, QueueReply, QueueRow, QueueSummary, ReconcileReply, SlaReply } from '../../src/domain/workspace/workspace.api'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

const { invoke, call: callMembership, leaks } = recordingClient(() => rt, 'membership')
const ws = <T>(openid: string | null, event: Record<string, unknown>) => invoke(openid, 'workspace', event) as Promise<Envelope<T>>
const { grassrootsX, grassrootsY, federation, admin } = CALLERS
const YEAR = Number(shanghaiDate(new Date()).slice(0, 4))

let people = 0
const newWorker = () => `o-test-ws-${++people}`

async function queueAll(openid: string, event: Record<string, unknown> = {}): Promise<QueueRow[]> {
  const out: QueueRow[] = []
  let cursor: number | null = 0
  while (cursor !== null) {
    const page: QueueReply = await data(ws<QueueReply>(openid, { action: 'queue', pageSize: 50, cursor, ...event }))
    out.push(...page.items)
    cursor = page.nextCursor
  }
  return out
}
const idsIn = (rows: QueueRow[]) => rows.map((r) => r.requestId)
const figures = (openid: string, orgId?: string) => data(ws<FiguresReply>(openid, { action: 'figures', year: YEAR, ...(orgId ? { orgId } : {}) }))
const decideJoin = (staff: string, id: string, version: number, decision: string, extra: Record<string, unknown> = {}) =>
  callMembership(staff, { action: 'decide', id, version, decision, ...extra })
const timer = (at: string, message = '') => rt.invokeAs(null, 'workspace', { Type: 'Timer', TriggerName: 'hourly', Time: at, Message: message }) as Promise<Envelope<{ escalated: number }>>
const reconcile = () => data(ws<ReconcileReply>(admin, { action: 'reconcile' }))

describe('one queue', () => {
  test('a join application enters its union’s queue when sent and leaves it when decided; the figure moves in the same step', async () => {
    const before = await figures(grassrootsX, 'org-fengda')
    const a = await applyFresh(invoke, newWorker(), { name: '周小红' })
    const mine = await queueAll(grassrootsX)
    const row = mine.find((r) => r.requestId === a.id)
    expect(row).toMatchObject({ type: 'membershipApplication', typeLabel: '入会', applicant: '周*红', step: '待审核', orgName: '江西丰达机械有限公司工会', ageText: '今天', escalated: false, waiting: 'staff' })
    expect(row?.link).toBe(`/subpackages/staff/pages/members-review/index?id=${a.id}`)
    expect(row?.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(row?.dueText).toMatch(/还剩 \d+ 个工作日/)
    expect(idsIn(await queueAll(federation, { view: 'subtree' }))).toContain(a.id)
    // Not the federation's turn yet: only escalated items of the unions below reach its own list.
    expect(idsIn(await queueAll(federation))).not.toContain(a.id)

    must(await decideJoin(grassrootsX, a.id, a.version, 'approve'))
    expect(idsIn(await queueAll(grassrootsX))).not.toContain(a.id)
    const after = await figures(grassrootsX, 'org-fengda')
    expect(after.own.membersRecruited).toBe(before.own.membersRecruited + 1)
    expect(after.own.membersTotal).toBe(before.own.membersTotal + 1)
    const handled = (f: FiguresReply) => f.own.handling.find((h) => h.type === 'membershipApplication')!
    expect(handled(after).handled).toBe(handled(before).handled + 1)
    expect(handled(after).inTimePercent).toBe(100)
    // The county total contains the union's numbers.
    expect((await figures(federation)).org.figures.membersRecruited).toBeGreaterThanOrEqual(after.own.membersRecruited)
  })

  test('waiting for the worker: out of the staff list, in 等职工, back after the worker answers', async () => {
    const who = newWorker()
    const a = await applyFresh(invoke, who)
    must(await decideJoin(grassrootsX, a.id, a.version, 'ask', { items: ['occupation'] }))
    expect(idsIn(await queueAll(grassrootsX))).not.toContain(a.id)
    const waiting = (await queueAll(grassrootsX, { view: 'worker' })).find((r) => r.requestId === a.id)
    expect(waiting).toMatchObject({ step: '等职工补材料', waiting: 'worker', flag: 'none' })
    must(await callMembership(who, { action: 'resubmit', id: a.id, version: 2, changes: changesOf(applicationFor(a.idNumber), { occupation: '焊工' }) }))
    expect(idsIn(await queueAll(grassrootsX))).toContain(a.id)
  })

  test('closing the account re-keys the queue items with the requests: none points at the WeChat user any more', async () => {
    const who = newWorker()
    const a = await applyFresh(invoke, who)
    expect(await rt.emulator.db.count('workItems', { ownerOpenid: who })).toBe(1)
    must(await invoke(who, 'privacy', { action: 'closeAccount', confirm: '注销' }))
    expect(await rt.emulator.db.count('workItems', { ownerOpenid: who })).toBe(0)
    expect(await rt.emulator.db.count('memberApplications', { ownerOpenid: who })).toBe(0)
    expect(idsIn(await queueAll(grassrootsX))).toContain(a.id)
  })

  test('filters: type, search by number or masked name, overdue/due soon', async () => {
    const a = await applyFresh(invoke, newWorker(), { name: '欧阳娜娜' })
    const number = a.id.slice(-6).toUpperCase()
    expect(idsIn(await queueAll(grassrootsX, { q: number }))).toEqual([a.id])
    expect(idsIn(await queueAll(grassrootsX, { q: '欧**娜' }))).toContain(a.id)
    expect(idsIn(await queueAll(grassrootsX, { type: 'aidClaim' }))).not.toContain(a.id)
    expect(idsIn(await queueAll(grassrootsX, { type: 'membershipApplication' }))).toContain(a.id)
    expect(idsIn(await queueAll(grassrootsX, { flag: 'overdue' }))).not.toContain(a.id)
    const summary = await data(ws<QueueSummary>(grassrootsX, { action: 'queueSummary' }))
    expect(summary.waiting).toBe((await queueAll(grassrootsX)).length)
  })

  test('a grassroots union never sees another union’s items, in any view; a worker is refused', async () => {
    const a = await applyFresh(invoke, newWorker())
    for (const view of ['mine', 'subtree', 'escalated', 'worker']) {
      const rows = await queueAll(grassrootsY, { view })
      expect(idsIn(rows)).not.toContain(a.id)
      for (const r of rows) expect(r.orgName).toBe('广丰区实验小学工会')
    }
    expect(code(await ws(grassrootsY, { action: 'figures', year: YEAR, orgId: 'org-fengda' }))).toBe('AUTH.FORBIDDEN')
    expect(code(await ws(CALLERS.workerA, { action: 'queue' }))).toBe('AUTH.FORBIDDEN')
    expect(code(await rt.invokeAs(CALLERS.workerA, 'workspace', { Type: 'Timer', TriggerName: 'hourly', Message: 'rebuild' }) as Envelope<unknown>)).toBe('REQUEST.UNKNOWN_ACTION')
  })
})

describe('escalation (timer, fixed clock)', () => {
  test('past its last day an item moves up to the federation once, with an audit entry; the federation decides it and the figure changes', async () => {
    const a = await applyFresh(invoke, newWorker())
    const row = (await queueAll(grassrootsX)).find((r) => r.requestId === a.id)!
    const due = row.dueDate!
    // The evening of the last day: not yet.
    await timer(`${due}T12:00:00Z`)
    expect((await queueAll(grassrootsX)).find((r) => r.requestId === a.id)?.escalated).toBe(false)
    // The next morning in Shanghai: escalated.
    const swept = await timer(`${addDays(due, 1)}T01:00:00Z`)
    expect(swept.ok && swept.data.escalated).toBeGreaterThanOrEqual(1)
    const fed = (await queueAll(federation)).find((r) => r.requestId === a.id)
    expect(fed).toMatchObject({ escalated: true, orgName: '江西丰达机械有限公司工会' })
    expect(idsIn(await queueAll(federation, { view: 'escalated' }))).toContain(a.id)
    expect(idsIn(await queueAll(grassrootsX, { view: 'escalated' }))).toContain(a.id)
    // Once: a second sweep leaves it (and its audit) alone.
    await timer(`${addDays(due, 2)}T01:00:00Z`)
    const audits = (await rt.emulator.db.find('audit', { action: 'workItem.escalate', 'target.id': a.id })) as unknown[]
    expect(audits).toHaveLength(1)

    const before = await figures(federation)
    must(await decideJoin(federation, a.id, a.version, 'approve'))
    expect(idsIn(await queueAll(federation))).not.toContain(a.id)
    const after = await figures(federation)
    expect(after.org.figures.membersRecruited).toBe(before.org.figures.membersRecruited + 1)
  })

  test('the federation’s own items do not escalate further', async () => {
    const who = newWorker()
    // A non-member's legal-aid request is held by the federation itself.
    const c = await caseOf(invoke, who)
    const row = (await queueAll(federation)).find((r) => r.requestId === c.id)!
    expect(row).toMatchObject({ type: 'legalAidCase', step: '待审查' })
    await timer(`${addDays(row.dueDate!, 3)}T01:00:00Z`)
    expect((await queueAll(federation)).find((r) => r.requestId === c.id)?.escalated).toBe(false)
  })
})

describe('figures equal a recomputation from the records', () => {
  type Op = 'apply' | 'approve' | 'reject' | 'ask' | 'withdraw' | 'race' | 'legal' | 'legalClose'
  const op = fc.constantFrom<Op>('apply', 'approve', 'approve', 'reject', 'ask', 'withdraw', 'race', 'legal', 'legalClose')

  test('after randomised sequences of decisions (incl. two staff deciding at once) no counter differs', async () => {
    const runs = fc.sample(fc.array(op, { minLength: 6, maxLength: 12 }), { numRuns: 3, seed: 20261122 })
    for (const ops of runs) {
      const open: Array<{ id: string; version: number; who: string }> = []
      const accepted: Array<{ id: string; version: number }> = []
      const before = await figures(federation)
      let approvals = 0
      let recovered = 0
      for (const o of ops) {
        const pick = open.shift()
        if (o === 'apply' || !pick) {
          const who = newWorker()
          open.push({ ...(await applyFresh(invoke, who)), who })
          if (pick) open.unshift(pick)
          continue
        }
        if (o === 'approve') {
          must(await decideJoin(grassrootsX, pick.id, pick.version, 'approve'))
          approvals++
        } else if (o === 'reject') must(await decideJoin(federation, pick.id, pick.version, 'reject', { reason: 'info_not_true' }))
        else if (o === 'ask') must(await decideJoin(grassrootsX, pick.id, pick.version, 'ask', { items: ['occupation'] }))
        else if (o === 'withdraw') must(await callMembership(pick.who, { action: 'withdraw', id: pick.id, version: pick.version }))
        else if (o === 'race') {
          const replies = await Promise.all([decideJoin(grassrootsX, pick.id, pick.version, 'approve'), decideJoin(federation, pick.id, pick.version, 'approve')])
          expect(replies.filter((r) => r.ok)).toHaveLength(1)
          approvals++
        } else if (o === 'legal') {
          const c = await caseOf(invoke, newWorker())
          accepted.push(await stepOf(invoke, federation, c, { decision: 'accept', input: { helpForms: ['mediation'], helper: HELPER } }))
          open.unshift(pick)
        } else if (o === 'legalClose') {
          const c = accepted.shift()
          if (c) {
            await stepOf(invoke, federation, c, { decision: 'close', input: { kind: 'mediated', recovered: '3500', workersHelped: 2 } })
            recovered += 350_000
          }
          open.unshift(pick)
        }
      }
      const report = await reconcile()
      expect(report.differences).toEqual([])
      const after = await figures(federation)
      expect(after.org.figures.membersRecruited - before.org.figures.membersRecruited).toBe(approvals)
      expect(after.org.figures.legalRecoveredFen - before.org.figures.legalRecoveredFen).toBe(recovered)
    }
  }, 240_000)

  test('closing a legal-aid case counts the case, the money recovered and the workers helped, in the closing union', async () => {
    const before = await figures(federation)
    const c = await caseOf(invoke, newWorker())
    const accepted = await stepOf(invoke, federation, c, { decision: 'accept', input: { helpForms: ['mediation'], helper: HELPER } })
    await stepOf(invoke, federation, accepted, { decision: 'close', input: { kind: 'mediated', recovered: '12000', workersHelped: 7 } })
    const after = await figures(federation)
    expect(after.own.legalAccepted - before.own.legalAccepted).toBe(1)
    expect(after.own.legalClosed - before.own.legalClosed).toBe(1)
    expect(after.own.legalRecoveredFen - before.own.legalRecoveredFen).toBe(1_200_000)
    expect(after.own.legalWorkersHelped - before.own.legalWorkersHelped).toBe(7)
    const rows = await data(ws<{ items: Array<{ id: string; amountFen: number | null }> }>(federation, { action: 'figureRecords', list: 'legalClosed', year: YEAR, pageSize: 50 }))
    expect(rows.items.find((r) => r.id === c.id)?.amountFen).toBe(1_200_000)
  })

  test('a counter changed behind the records’ back is reported by the reconciliation', async () => {
    const [doc] = (await rt.emulator.db.find('figures', { orgId: 'org-fengda', year: YEAR })) as Array<{ _id: string; counts: Record<string, number> }>
    await rt.emulator.db.update('figures', { _id: doc._id }, { $inc: { 'counts.membersRecruited': 5 } })
    const report = await reconcile()
    expect(report.differences).toEqual([expect.objectContaining({ cell: `${YEAR}|org-fengda`, key: 'membersRecruited' })])
    const d = report.differences[0]
    expect(d.counted - d.recomputed).toBe(5)
    expect((await figures(federation)).lastCheck?.differences).toBe(1)
    await rt.emulator.db.update('figures', { _id: doc._id }, { $inc: { 'counts.membersRecruited': -5 } })
    expect((await reconcile()).differences).toEqual([])
  })
})

describe('exports and audit', () => {
  const open = async (r: ExportReply) => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(r.contentBase64, 'base64') as unknown as ArrayBuffer)
    return wb.worksheets[0]
  }

  test('the figures, a record list and the queue open in Excel with Chinese headers and the right rows', async () => {
    await becomeMember(invoke, newWorker(), { name: '钱多多' })
    const f = await figures(federation)
    const sheet = await open(await data(ws<ExportReply>(federation, { action: 'exportFigures', year: YEAR })))
    expect(sheet.getRow(1).values).toEqual([undefined, `${YEAR} 年`, '单位', '广丰区总工会（合计）', '广丰区总工会（本级）', expect.any(String), expect.any(String), expect.any(String), expect.any(String), expect.any(String)])
    const line = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === '发展会员')!
    expect(line.getCell(3).value).toBe(f.org.figures.membersRecruited)

    const list = await data(ws<ExportReply>(grassrootsX, { action: 'exportRecords', list: 'membersRecruited', year: YEAR }))
    const listSheet = await open(list)
    expect(listSheet.getRow(1).values).toEqual([undefined, '姓名', '会员编号 · 用工方式', '入会日期', '工会'])
    expect(listSheet.rowCount - 1).toBe(list.rows)
    const own = await figures(grassrootsX)
    expect(list.rows).toBe(own.own.membersRecruited)
    const names = listSheet.getRows(2, listSheet.rowCount - 1)!.map((r) => String(r.getCell(1).value))
    expect(names).toContain('钱*多')

    const q = await data(ws<ExportReply>(grassrootsX, { action: 'exportQueue' }))
    expect(q.rows).toBe((await queueAll(grassrootsX)).length)
    expect((await open(q)).getRow(1).getCell(1).value).toBe('编号')
  })

  test('审计: who did what to which record, filtered by area and by views of personal data, scoped to the union', async () => {
    const a = await applyFresh(invoke, newWorker())
    must(await callMembership(grassrootsX, { action: 'revealContact', id: a.id }))
    must(await decideJoin(grassrootsX, a.id, a.version, 'approve'))
    const number = a.id.slice(-6)
    const mine = await data(ws<AuditReply>(grassrootsX, { action: 'audit', q: number }))
    expect(mine.items.map((i) => i.action)).toEqual(expect.arrayContaining(['membershipApplication.submit', 'membershipApplication.approve', 'privacy.reveal']))
    const approve = mine.items.find((i) => i.action === 'membershipApplication.approve')!
    expect(approve).toMatchObject({ who: '张卫东（江西丰达机械有限公司工会）', actionLabel: '入会·通过', from: 'submitted', to: 'approved', reveal: false })
    const reveals = await data(ws<AuditReply>(grassrootsX, { action: 'audit', revealsOnly: true, q: number }))
    expect(reveals.items.map((i) => i.action)).toEqual(['privacy.reveal'])
    expect(reveals.items[0].reveal).toBe(true)
    const area = await data(ws<AuditReply>(grassrootsX, { action: 'audit', area: 'aid' }))
    expect(area.items.every((i) => /^(mutualAid|aidClaim)\./.test(i.action))).toBe(true)
    expect((await data(ws<AuditReply>(grassrootsY, { action: 'audit', q: number }))).items).toEqual([])
    expect((await data(ws<AuditReply>(federation, { action: 'audit', q: number }))).items.length).toBeGreaterThanOrEqual(3)
  })

  test('办理时限: staff read them, only the admin changes them; each change is a version in the history and the audit', async () => {
    const read = await data(ws<SlaReply>(grassrootsX, { action: 'sla' }))
    expect(read.sla.stationReport).toBe(3)
    const changed = { ...read.sla, stationReport: 2 }
    expect(code(await ws(federation, { action: 'saveSla', sla: changed }))).toBe('AUTH.FORBIDDEN')
    expect(code(await ws(admin, { action: 'saveSla', sla: { ...changed, stationReport: 0 } }))).toBe('VALIDATION.INVALID')
    const saved = await data(ws<SlaReply>(admin, { action: 'saveSla', sla: changed }))
    expect(saved.version).toBe(read.version + 1)
    expect((await data(ws<SlaReply>(grassrootsY, { action: 'sla' }))).sla.stationReport).toBe(2)
    const history = await data(invoke(admin, 'admin', { action: 'ruleHistory', tableId: 'workspace' }) as Promise<Envelope<{ versions: Array<{ version: number; data: Record<string, number> }> }>>)
    expect(history.versions[0]).toMatchObject({ version: saved.version, data: expect.objectContaining({ stationReport: 2 }) })
    await data(ws<SlaReply>(admin, { action: 'saveSla', sla: read.sla }))
  })

  test('no reply or log line carries an ID, card or phone number', () => {
    expect(leaks()).toEqual([])
  })
})

function must(r: unknown): Record<string, unknown> {
  const reply = r as Envelope<Record<string, unknown>>
  if (!reply.ok) throw new Error(JSON.stringify(reply.error))
  return reply.data
}
