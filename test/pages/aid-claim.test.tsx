// One claim: state, the money and its arithmetic, what happened; on needs_docs exactly what to add,
// uploaded and sent back with the version; rejection with what next; paid with amount, card and date;
// withdraw after a confirmation; coming back refreshes.
import { act, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { showPageAgain } from './taro.mock'
import ClaimPage from '../../src/subpackages/aid/pages/claim/index'
import { uploadPicked } from '../../src/services/upload'
import type { ClaimView } from '../../src/domain/mutual-aid/mutual-aid.api'
import { shanghaiDate } from '../../src/domain/calendar/working-days'
import { errReply, okReply } from './fixtures'
import { backend, sent, tap, type } from './join.fixtures'
import { CLAIM, consents } from './aid.fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('../../src/services/upload', () => ({ uploadPicked: jest.fn() }))
jest.mock('@tarojs/taro', () =>
  jest.requireActual('./taro.mock').taroWith({ chooseMedia: jest.fn(), useRouter: jest.fn(() => ({ params: { id: 'claim-1' } })) }),
)

const taro = Taro as unknown as { __store: Map<string, unknown>; showModal: jest.Mock; chooseMedia: jest.Mock }
const upload = uploadPicked as jest.MockedFunction<typeof uploadPicked>
const fileId = 'b'.repeat(32)

const NEEDS_DOCS: ClaimView = {
  ...CLAIM,
  state: 'needs_docs',
  stateLabel: '需要补充材料',
  version: 2,
  askedDocuments: [{ code: 'discharge_summary', label: '出院小结（出院记录）' }],
  askNote: '出院小结只拍了第一页',
  history: [...CLAIM.history, { at: '2026-11-25T02:00:00.000Z', label: '工会请你补充材料', who: '城关镇环卫所工会', note: '出院小结只拍了第一页' }],
  canResubmit: true,
}

beforeEach(() => {
  jest.clearAllMocks()
  taro.__store.clear()
})

test('a submitted claim: state, plan, date, the computed amount and how it was worked out, what happened; coming back refreshes', async () => {
  let current: ClaimView = CLAIM
  backend({ 'mutualAid.claimDetail': () => okReply(current) })
  render(<ClaimPage />)
  expect(await screen.findByText('⏳ 基层工会核对材料中')).toBeTruthy()
  expect(screen.getByText('职工住院医疗互助保障')).toBeTruthy()
  expect(screen.getByText('2026年3月5日')).toBeTruthy()
  expect(screen.getByText('算出来能补助 4,275 元')).toBeTruthy()
  expect(screen.getByRole('list', { name: '怎么算的' }).textContent).toBe('自付 9,200 元 − 起付线 650 元 = 8,550 元 × 50% = 4,275 元')
  expect(within(screen.getByRole('list', { name: '办理经过' })).getByText('交了申请')).toBeTruthy()
  expect(screen.getByText('· 住院收费票据（发票）（2 张）')).toBeTruthy()
  expect(sent('claimDetail')[0]).toEqual({ action: 'claimDetail', id: 'claim-1' })

  current = { ...CLAIM, state: 'approved', stateLabel: '已批准，等待打款', version: 3, approvedFen: 400_000, canWithdraw: false, override: { code: 'ineligible_items', label: '有的费用不在补助范围（比如自费药、陪护费）', note: '陪护费 300 元不算' } }
  await act(async () => {
    showPageAgain()
  })
  expect(await screen.findByText('👍 已批准，等待打款')).toBeTruthy()
  expect(screen.getByText('批准补助 4,000 元')).toBeTruthy()
  expect(screen.getByText('等总工会打款，钱会打到尾号 1111 的银行卡。')).toBeTruthy()
  expect(screen.getByText('有的费用不在补助范围（比如自费药、陪护费）')).toBeTruthy()
  expect(screen.getByText('工会说：“陪护费 300 元不算”')).toBeTruthy()
  expect(screen.queryByText('撤回申请')).toBeNull()
})

test('paid: 已打款 with the amount, the card’s last 4 digits and the day', async () => {
  const year = shanghaiDate(new Date()).slice(0, 4)
  backend({
    'mutualAid.claimDetail': () =>
      okReply({ ...CLAIM, state: 'paid', stateLabel: '已打款', approvedFen: 427_500, canWithdraw: false, payment: { paidDate: `${year}-03-05`, amountFen: 427_500, refTail: '7788' } }),
  })
  render(<ClaimPage />)
  expect(await screen.findByText('🎉 已打款')).toBeTruthy()
  expect(screen.getByText('已打款 4,275 元（尾号 1111 的银行卡，3月5日）')).toBeTruthy()
  expect(screen.queryByText(/算出来能补助/)).toBeNull()
})

test('needs_docs: exactly what to add; upload, then 交给工会 sends the files with the version and the page reads the claim again', async () => {
  let current: ClaimView = NEEDS_DOCS
  backend({
    'mutualAid.claimDetail': () => okReply(current),
    'privacy.consentStatus': () => okReply(consents('granted')),
    'mutualAid.resubmit': () => {
      current = { ...CLAIM, version: 3 }
      return okReply({ id: 'claim-1', state: 'submitted', stateLabel: '基层工会核对材料中', version: 3, computedFen: 427_500 })
    },
  })
  upload.mockResolvedValue(okReply({ fileId, name: '照片1.jpg', mime: 'image/jpeg', size: 1000 }))
  taro.chooseMedia.mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://summary.jpg', size: 1000, fileType: 'image' }] })
  const realEnv = process.env.TARO_ENV
  process.env.TARO_ENV = 'weapp'
  try {
    render(<ClaimPage />)
    expect(await screen.findByText('📝 需要补充材料')).toBeTruthy()
    expect(screen.getByText('· 出院小结（出院记录）')).toBeTruthy()
    expect(screen.getByText('工会说：“出院小结只拍了第一页”')).toBeTruthy()
    expect(screen.getByText('请尽快交上来。这个申请的期限到 2028年3月5日。')).toBeTruthy()

    await tap(await screen.findByText('交给工会'))
    expect(screen.getByText('这一项还没上传，请拍照上传')).toBeTruthy()
    expect(sent('resubmit')).toHaveLength(0)

    await tap(screen.getByRole('button', { name: '拍照或选照片' }))
    expect(upload.mock.calls[0][1]).toBe('medical_record')
    await type('想对工会说的话', '补了第二页')
    await tap(screen.getByText('交给工会'))
    await waitFor(() => expect(sent('resubmit')).toHaveLength(1))
    expect(sent('resubmit')[0]).toEqual({ action: 'resubmit', id: 'claim-1', version: 2, documents: { discharge_summary: [fileId] }, note: '补了第二页' })
    expect(await screen.findByText('⏳ 基层工会核对材料中')).toBeTruthy()
    expect(screen.queryByText('交给工会')).toBeNull()
    expect([...taro.__store.keys()].filter((k) => k.startsWith('aid:draft:'))).toEqual([])
  } finally {
    process.env.TARO_ENV = realEnv
  }
})

test('needs_docs: the medical papers wait for their consent', async () => {
  backend({ 'mutualAid.claimDetail': () => okReply(NEEDS_DOCS), 'privacy.consentStatus': () => okReply(consents('never')) })
  render(<ClaimPage />)
  expect(await screen.findByText('申请互助保障补助要用到你的病历和医疗票据')).toBeTruthy()
  expect(screen.queryByRole('button', { name: '拍照或选照片' })).toBeNull()
})

test('rejected: the reason, what the union wrote and what to do next', async () => {
  backend({
    'mutualAid.claimDetail': () =>
      okReply({
        ...CLAIM,
        state: 'rejected',
        stateLabel: '没有通过',
        canWithdraw: false,
        rejection: { code: 'below_deductible', label: '自付金额没有超过起付线', next: '这次不能补助。同一年里再住院，可以再申请。', note: '医保报销后自付 500 元' },
      }),
  })
  render(<ClaimPage />)
  expect(await screen.findByText('⛔ 没有通过')).toBeTruthy()
  expect(screen.getByText('自付金额没有超过起付线')).toBeTruthy()
  expect(screen.getByText('工会说：“医保报销后自付 500 元”')).toBeTruthy()
  expect(screen.getByText('这次不能补助。同一年里再住院，可以再申请。')).toBeTruthy()
  expect(screen.queryByText(/算出来能补助/)).toBeNull()
})

test('withdraw asks first; 不了 does nothing, 撤回 sends the version and shows the new state', async () => {
  let current: ClaimView = CLAIM
  backend({
    'mutualAid.claimDetail': () => okReply(current),
    'mutualAid.withdraw': () => {
      current = { ...CLAIM, state: 'withdrawn', stateLabel: '已撤回', version: 2, canWithdraw: false }
      return okReply({ id: 'claim-1', state: 'withdrawn', version: 2 })
    },
  })
  render(<ClaimPage />)
  taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
  await tap(await screen.findByText('撤回申请'))
  expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回这个申请？', confirmText: '撤回' }))
  expect(sent('withdraw')).toHaveLength(0)
  await tap(screen.getByText('撤回申请'))
  await waitFor(() => expect(sent('withdraw')).toEqual([{ action: 'withdraw', id: 'claim-1', version: 1 }]))
  expect(await screen.findByText('↩️ 已撤回')).toBeTruthy()
  await tap(screen.getByText('重新申请'))
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/subpackages/aid/pages/apply/index' })
})

test('a failed read shows the plain error and 重试', async () => {
  backend({ 'mutualAid.claimDetail': () => errReply('MUTUAL_AID.CLAIM_NOT_FOUND', '没有找到这个申请，请刷新后再试') })
  render(<ClaimPage />)
  expect(await screen.findByText('没有找到这个申请，请刷新后再试')).toBeTruthy()
  expect(screen.getByText('重试')).toBeTruthy()
})
