// Staff station form: loads the station, checks with the contract's schema, shows the server's
// fieldErrors next to each field, creates with an idempotency key, keeps a draft; staff list and reports.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import EditPage from '../../src/subpackages/staff/pages/stations-edit/index'
import StaffStations from '../../src/subpackages/staff/pages/stations/index'
import StaffReports from '../../src/subpackages/staff/pages/stations-reports/index'
import { callFunction } from '../../src/services/transport'
import { STAFF_STATION_EDIT_PAGE, STAFF_STATION_QR_PAGE } from '../../src/services/stations'
import { STATION_ERR, type ReportView, type StationEdit } from '../../src/domain/stations/station.schema'
import type { OrgView } from '../../src/domain/staff/staff.schema'
import type { Envelope } from '../../src/domain/envelope'
import { okReply, staff, worker } from './fixtures'
import { uploadPicked } from '../../src/services/upload'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('../../src/services/upload', () => ({ uploadPicked: jest.fn() }))
jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro.mock')
  const store = new Map<string, unknown>()
  const extra = {
    __store: store,
    useRouter: jest.fn(() => ({ params: { id: 'st-xw' } })),
    redirectTo: jest.fn(() => Promise.resolve({ errMsg: 'redirectTo:ok' })),
    navigateBack: jest.fn(() => Promise.resolve({ errMsg: 'navigateBack:ok' })),
    pageScrollTo: jest.fn(() => Promise.resolve({ errMsg: 'pageScrollTo:ok' })),
    getStorageSync: jest.fn((k: string) => store.get(k) ?? ''),
    setStorageSync: jest.fn((k: string, v: unknown) => void store.set(k, JSON.parse(JSON.stringify(v)))),
    removeStorageSync: jest.fn((k: string) => void store.delete(k)),
    chooseMedia: jest.fn(),
  }
  return { __esModule: true, ...base, ...extra, default: { ...base.default, ...extra } }
})

const call = callFunction as jest.MockedFunction<typeof callFunction>
const taro = Taro as unknown as { __store: Map<string, unknown>; useRouter: jest.Mock }

const federation = { ...staff, role: 'federation_staff' as const, roleLabel: '总工会工作人员', org: { id: 'org-fed', name: '广丰区总工会' } }
const ORGS: OrgView[] = [
  { id: 'org-fed', name: '广丰区总工会', kind: 'federation', kindLabel: '总工会', parentId: null, depth: 0 },
  { id: 'org-xingwang', name: '兴旺国际建材城联合工会', kind: 'joint', kindLabel: '联合工会', parentId: 'org-fed', depth: 1 },
]
const EDIT: StationEdit = {
  id: 'st-xw',
  photoLinks: [],
  version: 4,
  qrKeyVersion: 1,
  station: {
    name: '兴旺国际建材城联合工会爱心驿站',
    address: '广丰区兴旺国际建材城 A 区 2 栋 101',
    district: '芦林街道',
    location: { lng: 118.1785, lat: 28.4316 },
    hours: { allDay: false, days: { 1: [{ open: '08:00', close: '11:30' }, { open: '13:30', close: '18:00' }], 7: [{ open: '09:00', close: '12:00' }] } },
    closures: [],
    amenities: ['water', 'meal_heating'],
    capacity: 15,
    stars: 3,
    hostOrgId: 'org-xingwang',
    manager: { name: '徐主席', phone: '0793-2655012' },
    photos: [],
    status: 'open',
    intro: '建材城里的歇脚点',
  },
  hostOrg: { id: 'org-xingwang', name: '兴旺国际建材城联合工会' },
  visitCount: 10,
  rating: { average: null, count: 0 },
}

type Handler = (data: Record<string, unknown>) => Envelope<unknown>
let handlers: Record<string, Handler>
function backend(me: typeof worker, overrides: Record<string, Handler> = {}) {
  handlers = {
    'session.me': () => okReply(me),
    'admin.listOrgs': () => okReply({ orgs: ORGS }),
    'stations.getStation': () => okReply(EDIT),
    ...overrides,
  }
  call.mockImplementation(async (name, data) => {
    const h = handlers[`${name}.${String(data.action)}`]
    if (!h) throw new Error(`unexpected ${name}.${String(data.action)}`)
    return h(data) as never
  })
}
const tap = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el)
  })
}
const inputOf = async (label: string) =>
  waitFor(() => {
    const el = document.querySelector(`[aria-label="${label}"] input, [aria-label="${label}"] textarea`) as HTMLInputElement
    expect(el).toBeTruthy()
    return el
  })
