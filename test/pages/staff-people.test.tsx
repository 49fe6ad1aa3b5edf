import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import People from '../../src/subpackages/staff/pages/people/index'
import { callFunction } from '../../src/services/transport'
import { errReply, okReply, staff, worker } from './fixtures'
import type { CreatedInvite, InviteView, OrgView, StaffView } from '../../src/domain/staff/staff.schema'
import type { Envelope } from '../../src/domain/envelope'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro.mock')
  const extra = {
    setClipboardData: jest.fn(() => Promise.resolve({ errMsg: 'setClipboardData:ok' })),
    setNavigationBarTitle: jest.fn(() => Promise.resolve({ errMsg: 'setNavigationBarTitle:ok' })),
  }
  return { __esModule: true, ...base, ...extra, default: { ...base.default, ...extra } }
})

const call = callFunction as jest.MockedFunction<typeof callFunction>

const admin = { ...staff, role: 'admin' as const, roleLabel: '管理员', org: null }
const ORGS: OrgView[] = [
  { id: 'org-fed', name: '广丰区总工会', kind: 'federation', kindLabel: '总工会', parentId: null, depth: 0 },
  { id: 'org-fengda', name: '江西丰达机械有限公司工会', kind: 'grassroots', kindLabel: '基层工会', parentId: 'org-fed', depth: 1 },
  { id: 'org-xingwang', name: '兴旺国际建材城联合工会', kind: 'joint', kindLabel: '联合工会', parentId: 'org-fed', depth: 1 },
]
const ZHANG: StaffView = {
  userId: 'u-zhang',
  displayName: '张*东',
  maskedPhone: '139****1111',
  role: 'grassroots_staff',
  roleLabel: '基层工会工作人员',
  org: { id: 'org-fengda', name: '江西丰达机械有限公司工会' },
  isMe: false,
}
const ME: StaffView = { userId: 'u-zhao', displayName: '赵*', maskedPhone: null, role: 'admin', roleLabel: '管理员', org: null, isMe: true }
const PENDING: InviteView = {
  id: 'inv-1',
  role: 'grassroots_staff',
  roleLabel: '基层工会工作人员',
  org: { id: 'org-fengda', name: '江西丰达机械有限公司工会' },
  note: '车间新主任',
  state: 'pending',
  stateLabel: '还没使用',
  createdAt: '2026-11-22T06:00:00.000Z',
  expiresAt: '2026-11-25T06:00:00.000Z',
  usedAt: null,
  usedBy: null,
}

type Handler = (data: Record<string, unknown>) => Envelope<unknown>
let handlers: Record<string, Handler>

function backend(me: typeof worker, overrides: Record<string, Handler> = {}) {
  handlers = {
    'session.me': () => okReply(me),
    'admin.listStaff': () => okReply({ staff: [ME, ZHANG], canRevoke: me.role === 'admin' }),
    'admin.listInvites': () => okReply({ invites: [PENDING], more: false }),
    'admin.listOrgs': () => okReply({ orgs: ORGS }),
    ...overrides,
  }
  call.mockImplementation(async (name, data) => {
    const h = handlers[`${name}.${String(data.action)}`]
    if (!h) throw new Error(`unexpected ${name}.${String(data.action)}`)
    return h(data) as never
  })
}

const tap = async (text: string | RegExp, root: HTMLElement = document.body) => {
  await act(async () => {
    fireEvent.click(within(root).getByText(text))
  })
}
const sheet = () => screen.getByRole('dialog')

beforeEach(() => jest.clearAllMocks())

test('admin sees staff (masked, role, org) and pending invites', async () => {
  backend(admin)
  render(<People />)
  expect(await screen.findByText('张*东')).toBeTruthy()
  expect(screen.getByText('赵*（我）')).toBeTruthy()
  expect(screen.getByText('手机 139****1111')).toBeTruthy()
  expect(screen.getByText('编号 u-zhang')).toBeTruthy()
  expect(screen.getByText('工作人员（2）')).toBeTruthy()
  expect(await screen.findByText('还没使用的邀请码（1）')).toBeTruthy()
  expect(screen.getByText('备注：车间新主任')).toBeTruthy()
  expect(screen.getByText('11月25日 14:00 前有效')).toBeTruthy()
  expect(call).toHaveBeenCalledWith('admin', { action: 'listInvites', state: 'pending' })
})

