// Station detail: what the worker sees, navigation and phone, 扫码签到 (counted / already / refused),
// rating after the visit, and the h5 paste box.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import StationDetailPage from '../../src/subpackages/stations/pages/detail/index'
import { callFunction } from '../../src/services/transport'
import { STATION_REPORT_PAGE } from '../../src/services/stations'
import { STATION_ERR, type CheckInReply, type StationDetail } from '../../src/domain/stations/station.schema'
import type { Envelope } from '../../src/domain/envelope'
import { errReply, okReply } from './fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro.mock')
  const extra = {
    useRouter: jest.fn(() => ({ params: { id: 'st-whg', lng: '118.19', lat: '28.44' } })),
    scanCode: jest.fn(),
    openLocation: jest.fn(() => Promise.resolve({ errMsg: 'openLocation:ok' })),
    previewImage: jest.fn(() => Promise.resolve({})),
  }
  return { __esModule: true, ...base, ...extra, default: { ...base.default, ...extra } }
})

const call = callFunction as jest.MockedFunction<typeof callFunction>
const taro = Taro as unknown as { scanCode: jest.Mock; openLocation: jest.Mock; makePhoneCall: jest.Mock }

const DETAIL: StationDetail = {
  id: 'st-whg',
  name: '广丰区工人文化宫爱心驿站',
  address: '广丰区永丰大道 168 号工人文化宫一楼东侧',
  district: '永丰街道',
  location: { lng: 118.2004, lat: 28.4452 },
  distanceM: 1180,
  distanceText: '1.2公里',
  status: 'open',
  open: { kind: 'open', text: '开放中，21:00 关门', temporary: false },
  amenities: ['water', 'meal_heating', 'aed', 'legal'],
  stars: 5,
  rating: { average: 4.8, count: 20 },
  capacity: 30,
  intro: '每周三下午有律师坐班。',
  hoursLines: ['周一至周五 06:00-21:00', '周六、周日 休息'],
  hours: { allDay: false, days: { 1: [{ open: '06:00', close: '21:00' }], 2: [{ open: '06:00', close: '21:00' }], 3: [{ open: '06:00', close: '11:30' }, { open: '13:30', close: '21:00' }], 4: [{ open: '06:00', close: '21:00' }], 5: [{ open: '20:00', close: '02:00' }] } },
  closures: [{ from: '2026-12-01T08:00', to: '2026-12-02T18:00', note: '装修' }],
  photos: [],
  hostOrg: { id: 'org-fed', name: '广丰区总工会' },
  manager: { name: '郑老师', phone: '0793-2618890' },
  visitCount: 321,
}
const CODE = 'union-station:s1.st-whg.1.AAAAAAAAAAAAAAAAAAAAAA'
const counted: CheckInReply = { status: 'counted', visitId: 'v-1', station: { id: 'st-whg', name: DETAIL.name }, message: `签到成功，欢迎来到${DETAIL.name}！` }

type Handler = (data: Record<string, unknown>) => Envelope<unknown>
function backend(handlers: Record<string, Handler>) {
  const all: Record<string, Handler> = { detail: () => okReply(DETAIL), ...handlers }
  call.mockImplementation(async (name, data) => {
    const h = name === 'stations' ? all[String(data.action)] : undefined
    if (!h) throw new Error(`unexpected ${name}.${String(data.action)}`)
    return h(data) as never
  })
}
const tap = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el)
  })
}
const calls = (action: string) => call.mock.calls.filter(([, d]) => d.action === action).map(([, d]) => d)

const realEnv = process.env.TARO_ENV
beforeEach(() => {
  jest.clearAllMocks()
  process.env.TARO_ENV = 'weapp'
})
afterAll(() => {
  process.env.TARO_ENV = realEnv
})

