// 申请法律援助 wizard: the kind of trouble as picture buttons; each step judged by the contract's schema
// with the words next to the field; the check (eligibility, last day for arbitration, who and by when)
// before sending; one submission with a key; drafts on the phone and on the server.
import { act, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ApplyPage from '../../src/subpackages/legal/pages/apply/index'
import { SAVE_EVERY_MS } from '../../src/subpackages/legal/pages/apply/useServerDraft'
import { uploadPicked } from '../../src/services/upload'
import { LEGAL_CASE_PAGE, LEGAL_PAGE } from '../../src/services/legal-aid'
import type { Envelope } from '../../src/domain/envelope'
import type { LegalAidDraft } from '../../src/domain/legal-aid/legal-aid.schema'
import { errReply, okReply } from './fixtures'
import { backend, inputOf, sent, tap, type, type Handler } from './join.fixtures'
import { consents, pickDate } from './aid.fixtures'
import { ASK_INCOME, CHECK, CREDIT_CODE, INCOME_OK, LIMIT_URGENT } from './legal.fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('../../src/services/upload', () => ({ uploadPicked: jest.fn() }))
jest.mock('@tarojs/taro', () => jest.requireActual('./taro.mock').taroWith({ chooseMedia: jest.fn() }))

const taro = Taro as unknown as { __store: Map<string, unknown>; chooseMedia: jest.Mock }
const upload = uploadPicked as jest.MockedFunction<typeof uploadPicked>
const DRAFT_KEY = 'legal:draft:apply'
const fileId = (n: number) => `${'b'.repeat(31)}${n}`
const SUBMITTED = { id: 'case-9', state: 'submitted', stateLabel: '已收到，等工会审核', version: 1, orgName: '广丰区总工会', reviewDueDate: '2026-12-03' }
const FACTS = '我在宏达工地干了八个月，老板欠了三个月工资一万二千元，一直拖着不给。'

function worker(overrides: Record<string, Handler> = {}) {
  backend({
    'legalAid.getDraft': () => okReply({ draft: null, savedAt: null }),
    'legalAid.saveDraft': (d) => okReply({ draft: d.draft, savedAt: '2026-11-22T02:00:00.000Z' }),
    'legalAid.check': () => okReply(CHECK),
    'legalAid.submit': () => okReply(SUBMITTED),
    'privacy.consentStatus': () => okReply(consents('never')),
    ...overrides,
  })
}

const next = () => tap(screen.getByText('下一步'))
const radio = (name: string | RegExp) => screen.getByRole('radio', { name })
const alerts = () => screen.getAllByRole('alert').map((a) => a.textContent)
const stepIs = (n: number) => screen.findByText(`第 ${n} 步，共 6 步`)

/** A migrant worker who left the site in March and is owed 12,000 元, through to the last step. */
async function fillAll() {
  await tap(await screen.findByRole('radio', { name: /^欠薪/ }))
  await next()
  await type('单位名称', '宏达建筑劳务有限公司')
  await type('单位地址', '上海市浦东新区川沙路 100 号工地')
  await next()
  await tap(radio(/^已经不在这里干了/))
  await pickDate(0, '2025-07-01')
  await pickDate(2, '2026-03-01')
  await next()
  await type('要讨的钱', '12000')
  await tap(radio('是'))
  await next()
  await type('事情经过', FACTS)
  await tap(screen.getAllByRole('button', { name: '拍照或选照片' })[0])
  await next()
}

let realEnv: typeof process.env.TARO_ENV
beforeEach(() => {
  jest.clearAllMocks()
  taro.__store.clear()
  let n = 0
  upload.mockImplementation(async () => okReply({ fileId: fileId(++n), name: '照片1.jpg', mime: 'image/jpeg' as const, size: 1000 }))
  taro.chooseMedia.mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://slip.jpg', size: 1000, fileType: 'image' }] })
  realEnv = process.env.TARO_ENV
  process.env.TARO_ENV = 'weapp'
})
afterEach(() => {
  process.env.TARO_ENV = realEnv
  jest.useRealTimers()
})

test('the kind of trouble is a picture button; each step says what is missing, in plain words next to the field', async () => {
  worker()
  render(<ApplyPage />)
  expect(await stepIs(1)).toBeTruthy()
  const wages = await screen.findByRole('radio', { name: /^欠薪/ })
  expect(wages.textContent).toContain('💰')
  expect(wages.textContent).toContain('干了活，老板不给工资或少给工资')
  expect(radio(/^工伤/).textContent).toContain('🩹')
  await next()
  expect(alerts()).toEqual(['请选择遇到了什么事'])
  await tap(radio(/^工伤/))
  await tap(wages)
  expect(wages.getAttribute('aria-checked')).toBe('true')
  expect(radio(/^工伤/).getAttribute('aria-checked')).toBe('false')
  await next()

  expect(await stepIs(2)).toBeTruthy()
  await next()
  expect(alerts()).toEqual(['请填单位名称，至少 2 个字', '请填单位在哪里（城市、区、街道，知道多少写多少）'])
  await type('单位名称', '宏达建筑劳务有限公司')
  await type('单位地址', '上海市浦东新区')
  // the credit code is checked as soon as all 18 characters are there
  await type('统一社会信用代码', '91350100M000100Y44')
  expect(alerts()).toEqual(['统一社会信用代码好像有一位写错了，请对照营业执照再核对；不知道可以不填'])
  await type('统一社会信用代码', CREDIT_CODE)
  expect(screen.getByText('✅ 代码核对过了，没有写错')).toBeTruthy()
  await next()

  expect(await stepIs(3)).toBeTruthy()
  expect(screen.getByText('哪天开始在这个单位干活的？（可以不填）')).toBeTruthy()
  expect(screen.getByText('最后一次发工资是哪天？（可以不填）')).toBeTruthy()
  expect(screen.queryByText('哪天离开这个单位的？')).toBeNull()
  await next()
  expect(alerts()).toEqual(['请选择现在还在不在这个单位干活'])
  await tap(radio(/^已经不在这里干了/))
  expect(screen.getByText('哪天离开这个单位的？')).toBeTruthy()
  await next()
  expect(alerts()).toEqual(['请填离开单位的日期（记不清就填个大概），算仲裁期限要用'])
  await pickDate(2, '2026-03-01')
  await next()

  expect(await stepIs(4)).toBeTruthy()
  // 欠薪 chose 讨回欠的工资 already
  expect(screen.getByRole('checkbox', { name: /讨回欠的工资/ }).getAttribute('aria-checked')).toBe('true')
  await type('人数', '0')
  await next()
  expect(alerts()).toEqual(['请填要讨多少钱（记不清就写个大概）', '至少 1 个人（就是你自己）', '请选择是不是农民工（从农村出来打工）'])
  await tap(radio('是'))
  await type('人数', '1')
  await type('要讨的钱', '0')
  await next()
  expect(alerts()).toEqual(['金额要大于 0'])
  await type('要讨的钱', '12000')
  // a migrant worker claiming wages is not asked about hardship
  expect(screen.queryByText('家里最近有没有遇到下面这样的大困难？')).toBeNull()
  await next()

  expect(await stepIs(5)).toBeTruthy()
  expect(screen.getByText(/说话就能变成字/)).toBeTruthy()
  await next()
  expect(alerts()).toEqual(['请填事情经过'])
  await type('事情经过', '老板不给钱')
  expect(screen.getByText('至少写 10 个字 · 已写 5 字，最多 2000 字')).toBeTruthy()
  await next()
  expect(alerts()).toEqual(['事情经过至少写 10 个字，说清楚是怎么回事'])
  expect(sent('check')).toHaveLength(0)
})

test('before sending: eligibility in plain words, the last day for arbitration (red when urgent), who handles it and by when', async () => {
  worker({ 'legalAid.check': () => okReply({ ...CHECK, limitation: LIMIT_URGENT, notes: ['农民工讨薪，工会优先办'] }) })
  render(<ApplyPage />)
  await fillAll()
  expect(await stepIs(6)).toBeTruthy()
  expect(sent('check')).toEqual([
    {
      action: 'check',
      request: {
        disputeType: 'wages',
        employer: { name: '宏达建筑劳务有限公司', address: '上海市浦东新区川沙路 100 号工地' },
        dates: { entryDate: '2025-07-01', terminationDate: '2026-03-01' },
        stillEmployed: false,
        wants: ['unpaid_wages'],
        amount: '12000',
        workersAffected: 1,
        migrant: true,
        hardship: undefined,
        householdIncomePerPerson: undefined,
        facts: FACTS,
        evidenceFileIds: [fileId(1)],
      },
    },
  ])
  expect(upload.mock.calls[0][1]).toBe('work_proof')
  expect(await screen.findByText('✅ 符合法律援助的条件')).toBeTruthy()
  expect(screen.getByText('你是农民工，追讨工资，不需要经济困难证明。')).toBeTruthy()
  const limit = screen.getByLabelText('申请劳动仲裁的期限')
  expect(limit.className).toContain('due--late')
  expect(limit.getAttribute('role')).toBe('alert')
  expect(limit.textContent).toContain('⚠️ 申请劳动仲裁的最后一天：2026年12月10日')
  expect(limit.textContent).toContain('只剩 18 天了！')
  expect(screen.getByText(/由「广丰区总工会」办理/).textContent).toContain('12月3日 前告诉你受不受理')
  expect(screen.getByText('· 农民工讨薪，工会优先办')).toBeTruthy()
  expect(screen.getByText('要讨的钱：12000 元')).toBeTruthy()
  expect(screen.getByText('证据照片：1 张')).toBeTruthy()
  expect(sent('submit')).toHaveLength(0)
  expect(screen.getByText('提交给工会')).toBeTruthy()
})

test('a date far enough away is shown plainly; the household income is asked when it decides, then checked again', async () => {
  worker({
    'legalAid.check': (d) => okReply({ ...CHECK, eligibility: (d.request as { householdIncomePerPerson?: string }).householdIncomePerPerson ? INCOME_OK : ASK_INCOME }),
  })
  render(<ApplyPage />)
  await tap(await screen.findByRole('radio', { name: /^欠薪/ }))
  await next()
  await type('单位名称', '宏达建筑劳务有限公司')
  await type('单位地址', '上饶市广丰区')
  await next()
  await tap(radio(/^已经不在这里干了/))
  await pickDate(2, '2026-03-01')
  await next()
  await type('要讨的钱', '12000')
  await tap(radio('不是'))
  expect(screen.getByText('家里最近有没有遇到下面这样的大困难？')).toBeTruthy()
  expect(document.querySelector('[aria-label="家里每人每月收入"]')).toBeNull()
  await next()
  await type('事情经过', FACTS)
  await next()

  expect(await screen.findByText(/请填上家里每人每月的收入再看一看/)).toBeTruthy()
  expect(screen.getByText('ℹ️ 不能免费代理打官司，但工会照样帮你')).toBeTruthy()
  const limit = screen.getByLabelText('申请劳动仲裁的期限')
  expect(limit.className).not.toContain('due--late')
  expect(limit.textContent).toContain('⏰ 申请劳动仲裁的最后一天：2027年3月1日')
  expect(limit.textContent).toContain('请在 2027年3月1日 前申请劳动仲裁。')
  // the worker may still send it as it is
  expect(screen.getByText('提交给工会')).toBeTruthy()

  await type('家里每人每月收入', '900')
  expect(screen.queryByText('提交给工会')).toBeNull()
  await tap(screen.getByText('填好了，再看一看'))
  expect(await screen.findByText('✅ 符合法律援助的条件')).toBeTruthy()
  expect(screen.getByText(/家庭经济困难证明：村（居）委会/)).toBeTruthy()
  expect((sent('check')[1].request as Record<string, unknown>).householdIncomePerPerson).toBe('900')
  // and step 4 asks it from now on
  await tap(screen.getByRole('button', { name: '改一改 第 4 步' }))
  expect((await inputOf('家里每人每月收入')).value).toBe('900')
})

test('a double tap sends one request with a key; the case opens and the phone draft is gone', async () => {
  let release: (v: Envelope<unknown>) => void = () => {}
  worker({ 'legalAid.submit': () => new Promise((r) => (release = r)) })
  render(<ApplyPage />)
  await fillAll()
  expect(taro.__store.has(DRAFT_KEY)).toBe(true)
  await tap(await screen.findByText('提交给工会'))
  await tap(screen.getByText('正在提交…'))
  await act(async () => {
    release(okReply(SUBMITTED))
  })
  const submits = sent('submit')
  expect(submits).toHaveLength(1)
  expect(submits[0]).toEqual({ action: 'submit', key: expect.stringMatching(/^[A-Za-z0-9]{20}$/), request: sent('check')[0].request })
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `${LEGAL_CASE_PAGE}?id=case-9` })
  expect(taro.__store.has(DRAFT_KEY)).toBe(false)
})

