/**
 * 我的办理 through the real functions (issue 9). One worker, a fixed sequence of events across the areas:
 * a 互助保障 claim and a 入会 application with the same ID number, a 法律援助 case accepted with a lawyer
 * named, a 报修 fixed; then the unions ask for things. The list puts what waits for the worker first and
 * says what to add, the union's deadline, how things ended; timelines read oldest first in plain words;
 * nobody reads another person's timeline (refused and audited); no full ID, phone or card number leaks.
 */
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { CALLERS } from '../support/matrix'
import { applicationFor, code, data, must, recordingClient } from './membership.matrix'
import { caseOf, HELPER, stepOf } from './legalAid.matrix'
import { insuredWorker, stay, submitEvent, today, uploadDocs } from './mutualAid.matrix'
import { addDays, dateLabel } from '../../src/domain/calendar/working-days'
import type { Envelope } from '../../src/domain/envelope'
import { newIdempotencyKey } from '../../src/domain/requests/idempotency'
import { DISPUTE_TYPE_LABELS } from '../../src/domain/legal-aid/legal-aid.constants'
import type { ListReply, MyRequestRow, TimelineReply } from '../../src/domain/requests/my-requests.api'
import { demoId } from '../../emulator/runtime/seed'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

const { invoke, leaks } = recordingClient(() => rt, 'myRequests')
const mine = <T>(openid: string, event: Record<string, unknown>) => invoke(openid, 'myRequests', event) as Promise<Envelope<T>>
const list = (openid: string, extra: Record<string, unknown> = {}) => data(mine<ListReply>(openid, { action: 'list', ...extra }))
const timeline = (openid: string, type: string, id: string) => data(mine<TimelineReply>(openid, { action: 'timeline', type, id }))
const { grassrootsX, federation, workerB } = CALLERS

const WORKER = 'o-test-my-requests-1'
const FENGDA = '江西丰达机械有限公司工会'
const FED = '广丰区总工会'

/** The ids of what the worker asked for, filled in as the story goes. */
const ids = { application: '', claim: '', legal: '', report: '' }
const rowOf = (rows: MyRequestRow[], id: string) => {
  const row = rows.find((r) => r.id === id)
  if (!row) throw new Error(`no row for ${id} in ${JSON.stringify(rows.map((r) => r.key))}`)
  return row
}