test('shows status, closures, the weekly hours in words, amenities, host and contact; 导航 and 打电话 work', async () => {
  backend({})
  render(<StationDetailPage />)
  expect(screen.getByText('正在读取驿站信息，请稍等…')).toBeTruthy()
  expect(await screen.findByText('广丰区工人文化宫爱心驿站')).toBeTruthy()
  expect(calls('detail')).toEqual([{ action: 'detail', id: 'st-whg', location: { lng: 118.19, lat: 28.44 } }])
  expect(screen.getByText('开放中，21:00 关门')).toBeTruthy()
  expect(screen.getByText(/临时关闭：12月1日 08:00 到 12月2日 18:00（装修）/)).toBeTruthy()
  expect(screen.getByText('离你 1.2公里')).toBeTruthy()

  const table = screen.getByRole('table', { name: '每周开放时间' })
  const rows = within(table).getAllByRole('row')
  expect(rows).toHaveLength(7)
  expect(within(rows[0]).getByText('06:00 到 21:00')).toBeTruthy()
  expect(within(rows[2]).getByText('06:00 到 11:30')).toBeTruthy()
  expect(within(rows[2]).getByText('13:30 到 21:00')).toBeTruthy()
  expect(within(rows[4]).getByText('20:00 到 第二天 02:00')).toBeTruthy()
  expect(within(rows[5]).getByText('休息')).toBeTruthy()

  expect(screen.getByText('热饭（微波炉）')).toBeTruthy()
  expect(screen.getByText('AED')).toBeTruthy()
  expect(screen.getByText('能同时坐 30 个人')).toBeTruthy()
  expect(screen.getByText('广丰区总工会')).toBeTruthy()
  expect(screen.getByText('每周三下午有律师坐班。')).toBeTruthy()

  await tap(screen.getByText('🧭 导航'))
  expect(taro.openLocation).toHaveBeenCalledWith({ latitude: 28.4452, longitude: 118.2004, name: DETAIL.name, address: DETAIL.address, scale: 17 })
  await tap(screen.getByText('📞 打电话'))
  expect(taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0793-2618890' })

  await tap(screen.getByText('我要报修'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${STATION_REPORT_PAGE}?id=st-whg&name=${encodeURIComponent(DETAIL.name)}` })
})

test('scan → counted: says 签到成功 with the station, then a 1–5 star rating is sent once', async () => {
  backend({
    checkIn: () => okReply(counted),
    rate: () => okReply({ visitId: 'v-1', stars: 4, rating: { average: 4.7, count: 21 } }),
  })
  taro.scanCode.mockResolvedValue({ result: CODE, errMsg: 'scanCode:ok' })
  render(<StationDetailPage />)
  await screen.findByText('广丰区工人文化宫爱心驿站')
  await tap(screen.getByText('📷 扫码签到', { selector: '.nut-button-children, .nut-button-children *' }))
  expect(taro.scanCode).toHaveBeenCalledWith({ onlyFromCamera: true, scanType: ['qrCode'] })
  expect(calls('checkIn')).toEqual([{ action: 'checkIn', code: CODE }])
  expect(await screen.findByText('✅ 签到成功')).toBeTruthy()
  expect(screen.getByText(`签到成功，欢迎来到${DETAIL.name}！`)).toBeTruthy()

  expect(screen.queryByText(/提交打分/)).toBeNull() // the button comes with the first star
  await tap(screen.getByRole('radio', { name: '4 星' }))
  expect(screen.getByRole('radio', { name: '4 星' }).getAttribute('aria-checked')).toBe('true')
  const submit = screen.getByText('提交打分（4 星）')
  await act(async () => {
    fireEvent.click(submit)
    fireEvent.click(submit)
  })
  expect(await screen.findByText('谢谢你的打分！')).toBeTruthy()
  expect(screen.getByText('现在大家平均打 4.7 分（21 人）')).toBeTruthy()
  expect(calls('rate')).toEqual([{ action: 'rate', visitId: 'v-1', stars: 4 }])
})

const already: CheckInReply = {
  status: 'already',
  visitId: 'v-1',
  station: { id: 'st-whg', name: DETAIL.name },
  message: '已经签到过了，谢谢你！两小时内同一个驿站只记一次',
  nextAt: '2026-11-22T03:30:00.000Z',
}
const visit = (stars: number | null) => okReply({ items: [{ id: 'v-1', station: { id: 'st-whg', name: DETAIL.name }, at: '2026-11-22T01:30:00.000Z', stars }], nextCursor: null })

test('scan → already checked in: a friendly message, when it counts again, and the stars already given', async () => {
  backend({ checkIn: () => okReply(already), myVisits: () => visit(5) })
  taro.scanCode.mockResolvedValue({ result: CODE })
  render(<StationDetailPage />)
  await screen.findByText('广丰区工人文化宫爱心驿站')
  await tap(screen.getByText('📷 扫码签到', { selector: '.nut-button-children, .nut-button-children *' }))
  expect(await screen.findByText('👋 已经签到过了')).toBeTruthy()
  expect(screen.getByText('已经签到过了，谢谢你！两小时内同一个驿站只记一次')).toBeTruthy()
  expect(screen.getByText('11:30 以后再扫，才会再记一次。')).toBeTruthy()
  expect(await screen.findByText('这次你已经打过 5 星了，谢谢！')).toBeTruthy()
  expect(screen.queryByRole('radio', { name: '5 星' })).toBeNull()
  expect(calls('myVisits')).toEqual([{ action: 'myVisits' }])
})

test('scan → already, not rated yet: the stars can still be given; a refusal is said in words', async () => {
  backend({ checkIn: () => okReply(already), myVisits: () => visit(null), rate: () => errReply(STATION_ERR.ALREADY_RATED.code, STATION_ERR.ALREADY_RATED.message) })
  taro.scanCode.mockResolvedValue({ result: CODE })
  render(<StationDetailPage />)
  await screen.findByText('广丰区工人文化宫爱心驿站')
  await tap(screen.getByText('📷 扫码签到', { selector: '.nut-button-children, .nut-button-children *' }))
  await screen.findByText('👋 已经签到过了')
  await waitFor(() => expect(calls('myVisits')).toHaveLength(1))
  await tap(screen.getByRole('radio', { name: '5 星' }))
  await tap(screen.getByText('提交打分（5 星）'))
  expect((await screen.findByRole('alert')).textContent).toBe('这次已经打过分了，不用再打。谢谢你！')
})

test('a code that is not a station code, or an old one, is explained; cancelling the camera says nothing', async () => {
  const replies = [errReply(STATION_ERR.BAD_CODE.code, STATION_ERR.BAD_CODE.message), errReply(STATION_ERR.OLD_CODE.code, STATION_ERR.OLD_CODE.message)]
  backend({ checkIn: () => replies.shift() as Envelope<unknown> })
  render(<StationDetailPage />)
  await screen.findByText('广丰区工人文化宫爱心驿站')
  const scan = () => screen.getByText('📷 扫码签到', { selector: '.nut-button-children, .nut-button-children *' })

  taro.scanCode.mockRejectedValueOnce({ errMsg: 'scanCode:fail cancel' })
  await tap(scan())
  expect(screen.queryByRole('alert')).toBeNull()
  expect(calls('checkIn')).toHaveLength(0)

  taro.scanCode.mockResolvedValueOnce({ result: 'https://example.com' })
  await tap(scan())
  expect((await screen.findByRole('alert')).textContent).toBe(STATION_ERR.BAD_CODE.message)
  taro.scanCode.mockResolvedValueOnce({ result: CODE })
  await tap(scan())
  await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(STATION_ERR.OLD_CODE.message))
})

test('h5 has no camera scanning: a clearly labelled box takes the pasted code', async () => {
  process.env.TARO_ENV = 'h5'
  backend({ checkIn: () => okReply(counted) })
  render(<StationDetailPage />)
  await screen.findByText('广丰区工人文化宫爱心驿站')
  expect(screen.queryByText('📷 扫码签到', { selector: '.nut-button-children, .nut-button-children *' })).toBeNull()
  expect(screen.getByText('测试用：网页版不能扫码，请把签到码粘贴在这里')).toBeTruthy()
  await tap(screen.getByText('签到'))
  expect(screen.getByRole('alert').textContent).toBe('请先把签到码粘贴到上面的框里')
  const input = await waitFor(() => {
    const el = document.querySelector('[aria-label="签到码"] input') as HTMLInputElement
    expect(el).toBeTruthy()
    return el
  })
  await act(async () => {
    fireEvent.input(input, { target: { value: `  ${CODE} ` } })
  })
  await tap(screen.getByText('签到'))
  expect(calls('checkIn')).toEqual([{ action: 'checkIn', code: CODE }])
  expect(await screen.findByText('✅ 签到成功')).toBeTruthy()
})

test('a failed read says what went wrong and 重试 reads again', async () => {
  let n = 0
  backend({ detail: () => (++n === 1 ? errReply(STATION_ERR.NOT_FOUND.code, STATION_ERR.NOT_FOUND.message) : okReply(DETAIL)) })
  render(<StationDetailPage />)
  expect(await screen.findByText(STATION_ERR.NOT_FOUND.message)).toBeTruthy()
  await tap(screen.getByText('重试'))
  expect(await screen.findByText('广丰区工人文化宫爱心驿站')).toBeTruthy()
})

test('a detail page left open keeps its open line right: the same rules run on the phone every minute', async () => {
  jest.useFakeTimers({ now: Date.parse('2026-11-21T02:00:00.000Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }) // Saturday 10:00 in 广丰
  try {
    backend({})
    render(<StationDetailPage />)
    expect(await screen.findByText('开放中，21:00 关门')).toBeTruthy() // what the server said
    await act(async () => {
      jest.advanceTimersByTime(60_000)
    })
    expect(screen.getByText('已关门，周一 06:00 开门').closest('.open-line')?.className).toContain('open-line--closed')
  } finally {
    jest.useRealTimers()
  }
})
