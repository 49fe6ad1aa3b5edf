// 我的办理 (issue 9): what waits for the worker first (what to add, a button to do it), drafts to continue,
// 办理中 and 已办完, the empty state, pull-down and coming back; one request with its history; the tile on
// 首页 and the row on 我的; and asking for subscribe messages inside the submit taps (weapp only), never
// holding the send back, reported to notify.
import { act, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { showPageAgain } from './taro.mock'
import TrackPage from '../../src/subpackages/track/pages/index/index'
import DetailPage from '../../src/subpackages/track/pages/detail/index'
import ReportPage from '../../src/subpackages/stations/pages/report/index'
import ClaimPage from '../../src/subpackages/aid/pages/claim/index'
import Index from '../../src/pages/index/index'
import Mine from '../../src/pages/mine/index'
import { TRACK_DETAIL_PAGE, TRACK_PAGE, trackDetailUrl } from '../../src/services/my-requests'
import { askToSubscribe, resultsByKind, SUBSCRIBE_MOMENTS } from '../../src/services/subscribe'
import { JOIN_APPLY_PAGE, JOIN_STATUS_PAGE, TRANSFER_PAGE } from '../../src/services/membership'
import { AID_CLAIM_NEW_PAGE, AID_CLAIM_PAGE } from '../../src/services/mutual-aid'
import { LEGAL_APPLY_PAGE, LEGAL_CASE_PAGE } from '../../src/services/legal-aid'
import { MY_REPORTS_PAGE, MY_SUGGESTIONS_PAGE } from '../../src/services/stations'
import { HOME_PAGE } from '../../src/services/routes'
import { DRAFT_PAGES, REQUEST_PAGES, type ListReply, type MyRequestRow, type TimelineReply } from '../../src/domain/requests/my-requests.api'
import { TEMPLATE_IDS } from '../../src/domain/notify/templates'
import { uploadPicked } from '../../src/services/upload'
import { errReply, okReply, worker } from './fixtures'
import { backend, sent, tap } from './join.fixtures'
import { CLAIM, consents } from './aid.fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('../../src/services/upload', () => ({ uploadPicked: jest.fn() }))
jest.mock('@tarojs/taro', () => {
  const pull: { cb: (() => void) | null } = { cb: null }
  return jest.requireActual('./taro.mock').taroWith({
    __pull: pull,
    usePullDownRefresh: (cb: () => void) => {
      pull.cb = cb
    },
    stopPullDownRefresh: jest.fn(() => Promise.resolve()),
    useRouter: jest.fn(() => ({ params: {} })),
    chooseMedia: jest.fn(),
    requestSubscribeMessage: jest.fn(),
  })
})

const taro = Taro as unknown as {
  __store: Map<string, unknown>
  __pull: { cb: (() => void) | null }
  stopPullDownRefresh: jest.Mock
  useRouter: jest.Mock
  chooseMedia: jest.Mock
  requestSubscribeMessage: jest.Mock
}
const upload = uploadPicked as jest.MockedFunction<typeof uploadPicked>

const row = (patch: Partial<MyRequestRow> & Pick<MyRequestRow, 'type' | 'id'>): MyRequestRow => ({
  key: `${patch.type}:${patch.id}`,
  typeLabel: '入会',
  number: patch.id.slice(-6).toUpperCase(),
  summary: '',
  step: '工会在审核',
  group: 'open',
  orgName: '江西丰达机械有限公司工会',
  dueText: null,
  overdue: false,
  todo: null,
  reminder: null,
  outcome: null,
  submittedAt: '2026-11-20T02:00:00.000Z',
  updatedAt: '2026-11-21T02:00:00.000Z',
  link: REQUEST_PAGES[patch.type],
  ...patch,
})

const CLAIM_ASKED = row({
  type: 'aidClaim',
  id: 'claim-00a3f9c2',
  typeLabel: '互助保障',
  summary: '职工住院医疗互助保障',
  step: '等你补充材料',
  group: 'todo',
  todo: {
    text: '请补充：出院小结（出院记录）',
    items: ['出院小结（出院记录）'],
    note: '出院小结只拍了第一页',
    deadline: '这个申请的期限到 2028年3月5日，请在这之前交上来',
    action: '去补充材料',
  },
  link: `${AID_CLAIM_PAGE}?id=claim-00a3f9c2`,
})
const CASE_RUNNING = row({
  type: 'legalAidCase',
  id: 'case-0000b71e',
  typeLabel: '法律援助',
  summary: '欠薪 · 上海宏达建筑劳务分公司',
  step: '工会在审核',
  orgName: '广丰区总工会',
  dueText: '工会在 12月4日 前告诉你受不受理',
  reminder: '申请劳动仲裁的最后一天是 12月20日，别错过',
  link: `${LEGAL_CASE_PAGE}?id=case-0000b71e`,
})
const JOIN_LATE = row({ type: 'membershipApplication', id: 'app-00c0ffee', summary: '江西丰达机械有限公司', dueText: '工会本该在 11月30日 前答复，已经过了期限。可以打 12351 问一问。', overdue: true })
const REPORT_FIXED = row({
  type: 'stationReport',
  id: 'rep-00d00d01',
  typeLabel: '驿站报修',
  summary: '白鹤中大道爱心驿站 · 饮水机坏了',
  step: '修好了',
  group: 'done',
  orgName: '广丰区总工会',
  outcome: { text: '修好了', tone: 'good' },
  link: `${MY_REPORTS_PAGE}?id=rep-00d00d01`,
})
const CLAIM_REJECTED = row({ type: 'aidClaim', id: 'claim-00e0e0e0', typeLabel: '互助保障', step: '没有通过', group: 'done', outcome: { text: '没有通过：超过了申请期限', tone: 'bad' } })

const LIST: ListReply = { items: [CLAIM_ASKED, CASE_RUNNING, JOIN_LATE, REPORT_FIXED, CLAIM_REJECTED], nextCursor: null, todo: [CLAIM_ASKED], draft: null }
const EMPTY: ListReply = { items: [], nextCursor: null, todo: [], draft: null }

const section = (name: string) => screen.getByRole('list', { name })
const cardOf = (name: string) => screen.getByRole('listitem', { name })

beforeEach(() => {
  jest.clearAllMocks()
  taro.__store.clear()
  taro.__pull.cb = null
  taro.useRouter.mockReturnValue({ params: {} })
})

describe('我的办理', () => {
  test('要你做的事 comes first with what to add and a button to do it; then 办理中 and 已办完', async () => {
    backend({ 'myRequests.list': () => okReply(LIST) })
    render(<TrackPage />)
    expect(await screen.findByText('要你做的事（1 件）')).toBeTruthy()
    expect(sent('list')).toEqual([{ action: 'list' }])

    const titles = Array.from(document.querySelectorAll('.section-title')).map((t) => t.textContent)
    expect(titles).toEqual(['要你做的事（1 件）', '办理中', '已办完'])

    const todo = within(section('要你做的事')).getByRole('listitem', { name: '互助保障 A3F9C2' })
    expect(within(todo).getByText('工会请你补充：')).toBeTruthy()
    expect(within(todo).getByText('· 出院小结（出院记录）')).toBeTruthy()
    expect(within(todo).getByText('工会说：“出院小结只拍了第一页”')).toBeTruthy()
    expect(within(todo).getByText('⏰ 这个申请的期限到 2028年3月5日，请在这之前交上来')).toBeTruthy()
    await tap(within(todo).getByText('去补充材料'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${AID_CLAIM_PAGE}?id=claim-00a3f9c2` })
    await tap(within(todo).getByText('看办理经过 ›'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `${TRACK_DETAIL_PAGE}?type=aidClaim&id=claim-00a3f9c2` })

    // the claim waiting for the worker is not repeated under 办理中
    const running = section('办理中')
    expect(within(running).getAllByRole('listitem').map((li) => li.getAttribute('aria-label'))).toEqual(['法律援助 00B71E', '入会 C0FFEE'])
    const legal = cardOf('法律援助 00B71E')
    expect(within(legal).getByText('欠薪 · 上海宏达建筑劳务分公司')).toBeTruthy()
    expect(within(legal).getByText('办理的工会：广丰区总工会')).toBeTruthy()
    expect(within(legal).getByText('工会在 12月4日 前告诉你受不受理').className).toBe('due')
    expect(within(legal).getByText('⚠️ 申请劳动仲裁的最后一天是 12月20日，别错过')).toBeTruthy()
    expect(within(cardOf('入会 C0FFEE')).getByText(/已经过了期限/).className).toBe('due due--late')
    await tap(legal)
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: trackDetailUrl('legalAidCase', 'case-0000b71e') })

    const done = section('已办完')
    expect(within(done).getByText('修好了').className).toContain('state--good')
    expect(within(done).getByText('没有通过：超过了申请期限').className).toContain('state--bad')
  })

  test('forms not sent yet: from the phone and the server’s 法律援助 draft, each with 接着填', async () => {
    taro.__store.set('join:draft:apply', { step: 2, name: '李建国', phone: '', incomeSource: '', work: {}, send: { key: 'k' } })
    // an aid draft with nothing chosen yet is not a draft to continue
    taro.__store.set('aid:draft:claim', { step: 1, planId: '', send: { key: 'k' } })
    backend({ 'myRequests.list': () => okReply({ ...EMPTY, draft: { kind: 'legalAidCase', savedAt: '2026-11-22T02:00:00.000Z', what: '欠薪', link: DRAFT_PAGES.legalAidCase } }) })
    render(<TrackPage />)
    const drafts = await screen.findByRole('list', { name: '还没交的草稿' })
    expect(within(drafts).getAllByRole('listitem').map((li) => li.getAttribute('aria-label'))).toEqual(['草稿 入会申请', '草稿 法律援助求助'])
    expect(within(drafts).getByText('欠薪')).toBeTruthy()
    expect(screen.queryByText('你还没有交过申请')).toBeNull()
    await tap(within(cardOf('草稿 入会申请')).getByText('接着填'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: JOIN_APPLY_PAGE })
    await tap(within(cardOf('草稿 法律援助求助')).getByText('接着填'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: LEGAL_APPLY_PAGE })

    // the join form was sent meanwhile: coming back, it is gone
    taro.__store.delete('join:draft:apply')
    await act(async () => showPageAgain())
    await waitFor(() => expect(screen.queryByRole('listitem', { name: '草稿 入会申请' })).toBeNull())
    expect(screen.getByRole('listitem', { name: '草稿 法律援助求助' })).toBeTruthy()
  })

  test('nothing yet: says so in plain words and leads back to 首页', async () => {
    backend({ 'myRequests.list': () => okReply(EMPTY) })
    render(<TrackPage />)
    expect(await screen.findByText('你还没有交过申请')).toBeTruthy()
    await tap(screen.getByText('回首页去办事'))
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: HOME_PAGE })
  })

  test('pull down and coming back read it again quietly; a failed quiet read keeps what is shown', async () => {
    let reply = okReply(LIST) as ReturnType<typeof okReply> | ReturnType<typeof errReply>
    backend({ 'myRequests.list': () => reply })
    render(<TrackPage />)
    await screen.findByText('要你做的事（1 件）')
    await act(async () => taro.__pull.cb?.())
    await waitFor(() => expect(sent('list')).toHaveLength(2))
    await waitFor(() => expect(taro.stopPullDownRefresh).toHaveBeenCalledTimes(1))

    // a weak network on coming back keeps what is shown
    reply = errReply('NET.UNAVAILABLE', '网络不太好')
    await act(async () => showPageAgain())
    await waitFor(() => expect(sent('list')).toHaveLength(3))
    expect(screen.getByText('要你做的事（1 件）')).toBeTruthy()
    expect(screen.queryByText('没能读到你办的事')).toBeNull()
  })

  test('a failed first read says so, and 重试 reads again', async () => {
    let reply: ReturnType<typeof okReply> | ReturnType<typeof errReply> = errReply('NET.UNAVAILABLE', '网络不太好')
    backend({ 'myRequests.list': () => reply })
    render(<TrackPage />)
    expect(await screen.findByText('没能读到你办的事')).toBeTruthy()
    reply = okReply(LIST)
    await tap(screen.getByText('重试'))
    expect(await screen.findByText('要你做的事（1 件）')).toBeTruthy()
  })

  test('加载更多 adds the next page under 办理中 / 已办完', async () => {
    backend({
      'myRequests.list': (d) =>
        d.cursor === 2 ? okReply({ ...EMPTY, items: [REPORT_FIXED] }) : okReply({ items: [CASE_RUNNING, JOIN_LATE], nextCursor: 2, todo: [], draft: null }),
    })
    render(<TrackPage />)
    await screen.findByText('办理中')
    expect(screen.queryByText('已办完')).toBeNull()
    await tap(screen.getByText('加载更多'))
    expect(await screen.findByText('已办完')).toBeTruthy()
    expect(sent('list')[1]).toEqual({ action: 'list', cursor: 2 })
    expect(screen.queryByText('加载更多')).toBeNull()
  })
})

describe('one request', () => {
  const DETAIL: TimelineReply = {
    item: CLAIM_ASKED,
    steps: [
      { at: '2026-11-20T02:00:00.000Z', label: '交了申请', who: '你', note: null },
      { at: '2026-11-21T03:00:00.000Z', label: '工会请你补充材料', who: '江西丰达机械有限公司工会', note: '出院小结只拍了第一页' },
    ],
  }

  test('where it is, the union, what to do with a big button to the claim page, and what happened', async () => {
    taro.useRouter.mockReturnValue({ params: { type: 'aidClaim', id: 'claim-00a3f9c2' } })
    backend({ 'myRequests.timeline': () => okReply(DETAIL) })
    render(<DetailPage />)
    expect(await screen.findByText('等你补充材料')).toBeTruthy()
    expect(sent('timeline')).toEqual([{ action: 'timeline', type: 'aidClaim', id: 'claim-00a3f9c2' }])
    expect(screen.getByText('编号 A3F9C2')).toBeTruthy()
    expect(screen.getByText('江西丰达机械有限公司工会')).toBeTruthy()
    expect(screen.getByText('要你做的事')).toBeTruthy()
    expect(screen.getByText('· 出院小结（出院记录）')).toBeTruthy()
    const steps = within(screen.getByRole('list', { name: '办理经过' })).getAllByRole('listitem')
    expect(steps.map((s) => s.textContent)).toEqual([expect.stringContaining('交了申请'), expect.stringContaining('工会请你补充材料')])
    await tap(screen.getByText('去补充材料'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${AID_CLAIM_PAGE}?id=claim-00a3f9c2` })
  })

  test('finished: how it ended, and a button to the area’s page', async () => {
    taro.useRouter.mockReturnValue({ params: { type: 'stationReport', id: 'rep-00d00d01' } })
    backend({ 'myRequests.timeline': () => okReply({ item: REPORT_FIXED, steps: [{ at: '2026-11-20T02:00:00.000Z', label: '报修：饮水机坏了', who: '你', note: null }] }) })
    render(<DetailPage />)
    expect((await screen.findAllByText('修好了')).length).toBe(2)
    expect(screen.queryByText('要你做的事')).toBeNull()
    await tap(screen.getByText('看全部详细情况'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${MY_REPORTS_PAGE}?id=rep-00d00d01` })
  })

  test('a link that names no known kind of request says it was not found, without calling the server', async () => {
    taro.useRouter.mockReturnValue({ params: { type: 'payroll', id: 'x' } })
    backend({})
    render(<DetailPage />)
    expect(await screen.findByText('没能读到这件事')).toBeTruthy()
    expect(sent('timeline')).toEqual([])
  })
})

describe('entries and routes', () => {
  test('首页 has a 我的办理 tile and 我的 a 我的办理 row', async () => {
    backend({ 'session.me': () => okReply(worker) })
    const { unmount } = render(<Index />)
    await tap(await screen.findByRole('button', { name: '我的办理' }))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: TRACK_PAGE })
    unmount()
    render(<Mine />)
    await tap(await screen.findByText(/我的办理/))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: TRACK_PAGE })
  })

  test('the rows link to the areas’ own pages', () => {
    expect(REQUEST_PAGES).toEqual({
      membershipApplication: JOIN_STATUS_PAGE,
      membershipTransfer: TRANSFER_PAGE,
      legalAidCase: LEGAL_CASE_PAGE,
      aidClaim: AID_CLAIM_PAGE,
      stationReport: MY_REPORTS_PAGE,
      stationSuggestion: MY_SUGGESTIONS_PAGE,
    })
    expect(DRAFT_PAGES).toEqual({ membershipApplication: JOIN_APPLY_PAGE, aidClaim: AID_CLAIM_NEW_PAGE, legalAidCase: LEGAL_APPLY_PAGE })
  })
})

describe('asking for subscribe messages', () => {
  const realEnv = process.env.TARO_ENV
  afterEach(() => {
    process.env.TARO_ENV = realEnv
  })
  const ids = (...keys: Array<keyof typeof TEMPLATE_IDS>) => keys.map((k) => TEMPLATE_IDS[k])

  test('报修 on weapp: the sheet opens inside the tap, the report goes at once without waiting for the answer, the answer goes to notify', async () => {
    process.env.TARO_ENV = 'weapp'
    taro.useRouter.mockReturnValue({ params: { id: 'st-baihe', name: encodeURIComponent('白鹤中大道爱心驿站') } })
    let answer: (v: Record<string, string>) => void = () => {}
    taro.requestSubscribeMessage.mockImplementation(() => new Promise((r) => (answer = r)))
    backend({ 'stations.report': () => okReply({ id: 'rep-1', state: 'submitted', stateLabel: '已提交，等待处理' }), 'notify.subscribe': () => okReply({}) })
    render(<ReportPage />)
    await tap(screen.getByRole('radio', { name: /饮水机坏了/ }))
    await tap(screen.getByText('提交报修'))
    expect(taro.requestSubscribeMessage).toHaveBeenCalledTimes(1)
    expect(taro.requestSubscribeMessage.mock.calls[0][0]).toEqual({ tmplIds: ids('status_changed', 'needs_info', 'decided') })
    // the person has not answered yet: the report is already in
    expect(await screen.findByText('✅ 报修已提交')).toBeTruthy()
    expect(sent('report')).toHaveLength(1)
    expect(sent('subscribe')).toEqual([])

    await act(async () => answer({ errMsg: 'requestSubscribeMessage:ok', [TEMPLATE_IDS.status_changed]: 'accept', [TEMPLATE_IDS.needs_info]: 'reject', [TEMPLATE_IDS.decided]: 'accept' }))
    await waitFor(() => expect(sent('subscribe')).toEqual([{ action: 'subscribe', results: { status_changed: 'accept', needs_info: 'reject', decided: 'accept' } }]))
  })

  test('an invalid form asks nothing; a sheet that fails or throws never stops the report', async () => {
    process.env.TARO_ENV = 'weapp'
    taro.useRouter.mockReturnValue({ params: { id: 'st-baihe', name: '' } })
    taro.requestSubscribeMessage.mockImplementation(() => {
      throw new Error('requestSubscribeMessage:fail can only be invoked by user TAP gesture')
    })
    backend({ 'stations.report': () => okReply({ id: 'rep-1', state: 'submitted', stateLabel: '已提交，等待处理' }) })
    render(<ReportPage />)
    await tap(screen.getByText('提交报修'))
    expect(taro.requestSubscribeMessage).not.toHaveBeenCalled()
    await tap(screen.getByRole('radio', { name: /微波炉坏了/ }))
    await tap(screen.getByText('提交报修'))
    expect(await screen.findByText('✅ 报修已提交')).toBeTruthy()
    expect(taro.requestSubscribeMessage).toHaveBeenCalledTimes(1)
  })

  test('我的办理 on weapp offers 开启到期提醒: one tap asks for reminders, asks and results (not shown on h5)', async () => {
    process.env.TARO_ENV = 'weapp'
    taro.requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', [TEMPLATE_IDS.reminder]: 'accept' })
    backend({ 'myRequests.list': () => okReply(LIST), 'notify.subscribe': () => okReply({}) })
    const { unmount } = render(<TrackPage />)
    await tap(await screen.findByText('🔔 开启到期提醒'))
    expect(taro.requestSubscribeMessage.mock.calls[0][0]).toEqual({ tmplIds: ids('reminder', 'needs_info', 'decided') })
    await waitFor(() => expect(sent('subscribe')).toEqual([{ action: 'subscribe', results: { reminder: 'accept' } }]))
    unmount()
    process.env.TARO_ENV = 'h5'
    render(<TrackPage />)
    await screen.findByText('要你做的事（1 件）')
    expect(screen.queryByText('🔔 开启到期提醒')).toBeNull()
  })

  test('not on weapp (h5, tests): nothing is asked', async () => {
    process.env.TARO_ENV = 'h5'
    taro.useRouter.mockReturnValue({ params: { id: 'st-baihe', name: '' } })
    backend({ 'stations.report': () => okReply({ id: 'rep-1', state: 'submitted', stateLabel: '已提交，等待处理' }) })
    render(<ReportPage />)
    await tap(screen.getByRole('radio', { name: /微波炉坏了/ }))
    await tap(screen.getByText('提交报修'))
    expect(await screen.findByText('✅ 报修已提交')).toBeTruthy()
    expect(taro.requestSubscribeMessage).not.toHaveBeenCalled()
  })

  test('补充材料 of a claim on weapp asks for progress and the result, and the documents go at once', async () => {
    process.env.TARO_ENV = 'weapp'
    taro.useRouter.mockReturnValue({ params: { id: 'claim-1' } })
    taro.requestSubscribeMessage.mockImplementation(() => new Promise(() => undefined))
    const fileId = 'b'.repeat(32)
    backend({
      'mutualAid.claimDetail': () =>
        okReply({ ...CLAIM, state: 'needs_docs', stateLabel: '需要补充材料', version: 2, askedDocuments: [{ code: 'discharge_summary', label: '出院小结（出院记录）' }], canResubmit: true }),
      'privacy.consentStatus': () => okReply(consents('granted')),
      'mutualAid.resubmit': () => okReply({ id: 'claim-1', state: 'submitted', stateLabel: '基层工会核对材料中', version: 3, computedFen: 427_500 }),
    })
    upload.mockResolvedValue(okReply({ fileId, name: '照片1.jpg', mime: 'image/jpeg', size: 1000 }))
    taro.chooseMedia.mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://summary.jpg', size: 1000, fileType: 'image' }] })
    render(<ClaimPage />)
    await tap(await screen.findByRole('button', { name: '拍照或选照片' }))
    await tap(screen.getByText('交给工会'))
    expect(taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ids('status_changed', 'decided') })
    await waitFor(() => expect(sent('resubmit')).toHaveLength(1))
  })

  test('a claim asks for at most three kinds, the payment among them; answers are mapped back to kinds', async () => {
    process.env.TARO_ENV = 'weapp'
    taro.requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', [TEMPLATE_IDS.paid]: 'accept', [TEMPLATE_IDS.decided]: 'ban', 'some-other-id': 'accept' })
    backend({ 'notify.subscribe': () => okReply({}) })
    await askToSubscribe('submitClaim')
    expect(taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ids('needs_info', 'decided', 'paid') })
    expect(sent('subscribe')).toEqual([{ action: 'subscribe', results: { paid: 'accept', decided: 'ban' } }])
    expect(SUBSCRIBE_MOMENTS.submitClaim).toContain('paid')
    expect(resultsByKind(['paid'], null)).toEqual({})

    // a refused sheet or a lost network is quiet
    taro.requestSubscribeMessage.mockRejectedValueOnce({ errMsg: 'requestSubscribeMessage:fail', errCode: 20004 })
    await expect(askToSubscribe('resubmit')).resolves.toBeUndefined()
    backend({ 'notify.subscribe': () => Promise.reject(new Error('offline')) })
    taro.requestSubscribeMessage.mockResolvedValueOnce({ [TEMPLATE_IDS.status_changed]: 'accept' })
    await expect(askToSubscribe('resubmit')).resolves.toBeUndefined()
  })
})