describe('one worker, every kind of request', () => {
  test('a new worker has nothing yet', async () => {
    expect(await list(WORKER)).toEqual({ items: [], nextCursor: null, todo: [], draft: null })
  })

  test('claim, application, legal case and 报修 all appear, newest activity first, with the union and its deadline', async () => {
    // 互助保障: insured at 丰达 (this stores the worker's ID number), a stay 20 days ago with every document
    const { idNumber } = await insuredWorker(invoke, WORKER, { name: '钱多多' })
    const docs = await uploadDocs(invoke, WORKER)
    ids.claim = must(await invoke(WORKER, 'mutualAid', submitEvent(stay(addDays(today(), -20), '9200', docs))), 'claim').id as string
    // 入会 with the same ID number: held by 丰达's union
    const applied = must(await invoke(WORKER, 'membership', { action: 'apply', key: newIdempotencyKey(), application: applicationFor(idNumber, { name: '钱多多' }) }), 'apply')
    ids.application = applied.id as string
    // 法律援助: not a member yet, so the federation holds it
    ids.legal = (await caseOf(invoke, WORKER)).id
    // 报修 at a station the federation hosts
    ids.report = must(await invoke(WORKER, 'stations', { action: 'report', key: newIdempotencyKey(), stationId: demoId('station-baihe'), problem: 'water_dispenser', text: '饮水机不出热水' }), 'report').id as string

    const r = await list(WORKER)
    expect(r.items.map((i) => i.id)).toEqual([ids.report, ids.legal, ids.application, ids.claim])
    expect(r.todo).toEqual([])
    expect(r.nextCursor).toBeNull()

    const join = rowOf(r.items, ids.application)
    expect(join).toMatchObject({
      type: 'membershipApplication',
      typeLabel: '入会',
      number: ids.application.slice(-6).toUpperCase(),
      summary: '江西丰达机械有限公司',
      step: '工会在审核',
      group: 'open',
      orgName: FENGDA,
      dueText: `工会在 ${dateLabel(String(applied.dueDate), new Date())} 前答复`,
      overdue: false,
      todo: null,
      outcome: null,
      link: '/subpackages/join/pages/status/index',
    })
    expect(rowOf(r.items, ids.claim)).toMatchObject({ typeLabel: '互助保障', step: '单位工会在核对材料', orgName: FENGDA, group: 'open', link: `/subpackages/aid/pages/claim/index?id=${ids.claim}` })
    expect(rowOf(r.items, ids.claim).dueText).toMatch(/^单位工会在 \d+月\d+日 前核对完材料$/)
    expect(rowOf(r.items, ids.legal)).toMatchObject({ typeLabel: '法律援助', step: '等工会审核', orgName: FED, link: `/subpackages/legal/pages/case/index?id=${ids.legal}` })
    expect(rowOf(r.items, ids.legal).dueText).toMatch(/^工会在 \d+月\d+日 前告诉你受不受理$/)
    expect(rowOf(r.items, ids.report)).toMatchObject({ typeLabel: '驿站报修', summary: '白鹤中大道爱心驿站 · 饮水机坏了', step: '等工作人员来看', orgName: FED })
  })

  test('the unions act: 报修 fixed, case accepted with a lawyer, application and claim asked to add things', async () => {
    must(await invoke(federation, 'stations', { action: 'decideReport', id: ids.report, decision: 'start', version: 1 }), 'start')
    must(await invoke(federation, 'stations', { action: 'decideReport', id: ids.report, decision: 'resolve', version: 2, note: '换了新的加热管' }), 'resolve')
    await stepOf(invoke, federation, { id: ids.legal, version: 1 }, { decision: 'accept', input: { helpForms: ['mediation'], helper: HELPER } })
    must(
      await invoke(grassrootsX, 'membership', { action: 'decide', id: ids.application, version: 1, decision: 'ask', items: ['occupation', 'work_proof'], note: '写清楚做什么活，拍一张工牌' }),
      'ask application',
    )
    must(await invoke(grassrootsX, 'mutualAid', { action: 'decideClaim', id: ids.claim, version: 1, decision: 'ask', items: ['discharge_summary'], note: '出院小结只拍了第一页' }), 'ask claim')

    const r = await list(WORKER)
    expect(r.items.map((i) => i.id)).toEqual([ids.claim, ids.application, ids.legal, ids.report])
    // what waits for the worker, newest first, says exactly what to add
    expect(r.todo.map((i) => i.id)).toEqual([ids.claim, ids.application])
    const claim = rowOf(r.todo, ids.claim)
    expect(claim).toMatchObject({ step: '等你补充材料', group: 'todo', dueText: null })
    expect(claim.todo).toEqual({
      text: '请补充：出院小结（出院记录）',
      items: ['出院小结（出院记录）'],
      note: '出院小结只拍了第一页',
      deadline: expect.stringMatching(/^这个申请的期限到 (\d+年)?\d+月\d+日，请在这之前交上来$/),
      action: '去补充材料',
    })
    const join = rowOf(r.todo, ids.application)
    expect(join.todo?.text).toBe('请补充：具体干什么工作、在这个单位干活的证明（工牌、劳动合同、工资条或接单截图，拍照上传）')
    expect(join.todo?.note).toBe('写清楚做什么活，拍一张工牌')
    expect(join.dueText).toBeNull()
    // a case with a lawyer runs on no union deadline
    expect(rowOf(r.items, ids.legal)).toMatchObject({ step: '有人在帮你办', group: 'open', dueText: null, todo: null, outcome: null })
    expect(rowOf(r.items, ids.report)).toMatchObject({ step: '修好了', group: 'done', outcome: { text: '修好了', tone: 'good' }, dueText: null })
  })

  test('pages: todo and the draft come with the first page only', async () => {
    must(await invoke(WORKER, 'legalAid', { action: 'saveDraft', draft: { step: 2, disputeType: 'wages', facts: '老板欠了三个月工资' } }), 'saveDraft')
    const first = await list(WORKER, { pageSize: 3 })
    expect(first.items.map((i) => i.id)).toEqual([ids.claim, ids.application, ids.legal])
    expect(first.nextCursor).toBe(3)
    expect(first.todo).toHaveLength(2)
    expect(first.draft).toEqual({ kind: 'legalAidCase', savedAt: expect.any(String), what: DISPUTE_TYPE_LABELS.wages, link: '/subpackages/legal/pages/apply/index' })
    // the draft's words stay on the server
    expect(JSON.stringify(first)).not.toContain('老板欠了三个月工资')
    const second = await list(WORKER, { pageSize: 3, cursor: 3 })
    expect(second).toEqual({ items: [expect.objectContaining({ id: ids.report })], nextCursor: null, todo: [], draft: null })
  })

  test('documents added: the claim leaves 要你做的事 and the union’s clock runs again', async () => {
    const docs = await uploadDocs(invoke, WORKER, ['discharge_summary'])
    must(await invoke(WORKER, 'mutualAid', { action: 'resubmit', id: ids.claim, version: 2, documents: docs, note: '补上了第二页' }), 'resubmit')
    const r = await list(WORKER)
    expect(r.todo.map((i) => i.id)).toEqual([ids.application])
    expect(rowOf(r.items, ids.claim)).toMatchObject({ step: '单位工会在核对材料', group: 'open', todo: null })
    expect(rowOf(r.items, ids.claim).dueText).toMatch(/^单位工会在 \d+月\d+日 前核对完材料$/)
  })

  test('other people see only their own list', async () => {
    const other = await list(workerB)
    expect(other.items.map((i) => i.id)).not.toEqual(expect.arrayContaining([ids.claim]))
    for (const id of Object.values(ids)) expect(other.items.some((i) => i.id === id)).toBe(false)
  })
})

