// 申请入会 wizard: ID consent first, plain-words field errors per step, the server's check shown before
// sending, one submission with an idempotency key, and a draft that survives a closed app (without the ID).
import { act, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ApplyPage from '../../src/subpackages/join/pages/apply/index'
import { JOIN_STATUS_PAGE, TRANSFER_PAGE } from '../../src/services/membership'
import type { Envelope } from '../../src/domain/envelope'
import { errReply, okReply } from './fixtures'
import { backend, call, CHECK_OK, EMPLOYERS, idConsent, inputOf, sent, tap, type, type Handler } from './join.fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => jest.requireActual('./taro.mock').taroWith())

const taro = Taro as unknown as { __store: Map<string, unknown> }
const DRAFT_KEY = 'join:draft:apply'
const ID = '11010519491231002X'

const SUBMITTED = { id: 'app-1', state: 'submitted', stateLabel: '工会审核中', version: 1, orgName: '兴旺国际建材城联合工会', dueDate: '2026-12-14', dueLabel: '12月14日' }
const NOT_ACCEPTED = {
  ...CHECK_OK,
  eligible: false,
  route: null,
  issues: [{ code: 'CHARTER_NOT_ACCEPTED', message: '请先看一看工会章程的要点，勾选「我愿意遵守工会章程」。' }],
}

function worker(overrides: Record<string, Handler> = {}) {
  backend({
    'privacy.consentStatus': () => okReply({ consents: [idConsent('granted')] }),
    'membership.employers': () => okReply({ employers: EMPLOYERS }),
    'membership.check': (d) => okReply((d.application as { charterAccepted: boolean }).charterAccepted ? CHECK_OK : NOT_ACCEPTED),
    'membership.apply': () => okReply(SUBMITTED),
    ...overrides,
  })
}

const next = () => tap(screen.getByText('下一步'))
const radio = (name: string | RegExp) => screen.getByRole('radio', { name })

async function fillStep1(id = ID) {
  await type('姓名', '王小明')
  await type('身份证号', id)
  await type('手机号', '13800001234')
  await next()
}
async function fillStep2() {
  await tap(radio('在本区（广丰）工作'))
  await tap(await screen.findByRole('radio', { name: '兴旺建材有限公司' }))
  await next()
}
async function fillStep3() {
  await tap(radio('全职（和单位签了合同）'))
  await tap(radio('普工'))
  await tap(radio(/靠工资或干活挣的钱/))
  await next()
}

beforeEach(() => {
  jest.clearAllMocks()
  taro.__store.clear()
})

test('the ID number is asked only after 我同意; empty and wrong answers are named next to each field', async () => {
  worker({
    'privacy.consentStatus': () => okReply({ consents: [idConsent('never')] }),
    'privacy.grantConsent': () => okReply(idConsent('granted')),
  })
  render(<ApplyPage />)
  expect(screen.getByText('第 1 步，共 4 步')).toBeTruthy()
  expect(await screen.findByText('入会要用到你的身份证号')).toBeTruthy()
  expect(document.querySelector('[aria-label="身份证号"]')).toBeNull()

  await next()
  const alerts = screen.getAllByRole('alert').map((a) => a.textContent)
  expect(alerts).toEqual(['请填写姓名', '请先看一看上面的说明，点“我同意”，再填身份证号。', '手机号应该是 1 开头的 11 位数字，请核对一下'])
  expect(screen.getByText('请填写姓名').closest('.field')?.textContent).toContain('你的名字')

  await tap(screen.getByText('我同意'))
  expect(sent('grantConsent')).toEqual([{ action: 'grantConsent', category: 'id_number', policyVersion: '2026-11-22' }])
  await type('姓名', '王小明')
  await type('身份证号', '110105194912310021')
  await type('手机号', '1380000')
  await next()
  expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(['身份证号好像有一位写错了，请对照身份证再核对一下', '手机号应该是 1 开头的 11 位数字，请核对一下'])
  expect(screen.getByText('第 1 步，共 4 步')).toBeTruthy()

  await type('身份证号', ID)
  await type('手机号', '13800001234')
  await next()
  expect(screen.getByText('第 2 步，共 4 步')).toBeTruthy()
  expect(sent('check')).toHaveLength(0)
})

test('step 2 and 3 say what is missing; Shanghai asks which union, a typed employer asks nothing about 乡镇, platform work asks the platform', async () => {
  worker()
  render(<ApplyPage />)
  await fillStep1()
  await next()
  expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(['请选择在哪里工作', '请选择在哪个单位工作'])

  await tap(radio('在上海工作'))
  expect(screen.getByText('想由哪里的工会办理？')).toBeTruthy()
  await tap(screen.getByText('✏️ 列表里没有，我自己填'))
  expect(screen.queryByText('单位在哪个乡镇或街道？')).toBeNull()
  await next()
  expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(['请选择由哪里的工会办理', '请填写单位名称，至少 2 个字'])
  await tap(radio(/上海服务站/))
  await type('单位名称', '上海某某建筑劳务公司')
  await next()

  expect(screen.getByText('第 3 步，共 4 步')).toBeTruthy()
  await next()
  expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(['请选择用工方式', '请填写做什么工作', '请选择主要靠什么挣钱'])
  await tap(radio(/新就业形态/))
  await type('做什么工作', '外卖骑手')
  await tap(radio(/靠工资或干活挣的钱/))
  await next()
  expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(['请选择在哪个平台接单'])
  await tap(radio('美团'))
  await next()

  expect(screen.getByText('第 4 步，共 4 步')).toBeTruthy()
  await waitFor(() => expect(sent('check')).toHaveLength(1))
  expect(sent('check')[0].application).toEqual({
    name: '王小明',
    idNumber: ID,
    phone: '13800001234',
    incomeSource: 'wages',
    charterAccepted: false,
    workPlace: 'shanghai',
    remoteUnion: 'station',
    employer: { kind: 'other', name: '上海某某建筑劳务公司' },
    employmentType: 'new_forms',
    platform: 'meituan',
    occupation: '外卖骑手',
  })
})

test('before sending, the server’s check is shown: first what stops it, then who handles it, by when, and that the employer is not told', async () => {
  worker()
  render(<ApplyPage />)
  await fillStep1()
  await fillStep2()
  await fillStep3()
  expect(await screen.findByText(/请先看一看工会章程的要点/)).toBeTruthy()
  expect(screen.getByText('现在还不能提交：')).toBeTruthy()
  expect(screen.queryByText('提交入会申请')).toBeNull()
  expect(screen.getByText(/会员每月交一点会费/)).toBeTruthy()

  await tap(screen.getByRole('checkbox', { name: /我愿意遵守工会章程/ }))
  expect(await screen.findByText('✅ 你可以入会，请看一看下面的说明再提交。')).toBeTruthy()
  expect(screen.getByText('🏠 兴旺国际建材城联合工会')).toBeTruthy()
  expect(screen.getByText(CHECK_OK.route?.why as string)).toBeTruthy()
  expect(document.querySelector('.check__due')?.textContent).toBe('⏰ 工会会在 15 个工作日内（12月14日前）答复你。')
  expect(screen.getByText(/单位不会知道你申请了入会/)).toBeTruthy()
  expect(sent('check').map((c) => (c.application as { charterAccepted: boolean }).charterAccepted)).toEqual([false, true])
  expect(sent('apply')).toHaveLength(0)
})

test('a double tap sends one application with a key; then the progress page opens and the draft is gone', async () => {
  let release: (v: Envelope<unknown>) => void = () => {}
  worker({ 'membership.apply': () => new Promise((r) => (release = r)) })
  render(<ApplyPage />)
  await fillStep1()
  await fillStep2()
  await fillStep3()
  await tap(await screen.findByRole('checkbox', { name: /我愿意遵守工会章程/ }))
  const submit = await screen.findByText('提交入会申请')
  expect(taro.__store.has(DRAFT_KEY)).toBe(true)
  await tap(submit)
  await tap(screen.getByText('正在提交…'))
  await act(async () => {
    release(okReply(SUBMITTED))
  })
  const applies = sent('apply')
  expect(applies).toHaveLength(1)
  expect(applies[0]).toEqual({ action: 'apply', key: expect.stringMatching(/^[A-Za-z0-9]{20}$/), application: expect.objectContaining({ charterAccepted: true, employer: { kind: 'known', employerId: 'emp-xingwang' }, idNumber: ID }) })
  const order = call.mock.calls.map(([, d]) => d.action)
  expect(order.lastIndexOf('check')).toBeLessThan(order.indexOf('apply'))
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: JOIN_STATUS_PAGE })
  expect(taro.__store.has(DRAFT_KEY)).toBe(false)
})