const type = async (label: string, value: string) => {
  const el = await inputOf(label)
  await act(async () => {
    fireEvent.input(el, { target: { value } })
  })
}
const fieldOf = (label: string) => screen.getByText(label, { selector: '.field-label, .field-label *' }).closest('.field') as HTMLElement
const sent = (action: string) => call.mock.calls.filter(([, d]) => d.action === action).map(([, d]) => d)

beforeEach(() => {
  jest.clearAllMocks()
  taro.__store.clear()
  taro.useRouter.mockReturnValue({ params: { id: 'st-xw' } })
})

test('server fieldErrors are shown next to each field they belong to', async () => {
  const fieldErrors = {
    'station.name': STATION_ERR.DUPLICATE.message,
    'station.manager.phone': '电话要填 11 位手机号，或带区号的座机（比如 0793-2612345）',
    'station.hours.days.1.1.close': '开门和关门时间不能一样；全天开放请选"24小时"',
    'station.location.lat': '位置不在国内，请重新选择',
    'station.hostOrgId': STATION_ERR.ORG_NOT_FOUND.message,
    'station.amenities': '请至少选一项设施',
  }
  backend(federation, { 'stations.updateStation': () => ({ ok: false, error: { code: 'VALIDATION.INVALID', message: '有些内容没填对，请按提示改一改', fieldErrors } }) })
  render(<EditPage />)
  expect(await screen.findByText('修改驿站信息')).toBeTruthy()
  expect((await inputOf('驿站名称')).value).toBe('兴旺国际建材城联合工会爱心驿站')
  await screen.findByRole('radiogroup', { name: '主办工会' })

  await tap(screen.getByText('保存'))
  expect(sent('updateStation')).toEqual([{ action: 'updateStation', id: 'st-xw', version: 4, station: expect.objectContaining({ name: EDIT.station.name, hostOrgId: 'org-xingwang' }) }])

  expect(await within(fieldOf('驿站名称')).findByRole('alert')).toHaveProperty('textContent', STATION_ERR.DUPLICATE.message)
  expect(within(fieldOf('联系电话')).getByRole('alert').textContent).toBe(fieldErrors['station.manager.phone'])
  expect(within(fieldOf('位置')).getByRole('alert').textContent).toBe('位置不在国内，请重新选择')
  expect(within(fieldOf('主办工会')).getByRole('alert').textContent).toBe(STATION_ERR.ORG_NOT_FOUND.message)
  expect(within(fieldOf('有哪些设施（可以选多个）')).getByRole('alert').textContent).toBe('请至少选一项设施')
  const monday = screen.getByLabelText('周一')
  expect(within(monday).getByRole('alert').textContent).toBe(fieldErrors['station.hours.days.1.1.close'])
  expect(screen.getByText('有些内容没填对，请按提示改一改（6 处，请看红字）')).toBeTruthy()
  expect(Taro.pageScrollTo).toBeDefined()

  // fixing a field clears its message only
  await type('驿站名称', '兴旺建材城爱心驿站')
  expect(within(fieldOf('驿站名称')).queryByRole('alert')).toBeNull()
  expect(within(fieldOf('联系电话')).getByRole('alert')).toBeTruthy()
})

test('the contract schema runs first: a wrong time and an empty name are explained, nothing is sent', async () => {
  backend(federation)
  render(<EditPage />)
  await screen.findByText('修改驿站信息')
  await type('驿站名称', '')
  await type('周一第1段开门', '25:00')
  await tap(screen.getByText('保存'))
  expect(sent('updateStation')).toHaveLength(0)
  expect(within(fieldOf('驿站名称')).getByRole('alert').textContent).toBe('请填驿站名称')
  expect(within(screen.getByLabelText('周一')).getByRole('alert').textContent).toBe('时间要写成 08:00 这样，从 00:00 到 24:00')
  expect(screen.getByText('有 2 处要改一改，请看红字')).toBeTruthy()
})

