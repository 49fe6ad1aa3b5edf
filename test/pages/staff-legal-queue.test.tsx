// 法律援助 queue: rows in the server's (triage) order with their flags, tabs, coming back, 导出表格 by year.
import { act, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Queue from '../../src/subpackages/staff/pages/legal-queue/index'
import { callFunction } from '../../src/services/transport'
import { STAFF_LEGAL_REVIEW_PAGE } from '../../src/services/legal-aid'
import { shanghaiDate } from '../../src/domain/calendar/working-days'
import { errReply, okReply, worker } from './fixtures'
import { showPageAgain } from './taro.mock'
import { asTaroEnv, button, type Handler, page, routeCalls, sent, tap } from './membership-fixtures'
import { federation, grassroots } from './mutual-aid-fixtures'
import { CASE_LATE, CASE_URGENT } from './legal-aid-fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => jest.requireActual('./taro.mock').taroWithXlsx())

const call = callFunction as jest.MockedFunction<typeof callFunction>
const EXPORT = { fileName: '法律援助-2026.xlsx', contentBase64: 'UEsDBAo=', rows: 53 }

function backend(me: typeof worker, queue: Handler) {
  routeCalls(call, { 'session.me': () => okReply(me), 'legalAid.queue': queue, 'legalAid.exportCases': () => okReply(EXPORT) })
}

/** The queue rows (each flag list inside a row has list items of its own). */
const rows = async () => (await screen.findAllByRole('listitem')).filter((el) => el.getAttribute('aria-label')?.endsWith('求助'))

asTaroEnv('weapp')
beforeEach(() => jest.clearAllMocks())

test('rows keep the server’s order (urgent first, not oldest) with red and amber flags, limitation, amount, workers and due', async () => {
  backend(federation, () => page([CASE_URGENT, CASE_LATE]))
  render(<Queue />)
  const [urgent, late] = await rows()
  expect([urgent, late].map((r) => r.getAttribute('aria-label'))).toEqual(['王*明的欠薪求助', '刘*的合同/辞退求助'])
  expect(sent(call, 'queue')).toEqual([{ action: 'queue', filter: 'review' }])

  const flags = (row: HTMLElement) => within(within(row).getByRole('list', { name: '为什么要先办' })).getAllByRole('listitem')
  expect(flags(urgent).map((f) => [f.textContent, f.className.includes('lb-flag--red') ? 'red' : 'amber'])).toEqual([
    ['仲裁时效很快就到', 'red'],
    ['群体性（很多工友）', 'red'],
    ['农民工讨薪或工伤', 'amber'],
  ])
  expect(flags(late).map((f) => [f.textContent, f.className.includes('lb-flag--amber') ? 'amber' : 'red'])).toEqual([['经济困难', 'amber']])

  expect(within(urgent).getByText('农民工')).toBeTruthy()
  expect(within(urgent).getByText('欠薪 · 上海宏建建筑劳务有限公司')).toBeTruthy()
  expect(within(urgent).getByText('要讨 36,000 元')).toBeTruthy()
  expect(within(urgent).getByText('12 个工友一起')).toBeTruthy()
  expect(within(urgent).getByText('⚠ 仲裁时效最后一天：2026年12月10日')).toBeTruthy()
  expect(within(urgent).getByText('由 广丰区总工会 办理')).toBeTruthy()
  expect(within(urgent).getByText('⏱ 还剩 5 个工作日')).toBeTruthy()
  expect(urgent.className).toContain('queue-row--urgent')

  expect(within(late).queryByText(/要讨/)).toBeNull()
  expect(within(late).getByText('他一个人')).toBeTruthy()
  expect(within(late).getByText('仲裁时效最后一天：2027年10月31日')).toBeTruthy()
  expect(within(late).getByText('⚠ 已超过 2 个工作日')).toBeTruthy()
  expect(late.className).toContain('queue-row--late')

  await tap(late)
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${STAFF_LEGAL_REVIEW_PAGE}?id=case-2` })
})

test('a limitation not running or not known is said in words', async () => {
  backend(grassroots, () =>
    page([
      { ...CASE_LATE, limitationLastDay: null, limitationStatus: 'not_running' },
      { ...CASE_LATE, id: 'case-3', limitationLastDay: null, limitationStatus: 'unknown' },
      { ...CASE_LATE, id: 'case-4', limitationLastDay: '2026-10-01', limitationStatus: 'passed' },
    ]),
  )
  render(<Queue />)
  expect(await screen.findByText('仲裁时效：他还在这个单位，还没开始算')).toBeTruthy()
  expect(screen.getByText('仲裁时效：日期不全，算不出来')).toBeTruthy()
  expect(screen.getByText('⚠ 仲裁时效可能已过（最后一天是 2026年10月1日）')).toBeTruthy()
  expect(screen.queryByText(/由 .* 办理/)).toBeNull()
})

test('tabs ask for their filter; 加载更多 sends the cursor; an empty tab says so', async () => {
  backend(grassroots, (d) => (d.filter === 'done' ? page([]) : d.cursor ? page([CASE_LATE]) : page([CASE_URGENT], 20)))
  render(<Queue />)
  expect(await screen.findByText('王*明')).toBeTruthy()
  expect(screen.getByText(/最急的排在最前面/)).toBeTruthy()
  await tap(button('加载更多'))
  expect(await screen.findByText('刘*')).toBeTruthy()
  expect(sent(call, 'queue')[1]).toEqual({ action: 'queue', filter: 'review', cursor: 20 })

  for (const [label, filter] of [['待补充', 'needs_info'], ['办理中', 'active'], ['全部', 'all'], ['已办结', 'done']] as const) {
    await tap(screen.getByRole('tab', { name: label }))
    expect(sent(call, 'queue').at(-1)).toEqual({ action: 'queue', filter })
  }
  expect(await screen.findByText('还没有办完的案子。')).toBeTruthy()
  expect(screen.queryByText(/最急的排在最前面/)).toBeNull()
})

test('coming back to the page reads the queue again; a failed read offers 重试', async () => {
  backend(federation, () => page([CASE_URGENT]))
  render(<Queue />)
  await screen.findByText('王*明')
  backend(federation, () => errReply('NET.UNAVAILABLE', 'x'))
  await act(async () => showPageAgain())
  expect(await screen.findByText('没能读到法律援助求助')).toBeTruthy()
  backend(federation, () => page([]))
  await tap(button('重试'))
  expect(await screen.findByText('现在没有等你审核的法律援助求助。')).toBeTruthy()
})

test('导出表格 sends the year chosen (or none for all years) and opens the xlsx', async () => {
  backend(federation, () => page([]))
  render(<Queue />)
  const year = Number(shanghaiDate(new Date()).slice(0, 4))
  await tap(await screen.findByText('📄 导出表格'))
  expect(sent(call, 'exportCases')).toEqual([{ action: 'exportCases', year }])
  expect(Taro.openDocument).toHaveBeenCalledWith({ filePath: 'wxfile://usr/法律援助-2026.xlsx', fileType: 'xlsx', showMenu: true })
  expect(await screen.findByText(/已导出 53 件求助。/)).toBeTruthy()
  expect(screen.getByText(/表格里的姓名遮住了一部分/)).toBeTruthy()

  await tap(screen.getByRole('tab', { name: `${year - 1} 年` }))
  await tap(button('📄 导出表格'))
  await tap(screen.getByRole('tab', { name: '全部年份' }))
  await tap(button('📄 导出表格'))
  expect(sent(call, 'exportCases').slice(1)).toEqual([{ action: 'exportCases', year: year - 1 }, { action: 'exportCases' }])
})

test('not staff: no queue call', async () => {
  backend(worker, () => page([CASE_URGENT]))
  render(<Queue />)
  expect(await screen.findByText('这一页只给工会工作人员用')).toBeTruthy()
  expect(sent(call, 'queue')).toEqual([])
})
