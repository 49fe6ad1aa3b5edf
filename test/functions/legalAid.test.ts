/**
 * 工会法律援助 through the real `legalAid` function on the emulator, the worker's side and the decisions:
 * drafts on the server, the check before submitting (eligibility in plain words, the limitation date),
 * submitting with evidence and content security, one open case per dispute, the whole way of a case
 * (review, asking for information with the clock paused, acceptance, a helper, progress, the outcome with
 * the money recovered) as the worker sees it, declining with a referral, and the refusals on the way.
 * The queue, hand-overs, messages, export and rules: legalAid.staff.test.ts; races: legalAid.race.test.ts.
 */
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { CALLERS } from '../support/matrix'
import type { Envelope } from '../../src/domain/envelope'
import { addDays, DEMO_CALENDAR_2026, shanghaiDate, WorkCalendar } from '../../src/domain/calendar/working-days'
import { oneYearAfter } from '../../src/domain/legal-aid/legal-aid.rules'
import type { CaseReview, CaseView, CheckReply, DecisionReply, DraftReply, SubmitReply } from '../../src/domain/legal-aid/legal-aid.api'
import { CONSENT_POLICIES } from '../../src/domain/consent/consent'
import { sampleBytes, uploadFile } from './files.matrix'
import { becomeMember, code, data } from './membership.matrix'
import { ago, caseOf, HELPER, legalClient, stepOf, submitEvent, today, wageRequest } from './legalAid.matrix'

// each test calls the function dozens of times; under a loaded machine that takes longer than jest's 5 s
jest.setTimeout(30_000)

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

const { replies, invoke, call, leaks } = legalClient(() => rt)
const { federation, admin } = CALLERS

let people = 0
const newWorker = () => `o-test-legal-${++people}`
const caseDoc = (id: string) => rt.emulator.db.findOne('legalCases', { _id: id }) as Record<string, unknown>
const cases = () => rt.emulator.db.count('legalCases', {})
const check = (openid: string, request: Record<string, unknown>) => data(call<CheckReply>(openid, { action: 'check', request }))
const submit = (openid: string, request: Record<string, unknown>, key?: string) => call<SubmitReply>(openid, submitEvent(request, key))
const detail = (openid: string, id: string) => data(call<CaseView>(openid, { action: 'caseDetail', id }))
const decideAs = (openid: string, c: { id: string; version: number }, step: Record<string, unknown>) => call<DecisionReply>(openid, { action: 'decide', id: c.id, version: c.version, step })
const upload = (openid: string, purpose = 'work_proof', name = '工资条.jpg') => uploadFile((e) => invoke(openid, 'files', e), sampleBytes('image/jpeg', 2000), { purpose, name })

// ---------------------------------------------------------------------------------------------------

describe('the draft on the server', () => {
  test('saved, read back, replaced by the next save; each person has their own; deleted when the request is submitted', async () => {
    const who = newWorker()
    expect(await data(call<DraftReply>(who, { action: 'getDraft' }))).toEqual({ draft: null, savedAt: null })
    const first = { step: 1, disputeType: 'wages', employer: { name: '宏达劳务' } }
    const saved = await data(call<DraftReply>(who, { action: 'saveDraft', draft: first }))
    expect(saved.draft).toEqual(first)
    expect(await data(call<DraftReply>(who, { action: 'getDraft' }))).toEqual({ draft: first, savedAt: saved.savedAt })

    const second = { step: 4, disputeType: 'wages', employer: { name: '上海宏达建筑劳务有限公司', address: '浦东' }, facts: '老板拖了三个月工资还没给', amount: '12000', migrant: true }
    await data(call(who, { action: 'saveDraft', draft: second }))
    expect((await data(call<DraftReply>(who, { action: 'getDraft' }))).draft).toEqual(second)
    expect(rt.emulator.db.count('legalDrafts', { ownerOpenid: who })).toBe(1)
    // unknown keys are not stored; someone else sees no draft
    await data(call(who, { action: 'saveDraft', draft: { ...second, openid: 'o-demo-zhao', $where: '1' } }))
    expect((await data(call<DraftReply>(who, { action: 'getDraft' }))).draft).toEqual(second)
    expect((await data(call<DraftReply>(newWorker(), { action: 'getDraft' }))).draft).toBeNull()

    await data(submit(who, wageRequest()))
    expect(await data(call<DraftReply>(who, { action: 'getDraft' }))).toEqual({ draft: null, savedAt: null })
    expect(rt.emulator.db.count('legalDrafts', { ownerOpenid: who })).toBe(0)
  })
})