test('a new station: typed fields become the contract input, sent once with a key that survives a retry', async () => {
  taro.useRouter.mockReturnValue({ params: {} })
  let tries = 0
  backend(federation, {
    'stations.createStation': () => (++tries === 1 ? { ok: false, error: { code: 'NET.UNAVAILABLE', message: 'x' } } : okReply({ id: 'st-new', version: 1 })),
  })
  render(<EditPage />)
  expect(await screen.findByText('新建驿站')).toBeTruthy()
  await type('驿站名称', '丰溪菜市场爱心驿站')
  await type('地址', '广丰区丰溪路菜市场北门')
  await type('所在乡镇或街道', '丰溪街道')
  await type('经度', '118.2051')
  await type('纬度', '28.4350')
  await tap(screen.getAllByText('＋ 加一段时间')[0])
  await type('周一第1段开门', '6:00')
  await type('周一第1段关门', '20:00')
  await tap(screen.getByText('把周一的时间用到每一天'))
  await tap(screen.getByRole('checkbox', { name: /饮水/ }))
  await tap(screen.getByRole('checkbox', { name: /热饭/ }))
  await type('能同时容纳多少人', '8')
  await tap(await screen.findByText('广丰区总工会', { selector: '.choice__label' }))
  await type('联系人', '刘站长')
  await type('联系电话', '0793 2612399')

  await tap(screen.getByText('保存'))
  expect(await screen.findByText(/你填的内容已经保存在手机上/)).toBeTruthy()
  await tap(screen.getByText('保存'))
  expect(await screen.findByText('✅ 保存好了')).toBeTruthy()

  const creates = sent('createStation')
  expect(creates).toHaveLength(2)
  expect(creates[1].key).toBe(creates[0].key)
  const station = creates[0].station as Record<string, unknown>
  expect(station).toMatchObject({
    name: '丰溪菜市场爱心驿站',
    address: '广丰区丰溪路菜市场北门',
    district: '丰溪街道',
    location: { lng: 118.2051, lat: 28.435 },
    amenities: ['water', 'meal_heating'],
    capacity: 8,
    hostOrgId: 'org-fed',
    manager: { name: '刘站长', phone: '0793 2612399' },
    status: 'open',
  })
  const days = (station.hours as { allDay: boolean; days: Record<string, unknown> }).days
  expect(Object.keys(days)).toEqual(['1', '2', '3', '4', '5', '6', '7'])
  expect(days['7']).toEqual([{ open: '06:00', close: '20:00' }])
  expect(taro.__store.has('stations:draft:staff-edit:new')).toBe(false)
  await tap(screen.getByText('🔳 打印签到二维码'))
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `${STAFF_STATION_QR_PAGE}?id=st-new&name=${encodeURIComponent('丰溪菜市场爱心驿站')}` })
})

test('someone else changed the station meanwhile: STALE is explained with a way to read the latest', async () => {
  backend(federation, { 'stations.updateStation': () => ({ ok: false, error: STATION_ERR.STALE }) })
  render(<EditPage />)
  await screen.findByText('修改驿站信息')
  await tap(screen.getByText('保存'))
  expect(await screen.findByText(STATION_ERR.STALE.message)).toBeTruthy()
  await tap(screen.getByText('读取最新的信息（这次改的要重新填）'))
  await waitFor(() => expect(sent('getStation')).toHaveLength(2))
})

test('workers are told the page is for staff, and nothing about stations is asked', async () => {
  backend(worker)
  render(<EditPage />)
  expect(await screen.findByText('这一页只给工会工作人员用')).toBeTruthy()
  expect(sent('getStation')).toHaveLength(0)
})

