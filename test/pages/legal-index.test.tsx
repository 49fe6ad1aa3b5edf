// 法律援助 start: what the union helps with, the 12351 hotline, 我要申请, and my requests with where each is.
import { act, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { showPageAgain } from './taro.mock'
import LegalStartPage from '../../src/subpackages/legal/pages/index/index'
import { LEGAL_APPLY_PAGE, LEGAL_CASE_PAGE } from '../../src/services/legal-aid'
import { errReply, okReply } from './fixtures'
import { backend, sent, tap } from './join.fixtures'
import { CASE } from './legal.fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => jest.requireActual('./taro.mock').taroWith())

const taro = Taro as unknown as { __store: Map<string, unknown> }

const CLOSED = {
  ...CASE,
  id: 'case-2',
  state: 'closed' as const,
  stateLabel: '已办结',
  disputeLabel: '工伤',
  employerName: '兴旺建材有限公司',
  outcome: { kind: 'mediated' as const, kindLabel: '调解成功', recoveredFen: 1_200_000, recoveredText: '12,000 元', workersHelped: 1, note: null },
}

beforeEach(() => {
  jest.clearAllMocks()
  taro.__store.clear()
})

test('says what the union helps with, calls 12351, and opens the request wizard', async () => {
  backend({ 'legalAid.myCases': () => okReply({ items: [], nextCursor: null }) })
  render(<LegalStartPage />)
  expect(screen.getByText('· 干了活，工资被拖欠、讨不回来')).toBeTruthy()
  expect(screen.getByText('🔒 工会不会告诉你的单位是你来求助的。')).toBeTruthy()
  expect(await screen.findByText(/你还没有向工会求助过/)).toBeTruthy()
  await tap(screen.getByText('📞 拨打 12351'))
  expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '12351' })
  await tap(screen.getByText('我要申请法律援助'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: LEGAL_APPLY_PAGE })
})

test('my requests: state, kind, employer, and for a closed one the money recovered; a row opens the case', async () => {
  backend({ 'legalAid.myCases': () => okReply({ items: [CASE, CLOSED], nextCursor: null }) })
  render(<LegalStartPage />)
  const rows = await screen.findAllByRole('listitem')
  expect(rows).toHaveLength(2)
  expect(rows[0].textContent).toContain('📨 已收到，等工会审核')
  expect(rows[0].textContent).toContain('欠薪')
  expect(rows[0].textContent).toContain('单位：宏达建筑劳务有限公司')
  expect(rows[0].textContent).not.toContain('追回')
  expect(rows[1].textContent).toContain('🎉 已办结')
  expect(rows[1].textContent).toContain('帮你追回 12,000 元')
  await tap(rows[1])
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${LEGAL_CASE_PAGE}?id=case-2` })
})

test('coming back reads the list again and notices a draft left unfinished', async () => {
  backend({ 'legalAid.myCases': () => okReply({ items: [CASE], nextCursor: null }) })
  render(<LegalStartPage />)
  await screen.findAllByRole('listitem')
  expect(screen.getByText('我要申请法律援助')).toBeTruthy()
  taro.__store.set('legal:draft:apply', { step: 2 })
  await act(async () => {
    showPageAgain()
  })
  expect(sent('myCases')).toHaveLength(2)
  expect(screen.getByText('接着填我的申请')).toBeTruthy()
})

test('a failed read says so plainly and 重试 recovers', async () => {
  let reply = errReply('NET.UNAVAILABLE', 'x')
  backend({ 'legalAid.myCases': () => reply })
  render(<LegalStartPage />)
  expect(await screen.findByText('没能读到你的求助')).toBeTruthy()
  reply = okReply({ items: [CASE], nextCursor: null }) as never
  await tap(screen.getByText('重试'))
  expect(await screen.findAllByRole('listitem')).toHaveLength(1)
})