test('invite: pick role and org, get a large code with 复制, the expiry and the send-privately line', async () => {
  const created: CreatedInvite = {
    code: 'K7PM-3QXD',
    invite: { ...PENDING, id: 'inv-2', org: { id: 'org-xingwang', name: '兴旺国际建材城联合工会' }, note: null },
  }
  backend(admin, { 'admin.createInvite': () => okReply(created) })
  render(<People />)
  await screen.findByText('张*东')
  await tap('➕ 邀请工作人员')
  await tap('基层工会工作人员', screen.getByRole('radiogroup', { name: '身份' }))
  const orgs = await screen.findByRole('radiogroup', { name: '工会' })
  // Grassroots staff cannot belong to the federation itself.
  expect(within(orgs).queryByText('广丰区总工会')).toBeNull()
  await tap('兴旺国际建材城联合工会', orgs)
  expect(within(orgs).getAllByRole('radio').filter((r) => r.getAttribute('aria-checked') === 'true')).toHaveLength(1)
  await tap('生成邀请码')
  expect(call).toHaveBeenCalledWith('admin', { action: 'createInvite', role: 'grassroots_staff', orgId: 'org-xingwang' })

  expect(await screen.findByText('K7PM-3QXD')).toBeTruthy()
  expect(screen.getByText('11月25日 14:00')).toBeTruthy()
  expect(screen.getByText('🔒 请私下发给本人')).toBeTruthy()
  await tap('复制邀请码')
  expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'K7PM-3QXD' })
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '邀请码已复制' }))
  await tap('完成')
  expect(screen.queryByText('K7PM-3QXD')).toBeNull()
  expect(screen.getByText('➕ 邀请工作人员')).toBeTruthy()
})

test('invite: federation staff role picks the federation by itself; admin role needs no org', async () => {
  backend(admin, { 'admin.createInvite': (d) => okReply({ code: 'AAAA-BBBB', invite: { ...PENDING, role: d.role, org: null } }) })
  render(<People />)
  await screen.findByText('张*东')
  await tap('➕ 邀请工作人员')
  await tap('总工会工作人员', screen.getByRole('radiogroup', { name: '身份' }))
  const orgs = await screen.findByRole('radiogroup', { name: '工会' })
  expect(within(orgs).getAllByRole('radio').map((r) => r.getAttribute('aria-checked'))).toEqual(['true'])
  await tap('管理员', screen.getByRole('radiogroup', { name: '身份' }))
  expect(screen.queryByRole('radiogroup', { name: '工会' })).toBeNull()
  await tap('生成邀请码')
  expect(call).toHaveBeenCalledWith('admin', { action: 'createInvite', role: 'admin' })
})

test('invite: missing choices and server field errors are said next to the field', async () => {
  const risky = '备注里有不合适的内容，请改一改或不写备注'
  backend(admin, { 'admin.createInvite': () => ({ ok: false, error: { code: 'INVITE.NOTE_RISKY', message: risky, fieldErrors: { note: risky } } }) })
  render(<People />)
  await screen.findByText('张*东')
  await tap('➕ 邀请工作人员')
  await tap('生成邀请码')
  expect(screen.getByRole('alert').textContent).toBe('请选择身份')
  await tap('基层工会工作人员', screen.getByRole('radiogroup', { name: '身份' }))
  await screen.findByRole('radiogroup', { name: '工会' })
  await tap('生成邀请码')
  expect(screen.getByRole('alert').textContent).toBe('请选择工会')
  await tap('江西丰达机械有限公司工会', screen.getByRole('radiogroup', { name: '工会' }))
  await tap('生成邀请码')
  await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(risky))
  await tap('不邀请了')
  expect(screen.queryByRole('radiogroup', { name: '身份' })).toBeNull()
})

