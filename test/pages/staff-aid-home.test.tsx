// 工作台: the 互助保障 tiles — the claims waiting (counted again on coming back), import and the enrollment list.
import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import StaffHome from '../../src/subpackages/staff/pages/home/index'
import { callFunction } from '../../src/services/transport'
import { STAFF_AID_ENROLLMENTS_PAGE, STAFF_AID_IMPORT_PAGE, STAFF_AID_QUEUE_PAGE } from '../../src/services/mutual-aid'
import type { Envelope } from '../../src/domain/envelope'
import { errReply, okReply } from './fixtures'
import { showPageAgain } from './taro.mock'
import { type Handler, page, routeCalls, sent } from './membership-fixtures'
import { CLAIM_NEW, CLAIM_OLD, federation, FENGDA, grassroots } from './mutual-aid-fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))

const call = callFunction as jest.MockedFunction<typeof callFunction>

function backend(me: typeof grassroots, claims: () => Envelope<unknown>) {
  const handlers: Record<string, Handler> = {
    'session.me': () => okReply(me),
    'admin.listOrgs': () => okReply({ orgs: [FENGDA] }),
    'membership.queue': () => page([]),
    'mutualAid.claimQueue': claims,
    'legalAid.queue': () => page([]),
  }
  routeCalls(call, handlers)
}

beforeEach(() => jest.clearAllMocks())

test('互助保障申请 counts what waits for this staff member and counts again on coming back', async () => {
  let claims: Envelope<unknown> = page([CLAIM_OLD, CLAIM_NEW])
  backend(grassroots, () => claims)
  render(<StaffHome />)
  expect(await screen.findByText('2 份等你办理')).toBeTruthy()
  expect(sent(call, 'claimQueue')).toEqual([{ action: 'claimQueue', filter: 'todo' }])

  claims = page([CLAIM_OLD], 20)
  await act(async () => showPageAgain())
  expect(await screen.findByText('至少 1 份等你办理')).toBeTruthy()
  claims = page([])
  await act(async () => showPageAgain())
  expect(await screen.findByText('现在没有等你办理的互助保障申请')).toBeTruthy()
  expect(screen.queryByText(/互助保障的申请，要等/)).toBeNull()
})

test('every staff role gets the three 互助保障 tiles; each opens its page; without an answer the tile has no count', async () => {
  backend(federation, () => errReply('NET.UNAVAILABLE', 'x'))
  render(<StaffHome />)
  expect(await screen.findByText('职工申请的互助保障补助：核对材料、审批金额、打款')).toBeTruthy()
  const pages: Array<[string, string]> = [
    ['互助保障申请', STAFF_AID_QUEUE_PAGE],
    ['导入参保名单', STAFF_AID_IMPORT_PAGE],
    ['参保名单', STAFF_AID_ENROLLMENTS_PAGE],
  ]
  for (const [title, url] of pages) {
    fireEvent.click(screen.getByText(title))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url })
  }
})
