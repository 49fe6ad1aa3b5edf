// 申请补助 wizard: only the chosen plan's questions; the documents the server lists (medical consent first);
// the bank card after its consent; the assessment with the arithmetic before sending; one submission with
// a key; a draft that survives a closed app without the bank card number.
import { act, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ApplyPage from '../../src/subpackages/aid/pages/apply/index'
import { restoreDraft, type WizardPlan } from '../../src/subpackages/aid/pages/apply/claimForm'
import { uploadPicked } from '../../src/services/upload'
import { AID_CLAIM_PAGE } from '../../src/services/mutual-aid'
import type { Envelope } from '../../src/domain/envelope'
import type { AssessReply } from '../../src/domain/mutual-aid/mutual-aid.api'
import { errReply, okReply } from './fixtures'
import { backend, inputOf, sent, tap, type, type Handler } from './join.fixtures'
import { ACCIDENT, ASSESS_OK, CARD, consent, consents, coverage, CRITICAL, FEMALE, INPATIENT, pickDate, PLAN_VIEWS } from './aid.fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('../../src/services/upload', () => ({ uploadPicked: jest.fn() }))
jest.mock('@tarojs/taro', () => jest.requireActual('./taro.mock').taroWith({ chooseMedia: jest.fn(), useRouter: jest.fn(() => ({ params: {} })) }))

const taro = Taro as unknown as { __store: Map<string, unknown>; chooseMedia: jest.Mock; useRouter: jest.Mock }
const upload = uploadPicked as jest.MockedFunction<typeof uploadPicked>
const DRAFT_KEY = 'aid:draft:claim'
const fileId = (n: number) => `${'a'.repeat(31)}${n}`
const SUBMITTED = { id: 'claim-9', state: 'submitted', stateLabel: '基层工会核对材料中', version: 1, computedFen: 427_500 }

/** The second assessment (with documents) finds nothing missing. */
const assessed = (d: Record<string, unknown>): Envelope<AssessReply> =>
  okReply(Object.keys((d.claim as { documents: object }).documents).length ? { ...ASSESS_OK, missingDocuments: [] } : ASSESS_OK)

function worker(overrides: Record<string, Handler> = {}) {
  backend({
    'mutualAid.coverage': () => okReply(coverage({ plans: [INPATIENT, CRITICAL, ACCIDENT, FEMALE] })),
    'mutualAid.plans': () => okReply({ plans: PLAN_VIEWS }),
    'privacy.consentStatus': () => okReply(consents('never')),
    'privacy.grantConsent': (d) => okReply(consent(d.category as 'medical_documents', 'granted')),
    'mutualAid.assess': assessed,
    'mutualAid.submit': () => okReply(SUBMITTED),
    ...overrides,
  })
}

const next = () => tap(screen.getByText('下一步'))
const radio = (name: string | RegExp) => screen.getByRole('radio', { name })
const alerts = () => screen.getAllByRole('alert').map((a) => a.textContent)

async function fillStay() {
  await pickDate(0, '2026-03-05')
  await pickDate(1, '2026-03-20')
  await tap(radio('生病'))
  await type('自付金额', '9200')
}

/** Through documents (medical consent given) and the bank card to the last step, where the check runs. */
async function toLastStep() {
  await screen.findByText('哪天住进医院的？')
  await fillStay()
  await next()
  await tap(await screen.findByText('我同意'))
  for (let i = 0; i < 3; i++) await tap(screen.getAllByRole('button', { name: '拍照或选照片' })[i])
  await next()
  await type('银行卡号', CARD)
  await next()
}

let realEnv: typeof process.env.TARO_ENV
beforeEach(() => {
  jest.clearAllMocks()
  taro.__store.clear()
  taro.useRouter.mockReturnValue({ params: { planId: 'plan-inpatient' } })
  let n = 0
  upload.mockImplementation(async () => okReply({ fileId: fileId(++n), name: '照片1.jpg', mime: 'image/jpeg' as const, size: 1000 }))
  taro.chooseMedia.mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://doc.jpg', size: 1000, fileType: 'image' }] })
  realEnv = process.env.TARO_ENV
  process.env.TARO_ENV = 'weapp'
})
afterEach(() => {
  process.env.TARO_ENV = realEnv
})

test('asks only what the chosen plan needs: a stay, an accident by benefit, a listed disease, a female class', async () => {
  taro.useRouter.mockReturnValue({ params: {} })
  worker()
  render(<ApplyPage />)
  expect(await screen.findByText('第 1 步，共 5 步')).toBeTruthy()
  expect(radio(/职工重大疾病互助保障/).textContent).toContain('等待期（还要等 12 天）')
  await next()
  expect(alerts()).toEqual(['请选择申请哪个保障'])

  await tap(radio(/职工住院医疗互助保障/))
  await next()
  expect(screen.getByText('哪天住进医院的？')).toBeTruthy()
  expect(screen.getByText('哪天出院的？')).toBeTruthy()
  expect(radio('意外受伤')).toBeTruthy()
  expect(await inputOf('自付金额')).toBeTruthy()
  expect(screen.queryByText('申请哪一种补助？')).toBeNull()
  expect(screen.queryByText('确诊的是什么病？')).toBeNull()
  await next()
  expect(alerts()).toEqual(['请填入院日期', '请填出院日期', '请选择住院是因为生病还是意外受伤', '请填金额'])
  expect(sent('assess')).toHaveLength(0)

  await tap(screen.getByText('上一步'))
  await tap(radio(/职工意外伤害互助保障/))
  await next()
  expect(screen.getByText('哪天出的事？')).toBeTruthy()
  expect(document.querySelector('[aria-label="自付金额"]')).toBeNull()
  expect(screen.queryByText('伤残等级')).toBeNull()
  await tap(radio('伤残补助（按伤残等级）'))
  expect(screen.getByText('伤残等级')).toBeTruthy()
  expect(radio('3 级')).toBeTruthy()
  expect(document.querySelectorAll('taro-picker-core')).toHaveLength(1)
  await tap(radio('住院补助（按住院天数）'))
  expect(screen.queryByText('伤残等级')).toBeNull()
  expect(document.querySelectorAll('taro-picker-core')).toHaveLength(3)

  await tap(screen.getByText('上一步'))
  await tap(radio(/职工重大疾病互助保障/))
  await next()
  expect(screen.getByText('确诊的是什么病？')).toBeTruthy()
  expect(radio('恶性肿瘤')).toBeTruthy()
  expect(screen.queryByText('申请哪一种补助？')).toBeNull()

  await tap(screen.getByText('上一步'))
  await tap(radio(/女职工特殊疾病互助保障/))
  await next()
  expect(radio(/第一类/).textContent).toContain('乳腺癌、宫颈癌等女性特有的恶性肿瘤')
  expect(radio(/第四类/)).toBeTruthy()
  expect(screen.queryByText('确诊的是什么病？')).toBeNull()
})

test('cannot be paid: the reasons in plain words right after what happened, and no documents are asked', async () => {
  worker({
    'mutualAid.assess': () => okReply({ ...ASSESS_OK, eligible: false, payoutFen: 0, steps: [], reasons: ['在等待期内，还要等 12 天（11月13日起才有保障）'] }),
  })
  render(<ApplyPage />)
  await screen.findByText('哪天住进医院的？')
  await fillStay()
  await next()
  expect(await screen.findByText('按规定，这次不能补助：')).toBeTruthy()
  expect(screen.getByText('· 在等待期内，还要等 12 天（11月13日起才有保障）')).toBeTruthy()
  expect(screen.getByText('第 2 步，共 5 步')).toBeTruthy()
  expect(screen.queryByText('拍照或选照片')).toBeNull()
})

test('documents the server lists (medical consent first), the bank card checked, then the payout and its arithmetic before sending', async () => {
  worker()
  render(<ApplyPage />)
  expect(await screen.findByText('第 2 步，共 5 步')).toBeTruthy()
  expect(screen.getByText('职工住院医疗互助保障')).toBeTruthy()
  await fillStay()
  await next()
  expect(sent('assess')[0]).toEqual({
    action: 'assess',
    claim: { planId: 'plan-inpatient', kind: 'inpatient', eventDate: '2026-03-05', dischargeDate: '2026-03-20', cause: 'illness', selfPaid: '9200', documents: {} },
  })

  expect(await screen.findByText('第 3 步，共 5 步')).toBeTruthy()
  expect(screen.getByText('申请互助保障补助要用到你的病历和医疗票据')).toBeTruthy()
  // the medical papers wait for 我同意; the bank card photo has its consent already
  expect(screen.getAllByText('先看一看上面的说明，点“我同意”，再拍照上传。')).toHaveLength(2)
  expect(screen.getAllByRole('button', { name: '拍照或选照片' })).toHaveLength(1)
  await next()
  expect(alerts()).toEqual(['这一项还没上传，请拍照上传', '这一项还没上传，请拍照上传', '这一项还没上传，请拍照上传'])

  await tap(screen.getByText('我同意'))
  expect(sent('grantConsent')).toEqual([{ action: 'grantConsent', category: 'medical_documents', policyVersion: '2026-11-22' }])
  for (let i = 0; i < 3; i++) await tap(screen.getAllByRole('button', { name: '拍照或选照片' })[i])
  expect(upload.mock.calls.map((c) => c[1])).toEqual(['medical_invoice', 'medical_record', 'bank_card_photo'])
  await next()

  expect(screen.getByText('第 4 步，共 5 步')).toBeTruthy()
  await type('银行卡号', '6222 0212 3456')
  await next()
  expect(alerts()).toEqual(['银行卡号不对：应该是 12 到 19 位数字，请对着卡再核对一下'])
  await type('银行卡号', CARD)
  await next()

  expect(screen.getByText('第 5 步，共 5 步')).toBeTruthy()
  expect(await screen.findByText('✅ 按你填的，可以补助')).toBeTruthy()
  expect(screen.getByText('能补助 4,275 元')).toBeTruthy()
  expect(screen.getByRole('list', { name: '怎么算的' }).textContent).toBe('自付 9,200 元 − 起付线 650 元 = 8,550 元 × 50% = 4,275 元')
  expect(screen.getByText(/还有 829 天可以申请（2028年3月5日截止）/)).toBeTruthy()
  expect(screen.getByText('自己付的钱：9200 元')).toBeTruthy()
  expect(screen.getByText('银行卡 **** 0128')).toBeTruthy()
  expect((sent('assess')[1].claim as { documents: unknown }).documents).toEqual({ invoice: [fileId(1)], discharge_summary: [fileId(2)], bank_card: [fileId(3)] })
  expect(sent('submit')).toHaveLength(0)
  expect(screen.getByText('提交申请')).toBeTruthy()
})

test('a closing window is warned about; documents still missing are named, with no way to send', async () => {
  worker({
    'mutualAid.assess': (d) =>
      Object.keys((d.claim as { documents: object }).documents).length
        ? okReply({ ...ASSESS_OK, window: { lastDay: '2026-12-01', text: '还有 8 天可以申请（12月1日截止）', warn: true, open: true }, missingDocuments: ['discharge_summary'] })
        : okReply(ASSESS_OK),
  })
  render(<ApplyPage />)
  await toLastStep()
  expect((await screen.findByText(/还有 8 天可以申请/)).textContent).toContain('快到期了，请抓紧提交')
  expect(screen.getByText('还缺这些材料：')).toBeTruthy()
  expect(screen.getByText('· 出院小结（出院记录）')).toBeTruthy()
  expect(screen.queryByText('提交申请')).toBeNull()
  await tap(screen.getByText('回去上传'))
  expect(screen.getByText('第 3 步，共 5 步')).toBeTruthy()
})

test('a double tap sends one claim with a key; then the claim opens and the draft is gone', async () => {
  let release: (v: Envelope<unknown>) => void = () => {}
  worker({ 'mutualAid.submit': () => new Promise((r) => (release = r)) })
  render(<ApplyPage />)
  await toLastStep()
  expect(taro.__store.has(DRAFT_KEY)).toBe(true)
  await tap(await screen.findByText('提交申请'))
  await tap(screen.getByText('正在提交…'))
  await act(async () => {
    release(okReply(SUBMITTED))
  })
  const submits = sent('submit')
  expect(submits).toHaveLength(1)
  expect(submits[0]).toEqual({
    action: 'submit',
    key: expect.stringMatching(/^[A-Za-z0-9]{20}$/),
    bankCard: CARD,
    claim: expect.objectContaining({ planId: 'plan-inpatient', selfPaid: '9200', documents: { invoice: [fileId(1)], discharge_summary: [fileId(2)], bank_card: [fileId(3)] } }),
  })
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `${AID_CLAIM_PAGE}?id=claim-9` })
  expect(taro.__store.has(DRAFT_KEY)).toBe(false)
})

