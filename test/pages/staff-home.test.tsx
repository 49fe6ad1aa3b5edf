import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import StaffHome from '../../src/subpackages/staff/pages/home/index'
import { callFunction } from '../../src/services/transport'
import { STAFF_PEOPLE_PAGE, STAFF_REDEEM_PAGE } from '../../src/services/staff'
import { errReply, okReply, staff, worker } from './fixtures'
import type { OrgView } from '../../src/domain/staff/staff.schema'
import {
  STAFF_CALENDAR_PAGE,
  STAFF_MEMBER_QUEUE_PAGE,
  STAFF_MEMBER_TRANSFERS_PAGE,
  STAFF_MEMBER_VERIFY_PAGE,
  STAFF_MEMBERS_PAGE,
} from '../../src/services/membership'
import { STAFF_AID_RULES_PAGE } from '../../src/services/mutual-aid'
import { STAFF_LEGAL_RULES_PAGE } from '../../src/services/legal-aid'
import type { Envelope } from '../../src/domain/envelope'
import type { Page, ApplicationRow } from '../../src/domain/membership/membership.schema'
import { ROW_LATE, ROW_ON_TIME, page } from './membership-fixtures'
import { showPageAgain } from './taro.mock'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro.mock')
  const extra = { redirectTo: jest.fn(() => Promise.resolve({ errMsg: 'redirectTo:ok' })) }
  return { __esModule: true, ...base, ...extra, default: { ...base.default, ...extra } }
})

const call = callFunction as jest.MockedFunction<typeof callFunction>

const org = (id: string, name: string, kind: OrgView['kind'], kindLabel: string, depth: number): OrgView => ({ id, name, kind, kindLabel, parentId: depth ? 'org-fed' : null, depth })
const COUNTY = [org('org-fed', '广丰区总工会', 'federation', '总工会', 0), org('org-fengda', '江西丰达机械有限公司工会', 'grassroots', '基层工会', 1)]

let queue: Envelope<Page<ApplicationRow>> = page([])

function backend(me: typeof worker, orgs = okReply({ orgs: COUNTY }) as ReturnType<typeof okReply> | ReturnType<typeof errReply>) {
  call.mockImplementation(async (name, data) => {
    if (name === 'session' && data.action === 'me') return okReply(me)
    if (name === 'admin' && data.action === 'listOrgs') return orgs as never
    if (name === 'membership' && data.action === 'queue') return queue as never
    if (name === 'mutualAid' && data.action === 'claimQueue') return page([]) as never
    if (name === 'legalAid' && data.action === 'queue') return page([]) as never
    throw new Error(`unexpected ${name}.${String(data.action)}`)
  })
}

beforeEach(() => {
  jest.clearAllMocks()
  queue = page([])
})

test('admin: role and a 人员管理 tile that opens the people page; no review placeholder', async () => {
  backend({ ...staff, role: 'admin', roleLabel: '管理员', org: null })
  render(<StaffHome />)
  expect(await screen.findByText('管理员')).toBeTruthy()
  expect(screen.getByText('管理全区的工会和人员')).toBeTruthy()
  fireEvent.click(screen.getByText('人员管理'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: STAFF_PEOPLE_PAGE })
  expect(screen.queryByText('要处理的事')).toBeNull()
  expect(call).not.toHaveBeenCalledWith('admin', expect.anything())
})

test('grassroots staff: role, org, no card about reviews not built yet, and the orgs they look after', async () => {
  backend({ ...staff, org: { id: 'org-fengda', name: '江西丰达机械有限公司工会' } }, okReply({ orgs: [COUNTY[1]] }))
  render(<StaffHome />)
  expect(await screen.findByText('基层工会工作人员')).toBeTruthy()
  expect(screen.queryByText('还没开放的审核')).toBeNull()
  expect(await screen.findByText('我负责的工会（1 个）')).toBeTruthy()
  expect(screen.getAllByText('江西丰达机械有限公司工会')).toHaveLength(2)
  expect(screen.queryByText('人员管理')).toBeNull()
  expect(screen.queryByText('工作人员名单')).toBeNull()
  expect(call).toHaveBeenCalledWith('admin', { action: 'listOrgs' })
})

test('federation staff: their county and a read-only 工作人员名单 tile', async () => {
  backend({ ...staff, role: 'federation_staff', roleLabel: '总工会工作人员', org: { id: 'org-fed', name: '广丰区总工会' } })
  render(<StaffHome />)
  expect(await screen.findByText('我负责的工会（2 个）')).toBeTruthy()
  fireEvent.click(screen.getByText('工作人员名单'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: STAFF_PEOPLE_PAGE })
})

