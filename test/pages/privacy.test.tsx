// 我的信息与隐私 page and the weapp privacy popup, in jsdom with a mocked transport.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import PrivacyPage from '../../src/subpackages/privacy/pages/index'
import PrivacyPopup from '../../src/components/PrivacyPopup'
import { AGREE_BUTTON_ID, installPrivacyAuthorization, onNeedAuthorization } from '../../src/components/PrivacyPopupBus'
import Mine from '../../src/pages/mine/index'
import { callFunction } from '../../src/services/transport'
import { PRIVACY_PAGE } from '../../src/services/privacy'
import { HOME_PAGE } from '../../src/services/routes'
import { CONSENT_POLICIES, consentView } from '../../src/domain/consent/consent'
import type { MyData } from '../../src/domain/privacy/privacy.schema'
import { findPersonalNumbers } from '../../src/domain/privacy/redact'
import { errReply, okReply, worker } from './fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro.mock')
  const extra = {
    showModal: jest.fn(() => Promise.resolve({ confirm: true, cancel: false })),
    setClipboardData: jest.fn(() => Promise.resolve({ errMsg: 'setClipboardData:ok' })),
    reLaunch: jest.fn(() => Promise.resolve({ errMsg: 'reLaunch:ok' })),
    openPrivacyContract: jest.fn(),
  }
  return { __esModule: true, ...base, ...extra, default: { ...base.default, ...extra } }
})

const call = callFunction as jest.MockedFunction<typeof callFunction>
const modal = Taro.showModal as jest.Mock
const realEnv = process.env.TARO_ENV

const at = (d: string) => new Date(`${d}T02:00:00Z`)
const DATA: MyData = {
  generatedAt: '2026-11-22T04:00:00.000Z',
  account: { shortUserId: '9c21d4e8', roleLabel: '职工', isStaff: false, orgName: '城关镇环卫所工会', createdAt: '2026-03-01T02:00:00.000Z' },
  profile: { name: '李*国', phone: '138****1234' },
  identity: { maskedIdNumber: '110***********002X', birthYear: 1949, sexLabel: '女', savedAt: '2026-11-20T02:00:00.000Z' },
  consents: [
    consentView('id_number', { policyVersion: CONSENT_POLICIES.id_number.version, grantedAt: at('2026-11-20') }, null),
    consentView('medical_documents', null, { policyVersion: CONSENT_POLICIES.medical_documents.version, grantedAt: at('2026-11-01'), withdrawnAt: at('2026-11-10') }),
    consentView('bank_card', null, null),
  ],
  consentHistory: [{ category: 'medical_documents', label: '病历和医疗票据', policyVersion: '2026-11-22', grantedAt: '2026-11-01T02:00:00.000Z', withdrawnAt: '2026-11-10T02:00:00.000Z' }],
  files: [{ fileId: 'f1', name: '住院发票.jpg', mime: 'image/jpeg', size: 245760, purposeLabel: '医疗费用票据', createdAt: '2026-11-21T02:00:00.000Z', attached: true }],
  uploadsInProgress: 1,
  records: [{ label: '驿站签到', count: 3 }, { label: '驿站报修', count: 0 }],
  keptAfterClosing: ['已经交给工会办事的材料和记录，按规定保留。'],
}

beforeEach(() => {
  jest.clearAllMocks()
  modal.mockImplementation(() => Promise.resolve({ confirm: true, cancel: false }))
  process.env.TARO_ENV = 'weapp'
})
afterEach(() => {
  process.env.TARO_ENV = realEnv
})

async function openPage(data: MyData = DATA) {
  call.mockResolvedValueOnce(okReply(data))
  const view = render(<PrivacyPage />)
  await screen.findByText('账号')
  return view
}

