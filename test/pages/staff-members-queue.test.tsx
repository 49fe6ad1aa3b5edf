// 入会申请 queue: rows in the server's order, overdue flagged, tabs, paging, refresh on coming back.
import { act, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Queue from '../../src/subpackages/staff/pages/members-queue/index'
import { callFunction } from '../../src/services/transport'
import { STAFF_MEMBER_REVIEW_PAGE } from '../../src/services/membership'
import { errReply, okReply, staff, worker } from './fixtures'
import { showPageAgain } from './taro.mock'
import { page, ROW_LATE, ROW_ON_TIME, routeCalls, sent, tap, type Handler } from './membership-fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))

const call = callFunction as jest.MockedFunction<typeof callFunction>
const federation = { ...staff, role: 'federation_staff' as const, roleLabel: '总工会工作人员', org: { id: 'org-fed', name: '广丰区总工会' } }

function backend(me: typeof worker, queue: Handler) {
  routeCalls(call, { 'session.me': () => okReply(me), 'membership.queue': queue })
}

beforeEach(() => jest.clearAllMocks())

test('rows keep the order given; the late one is flagged in red words, the other shows the days left; 农民工 badge', async () => {
  backend(federation, () => page([ROW_LATE, ROW_ON_TIME]))
  render(<Queue />)
  const rows = await screen.findAllByRole('listitem')
  expect(rows.map((r) => r.getAttribute('aria-label'))).toEqual(['王小明的入会申请', '刘芳的入会申请'])
  expect(within(rows[0]).getByText('⚠ 已超过 2 个工作日').className).toContain('mb-due--late')
  expect(within(rows[0]).getByText('农民工')).toBeTruthy()
  expect(within(rows[1]).getByText(/还剩 3 个工作日/)).toBeTruthy()
  expect(within(rows[1]).queryByText('农民工')).toBeNull()
  expect(within(rows[1]).queryByText(/⚠/)).toBeNull()
  // Federation staff see which union holds each one.
  expect(within(rows[0]).getByText('由 驻上海农民工维权服务站 办理')).toBeTruthy()
  expect(sent(call, 'queue')).toEqual([{ action: 'queue', filter: 'submitted' }])

  await tap(rows[1])
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${STAFF_MEMBER_REVIEW_PAGE}?id=app-2` })
})

test('tabs ask for their filter; 加载更多 sends the cursor; an empty tab says so', async () => {
  backend(staff, (d) => (d.filter === 'needs_info' ? page([]) : d.cursor ? page([ROW_ON_TIME]) : page([ROW_LATE], 20)))
  render(<Queue />)
  expect(await screen.findByText('王小明')).toBeTruthy()
  expect(screen.queryByText(/办理$/)).toBeNull()
  await tap(screen.getByText('加载更多'))
  expect(await screen.findByText('刘芳')).toBeTruthy()
  expect(sent(call, 'queue')[1]).toEqual({ action: 'queue', filter: 'submitted', cursor: 20 })
  expect(screen.getByText('没有更多了')).toBeTruthy()

  await tap(screen.getByRole('tab', { name: '待补充' }))
  expect(await screen.findByText('没有在等职工补充材料的申请。')).toBeTruthy()
  expect(sent(call, 'queue').at(-1)).toEqual({ action: 'queue', filter: 'needs_info' })
  expect(screen.getByRole('tab', { name: '待补充' }).getAttribute('aria-selected')).toBe('true')
})

test('coming back to the page reads the queue again', async () => {
  backend(staff, () => page([ROW_LATE]))
  render(<Queue />)
  await screen.findByText('王小明')
  backend(staff, () => page([]))
  await act(async () => showPageAgain())
  expect(await screen.findByText('现在没有要处理的入会申请。')).toBeTruthy()
})

test('a failed read offers 重试, which asks again', async () => {
  backend(staff, () => errReply('NET.UNAVAILABLE', 'x'))
  render(<Queue />)
  expect(await screen.findByText('没能读到入会申请')).toBeTruthy()
  backend(staff, () => page([ROW_LATE]))
  await tap(screen.getByText('重试'))
  expect(await screen.findByText('王小明')).toBeTruthy()
})

test('not staff: no queue call', async () => {
  backend(worker, () => page([ROW_LATE]))
  render(<Queue />)
  expect(await screen.findByText('这一页只给工会工作人员用')).toBeTruthy()
  expect(sent(call, 'queue')).toEqual([])
})
