// 法律援助规则: staff read the rule table; the admin changes it (money in yuan, checked before sending).
import { render, screen, waitFor } from '@testing-library/react'
import LegalRulesPage from '../../src/subpackages/staff/pages/legal-rules/index'
import { callFunction } from '../../src/services/transport'
import { DEMO_LEGAL_AID_RULES, type LegalAidRules } from '../../src/domain/legal-aid/legal-aid.rules'
import { errReply, okReply, staff } from './fixtures'
import { button, fieldOf, type Handler, routeCalls, sent, tap, type } from './membership-fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))

const call = callFunction as jest.MockedFunction<typeof callFunction>
const admin = { ...staff, role: 'admin' as const, roleLabel: '管理员', org: null }

function backend(me: typeof staff, more: Record<string, Handler> = {}) {
  routeCalls(call, { 'session.me': () => okReply(me), 'legalAid.rules': () => okReply({ rules: DEMO_LEGAL_AID_RULES }), ...more })
}

const rows = () => screen.getAllByRole('listitem').map((r) => r.textContent)

beforeEach(() => jest.clearAllMocks())

test('staff read every number with what it means, and are told where the minimum wage comes from', async () => {
  backend(staff)
  render(<LegalRulesPage />)
  expect(await screen.findByText('法律援助的规则')).toBeTruthy()
  expect(rows()).toEqual([
    '援助金额起点：1,000 元要讨的钱达到 1,000 元，才能免费代理打官司。',
    '当地月最低工资：1,850 元家里每人每月收入低于 1,850 元，才算经济困难。',
    '审核期限：7 个工作日收到求助后 7 个工作日内决定帮不帮；等职工补材料的日子不算。',
    '指派期限：7 个工作日决定帮以后 7 个工作日内指派律师或法律工作者。',
    '时效提醒：60 天离申请劳动仲裁的最后一天还有 60 天时，开始提醒。',
    '时效紧急：30 天还剩 30 天时算紧急，排在最前面先办。',
    '群体性人数：10 人同一件事有 10 人或更多，算群体性，要马上上报。',
  ])
  expect(screen.getByRole('note').textContent).toContain('当地月最低工资一定要照抄省里现在公布的最低工资标准')
  expect(screen.getByText(/只有管理员能修改/)).toBeTruthy()
  expect(screen.queryByText('修改规则')).toBeNull()
})

test('admin changes the table: a wrong number is shown at its box, then the exact numbers are saved', async () => {
  const next: LegalAidRules = { ...DEMO_LEGAL_AID_RULES, minimumWageFen: 195_050, reviewWorkingDays: 10, urgentDays: 20, groupThreshold: 8 }
  backend(admin, { 'legalAid.saveRules': () => okReply({ rules: next }) })
  render(<LegalRulesPage />)
  await tap(await screen.findByText('修改规则'))
  await waitFor(() => expect((document.querySelector('[aria-label="当地月最低工资（元）"] input') as HTMLInputElement | null)?.value).toBe('1850'))

  await type('当地月最低工资（元）', '1950.50')
  await type('审核期限（工作日）', '10')
  await type('时效紧急（天）', '90')
  await type('群体性人数（人）', '1')
  await tap(button('保存规则'))
  expect(fieldOf('时效紧急（天）').textContent).toContain('紧急天数不能比提醒天数多')
  expect(fieldOf('群体性人数（人）').textContent).toContain('群体性人数最少 2')
  expect(sent(call, 'saveRules')).toEqual([])

  await type('时效紧急（天）', '20')
  await type('群体性人数（人）', '8')
  await tap(button('保存规则'))
  expect(sent(call, 'saveRules')).toEqual([
    {
      action: 'saveRules',
      rules: { amountFloorFen: 100_000, minimumWageFen: 195_050, reviewWorkingDays: 10, assignWorkingDays: 7, limitationWarnDays: 60, urgentDays: 20, groupThreshold: 8 },
    },
  ])
  expect(await screen.findByText('✅ 已保存，从现在起按新的规则算。')).toBeTruthy()
  expect(rows()).toContain('当地月最低工资：1,950.50 元家里每人每月收入低于 1,950.50 元，才算经济困难。')
  expect(rows()).toContain('群体性人数：8 人同一件事有 8 人或更多，算群体性，要马上上报。')
})

test('the server\'s refusal is shown at the box it names and under the form; the edits stay', async () => {
  backend(admin, {
    'legalAid.saveRules': () => ({
      ok: false,
      error: { code: 'VALIDATION.FAILED', message: 'x', fieldErrors: { 'rules.minimumWageFen': '当地月最低工资太大了' } },
    }),
  })
  render(<LegalRulesPage />)
  await tap(await screen.findByText('修改规则'))
  await type('当地月最低工资（元）', '1950')
  await tap(button('保存规则'))
  expect(sent(call, 'saveRules')).toHaveLength(1)
  expect(fieldOf('当地月最低工资（元）').textContent).toContain('当地月最低工资太大了')
  expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain('填写的内容有误，请看红字提示后改一下')
  expect((document.querySelector('[aria-label="当地月最低工资（元）"] input') as HTMLInputElement).value).toBe('1950')

  await tap(button('不改了'))
  expect(screen.getByText('当地月最低工资：1,850 元')).toBeTruthy()
})

test('a failed read offers 重试', async () => {
  backend(staff, { 'legalAid.rules': () => errReply('NET.UNAVAILABLE', 'x') })
  render(<LegalRulesPage />)
  expect(await screen.findByText('没能读到法律援助的规则')).toBeTruthy()
  expect(button('重试')).toBeTruthy()
})
