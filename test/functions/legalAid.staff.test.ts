/**
 * 法律援助 for staff through the real `legalAid` function on the emulator: the triage queue (urgent first,
 * recomputed on every read, over every open case in scope, across pages), hand-over to another union
 * and who may act on the case afterwards, revealing the applicant (audited), messages to the worker
 * only, the xlsx export, the rule table (admin only, used by the next check) and closing an account.
 */
import ExcelJS from 'exceljs'
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { CALLERS } from '../support/matrix'
import type { Envelope } from '../../src/domain/envelope'
import { addDays } from '../../src/domain/calendar/working-days'
import { DEMO_LEGAL_AID_RULES } from '../../src/domain/legal-aid/legal-aid.rules'
import type { CaseReview, CaseRow, CaseView, CheckReply, ExportReply, Page, RulesReply } from '../../src/domain/legal-aid/legal-aid.api'
import type { MyData } from '../../src/domain/privacy/privacy.schema'
import { findPersonalNumbers } from '../../src/domain/privacy/redact'
import { becomeMember, code, data } from './membership.matrix'
import { ago, caseOf, HELPER, legalClient, ORG_X, ORG_Y, stepOf, submitEvent, today, wageRequest } from './legalAid.matrix'

// each test calls the function dozens of times; under a loaded machine that takes longer than jest's 5 s
jest.setTimeout(30_000)

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

const { replies, invoke, call, leaks } = legalClient(() => rt)
const { grassrootsX, grassrootsY, federation, admin } = CALLERS
/** Staff of 广丰区总工会驻上海农民工维权服务站: another grassroots union. */
const stationStaff = 'o-demo-chen'

let people = 0
const newWorker = () => `o-test-legal-staff-${++people}`
const denials = (openid: string) => rt.emulator.db.count('audit', { action: 'auth.denied', 'actor.openid': openid })
const caseDoc = (id: string) => rt.emulator.db.findOne('legalCases', { _id: id }) as Record<string, unknown>
const decideAs = (openid: string, c: { id: string; version: number }, step: Record<string, unknown>) => call(openid, { action: 'decide', id: c.id, version: c.version, step })

/** Every row of a queue, page by page. */
async function wholeQueue(openid: string, filter: string, pageSize: number): Promise<CaseRow[]> {
  const rows: CaseRow[] = []
  let cursor: number | null = 0
  for (let pages = 0; cursor !== null && pages < 500; pages++) {
    const page: Page<CaseRow> = await data(call<Page<CaseRow>>(openid, { action: 'queue', filter, pageSize, ...(cursor ? { cursor } : {}) }))
    rows.push(...page.items)
    cursor = page.nextCursor
  }
  return rows
}

// ---------------------------------------------------------------------------------------------------

