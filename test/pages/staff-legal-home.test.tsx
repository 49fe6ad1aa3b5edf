// 工作台: the 法律援助 tile — cases waiting for review, late ones and those near the arbitration deadline.
import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import StaffHome from '../../src/subpackages/staff/pages/home/index'
import { callFunction } from '../../src/services/transport'
import { STAFF_LEGAL_QUEUE_PAGE } from '../../src/services/legal-aid'
import type { Envelope } from '../../src/domain/envelope'
import { errReply, okReply } from './fixtures'
import { showPageAgain } from './taro.mock'
import { page, routeCalls } from './membership-fixtures'
import { federation, FENGDA, grassroots } from './mutual-aid-fixtures'
import { CASE_LATE, CASE_URGENT } from './legal-aid-fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))

const call = callFunction as jest.MockedFunction<typeof callFunction>

function backend(me: typeof grassroots, cases: () => Envelope<unknown>) {
  routeCalls(call, {
    'session.me': () => okReply(me),
    'admin.listOrgs': () => okReply({ orgs: [FENGDA] }),
    'membership.queue': () => page([]),
    'mutualAid.claimQueue': () => page([]),
    'legalAid.queue': cases,
  })
}

beforeEach(() => jest.clearAllMocks())

test('法律援助 counts the cases waiting for review, the late ones and those near the deadline; again on coming back', async () => {
  let cases: Envelope<unknown> = page([CASE_URGENT, CASE_LATE])
  backend(grassroots, () => cases)
  render(<StaffHome />)
  expect(await screen.findByText('2 件等你审核')).toBeTruthy()
  expect(screen.getByText('⚠ 1 件已超过期限，1 件快到仲裁时效')).toBeTruthy()
  expect(call).toHaveBeenCalledWith('legalAid', { action: 'queue', filter: 'review' })

  cases = page([CASE_LATE], 20)
  await act(async () => showPageAgain())
  expect(await screen.findByText('至少 1 件等你审核')).toBeTruthy()
  expect(screen.getByText('⚠ 至少 1 件已超过期限')).toBeTruthy()
  cases = page([])
  await act(async () => showPageAgain())
  expect(await screen.findByText('现在没有等你审核的法律援助')).toBeTruthy()
  expect(screen.queryByText(/件已超过期限/)).toBeNull()
  expect(screen.queryByText('还没开放的审核')).toBeNull()
  expect(screen.queryByText(/法律援助的申请，要等/)).toBeNull()
})

test('the tile opens the queue; without an answer it simply has no count', async () => {
  backend(federation, () => errReply('NET.UNAVAILABLE', 'x'))
  render(<StaffHome />)
  expect(await screen.findByText('职工的法律援助求助：审核、指派律师、记下追回的钱')).toBeTruthy()
  fireEvent.click(screen.getByText('法律援助'))
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: STAFF_LEGAL_QUEUE_PAGE })
})
