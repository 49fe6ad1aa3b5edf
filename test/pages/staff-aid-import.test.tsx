// 导入参保名单: the unit, the file, a dry run with the counts (or every bad row), then 确认导入.
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ImportPage from '../../src/subpackages/staff/pages/aid-import/index'
import { callFunction } from '../../src/services/transport'
import { STAFF_AID_ENROLLMENTS_PAGE } from '../../src/services/mutual-aid'
import { ENROLLMENT_COLUMNS, MUTUAL_AID_ERR } from '../../src/domain/mutual-aid/mutual-aid.constants'
import { errReply, okReply } from './fixtures'
import { asTaroEnv, button, type Handler, routeCalls, sent, tap } from './membership-fixtures'
import { federation, FED_ORG, FENGDA, grassroots, SCHOOL } from './mutual-aid-fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro.mock')
  const fs = { readFileSync: jest.fn(() => 'bmFtZSxpZA==') }
  const extra = {
    useRouter: jest.fn(() => ({ params: {} })),
    chooseMessageFile: jest.fn(() => Promise.resolve({ tempFiles: [{ name: '丰达参保名单.xlsx', size: 2048, path: 'wxfile://tmp/a.xlsx' }] })),
    getFileSystemManager: jest.fn(() => fs),
  }
  return { __esModule: true, ...base, ...extra, default: { ...base.default, ...extra } }
})

const call = callFunction as jest.MockedFunction<typeof callFunction>
const chooseMessageFile = Taro.chooseMessageFile as unknown as jest.Mock

const COUNTS = { dryRun: true, rows: 3, created: 2, updated: 1, unchanged: 0 }

function backend(me: typeof grassroots, orgs: typeof FENGDA[], importer: Handler) {
  routeCalls(call, { 'session.me': () => okReply(me), 'admin.listOrgs': () => okReply({ orgs }), 'mutualAid.importEnrollments': importer })
}

describe('weapp', () => {
  asTaroEnv('weapp')
  beforeEach(() => jest.clearAllMocks())

  test('the template is shown as columns with an example row', async () => {
    backend(grassroots, [FENGDA], () => okReply(COUNTS))
    render(<ImportPage />)
    const table = await screen.findByRole('table', { name: '表格的列和填法' })
    const rows = within(table).getAllByRole('row')
    expect(rows.map((r) => r.textContent)).toEqual(ENROLLMENT_COLUMNS.map((c) => `${c.title}例：${c.example}`))
  })

  test('grassroots: their unit is chosen; a dry run shows the counts; 确认导入 imports; then the list of that unit', async () => {
    backend(grassroots, [FENGDA], (d) => okReply({ ...COUNTS, dryRun: d.dryRun === true }))
    render(<ImportPage />)
    expect(await screen.findByText('导入到：江西丰达机械有限公司工会')).toBeTruthy()
    await tap(button('📄 从微信聊天里选表格文件'))
    expect(chooseMessageFile).toHaveBeenCalledWith({ count: 1, type: 'file', extension: ['xlsx', 'csv'] })
    expect(await screen.findByText('共 3 行：新增 2、更新 1、没变 0')).toBeTruthy()
    expect(screen.getByText('✅ 检查通过，还没有导入')).toBeTruthy()
    expect(screen.getByText('文件：丰达参保名单.xlsx（2 KB）')).toBeTruthy()
    expect(sent(call, 'importEnrollments')).toEqual([
      { action: 'importEnrollments', orgId: 'org-fengda', fileName: '丰达参保名单.xlsx', contentBase64: 'bmFtZSxpZA==', dryRun: true },
    ])

    await tap(button('确认导入'))
    expect(await screen.findByText('✅ 导入好了')).toBeTruthy()
    expect(sent(call, 'importEnrollments')[1]).toEqual({ action: 'importEnrollments', orgId: 'org-fengda', fileName: '丰达参保名单.xlsx', contentBase64: 'bmFtZSxpZA==' })
    await tap(button('看这个单位的参保名单'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${STAFF_AID_ENROLLMENTS_PAGE}?orgId=org-fengda` })
  })

  test('federation: choose the unit first; bad rows come back one by one, sorted by row, and nothing is imported', async () => {
    const fieldErrors = {
      'row:5:保障项目': '没有"住院"这个保障。可以写：住院医疗、重大疾病',
      'row:2:身份证号': '身份证号不对，请核对',
      'row:2:份数': '份数至少 1 份',
    }
    backend(federation, [FED_ORG, FENGDA, SCHOOL], () => ({ ok: false, error: { ...MUTUAL_AID_ERR.IMPORT_ROWS_INVALID, fieldErrors } }))
    render(<ImportPage />)
    expect(await screen.findByText('先在上面选单位，再选文件。')).toBeTruthy()
    expect(screen.queryByText('📄 从微信聊天里选表格文件')).toBeNull()
    await tap(await screen.findByText('广丰中学工会'))
    await tap(button('📄 从微信聊天里选表格文件'))
    expect(await screen.findByText('有 3 处要改，一行都没有导入。')).toBeTruthy()
    const problems = within(screen.getByRole('list', { name: '每一行的问题' })).getAllByRole('listitem')
    expect(problems.map((p) => p.textContent)).toEqual([
      '第 2 行 · 身份证号：身份证号不对，请核对',
      '第 2 行 · 份数：份数至少 1 份',
      '第 5 行 · 保障项目：没有"住院"这个保障。可以写：住院医疗、重大疾病',
    ])
    expect(screen.queryByText('确认导入')).toBeNull()
    expect(sent(call, 'importEnrollments')).toEqual([expect.objectContaining({ orgId: 'org-school', dryRun: true })])
  })

  test('a file that is not .xlsx or .csv is refused before sending; a network failure offers 再试一次', async () => {
    backend(grassroots, [FENGDA], () => errReply('NET.UNAVAILABLE', 'x'))
    render(<ImportPage />)
    await screen.findByText('导入到：江西丰达机械有限公司工会')
    chooseMessageFile.mockResolvedValueOnce({ tempFiles: [{ name: '名单.doc', size: 100, path: 'wxfile://tmp/b.doc' }] })
    await tap(button('📄 从微信聊天里选表格文件'))
    expect(await screen.findByText(MUTUAL_AID_ERR.IMPORT_FILE_BAD.message)).toBeTruthy()
    expect(sent(call, 'importEnrollments')).toEqual([])

    await tap(button('📄 从微信聊天里选表格文件'))
    expect(await screen.findByText('网络不太好，请检查网络后再试一次')).toBeTruthy()
    await tap(button('再试一次'))
    expect(sent(call, 'importEnrollments')).toHaveLength(2)
  })
})

describe('h5', () => {
  asTaroEnv('h5')
  beforeEach(() => jest.clearAllMocks())

  test('the file input sends the bytes as base64', async () => {
    backend(grassroots, [FENGDA], () => okReply(COUNTS))
    render(<ImportPage />)
    await screen.findByText('导入到：江西丰达机械有限公司工会')
    const input = document.querySelector('input.import-file') as HTMLInputElement
    const file = new File(['姓名,身份证号\n'], 'list.csv', { type: 'text/csv' })
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } })
    })
    expect(await screen.findByText('共 3 行：新增 2、更新 1、没变 0')).toBeTruthy()
    const [event] = sent(call, 'importEnrollments')
    expect(Buffer.from(String(event.contentBase64), 'base64').toString('utf8')).toBe('姓名,身份证号\n')
    expect(event).toEqual(expect.objectContaining({ fileName: 'list.csv', orgId: 'org-fengda', dryRun: true }))
  })
})