describe('the triage queue', () => {
  test('urgent first — near the limitation date, then 群体性, then the oldest — over every open case in scope, across pages', async () => {
    // plain cases (no flags) of workers who are not migrants, owed wages, income not given
    const plain = (patch: Record<string, unknown> = {}) => wageRequest({ migrant: false, ...patch })
    const oldest = await caseOf(invoke, newWorker(), plain())
    const group = await caseOf(invoke, newWorker(), plain({ workersAffected: 23 }))
    const newer = await caseOf(invoke, newWorker(), plain())
    const nearLimit = await caseOf(invoke, newWorker(), plain({ dates: { entryDate: ago(900), terminationDate: addDays(ago(365), 12) } }))
    const migrant = await caseOf(invoke, newWorker(), wageRequest())
    // more cases than one page holds, so the order must hold across pages (read 100 at a time on the server)
    for (let i = 0; i < 105; i++) await caseOf(invoke, newWorker(), plain())

    const rows = await wholeQueue(federation, 'review', 7)
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length)
    const mine = [nearLimit, group, migrant, oldest, newer].map((c) => c.id)
    expect(rows.map((r) => r.id).filter((id) => mine.includes(id))).toEqual(mine)
    const row = (id: string) => rows.find((r) => r.id === id)!
    expect(row(nearLimit.id).flags.map((f) => f.code)).toEqual(['limitation_urgent'])
    expect(row(nearLimit.id).flags[0].label).toBe('仲裁时效很快就到')
    expect(row(group.id)).toMatchObject({ score: 4, workersAffected: 23, flags: [{ code: 'group', label: '群体性（很多工友）' }] })
    expect(row(migrant.id)).toMatchObject({ score: 2, migrant: true })
    expect(row(oldest.id)).toMatchObject({ score: 0, flags: [], amountText: '12,000 元', disputeLabel: '欠薪', stateLabel: '已收到，等工会审核' })
    expect(row(oldest.id).dueText).toMatch(/^还剩 \d+ 个工作日$/)
    // rows are sorted by score, then the oldest first
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]]
      expect(a.score > b.score || (a.score === b.score && a.submittedAt <= b.submittedAt)).toBe(true)
    }

    // urgency is recomputed on read: the same case submitted long ago is now close to its last day
    rt.emulator.db.update('legalCases', { _id: newer.id }, { $set: { 'ruleFacts.dates.terminationDate': addDays(ago(365), 40) } })
    const again = await wholeQueue(federation, 'review', 50)
    expect(again.find((r) => r.id === newer.id)).toMatchObject({ score: 8, flags: [{ code: 'limitation_near', label: '仲裁时效快到了' }] })
  }, 120000)

  test('filters: waiting for the worker, active, ended; grassroots staff see only their union’s cases', async () => {
    const member = newWorker()
    await becomeMember(invoke, member)
    const atX = await caseOf(invoke, member)
    const asked = await stepOf(invoke, grassrootsX, atX, { decision: 'ask', input: { items: ['labour_proof'] } })
    const needs = await data(call<Page<CaseRow>>(grassrootsX, { action: 'queue', filter: 'needs_info' }))
    expect(needs.items.map((r) => r.id)).toEqual([atX.id])
    expect(needs.items[0].dueText).toContain('暂停')
    expect((await data(call<Page<CaseRow>>(grassrootsY, { action: 'queue', filter: 'all' }))).items).toEqual([])
    await stepOf(invoke, grassrootsX, asked, { decision: 'decline', input: { reason: 'info_not_provided' } })
    const done = await data(call<Page<CaseRow>>(grassrootsX, { action: 'queue', filter: 'done' }))
    expect(done.items.map((r) => [r.id, r.state, r.score, r.flags])).toEqual([[atX.id, 'declined', 0, []]])
    expect((await data(call<Page<CaseRow>>(grassrootsX, { action: 'queue' }))).items).toEqual([])
    // federation staff see the case of the union below them
    expect((await wholeQueue(federation, 'done', 50)).some((r) => r.id === atX.id && r.orgName === '江西丰达机械有限公司工会')).toBe(true)
    // a worker has no queue (audited)
    const before = denials(member)
    expect(code(await call(member, { action: 'queue' }))).toBe('AUTH.FORBIDDEN')
    expect(denials(member)).toBe(before + 1)
  })
})

