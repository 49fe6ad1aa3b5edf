// 报修 photos: optional, at most 3, the hint about faces, progress while uploading (submit held),
// thumbnails with 删除 (the unused upload is deleted), and the ids sent with the report.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ReportPage from '../../src/subpackages/stations/pages/report/index'
import { callFunction } from '../../src/services/transport'
import { uploadPicked, type UploadProgress } from '../../src/services/upload'
import type { Envelope } from '../../src/domain/envelope'
import type { FinishedFile } from '../../src/domain/files/files.schema'
import { errReply, okReply } from './fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('../../src/services/upload', () => ({ uploadPicked: jest.fn() }))
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
    chooseMedia: jest.fn(),
  }
  return { __esModule: true, ...base, ...extra, default: { ...base.default, ...extra } }
})

const call = callFunction as jest.MockedFunction<typeof callFunction>
const upload = uploadPicked as jest.MockedFunction<typeof uploadPicked>
const taro = Taro as unknown as { __store: Map<string, unknown>; chooseMedia: jest.Mock }
const tap = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el)
  })
}
const fileId = (n: number) => String(n).repeat(32).slice(0, 32)
const finished = (n: number): Envelope<FinishedFile> => okReply({ fileId: fileId(n), name: `照片${n}.jpg`, mime: 'image/jpeg', size: 1000 })
const picks = (...paths: string[]) => ({ tempFiles: paths.map((p) => ({ tempFilePath: p, size: 1000, fileType: 'image' })) })

beforeEach(() => {
  jest.clearAllMocks()
  taro.__store.clear()
})

test('photos are optional; the page asks not to photograph faces; a report without photos sends none', async () => {
  call.mockResolvedValue(okReply({ id: 'rep-1', state: 'submitted', stateLabel: '已提交，等待处理' }))
  render(<ReportPage />)
  expect(screen.queryByText(/不用拍照/)).toBeNull()
  expect(screen.getByText(/请不要拍到人脸/)).toBeTruthy()
  expect(screen.getByText('0/3 张')).toBeTruthy()
  await tap(screen.getByRole('radio', { name: /厕所/ }))
  await tap(screen.getByText('提交报修'))
  await screen.findByText('✅ 报修已提交')
  expect(call.mock.calls[0][1]).not.toHaveProperty('photoFileIds')
})

test('take two photos: progress while uploading, submit held; remove one (its upload is deleted); the other goes with the report', async () => {
  let finishFirst: (v: Envelope<FinishedFile>) => void = () => {}
  upload
    .mockImplementationOnce((_p, _purpose, opts) => {
      opts?.onProgress?.({ phase: 'uploading', fraction: 0.5 } as UploadProgress)
      return new Promise((r) => (finishFirst = r))
    })
    .mockResolvedValueOnce(finished(2))
  taro.chooseMedia.mockResolvedValue(picks('wxfile://a.jpg', 'wxfile://b.jpg'))
  call.mockResolvedValue(okReply({ id: 'rep-1', state: 'submitted', stateLabel: '已提交，等待处理' }))
  render(<ReportPage />)
  await tap(screen.getByRole('radio', { name: /饮水机坏了/ }))
  await tap(screen.getByRole('button', { name: '拍照或选照片' }))
  expect(taro.chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ count: 3, mediaType: ['image'] }))
  expect(upload.mock.calls[0][0]).toMatchObject({ path: 'wxfile://a.jpg' })
  expect(upload.mock.calls[0][1]).toBe('report_photo')
  expect(screen.getByRole('progressbar').textContent).toContain('25%')
  expect(screen.getByText('照片上传中…')).toBeTruthy()
  await tap(screen.getByText('照片上传中…'))
  expect(call).not.toHaveBeenCalled()

  await act(async () => {
    finishFirst(finished(1))
  })
  await waitFor(() => expect(screen.getByText('2/3 张')).toBeTruthy())
  expect(screen.queryByRole('progressbar')).toBeNull()
  expect(screen.getByLabelText('照片 1').getAttribute('src')).toBe('wxfile://a.jpg')

  await tap(screen.getByRole('button', { name: '删除照片 1' }))
  expect(screen.getByText('1/3 张')).toBeTruthy()
  expect(call).toHaveBeenCalledWith('files', { action: 'remove', fileId: fileId(1) })

  await tap(screen.getByText('提交报修'))
  await screen.findByText('✅ 报修已提交')
  const sent = call.mock.calls.filter(([, d]) => d.action === 'report')
  expect(sent).toHaveLength(1)
  expect(sent[0][1]).toMatchObject({ problem: 'water_dispenser', photoFileIds: [fileId(2)] })
})

test('at most 3 photos: the add button goes away; a failed upload says why and keeps the rest', async () => {
  upload.mockResolvedValueOnce(finished(1)).mockResolvedValueOnce(finished(2)).mockResolvedValueOnce(errReply('FILE.TOO_LARGE', '文件太大了'))
  taro.chooseMedia.mockResolvedValue(picks('a', 'b', 'c'))
  render(<ReportPage />)
  await tap(screen.getByRole('button', { name: '拍照或选照片' }))
  expect(await screen.findByText('2/3 张')).toBeTruthy()
  expect(screen.getByRole('alert').textContent).toContain('文件太大了')

  upload.mockResolvedValueOnce(finished(3))
  taro.chooseMedia.mockResolvedValue(picks('d'))
  await tap(screen.getByRole('button', { name: '拍照或选照片' }))
  expect(taro.chooseMedia).toHaveBeenLastCalledWith(expect.objectContaining({ count: 1 }))
  expect(await screen.findByText('3/3 张')).toBeTruthy()
  expect(screen.queryByRole('button', { name: '拍照或选照片' })).toBeNull()
})

test("the server refusing a photo shows its words under the photos; nothing is lost", async () => {
  upload.mockResolvedValueOnce(finished(1))
  taro.chooseMedia.mockResolvedValue(picks('a'))
  const msg = '有照片不是你自己上传的，或者已经交到别的报修里了。这次报修没有提交，请删掉这张照片再提交'
  call.mockResolvedValueOnce({ ok: false, error: { code: 'STATION.REPORT_PHOTO_NOT_YOURS', message: msg, fieldErrors: { photoFileIds: msg } } })
  render(<ReportPage />)
  await tap(screen.getByRole('radio', { name: /其他问题/ }))
  await tap(screen.getByRole('button', { name: '拍照或选照片' }))
  await screen.findByText('1/3 张')
  await tap(screen.getByText('提交报修'))
  const alerts = await screen.findAllByRole('alert')
  expect(alerts.map((a) => a.textContent)).toEqual([msg, msg])
  expect(screen.getByText('1/3 张')).toBeTruthy()
})
