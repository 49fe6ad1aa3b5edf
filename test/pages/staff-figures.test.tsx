// 数据: one year's figures of an org (money in yuan), the records behind a figure, 办理时效, the unions
// below, 重新核对, 导出 Excel; and the records page.
import { render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import FiguresPage from '../../src/subpackages/staff/pages/figures/index'
import FigureRecordsPage from '../../src/subpackages/staff/pages/figure-records/index'
import { callFunction } from '../../src/services/transport'
import { STAFF_FIGURE_RECORDS_PAGE } from '../../src/services/workspace'
import { shanghaiDate } from '../../src/domain/calendar/working-days'
import { yearFigures, type YearFigures } from '../../src/domain/workspace/figures.rules'
import type { FigureRecordRow, FiguresReply, ReconcileReply } from '../../src/domain/workspace/workspace.api'
import { okReply, staff } from './fixtures'
import { asTaroEnv, button, type Handler, page, routeCalls, sent, tap } from './membership-fixtures'
import { federation, FED_ORG, FENGDA, grassroots, SCHOOL } from './mutual-aid-fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => jest.requireActual('./taro.mock').taroWithXlsx({ useRouter: jest.fn(() => ({ params: {} })) }))

const call = callFunction as jest.MockedFunction<typeof callFunction>
const taro = Taro as unknown as { useRouter: jest.Mock; openDocument: jest.Mock }
const admin = { ...staff, role: 'admin' as const, roleLabel: '管理员', org: null }
const YEAR = Number(shanghaiDate(new Date()).slice(0, 4))

/** A year's figures from the domain's own summing, with a few numbers set. */
const figures = (year: number, set: Partial<YearFigures> = {}): YearFigures => ({
  ...yearFigures(
    [
      {
        year,
        counts: { handled_aidClaim: 4, inTime_aidClaim: 3, hours_aidClaim: 4 * 60, handled_membershipApplication: 10, inTime_membershipApplication: 10, hours_membershipApplication: 10 * 30 },
      },
    ],
    year,
  ),
  ...set,
})

const COUNTY = figures(YEAR, { membersRecruited: 1234, membersTotal: 15820, legalRecoveredFen: 123_456_789, aidPaidFen: 5_000_000, legalAccepted: 18, stations: 12 })
const OWN = figures(YEAR, { membersRecruited: 34, membersTotal: 15820, legalRecoveredFen: 123_456_789, aidPaidFen: 0, legalAccepted: 18, stations: 12 })

function reply(year: number, orgId = 'org-fed', more: Partial<FiguresReply> = {}): FiguresReply {
  const name = orgId === 'org-fed' ? '广丰区总工会' : orgId === 'org-fengda' ? '江西丰达机械有限公司工会' : '广丰中学工会'
  return {
    year,
    org: { orgId, orgName: name, figures: { ...COUNTY, year } },
    own: { ...OWN, year },
    children:
      orgId === 'org-fed'
        ? [
            { orgId: 'org-fengda', orgName: '江西丰达机械有限公司工会', figures: figures(year, { membersRecruited: 1200, membersTotal: 3000, legalAccepted: 0, aidPaidFen: 5_000_000 }) },
            { orgId: 'org-school', orgName: '广丰中学工会', figures: figures(year) },
          ]
        : [],
    years: [YEAR, YEAR - 1],
    lastCheck: { at: '2026-11-21T18:00:00.000Z', differences: 0, records: 5230 },
    ...more,
  }
}

const EXPORT = { fileName: '数据.xlsx', contentBase64: 'UEsDBAo=', rows: 13 }

function backend(me: typeof staff, more: Record<string, Handler> = {}) {
  routeCalls(call, {
    'session.me': () => okReply(me),
    'workspace.figures': (d) => okReply(reply(Number(d.year), (d.orgId as string | undefined) ?? (me.role === 'grassroots_staff' ? 'org-fengda' : 'org-fed'))),
    'admin.listOrgs': () => okReply({ orgs: [FED_ORG, FENGDA, SCHOOL] }),
    'workspace.exportFigures': () => okReply(EXPORT),
    ...more,
  })
}

const lines = () => within(screen.getByRole('list', { name: `${YEAR} 年的数据` })).getAllByRole('listitem')

asTaroEnv('weapp')
beforeEach(() => {
  jest.clearAllMocks()
  taro.useRouter.mockReturnValue({ params: {} })
})

test('the figures of this year: counts with their unit, money from fen in yuan with separators; 其中本级 when unions below count too', async () => {
  backend(federation)
  render(<FiguresPage />)
  expect(await screen.findByText(`${YEAR} 年的数据`)).toBeTruthy()
  expect(sent(call, 'figures')).toEqual([{ action: 'figures', year: YEAR }])
  const byLabel = Object.fromEntries(lines().map((l) => [l.getAttribute('aria-label')?.split('：')[0], l]))
  expect(byLabel['发展会员'].getAttribute('aria-label')).toBe('发展会员：1,234 人')
  expect(within(byLabel['发展会员']).getByText('其中本级 34 人')).toBeTruthy()
  expect(byLabel['会员总数（年底）'].getAttribute('aria-label')).toBe('会员总数（年底）：15,820 人')
  expect(within(byLabel['会员总数（年底）']).queryByText(/其中本级/)).toBeNull()
  expect(within(byLabel['为职工追回金额']).getByText('1,234,567.89 元')).toBeTruthy()
  expect(within(byLabel['理赔金额']).getByText('50,000 元')).toBeTruthy()
  expect(within(byLabel['理赔金额']).getByText('其中本级 0 元')).toBeTruthy()
  expect(within(byLabel['爱心驿站']).getByText('12 个')).toBeTruthy()
  expect(lines()).toHaveLength(13)
  expect(screen.getByText('上次核对：11月22日 02:00，全部一致')).toBeTruthy()
})

test('tapping a figure opens its records with the list, year, org and name', async () => {
  backend(federation)
  render(<FiguresPage />)
  await screen.findByText(`${YEAR} 年的数据`)
  await tap(lines().find((l) => l.getAttribute('aria-label')?.startsWith('理赔金额'))!)
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({
    url: `${STAFF_FIGURE_RECORDS_PAGE}?list=aidClaimsPaid&year=${YEAR}&orgId=org-fed&title=${encodeURIComponent('理赔金额')}`,
  })
  await tap(lines().find((l) => l.getAttribute('aria-label')?.startsWith('帮助职工'))!)
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({
    url: `${STAFF_FIGURE_RECORDS_PAGE}?list=legalClosed&year=${YEAR}&orgId=org-fed&title=${encodeURIComponent('帮助职工')}`,
  })
})

test('办理时效: handled, average days and share in time per type; none decided is said in words', async () => {
  backend(grassroots)
  render(<FiguresPage />)
  const list = await screen.findByRole('list', { name: '办理时效' })
  const row = (label: string) => within(list).getByRole('listitem', { name: label }).textContent
  expect(row('互助保障')).toBe('互助保障办结 4 件，平均 2.5 天，按期 75%')
  expect(row('入会')).toBe('入会办结 10 件，平均 1.3 天，按期 100%')
  expect(row('驿站报修')).toBe('驿站报修这一年还没有办结的')
})

test('grassroots staff see their own union: no org choice and no 重新核对', async () => {
  backend(grassroots)
  render(<FiguresPage />)
  expect(await screen.findByText('江西丰达机械有限公司工会')).toBeTruthy()
  expect(screen.queryByText('换一个工会')).toBeNull()
  expect(screen.queryByText('重新核对')).toBeNull()
  expect(screen.queryByText(/下级工会/)).toBeNull()
  expect(call).not.toHaveBeenCalledWith('admin', expect.anything())
})

test('the year tabs come from the reply; another year is asked for', async () => {
  backend(grassroots)
  render(<FiguresPage />)
  await screen.findByText(`${YEAR} 年的数据`)
  expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual([`${YEAR} 年`, `${YEAR - 1} 年`])
  expect(screen.getByRole('tab', { name: `${YEAR} 年` }).getAttribute('aria-selected')).toBe('true')
  await tap(screen.getByRole('tab', { name: `${YEAR - 1} 年` }))
  expect(await screen.findByText(`${YEAR - 1} 年的数据`)).toBeTruthy()
  expect(sent(call, 'figures').at(-1)).toEqual({ action: 'figures', year: YEAR - 1 })
})

test('federation: another union from the list, or from the unions below (folded, with their main numbers)', async () => {
  backend(federation)
  render(<FiguresPage />)
  await screen.findByText(`${YEAR} 年的数据`)
  await tap(button('换一个工会'))
  expect(sent(call, 'listOrgs')).toEqual([{ action: 'listOrgs' }])
  await tap(await screen.findByRole('radio', { name: /广丰中学工会/ }))
  await waitFor(() => expect(sent(call, 'figures').at(-1)).toEqual({ action: 'figures', year: YEAR, orgId: 'org-school' }))
  expect(await screen.findByText('广丰中学工会', { selector: '.figure-org__name, .figure-org__name *' })).toBeTruthy()

  await tap(button('换一个工会'))
  await tap(await screen.findByRole('radio', { name: /广丰区总工会/ }))
  const fold = await screen.findByRole('button', { name: /下级工会（2 个）/ })
  expect(fold.getAttribute('aria-expanded')).toBe('false')
  expect(screen.queryByRole('list', { name: '下级工会' })).toBeNull()
  await tap(fold)
  const fengda = within(screen.getByRole('list', { name: '下级工会' })).getByRole('listitem', { name: '江西丰达机械有限公司工会' })
  expect(Array.from(fengda.querySelectorAll('.figure-child__line'), (l) => l.textContent)).toEqual([
    '发展会员：1,200 人',
    '会员总数（年底）：3,000 人',
    '法律援助受理：0 件',
    '理赔金额：50,000 元',
  ])
  await tap(within(fengda).getByRole('button', { name: '看江西丰达机械有限公司工会的全部数据' }))
  await waitFor(() => expect(sent(call, 'figures').at(-1)).toEqual({ action: 'figures', year: YEAR, orgId: 'org-fengda' }))
  expect(Taro.pageScrollTo).toHaveBeenCalled()
})

test('重新核对: differences found and repaired are said in plain words, and the figures are read again', async () => {
  const found: ReconcileReply = { at: '2026-11-22T03:00:00.000Z', records: 5230, repaired: true, differences: [1, 2, 3].map((i) => ({ cell: `${YEAR}|org-fengda`, key: `k${i}`, counted: i, recomputed: i + 1 })) }
  let checked = false
  routeCalls(call, {
    'session.me': () => okReply(admin),
    'workspace.figures': (d) => okReply(reply(Number(d.year), 'org-fed', checked ? { lastCheck: { at: found.at, differences: 3, records: 5230 } } : {})),
    'workspace.reconcile': () => {
      checked = true
      return okReply(found)
    },
  })
  render(<FiguresPage />)
  await tap(await screen.findByText('重新核对'))
  expect(sent(call, 'reconcile')).toEqual([{ action: 'reconcile' }])
  expect(await screen.findByText('刚才核对完了：查了 5,230 条记录，有 3 处数字和记录对不上，已经按记录改好了。')).toBeTruthy()
  expect(await screen.findByText('上次核对：11月22日 11:00，有 3 处不一致')).toBeTruthy()
  expect(sent(call, 'figures')).toHaveLength(2)
})

test('重新核对 with everything right, with a difference not repaired, and one that fails', async () => {
  let answer = okReply<ReconcileReply>({ at: '2026-11-22T03:00:00.000Z', records: 12, repaired: false, differences: [] })
  backend(federation, { 'workspace.reconcile': () => answer })
  render(<FiguresPage />)
  await tap(await screen.findByText('重新核对'))
  expect(await screen.findByText('刚才核对完了：查了 12 条记录，数字全部一致。')).toBeTruthy()
  answer = okReply<ReconcileReply>({ at: '2026-11-22T03:00:00.000Z', records: 12, repaired: false, differences: [{ cell: `${YEAR}|org-fed`, key: 'aidEnrolled', counted: 5, recomputed: 6 }] })
  await tap(button('重新核对'))
  expect(await screen.findByText('刚才核对完了：查了 12 条记录，有 1 处数字和记录对不上，还没有改过来。请联系负责小程序的技术人员。')).toBeTruthy()
  answer = { ok: false, error: { code: 'NET.UNAVAILABLE', message: 'x' } } as never
  await tap(button('重新核对'))
  await waitFor(() => expect(screen.getAllByRole('alert').length).toBeGreaterThan(0))
  expect(screen.queryByText(/刚才核对完了/)).toBeNull()
})

test('导出 Excel sends the year and the union chosen and opens the sheet', async () => {
  backend(federation)
  render(<FiguresPage />)
  await tap(await screen.findByText('📄 导出表格'))
  expect(sent(call, 'exportFigures')).toEqual([{ action: 'exportFigures', year: YEAR }])
  expect(taro.openDocument).toHaveBeenCalledWith({ filePath: 'wxfile://usr/数据.xlsx', fileType: 'xlsx', showMenu: true })
  expect(await screen.findByText(/已导出 .* 年的数据，共 13 行。/)).toBeTruthy()
  expect(screen.getByText(/表格里只有数字，没有个人信息。/)).toBeTruthy()

  await tap(screen.getByRole('button', { name: /下级工会/ }))
  await tap(screen.getByRole('button', { name: '看广丰中学工会的全部数据' }))
  await tap(screen.getByRole('tab', { name: `${YEAR - 1} 年` }))
  await tap(await screen.findByText('📄 导出表格'))
  expect(sent(call, 'exportFigures')[1]).toEqual({ action: 'exportFigures', year: YEAR - 1, orgId: 'org-school' })
})

// ---- the records behind one figure --------------------------------------------------------------

const PAID: FigureRecordRow = { id: 'claim-1', title: '王*明', sub: '住院医疗 · 第 2 次', date: `${YEAR}-03-05`, amountFen: 1_234_550, orgName: '江西丰达机械有限公司工会' }
const PAID2: FigureRecordRow = { ...PAID, id: 'claim-2', title: '刘*', sub: '意外伤害', date: `${YEAR}-04-01`, amountFen: 80_000 }
const JOINED: FigureRecordRow = { id: 'm-1', title: '李*华', sub: '农民工', date: '2025-12-30T02:00:00.000Z', amountFen: null, orgName: '广丰中学工会' }
const ENROLLED: FigureRecordRow = { id: 'e-1', title: '赵*', sub: '住院医疗 · 1 份', date: '2021-01-01 至 2021-12-31', amountFen: null, orgName: '广丰中学工会' }

function records(list: Handler) {
  routeCalls(call, {
    'session.me': () => okReply(federation),
    'workspace.figureRecords': list,
    'workspace.exportRecords': () => okReply({ fileName: '理赔金额.xlsx', contentBase64: 'UEsDBAo=', rows: 2 }),
  })
}

test('records: the list asked for from the link, with amount, day and union; 加载更多; 导出 Excel', async () => {
  taro.useRouter.mockReturnValue({ params: { list: 'aidClaimsPaid', year: String(YEAR), orgId: 'org-fed', title: encodeURIComponent('理赔金额') } })
  records((d) => (d.cursor ? page([PAID2]) : page([PAID], 20)))
  render(<FigureRecordsPage />)
  const first = await screen.findByRole('listitem', { name: '王*明' })
  expect(screen.getByText(`${YEAR} 年 · 理赔金额`)).toBeTruthy()
  expect(sent(call, 'figureRecords')).toEqual([{ action: 'figureRecords', list: 'aidClaimsPaid', year: YEAR, orgId: 'org-fed' }])
  expect(within(first).getByText('住院医疗 · 第 2 次')).toBeTruthy()
  expect(within(first).getByText('12,345.50 元')).toBeTruthy()
  expect(within(first).getByText('3月5日')).toBeTruthy()
  expect(within(first).getByText('江西丰达机械有限公司工会')).toBeTruthy()

  await tap(button('加载更多'))
  expect(await screen.findByRole('listitem', { name: '刘*' })).toBeTruthy()
  expect(sent(call, 'figureRecords')[1]).toEqual({ action: 'figureRecords', list: 'aidClaimsPaid', year: YEAR, orgId: 'org-fed', cursor: 20 })

  await tap(button('📄 导出表格'))
  expect(sent(call, 'exportRecords')).toEqual([{ action: 'exportRecords', list: 'aidClaimsPaid', year: YEAR, orgId: 'org-fed' }])
  expect(await screen.findByText(/已导出 2 条记录。/)).toBeTruthy()
})

test('records without money show no amount; a broken link asks nothing', async () => {
  taro.useRouter.mockReturnValue({ params: { list: 'membersRecruited', year: '2025', title: '发展会员' } })
  records(() => page([JOINED, ENROLLED]))
  const { unmount } = render(<FigureRecordsPage />)
  const row = await screen.findByRole('listitem', { name: '李*华' })
  expect(within(row).queryByText(/元/)).toBeNull()
  expect(within(row).getByText('12月30日 10:00')).toBeTruthy()
  expect(within(screen.getByRole('listitem', { name: '赵*' })).getByText('2021年1月1日 至 2021年12月31日')).toBeTruthy()
  expect(sent(call, 'figureRecords')).toEqual([{ action: 'figureRecords', list: 'membersRecruited', year: 2025 }])
  unmount()

  jest.clearAllMocks()
  taro.useRouter.mockReturnValue({ params: { list: 'everything', year: '2025' } })
  records(() => page([JOINED]))
  render(<FigureRecordsPage />)
  expect(await screen.findByText(/这个链接不对/)).toBeTruthy()
  expect(sent(call, 'figureRecords')).toEqual([])
})
