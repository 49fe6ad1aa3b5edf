// 工作台: one queue of every area (marks for late, nearly due and escalated items, tabs, filters, search,
// 加载更多, coming back, pull-down, 导出表格), its tile on the staff home, and 办理时限.
import { act, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import WorkPage from '../../src/subpackages/staff/pages/work/index'
import WorkRulesPage from '../../src/subpackages/staff/pages/work-rules/index'
import StaffHome from '../../src/subpackages/staff/pages/home/index'
import { callFunction } from '../../src/services/transport'
import { STAFF_AUDIT_PAGE, STAFF_FIGURES_PAGE, STAFF_WORK_PAGE, STAFF_WORK_RULES_PAGE } from '../../src/services/workspace'
import type { QueueRow, SlaReply } from '../../src/domain/workspace/workspace.api'
import { DEMO_SLA } from '../../src/domain/workspace/work-item'
import { errReply, okReply, staff, worker } from './fixtures'
import { showPageAgain } from './taro.mock'
import { asTaroEnv, button, fieldOf, type Handler, page, routeCalls, sent, tap, type } from './membership-fixtures'
import { federation, FENGDA, grassroots } from './mutual-aid-fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => {
  const pull: { cb: (() => void) | null } = { cb: null }
  return jest.requireActual('./taro.mock').taroWithXlsx({
    __pull: pull,
    usePullDownRefresh: (cb: () => void) => {
      pull.cb = cb
    },
    stopPullDownRefresh: jest.fn(() => Promise.resolve()),
  })
})

const call = callFunction as jest.MockedFunction<typeof callFunction>
const taro = Taro as unknown as { __pull: { cb: (() => void) | null }; stopPullDownRefresh: jest.Mock; openDocument: jest.Mock }
const admin = { ...staff, role: 'admin' as const, roleLabel: '管理员', org: null }

const LATE: QueueRow = {
  id: 'aidClaim:claim-1',
  type: 'aidClaim',
  typeLabel: '互助保障',
  requestId: 'claim-1',
  number: 'A3F9C2',
  applicant: '王*明',
  summary: '住院医疗 · 江西丰达机械有限公司',
  step: '待基层审核',
  waiting: 'staff',
  orgName: '江西丰达机械有限公司工会',
  ageText: '9 天前',
  dueDate: '2026-11-18',
  dueText: '已超过 2 个工作日',
  flag: 'overdue',
  escalated: true,
  link: '/subpackages/staff/pages/aid-review/index?id=claim-1',
}
const SOON: QueueRow = {
  ...LATE,
  id: 'membershipTransfer:tr-2',
  type: 'membershipTransfer',
  typeLabel: '会籍接转',
  requestId: 'tr-2',
  number: 'B71D04',
  applicant: '李*',
  summary: '从城关镇环卫所工会转来',
  step: '待接收',
  ageText: '今天',
  dueDate: '2026-11-25',
  dueText: '还剩 1 个工作日',
  flag: 'due_soon',
  escalated: false,
  link: '/subpackages/staff/pages/members-transfers/index?id=tr-2',
}
const CALM: QueueRow = {
  ...LATE,
  id: 'stationReport:rep-3',
  type: 'stationReport',
  typeLabel: '驿站报修',
  requestId: 'rep-3',
  number: 'C00A17',
  applicant: null,
  summary: '城南驿站 · 饮水机坏了',
  step: '待处理',
  orgName: '广丰区总工会',
  ageText: '3 天前',
  dueDate: '2026-12-02',
  dueText: '还剩 6 个工作日',
  flag: 'on_time',
  escalated: false,
  link: '/subpackages/staff/pages/stations-reports/index?id=rep-3',
}
const EXPORT = { fileName: '工作台-待我处理.xlsx', contentBase64: 'UEsDBAo=', rows: 3 }

function backend(me: typeof staff, queue: Handler, more: Record<string, Handler> = {}) {
  routeCalls(call, { 'session.me': () => okReply(me), 'workspace.queue': queue, 'workspace.exportQueue': () => okReply(EXPORT), ...more })
}

const rows = async () => (await screen.findAllByRole('listitem')).filter((el) => /^\S+ [A-Z0-9]{6}$/.test(el.getAttribute('aria-label') ?? ''))

asTaroEnv('weapp')
beforeEach(() => jest.clearAllMocks())