describe('the check before submitting', () => {
  test('a migrant worker owed wages: no means test, said in plain words; the federation holds it; the review deadline; nothing stored', async () => {
    const before = cases()
    const r = await check(newWorker(), wageRequest())
    expect(r.eligibility).toMatchObject({ eligible: true, basis: 'migrant_wage_or_injury', needsProof: [], help: 'legal_aid' })
    expect(r.eligibility.message).toBe('你是农民工，追讨工资，不需要经济困难证明。')
    expect(r.orgName).toBe('广丰区总工会')
    const cal = new WorkCalendar([DEMO_CALENDAR_2026])
    expect(r.reviewDueDate).toBe(cal.addWorkingDays(today(), 7))
    expect(r.reviewDueLabel).toMatch(/^\d{1,2}月\d{1,2}日$|^\d{4}年/)
    expect(r.notes.join('')).toContain('快速通道')
    expect(cases()).toBe(before)
  })

  test('an amount below the floor: consultation, explained — and still submitted', async () => {
    const who = newWorker()
    const request = wageRequest({ migrant: false, amount: '800' })
    const r = await check(who, request)
    expect(r.eligibility).toMatchObject({ eligible: false, basis: null, help: 'consultation' })
    expect(r.eligibility.message).toContain('你要讨的钱是 800 元，不到 1,000 元')
    expect(r.eligibility.message).toContain('你可以照样提交')
    const s = await data(submit(who, request))
    expect(s.state).toBe('submitted')
    expect((await detail(who, s.id)).eligibility.help).toBe('consultation')
  })

  test('household income below the minimum wage: which proof and why; income missing: asked for', async () => {
    const income = await check(newWorker(), wageRequest({ migrant: false, amount: '5000', householdIncomePerPerson: '1200' }))
    expect(income.eligibility).toMatchObject({ eligible: true, basis: 'hardship_income', needsProof: ['income_proof'] })
    expect(income.eligibility.proofText[0]).toContain('家庭经济困难证明')
    const missing = await check(newWorker(), wageRequest({ migrant: false, amount: '5000' }))
    expect(missing.eligibility).toMatchObject({ eligible: false, askIncome: true })
    const illness = await check(newWorker(), wageRequest({ migrant: false, amount: '5000', householdIncomePerPerson: '4000', hardship: 'serious_illness' }))
    expect(illness.eligibility).toMatchObject({ eligible: true, basis: 'force_majeure', needsProof: ['hardship_proof'] })
  })

  test("a member's request is held by their own union", async () => {
    const who = newWorker()
    await becomeMember(invoke, who)
    const r = await check(who, wageRequest())
    expect(r.orgName).toBe('江西丰达机械有限公司工会')
    expect(r.notes[0]).toContain('会员')
    const s = await data(submit(who, wageRequest()))
    expect(s.orgName).toBe('江西丰达机械有限公司工会')
    expect(caseDoc(s.id)).toMatchObject({ orgId: 'org-fengda', orgPath: ['org-fed', 'org-fengda'], heldAs: 'member_union' })
  })

  test('dates in the future are refused on their field', async () => {
    const r = await call(newWorker(), { action: 'check', request: wageRequest({ dates: { entryDate: ago(100), terminationDate: addDays(today(), 3) } }) })
    expect(code(r)).toBe('VALIDATION.INVALID')
    expect(!r.ok && r.error.fieldErrors?.['request.dates.terminationDate']).toBe('离开单位的日期不能晚于今天')
  })
})

