// One request for legal help: where it is and by when, exactly what to add (words and photos back with
// the version), the helper with a call button, the money recovered, a decline with where to go instead,
// the arbitration reminder, withdrawing.
import { act, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { showPageAgain } from './taro.mock'
import CasePage from '../../src/subpackages/legal/pages/case/index'
import { uploadPicked } from '../../src/services/upload'
import type { CaseView } from '../../src/domain/legal-aid/legal-aid.api'
import { okReply } from './fixtures'
import { backend, sent, tap, type, type Handler } from './join.fixtures'
import { consents } from './aid.fixtures'
import { CASE, LIMIT_URGENT } from './legal.fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('../../src/services/upload', () => ({ uploadPicked: jest.fn() }))
jest.mock('@tarojs/taro', () => jest.requireActual('./taro.mock').taroWith({ chooseMedia: jest.fn(), useRouter: jest.fn(() => ({ params: { id: 'case-1' } })) }))

const taro = Taro as unknown as { __store: Map<string, unknown>; chooseMedia: jest.Mock }
const upload = uploadPicked as jest.MockedFunction<typeof uploadPicked>
const fileId = (n: number) => `${'c'.repeat(31)}${n}`

function shows(c: Partial<CaseView>, overrides: Record<string, Handler> = {}) {
  backend({
    'legalAid.caseDetail': () => okReply({ ...CASE, ...c }),
    'privacy.consentStatus': () => okReply(consents('never')),
    ...overrides,
  })
}

const card = (label: string) => screen.getByLabelText(label)

let realEnv: typeof process.env.TARO_ENV
beforeEach(() => {
  jest.clearAllMocks()
  taro.__store.clear()
  upload.mockImplementation(async () => okReply({ fileId: fileId(1), name: '照片1.jpg', mime: 'image/jpeg' as const, size: 1000 }))
  taro.chooseMedia.mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://iou.jpg', size: 1000, fileType: 'image' }] })
  realEnv = process.env.TARO_ENV
  process.env.TARO_ENV = 'weapp'
})
afterEach(() => {
  process.env.TARO_ENV = realEnv
})

test('received: by when the union answers, who holds it, the eligibility and the arbitration reminder; coming back reads it again', async () => {
  shows({ limitation: LIMIT_URGENT })
  render(<CasePage />)
  expect(await screen.findByText('📨 已收到，等工会审核')).toBeTruthy()
  expect(sent('caseDetail')).toEqual([{ action: 'caseDetail', id: 'case-1' }])
  expect(screen.getByText(/前告诉你受不受理/).textContent).toBe('工会会在 2026年12月3日 前告诉你受不受理（还剩 7 个工作日）')
  expect(screen.getByText('广丰区总工会')).toBeTruthy()
  expect(screen.getByText('宏达建筑劳务有限公司')).toBeTruthy()
  expect(screen.getByText('你是农民工，追讨工资，不需要经济困难证明。')).toBeTruthy()
  expect(card('申请劳动仲裁的期限').className).toContain('due--late')
  expect(card('申请劳动仲裁的期限').textContent).toContain('2026年12月10日')
  expect(screen.getByText('交了求助')).toBeTruthy()
  await act(async () => {
    showPageAgain()
  })
  expect(sent('caseDetail')).toHaveLength(2)
})

test('needs info: exactly what is asked; words and a photo go back with the version, then it is read again', async () => {
  let c: Partial<CaseView> = {
    state: 'needs_info',
    stateLabel: '需要你补充材料',
    version: 3,
    reviewDueDate: null,
    dueText: null,
    askedItems: [{ code: 'wage_proof', label: '欠多少钱的证据（工资条、欠条、银行流水、记工本）' }],
    askNote: '有欠条的话拍一下',
    canResubmit: true,
  }
  shows(c, {
    'legalAid.caseDetail': () => okReply({ ...CASE, ...c }),
    'legalAid.resubmit': () => {
      c = { state: 'under_review', stateLabel: '工会正在审核', version: 4, canResubmit: false }
      return okReply({ id: 'case-1', state: 'under_review', stateLabel: '工会正在审核', version: 4, orgName: '广丰区总工会', reviewDueDate: '2026-12-05' })
    },
  })
  render(<CasePage />)
  expect(await screen.findByText('工会请你补充：')).toBeTruthy()
  expect(screen.getByText('· 欠多少钱的证据（工资条、欠条、银行流水、记工本）')).toBeTruthy()
  expect(screen.getByText('工会说：“有欠条的话拍一下”')).toBeTruthy()
  // wages: no medical papers asked, so no consent box
  expect(screen.queryByText('我同意')).toBeNull()

  await tap(screen.getByText('交给工会'))
  expect(screen.getByRole('alert').textContent).toBe('请写几句话，或者拍照片传上来，再交给工会。')
  expect(sent('resubmit')).toHaveLength(0)

  await type('要补充的话', '欠条在老板手里，我有微信聊天记录')
  await tap(screen.getAllByRole('button', { name: '拍照或选照片' })[0])
  expect(upload.mock.calls[0][1]).toBe('work_proof')
  await tap(screen.getByText('交给工会'))
  expect(sent('resubmit')).toEqual([
    { action: 'resubmit', id: 'case-1', version: 3, addition: '欠条在老板手里，我有微信聊天记录', evidenceFileIds: [fileId(1)] },
  ])
  expect(await screen.findByText('⏳ 工会正在审核')).toBeTruthy()
  expect(screen.queryByText('工会请你补充：')).toBeNull()
})

test('accepted: how the union helps and who, with a button to call them', async () => {
  shows({
    state: 'accepted',
    stateLabel: '工会已受理',
    reviewDueDate: null,
    dueText: null,
    canWithdraw: false,
    helpForms: [{ code: 'representation', label: '代理劳动仲裁或打官司' }],
    helper: { kind: 'lawyer', kindLabel: '律师', name: '周律师', phone: '0793-2612345', org: '广丰正义律师事务所' },
  })
  render(<CasePage />)
  expect(await screen.findByText('👍 工会已受理')).toBeTruthy()
  expect(screen.getByText('· 代理劳动仲裁或打官司')).toBeTruthy()
  const helper = card('帮你办事的人')
  expect(helper.textContent).toContain('律师')
  expect(helper.textContent).toContain('周律师')
  expect(helper.textContent).toContain('广丰正义律师事务所')
  expect(helper.textContent).toContain('0793-2612345')
  await tap(screen.getByText('📞 打电话给周律师'))
  expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0793-2612345' })
  expect(screen.queryByText('撤回这次求助')).toBeNull()
})

test('in progress: the latest note of the helper comes first', async () => {
  shows({
    state: 'in_progress',
    stateLabel: '正在帮你办理',
    canWithdraw: false,
    helper: { kind: 'lawyer', kindLabel: '律师', name: '周律师', phone: '0793-2612345', org: null },
    history: [
      ...CASE.history,
      { at: '2026-11-25T02:00:00.000Z', label: '记录进展', who: '广丰区总工会', note: '已和老板约好下周一调解' },
      { at: '2026-11-26T02:00:00.000Z', label: '安排了帮手', who: '广丰区总工会', note: null },
    ],
  })
  render(<CasePage />)
  expect(await screen.findByText('🤝 正在帮你办理')).toBeTruthy()
  expect(card('最新进展').textContent).toBe('最新进展（2026年11月25日）已和老板约好下周一调解')
})

test('accepted with nobody assigned yet says the union is arranging it', async () => {
  shows({ state: 'accepted', stateLabel: '工会已受理', helpForms: [], helper: null, canWithdraw: false })
  render(<CasePage />)
  expect(await screen.findByText(/工会正在给你安排律师或工会法律工作者/)).toBeTruthy()
})

test('closed: the outcome and the money recovered', async () => {
  shows({
    state: 'closed',
    stateLabel: '已办结',
    canWithdraw: false,
    helper: { kind: 'union_legal_officer', kindLabel: '工会法律工作者', name: '刘干事', phone: '0793-2600000', org: null },
    outcome: { kind: 'mediated', kindLabel: '调解成功', recoveredFen: 1_200_000, recoveredText: '12,000 元', workersHelped: 1, note: '老板已经把钱打到你卡上' },
  })
  render(<CasePage />)
  expect(await screen.findByText('🎉 已办结')).toBeTruthy()
  expect(screen.getByText('办理结果：调解成功')).toBeTruthy()
  expect(screen.getByText('帮你追回 12,000 元')).toBeTruthy()
  expect(screen.getByText('工会说：“老板已经把钱打到你卡上”')).toBeTruthy()
  // the helper can still be called if the employer does not pay what was agreed
  await tap(screen.getByText('📞 打电话给刘干事'))
  expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0793-2600000' })
  // a closed case no longer warns about the arbitration deadline
  expect(screen.queryByLabelText('申请劳动仲裁的期限')).toBeNull()
})

test('declined: the reason, what to do next and where to go instead, with its phone; the deadline still shown', async () => {
  shows({
    state: 'declined',
    stateLabel: '工会没有受理',
    canWithdraw: false,
    decline: {
      code: 'inspection_better',
      label: '欠薪事实清楚，投诉到劳动监察更快',
      next: '带上工资条、考勤记录或欠条，打 12333 或到人社局劳动监察大队投诉，不收费。',
      referral: 'labour_inspection',
      referralLabel: '劳动保障监察（人社局）',
      note: null,
    },
  })
  render(<CasePage />)
  expect(await screen.findByText('⛔ 工会没有受理')).toBeTruthy()
  const box = card('没有受理')
  expect(box.textContent).toContain('欠薪事实清楚，投诉到劳动监察更快')
  expect(box.textContent).toContain('带上工资条、考勤记录或欠条')
  expect(box.textContent).toContain('可以去找：劳动保障监察（人社局）')
  await tap(screen.getByText('📞 拨打 12333'))
  expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '12333' })
  expect(screen.getByLabelText('申请劳动仲裁的期限').textContent).toContain('2027年3月1日')
})

test('withdraw while allowed: asks first, sends the version, reads it again', async () => {
  let c: Partial<CaseView> = {}
  shows(c, {
    'legalAid.caseDetail': () => okReply({ ...CASE, ...c }),
    'legalAid.withdraw': () => {
      c = { state: 'withdrawn', stateLabel: '你已撤回', canWithdraw: false, reviewDueDate: null, dueText: null }
      return okReply({ id: 'case-1', state: 'withdrawn', version: 2 })
    },
  })
  render(<CasePage />)
  await tap(await screen.findByText('撤回这次求助'))
  expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回这次求助？' }))
  expect(sent('withdraw')).toEqual([{ action: 'withdraw', id: 'case-1', version: 1 }])
  expect(await screen.findByText('↩️ 你已撤回')).toBeTruthy()
  await tap(screen.getByText('重新申请'))
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/subpackages/legal/pages/apply/index' })
})

test('not found: a plain error with 重试', async () => {
  backend({ 'legalAid.caseDetail': () => ({ ok: false, error: { code: 'NET.UNAVAILABLE', message: 'x' } }) })
  render(<CasePage />)
  expect(await screen.findByText('没能读到这次求助')).toBeTruthy()
  expect(screen.getByText('重试')).toBeTruthy()
})
