// 报修: validation in plain words, one submission on a double tap, the same idempotency key across a
// retry after a bad network, and nothing typed lost when the page is opened again.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ReportPage from '../../src/subpackages/stations/pages/report/index'
import MyReports from '../../src/subpackages/stations/pages/reports/index'
import { callFunction } from '../../src/services/transport'
import { MY_REPORTS_PAGE } from '../../src/services/stations'
import type { ReportView } from '../../src/domain/stations/station.schema'
import type { Envelope } from '../../src/domain/envelope'
import { errReply, okReply } from './fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro.mock')
  const store = new Map<string, unknown>()
  const extra = {
    __store: store,
    useRouter: jest.fn(() => ({ params: { id: 'st-baihe', name: encodeURIComponent('白鹤中大道爱心驿站') } })),
    redirectTo: jest.fn(() => Promise.resolve({ errMsg: 'redirectTo:ok' })),
    navigateBack: jest.fn(() => Promise.resolve({ errMsg: 'navigateBack:ok' })),
    getStorageSync: jest.fn((k: string) => store.get(k) ?? ''),
    setStorageSync: jest.fn((k: string, v: unknown) => void store.set(k, JSON.parse(JSON.stringify(v)))),
    removeStorageSync: jest.fn((k: string) => void store.delete(k)),
  }
  return { __esModule: true, ...base, ...extra, default: { ...base.default, ...extra } }
})

const call = callFunction as jest.MockedFunction<typeof callFunction>
const taro = Taro as unknown as { __store: Map<string, unknown>; useRouter: jest.Mock }

const tap = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el)
  })
}
const reports = () => call.mock.calls.filter(([, d]) => d.action === 'report').map(([, d]) => d)
const textarea = async () =>
  waitFor(() => {
    const el = document.querySelector('[aria-label="说明"] textarea') as HTMLTextAreaElement
    expect(el).toBeTruthy()
    return el
  })
const type = async (value: string) => {
  const el = await textarea()
  await act(async () => {
    fireEvent.input(el, { target: { value } })
  })
}

beforeEach(() => {
  jest.clearAllMocks()
  taro.__store.clear()
})

test('submitting without choosing what is broken says so next to the choices and sends nothing', async () => {
  render(<ReportPage />)
  expect(screen.getByText('报修：白鹤中大道爱心驿站')).toBeTruthy()
  await tap(screen.getByText('提交报修'))
  expect(screen.getByRole('alert').textContent).toBe('请先选一下哪里坏了')
  expect(call).not.toHaveBeenCalled()
  await tap(screen.getByRole('radio', { name: /饮水机坏了/ }))
  expect(screen.queryByRole('alert')).toBeNull()
})

test('a double tap on 提交报修 sends one report; the problem list is the fixed one with big buttons', async () => {
  let release: (v: Envelope<unknown>) => void = () => {}
  call.mockImplementation(() => new Promise((r) => (release = r as never)))
  render(<ReportPage />)
  expect(screen.getAllByRole('radio')).toHaveLength(11)
  await tap(screen.getByRole('radio', { name: /饮水机坏了/ }))
  await type('饮水机不出热水')
  expect(screen.getByText('已写 7 字，最多 300 字')).toBeTruthy()

  const submit = screen.getByText('提交报修')
  await act(async () => {
    fireEvent.click(submit)
    fireEvent.click(submit)
  })
  expect(screen.getByText('正在提交…')).toBeTruthy()
  await act(async () => {
    release(okReply({ id: 'rep-1', state: 'submitted', stateLabel: '已提交，等待处理' }))
  })
  expect(reports()).toHaveLength(1)
  expect(reports()[0]).toEqual({ action: 'report', key: expect.stringMatching(/^[A-Za-z0-9_-]{20}$/), stationId: 'st-baihe', problem: 'water_dispenser', text: '饮水机不出热水' })
  expect(await screen.findByText('✅ 报修已提交')).toBeTruthy()
  expect(taro.__store.has('stations:draft:report:st-baihe')).toBe(false)
  await tap(screen.getByText('看我报修的事'))
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `${MY_REPORTS_PAGE}?id=rep-1` })
})

test('a bad network keeps what was typed and the same key; the retry is the same report', async () => {
  call.mockResolvedValueOnce(errReply('NET.UNAVAILABLE', 'x')).mockResolvedValueOnce(okReply({ id: 'rep-1', state: 'submitted', stateLabel: '已提交，等待处理' }))
  const { unmount } = render(<ReportPage />)
  await tap(screen.getByRole('radio', { name: /微波炉坏了/ }))
  await type('门打不开')
  await tap(screen.getByText('提交报修'))
  expect((await screen.findByRole('alert')).textContent).toContain('你填的内容已经保存在手机上')

  // the app is closed and opened again: the choice, the words and the key are still there
  unmount()
  render(<ReportPage />)
  expect(screen.getByText('上次没提交的内容还在，接着填就行。')).toBeTruthy()
  expect(screen.getByRole('radio', { name: /微波炉坏了/ }).getAttribute('aria-checked')).toBe('true')
  expect((await textarea()).value).toBe('门打不开')
  await tap(screen.getByText('提交报修'))
  expect(await screen.findByText('✅ 报修已提交')).toBeTruthy()
  expect(reports()).toHaveLength(2)
  expect(reports()[1].key).toBe(reports()[0].key)
  expect(reports()[1]).toMatchObject({ problem: 'microwave', text: '门打不开' })
})

test('the server’s words about the text are shown under the text box', async () => {
  const risky = '这段话里有不合适的内容，请改一改再提交'
  call.mockResolvedValueOnce({ ok: false, error: { code: 'CONTENT.RISKY', message: risky, fieldErrors: { text: risky } } })
  render(<ReportPage />)
  await tap(screen.getByRole('radio', { name: /其他问题/ }))
  await type('xxx')
  await tap(screen.getByText('提交报修'))
  const alerts = await screen.findAllByRole('alert')
  expect(alerts.map((a) => a.textContent)).toEqual([risky, risky])
  expect(alerts[0].closest('.field')?.textContent).toContain('还想说点什么')
})

test('我报修的事 shows where each report is, with the staff reply', async () => {
  const base: ReportView = {
    id: 'rep-1',
    photos: [],
    station: { id: 'st-baihe', name: '白鹤中大道爱心驿站' },
    problem: 'water_dispenser',
    problemLabel: '饮水机坏了',
    text: '不出热水',
    state: 'resolved',
    stateLabel: '已修好',
    version: 3,
    replyReason: null,
    replyNote: '换了新的饮水机',
    createdAt: '2026-11-21T22:00:00.000Z',
    updatedAt: '2026-11-22T02:15:00.000Z',
  }
  taro.useRouter.mockReturnValue({ params: { id: 'rep-1' } })
  call.mockResolvedValueOnce(okReply({ items: [base, { ...base, id: 'rep-2', problem: 'toilet', problemLabel: '厕所不能用', text: null, state: 'submitted', stateLabel: '已提交，等待处理', replyNote: null }], nextCursor: null }))
  render(<MyReports />)
  expect(await screen.findByText('饮水机坏了')).toBeTruthy()
  expect(call).toHaveBeenCalledWith('stations', { action: 'myReports' })
  expect(screen.getByText('已修好')).toBeTruthy()
  expect(screen.getByText('11月22日 10:15')).toBeTruthy()
  expect(screen.getByText('工作人员说：换了新的饮水机')).toBeTruthy()
  expect(screen.getByText('等工作人员来看')).toBeTruthy()
  expect(screen.getByText('饮水机坏了').closest('.my-report')?.className).toContain('my-report--new')
})
