// 互助保障申请: rows in the server's order (oldest first), tabs, paging, coming back, 导出表格 by year.
import { act, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Queue from '../../src/subpackages/staff/pages/aid-queue/index'
import { callFunction } from '../../src/services/transport'
import { STAFF_AID_REVIEW_PAGE } from '../../src/services/mutual-aid'
import { shanghaiDate } from '../../src/domain/calendar/working-days'
import { errReply, okReply, worker } from './fixtures'
import { showPageAgain } from './taro.mock'
import { asTaroEnv, button, type Handler, page, routeCalls, sent, tap } from './membership-fixtures'
import { CLAIM_NEW, CLAIM_OLD, federation, grassroots } from './mutual-aid-fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => jest.requireActual('./taro.mock').taroWithXlsx())

const call = callFunction as jest.MockedFunction<typeof callFunction>
const EXPORT = { fileName: '互助保障申请-2026.xlsx', contentBase64: 'UEsDBAo=', rows: 65 }

function backend(me: typeof worker, queue: Handler, more: Record<string, Handler> = {}) {
  routeCalls(call, { 'session.me': () => okReply(me), 'mutualAid.claimQueue': queue, 'mutualAid.exportClaims': () => okReply(EXPORT), ...more })
}

asTaroEnv('weapp')
beforeEach(() => jest.clearAllMocks())

test('rows keep the server’s order and show name, masked ID, plan, event date, amount in yuan and (federation) the unit', async () => {
  backend(federation, () => page([CLAIM_OLD, CLAIM_NEW]))
  render(<Queue />)
  const rows = await screen.findAllByRole('listitem')
  expect(rows.map((r) => r.getAttribute('aria-label'))).toEqual(['李国强的住院医疗申请', '刘芳的女职工特殊疾病申请'])
  expect(within(rows[0]).getByText('3623**********0011')).toBeTruthy()
  expect(within(rows[0]).getByText('住院医疗 · 出事日期 2026年9月3日')).toBeTruthy()
  expect(within(rows[0]).getByText('按规定算 4,275 元')).toBeTruthy()
  expect(within(rows[0]).getByText('江西丰达机械有限公司工会')).toBeTruthy()
  expect(within(rows[1]).getByText('批准 5,500.50 元')).toBeTruthy()
  expect(within(rows[1]).getByText(/已批准，等待打款/)).toBeTruthy()
  expect(sent(call, 'claimQueue')).toEqual([{ action: 'claimQueue', filter: 'todo' }])

  await tap(rows[1])
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${STAFF_AID_REVIEW_PAGE}?id=claim-2` })
})

test('tabs ask for their filter; 加载更多 sends the cursor; an empty tab says so; grassroots rows leave out the unit', async () => {
  backend(grassroots, (d) => (d.filter === 'approved' ? page([]) : d.cursor ? page([CLAIM_NEW]) : page([CLAIM_OLD], 20)))
  render(<Queue />)
  expect(await screen.findByText('李国强')).toBeTruthy()
  expect(screen.queryByText('江西丰达机械有限公司工会')).toBeNull()
  expect(screen.getByText(/你核对材料：齐了就交给总工会审批金额/)).toBeTruthy()
  await tap(button('加载更多'))
  expect(await screen.findByText('刘芳')).toBeTruthy()
  expect(sent(call, 'claimQueue')[1]).toEqual({ action: 'claimQueue', filter: 'todo', cursor: 20 })

  for (const [label, filter] of [['待补材料', 'needs_docs'], ['已办完', 'done'], ['全部', 'all'], ['待打款', 'approved']] as const) {
    await tap(screen.getByRole('tab', { name: label }))
    expect(sent(call, 'claimQueue').at(-1)).toEqual({ action: 'claimQueue', filter })
  }
  expect(await screen.findByText('没有等着打款的申请。')).toBeTruthy()
  expect(screen.getByRole('tab', { name: '待打款' }).getAttribute('aria-selected')).toBe('true')
})

test('coming back to the page reads the queue again; a failed read offers 重试', async () => {
  backend(federation, () => page([CLAIM_OLD]))
  render(<Queue />)
  await screen.findByText('李国强')
  backend(federation, () => errReply('NET.UNAVAILABLE', 'x'))
  await act(async () => showPageAgain())
  expect(await screen.findByText('没能读到互助保障申请')).toBeTruthy()
  backend(federation, () => page([]))
  await tap(button('重试'))
  expect(await screen.findByText('现在没有要你处理的互助保障申请。')).toBeTruthy()
})

test('导出表格 sends the year chosen (or none for all years) and opens the xlsx', async () => {
  backend(federation, () => page([]))
  render(<Queue />)
  const year = Number(shanghaiDate(new Date()).slice(0, 4))
  await tap(await screen.findByText('📄 导出表格'))
  expect(sent(call, 'exportClaims')).toEqual([{ action: 'exportClaims', year }])
  expect(Taro.openDocument).toHaveBeenCalledWith({ filePath: 'wxfile://usr/互助保障申请-2026.xlsx', fileType: 'xlsx', showMenu: true })
  expect(await screen.findByText(/已导出 65 份申请。/)).toBeTruthy()

  await tap(screen.getByRole('tab', { name: `${year - 1} 年` }))
  await tap(button('📄 导出表格'))
  await tap(screen.getByRole('tab', { name: '全部年份' }))
  await tap(button('📄 导出表格'))
  expect(sent(call, 'exportClaims').slice(1)).toEqual([{ action: 'exportClaims', year: year - 1 }, { action: 'exportClaims' }])
})

test('not staff: no queue call', async () => {
  backend(worker, () => page([CLAIM_OLD]))
  render(<Queue />)
  expect(await screen.findByText('这一页只给工会工作人员用')).toBeTruthy()
  expect(sent(call, 'claimQueue')).toEqual([])
})