describe('timelines', () => {
  test('the application: oldest first, who did it and what they wrote, with what to add on top', async () => {
    const t = await timeline(WORKER, 'membershipApplication', ids.application)
    expect(t.item).toMatchObject({ id: ids.application, group: 'todo', step: '等你补充材料', orgName: FENGDA })
    expect(t.item.todo?.items).toEqual(['具体干什么工作', '在这个单位干活的证明（工牌、劳动合同、工资条或接单截图，拍照上传）'])
    expect(t.steps.map((s) => [s.label, s.who, s.note])).toEqual([
      ['交了申请', '你', null],
      ['工会请你补充材料', FENGDA, '写清楚做什么活，拍一张工牌'],
    ])
    const times = t.steps.map((s) => Date.parse(s.at))
    expect([...times].sort((a, b) => a - b)).toEqual(times)
  })

  test('the claim: asked, added, in the worker’s words', async () => {
    const t = await timeline(WORKER, 'aidClaim', ids.claim)
    expect(t.steps.map((s) => [s.label, s.who])).toEqual([
      ['交了申请', '你'],
      ['工会请你补充材料', FENGDA],
      ['你补充了材料', '你'],
    ])
    expect(t.steps[2].note).toBe('补上了第二页')
  })

  test('the legal case says 你, never 您', async () => {
    const t = await timeline(WORKER, 'legalAidCase', ids.legal)
    expect(t.steps.map((s) => [s.label, s.who])).toEqual([
      ['交了求助', '你'],
      ['工会受理了', FED],
    ])
    expect(JSON.stringify(t)).not.toContain('您')
  })

  test('the 报修: reported, being fixed, fixed, with the union’s note', async () => {
    const t = await timeline(WORKER, 'stationReport', ids.report)
    expect(t.item).toMatchObject({ group: 'done', outcome: { text: '修好了', tone: 'good' }, link: `/subpackages/stations/pages/reports/index?id=${ids.report}` })
    expect(t.steps.map((s) => [s.label, s.who, s.note])).toEqual([
      ['报修：饮水机坏了', '你', '饮水机不出热水'],
      ['工作人员开始修了', FED, null],
      ['修好了', FED, '换了新的加热管'],
    ])
  })

  test('someone else’s timeline is refused and audited; an unknown one is not found; the type must be known', async () => {
    const audited = () => rt.emulator.db.count('audit', { action: 'auth.denied', 'target.id': ids.claim })
    const before = await audited()
    expect(code(await mine(workerB, { action: 'timeline', type: 'aidClaim', id: ids.claim }))).toBe('AUTH.FORBIDDEN')
    expect(code(await mine(grassrootsX, { action: 'timeline', type: 'aidClaim', id: ids.claim }))).toBe('AUTH.FORBIDDEN')
    expect(await audited()).toBe(before + 2)
    expect(code(await mine(WORKER, { action: 'timeline', type: 'aidClaim', id: 'f'.repeat(32) }))).toBe('REQUEST.NOT_FOUND')
    // the id of one kind under another kind finds nothing
    expect(code(await mine(WORKER, { action: 'timeline', type: 'legalAidCase', id: ids.claim }))).toBe('REQUEST.NOT_FOUND')
    expect(code(await mine(WORKER, { action: 'timeline', type: 'payroll', id: ids.claim }))).toBe('VALIDATION.INVALID')
  })
})

