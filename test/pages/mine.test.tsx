import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Mine from '../../src/pages/mine/index'
import { callFunction } from '../../src/services/transport'
import { HELP_PAGE } from '../../src/services/routes'
import { STAFF_REDEEM_PAGE } from '../../src/services/staff'
import { JOIN_PAGE } from '../../src/services/membership'
import { errReply, okReply, staff, worker } from './fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))

const call = callFunction as jest.MockedFunction<typeof callFunction>
const realEnv = process.env.TARO_ENV

beforeEach(() => {
  jest.clearAllMocks()
})

afterEach(() => {
  process.env.TARO_ENV = realEnv
})

test('shows role, masked name, masked phone, org and a short user id', async () => {
  process.env.TARO_ENV = 'weapp'
  call.mockResolvedValueOnce(okReply(worker))
  render(<Mine />)
  expect(await screen.findByText('李*明')).toBeTruthy()
  expect(screen.getByText('职工')).toBeTruthy()
  expect(screen.getByText('138****5678')).toBeTruthy()
  expect(screen.getByText('城关镇环卫所工会')).toBeTruthy()
  expect(screen.getByText('9c21d4e8')).toBeTruthy()
  expect(screen.queryByText('切换账号')).toBeNull()
})

test('missing phone and org are said in words', async () => {
  call.mockResolvedValueOnce(okReply({ ...worker, maskedPhone: null, org: null }))
  render(<Mine />)
  expect(await screen.findByText('还没有填写')).toBeTruthy()
  expect(screen.getByText('还没有加入')).toBeTruthy()
})

test('links to 帮助与热线', async () => {
  call.mockResolvedValueOnce(okReply(worker))
  render(<Mine />)
  await screen.findByText('李*明')
  fireEvent.click(screen.getByText(/帮助与热线/))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: HELP_PAGE })
})

test('links to 我的会员证 / 入会进度 (the join start page decides where to go)', async () => {
  call.mockResolvedValueOnce(okReply(worker))
  render(<Mine />)
  await screen.findByText('李*明')
  fireEvent.click(screen.getByText(/我的会员证 \/ 入会进度/))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: JOIN_PAGE })
})

test('a worker is offered 输入邀请码, which opens the redeem page', async () => {
  call.mockResolvedValueOnce(okReply(worker))
  render(<Mine />)
  await screen.findByText('李*明')
  fireEvent.click(screen.getByText('🔑 我是工会工作人员，输入邀请码'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: STAFF_REDEEM_PAGE })
})

test.each(['grassroots_staff', 'federation_staff', 'admin'] as const)('%s is not offered 输入邀请码', async (role) => {
  call.mockResolvedValueOnce(okReply({ ...staff, role }))
  render(<Mine />)
  await screen.findByText('张*华')
  expect(screen.queryByText(/输入邀请码/)).toBeNull()
  expect(screen.getByText(/帮助与热线/)).toBeTruthy()
})

test('signed out: no 输入邀请码 entry', async () => {
  process.env.TARO_ENV = 'weapp'
  call.mockResolvedValueOnce(errReply('AUTH.UNAUTHENTICATED', 'x'))
  render(<Mine />)
  await screen.findByText('请先登录')
  expect(screen.queryByText(/输入邀请码/)).toBeNull()
})

test('h5: signed out shows the demo sign-in button; signed in shows 切换账号', async () => {
  process.env.TARO_ENV = 'h5'
  call.mockResolvedValueOnce(errReply('AUTH.UNAUTHENTICATED', 'x'))
  const { unmount } = render(<Mine />)
  expect(await screen.findByText('选择演示账号登录')).toBeTruthy()
  expect(screen.getByText('请先登录')).toBeTruthy()
  unmount()

  call.mockResolvedValueOnce(okReply(worker))
  render(<Mine />)
  expect(await screen.findByText('切换账号')).toBeTruthy()
})

test('weapp: signed out never offers the demo sign-in, only 请先登录 and 重试', async () => {
  process.env.TARO_ENV = 'weapp'
  call.mockResolvedValueOnce(errReply('AUTH.UNAUTHENTICATED', 'x'))
  render(<Mine />)
  expect(await screen.findByText('请先登录')).toBeTruthy()
  expect(screen.getByText('重试')).toBeTruthy()
  expect(screen.queryByText('选择演示账号登录')).toBeNull()
})