test('shows what is held, grouped and masked, in plain words', async () => {
  const { container } = await openPage()
  expect(call).toHaveBeenCalledWith('privacy', { action: 'myData' })
  for (const text of ['职工', '城关镇环卫所工会', '9c21d4e8', '2026年3月1日', '李*国', '138****1234', '110***********002X', '1949 年', '女']) {
    expect(screen.getByText(text)).toBeTruthy()
  }
  expect(screen.getAllByText('身份证号')).toHaveLength(2)
  expect(screen.getByText('已同意')).toBeTruthy()
  expect(screen.getByText('已撤回')).toBeTruthy()
  expect(screen.getByText('没有同意')).toBeTruthy()
  expect(screen.getByText('2026年11月1日同意，2026年11月10日撤回')).toBeTruthy()
  expect(screen.getByText('住院发票.jpg')).toBeTruthy()
  expect(screen.getByText('医疗费用票据 · 240 KB · 2026年11月21日上传 · 已交给工会')).toBeTruthy()
  expect(screen.getByText(/还有 1 个文件没传完/)).toBeTruthy()
  expect(screen.getByText('驿站签到：3 条')).toBeTruthy()
  expect(screen.queryByText(/驿站报修：/)).toBeNull()
  expect(findPersonalNumbers(container.textContent ?? '')).toEqual([])
})

test('an empty account says so in words', async () => {
  await openPage({ ...DATA, account: { ...DATA.account, shortUserId: null, orgName: null, createdAt: null }, profile: { name: null, phone: null }, identity: null, files: [], uploadsInProgress: 0, consentHistory: [], records: [{ label: '驿站签到', count: 0 }] })
  expect(screen.getByText('还没有加入')).toBeTruthy()
  expect(screen.getByText('还没有记录。')).toBeTruthy()
  expect(screen.getAllByText('没有填写')).toHaveLength(2)
  expect(screen.getByText('你还没有填写身份证号。')).toBeTruthy()
  expect(screen.getByText('你还没有上传过材料。')).toBeTruthy()
})

test('撤回同意 explains the consequence first; 不撤回 does nothing', async () => {
  await openPage()
  modal.mockResolvedValueOnce({ confirm: false, cancel: true })
  fireEvent.click(screen.getByText('撤回同意'))
  await waitFor(() => expect(modal).toHaveBeenCalled())
  expect(modal.mock.calls[0][0]).toMatchObject({ title: '撤回“身份证号”的同意？', content: CONSENT_POLICIES.id_number.withdrawEffect, confirmText: '撤回' })
  expect(call).toHaveBeenCalledTimes(1)
})

test('撤回同意 confirmed: withdraws, says so and shows the new state', async () => {
  await openPage()
  const after = { ...DATA, consents: [consentView('id_number', null, { policyVersion: '2026-11-22', grantedAt: at('2026-11-20'), withdrawnAt: at('2026-11-22') }), ...DATA.consents.slice(1)] }
  call.mockResolvedValueOnce(okReply({ withdrawn: true })).mockResolvedValueOnce(okReply(after))
  fireEvent.click(screen.getByText('撤回同意'))
  await waitFor(() => expect(call).toHaveBeenCalledWith('privacy', { action: 'withdrawConsent', category: 'id_number' }))
  await waitFor(() => expect(screen.getAllByText('已撤回')).toHaveLength(2))
  expect(Taro.showToast).toHaveBeenCalledWith({ title: '已撤回', icon: 'success' })
})

test('同意 shows the purpose and sends the current version', async () => {
  await openPage()
  call.mockResolvedValueOnce(okReply({})).mockResolvedValueOnce(okReply(DATA))
  fireEvent.click(screen.getAllByText('同意')[1])
  await waitFor(() => expect(call).toHaveBeenCalledWith('privacy', { action: 'grantConsent', category: 'bank_card', policyVersion: CONSENT_POLICIES.bank_card.version }))
  expect(modal.mock.calls[0][0]).toMatchObject({ content: CONSENT_POLICIES.bank_card.purpose, confirmText: '同意' })
})

test('a refused action is explained in a dialog', async () => {
  await openPage()
  call.mockResolvedValueOnce(errReply('NET.UNAVAILABLE', 'x'))
  fireEvent.click(screen.getByText('撤回同意'))
  await waitFor(() => expect(modal).toHaveBeenCalledTimes(2))
  expect(modal.mock.calls[1][0]).toMatchObject({ title: '没有办成', content: '网络不太好，请检查网络后再试一次', showCancel: false })
})