describe('handing a case to another union (异地协作)', () => {
  test('the receiving union can act on it; the union that handed it over and another grassroots union cannot (denied and audited)', async () => {
    const who = newWorker()
    await becomeMember(invoke, who)
    const s = await caseOf(invoke, who)
    expect(caseDoc(s.id)).toMatchObject({ orgId: ORG_X, orgPath: ['org-fed', ORG_X] })

    // org X reviews it and sees where it could go
    const review = await data(call<CaseReview>(grassrootsX, { action: 'review', id: s.id }))
    expect(review.actions).toEqual(expect.arrayContaining(['startReview', 'ask', 'accept', 'decline', 'handover']))
    expect(review.handoverTargets.map((t) => t.id)).toEqual(expect.arrayContaining([ORG_Y, 'org-fed', 'org-shanghai']))
    expect(review.handoverTargets.some((t) => t.id === ORG_X)).toBe(false)

    const v2 = await stepOf(invoke, grassrootsX, s, { decision: 'startReview' })
    const moved = await stepOf(invoke, grassrootsX, v2, { decision: 'handover', input: { toOrgId: ORG_Y, note: '单位在实验小学那边' } })
    expect(caseDoc(s.id)).toMatchObject({ orgId: ORG_Y, orgPath: ['org-fed', ORG_Y], state: 'submitted' })

    // the old union no longer reaches it
    const beforeX = denials(grassrootsX)
    for (const event of [
      { action: 'review', id: s.id },
      { action: 'decide', id: s.id, version: moved.version, step: { decision: 'startReview' } },
      { action: 'revealApplicant', id: s.id },
    ]) {
      expect({ event: event.action, code: code(await call(grassrootsX, event)) }).toEqual({ event: event.action, code: 'AUTH.FORBIDDEN' })
    }
    expect(denials(grassrootsX)).toBe(beforeX + 3)
    expect((await data(call<Page<CaseRow>>(grassrootsX, { action: 'queue', filter: 'all' }))).items.some((r) => r.id === s.id)).toBe(false)

    // nor does a third grassroots union
    const beforeStation = denials(stationStaff)
    expect(code(await call(stationStaff, { action: 'review', id: s.id }))).toBe('AUTH.FORBIDDEN')
    expect(code(await decideAs(stationStaff, moved, { decision: 'accept', input: { helpForms: ['mediation'] } }))).toBe('AUTH.FORBIDDEN')
    expect(denials(stationStaff)).toBe(beforeStation + 2)

    // the receiving union does; its review clock starts at the hand-over
    expect((await data(call<Page<CaseRow>>(grassrootsY, { action: 'queue' }))).items.map((r) => r.id)).toContain(s.id)
    const there = await data(call<CaseReview>(grassrootsY, { action: 'review', id: s.id }))
    expect(there).toMatchObject({ orgId: ORG_Y, orgName: '广丰区实验小学工会', state: 'submitted' })
    expect(there.history[there.history.length - 1]).toMatchObject({ label: '转给「广丰区实验小学工会」办理', who: '江西丰达机械有限公司工会', note: '单位在实验小学那边' })
    expect(new Date(caseDoc(s.id).reviewStart as Date).getTime()).toBeGreaterThan(new Date(caseDoc(s.id).createdAt as Date).getTime())
    const accepted = await stepOf(invoke, grassrootsY, moved, { decision: 'accept', input: { helpForms: ['mediation'], helper: HELPER } })
    expect(accepted.version).toBe(moved.version + 1)
    // the worker sees who holds it now
    expect((await data(call<CaseView>(who, { action: 'caseDetail', id: s.id }))).orgName).toBe('广丰区实验小学工会')
  })

  test('a hand-over racing a decision of the old union: the old union’s step is refused once the case has moved', async () => {
    for (let round = 0; round < 5; round++) {
      const who = newWorker()
      await becomeMember(invoke, who)
      const s = await caseOf(invoke, who)
      const [a, b] = await Promise.all([
        decideAs(federation, s, { decision: 'handover', input: { toOrgId: ORG_Y } }),
        decideAs(grassrootsX, s, { decision: 'accept', input: { helpForms: ['mediation'] } }),
      ])
      expect({ round, ok: [a.ok, b.ok].filter(Boolean).length }).toEqual({ round, ok: 1 })
      expect(caseDoc(s.id).version).toBe(2)
    }
  })
})

describe('the applicant', () => {
  test('staff see the name masked; revealing name and phone is audited and the phone comes grouped', async () => {
    const s = await data(call<{ id: string }>(CALLERS.workerB, submitEvent(wageRequest())))
    const row = (await wholeQueue(federation, 'review', 50)).find((r) => r.id === s.id)!
    expect(row.maskedName).toBe('王*明')
    const before = rt.emulator.db.count('audit', { action: 'privacy.reveal', 'target.id': s.id })
    const revealed = await data(call<{ name: string; phone: string }>(federation, { action: 'revealApplicant', id: s.id }))
    expect(revealed).toEqual({ name: '王小明', phone: '159 7934 5678' })
    expect(findPersonalNumbers(JSON.stringify(revealed))).toEqual([])
    expect(rt.emulator.db.count('audit', { action: 'privacy.reveal', 'target.id': s.id, 'actor.openid': federation })).toBe(before + 1)
  })

  test('phone numbers in the worker’s words are masked for staff', async () => {
    const s = await caseOf(invoke, newWorker(), { facts: '包工头的电话是13912345678，打了很多次都不接，工资一直拖着。', employer: { name: '宏图劳务', address: '上海', contact: '包工头 刘 13912345678' } })
    const review = await data(call<CaseReview>(federation, { action: 'review', id: s.id }))
    expect(review.facts).toContain('139****5678')
    expect(review.employer.contact).toBe('包工头 刘 139****5678')
    expect(findPersonalNumbers(JSON.stringify(review))).toEqual([])
  })
})

