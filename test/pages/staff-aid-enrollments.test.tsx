// 参保名单: by unit and by name, page by page, with whether each term covers today.
import { render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Enrollments from '../../src/subpackages/staff/pages/aid-enrollments/index'
import { callFunction } from '../../src/services/transport'
import { STAFF_AID_IMPORT_PAGE } from '../../src/services/mutual-aid'
import { errReply, okReply } from './fixtures'
import { button, type Handler, page, routeCalls, sent, tap, type } from './membership-fixtures'
import { ENROLLED, federation, FED_ORG, FENGDA, grassroots, SCHOOL } from './mutual-aid-fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro.mock')
  const extra = { useRouter: jest.fn(() => ({ params: {} })) }
  return { __esModule: true, ...base, ...extra, default: { ...base.default, ...extra } }
})

const call = callFunction as jest.MockedFunction<typeof callFunction>
const useRouter = Taro.useRouter as unknown as jest.Mock

const ENDED = { ...ENROLLED, id: 'e-2', name: '王小明', planName: '意外伤害', shares: 2, termStart: '2024-01-01', termEnd: '2024-12-31' }
const LATER = { ...ENROLLED, id: 'e-3', name: '刘芳', orgId: 'org-school', orgName: '广丰中学工会', termStart: '2099-01-01', termEnd: '2099-12-31' }

function backend(me: typeof grassroots, orgs: typeof FENGDA[], list: Handler) {
  routeCalls(call, { 'session.me': () => okReply(me), 'admin.listOrgs': () => okReply({ orgs }), 'mutualAid.enrollments': list })
}

beforeEach(() => {
  jest.clearAllMocks()
  useRouter.mockReturnValue({ params: {} })
})

test('federation: all units first, page by page; each row says whether it covers today; a unit and a name narrow it', async () => {
  backend(federation, [FED_ORG, FENGDA, SCHOOL], (d) => (d.cursor ? page([LATER]) : d.orgId || d.q ? page([ENROLLED]) : page([ENROLLED, ENDED], 20)))
  render(<Enrollments />)
  const first = await screen.findByRole('listitem', { name: '李国强 住院医疗' })
  expect(within(first).getByText('保障中')).toBeTruthy()
  expect(within(first).getByText('住院医疗 · 1 份')).toBeTruthy()
  expect(within(first).getByText('身份证 3623**********0011')).toBeTruthy()
  expect(within(first).getByText('江西丰达机械有限公司工会')).toBeTruthy()
  const ended = screen.getByRole('listitem', { name: '王小明 意外伤害' })
  expect(within(ended).getByText('已到期')).toBeTruthy()
  expect(within(ended).getByText('2024年1月1日 到 2024年12月31日')).toBeTruthy()
  await tap(button('加载更多'))
  expect(within(await screen.findByRole('listitem', { name: '刘芳 住院医疗' })).getByText('还没开始')).toBeTruthy()
  expect(sent(call, 'enrollments')).toEqual([{ action: 'enrollments' }, { action: 'enrollments', cursor: 20 }])

  expect(screen.getByText('全部单位')).toBeTruthy()
  await tap(button('换一个单位'))
  await tap(screen.getByText('江西丰达机械有限公司工会', { selector: '.choice__label' }))
  expect(sent(call, 'enrollments').at(-1)).toEqual({ action: 'enrollments', orgId: 'org-fengda' })
  await waitFor(() => expect(screen.queryByText('王小明')).toBeNull())

  await type('查找参保的人', ' 李国强 ')
  await tap(button('查找'))
  expect(sent(call, 'enrollments').at(-1)).toEqual({ action: 'enrollments', orgId: 'org-fengda', q: '李国强' })
  expect(await screen.findByText('找“李国强”')).toBeTruthy()

  await tap(button('📥 导入参保名单'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${STAFF_AID_IMPORT_PAGE}?orgId=org-fengda` })
})

test('grassroots: no unit switch; opened for one unit from the import page, it asks for that unit', async () => {
  useRouter.mockReturnValue({ params: { orgId: 'org-fengda' } })
  backend(grassroots, [FENGDA], () => page([]))
  render(<Enrollments />)
  expect(await screen.findByText(/还没有参保的人/)).toBeTruthy()
  expect(sent(call, 'enrollments')).toEqual([{ action: 'enrollments', orgId: 'org-fengda' }])
  await waitFor(() => expect(call).toHaveBeenCalledWith('admin', { action: 'listOrgs' }))
  expect(screen.queryByText('换一个单位')).toBeNull()
})

test('a failed read offers 重试', async () => {
  backend(grassroots, [FENGDA], () => errReply('NET.UNAVAILABLE', 'x'))
  render(<Enrollments />)
  expect(await screen.findByText('没能读到参保名单')).toBeTruthy()
  backend(grassroots, [FENGDA], () => page([ENROLLED]))
  await tap(button('重试'))
  expect(await screen.findByText('李国强')).toBeTruthy()
})