test('a closed app keeps everything but the ID number; the retry after a lost network is the same request (same key)', async () => {
  worker({ 'membership.apply': () => errReply('NET.UNAVAILABLE', 'x') })
  const first = render(<ApplyPage />)
  await fillStep1()
  await fillStep2()
  await fillStep3()
  await tap(await screen.findByRole('checkbox', { name: /我愿意遵守工会章程/ }))
  await tap(await screen.findByText('提交入会申请'))
  expect((await screen.findByText(/你填的内容已经保存在手机上/)).textContent).toContain('网络不太好')

  const stored = JSON.stringify(taro.__store.get(DRAFT_KEY))
  expect(stored).toContain('王小明')
  expect(stored).not.toContain('19491231')
  first.unmount()

  worker()
  render(<ApplyPage />)
  expect(screen.getByText('第 1 步，共 4 步')).toBeTruthy()
  expect(screen.getByText(/上次填的内容还在.*身份证号没有存在手机上，请再填一次/)).toBeTruthy()
  expect((await inputOf('姓名')).value).toBe('王小明')
  expect((await inputOf('手机号')).value).toBe('13800001234')
  expect((await inputOf('身份证号')).value).toBe('')
  await type('身份证号', ID)
  await next()
  expect(screen.getByRole('radio', { name: '在本区（广丰）工作' }).getAttribute('aria-checked')).toBe('true')
  expect(screen.getByText('✓ 兴旺建材有限公司')).toBeTruthy()
  await next()
  expect(screen.getByRole('radio', { name: '普工' }).getAttribute('aria-checked')).toBe('true')
  await next()
  expect(screen.getByRole('checkbox', { name: /我愿意遵守工会章程/ }).getAttribute('aria-checked')).toBe('true')
  await tap(await screen.findByText('提交入会申请'))
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: JOIN_STATUS_PAGE }))
  const [a, b] = sent('apply')
  expect(b.key).toBe(a.key)
  expect(b.application).toEqual(a.application)
})

