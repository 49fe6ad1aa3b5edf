// 转会申请: accept with a confirm, reject with a coded reason; someone else first → reread.
import { render, screen, within } from '@testing-library/react'
import Transfers from '../../src/subpackages/staff/pages/members-transfers/index'
import { callFunction } from '../../src/services/transport'
import { TRANSFER_REJECT_REASONS } from '../../src/domain/membership/membership.constants'
import type { TransferRow } from '../../src/domain/membership/membership.schema'
import { errReply, okReply, staff } from './fixtures'
import { button, type Handler, page, routeCalls, sent, tap } from './membership-fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))

const call = callFunction as jest.MockedFunction<typeof callFunction>

const ROW: TransferRow = {
  id: 'tr-1',
  state: 'requested',
  stateLabel: '等新工会接收',
  version: 2,
  fromOrgName: '江西丰达机械有限公司工会',
  toOrgName: '兴旺国际建材城联合工会',
  why: '他的新单位在建材城，没有自己的工会。',
  reasonLabel: '换了工作单位',
  requestedAt: '2026-11-20T02:00:00.000Z',
  decidedAt: null,
  rejection: null,
  history: [],
  canWithdraw: false,
  name: '李国强',
  memberNo: 'GF2026000007',
  maskedIdNumber: '3623**********0011',
  toOrgId: 'org-xingwang',
  actions: ['accept', 'reject'],
}

function backend(more: Record<string, Handler> = {}) {
  routeCalls(call, { 'session.me': () => okReply(staff), 'membership.transfers': () => page([ROW]), ...more })
}


beforeEach(() => jest.clearAllMocks())

test('接收 asks to confirm, says the old card stops working, and sends the version', async () => {
  backend({ 'membership.decideTransfer': () => okReply({ id: 'tr-1', state: 'accepted', version: 3 }) })
  render(<Transfers />)
  expect(await screen.findByText('李国强')).toBeTruthy()
  expect(sent(call, 'transfers')).toEqual([{ action: 'transfers', filter: 'open' }])
  await tap(button('接收'))
  const s = screen.getByRole('dialog')
  expect(within(s).getByText(/旧会员证上的二维码不能再用/)).toBeTruthy()
  backend({ 'membership.decideTransfer': () => okReply({ id: 'tr-1', state: 'accepted', version: 3 }), 'membership.transfers': () => page([]) })
  await tap(within(s).getByText('接收'))
  expect(sent(call, 'decideTransfer')).toEqual([{ action: 'decideTransfer', id: 'tr-1', version: 2, decision: 'accept' }])
  expect(await screen.findByText('现在没有要转到你们工会的会员。')).toBeTruthy()
})

test('不接收 needs a reason and shows what he will read', async () => {
  backend({ 'membership.decideTransfer': () => okReply({ id: 'tr-1', state: 'rejected', version: 3 }) })
  render(<Transfers />)
  await screen.findByText('李国强')
  await tap(button('不接收'))
  const s = screen.getByRole('dialog')
  await tap(within(s).getByText('确认不接收'))
  expect(within(s).getByRole('alert').textContent).toContain('请选一个原因')
  const reason = TRANSFER_REJECT_REASONS[1]
  await tap(within(s).getByText(reason.label))
  expect(within(s).getByText(`他会看到：${reason.label}。${reason.next}`)).toBeTruthy()
  await tap(within(s).getByText('确认不接收'))
  expect(sent(call, 'decideTransfer')).toEqual([{ action: 'decideTransfer', id: 'tr-1', version: 2, decision: 'reject', reason: reason.code }])
})

test('someone else decided first: the message shows and the list is read again', async () => {
  backend({ 'membership.decideTransfer': () => errReply('REQUEST.STALE', '这条申请刚刚有了变化，请刷新后再处理') })
  render(<Transfers />)
  await screen.findByText('李国强')
  await tap(button('接收'))
  await tap(within(screen.getByRole('dialog')).getByText('接收'))
  expect(await screen.findByText('这条申请刚刚有了变化，请刷新后再处理。已经帮你刷新了下面的名单。')).toBeTruthy()
  expect(screen.queryByRole('dialog')).toBeNull()
  expect(sent(call, 'transfers')).toHaveLength(2)
})
