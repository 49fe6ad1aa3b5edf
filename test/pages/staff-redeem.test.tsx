import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Redeem from '../../src/subpackages/staff/pages/redeem/index'
import { callFunction } from '../../src/services/transport'
import { STAFF_HOME_PAGE } from '../../src/services/staff'
import { errReply, okReply, staff, worker } from './fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro.mock')
  const extra = { reLaunch: jest.fn(() => Promise.resolve({ errMsg: 'reLaunch:ok' })) }
  return { __esModule: true, ...base, ...extra, default: { ...base.default, ...extra } }
})

const call = callFunction as jest.MockedFunction<typeof callFunction>

/** session/me answers `me`; redeemInvite answers with the next queued reply. */
function backend(me: typeof worker, ...redeemReplies: Array<ReturnType<typeof okReply> | ReturnType<typeof errReply>>) {
  call.mockImplementation(async (_name, data) => {
    if (data.action === 'me') return okReply(me)
    const next = redeemReplies.shift()
    if (!next) throw new Error('unexpected call')
    return next as never
  })
}

const input = () => document.querySelector('.redeem__input input') as HTMLInputElement
const type = async (text: string) => {
  // The h5 input element renders its inner <input> a tick after mounting.
  await waitFor(() => expect(input()).toBeTruthy())
  await act(async () => {
    fireEvent.input(input(), { target: { value: text } })
  })
}
const confirmButton = () => screen.getByText('确认')

beforeEach(() => jest.clearAllMocks())

test('typing is upper-cased and dashed; 确认 waits for all 8 characters', async () => {
  backend(worker)
  render(<Redeem />)
  await screen.findByText('请输入邀请码')
  await type('k7pm3')
  expect(document.querySelector('.redeem__input')?.getAttribute('value')).toBe('K7PM-3')
  fireEvent.click(confirmButton())
  expect(call).toHaveBeenCalledTimes(1) // only session/me
  await type('k7pm3qxd')
  expect(document.querySelector('.redeem__input')?.getAttribute('value')).toBe('K7PM-3QXD')
})

test('success shows the new role and org, and 去工作台 relaunches into the staff home', async () => {
  backend(worker, okReply({ role: 'grassroots_staff', roleLabel: '基层工会工作人员', org: { id: 'org-xingwang', name: '兴旺国际建材城联合工会' } }))
  render(<Redeem />)
  await screen.findByText('请输入邀请码')
  await type('k7pm-3qxd')
  await act(async () => {
    fireEvent.click(confirmButton())
  })
  expect(call).toHaveBeenLastCalledWith('session', { action: 'redeemInvite', code: 'K7PM3QXD' })
  expect(await screen.findByText('✅ 成功了')).toBeTruthy()
  expect(screen.getByText('基层工会工作人员')).toBeTruthy()
  expect(screen.getByText('兴旺国际建材城联合工会')).toBeTruthy()
  fireEvent.click(screen.getByText('去工作台'))
  expect(Taro.reLaunch).toHaveBeenCalledWith({ url: STAFF_HOME_PAGE })
})

test.each([
  ['INVITE.INVALID', '邀请码不对，请核对后再输入'],
  ['INVITE.EXPIRED', '这个邀请码已经过期了（3 天内有效），请找管理员重新要一个'],
  ['INVITE.USED', '这个邀请码已经用过了，一个邀请码只能用一次。请找管理员重新要一个'],
  ['INVITE.TOO_MANY_TRIES', '输错的次数太多了，请过 7 分钟再试'],
])('%s is shown in plain words; typing again clears it', async (code, message) => {
  backend(worker, errReply(code, message))
  render(<Redeem />)
  await screen.findByText('请输入邀请码')
  await type('ZZZZZZZZ')
  await act(async () => {
    fireEvent.click(confirmButton())
  })
  expect((await screen.findByRole('alert')).textContent).toBe(message)
  await type('ZZZZZZZ')
  expect(screen.queryByRole('alert')).toBeNull()
})

test('a code with a letter that is never in a code (U) is explained before asking the server', async () => {
  backend(worker)
  render(<Redeem />)
  await screen.findByText('请输入邀请码')
  await type('UUUU-UUUU')
  await act(async () => {
    fireEvent.click(confirmButton())
  })
  expect(screen.getByRole('alert').textContent).toBe('邀请码是 8 位字母和数字，例如 K7PM-3QXD')
  expect(call).toHaveBeenCalledTimes(1)
})

test('staff are told they already are, with a button to 工作台', async () => {
  backend(staff)
  render(<Redeem />)
  expect(await screen.findByText('你已经是工作人员了')).toBeTruthy()
  expect(document.querySelector('.redeem__input')).toBeNull()
  fireEvent.click(screen.getByText('去工作台'))
  expect(Taro.reLaunch).toHaveBeenCalledWith({ url: STAFF_HOME_PAGE })
})

test('a network failure while confirming keeps the code and says what to do', async () => {
  backend(worker, errReply('NET.UNAVAILABLE', 'x'))
  render(<Redeem />)
  await screen.findByText('请输入邀请码')
  await type('K7PM3QXD')
  await act(async () => {
    fireEvent.click(confirmButton())
  })
  expect(screen.getByRole('alert').textContent).toBe('网络不太好，请检查网络后再试一次')
  expect(document.querySelector('.redeem__input')?.getAttribute('value')).toBe('K7PM-3QXD')
})