test('weapp: 导出我的信息 copies a readable copy to the clipboard and says how to keep it', async () => {
  await openPage()
  fireEvent.click(screen.getByText('导出我的信息'))
  await waitFor(() => expect(Taro.setClipboardData).toHaveBeenCalled())
  const text = (Taro.setClipboardData as jest.Mock).mock.calls[0][0].data as string
  const exported = JSON.parse(text)
  expect(exported).toMatchObject({ 个人资料: { 姓名: '李*国', 手机: '138****1234' }, 身份证: { 身份证号: '110***********002X' } })
  expect(exported.上传的材料).toEqual([{ 名称: '住院发票.jpg', 用途: '医疗费用票据', 大小: '240 KB', 上传日期: '2026年11月21日', 已交给工会: '是' }])
  expect(findPersonalNumbers(text)).toEqual([])
  await waitFor(() => expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '已复制' })))
})

test('h5: 导出我的信息 downloads a JSON file', async () => {
  process.env.TARO_ENV = 'h5'
  const created: Blob[] = []
  const urlApi = URL as unknown as { createObjectURL: (b: Blob) => string; revokeObjectURL: (u: string) => void }
  urlApi.createObjectURL = jest.fn((b: Blob) => {
    created.push(b)
    return 'blob:export'
  })
  urlApi.revokeObjectURL = jest.fn()
  const clicks: string[] = []
  const spy = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicks.push(this.download)
  })
  await openPage()
  fireEvent.click(screen.getByText('导出我的信息'))
  await waitFor(() => expect(clicks).toEqual(['我的信息-20261122.json']))
  expect(created[0].type).toBe('application/json;charset=utf-8')
  const blobText = await new Promise<string>((resolve) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.readAsText(created[0])
  })
  expect(JSON.parse(blobText)).toMatchObject({ 账号: { 身份: '职工' } })
  expect(Taro.setClipboardData).not.toHaveBeenCalled()
  spy.mockRestore()
})

test('注销账号 needs a second step with the word typed; then it closes and offers the way home', async () => {
  await openPage()
  fireEvent.click(screen.getByText('注销账号', { selector: 'taro-button-core, taro-button-core *' }))
  const confirmButton = screen.getByText('确认注销').closest('taro-button-core') as HTMLElement
  expect(confirmButton.className).toContain('nut-button-disabled')
  const input = await waitFor(() => {
    const el = document.querySelector('taro-input-core input')
    if (!el) throw new Error('input not rendered yet')
    return el as HTMLInputElement
  })
  expect(input.placeholder).toBe('请输入：注销')
  fireEvent.input(input, { target: { value: '确定' } })
  fireEvent.click(confirmButton)
  expect(call).toHaveBeenCalledTimes(1)

  fireEvent.input(input, { target: { value: '注销' } })
  await waitFor(() => expect(confirmButton.className).not.toContain('nut-button-disabled'))
  call.mockResolvedValueOnce(okReply({ closedAt: '2026-11-22T04:00:00.000Z', deletedFiles: 0, keptFiles: 1 }))
  fireEvent.click(confirmButton)
  await waitFor(() => expect(call).toHaveBeenCalledWith('privacy', { action: 'closeAccount', confirm: '注销' }))
  expect(await screen.findByText('账号已经注销了')).toBeTruthy()
  fireEvent.click(screen.getByText('回到首页'))
  expect(Taro.reLaunch).toHaveBeenCalledWith({ url: HOME_PAGE })
})

test('不注销了 goes back to one step', async () => {
  await openPage()
  fireEvent.click(screen.getByText('注销账号', { selector: 'taro-button-core, taro-button-core *' }))
  fireEvent.click(screen.getByText('不注销了'))
  expect(screen.queryByText('确认注销')).toBeNull()
})