test('a closed app loses nothing: the phone draft comes back where it was, and the retry after a lost network is the same request', async () => {
  worker({ 'legalAid.submit': () => errReply('NET.UNAVAILABLE', 'x') })
  const first = render(<ApplyPage />)
  await fillAll()
  await tap(await screen.findByText('提交给工会'))
  expect((await screen.findByText(/你填的内容已经保存在手机上/)).textContent).toContain('提交给工会')
  first.unmount()

  worker()
  render(<ApplyPage />)
  expect(await stepIs(6)).toBeTruthy()
  expect(screen.getByText('上次填的内容还在，接着填就行。')).toBeTruthy()
  // the phone copy wins: the server's is not read
  expect(sent('getDraft')).toHaveLength(1)
  expect(screen.getByText('单位：宏达建筑劳务有限公司')).toBeTruthy()
  await tap(await screen.findByText('提交给工会'))
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `${LEGAL_CASE_PAGE}?id=case-9` }))
  const [a, b] = sent('submit')
  expect(b.key).toBe(a.key)
  expect(b.request).toEqual(a.request)
})

test('already sent the same thing: says so and opens 我的求助', async () => {
  worker({ 'legalAid.submit': () => errReply('LEGAL_AID.CASE_OPEN', '这件事你已经提交过了，正在办理中，请在「我的求助」里查看') })
  render(<ApplyPage />)
  await fillAll()
  await tap(await screen.findByText('提交给工会'))
  expect(await screen.findByText('这件事你已经提交过了，正在办理中，请在「我的求助」里查看')).toBeTruthy()
  await tap(screen.getByText('看我的求助'))
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: LEGAL_PAGE })
})