test('a closed app keeps everything but the bank card number; the retry after a lost network is the same request (same key)', async () => {
  worker({ 'mutualAid.submit': () => errReply('NET.UNAVAILABLE', 'x') })
  const first = render(<ApplyPage />)
  await toLastStep()
  await type('想对工会说的话', '住院 15 天')
  await tap(await screen.findByText('提交申请'))
  expect((await screen.findByText(/你填的内容已经保存在手机上/)).textContent).toContain('网络不太好')

  const stored = JSON.stringify(taro.__store.get(DRAFT_KEY))
  expect(stored).toContain('9200')
  expect(stored).toContain(fileId(2))
  expect(stored).not.toContain(CARD.slice(-8))
  first.unmount()

  worker({ 'privacy.consentStatus': () => okReply(consents('granted')) })
  render(<ApplyPage />)
  expect(await screen.findByText('第 4 步，共 5 步')).toBeTruthy()
  expect(screen.getByText('上次填的内容还在，接着填就行。')).toBeTruthy()
  expect(screen.getByText('为了保护你的信息，银行卡号没有存在手机上，请再填一次。')).toBeTruthy()
  expect((await inputOf('银行卡号')).value).toBe('')
  await type('银行卡号', CARD)
  await next()
  expect(await screen.findByText('自己付的钱：9200 元')).toBeTruthy()
  expect((await inputOf('想对工会说的话')).value).toBe('住院 15 天')
  await tap(await screen.findByText('提交申请'))
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `${AID_CLAIM_PAGE}?id=claim-9` }))
  const [a, b] = sent('submit')
  expect(b.key).toBe(a.key)
  expect(b.claim).toEqual(a.claim)
  expect(b.note).toBe('住院 15 天')
})

