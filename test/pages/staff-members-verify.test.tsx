// 核验会员证: by typed member number or by scanning; a clear 有效 / 失效 answer.
import { render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Verify from '../../src/subpackages/staff/pages/members-verify/index'
import { callFunction } from '../../src/services/transport'
import { CARD_CHECK_LABELS, MEMBERSHIP_ERR } from '../../src/domain/membership/membership.constants'
import type { CardCheckReply } from '../../src/domain/membership/membership.schema'
import { okReply, staff } from './fixtures'
import { asTaroEnv, button, routeCalls, sent, tap, type } from './membership-fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro.mock')
  const extra = { scanCode: jest.fn() }
  return { __esModule: true, ...base, ...extra, default: { ...base.default, ...extra } }
})

const call = callFunction as jest.MockedFunction<typeof callFunction>
const scanCode = (Taro as unknown as { scanCode: jest.Mock }).scanCode

const CURRENT: CardCheckReply = { check: 'current', label: CARD_CHECK_LABELS.current, memberNo: 'GF2026000123', maskedName: '王*明', orgName: '驻上海农民工维权服务站', joinedDate: '2026-11-23' }
const OUTDATED: CardCheckReply = { check: 'outdated', label: CARD_CHECK_LABELS.outdated, memberNo: 'GF2026000123', maskedName: '王*明', orgName: null, joinedDate: null }

function backend(reply: CardCheckReply) {
  routeCalls(call, { 'session.me': () => okReply(staff), 'membership.verifyCard': () => okReply(reply) })
}


asTaroEnv('weapp')
beforeEach(() => jest.clearAllMocks())

test('a typed number (spaces and small letters tidied) that is current: big green 有效 with the member', async () => {
  backend(CURRENT)
  render(<Verify />)
  await type('会员号', 'gf 2026 000123')
  await tap(button('核验'))
  expect(sent(call, 'verifyCard')).toEqual([{ action: 'verifyCard', memberNo: 'GF2026000123' }])
  const result = await screen.findByRole('status')
  expect(result.className).toContain('verify-result--good')
  expect(result.textContent).toContain('✅ 有效')
  expect(result.textContent).toContain('有效会员证')
  expect(screen.getByText('王*明')).toBeTruthy()
  expect(screen.getByText('2026年11月23日')).toBeTruthy()
  await tap(button('再核验一张'))
  expect(screen.queryByRole('status')).toBeNull()
})

test('an outdated card: red 失效 with the label that says what to do', async () => {
  backend(OUTDATED)
  render(<Verify />)
  await type('会员号', 'GF2026000123')
  await tap(button('核验'))
  const result = await screen.findByRole('status')
  expect(result.className).toContain('verify-result--bad')
  expect(result.textContent).toContain('✖ 失效')
  expect(result.textContent).toContain(CARD_CHECK_LABELS.outdated)
})

test('nothing typed: asks for the number and sends nothing', async () => {
  backend(CURRENT)
  render(<Verify />)
  await tap(await screen.findByText('核验'))
  expect(screen.getByRole('alert').textContent).toBe('请先输入会员证上的会员号')
  expect(sent(call, 'verifyCard')).toEqual([])
})

test('扫一扫 sends the scanned card code; a code that is not a member card is refused on the spot', async () => {
  backend(CURRENT)
  render(<Verify />)
  scanCode.mockResolvedValueOnce({ result: 'union-station:abc' })
  await tap(await screen.findByText('📷 扫一扫'))
  expect(screen.getByRole('alert').textContent).toBe(MEMBERSHIP_ERR.CARD_INVALID.message)
  expect(sent(call, 'verifyCard')).toEqual([])

  scanCode.mockResolvedValueOnce({ result: 'union-member:tok-1' })
  await tap(screen.getByText('📷 扫一扫'))
  expect(sent(call, 'verifyCard')).toEqual([{ action: 'verifyCard', code: 'union-member:tok-1' }])
  expect((await screen.findByRole('status')).textContent).toContain('✅ 有效')
})

test('h5 cannot scan: only the typed number is offered', async () => {
  process.env.TARO_ENV = 'h5'
  backend(CURRENT)
  render(<Verify />)
  expect(await screen.findByText('输入会员号')).toBeTruthy()
  expect(screen.queryByText('📷 扫一扫')).toBeNull()
})