test('no draft on this phone: the server copy is read and filled in; typing is saved to the server every 20 s, and at once when leaving a step', async () => {
  jest.useFakeTimers()
  const onServer: LegalAidDraft = {
    step: 2,
    disputeType: 'injury',
    employer: { name: '宏达', address: '' },
    wants: ['injury_compensation'],
    facts: '在工地摔伤了腿',
    evidenceFileIds: [fileId(7)],
  }
  worker({ 'legalAid.getDraft': () => okReply({ draft: onServer, savedAt: '2026-11-21T12:00:00.000Z' }) })
  render(<ApplyPage />)
  expect(await stepIs(2)).toBeTruthy()
  expect(screen.getByText('你在网上保存的内容找回来了，接着填就行。')).toBeTruthy()
  expect((await inputOf('单位名称')).value).toBe('宏达')
  // what came from the server is not saved back
  await act(async () => {
    jest.advanceTimersByTime(SAVE_EVERY_MS * 2)
  })
  expect(sent('saveDraft')).toHaveLength(0)

  await type('单位名称', '宏达建筑')
  await act(async () => {
    jest.advanceTimersByTime(SAVE_EVERY_MS / 2)
  })
  await type('单位名称', '宏达建筑劳务有限公司')
  expect(sent('saveDraft')).toHaveLength(0)
  await act(async () => {
    jest.advanceTimersByTime(SAVE_EVERY_MS / 2)
  })
  expect(sent('saveDraft')).toHaveLength(1)
  expect(sent('saveDraft')[0].draft).toMatchObject({ step: 2, disputeType: 'injury', employer: { name: '宏达建筑劳务有限公司' }, facts: '在工地摔伤了腿', evidenceFileIds: [fileId(7)] })

  await type('单位地址', '上饶市广丰区')
  await next()
  expect(await stepIs(3)).toBeTruthy()
  expect(sent('saveDraft')).toHaveLength(2)
  expect(sent('saveDraft')[1].draft).toMatchObject({ step: 3, employer: { name: '宏达建筑劳务有限公司', address: '上饶市广丰区' } })
  // an injury asks its date
  expect(screen.getByText('哪天受的伤？')).toBeTruthy()
  // and the phone has it too
  expect(JSON.stringify(taro.__store.get(DRAFT_KEY))).toContain('上饶市广丰区')
})