test('staff are told to ask an admin instead of closing here', async () => {
  await openPage({ ...DATA, account: { ...DATA.account, roleLabel: '基层工会工作人员', isStaff: true } })
  expect(screen.getByText(/请先请管理员取消你的工作人员身份/)).toBeTruthy()
  expect(screen.queryByText('确认注销')).toBeNull()
  expect(screen.queryAllByText('注销账号', { selector: 'taro-button-core, taro-button-core *' })).toHaveLength(0)
})

test('on failure: a plain error and 重试', async () => {
  call.mockResolvedValueOnce(errReply('NET.UNAVAILABLE', 'x')).mockResolvedValueOnce(okReply(DATA))
  render(<PrivacyPage />)
  expect(await screen.findByText('网络不太好，请检查网络后再试一次')).toBeTruthy()
  fireEvent.click(screen.getByText('重试'))
  expect(await screen.findByText('账号')).toBeTruthy()
})

test('我的 links to 我的信息与隐私', async () => {
  call.mockResolvedValueOnce(okReply(worker))
  render(<Mine />)
  await screen.findByText('李*明')
  fireEvent.click(screen.getByText(/我的信息与隐私/))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: PRIVACY_PAGE })
})

describe('privacy popup (weapp)', () => {
  test('h5: the popup never shows and nothing is installed', () => {
    process.env.TARO_ENV = 'h5'
    const g = globalThis as { wx?: unknown }
    g.wx = { onNeedPrivacyAuthorization: jest.fn() }
    installPrivacyAuthorization()
    expect((g.wx as { onNeedPrivacyAuthorization: jest.Mock }).onNeedPrivacyAuthorization).not.toHaveBeenCalled()
    const { container } = render(<PrivacyPopup />)
    expect(container.innerHTML).toBe('')
    delete g.wx
  })

  test('installs one listener with WeChat', () => {
    const listen = jest.fn()
    const g = globalThis as { wx?: unknown }
    g.wx = { onNeedPrivacyAuthorization: listen }
    installPrivacyAuthorization()
    expect(listen).toHaveBeenCalledWith(onNeedAuthorization)
    delete g.wx
  })

  test('a held privacy call shows what we collect; 同意 lets it go on (after exposure is reported)', async () => {
    render(<PrivacyPopup />)
    expect(screen.queryByText('用之前，请看一看')).toBeNull()
    const resolve = jest.fn()
    act(() => onNeedAuthorization(resolve))
    expect(await screen.findByText('用之前，请看一看')).toBeTruthy()
    expect(screen.getByText(/剪贴板/)).toBeTruthy()
    expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' })
    const agree = screen.getByText('同意').closest('taro-button-core') as HTMLElement
    expect(agree.getAttribute('open-type')).toBe('agreePrivacyAuthorization')
    expect(agree.id).toBe(AGREE_BUTTON_ID)
    act(() => {
      fireEvent(agree, new CustomEvent('agreeprivacyauthorization', { bubbles: true }))
    })
    expect(resolve).toHaveBeenLastCalledWith({ event: 'agree', buttonId: AGREE_BUTTON_ID })
    await waitFor(() => expect(screen.queryByText('用之前，请看一看')).toBeNull())
  })

  test('不同意 makes the held call fail; the full guide can be opened', async () => {
    render(<PrivacyPopup />)
    const resolve = jest.fn()
    act(() => onNeedAuthorization(resolve))
    fireEvent.click(await screen.findByText('看完整的《隐私保护指引》'))
    expect(Taro.openPrivacyContract).toHaveBeenCalled()
    act(() => {
      fireEvent.click(screen.getByText('不同意'))
    })
    expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' })
    await waitFor(() => expect(screen.queryByText('用之前，请看一看')).toBeNull())
  })

  test('with no popup on the page, the call is refused at once with a hint', () => {
    const resolve = jest.fn()
    onNeedAuthorization(resolve)
    expect(resolve).toHaveBeenCalledWith({ event: 'disagree' })
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: expect.stringContaining('隐私保护指引') }))
  })
})
