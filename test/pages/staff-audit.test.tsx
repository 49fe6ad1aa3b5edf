// 审计: the audit log (area, views of personal data only, dates, a
// record's number, 加载更多), with views of personal data marked in red.
import { render, screen, within } from '@testing-library/react'
import AuditPage from '../../src/subpackages/staff/pages/audit/index'
import { callFunction } from '../../src/services/transport'
import type { AuditRow } from '../../src/domain/workspace/workspace.api'
import { errReply, okReply, staff, worker } from './fixtures'
import { button, type Handler, page, pickDate, routeCalls, sent, tap, type } from './membership-fixtures'
import { federation, grassroots } from './mutual-aid-fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))

const call = callFunction as jest.MockedFunction<typeof callFunction>
const admin = { ...staff, role: 'admin' as const, roleLabel: '管理员', org: null }

const DECIDED: AuditRow = {
  id: 'a-1',
  at: '2026-11-20T02:05:00.000Z',
  who: '张主席（服务站）',
  role: 'federation_staff',
  action: 'aidClaim.decide',
  actionLabel: '审批互助保障申请',
  targetType: 'aidClaim',
  targetId: 'claim-1',
  targetNumber: 'A3F9C2',
  from: '待总工会审批',
  to: '已批准',
  reason: '材料齐全',
  reveal: false,
  orgName: '江西丰达机械有限公司工会',
}
const REVEALED: AuditRow = {
  ...DECIDED,
  id: 'a-2',
  at: '2026-11-21T07:30:00.000Z',
  who: '李*（丰达）',
  action: 'privacy.reveal',
  actionLabel: '看了完整的银行卡号',
  from: null,
  to: null,
  reason: '打款核对',
  reveal: true,
  orgName: null,
}

function backend(me: typeof staff, audit: Handler) {
  routeCalls(call, { 'session.me': () => okReply(me), 'workspace.audit': audit })
}

const rows = async () => (await screen.findAllByRole('listitem')).filter((el) => el.classList.contains('audit-row'))

beforeEach(() => jest.clearAllMocks())

test('rows: time, who, what, number, from → to and reason; a view of personal data is tagged in red', async () => {
  backend(federation, () => page([REVEALED, DECIDED]))
  render(<AuditPage />)
  const [revealed, decided] = await rows()
  expect(sent(call, 'audit')).toEqual([{ action: 'audit' }])

  expect(within(decided).getByText('审批互助保障申请')).toBeTruthy()
  expect(within(decided).getByText('11月20日 10:05 · 张主席（服务站）')).toBeTruthy()
  expect(within(decided).getByText('编号 A3F9C2')).toBeTruthy()
  expect(within(decided).getByText('待总工会审批 → 已批准')).toBeTruthy()
  expect(within(decided).getByText('原因：材料齐全')).toBeTruthy()
  expect(within(decided).getByText('江西丰达机械有限公司工会')).toBeTruthy()
  expect(within(decided).queryByText('查看了个人信息')).toBeNull()

  expect(within(revealed).getByText('查看了个人信息').className).toContain('audit-tag')
  expect(revealed.className).toContain('audit-row--reveal')
  expect(within(revealed).getByText('11月21日 15:30 · 李*（丰达）')).toBeTruthy()
  expect(within(revealed).queryByText(/→/)).toBeNull()
})

test('area, 只看查看个人信息, dates and a number narrow the log together; 加载更多 sends the cursor', async () => {
  backend(admin, (d) => (d.cursor ? page([DECIDED]) : d.q === 'ZZZZZZ' ? page([]) : page([REVEALED], 20)))
  render(<AuditPage />)
  await rows()
  await tap(button('加载更多'))
  expect(await screen.findByText('审批互助保障申请')).toBeTruthy()
  expect(sent(call, 'audit')[1]).toEqual({ action: 'audit', cursor: 20 })

  expect(screen.getAllByRole('radio').map((r) => r.textContent?.replace('✓', ''))).toEqual(['全部', '入会', '法律援助', '互助保障', '驿站', '人员', '隐私', '规则', '拒绝访问', '数据'])
  await tap(screen.getByRole('radio', { name: /隐私/ }))
  expect(sent(call, 'audit').at(-1)).toEqual({ action: 'audit', area: 'privacy' })

  const only = screen.getByRole('switch', { name: '只看查看个人信息' })
  expect(only.getAttribute('aria-checked')).toBe('false')
  await tap(only)
  expect(only.getAttribute('aria-checked')).toBe('true')
  expect(sent(call, 'audit').at(-1)).toEqual({ action: 'audit', area: 'privacy', revealsOnly: true })

  await pickDate(0, '2026-11-01')
  expect(sent(call, 'audit').at(-1)).toEqual({ action: 'audit', area: 'privacy', revealsOnly: true, from: '2026-11-01' })
  await pickDate(1, '2026-11-30')
  expect(sent(call, 'audit').at(-1)).toEqual({ action: 'audit', area: 'privacy', revealsOnly: true, from: '2026-11-01', to: '2026-11-30' })

  // A start after the end is not sent.
  const before = sent(call, 'audit').length
  await pickDate(0, '2026-12-05')
  expect(screen.getByText('开始的日子不能晚于结束的日子，请改一下。')).toBeTruthy()
  expect(sent(call, 'audit')).toHaveLength(before)
  await tap(screen.getAllByText('记不清，不填了')[0])
  expect(screen.queryByText(/开始的日子不能晚于/)).toBeNull()
  expect(sent(call, 'audit').at(-1)).toEqual({ action: 'audit', area: 'privacy', revealsOnly: true, to: '2026-11-30' })

  await type('查找记录编号', 'A3F9C2')
  await tap(button('查找'))
  expect(sent(call, 'audit').at(-1)).toEqual({ action: 'audit', area: 'privacy', revealsOnly: true, to: '2026-11-30', q: 'A3F9C2' })

  await tap(screen.getByRole('switch', { name: '只看查看个人信息' }))
  await tap(screen.getByRole('radio', { name: /全部/ }))
  await type('查找记录编号', 'ZZZZZZ')
  await tap(button('查找'))
  expect(sent(call, 'audit').at(-1)).toEqual({ action: 'audit', to: '2026-11-30', q: 'ZZZZZZ' })
  expect(await screen.findByText('没有找到这样的记录。换个条件试试。')).toBeTruthy()
})

test('a failed read offers 重试', async () => {
  backend(federation, () => errReply('NET.UNAVAILABLE', 'x'))
  render(<AuditPage />)
  expect(await screen.findByText('没能读到审计记录')).toBeTruthy()
  backend(federation, () => page([]))
  await tap(button('重试'))
  expect(await screen.findByText('还没有记录。')).toBeTruthy()
})

test('grassroots staff read the log too (the server keeps it to their unions); not staff read nothing', async () => {
  backend(grassroots, () => page([DECIDED]))
  const { unmount } = render(<AuditPage />)
  expect(await screen.findByText('审批互助保障申请')).toBeTruthy()
  expect(sent(call, 'audit')).toEqual([{ action: 'audit' }])
  unmount()

  jest.clearAllMocks()
  backend(worker, () => page([DECIDED]))
  render(<AuditPage />)
  expect(await screen.findByText('这一页只给工会工作人员用')).toBeTruthy()
  expect(sent(call, 'audit')).toEqual([])
})