test('the server copy cannot be read: try again, or start afresh', async () => {
  let reply: Envelope<unknown> = errReply('NET.UNAVAILABLE', 'x')
  worker({ 'legalAid.getDraft': () => reply })
  render(<ApplyPage />)
  expect(await screen.findByText('没能读到你在网上保存的内容')).toBeTruthy()
  reply = okReply({ draft: null, savedAt: null })
  await tap(screen.getByText('重试'))
  expect(await stepIs(1)).toBeTruthy()
  expect(sent('getDraft')).toHaveLength(2)
})

test('an injury asks for medical papers: their separate consent first, then the photos go up as medical records', async () => {
  const onServer: LegalAidDraft = { step: 5, disputeType: 'injury', employer: { name: '宏达建筑劳务有限公司', address: '上饶市广丰区' }, wants: ['injury_compensation'] }
  worker({
    'legalAid.getDraft': () => okReply({ draft: onServer, savedAt: '2026-11-21T12:00:00.000Z' }),
    'privacy.grantConsent': (d) => okReply({ ...consents('granted').consents[1], category: d.category }),
  })
  render(<ApplyPage />)
  expect(await stepIs(5)).toBeTruthy()
  expect(await screen.findByText('申请法律援助要用到你的病历和医疗票据')).toBeTruthy()
  // pay slips need no consent: their picker is there already
  expect(screen.getAllByRole('button', { name: '拍照或选照片' })).toHaveLength(2)
  await tap(screen.getByText('我同意'))
  expect(sent('grantConsent')).toEqual([{ action: 'grantConsent', category: 'medical_documents', policyVersion: '2026-11-22' }])
  const pickers = screen.getAllByRole('button', { name: '拍照或选照片' })
  expect(pickers).toHaveLength(3)
  await tap(pickers[1])
  expect(upload.mock.calls.map((c) => c[1])).toEqual(['medical_record'])
  expect(screen.getByText('1/9 张')).toBeTruthy()
})