test('revoke: confirm dialog, a reason is required, then the list reloads', async () => {
  backend(admin, { 'admin.revokeStaff': () => okReply({ userId: 'u-zhang', role: 'worker', roleLabel: '职工' }) })
  render(<People />)
  await screen.findByText('张*东')
  const revokeButtons = screen.getAllByText('撤销身份')
  await tap('撤销身份', revokeButtons[1].closest('.person') as HTMLElement)
  expect(within(sheet()).getByText('撤销 张*东 的工作人员身份？')).toBeTruthy()
  await tap('确认撤销', sheet())
  expect(call).not.toHaveBeenCalledWith('admin', expect.objectContaining({ action: 'revokeStaff' }))
  await tap('已经不在工会工作了', sheet())
  handlers['admin.listStaff'] = () => okReply({ staff: [ME], canRevoke: true })
  await tap('确认撤销', sheet())
  expect(call).toHaveBeenCalledWith('admin', { action: 'revokeStaff', userId: 'u-zhang', reason: 'left_post' })
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已撤销' }))
  expect(screen.queryByRole('dialog')).toBeNull()
  await waitFor(() => expect(screen.queryByText('张*东')).toBeNull())
  expect(screen.getByText('工作人员（1）')).toBeTruthy()
})

test('revoke refused (last admin) is explained inside the dialog; 不撤销了 closes it', async () => {
  backend(admin, { 'admin.revokeStaff': () => errReply('STAFF.LAST_ADMIN', '你是最后一位管理员，不能撤销自己。请先邀请另一位管理员') })
  render(<People />)
  await screen.findByText('赵*（我）')
  await tap('撤销身份', screen.getByText('赵*（我）').closest('.person') as HTMLElement)
  await tap('其他原因', sheet())
  await tap('确认撤销', sheet())
  expect(within(sheet()).getByRole('alert').textContent).toBe('你是最后一位管理员，不能撤销自己。请先邀请另一位管理员')
  await tap('不撤销了', sheet())
  expect(screen.queryByRole('dialog')).toBeNull()
})

test('作废 a pending invite after confirming', async () => {
  backend(admin, { 'admin.cancelInvite': () => okReply({ invite: { ...PENDING, state: 'cancelled', stateLabel: '已作废' } }) })
  render(<People />)
  await screen.findByText('备注：车间新主任')
  await tap('作废')
  expect(within(sheet()).getByText('作废这个邀请码？')).toBeTruthy()
  handlers['admin.listInvites'] = () => okReply({ invites: [], more: false })
  await tap('作废', sheet())
  expect(call).toHaveBeenCalledWith('admin', { action: 'cancelInvite', inviteId: 'inv-1' })
  expect(await screen.findByText('现在没有还没使用的邀请码。')).toBeTruthy()
})

test('federation staff: read-only list, no invites, no 撤销', async () => {
  backend({ ...staff, role: 'federation_staff', roleLabel: '总工会工作人员' })
  render(<People />)
  expect(await screen.findByText('张*东')).toBeTruthy()
  expect(screen.getByText('只有管理员能邀请或撤销工作人员。')).toBeTruthy()
  expect(screen.queryByText('撤销身份')).toBeNull()
  expect(screen.queryByText('➕ 邀请工作人员')).toBeNull()
  expect(call).not.toHaveBeenCalledWith('admin', expect.objectContaining({ action: 'listInvites' }))
  expect(Taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '工作人员名单' })
})

test('anyone else is told the page is for admins, and nothing is asked of the admin function', async () => {
  backend(worker)
  render(<People />)
  expect(await screen.findByText('这一页只有管理员能用')).toBeTruthy()
  expect(call).not.toHaveBeenCalledWith('admin', expect.anything())
})