describe('the limitation date', () => {
  test('wages while still employed: no one-year limit running', async () => {
    const r = await check(newWorker(), wageRequest({ stillEmployed: true, dates: { entryDate: ago(300), lastPayDate: ago(100) } }))
    expect(r.limitation).toMatchObject({ status: 'not_running', lastDay: null, daysLeft: null })
    expect(r.limitation.message).toContain('离开单位以后，要在一年内申请劳动仲裁')
  })

  test('left the job: one year from the day of leaving, not from the missed pay day', async () => {
    const left = ago(30)
    const r = await check(newWorker(), wageRequest({ dates: { entryDate: ago(400), lastPayDate: ago(200), terminationDate: left } }))
    expect(r.limitation.lastDay).toBe(oneYearAfter(left))
    expect(r.limitation.status).toBe('ok')
    const [y, m, d] = oneYearAfter(left).split('-').map(Number)
    expect(r.limitation.message).toBe(`请在 ${y}年${m}月${d}日 前申请劳动仲裁。`)
  })

  test('close to the last day: urgent, with the days left', async () => {
    const left = addDays(ago(365), 20)
    const r = await check(newWorker(), wageRequest({ dates: { entryDate: ago(900), terminationDate: left } }))
    expect(r.limitation.status).toBe('urgent')
    expect(r.limitation.message).toMatch(/只剩 \d+ 天了！请马上提交/)
  })

  test('passed: a warning naming what may still help — and the request is still submitted', async () => {
    const who = newWorker()
    const request = wageRequest({ dates: { entryDate: ago(900), terminationDate: ago(420) } })
    const r = await check(who, request)
    expect(r.limitation.status).toBe('passed')
    expect(r.limitation.message).toContain('已经过了申请劳动仲裁的时效')
    expect(r.limitation.message).toContain('仍然可以提交')
    const s = await data(submit(who, request))
    expect(s.state).toBe('submitted')
    const view = await detail(who, s.id)
    expect(view.limitation.status).toBe('passed')
    const review = await data(call<CaseReview>(federation, { action: 'review', id: s.id }))
    expect(review.flags.map((f) => f.code)).toContain('limitation_passed')
  })
})

