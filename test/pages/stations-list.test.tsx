// 爱心驿站 list: location asked only on tap, results with status and amenity words, filter chips,
// paging, and the district picker when location is refused.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import StationList from '../../src/subpackages/stations/pages/list/index'
import { callFunction } from '../../src/services/transport'
import { STATION_DETAIL_PAGE } from '../../src/services/stations'
import type { StationCard } from '../../src/domain/stations/station.schema'
import type { Envelope } from '../../src/domain/envelope'
import { errReply, okReply } from './fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro.mock')
  const store = new Map<string, unknown>()
  const extra = {
    __store: store,
    getLocation: jest.fn(),
    openSetting: jest.fn(() => Promise.resolve({ errMsg: 'openSetting:ok' })),
    getStorageSync: jest.fn((k: string) => store.get(k) ?? ''),
    setStorageSync: jest.fn((k: string, v: unknown) => void store.set(k, v)),
    removeStorageSync: jest.fn((k: string) => void store.delete(k)),
  }
  return { __esModule: true, ...base, ...extra, default: { ...base.default, ...extra } }
})

const call = callFunction as jest.MockedFunction<typeof callFunction>
const taro = Taro as unknown as { getLocation: jest.Mock; openSetting: jest.Mock; __store: Map<string, unknown> }

const card = (over: Partial<StationCard>): StationCard => ({
  id: 'st-baihe',
  name: '白鹤中大道爱心驿站',
  address: '广丰区白鹤中大道与丰溪路交叉口东北角',
  district: '永丰街道',
  location: { lng: 118.1912, lat: 28.4398 },
  distanceM: 150,
  distanceText: '150米',
  status: 'open',
  open: { kind: 'open24h', text: '24小时开放', temporary: false },
  amenities: ['water', 'meal_heating', 'toilet'],
  stars: 4,
  rating: { average: 4.5, count: 12 },
  capacity: 12,
  ...over,
})
const BAIHE = card({})
const WENHUAGONG = card({
  id: 'st-whg',
  name: '广丰区工人文化宫爱心驿站',
  distanceM: 1180,
  distanceText: '1.2公里',
  open: { kind: 'closing_soon', text: '快关门了，21:00 关门', temporary: false },
  amenities: ['water', 'aed', 'legal'],
  stars: 5,
  rating: { average: null, count: 0 },
})
const XINGWANG = card({
  id: 'st-xw',
  name: '兴旺国际建材城联合工会爱心驿站',
  district: '芦林街道',
  distanceM: null,
  distanceText: null,
  open: { kind: 'closed', text: '已关门，明天 08:00 开门', temporary: false },
  amenities: ['charging'],
  stars: 0,
})

type Handler = (data: Record<string, unknown>) => Envelope<unknown>
let handlers: Record<string, Handler>
function backend(overrides: Record<string, Handler> = {}) {
  handlers = {
    nearby: () => okReply({ items: [BAIHE, WENHUAGONG], nextCursor: null }),
    districts: () => okReply({ districts: [{ name: '永丰街道', count: 8 }, { name: '芦林街道', count: 3 }] }),
    inDistrict: () => okReply({ items: [XINGWANG], nextCursor: null }),
    ...overrides,
  }
  call.mockImplementation(async (name, data) => {
    const h = name === 'stations' ? handlers[String(data.action)] : undefined
    if (!h) throw new Error(`unexpected ${name}.${String(data.action)}`)
    return h(data) as never
  })
}

const tap = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el)
  })
}
const chip = (label: string) => screen.getByRole('checkbox', { name: new RegExp(label.replace(/[()（）]/g, '.')) })
const stationCalls = (action: string) => call.mock.calls.filter(([name, d]) => name === 'stations' && d.action === action).map(([, d]) => d)

const realEnv = process.env.TARO_ENV
beforeEach(() => {
  jest.clearAllMocks()
  taro.__store.clear()
  process.env.TARO_ENV = 'weapp'
})
afterAll(() => {
  process.env.TARO_ENV = realEnv
})

