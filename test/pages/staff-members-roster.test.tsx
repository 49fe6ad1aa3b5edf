// 会员名册: search, paging and 导出表格 (weapp: written to the user folder and opened; h5: downloaded).
import { render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Members from '../../src/subpackages/staff/pages/members/index'
import { callFunction } from '../../src/services/transport'
import type { MemberRow } from '../../src/domain/membership/membership.schema'
import { errReply, okReply, staff } from './fixtures'
import { asTaroEnv, button, type Handler, page, routeCalls, sent, tap, type } from './membership-fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => jest.requireActual('./taro.mock').taroWithXlsx())

const call = callFunction as jest.MockedFunction<typeof callFunction>
const taro = Taro as unknown as { getFileSystemManager: () => { writeFile: jest.Mock }; openDocument: jest.Mock }

const LI: MemberRow = {
  id: 'm-1',
  name: '李国强',
  maskedIdNumber: '3623**********0011',
  memberNo: 'GF2026000007',
  orgId: 'org-fengda',
  orgName: '江西丰达机械有限公司工会',
  joinedDate: '2026-03-01',
  employmentTypeLabel: '全职（和单位签了合同）',
  migrant: false,
}
const WANG: MemberRow = { ...LI, id: 'm-2', name: '王小明', memberNo: 'GF2026000123', migrant: true }
const EXPORT = { fileName: '会员名册-20261123.xlsx', contentBase64: 'UEsDBAo=', rows: 2 }

function backend(more: Record<string, Handler> = {}) {
  routeCalls(call, {
    'session.me': () => okReply(staff),
    'membership.members': (d) => (d.q ? page([WANG]) : d.cursor ? page([WANG]) : page([LI], 20)),
    'membership.exportMembers': () => okReply(EXPORT),
    ...more,
  })
}


asTaroEnv('weapp')
beforeEach(() => jest.clearAllMocks())

test('lists members page by page and finds by name or number', async () => {
  backend()
  render(<Members />)
  expect(await screen.findByText('李国强')).toBeTruthy()
  expect(screen.getByText('GF2026000007')).toBeTruthy()
  expect(screen.getByText('3623**********0011')).toBeTruthy()
  expect(screen.getByText('2026年3月1日')).toBeTruthy()
  await tap(button('加载更多'))
  expect(await screen.findByText('王小明')).toBeTruthy()
  expect(sent(call, 'members')).toEqual([{ action: 'members' }, { action: 'members', cursor: 20 }])

  await type('查找会员', ' 王小明 ')
  await tap(button('查找'))
  await waitFor(() => expect(screen.queryByText('李国强')).toBeNull())
  expect(sent(call, 'members').at(-1)).toEqual({ action: 'members', q: '王小明' })
  expect(screen.getByText('找“王小明”')).toBeTruthy()
  await tap(button('看全部'))
  expect(await screen.findByText('李国强')).toBeTruthy()
})

test('weapp: 导出表格 writes the xlsx to the user folder and opens it with the menu', async () => {
  backend()
  render(<Members />)
  expect(await screen.findByText(/谁在什么时候导出了表格，会被记录下来/)).toBeTruthy()
  await tap(button('📄 导出表格'))
  const filePath = 'wxfile://usr/会员名册-20261123.xlsx'
  expect(sent(call, 'exportMembers')).toEqual([{ action: 'exportMembers' }])
  expect(taro.getFileSystemManager().writeFile).toHaveBeenCalledWith(expect.objectContaining({ filePath, data: 'UEsDBAo=', encoding: 'base64' }))
  expect(taro.openDocument).toHaveBeenCalledWith({ filePath, fileType: 'xlsx', showMenu: true })
  expect(await screen.findByText(/已导出 2 名会员/)).toBeTruthy()
})

test('h5: 导出表格 downloads the xlsx', async () => {
  process.env.TARO_ENV = 'h5'
  const blobs: Blob[] = []
  const urlApi = URL as unknown as { createObjectURL: (b: Blob) => string; revokeObjectURL: (u: string) => void }
  urlApi.createObjectURL = jest.fn((b: Blob) => {
    blobs.push(b)
    return 'blob:xlsx'
  })
  urlApi.revokeObjectURL = jest.fn()
  const clicks: string[] = []
  const spy = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicks.push(this.download)
  })
  backend()
  render(<Members />)
  await tap(await screen.findByText('📄 导出表格'))
  await waitFor(() => expect(clicks).toEqual(['会员名册-20261123.xlsx']))
  expect(blobs[0].type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  expect(blobs[0].size).toBe(5)
  expect(taro.openDocument).not.toHaveBeenCalled()
  spy.mockRestore()
})

test('a refused export says why and opens nothing', async () => {
  backend({ 'membership.exportMembers': () => errReply('AUTH.FORBIDDEN', 'x') })
  render(<Members />)
  await tap(await screen.findByText('📄 导出表格'))
  expect((await screen.findByRole('alert')).textContent).toBe('你没有权限做这件事。如果需要，请找管理员开通')
  expect(taro.openDocument).not.toHaveBeenCalled()
})
