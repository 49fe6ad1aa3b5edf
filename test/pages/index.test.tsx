import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { showPageAgain } from './taro.mock'
import Index from '../../src/pages/index/index'
import { callFunction } from '../../src/services/transport'
import { HELP_PAGE } from '../../src/services/routes'
import { STAFF_HOME_PAGE } from '../../src/services/staff'
import { STATIONS_LIST_PAGE } from '../../src/services/stations'
import { JOIN_PAGE } from '../../src/services/membership'
import { AID_PAGE } from '../../src/services/mutual-aid'
import { LEGAL_PAGE } from '../../src/services/legal-aid'
import { errReply, okReply, staff, worker } from './fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))

const call = callFunction as jest.MockedFunction<typeof callFunction>

beforeEach(() => {
  jest.clearAllMocks()
})

test('greets the worker with the masked name and role, and asks session/me', async () => {
  call.mockResolvedValueOnce(okReply(worker))
  render(<Index />)
  expect(await screen.findByText(/李\*明/)).toBeTruthy()
  expect(screen.getByText('职工')).toBeTruthy()
  expect(screen.getByText('城关镇环卫所工会')).toBeTruthy()
  expect(call).toHaveBeenCalledWith('session', { action: 'me' })
})

test('a worker never sees the 工作台 card', async () => {
  call.mockResolvedValueOnce(okReply(worker))
  render(<Index />)
  await screen.findByText(/李\*明/)
  expect(screen.queryByText(/工作台/)).toBeNull()
})

test.each([
  ['grassroots_staff', '基层工会工作人员', '工作人员办事的地方'],
  ['federation_staff', '总工会工作人员', '工作人员办事的地方'],
  ['admin', '管理员', '邀请和管理工作人员'],
] as const)('%s sees the 工作台 card, which opens the staff home', async (role, roleLabel, text) => {
  call.mockResolvedValueOnce(okReply({ ...staff, role, roleLabel }))
  render(<Index />)
  expect(await screen.findByText(/工作台/)).toBeTruthy()
  expect(screen.getByText(roleLabel)).toBeTruthy()
  expect(screen.getByText(text)).toBeTruthy()
  expect(screen.queryByText('即将开放')).toBeNull() // every service tile is open
  fireEvent.click(screen.getByText(/工作台/))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: STAFF_HOME_PAGE })
  expect(Taro.showToast).not.toHaveBeenCalled()
})

test('coming back to 首页 refreshes quietly: a revoked staff member no longer sees 工作台', async () => {
  call.mockResolvedValueOnce(okReply({ ...staff, role: 'grassroots_staff', roleLabel: '基层工会工作人员' }))
  render(<Index />)
  expect(await screen.findByText(/工作台/)).toBeTruthy()
  call.mockResolvedValueOnce(okReply(worker))
  await act(async () => {
    showPageAgain()
  })
  expect(screen.queryByText(/工作台/)).toBeNull()
  expect(screen.getByText('职工')).toBeTruthy()
  // a failed refresh keeps what is on the screen instead of an error page
  call.mockResolvedValueOnce(errReply('NET.UNAVAILABLE', '网络不太好'))
  await act(async () => {
    showPageAgain()
  })
  expect(screen.getByText('职工')).toBeTruthy()
})

test('shows a loading state while waiting', async () => {
  let resolve: (v: ReturnType<typeof okReply<typeof worker>>) => void = () => {}
  call.mockReturnValueOnce(new Promise((r) => (resolve = r)))
  render(<Index />)
  expect(screen.getByText(/正在读取/)).toBeTruthy()
  await act(async () => resolve(okReply(worker)))
  expect(screen.queryByText(/正在读取/)).toBeNull()
})

test('on failure shows a plain error and 重试 recovers', async () => {
  call.mockResolvedValueOnce(errReply('NET.UNAVAILABLE', 'x')).mockResolvedValueOnce(okReply(worker))
  render(<Index />)
  expect(await screen.findByText('网络不太好，请检查网络后再试一次')).toBeTruthy()
  expect(screen.queryByText(/李\*明/)).toBeNull()
  fireEvent.click(screen.getByText('重试'))
  expect(await screen.findByText(/李\*明/)).toBeTruthy()
  expect(screen.queryByText('重试')).toBeNull()
  expect(call).toHaveBeenCalledTimes(2)
})

test('an unknown error code falls back to the server message', async () => {
  call.mockResolvedValueOnce(errReply('CLAIM.SOMETHING_NEW', '请带上住院发票原件'))
  render(<Index />)
  expect(await screen.findByText('请带上住院发票原件')).toBeTruthy()
})

test('no tile says 即将开放; 帮助与热线 opens the help page', async () => {
  call.mockResolvedValueOnce(okReply(worker))
  render(<Index />)
  await screen.findByText(/李\*明/)
  expect(screen.queryByText('即将开放')).toBeNull()
  fireEvent.click(screen.getByText('帮助与热线'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: HELP_PAGE })
})

test('法律援助 is open: the tile has no 即将开放 and opens the legal-aid start page', async () => {
  call.mockResolvedValueOnce(okReply(worker))
  render(<Index />)
  await screen.findByText(/李\*明/)
  const tile = screen.getByRole('button', { name: '法律援助' })
  expect(tile.textContent).not.toContain('即将开放')
  fireEvent.click(tile)
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: LEGAL_PAGE })
  expect(Taro.showToast).not.toHaveBeenCalled()
})

test('爱心驿站 is open: the tile has no 即将开放 and opens the station list', async () => {
  call.mockResolvedValueOnce(okReply(worker))
  render(<Index />)
  await screen.findByText(/李\*明/)
  const tile = screen.getByRole('button', { name: '爱心驿站' })
  expect(tile.textContent).not.toContain('即将开放')
  fireEvent.click(tile)
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: STATIONS_LIST_PAGE })
  expect(Taro.showToast).not.toHaveBeenCalled()
})

test('入会 is open: the tile has no 即将开放 and opens the join start page', async () => {
  call.mockResolvedValueOnce(okReply(worker))
  render(<Index />)
  await screen.findByText(/李\*明/)
  const tile = screen.getByRole('button', { name: '入会' })
  expect(tile.textContent).not.toContain('即将开放')
  fireEvent.click(tile)
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: JOIN_PAGE })
  expect(Taro.showToast).not.toHaveBeenCalled()
})

test('互助保障 is open: the tile has no 即将开放 and opens 我的保障', async () => {
  call.mockResolvedValueOnce(okReply(worker))
  render(<Index />)
  await screen.findByText(/李\*明/)
  const tile = screen.getByRole('button', { name: '互助保障' })
  expect(tile.textContent).not.toContain('即将开放')
  fireEvent.click(tile)
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: AID_PAGE })
  expect(Taro.showToast).not.toHaveBeenCalled()
})
