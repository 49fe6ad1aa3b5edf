// 我的申请: each claim with its state, plan, event date and the one amount that matters now; paging;
// a tap opens the claim; nothing yet → 申请补助.
import { act, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { showPageAgain } from './taro.mock'
import ClaimsPage from '../../src/subpackages/aid/pages/claims/index'
import { AID_CLAIM_NEW_PAGE } from '../../src/services/mutual-aid'
import type { ClaimView } from '../../src/domain/mutual-aid/mutual-aid.api'
import { okReply } from './fixtures'
import { backend, sent, tap } from './join.fixtures'
import { CLAIM } from './aid.fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => jest.requireActual('./taro.mock').taroWith())

const PAID: ClaimView = {
  ...CLAIM,
  id: 'claim-2',
  state: 'paid',
  stateLabel: '已打款',
  planName: '职工意外伤害互助保障',
  kind: 'accident',
  eventDate: '2025-08-01',
  approvedFen: 300_000,
  payment: { paidDate: '2025-09-10', amountFen: 300_000, refTail: '1234' },
}
const APPROVED: ClaimView = { ...CLAIM, id: 'claim-3', state: 'approved', stateLabel: '已批准，等待打款', approvedFen: 400_000 }

beforeEach(() => jest.clearAllMocks())

test('state, plan, event date and amount (computed, approved or paid); 加载更多 reads the next page; a tap opens the claim', async () => {
  backend({ 'mutualAid.myClaims': (d) => okReply(d.cursor ? { items: [PAID], nextCursor: null } : { items: [CLAIM, APPROVED], nextCursor: 2 }) })
  render(<ClaimsPage />)
  const first = await screen.findByRole('listitem', { name: '职工住院医疗互助保障，基层工会核对材料中' })
  expect(first.textContent).toContain('⏳ 基层工会核对材料中')
  expect(first.textContent).toContain('入院日期：2026年3月5日')
  expect(first.textContent).toContain('算出来能补助 4,275 元')
  expect(screen.getByRole('listitem', { name: /已批准/ }).textContent).toContain('批准补助 4,000 元')

  await tap(screen.getByText('加载更多'))
  const paid = await screen.findByRole('listitem', { name: '职工意外伤害互助保障，已打款' })
  expect(paid.textContent).toContain('出事日期：2025年8月1日')
  expect(paid.textContent).toContain('已打款 3,000 元')
  expect(sent('myClaims')).toEqual([{ action: 'myClaims' }, { action: 'myClaims', cursor: 2 }])
  expect(screen.getByText('没有更多了')).toBeTruthy()

  await tap(paid)
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/subpackages/aid/pages/claim/index?id=claim-2' })
})

test('nothing yet: says so with 申请补助; coming back reads the list again', async () => {
  let items: ClaimView[] = []
  backend({ 'mutualAid.myClaims': () => okReply({ items, nextCursor: null }) })
  render(<ClaimsPage />)
  expect(await screen.findByText('你还没有申请过补助')).toBeTruthy()
  await tap(screen.getByText('申请补助'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: AID_CLAIM_NEW_PAGE })

  items = [CLAIM]
  await act(async () => {
    showPageAgain()
  })
  await waitFor(() => expect(screen.getByText('⏳ 基层工会核对材料中')).toBeTruthy())
})