test('asks for the location only on tap, then lists stations with status words, amenity words and distance', async () => {
  backend()
  taro.getLocation.mockResolvedValue({ longitude: 118.19, latitude: 28.44, errMsg: 'getLocation:ok' })
  render(<StationList />)
  expect(screen.getByText('📍 找附近的驿站')).toBeTruthy()
  expect(taro.getLocation).not.toHaveBeenCalled()
  expect(call).not.toHaveBeenCalled()

  await tap(screen.getByText('📍 找附近的驿站'))
  expect(taro.getLocation).toHaveBeenCalledWith({ type: 'gcj02' })
  expect(await screen.findByText('白鹤中大道爱心驿站')).toBeTruthy()
  expect(stationCalls('nearby')).toEqual([{ action: 'nearby', location: { lng: 118.19, lat: 28.44 } }])

  const baihe = screen.getByRole('button', { name: /白鹤中大道爱心驿站/ })
  expect(within(baihe).getByText('24小时开放')).toBeTruthy()
  expect(within(baihe).getByText('150米 · 永丰街道')).toBeTruthy()
  expect(within(baihe).getByText('饮水')).toBeTruthy()
  expect(within(baihe).getByText('热饭（微波炉）')).toBeTruthy()
  expect(within(baihe).getByText('如厕')).toBeTruthy()
  expect(within(baihe).getByText('4 星驿站')).toBeTruthy()
  expect(within(baihe).getByText('职工打分 4.5 分（12 人）')).toBeTruthy()
  // colour is never the only signal: the words and an icon come with it
  expect(within(baihe).getByText('24小时开放').closest('.open-line')?.className).toContain('open-line--open')

  const whg = screen.getByRole('button', { name: /广丰区工人文化宫爱心驿站/ })
  expect(within(whg).getByText('快关门了，21:00 关门').closest('.open-line')?.className).toContain('open-line--soon')
  expect(within(whg).getByText('AED')).toBeTruthy()
  expect(within(whg).getByText('法律服务')).toBeTruthy()
  expect(within(whg).getByText('还没有人打分')).toBeTruthy()
  expect(screen.getByText('附近的驿站都在这里了')).toBeTruthy()

  await tap(baihe)
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${STATION_DETAIL_PAGE}?id=st-baihe&lng=118.19&lat=28.44` })
})

test('filter chips change the request, and are remembered for next time', async () => {
  backend()
  taro.getLocation.mockResolvedValue({ longitude: 118.19, latitude: 28.44 })
  render(<StationList />)
  await tap(screen.getByText('📍 找附近的驿站'))
  await screen.findByText('白鹤中大道爱心驿站')

  // only 只看现在开门的 shows until the amenity list is opened
  expect(screen.queryByRole('checkbox', { name: /热饭/ })).toBeNull()
  await tap(screen.getByText('按设施筛选（热水、微波炉…）▾'))
  expect(screen.getAllByRole('checkbox')).toHaveLength(16)
  await tap(chip('热饭（微波炉）'))
  await waitFor(() => expect(stationCalls('nearby')).toHaveLength(2))
  expect(stationCalls('nearby')[1]).toEqual({ action: 'nearby', location: { lng: 118.19, lat: 28.44 }, amenities: ['meal_heating'] })
  expect(chip('热饭（微波炉）').getAttribute('aria-checked')).toBe('true')

  await tap(screen.getByRole('checkbox', { name: /只看现在开门的/ }))
  await waitFor(() => expect(stationCalls('nearby')).toHaveLength(3))
  expect(stationCalls('nearby')[2]).toEqual({ action: 'nearby', location: { lng: 118.19, lat: 28.44 }, amenities: ['meal_heating'], openNow: true })

  await tap(chip('冰箱'))
  await waitFor(() => expect(stationCalls('nearby')).toHaveLength(4))
  expect(stationCalls('nearby')[3]).toMatchObject({ amenities: ['meal_heating', 'fridge'], openNow: true })

  await tap(chip('热饭（微波炉）'))
  await waitFor(() => expect(stationCalls('nearby')).toHaveLength(5))
  expect(stationCalls('nearby')[4]).toMatchObject({ amenities: ['fridge'], openNow: true })
  expect(Taro.setStorageSync).toHaveBeenLastCalledWith('stations:draft:list-filters', { amenities: ['fridge'], openNow: true })
  // closed again, the chosen ones stay in sight
  await tap(screen.getByText('收起 ▴'))
  expect(screen.getAllByRole('checkbox').map((c) => c.textContent)).toEqual(['✓只看现在开门的', '✓冰箱'])
  expect(screen.getByText('再加设施 ▾')).toBeTruthy()
})

test('location refused: says so in plain words, offers the settings, and the district picker finds stations', async () => {
  backend()
  taro.getLocation.mockRejectedValue({ errMsg: 'getLocation:fail auth deny' })
  render(<StationList />)
  await tap(screen.getByText('📍 找附近的驿站'))
  expect((await screen.findByText(/你没有同意使用位置/)).textContent).toContain('选一下你在哪个乡镇或街道')
  expect(stationCalls('nearby')).toHaveLength(0)

  await tap(screen.getByText('想用位置找？点这里打开位置权限'))
  expect(taro.openSetting).toHaveBeenCalled()

  const yongfeng = await screen.findByRole('button', { name: '永丰街道，8 个驿站' })
  expect(screen.getByRole('button', { name: '芦林街道，3 个驿站' })).toBeTruthy()
  await tap(screen.getByRole('button', { name: '芦林街道，3 个驿站' }))
  expect(await screen.findByText('兴旺国际建材城联合工会爱心驿站')).toBeTruthy()
  expect(stationCalls('inDistrict')).toEqual([{ action: 'inDistrict', district: '芦林街道' }])
  expect(screen.getByText('芦林街道的驿站')).toBeTruthy()
  expect(screen.getByText('已关门，明天 08:00 开门').closest('.open-line')?.className).toContain('open-line--closed')
  expect(screen.getByText('工会还没评星')).toBeTruthy()
  expect(yongfeng.isConnected).toBe(false) // the picker closed after the choice
})

test('location failing for another reason also falls back to the districts; a districts error has 重试', async () => {
  let districtsTries = 0
  backend({ districts: () => (++districtsTries === 1 ? errReply('NET.UNAVAILABLE', 'x') : okReply({ districts: [{ name: '永丰街道', count: 8 }] })) })
  taro.getLocation.mockRejectedValue({ errMsg: 'getLocation:fail timeout' })
  render(<StationList />)
  await tap(screen.getByText('📍 找附近的驿站'))
  expect(await screen.findByText(/没能找到你的位置（可能信号不好）/)).toBeTruthy()
  expect(screen.queryByText('想用位置找？点这里打开位置权限')).toBeNull()
  expect(await screen.findByText('网络不太好，请检查网络后再试一次')).toBeTruthy()
  await tap(screen.getByText('重试'))
  expect(await screen.findByRole('button', { name: '永丰街道，8 个驿站' })).toBeTruthy()
})

test('加载更多 asks for the next page and adds it; an error on the list has 重试', async () => {
  let tries = 0
  backend({
    nearby: (d) => {
      tries++
      if (tries === 1) return errReply('SYS.TIMEOUT', 'x')
      return d.cursor === 10 ? okReply({ items: [WENHUAGONG], nextCursor: null }) : okReply({ items: [BAIHE], nextCursor: 10 })
    },
  })
  taro.getLocation.mockResolvedValue({ longitude: 118.19, latitude: 28.44 })
  render(<StationList />)
  await tap(screen.getByText('📍 找附近的驿站'))
  expect(await screen.findByText('办理超时了，请稍后再试一次')).toBeTruthy()
  await tap(screen.getByText('重试'))
  await screen.findByText('白鹤中大道爱心驿站')
  expect(screen.queryByText('广丰区工人文化宫爱心驿站')).toBeNull()
  await tap(screen.getByText('加载更多'))
  expect(await screen.findByText('广丰区工人文化宫爱心驿站')).toBeTruthy()
  expect(screen.getByText('白鹤中大道爱心驿站')).toBeTruthy()
  expect(stationCalls('nearby')[2]).toEqual({ action: 'nearby', location: { lng: 118.19, lat: 28.44 }, cursor: 10 })
  expect(screen.queryByText('加载更多')).toBeNull()
})

test('nothing found with filters on: one tap takes the filters off', async () => {
  backend({ nearby: (d) => okReply({ items: d.amenities ? [] : [BAIHE], nextCursor: null }) })
  taro.__store.set('stations:draft:list-filters', { amenities: ['aed'], openNow: false })
  taro.getLocation.mockResolvedValue({ longitude: 118.19, latitude: 28.44 })
  render(<StationList />)
  await tap(screen.getByText('📍 找附近的驿站'))
  expect(await screen.findByText('没有找到合适的驿站')).toBeTruthy()
  expect(stationCalls('nearby')[0]).toMatchObject({ amenities: ['aed'] })
  await tap(screen.getByText('去掉筛选，全部看看'))
  expect(await screen.findByText('白鹤中大道爱心驿站')).toBeTruthy()
  expect(stationCalls('nearby')[1]).toEqual({ action: 'nearby', location: { lng: 118.19, lat: 28.44 } })
})

test('h5: the browser position is WGS-84, so distances are marked as approximate', async () => {
  process.env.TARO_ENV = 'h5'
  backend()
  taro.getLocation.mockResolvedValue({ longitude: 118.19, latitude: 28.44 })
  render(<StationList />)
  await tap(screen.getByText('📍 找附近的驿站'))
  await screen.findByText('白鹤中大道爱心驿站')
  expect(taro.getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'wgs84' }))
  expect(screen.getByText('网页版定位不太准，距离是大概的。')).toBeTruthy()
  expect(screen.getByText('约 150米 · 永丰街道')).toBeTruthy()
  expect(screen.queryByText('🗺 地图')).toBeNull()
})

test('weapp: a map view shows the same stations', async () => {
  backend()
  taro.getLocation.mockResolvedValue({ longitude: 118.19, latitude: 28.44 })
  render(<StationList />)
  await tap(screen.getByText('📍 找附近的驿站'))
  await screen.findByText('白鹤中大道爱心驿站')
  await tap(screen.getByText('🗺 地图'))
  expect(screen.getByText('点地图上的驿站名字，可以看详情。')).toBeTruthy()
  expect(screen.queryByRole('button', { name: /白鹤中大道爱心驿站/ })).toBeNull()
  await tap(screen.getByText('☰ 列表'))
  expect(screen.getByRole('button', { name: /白鹤中大道爱心驿站/ })).toBeTruthy()
})