test('the same event already claimed: says so and opens 我的申请', async () => {
  worker({ 'mutualAid.submit': () => errReply('MUTUAL_AID.CLAIM_OPEN', '这件事你已经申请过了，正在办理中，请在「我的申请」里查看') })
  render(<ApplyPage />)
  await toLastStep()
  await tap(await screen.findByText('提交申请'))
  expect(await screen.findByText('这件事你已经申请过了，正在办理中，请在「我的申请」里查看')).toBeTruthy()
  await tap(screen.getByText('看我的申请'))
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/subpackages/aid/pages/claims/index' })
})

test('a draft comes back where it was (at most at the bank card); 申请补助 on another plan switches to it and lists its documents again', () => {
  const plans = [INPATIENT, ACCIDENT].map((p): WizardPlan => ({ ...p, summary: [] }))
  const saved = { step: 5 as const, planId: 'plan-inpatient', docList: [{ code: 'invoice' as const, label: '发票' }], facts: { eventDate: '2026-03-05' } as never }
  expect(restoreDraft(saved, plans, undefined)).toMatchObject({ step: 4, planId: 'plan-inpatient', docList: saved.docList })
  expect(restoreDraft(saved, plans, 'plan-inpatient')).toMatchObject({ step: 4, planId: 'plan-inpatient' })
  expect(restoreDraft(saved, plans, 'plan-accident')).toMatchObject({ step: 2, planId: 'plan-accident', docList: [], facts: { eventDate: '2026-03-05' } })
  expect(restoreDraft({ ...saved, planId: 'plan-gone' }, plans, undefined)).toMatchObject({ step: 1, planId: '' })
  expect(restoreDraft(null, plans, 'plan-accident')).toMatchObject({ step: 2, planId: 'plan-accident' })
})
