// 互助保障规则: staff read the rule versions plan by plan; the admin adds a version from the latest one.
import { render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import AidRulesPage from '../../src/subpackages/staff/pages/aid-rules/index'
import { callFunction } from '../../src/services/transport'
import { DEMO_PLAN_RULES, type PlanRuleVersion } from '../../src/domain/mutual-aid/mutual-aid.rules'
import type { RulesReply } from '../../src/domain/mutual-aid/mutual-aid.api'
import { MUTUAL_AID_ERR } from '../../src/domain/mutual-aid/mutual-aid.constants'
import { errReply, okReply, staff } from './fixtures'
import { button, fieldOf, type Handler, pickDate, routeCalls, sent, tap, type } from './membership-fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => jest.requireActual('./taro.mock').taroWith())

const call = callFunction as jest.MockedFunction<typeof callFunction>
const admin = { ...staff, role: 'admin' as const, roleLabel: '管理员', org: null }

type Inpatient = Extract<PlanRuleVersion, { kind: 'inpatient' }>
type Critical = Extract<PlanRuleVersion, { kind: 'critical_illness' }>
const INPATIENT = DEMO_PLAN_RULES[0] as Inpatient
/** An older inpatient version, replaced on 2024-01-01. */
const INPATIENT_2023: Inpatient = { ...INPATIENT, effectiveFrom: '2023-01-01', inpatient: { ...INPATIENT.inpatient, deductibleFen: 50_000 } }
/** A critical-illness version that starts next year: not in force yet. */
const CRITICAL_2027: Critical = { ...(DEMO_PLAN_RULES[1] as Critical), effectiveFrom: '2027-01-01', annualCapFen: 3_000_000 }
const RULES: RulesReply = { versions: [INPATIENT_2023, ...DEMO_PLAN_RULES, CRITICAL_2027], today: '2026-11-20' }

function backend(me: typeof staff, more: Record<string, Handler> = {}) {
  routeCalls(call, { 'session.me': () => okReply(me), 'mutualAid.rules': () => okReply(RULES), ...more })
}

const plan = (name: string) => screen.getByRole('group', { name })
const versions = (name: string) => within(plan(name)).getAllByRole('listitem')

/** Opens 新建一版 of the inpatient plan. */
async function newInpatientVersion() {
  await tap(within(await screen.findByRole('group', { name: '职工住院医疗互助保障' })).getByText('新建一版'))
  expect(screen.getByText('新建「职工住院医疗互助保障」的一版')).toBeTruthy()
}

beforeEach(() => jest.clearAllMocks())

test('staff read every plan version by version, in plain words, with nothing to change', async () => {
  backend(staff)
  render(<AidRulesPage />)
  expect(await screen.findByText('职工住院医疗互助保障')).toBeTruthy()
  expect(screen.getAllByRole('group').map((g) => g.getAttribute('aria-label'))).toEqual([
    '职工住院医疗互助保障',
    '职工重大疾病互助保障',
    '职工意外伤害互助保障',
    '女职工特殊疾病互助保障',
  ])

  const [now, before] = versions('职工住院医疗互助保障')
  expect(now.textContent).toContain('2024年1月1日 起生效正在用')
  expect(now.textContent).toContain('管 2024年1月1日 起出的事')
  expect(now.textContent).toContain('起付线 650 元，一年里第一次住院 1,300 元')
  expect(now.textContent).toContain('超过起付线的自付部分补助 50%，每次住院每份最多 8,000 元')
  expect(now.textContent).toContain('每年每份最多补助 20,000 元')
  expect(now.textContent).toContain('等待期 30 天')
  expect(now.textContent).toContain('第 31 到 90 天是减额期，按 50% 补助')
  expect(now.textContent).toContain('出事后 730 天内申请')
  expect(now.textContent).toContain('已生效，不能再改；要改请新建一版')
  expect(before.textContent).toContain('以前用的')
  expect(before.textContent).toContain('管 2023年1月1日 到 2023年12月31日 出的事')
  expect(before.textContent).toContain('起付线 500 元')

  const [later] = versions('职工重大疾病互助保障')
  expect(later.textContent).toContain('2027年1月1日 起生效还没生效')
  expect(later.textContent).toContain('还没生效，管理员还能修改。')
  expect(later.textContent).toContain('第一次确诊清单里的 12 种重大疾病，每份补助 10,000 元')
  expect(versions('职工意外伤害互助保障')[0].textContent).toContain('住院每天每份补助 20 元，最多 180 天')
  expect(versions('女职工特殊疾病互助保障')[0].textContent).toContain('第一类 6,000 元，第二类 3,000 元，第三类 2,000 元，第四类 1,000 元')

  expect(screen.getByText(/只有管理员能修改/)).toBeTruthy()
  expect(screen.queryByText('新建一版')).toBeNull()
  expect(screen.queryByText('修改这一版')).toBeNull()
})

test('admin creates an inpatient version from the latest one: yuan typed become fen, the date must be after today, everything else is copied', async () => {
  const created: Inpatient = {
    ...INPATIENT,
    effectiveFrom: '2027-01-01',
    waitingDays: 60,
    annualCapFen: 2_500_000,
    inpatient: { deductibleFen: 80_000, firstStayDeductibleFen: 160_050, ratioPct: 60, perStayCapFen: 1_000_000 },
  }
  backend(admin, { 'mutualAid.saveRuleVersion': () => okReply<RulesReply>({ ...RULES, versions: [...RULES.versions, created] }) })
  render(<AidRulesPage />)
  await newInpatientVersion()
  // the numbers start as the latest version's, in yuan
  const box = (label: string) => (document.querySelector(`[aria-label="${label}"] input`) as HTMLInputElement | null)?.value
  await waitFor(() => expect(box('起付线（元）')).toBe('650'))
  expect(box('第一次住院的起付线（元）')).toBe('1300')
  expect(box('每年最高补助（元，每份）')).toBe('20000')

  await type('起付线（元）', '800')
  await type('第一次住院的起付线（元）', '1600.50')
  await type('补助比例（%）', '60')
  await type('每次住院最高补助（元，每份）', '10000')
  await type('等待期（天）', '60')
  await type('每年最高补助（元，每份）', '25000')

  await tap(button('保存新的一版'))
  expect(fieldOf('生效日期').textContent).toContain('请选生效日期')
  await pickDate(0, '2026-11-20')
  await tap(button('保存新的一版'))
  expect(fieldOf('生效日期').textContent).toContain('生效日期要选今天（2026年11月20日）以后的日子')
  expect(sent(call, 'saveRuleVersion')).toEqual([])

  await pickDate(0, '2027-01-01')
  await tap(button('保存新的一版'))
  expect(sent(call, 'saveRuleVersion')).toEqual([{ action: 'saveRuleVersion', rule: created }])

  expect(await screen.findByText(/已保存：「职工住院医疗互助保障」从 2027年1月1日 起按这一版算/)).toBeTruthy()
  const [next, now] = versions('职工住院医疗互助保障')
  expect(next.textContent).toContain('2027年1月1日 起生效还没生效')
  expect(next.textContent).toContain('起付线 800 元，一年里第一次住院 1,600.50 元')
  expect(now.textContent).toContain('管 2024年1月1日 到 2026年12月31日 出的事')
})

test('a wrong number is shown next to its box and nothing is sent; a locked version is refused in the server\'s words', async () => {
  backend(admin, {
    'mutualAid.saveRuleVersion': () => ({
      ok: false,
      error: { ...MUTUAL_AID_ERR.RULE_LOCKED, fieldErrors: { 'rule.effectiveFrom': MUTUAL_AID_ERR.RULE_LOCKED.message } },
    }),
  })
  render(<AidRulesPage />)
  await newInpatientVersion()
  await pickDate(0, '2027-01-01')
  await type('第一次住院的起付线（元）', '600')
  await type('补助比例（%）', '120')
  await type('每次住院最高补助（元，每份）', '8000.123')
  await type('等待期（天）', '3.5')
  await tap(button('保存新的一版'))
  expect(fieldOf('第一次住院的起付线（元）').textContent).toContain('第一次住院的起付线不能比平时的起付线低')
  expect(fieldOf('补助比例（%）').textContent).toContain('补助比例在 0 到 100 之间')
  expect(fieldOf('每次住院最高补助（元，每份）').textContent).toContain('金额最多写到分')
  expect(fieldOf('等待期（天）').textContent).toContain('只能填整数')
  expect(sent(call, 'saveRuleVersion')).toEqual([])

  await type('第一次住院的起付线（元）', '1300')
  await type('补助比例（%）', '50')
  await type('每次住院最高补助（元，每份）', '8000')
  await type('等待期（天）', '30')
  await tap(button('保存新的一版'))
  expect(sent(call, 'saveRuleVersion')).toHaveLength(1)
  expect(fieldOf('生效日期').textContent).toContain('这一版规则已经生效，不能再改')
  expect(fieldOf('补助比例（%）').textContent).not.toContain('0 到 100')
  const alerts = screen.getAllByRole('alert').map((a) => a.textContent)
  expect(alerts.some((t) => t?.startsWith('这一版规则已经生效，不能再改。要改规则，请新建一版'))).toBe(true)
  expect(button('保存新的一版')).toBeTruthy()
})

test('a version not yet in force can be changed on its own date; 不改了 goes back', async () => {
  backend(admin, { 'mutualAid.saveRuleVersion': () => okReply(RULES) })
  render(<AidRulesPage />)
  await tap(within(await screen.findByRole('group', { name: '职工重大疾病互助保障' })).getByText('修改这一版'))
  expect(screen.getByText('修改「职工重大疾病互助保障」2027年1月1日起的一版')).toBeTruthy()
  expect(Taro.pageScrollTo).toHaveBeenCalledWith({ scrollTop: 0, duration: 0 })
  expect(screen.getByText('2027年1月1日（要换日期，请新建一版）')).toBeTruthy()
  await type('每份补助金额（元）', '12000')
  await tap(button('保存修改'))
  expect(sent(call, 'saveRuleVersion')).toEqual([{ action: 'saveRuleVersion', rule: { ...CRITICAL_2027, critical: { ...CRITICAL_2027.critical, sumPerShareFen: 1_200_000 } } }])

  await tap(within(await screen.findByRole('group', { name: '职工意外伤害互助保障' })).getByText('新建一版'))
  await tap(button('不改了'))
  expect(screen.getAllByRole('group')).toHaveLength(4)
})

test('no plans yet, and a failed read that offers 重试', async () => {
  backend(staff, { 'mutualAid.rules': () => okReply<RulesReply>({ versions: [], today: '2026-11-20' }) })
  const { unmount } = render(<AidRulesPage />)
  expect(await screen.findByText('还没有任何互助保障的规则。')).toBeTruthy()
  unmount()

  backend(staff, { 'mutualAid.rules': () => errReply('NET.UNAVAILABLE', 'x') })
  render(<AidRulesPage />)
  expect(await screen.findByText('没能读到互助保障的规则')).toBeTruthy()
  expect(button('重试')).toBeTruthy()
})