test('rows in the server’s order: type, number, applicant, step, org, age; late in red, nearly due in amber, escalated tagged; a tap opens the row’s page', async () => {
  backend(federation, () => page([LATE, SOON, CALM]))
  render(<WorkPage />)
  const [late, soon, calm] = await rows()
  expect(sent(call, 'queue')).toEqual([{ action: 'queue', view: 'mine' }])
  expect([late, soon, calm].map((r) => r.getAttribute('aria-label'))).toEqual(['互助保障 A3F9C2', '会籍接转 B71D04', '驿站报修 C00A17'])

  expect(within(late).getByText('互助保障')).toBeTruthy()
  expect(within(late).getByText('编号 A3F9C2')).toBeTruthy()
  expect(within(late).getByText('王*明')).toBeTruthy()
  expect(within(late).getByText('住院医疗 · 江西丰达机械有限公司')).toBeTruthy()
  expect(within(late).getByText('待基层审核 · 江西丰达机械有限公司工会')).toBeTruthy()
  expect(within(late).getByText('9 天前交来')).toBeTruthy()
  const lateDue = within(late).getByText('⚠ 已超过 2 个工作日')
  expect(lateDue.className).toContain('work-due--overdue')
  expect(late.className).toContain('queue-row--late')
  expect(within(late).getByText('超期上报').className).toContain('work-tag--up')

  const soonDue = within(soon).getByText('⏰ 还剩 1 个工作日')
  expect(soonDue.className).toContain('work-due--due_soon')
  expect(soon.className).toContain('work-row--soon')
  expect(within(soon).queryByText('超期上报')).toBeNull()

  expect(within(calm).getByText('⏱ 还剩 6 个工作日').className).toContain('work-due--on_time')
  expect(calm.className).not.toContain('queue-row--late')
  expect(within(calm).queryByText('王*明')).toBeNull()

  await tap(soon)
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: SOON.link })
  await tap(late)
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: LATE.link })
})

test('grassroots staff see 待我处理 and 等职工 only; the federation also 下级全部 and 超期上报', async () => {
  backend(grassroots, () => page([]))
  const { unmount } = render(<WorkPage />)
  expect(await screen.findByText('现在没有等你处理的事')).toBeTruthy()
  expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['待我处理', '等职工'])
  unmount()

  backend(admin, () => page([]))
  render(<WorkPage />)
  expect(await screen.findByText('现在没有等你处理的事')).toBeTruthy()
  expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['待我处理', '下级全部', '超期上报', '等职工'])
})

test('tabs, type and deadline chips and the search send their filter together; 加载更多 sends the cursor', async () => {
  backend(federation, (d) => (d.cursor ? page([CALM]) : d.q === '没有' ? page([]) : page([LATE], 20)))
  render(<WorkPage />)
  await rows()
  await tap(button('加载更多'))
  expect(await screen.findByText('编号 C00A17')).toBeTruthy()
  expect(sent(call, 'queue')[1]).toEqual({ action: 'queue', view: 'mine', cursor: 20 })

  await tap(screen.getByRole('tab', { name: '超期上报' }))
  expect(sent(call, 'queue').at(-1)).toEqual({ action: 'queue', view: 'escalated' })
  expect(screen.getByText(/下级工会超过期限还没办的事/)).toBeTruthy()

  await tap(screen.getByRole('button', { name: /^筛选和查找：全部/ }))
  await tap(screen.getByRole('radio', { name: /互助保障/ }))
  expect(sent(call, 'queue').at(-1)).toEqual({ action: 'queue', view: 'escalated', type: 'aidClaim' })
  expect(screen.getByRole('radio', { name: /互助保障/ }).getAttribute('aria-checked')).toBe('true')

  await tap(screen.getByRole('checkbox', { name: /已超期/ }))
  expect(sent(call, 'queue').at(-1)).toEqual({ action: 'queue', view: 'escalated', type: 'aidClaim', flag: 'overdue' })
  await tap(screen.getByRole('checkbox', { name: /快到期/ }))
  expect(sent(call, 'queue').at(-1)).toEqual({ action: 'queue', view: 'escalated', type: 'aidClaim', flag: 'due_soon' })

  await type('查找要办的事', ' 王 ')
  await tap(button('查找'))
  expect(sent(call, 'queue').at(-1)).toEqual({ action: 'queue', view: 'escalated', type: 'aidClaim', flag: 'due_soon', q: '王' })

  // Tapping the chip that is on takes the deadline filter off; 全部 takes the type off.
  await tap(screen.getByRole('checkbox', { name: /快到期/ }))
  await tap(screen.getByRole('radio', { name: /全部/ }))
  expect(sent(call, 'queue').at(-1)).toEqual({ action: 'queue', view: 'escalated', q: '王' })

  await type('查找要办的事', '没有')
  await tap(button('查找'))
  expect(await screen.findByText('没有找到这样的事。换个条件试试，或点“全部”。')).toBeTruthy()
  await tap(button('看全部'))
  expect(sent(call, 'queue').at(-1)).toEqual({ action: 'queue', view: 'escalated' })

  // Waiting for the worker: no deadline chips, and a deadline filter is dropped.
  await tap(screen.getByRole('checkbox', { name: /已超期/ }))
  await tap(screen.getByRole('tab', { name: '等职工' }))
  expect(sent(call, 'queue').at(-1)).toEqual({ action: 'queue', view: 'worker' })
  expect(screen.queryByRole('checkbox', { name: /已超期/ })).toBeNull()
})