describe('submitting', () => {
  test('evidence: the caller’s own files with an evidence purpose are attached; another’s file, another purpose or a file used elsewhere is refused and nothing is written', async () => {
    const who = newWorker()
    const [slip, contract] = [await upload(who), await upload(who, 'other', '合同.jpg')]
    const s = await data(submit(who, wageRequest({ evidenceFileIds: [slip, contract] })))
    for (const f of [slip, contract]) expect(rt.emulator.db.findOne('files', { _id: f })).toMatchObject({ attachedTo: { type: 'legalCase', id: s.id } })
    expect((await detail(who, s.id)).evidenceCount).toBe(2)
    // staff in scope open them through short-lived links
    const review = await data(call<CaseReview>(federation, { action: 'review', id: s.id }))
    expect(review.evidence.map((e) => [e.fileId, e.purpose])).toEqual([
      [slip, 'work_proof'],
      [contract, 'other'],
    ])
    expect(review.evidence.every((e) => e.url.length > 0 && e.mime === 'image/jpeg')).toBe(true)
    const opened = await invoke(federation, 'files', { action: 'url', fileId: slip })
    expect((opened as Envelope<unknown>).ok).toBe(true)

    const before = cases()
    const others = await upload(newWorker())
    const notYours = await submit(who, wageRequest({ evidenceFileIds: [others] }))
    expect(code(notYours)).toBe('LEGAL_AID.EVIDENCE_INVALID')
    expect(!notYours.ok && notYours.error.fieldErrors).toEqual({ 'request.evidenceFileIds': expect.any(String) })
    const reportPhoto = await upload(who, 'report_photo', '报修.jpg')
    const wrongPurpose = await submit(who, wageRequest({ evidenceFileIds: [reportPhoto] }))
    expect(code(wrongPurpose)).toBe('LEGAL_AID.EVIDENCE_INVALID')
    expect(!wrongPurpose.ok && wrongPurpose.error.message).toBe('这张照片不是为这件事上传的，请重新上传')
    const reused = await submit(who, wageRequest({ evidenceFileIds: [slip] }))
    expect(code(reused)).toBe('LEGAL_AID.EVIDENCE_INVALID')
    expect(cases()).toBe(before)
    expect(rt.emulator.db.findOne('files', { _id: others })).toMatchObject({ attachedTo: null })
  })

  test('a medical record needs the medical documents consent as it stands when submitting', async () => {
    const who = newWorker()
    await data(invoke(who, 'privacy', { action: 'grantConsent', category: 'medical_documents', policyVersion: CONSENT_POLICIES.medical_documents.version }) as Promise<Envelope<unknown>>)
    const injury = (evidenceFileIds: string[]) => wageRequest({ disputeType: 'injury', wants: ['injury_compensation'], dates: { injuryDate: ago(60) }, evidenceFileIds })
    const record = await upload(who, 'medical_record', '病历.jpg')
    // the policy changed since the worker agreed: asked again before the record goes to the union
    rt.emulator.db.update('consents', { openid: who, category: 'medical_documents', withdrawnAt: null }, { $set: { policyVersion: '2000-01-01' } })
    const refused = await submit(who, injury([record]))
    expect(code(refused)).toBe('CONSENT.REQUIRED')
    expect(!refused.ok && refused.error.fieldErrors).toEqual({ consent: 'medical_documents' })
    await data(invoke(who, 'privacy', { action: 'grantConsent', category: 'medical_documents', policyVersion: CONSENT_POLICIES.medical_documents.version }) as Promise<Envelope<unknown>>)
    const s = await data(submit(who, injury([record])))
    expect(rt.emulator.db.findOne('files', { _id: record })).toMatchObject({ attachedTo: { type: 'legalCase', id: s.id } })
    // withdrawing the consent deletes medical records not handed in yet: such a file is no longer there to attach
    const another = await upload(who, 'medical_record', '诊断证明.jpg')
    await data(invoke(who, 'privacy', { action: 'withdrawConsent', category: 'medical_documents' }) as Promise<Envelope<unknown>>)
    expect(code(await submit(who, injury([another])))).toBe('LEGAL_AID.EVIDENCE_INVALID')
  })

  test('content security: risky facts are refused with a clear message; "review" is stored as a flag', async () => {
    const who = newWorker()
    const before = cases()
    const risky = await submit(who, wageRequest({ facts: '老板说可以帮我办假证抵工资，我不同意，他就不给钱了。' }))
    expect(risky).toEqual({ ok: false, error: { code: 'CONTENT.RISKY', message: '这段话里有不合适的内容，请改一改再提交' } })
    const riskyEmployer = await submit(who, wageRequest({ employer: { name: '出售毒品有限公司', address: '上海' } }))
    expect(code(riskyEmployer)).toBe('CONTENT.RISKY')
    expect(cases()).toBe(before)
    const flagged = await data(submit(who, wageRequest({ facts: '老板借了高利贷跑路了，工地上几个月的工资都没发。' })))
    expect(caseDoc(flagged.id).flagged).toBe(true)
  })

  test('one open case per dispute: the same one again is refused until it has ended', async () => {
    const who = newWorker()
    const request = wageRequest()
    const first = await data(submit(who, request))
    const again = await submit(who, { ...request, facts: '还是上次那件事，老板到现在都没给工资。' })
    expect(code(again)).toBe('LEGAL_AID.CASE_OPEN')
    // another dispute with the same employer is a new case
    expect((await submit(who, { ...request, disputeType: 'overtime', wants: ['overtime_pay'] })).ok).toBe(true)
    await data(call(who, { action: 'withdraw', id: first.id, version: 1 }))
    expect((await submit(who, request)).ok).toBe(true)
  })

  test('the applicant is named from the account; staff rows show the name masked', async () => {
    const s = await data(submit(CALLERS.workerA, wageRequest()))
    expect(caseDoc(s.id).applicant).toEqual({ name: '李建国', phone: '13807931234' })
    const review = await data(call<CaseReview>(federation, { action: 'review', id: s.id }))
    expect(review.maskedName).toBe('李*国')
    expect(JSON.stringify(review)).not.toContain('13807931234')
  })
})