test('the org list failing shows 重试, which asks again', async () => {
  backend({ ...staff, org: { id: 'org-fengda', name: '江西丰达机械有限公司工会' } }, errReply('NET.UNAVAILABLE', 'x'))
  render(<StaffHome />)
  expect(await screen.findByText('没能读到你负责的工会')).toBeTruthy()
  backend({ ...staff, org: { id: 'org-fengda', name: '江西丰达机械有限公司工会' } }, okReply({ orgs: [COUNTY[1]] }))
  fireEvent.click(screen.getByText('重试'))
  expect(await screen.findByText('我负责的工会（1 个）')).toBeTruthy()
})

test('someone who is not (or no longer) staff is told so and offered the invite code page', async () => {
  backend(worker)
  render(<StaffHome />)
  expect(await screen.findByText('你现在不是工会工作人员')).toBeTruthy()
  fireEvent.click(screen.getByText('输入邀请码'))
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: STAFF_REDEEM_PAGE })
  fireEvent.click(screen.getByText('回首页'))
  expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' })
})

test('every staff role gets the 入会 and settings tiles; each opens its page; only the admin is told the settings can be edited', async () => {
  backend({ ...staff, role: 'federation_staff', roleLabel: '总工会工作人员', org: { id: 'org-fed', name: '广丰区总工会' } })
  const { unmount } = render(<StaffHome />)
  expect(await screen.findByText('入会申请')).toBeTruthy()
  const pages: Array<[string, string]> = [
    ['入会申请', STAFF_MEMBER_QUEUE_PAGE],
    ['转会申请', STAFF_MEMBER_TRANSFERS_PAGE],
    ['会员名册', STAFF_MEMBERS_PAGE],
    ['核验会员证', STAFF_MEMBER_VERIFY_PAGE],
    ['节假日设置', STAFF_CALENDAR_PAGE],
    ['互助保障规则', STAFF_AID_RULES_PAGE],
    ['法律援助规则', STAFF_LEGAL_RULES_PAGE],
  ]
  for (const [title, url] of pages) {
    fireEvent.click(screen.getByText(title))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url })
  }
  expect(screen.getByText('看看哪些天放假，期限怎么算')).toBeTruthy()
  expect(screen.getByText('看看各个保障的起付线、比例和期限')).toBeTruthy()
  expect(screen.getByText('看看谁符合法律援助条件，审核期限多长')).toBeTruthy()
  unmount()

  backend({ ...staff, role: 'admin', roleLabel: '管理员', org: null })
  render(<StaffHome />)
  expect(await screen.findByText('填每年的放假和调休上班的日子，期限按它来算')).toBeTruthy()
  expect(screen.getByText('起付线、补助比例、等待期：新建一版，从以后某天起生效')).toBeTruthy()
  expect(screen.getByText('改援助金额起点、当地最低工资和审核期限')).toBeTruthy()
  expect(screen.getByText('核验会员证')).toBeTruthy()
})

test('入会申请 shows how many wait and how many are late, and counts again on coming back', async () => {
  queue = page([ROW_LATE, ROW_ON_TIME, { ...ROW_ON_TIME, id: 'app-3', state: 'needs_info', stateLabel: '需要补充材料', dueText: null }])
  backend({ ...staff, org: { id: 'org-fengda', name: '江西丰达机械有限公司工会' } }, okReply({ orgs: [COUNTY[1]] }))
  render(<StaffHome />)
  expect(await screen.findByText('2 份等你审核')).toBeTruthy()
  expect(screen.getByText('⚠ 1 份已超过期限')).toBeTruthy()
  expect(call).toHaveBeenCalledWith('membership', { action: 'queue', filter: 'open' })

  queue = page([ROW_ON_TIME], 20)
  await act(async () => showPageAgain())
  expect(await screen.findByText('至少 1 份等你审核')).toBeTruthy()
  expect(screen.queryByText(/已超过期限/)).toBeNull()
})

test('入会申请 without an answer still opens, just without a count', async () => {
  queue = errReply('NET.UNAVAILABLE', 'x')
  backend({ ...staff, org: { id: 'org-fengda', name: '江西丰达机械有限公司工会' } }, okReply({ orgs: [COUNTY[1]] }))
  render(<StaffHome />)
  expect(await screen.findByText('职工的入会申请：看谁在等、哪些快到期')).toBeTruthy()
})
