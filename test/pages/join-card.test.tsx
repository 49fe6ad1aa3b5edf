// 入会 start page (where to go: card, progress or the intro) and 我的会员证 (card with QR, history, 转会).
import { act, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { showPageAgain } from './taro.mock'
import JoinStart from '../../src/subpackages/join/pages/index/index'
import CardPage from '../../src/subpackages/join/pages/card/index'
import { JOIN_APPLY_PAGE, JOIN_STATUS_PAGE, MEMBER_CARD_PAGE, TRANSFER_PAGE } from '../../src/services/membership'
import { errReply } from './fixtures'
import { APPLICATION, backend, CARD, mine, tap, TRANSFER } from './join.fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => jest.requireActual('./taro.mock').taroWith())

beforeEach(() => {
  jest.clearAllMocks()
})

test('start: a newcomer reads why, who may join and that the employer is not told, then 开始申请', async () => {
  backend({ 'membership.mine': () => mine({ minAge: 16, replyWorkingDays: 15 }) })
  render(<JoinStart />)
  expect(await screen.findByText('为什么入会')).toBeTruthy()
  expect(screen.getByText(/满 16 周岁就能入会/)).toBeTruthy()
  expect(screen.getByText(/单位不会知道你申请了入会/)).toBeTruthy()
  expect(screen.getByText(/工会在 15 个工作日内答复你/)).toBeTruthy()
  await tap(screen.getByText('开始申请'))
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: JOIN_APPLY_PAGE })
})

test.each([
  ['a member', { member: CARD }, MEMBER_CARD_PAGE],
  ['an open application', { application: APPLICATION }, JOIN_STATUS_PAGE],
  ['a rejected application', { application: { ...APPLICATION, state: 'rejected' as const } }, JOIN_STATUS_PAGE],
])('start: %s goes straight on', async (_, patch, url) => {
  backend({ 'membership.mine': () => mine(patch) })
  render(<JoinStart />)
  await screen.findByText(/正在读取/)
  // the reply may take more than one tick on a busy machine
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url }))
  expect(screen.queryByText('开始申请')).toBeNull()
})

test('start: a withdrawn application shows the intro with a link to it; a failed read says so', async () => {
  backend({ 'membership.mine': () => errReply('NET.UNAVAILABLE', 'x') })
  render(<JoinStart />)
  expect(await screen.findByText('没能读到你的入会情况')).toBeTruthy()
  backend({ 'membership.mine': () => mine({ application: { ...APPLICATION, state: 'withdrawn' } }) })
  await tap(screen.getByText('重试'))
  expect(await screen.findByText('开始申请')).toBeTruthy()
  await tap(screen.getByText('看上次撤回的申请'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: JOIN_STATUS_PAGE })
  expect(Taro.redirectTo).not.toHaveBeenCalled()
})

test('card: name, member number, union, join date, masked ID, the QR code to show staff, and the membership history', async () => {
  backend({ 'membership.mine': () => mine({ member: CARD }) })
  render(<CardPage />)
  const card = await screen.findByLabelText('电子会员证')
  expect(within(card).getByText('王小明')).toBeTruthy()
  expect(within(card).getByText('GF20260000017')).toBeTruthy()
  expect(within(card).getByText('兴旺国际建材城联合工会')).toBeTruthy()
  expect(within(card).getByText('2026年11月25日')).toBeTruthy()
  expect(within(card).getByText('110***********002X')).toBeTruthy()
  expect(within(card).getByText('出示给工会工作人员扫一扫')).toBeTruthy()
  const qr = within(card).getByRole('img', { name: '会员证二维码' }).querySelector('[src]') as HTMLElement
  expect(qr.getAttribute('src')).toBe(CARD.qrDataUrl)
  expect(within(screen.getByRole('list', { name: '会籍记录' })).getByText('批准入会')).toBeTruthy()
  await tap(screen.getByText('转会（换了单位或城市）'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: TRANSFER_PAGE })
})

test('card: coming back refreshes (a transfer accepted meanwhile shows the new union); an open or refused transfer is told', async () => {
  let reply = mine({ member: CARD, transfers: [TRANSFER] })
  backend({ 'membership.mine': () => reply })
  render(<CardPage />)
  expect(await screen.findByText(/转会办理中：等「广丰区新就业形态行业工会联合会」接收/)).toBeTruthy()

  reply = mine({
    member: { ...CARD, orgName: '广丰区新就业形态行业工会联合会', cardVersion: 2 },
    transfers: [
      { ...TRANSFER, state: 'accepted', stateLabel: '已转入新工会', canWithdraw: false },
      { ...TRANSFER, id: 'tr-0', requestedAt: '2026-06-01T02:00:00.000Z', state: 'rejected', rejection: { code: 'cannot_verify', label: '核实不了在这里工作', next: '请带上工牌找新单位的工会。', note: null } },
    ],
  })
  await act(async () => {
    showPageAgain()
  })
  expect(within(await screen.findByLabelText('电子会员证')).getByText('广丰区新就业形态行业工会联合会')).toBeTruthy()
  expect(screen.queryByText(/转会办理中/)).toBeNull()
  // the older refusal is history, not news
  expect(screen.queryByText(/没有成功/)).toBeNull()

  reply = mine({ member: CARD, transfers: [{ ...TRANSFER, state: 'rejected', rejection: { code: 'cannot_verify', label: '核实不了在这里工作', next: '请带上工牌找新单位的工会。', note: '没有劳动合同' } }] })
  await act(async () => {
    showPageAgain()
  })
  expect(await screen.findByText('转到「广丰区新就业形态行业工会联合会」没有成功：核实不了在这里工作')).toBeTruthy()
  expect(screen.getByText('请带上工牌找新单位的工会。')).toBeTruthy()
})

test('card: not a member yet says so and points to the progress or to 申请入会', async () => {
  backend({ 'membership.mine': () => mine({ application: APPLICATION }) })
  const { unmount } = render(<CardPage />)
  expect(await screen.findByText('你还不是工会会员')).toBeTruthy()
  await tap(screen.getByText('看入会进度'))
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: JOIN_STATUS_PAGE })
  unmount()
  backend({ 'membership.mine': () => mine() })
  render(<CardPage />)
  expect(await screen.findByText('申请入会')).toBeTruthy()
})