describe('a case from start to end, as the worker sees it', () => {
  test('review, ask (clock paused), resubmit, accept, assign, progress, close with 12,000 元 recovered', async () => {
    const who = newWorker()
    const photo = await upload(who)
    const s = await data(submit(who, wageRequest({ evidenceFileIds: [photo] })))
    expect(s).toMatchObject({ state: 'submitted', stateLabel: '已收到，等工会审核', version: 1, orgName: '广丰区总工会' })
    const cal = new WorkCalendar([DEMO_CALENDAR_2026])
    expect(s.reviewDueDate).toBe(cal.addWorkingDays(today(), 7))

    let c = await stepOf(invoke, federation, s, { decision: 'startReview' })
    expect((await detail(who, s.id)).state).toBe('under_review')

    // the request came in 12 days ago; the union asked 8 days ago; the worker answers today
    const start = new Date(Date.now() - 12 * 86_400_000)
    rt.emulator.db.update('legalCases', { _id: s.id }, { $set: { createdAt: start, reviewStart: start, 'history.0.at': new Date(Date.now() - 11 * 86_400_000) } })
    c = await stepOf(invoke, federation, c, { decision: 'ask', input: { items: ['wage_proof', 'coworkers'], note: '请把工资条拍清楚一点' } })
    const askedAt = new Date(Date.now() - 8 * 86_400_000)
    rt.emulator.db.update('legalCases', { _id: s.id }, { $set: { 'history.1.at': askedAt } })
    const waiting = await detail(who, s.id)
    expect(waiting).toMatchObject({ state: 'needs_info', reviewDueDate: null, canResubmit: true, canWithdraw: true, askNote: '请把工资条拍清楚一点' })
    expect(waiting.askedItems.map((i) => i.code)).toEqual(['wage_proof', 'coworkers'])
    expect(waiting.askedItems[0].label).toContain('工资条')
    expect(waiting.dueText).toContain('等补充材料，期限暂停')

    const more = await upload(who)
    const resubmitted = await data(call<SubmitReply>(who, { action: 'resubmit', id: s.id, version: c.version, addition: '一起干活的还有老张和小刘。', evidenceFileIds: [more] }))
    expect(resubmitted.state).toBe('under_review')
    // the working days spent waiting for the worker do not count: the deadline moves by them
    const paused = cal.workingDaysBetween(shanghaiDate(askedAt), today())
    expect(paused).toBeGreaterThan(0)
    expect(resubmitted.reviewDueDate).toBe(cal.addWorkingDays(shanghaiDate(start), 7 + paused))
    expect(caseDoc(s.id).evidenceFileIds).toEqual([photo, more])
    c = { id: s.id, version: resubmitted.version }

    c = await stepOf(invoke, federation, c, { decision: 'accept', input: { helpForms: ['mediation', 'representation'] } })
    const accepted = await detail(who, s.id)
    expect(accepted).toMatchObject({ state: 'accepted', helper: null, reviewDueDate: null, canWithdraw: false })
    expect(accepted.helpForms.map((h) => h.code)).toEqual(['mediation', 'representation'])
    const row = (await data(call<{ items: Array<{ id: string; dueText: string | null }> }>(federation, { action: 'queue', filter: 'active' }))).items.find((r) => r.id === s.id)
    expect(row?.dueText).toMatch(/^安排帮助人：/)

    expect(code(await decideAs(federation, c, { decision: 'progress', input: { note: '已经和老板约了调解' } }))).toBe('LEGAL_AID.HELPER_REQUIRED')
    c = await stepOf(invoke, federation, c, { decision: 'assign', input: { helper: HELPER } })
    c = await stepOf(invoke, federation, c, { decision: 'progress', input: { note: '11月25日在劳动仲裁院调解' } })
    expect((await detail(who, s.id)).state).toBe('in_progress')
    c = await stepOf(invoke, federation, c, { decision: 'close', input: { kind: 'mediated', recovered: '12000', workersHelped: 1, note: '老板当场结清了工资' } })

    const done = await detail(who, s.id)
    expect(done).toMatchObject({ state: 'closed', stateLabel: '已办结', version: 8, canWithdraw: false, canResubmit: false })
    expect(done.outcome).toEqual({ kind: 'mediated', kindLabel: '调解成功', recoveredFen: 1_200_000, recoveredText: '12,000 元', workersHelped: 1, note: '老板当场结清了工资' })
    expect(done.helper).toEqual({ kind: 'lawyer', kindLabel: '律师', name: '周志刚', phone: '0793-2612351', org: '江西广信律师事务所' })
    expect(done.history.map((h) => h.label)).toEqual(['交了求助', '工会开始审核', '工会请你补充材料', '你补充了材料（1 个文件）', '工会受理了', '安排了帮你办事的人', '办理进展', '办结：调解成功'])
    expect(done.history.map((h) => h.who)).toEqual(['你', '广丰区总工会', '广丰区总工会', '你', '广丰区总工会', '广丰区总工会', '广丰区总工会', '广丰区总工会'])
    expect(done.history[3].note).toBe('一起干活的还有老张和小刘。')
    expect(done.history[6].note).toBe('11月25日在劳动仲裁院调解')
    // the year-end figures come from the record
    expect(caseDoc(s.id)).toMatchObject({ outcome: { kind: 'mediated', recoveredFen: 1_200_000, workersHelped: 1 }, closedYear: Number(today().slice(0, 4)), state: 'closed' })
    expect(rt.emulator.db.count('audit', { 'target.id': s.id, action: { $regex: '^legalCase\\.' } })).toBe(8)
    // a closed case takes no more steps
    expect(code(await decideAs(federation, c, { decision: 'progress', input: { note: '再记一笔' } }))).toBe('REQUEST.ALREADY_DECIDED')
  })

  test('accept and name the helper in one step; the helper may be changed; a handed-over accepted case needs its own helper', async () => {
    const who = newWorker()
    const s = await data(submit(who, wageRequest()))
    let c = await stepOf(invoke, federation, s, { decision: 'accept', input: { helpForms: ['consultation'], helper: { kind: 'union_legal_officer', name: '陈海生', phone: '13979305555' } } })
    expect((await detail(who, s.id)).helper).toEqual({ kind: 'union_legal_officer', kindLabel: '工会法律工作者', name: '陈海生', phone: '139 7930 5555', org: null })
    c = await stepOf(invoke, federation, c, { decision: 'assign', input: { helper: HELPER } })
    expect((await detail(who, s.id)).helper?.name).toBe('周志刚')
    await stepOf(invoke, federation, c, { decision: 'handover', input: { toOrgId: 'org-shanghai' } })
    const moved = await detail(who, s.id)
    expect(moved).toMatchObject({ state: 'accepted', helper: null, orgName: '广丰区总工会驻上海农民工维权服务站' })
    expect(moved.history[moved.history.length - 1].label).toBe('转给「广丰区总工会驻上海农民工维权服务站」办理')
  })

  test('decline: a coded reason, where to go instead and what to do next', async () => {
    const who = newWorker()
    const a = await data(submit(who, wageRequest()))
    await stepOf(invoke, federation, a, { decision: 'decline', input: { reason: 'inspection_better', note: '欠薪事实清楚' } })
    const declined = await detail(who, a.id)
    expect(declined).toMatchObject({ state: 'declined', stateLabel: '工会没有受理', canWithdraw: false })
    expect(declined.decline).toMatchObject({ code: 'inspection_better', referral: 'labour_inspection', referralLabel: '劳动保障监察（人社局）', note: '欠薪事实清楚' })
    expect(declined.decline?.next).toContain('12333')

    // another referral than the reason's own: how to reach it is added
    const b = await data(submit(who, wageRequest()))
    await stepOf(invoke, federation, b, { decision: 'decline', input: { reason: 'not_eligible', referral: 'gov_legal_aid' } })
    const other = (await detail(who, b.id)).decline
    expect(other).toMatchObject({ code: 'not_eligible', referral: 'gov_legal_aid', referralLabel: '政府法律援助中心' })
    expect(other?.next).toContain('12348')

    // "other" needs a sentence
    const c = await data(submit(who, wageRequest()))
    const bare = await decideAs(federation, c, { decision: 'decline', input: { reason: 'other' } })
    expect(code(bare)).toBe('VALIDATION.INVALID')
    expect(!bare.ok && bare.error.fieldErrors?.['step.input.note']).toBe('选「其他原因」时，请写一句说明')
  })

  test('refusals on the way: stale version, steps the state does not allow, withdrawing after acceptance, hand-over targets, outcomes that do not add up, risky notes', async () => {
    const who = newWorker()
    const s = await data(submit(who, wageRequest()))
    const v2 = await stepOf(invoke, federation, s, { decision: 'startReview' })
    expect(code(await decideAs(federation, s, { decision: 'ask', input: { items: ['phone'] } }))).toBe('REQUEST.STALE')
    expect(code(await decideAs(federation, v2, { decision: 'close', input: { kind: 'mediated', recovered: '100', workersHelped: 1 } }))).toBe('REQUEST.ILLEGAL_TRANSITION')
    expect(code(await decideAs(federation, v2, { decision: 'handover', input: { toOrgId: 'org-fed' } }))).toBe('LEGAL_AID.HANDOVER_SAME_ORG')
    expect(code(await decideAs(federation, v2, { decision: 'handover', input: { toOrgId: 'org-nowhere' } }))).toBe('LEGAL_AID.HANDOVER_TARGET_NOT_FOUND')
    expect(code(await decideAs(federation, v2, { decision: 'ask', input: { items: ['phone'], note: '你要是想快点拿到钱，可以去办假证' } }))).toBe('CONTENT.RISKY')
    expect(code(await call(who, { action: 'resubmit', id: s.id, version: 2, addition: '补充一下' }))).toBe('REQUEST.ILLEGAL_TRANSITION')
    const v3 = await stepOf(invoke, federation, v2, { decision: 'accept', input: { helpForms: ['mediation'] } })
    expect(code(await call(who, { action: 'withdraw', id: s.id, version: v3.version }))).toBe('REQUEST.ILLEGAL_TRANSITION')
    const unsuccessful = await decideAs(federation, v3, { decision: 'close', input: { kind: 'unsuccessful', recovered: '500', workersHelped: 1 } })
    expect(code(unsuccessful)).toBe('VALIDATION.INVALID')
    expect(code(await decideAs(federation, v3, { decision: 'close', input: { kind: 'settled', recovered: '500', workersHelped: 0 } }))).toBe('VALIDATION.INVALID')
    expect(caseDoc(s.id)).toMatchObject({ state: 'accepted', version: 3 })
  })

  test('the worker withdraws before a decision; a resubmission needs words or files', async () => {
    const who = newWorker()
    const s = await data(submit(who, wageRequest()))
    const asked = await stepOf(invoke, admin, s, { decision: 'ask', input: { items: ['labour_proof'] } })
    const empty = await call(who, { action: 'resubmit', id: s.id, version: asked.version })
    expect(code(empty)).toBe('VALIDATION.INVALID')
    const w = await data(call<DecisionReply>(who, { action: 'withdraw', id: s.id, version: asked.version }))
    expect(w).toEqual({ id: s.id, state: 'withdrawn', version: 3 })
    expect((await detail(who, s.id)).history.map((h) => h.label).slice(-1)).toEqual(['你撤回了求助'])
  })

  test('my cases: newest first, paged, only the caller’s own; someone else’s case is not found for them (audited)', async () => {
    const who = newWorker()
    const ids = [] as string[]
    for (let i = 0; i < 3; i++) ids.push((await caseOf(invoke, who)).id)
    const first = await data(call<{ items: CaseView[]; nextCursor: number | null }>(who, { action: 'myCases', pageSize: 2 }))
    expect(first.items.map((c) => c.id)).toEqual([ids[2], ids[1]])
    const second = await data(call<{ items: CaseView[]; nextCursor: number | null }>(who, { action: 'myCases', pageSize: 2, cursor: first.nextCursor }))
    expect(second).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null })
    const stranger = newWorker()
    const r = await call(stranger, { action: 'caseDetail', id: ids[0] })
    expect(code(r)).toBe('AUTH.FORBIDDEN')
    expect(rt.emulator.db.count('audit', { action: 'auth.denied', 'actor.openid': stranger })).toBe(1)
  })
})

test('no reply of this file carries an ID, card or phone number', () => {
  expect(replies.length).toBeGreaterThan(50)
  expect(leaks()).toEqual([])
})
