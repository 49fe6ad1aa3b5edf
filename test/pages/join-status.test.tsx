// 入会进度: state, who holds it and why, by when; on needs_info exactly what to add and a form prefilled
// from what was sent (resubmitted without retyping, photos as work_proof); rejection with reason and
// appeal; withdraw after a confirmation; coming back refreshes.
import { act, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { showPageAgain } from './taro.mock'
import StatusPage from '../../src/subpackages/join/pages/status/index'
import { uploadPicked } from '../../src/services/upload'
import type { ApplicationView } from '../../src/domain/membership/membership.schema'
import { errReply, okReply } from './fixtures'
import { APPLICATION, backend, inputOf, mine, sent, tap, type } from './join.fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('../../src/services/upload', () => ({ uploadPicked: jest.fn() }))
jest.mock('@tarojs/taro', () => jest.requireActual('./taro.mock').taroWith({ chooseMedia: jest.fn() }))

const taro = Taro as unknown as { __store: Map<string, unknown>; showModal: jest.Mock; chooseMedia: jest.Mock }
const upload = uploadPicked as jest.MockedFunction<typeof uploadPicked>

const NEEDS_INFO: ApplicationView = {
  ...APPLICATION,
  state: 'needs_info',
  stateLabel: '需要补充材料',
  version: 2,
  dueText: null,
  askedItems: [
    { code: 'work_proof', label: '在这个单位干活的证明（工牌、劳动合同、工资条或接单截图，拍照上传）' },
    { code: 'phone', label: '能打通的手机号' },
  ],
  askNote: '电话打了三次没人接',
  history: [...APPLICATION.history, { at: '2026-11-25T02:00:00.000Z', label: '工会请你补充材料', who: '兴旺国际建材城联合工会', note: '电话打了三次没人接' }],
  canResubmit: true,
}
const fileId = 'f'.repeat(32)

beforeEach(() => {
  jest.clearAllMocks()
  taro.__store.clear()
})

test('an application being reviewed: state, union and why, deadline, what happened; coming back refreshes', async () => {
  let current = APPLICATION
  backend({ 'membership.mine': () => mine({ application: current }) })
  render(<StatusPage />)
  expect(await screen.findByText('⏳ 工会审核中')).toBeTruthy()
  expect(screen.getByText('🏠 兴旺国际建材城联合工会')).toBeTruthy()
  expect(screen.getByText(APPLICATION.routeWhy)).toBeTruthy()
  expect(screen.getByText('12月14日前答复 · 还剩 12 个工作日')).toBeTruthy()
  expect(within(screen.getByRole('list', { name: '办理经过' })).getByText('交了申请')).toBeTruthy()
  expect(screen.getByText('2026年11月23日 · 你')).toBeTruthy()

  current = { ...APPLICATION, state: 'approved', stateLabel: '已入会', dueText: null, canWithdraw: false }
  await act(async () => {
    showPageAgain()
  })
  expect(await screen.findByText('🎉 已入会')).toBeTruthy()
  expect(screen.queryByText(/还剩/)).toBeNull()
  expect(screen.queryByText('撤回申请')).toBeNull()
})

test('late: the page says the union is past its deadline and where to ask', async () => {
  backend({ 'membership.mine': () => mine({ application: { ...APPLICATION, overdue: true, dueText: '已超过 2 个工作日' } }) })
  render(<StatusPage />)
  expect(await screen.findByText('工会应该在12月14日前答复你，已超过 2 个工作日。可以打 12351 职工服务热线问一问。')).toBeTruthy()
})

test('needs_info: exactly what to add; the form holds what was sent (ID and phone masked); photos and a new phone go back with the version', async () => {
  let current = NEEDS_INFO
  backend({
    'membership.mine': () => mine({ application: current }),
    'membership.resubmit': () => {
      current = { ...APPLICATION, version: 3, history: NEEDS_INFO.history }
      return okReply({ id: 'app-1', state: 'submitted', stateLabel: '工会审核中', version: 3, orgName: APPLICATION.orgName, dueDate: '2026-12-16', dueLabel: '12月16日' })
    },
  })
  upload.mockResolvedValue(okReply({ fileId, name: '照片1.jpg', mime: 'image/jpeg', size: 1000 }))
  taro.chooseMedia.mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://proof.jpg', size: 1000, fileType: 'image' }] })
  const realEnv = process.env.TARO_ENV
  process.env.TARO_ENV = 'weapp'
  try {
    render(<StatusPage />)
    expect(await screen.findByText('📝 需要补充材料')).toBeTruthy()
    expect(screen.getByText('· 能打通的手机号')).toBeTruthy()
    expect(screen.getByText(/· 在这个单位干活的证明/)).toBeTruthy()
    expect(screen.getByText('工会说：“电话打了三次没人接”')).toBeTruthy()
    expect(screen.getByText('等你补充材料。交上去以后，工会重新开始算时间，15 个工作日内答复你。')).toBeTruthy()
    expect(screen.getByText('110***********002X')).toBeTruthy()
    expect(screen.getByText(/现在是 138\*\*\*\*1234。不用改就空着。/)).toBeTruthy()
    // what was not asked is folded away but kept
    expect(document.querySelector('[aria-label="姓名"]')).toBeNull()

    await tap(screen.getByText('交给工会'))
    expect(screen.getByText('请拍照上传干活的证明，至少 1 张')).toBeTruthy()
    expect(sent('resubmit')).toHaveLength(0)

    await tap(screen.getByRole('button', { name: '拍照或选照片' }))
    expect(upload.mock.calls[0][1]).toBe('work_proof')
    await type('手机号', '13900005678')
    await tap(screen.getByText('还要改别的内容？点这里'))
    expect((await inputOf('姓名')).value).toBe('王小明')
    expect(screen.getByText('✓ 兴旺建材有限公司')).toBeTruthy()
    expect(screen.getByRole('radio', { name: '普工' }).getAttribute('aria-checked')).toBe('true')
    await type('想对工会说的话', '换了个号码')

    await tap(screen.getByText('交给工会'))
    await waitFor(() => expect(sent('resubmit')).toHaveLength(1))
    expect(sent('resubmit')[0]).toEqual({
      action: 'resubmit',
      id: 'app-1',
      version: 2,
      changes: {
        name: '王小明',
        phone: '13900005678',
        incomeSource: 'wages',
        workPlace: 'local',
        employer: { kind: 'known', employerId: 'emp-xingwang' },
        employmentType: 'full_time',
        occupation: '普工',
      },
      proofFileIds: [fileId],
      note: '换了个号码',
    })
    expect(await screen.findByText('⏳ 工会审核中')).toBeTruthy()
    expect(screen.queryByText('交给工会')).toBeNull()
    expect([...taro.__store.keys()].filter((k) => k.startsWith('join:draft:'))).toEqual([])
  } finally {
    process.env.TARO_ENV = realEnv
  }
})

test('needs_info: what was typed survives closing the page; a phone left empty keeps the old one', async () => {
  backend({ 'membership.mine': () => mine({ application: { ...NEEDS_INFO, askedItems: [{ code: 'occupation', label: '具体干什么工作' }] } }), 'membership.resubmit': () => errReply('NET.UNAVAILABLE', 'x') })
  const first = render(<StatusPage />)
  await type('做什么工作', '电焊工')
  await tap(screen.getByText('交给工会'))
  expect(await screen.findByText(/你填的内容已经保存在手机上/)).toBeTruthy()
  expect((sent('resubmit')[0].changes as { phone?: string }).phone).toBeUndefined()
  first.unmount()
  render(<StatusPage />)
  expect((await inputOf('做什么工作')).value).toBe('电焊工')
})

test('rejected: the reason, what to do next and how to appeal; 重新申请 opens the wizard', async () => {
  backend({
    'membership.mine': () =>
      mine({
        application: {
          ...APPLICATION,
          state: 'rejected',
          stateLabel: '没有通过',
          dueText: null,
          canWithdraw: false,
          rejection: { code: 'cannot_contact', label: '多次联系不上本人', next: '请确认手机号能打通后重新申请。', appeal: '不同意的话，可以在 15 天内打 12351 向区总工会反映。', note: '打了五次' },
        },
      }),
  })
  render(<StatusPage />)
  expect(await screen.findByText('⛔ 没有通过')).toBeTruthy()
  expect(screen.getByText('多次联系不上本人')).toBeTruthy()
  expect(screen.getByText('工会说：“打了五次”')).toBeTruthy()
  expect(screen.getByText('请确认手机号能打通后重新申请。')).toBeTruthy()
  expect(screen.getByText(/15 天内打 12351/)).toBeTruthy()
  expect(screen.queryByText('撤回申请')).toBeNull()
  await tap(screen.getByText('重新申请'))
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/subpackages/join/pages/apply/index' })
})

test('withdraw asks first; 不了 does nothing, 撤回 sends the version and shows the new state', async () => {
  let current = APPLICATION
  backend({
    'membership.mine': () => mine({ application: current }),
    'membership.withdraw': () => {
      current = { ...APPLICATION, state: 'withdrawn', stateLabel: '已撤回', dueText: null, canWithdraw: false }
      return okReply({ id: 'app-1', state: 'withdrawn', version: 2 })
    },
  })
  render(<StatusPage />)
  taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
  await tap(await screen.findByText('撤回申请'))
  expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回入会申请？', confirmText: '撤回' }))
  expect(sent('withdraw')).toHaveLength(0)
  await tap(screen.getByText('撤回申请'))
  await waitFor(() => expect(sent('withdraw')).toEqual([{ action: 'withdraw', id: 'app-1', version: 1 }]))
  expect(await screen.findByText('↩️ 已撤回')).toBeTruthy()
  expect(screen.getByText('你撤回了这次申请。想入会的话，可以重新申请。')).toBeTruthy()
})

test('no application yet: says so with 申请入会; a failed read shows the plain error and 重试', async () => {
  backend({ 'membership.mine': () => errReply('NET.UNAVAILABLE', 'x') })
  render(<StatusPage />)
  expect(await screen.findByText('没能读到你的入会进度')).toBeTruthy()
  backend({ 'membership.mine': () => mine() })
  await tap(screen.getByText('重试'))
  expect(await screen.findByText('你还没有申请入会')).toBeTruthy()
  await tap(screen.getByText('申请入会'))
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/subpackages/join/pages/apply/index' })
})