test('coming back and pulling down read the queue again; a failed read offers 重试', async () => {
  backend(grassroots, () => page([LATE]))
  render(<WorkPage />)
  await rows()
  await act(async () => showPageAgain())
  await waitFor(() => expect(sent(call, 'queue')).toHaveLength(2))

  await act(async () => taro.__pull.cb?.())
  await waitFor(() => expect(sent(call, 'queue')).toHaveLength(3))
  await waitFor(() => expect(taro.stopPullDownRefresh).toHaveBeenCalledTimes(1))

  backend(grassroots, () => errReply('NET.UNAVAILABLE', 'x'))
  await act(async () => showPageAgain())
  expect(await screen.findByText('没能读到要办的事')).toBeTruthy()
  backend(grassroots, () => page([]))
  await tap(button('重试'))
  expect(await screen.findByText('现在没有等你处理的事')).toBeTruthy()
})

test('导出表格 sends the tab and filters (not the search) and opens the sheet', async () => {
  backend(federation, () => page([LATE]))
  render(<WorkPage />)
  await rows()
  await tap(button('📄 导出表格'))
  expect(sent(call, 'exportQueue')).toEqual([{ action: 'exportQueue', view: 'mine' }])
  expect(taro.openDocument).toHaveBeenCalledWith({ filePath: 'wxfile://usr/工作台-待我处理.xlsx', fileType: 'xlsx', showMenu: true })
  expect(await screen.findByText(/已导出 3 件事。/)).toBeTruthy()

  await tap(screen.getByRole('tab', { name: '下级全部' }))
  await tap(screen.getByRole('button', { name: /^筛选和查找：/ }))
  await tap(screen.getByRole('radio', { name: /法律援助/ }))
  await tap(screen.getByRole('checkbox', { name: /已超期/ }))
  await type('查找要办的事', '王')
  await tap(button('查找'))
  await tap(button('📄 导出表格'))
  expect(sent(call, 'exportQueue')[1]).toEqual({ action: 'exportQueue', view: 'subtree', type: 'legalAidCase', flag: 'overdue' })
})

test('not staff: no queue call', async () => {
  backend(worker, () => page([LATE]))
  render(<WorkPage />)
  expect(await screen.findByText('这一页只给工会工作人员用')).toBeTruthy()
  expect(sent(call, 'queue')).toEqual([])
})

// ---- the tile on the staff home ------------------------------------------------------------------

function home(me: typeof staff, summary: Handler) {
  routeCalls(call, {
    'session.me': () => okReply(me),
    'admin.listOrgs': () => okReply({ orgs: [FENGDA] }),
    'membership.queue': () => page([]),
    'mutualAid.claimQueue': () => page([]),
    'legalAid.queue': () => page([]),
    'workspace.queueSummary': summary,
  })
}