test('an existing member is offered 转会 instead of applying', async () => {
  worker({
    'membership.check': () =>
      okReply({ ...CHECK_OK, eligible: false, route: null, offerTransfer: true, issues: [{ code: 'ALREADY_MEMBER', message: '你已经是「城关镇环卫所工会」的会员了，不用重新入会。换了工作或城市，可以办「转会」。' }] }),
  })
  render(<ApplyPage />)
  await fillStep1()
  await fillStep2()
  await fillStep3()
  expect(await screen.findByText(/你已经是「城关镇环卫所工会」的会员了/)).toBeTruthy()
  expect(screen.queryByText('提交入会申请')).toBeNull()
  await tap(screen.getByText('去办转会'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: TRANSFER_PAGE })
})

test('consent withdrawn meanwhile: the check asks for it, 我同意 grants it and checks again', async () => {
  let consentGiven = false
  worker({
    'privacy.grantConsent': () => {
      consentGiven = true
      return okReply(idConsent('granted'))
    },
    'membership.check': () =>
      consentGiven ? okReply(NOT_ACCEPTED) : { ok: false, error: { code: 'CONSENT.REQUIRED', message: '办这件事要用到你的身份证号。', fieldErrors: { consent: 'id_number' } } },
  })
  render(<ApplyPage />)
  await fillStep1()
  await fillStep2()
  await fillStep3()
  expect(await screen.findByText('入会要用到你的身份证号')).toBeTruthy()
  await tap(screen.getByText('我同意'))
  expect(await screen.findByText(/请先看一看工会章程的要点/)).toBeTruthy()
  expect(sent('check')).toHaveLength(2)
})

test('the server’s word about a field sends the worker back to that step, with the words next to the field', async () => {
  worker({
    'membership.check': (d) => ((d.application as { charterAccepted: boolean }).charterAccepted ? okReply(CHECK_OK) : okReply(NOT_ACCEPTED)),
    'membership.apply': () => ({ ok: false, error: { code: 'VALIDATION.INVALID', message: '有些内容没填对，请按提示改一改', fieldErrors: { 'application.phone': '这个手机号打不通' } } }),
  })
  render(<ApplyPage />)
  await fillStep1()
  await fillStep2()
  await fillStep3()
  await tap(await screen.findByRole('checkbox', { name: /我愿意遵守工会章程/ }))
  await tap(await screen.findByText('提交入会申请'))
  expect(await screen.findByText('第 1 步，共 4 步')).toBeTruthy()
  expect(screen.getByText('这个手机号打不通').closest('.field')?.textContent).toContain('手机号')
})