describe('messages', () => {
  test('only the worker is told — never the employer or anyone else; no numbers in them', async () => {
    const who = newWorker()
    rt.emulator.outbox.clear()
    let c = await caseOf(invoke, who, { employer: { name: '宏达劳务', address: '上海', contact: '老板 13800001111' } })
    c = await stepOf(invoke, federation, c, { decision: 'startReview' })
    c = await stepOf(invoke, federation, c, { decision: 'ask', input: { items: ['wage_proof'] } })
    const resubmitted = await data(call<{ version: number }>(who, { action: 'resubmit', id: c.id, version: c.version, addition: '工资条在手机里，已经拍好了。' }))
    c = { id: c.id, version: resubmitted.version }
    c = await stepOf(invoke, federation, c, { decision: 'accept', input: { helpForms: ['mediation'] } })
    c = await stepOf(invoke, federation, c, { decision: 'assign', input: { helper: HELPER } })
    c = await stepOf(invoke, federation, c, { decision: 'progress', input: { note: '约了下周调解' } })
    c = await stepOf(invoke, federation, c, { decision: 'close', input: { kind: 'mediated', recovered: '12000', workersHelped: 1 } })
    const sent = rt.emulator.outbox.list()
    expect(sent.map((m) => m.touser)).toEqual([who, who, who, who, who])
    const field = (m: { data: unknown }, k: string) => (m.data as Record<string, { value: string }>)[k].value
    expect(sent.map((m) => [m.templateId, (m.data as Record<string, unknown>).phrase2 ? field(m, 'phrase2') : field(m, 'thing2')])).toEqual([
      ['local-needs_info', '欠多少钱的证据'],
      ['local-status_changed', '已受理'],
      ['local-status_changed', '已安排'],
      ['local-status_changed', '有新进展'],
      ['local-decided', '已办结'],
    ])
    expect(field(sent[4], 'thing4')).toBe('追回 12,000 元')
    expect(sent.every((m) => m.page === `subpackages/legal/pages/case/index?id=${c.id}`)).toBe(true)
    expect(rt.emulator.db.find('outbox', { 'source.id': c.id }).map((m) => (m as { templateKey: string }).templateKey)).toEqual(['needs_info', 'status_changed', 'status_changed', 'status_changed', 'decided'])
    expect(findPersonalNumbers(JSON.stringify(sent))).toEqual([])
  })
})

describe('the export', () => {
  test('an xlsx exceljs reads: type, union, state, outcome, money recovered, workers; masked names; scoped; audited', async () => {
    const who = newWorker()
    let c = await caseOf(invoke, CALLERS.workerA)
    c = await stepOf(invoke, federation, c, { decision: 'accept', input: { helpForms: ['mediation'], helper: HELPER } })
    await stepOf(invoke, federation, c, { decision: 'close', input: { kind: 'mediated', recovered: '12000', workersHelped: 3 } })
    await becomeMember(invoke, who)
    const atX = await caseOf(invoke, who)
    const year = Number(today().slice(0, 4))

    const r = await data(call<ExportReply>(federation, { action: 'exportCases', year }))
    expect(r.fileName).toBe(`法律援助-${year}-${today().replace(/-/g, '')}.xlsx`)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(r.contentBase64, 'base64') as unknown as ArrayBuffer)
    const sheet = wb.worksheets[0]
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1)
    expect(values(1)).toEqual(['编号', '提交日期', '申请人', '纠纷类型', '单位', '涉及人数', '农民工', '办理工会', '状态', '办理结果', '追回金额（元）', '帮助人数', '办结日期'])
    expect(sheet.rowCount - 1).toBe(r.rows)
    const rowOf = (id: string) => {
      for (let i = 2; i <= sheet.rowCount; i++) if (values(i)[0] === id) return values(i)
      return null
    }
    expect(rowOf(c.id)).toEqual([c.id, today(), '李*国', '欠薪', expect.any(String), 1, '是', '广丰区总工会', '已办结', '调解成功', 12000, 3, today()])
    expect(rowOf(atX.id)?.slice(7, 9)).toEqual(['江西丰达机械有限公司工会', '已收到，等工会审核'])
    expect(rt.emulator.db.count('audit', { action: 'legalAid.export', 'actor.openid': federation })).toBe(1)

    // grassroots staff export their own union only; another year is empty
    const x = await data(call<ExportReply>(grassrootsX, { action: 'exportCases' }))
    const wbX = new ExcelJS.Workbook()
    await wbX.xlsx.load(Buffer.from(x.contentBase64, 'base64') as unknown as ArrayBuffer)
    const ids = Array.from({ length: wbX.worksheets[0].rowCount - 1 }, (_, i) => (wbX.worksheets[0].getRow(i + 2).values as unknown[])[1])
    expect(ids).toContain(atX.id)
    expect(ids).not.toContain(c.id)
    expect((await data(call<ExportReply>(admin, { action: 'exportCases', year: 2021 }))).rows).toBe(0)
  })
})