test('home: 待办事项 says how much waits and how much is late; 数据 and 办理时限 for all, 审计 for the federation only', async () => {
  let summary = okReply({ waiting: 12, overdue: 3, dueSoon: 2, escalated: 1 })
  home(federation, () => summary)
  const { unmount } = render(<StaffHome />)
  expect(await screen.findByText('12 件等你处理，3 件已超期')).toBeTruthy()
  expect(screen.getByText('⚠ 2 件快到期，1 件超期上报')).toBeTruthy()
  expect(sent(call, 'queueSummary')).toEqual([{ action: 'queueSummary' }])
  for (const [title, url] of [
    ['待办事项', STAFF_WORK_PAGE],
    ['数据', STAFF_FIGURES_PAGE],
    ['审计', STAFF_AUDIT_PAGE],
    ['办理时限', STAFF_WORK_RULES_PAGE],
  ]) {
    await tap(screen.getByRole('button', { name: title }))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url })
  }

  summary = okReply({ waiting: 0, overdue: 0, dueSoon: 0, escalated: 0 })
  await act(async () => showPageAgain())
  expect(await screen.findByText('现在没有等你处理的事')).toBeTruthy()
  unmount()

  home(grassroots, () => errReply('NET.UNAVAILABLE', 'x'))
  render(<StaffHome />)
  expect(await screen.findByText('所有等你办的事都在这里：入会、转会、法律援助、互助保障、驿站')).toBeTruthy()
  expect(screen.getByRole('button', { name: '数据' })).toBeTruthy()
  expect(screen.queryByRole('button', { name: '审计' })).toBeNull()
  expect(screen.getByText('看看转会、互助保障、驿站的事要在几个工作日内办完')).toBeTruthy()
})

// ---- 办理时限 ------------------------------------------------------------------------------------

const SLA: SlaReply = {
  sla: { ...DEMO_SLA },
  labels: { membershipTransfer: '会籍接转', aidClaimCheck: '互助理赔基层审核', aidClaimApprove: '互助理赔总工会审批', aidClaimPay: '互助理赔打款', stationReport: '驿站报修', stationSuggestion: '驿站建议答复', dueSoonDays: '提前提醒' },
  updatedAt: '2026-11-20T02:00:00.000Z',
  version: 3,
}

function rules(me: typeof staff, more: Record<string, Handler> = {}) {
  routeCalls(call, { 'session.me': () => okReply(me), 'workspace.sla': () => okReply(SLA), ...more })
}

test('办理时限: staff read every limit in words; only the admin can change them', async () => {
  rules(federation)
  render(<WorkRulesPage />)
  expect(await screen.findByText('每件事要在几天内办')).toBeTruthy()
  const lines = screen.getAllByRole('listitem').map((r) => r.textContent)
  expect(lines).toHaveLength(7)
  expect(lines[0]).toBe('会籍接转：10 个工作日别的工会的会员要转过来，10 个工作日内决定接不接收。')
  expect(lines[6]).toBe('提前提醒：2 个工作日离期限只剩 2 个工作日或更少时，算“快到期”，在工作台上标出来。')
  expect(screen.getByText('上次修改：11月20日 10:00')).toBeTruthy()
  expect(screen.getByText(/只有管理员能修改/)).toBeTruthy()
  expect(screen.queryByText('修改办理时限')).toBeNull()
})

test('办理时限: the admin’s wrong numbers are shown under their boxes; right ones are saved', async () => {
  const next = { ...DEMO_SLA, aidClaimCheck: 7, dueSoonDays: 3 }
  rules(admin, { 'workspace.saveSla': () => okReply({ ...SLA, sla: next, updatedAt: '2026-11-21T03:30:00.000Z', version: 4 }) })
  render(<WorkRulesPage />)
  await tap(await screen.findByText('修改办理时限'))
  await waitFor(() => expect((document.querySelector('[aria-label="会籍接转（工作日）"] input') as HTMLInputElement | null)?.value).toBe('10'))

  await type('会籍接转（工作日）', '0')
  await type('提前提醒（工作日）', '11')
  await type('驿站报修（工作日）', '')
  await type('互助理赔基层审核（工作日）', '7')
  await tap(button('保存办理时限'))
  expect(fieldOf('会籍接转（工作日）').textContent).toContain('会籍接转最少 1 个工作日')
  expect(fieldOf('提前提醒（工作日）').textContent).toContain('提前提醒最多 10 个工作日')
  expect(fieldOf('驿站报修（工作日）').textContent).toContain('请填驿站报修的天数')
  expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain('有几处要改一改，请看红字')
  expect(sent(call, 'saveSla')).toEqual([])

  await type('会籍接转（工作日）', '10')
  await type('提前提醒（工作日）', '3')
  await type('驿站报修（工作日）', '3')
  await tap(button('保存办理时限'))
  expect(sent(call, 'saveSla')).toEqual([{ action: 'saveSla', sla: next }])
  expect(await screen.findByText('✅ 已保存，从现在起按新的天数算。')).toBeTruthy()
  expect(screen.getAllByRole('listitem').map((r) => r.textContent)).toContain('互助理赔基层审核：7 个工作日职工交了互助保障申请，基层工会 7 个工作日内核对材料。')
  expect(screen.getByText('上次修改：11月21日 11:30')).toBeTruthy()
})
