// 字大一点: the person's choice on 我的 is saved at once and scales every worker page (a class on the page
// root); until they choose, weapp follows WeChat's own font size setting.
import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Mine from '../../src/pages/mine/index'
import Index from '../../src/pages/index/index'
import Help from '../../src/subpackages/help/pages/index'
import { MINE_PAGE } from '../../src/services/routes'
import { sizeForWeChatFont, TEXT_SIZE_KEY } from '../../src/services/text-size'
import { callFunction } from '../../src/services/transport'
import { okReply, worker } from './fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => jest.requireActual('./taro.mock').taroWith({ getSystemInfoSync: jest.fn(() => ({ fontSizeSetting: 17, platform: 'ios' })) }))

const taro = Taro as unknown as { __store: Map<string, unknown>; getSystemInfoSync: jest.Mock; switchTab: jest.Mock; setStorageSync: jest.Mock }
const call = callFunction as jest.MockedFunction<typeof callFunction>
const rootOf = (container: HTMLElement) => container.querySelector('.page') as HTMLElement
const realEnv = process.env.TARO_ENV

beforeEach(() => {
  jest.clearAllMocks()
  taro.__store.clear()
  taro.getSystemInfoSync.mockReturnValue({ fontSizeSetting: 17, platform: 'ios' })
  call.mockResolvedValue(okReply(worker))
  process.env.TARO_ENV = 'weapp'
})
afterEach(() => {
  process.env.TARO_ENV = realEnv
})

test('我的 offers 标准 / 大 / 特大 as big choices, each with a sample line; 标准 is on at first', async () => {
  const { container } = render(<Mine />)
  await screen.findByText('李*明')
  const group = screen.getByRole('radiogroup', { name: '字的大小' })
  const choices = screen.getAllByRole('radio')
  expect(choices.map((c) => c.getAttribute('aria-label'))).toEqual(['标准，正在用', '大', '特大'])
  expect(choices.map((c) => c.getAttribute('aria-checked'))).toEqual(['true', 'false', 'false'])
  expect(group.textContent).toContain('字这么大')
  expect(rootOf(container).className).toBe('page mine')
})

test('a tap on 特大 is saved at once and the page grows; 标准 takes it back', async () => {
  const { container } = render(<Mine />)
  await screen.findByText('李*明')
  await act(async () => {
    fireEvent.click(screen.getByRole('radio', { name: '特大' }))
  })
  expect(taro.setStorageSync).toHaveBeenCalledWith(TEXT_SIZE_KEY, 'largest')
  expect(taro.__store.get(TEXT_SIZE_KEY)).toBe('largest')
  expect(rootOf(container).className).toBe('page mine text-largest')
  expect(screen.getByRole('radio', { name: '特大，正在用' }).getAttribute('aria-checked')).toBe('true')

  await act(async () => {
    fireEvent.click(screen.getByRole('radio', { name: '标准' }))
  })
  expect(taro.__store.get(TEXT_SIZE_KEY)).toBe('standard')
  expect(rootOf(container).className).toBe('page mine')
})

test('the choice applies to the other worker pages, and to a page already open', async () => {
  taro.__store.set(TEXT_SIZE_KEY, 'large')
  const help = render(<Help />)
  expect(rootOf(help.container).className).toBe('page help text-large')

  const mine = render(<Mine />)
  await screen.findByText('李*明')
  await act(async () => {
    fireEvent.click(screen.getByRole('radio', { name: '特大' }))
  })
  expect(rootOf(help.container).className).toBe('page help text-largest')
  mine.unmount()
})

test.each([
  [17, 'ios', 'page help'],
  [18, 'ios', 'page help'],
  [21, 'ios', 'page help text-large'],
  [23.8, 'ios', 'page help text-largest'],
  [16, 'android', 'page help'],
  [20, 'android', 'page help text-large'],
  [22, 'android', 'page help text-largest'],
])('weapp, nothing chosen: WeChat font %s px (%s) → %s', (fontSizeSetting, platform, cls) => {
  taro.getSystemInfoSync.mockReturnValue({ fontSizeSetting, platform })
  const { container } = render(<Help />)
  expect(rootOf(container).className).toBe(cls)
})

test('a choice made on 我的 wins over WeChat’s setting', () => {
  taro.getSystemInfoSync.mockReturnValue({ fontSizeSetting: 23.8, platform: 'ios' })
  taro.__store.set(TEXT_SIZE_KEY, 'standard')
  const { container } = render(<Help />)
  expect(rootOf(container).className).toBe('page help')
})

test('h5 has no WeChat setting to follow: standard until chosen', () => {
  process.env.TARO_ENV = 'h5'
  taro.getSystemInfoSync.mockReturnValue({ fontSizeSetting: 23.8, platform: 'ios' })
  const { container } = render(<Help />)
  expect(rootOf(container).className).toBe('page help')
  expect(taro.getSystemInfoSync).not.toHaveBeenCalled()
})

test('the scale factor WeChat gives is used when there is one', () => {
  expect(sizeForWeChatFont(17, 'ios', 1.4)).toBe('largest')
  expect(sizeForWeChatFont(17, 'ios', 1.2)).toBe('large')
  expect(sizeForWeChatFont(undefined, 'ios')).toBe('standard')
  expect(sizeForWeChatFont(25.5, 'iOS')).toBe('largest')
})

test('首页 has a 字大一点 tile (icon and word) that opens 我的', async () => {
  taro.__store.set(TEXT_SIZE_KEY, 'largest')
  const { container } = render(<Index />)
  await screen.findByText(/李\*明/)
  expect(rootOf(container).className).toBe('page home text-largest')
  const tile = screen.getByRole('button', { name: '字大一点' })
  expect(tile.querySelector('[aria-hidden]')?.textContent).toBe('🔍')
  fireEvent.click(tile)
  expect(taro.switchTab).toHaveBeenCalledWith({ url: MINE_PAGE })
})