test('outcomes in words: an approved and paid claim, a declined case, a withdrawn application', async () => {
  const W = 'o-test-my-requests-2'
  const { idNumber } = await insuredWorker(invoke, W)
  const docs = await uploadDocs(invoke, W)
  const claim = must(await invoke(W, 'mutualAid', submitEvent(stay(addDays(today(), -20), '9200', docs))), 'claim').id as string
  must(await invoke(grassrootsX, 'mutualAid', { action: 'decideClaim', id: claim, version: 1, decision: 'check' }), 'check')
  must(await invoke(federation, 'mutualAid', { action: 'decideClaim', id: claim, version: 2, decision: 'approve' }), 'approve')
  let r = await list(W)
  expect(rowOf(r.items, claim)).toMatchObject({ step: '批准了，等打款', group: 'open', outcome: { text: expect.stringMatching(/^批准补助 [\d,.]+ 元，等总工会打款$/), tone: 'good' } })
  expect(rowOf(r.items, claim).dueText).toMatch(/^总工会在 \d+月\d+日 前打款$/)
  must(await invoke(federation, 'mutualAid', { action: 'markPaid', id: claim, version: 3, paymentRef: 'GF-HZ-0001', paidDate: today() }), 'markPaid')

  const legal = await caseOf(invoke, W)
  await stepOf(invoke, federation, legal, { decision: 'decline', input: { reason: 'not_labour_matter', referral: 'gov_legal_aid' } })

  const applied = must(await invoke(W, 'membership', { action: 'apply', key: newIdempotencyKey(), application: applicationFor(idNumber) }), 'apply')
  must(await invoke(W, 'membership', { action: 'withdraw', id: applied.id, version: applied.version }), 'withdraw')

  r = await list(W)
  expect(r.todo).toEqual([])
  expect(r.items.every((i) => i.group === 'done')).toBe(true)
  expect(rowOf(r.items, claim)).toMatchObject({ step: '钱打过去了', outcome: { text: expect.stringMatching(/^已打款 [\d,.]+ 元，钱打到尾号 \d{4} 的银行卡$/), tone: 'good' } })
  expect(rowOf(r.items, legal.id)).toMatchObject({ step: '工会没有受理', outcome: { text: '没有受理：不是劳动方面的纠纷（比如借钱、买卖、家庭纠纷）', tone: 'bad' } })
  expect(rowOf(r.items, applied.id as string)).toMatchObject({ step: '你撤回了', outcome: { text: '你撤回了', tone: 'plain' } })
})

test('nothing personal leaks: no full ID, phone or card number in any reply or log line', () => {
  expect(leaks()).toEqual([])
})