test('驿站管理 lists the stations in scope with month visits and open reports, and searches', async () => {
  const row = { id: 'st-xw', name: EDIT.station.name, address: EDIT.station.address, district: '芦林街道', hostOrg: EDIT.hostOrg, status: 'open', version: 4, visitCount: 10, visitsThisMonth: 3, openReports: 1 }
  backend(staff, { 'stations.listStations': (d) => okReply({ items: d.q === '没有' ? [] : [row], total: d.q === '没有' ? 0 : 1, nextCursor: null }) })
  render(<StaffStations />)
  expect(await screen.findByText(EDIT.station.name)).toBeTruthy()
  expect(screen.getByText('你管理的驿站（1 个）')).toBeTruthy()
  expect(screen.getByText('本月签到 3 人次 · 一共 10 人次')).toBeTruthy()
  expect(screen.getByText('🛠 有 1 条报修还没办完 ›')).toBeTruthy()
  expect(screen.queryByText('推荐地点')).toBeNull() // grassroots staff: suggestions are the federation's
  await tap(screen.getByText('修改'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${STAFF_STATION_EDIT_PAGE}?id=st-xw` })
  await type('查找驿站', '没有')
  await tap(screen.getByText('查找'))
  expect(await screen.findByText('没有找到，换几个字试试。')).toBeTruthy()
  expect(sent('listStations').at(-1)).toEqual({ action: 'listStations', q: '没有' })
})

test('报修处理: resolve with a note, reject only with a reason', async () => {
  const report: ReportView = {
    id: 'rep-1',
    photos: [],
    station: { id: 'st-xw', name: EDIT.station.name },
    problem: 'water_dispenser',
    problemLabel: '饮水机坏了',
    text: '不出热水',
    state: 'submitted',
    stateLabel: '已提交，等待处理',
    version: 1,
    replyReason: null,
    replyNote: null,
    createdAt: '2026-11-21T22:00:00.000Z',
    updatedAt: '2026-11-21T22:00:00.000Z',
    flagged: false,
    actions: ['start', 'resolve', 'reject'],
  }
  backend(federation, {
    'stations.listReports': () => okReply({ items: [report], nextCursor: null }),
    'stations.decideReport': (d) => okReply({ id: 'rep-1', state: d.decision === 'reject' ? 'rejected' : 'resolved', version: 2 }),
  })
  render(<StaffReports />)
  expect(await screen.findByText('饮水机坏了')).toBeTruthy()
  expect(sent('listReports')[0]).toEqual({ action: 'listReports', state: 'submitted' })

  await tap(screen.getByText('不需要维修'))
  const sheet = screen.getByRole('dialog')
  await tap(within(sheet).getByText('确认'))
  expect(within(sheet).getByRole('alert').textContent).toBe('请选一个原因，让报修的人知道为什么')
  expect(sent('decideReport')).toHaveLength(0)
  await tap(within(sheet).getByText('先不办'))

  await tap(screen.getByText('已修好'))
  await type('回复', '换了新的饮水机')
  await tap(within(screen.getByRole('dialog')).getByText('已修好', { selector: '.nut-button-children, .nut-button-children *' }))
  expect(sent('decideReport')).toEqual([{ action: 'decideReport', id: 'rep-1', decision: 'resolve', version: 1, note: '换了新的饮水机' }])
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  expect(sent('listReports')).toHaveLength(2)
})

test('station photos: existing ones show as thumbnails; staff remove one and add one; the save sends the new list', async () => {
  const OLD = 'cloud://env-1/stations/xw-door.jpg'
  const NEW = 'a'.repeat(32)
  const withPhoto: StationEdit = { ...EDIT, station: { ...EDIT.station, photos: [OLD] }, photoLinks: [{ id: OLD, url: 'https://tmp.example/xw-door.jpg' }] }
  backend(federation, { 'stations.getStation': () => okReply(withPhoto), 'stations.updateStation': () => okReply({ id: 'st-xw', version: 5 }) })
  ;(Taro as unknown as { chooseMedia: jest.Mock }).chooseMedia.mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://new.jpg', size: 1000, fileType: 'image' }] })
  ;(uploadPicked as jest.Mock).mockResolvedValue(okReply({ fileId: NEW, name: '照片1.jpg', mime: 'image/jpeg', size: 1000 }))
  render(<EditPage />)
  expect(await screen.findByText('修改驿站信息')).toBeTruthy()
  await screen.findByRole('radiogroup', { name: '主办工会' })
  expect(screen.getByLabelText('照片 1').getAttribute('src')).toBe('https://tmp.example/xw-door.jpg')
  expect(screen.getByText(/请不要拍到人脸/)).toBeTruthy()

  await tap(screen.getByRole('button', { name: '删除照片 1' }))
  // a stored photo is not deleted from the form: the save does that
  expect(call.mock.calls.some(([name]) => name === 'files')).toBe(false)
  await tap(screen.getByRole('button', { name: '拍照或选照片' }))
  expect((uploadPicked as jest.Mock).mock.calls[0][1]).toBe('station_photo')
  await waitFor(() => expect(screen.getByLabelText('照片 1').getAttribute('src')).toBe('wxfile://new.jpg'))

  await tap(screen.getByText('保存'))
  expect(sent('updateStation')).toEqual([{ action: 'updateStation', id: 'st-xw', version: 4, station: expect.objectContaining({ photos: [NEW] }) }])
})