describe('the rule table', () => {
  test('staff read it; only the admin changes it (audited), and the next check uses the new values', async () => {
    expect((await data(call<RulesReply>(grassrootsX, { action: 'rules' }))).rules).toEqual(DEMO_LEGAL_AID_RULES)
    const changed = { ...DEMO_LEGAL_AID_RULES, amountFloorFen: 200_000, minimumWageFen: 210_000 }
    for (const who of [grassrootsX, federation, CALLERS.workerA]) expect(code(await call(who, { action: 'saveRules', rules: changed }))).toBe('AUTH.FORBIDDEN')
    const bad = await call(admin, { action: 'saveRules', rules: { ...changed, urgentDays: 90, limitationWarnDays: 60 } })
    expect(code(bad)).toBe('VALIDATION.INVALID')
    expect(!bad.ok && bad.error.fieldErrors?.['rules.urgentDays']).toBe('紧急天数不能比提醒天数多')

    expect((await data(call<RulesReply>(admin, { action: 'saveRules', rules: changed }))).rules).toEqual(changed)
    expect(rt.emulator.db.count('audit', { action: 'legalAid.saveRules', 'actor.openid': admin })).toBe(1)
    const r = await data(call<CheckReply>(newWorker(), { action: 'check', request: wageRequest({ migrant: false, amount: '1500', householdIncomePerPerson: '1000' }) }))
    expect(r.eligibility.message).toContain('不到 2,000 元')
    await data(call(admin, { action: 'saveRules', rules: DEMO_LEGAL_AID_RULES }))
  })
})

describe('closing the account', () => {
  test('我的信息 counts the cases and the draft; closing keeps the case (re-keyed) and deletes the draft', async () => {
    const who = newWorker()
    await data(call(who, { action: 'saveDraft', draft: { step: 1, disputeType: 'injury' } }))
    await caseOf(invoke, who)
    await data(call(who, { action: 'saveDraft', draft: { step: 2, disputeType: 'contract' } }))
    const mine = (await invoke(who, 'privacy', { action: 'myData' })) as Envelope<MyData>
    expect(mine.ok && mine.data.records.filter((r) => r.label.startsWith('法律援助'))).toEqual([
      { label: '法律援助求助', count: 1 },
      { label: '法律援助草稿', count: 1 },
    ])
    expect((await invoke(who, 'privacy', { action: 'closeAccount', confirm: '注销' })) as Envelope<unknown>).toMatchObject({ ok: true })
    expect(rt.emulator.db.count('legalCases', { ownerOpenid: who })).toBe(0)
    expect(rt.emulator.db.count('legalDrafts', { ownerOpenid: who })).toBe(0)
    expect(rt.emulator.db.count('legalCases', { ownerOpenid: { $regex: '^closed-' } })).toBeGreaterThanOrEqual(1)
  })
})

test('no reply of this file carries an ID, card or phone number', () => {
  expect(replies.length).toBeGreaterThan(50)
  expect(leaks()).toEqual([])
})
