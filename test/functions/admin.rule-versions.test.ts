/**
 * Versioned rule tables: every save of the holiday calendar, the 法律援助 rules and a 互助保障 plan version
 * appends a numbered copy in the save's own transaction, and the admin lists them with who and when.
 */
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import type { Envelope } from '../../src/domain/envelope'
import type { RuleHistoryReply } from '../../src/domain/staff/staff.schema'
import { DEMO_LEGAL_AID_RULES } from '../../src/domain/legal-aid/legal-aid.rules'
import { DEMO_PLAN_RULES } from '../../src/domain/mutual-aid/mutual-aid.rules'
import { errorCode, LIU, ok, ZHAO } from './admin.matrix'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

const invoke = <T = unknown>(fn: string, openid: string | null, event: unknown) => rt.invokeAs(openid, fn, event) as Promise<Envelope<T>>
const history = (tableId: string, cursor?: number) => invoke<RuleHistoryReply>('admin', ZHAO, cursor ? { action: 'ruleHistory', tableId, cursor } : { action: 'ruleHistory', tableId })
const versionsIn = async (tableId: string) => (await rt.emulator.db.find('ruleTableVersions', { tableId, version: { $gt: 0 } })) as Array<Record<string, unknown>>

test('a table never saved has no history', async () => {
  expect(ok(await history('workspace'))).toEqual({ tableId: 'workspace', tableLabel: '办理期限', versions: [], nextCursor: null })
})

test('法律援助 rules: each save appends the next version, with the audit entry; history lists them newest first with who and when', async () => {
  const first = { ...DEMO_LEGAL_AID_RULES, amountFloorFen: 200_000 }
  const second = { ...DEMO_LEGAL_AID_RULES, amountFloorFen: 250_000 }
  ok(await invoke('legalAid', ZHAO, { action: 'saveRules', rules: first }))
  ok(await invoke('legalAid', ZHAO, { action: 'saveRules', rules: second }))
  // refused saves keep no version
  expect(errorCode(await invoke('legalAid', ZHAO, { action: 'saveRules', rules: { ...second, urgentDays: 90, limitationWarnDays: 60 } }))).toBe('VALIDATION.INVALID')
  expect(errorCode(await invoke('legalAid', LIU, { action: 'saveRules', rules: second }))).toBe('AUTH.FORBIDDEN')

  const h = ok(await history('legalAid'))
  expect(h.tableLabel).toBe('法律援助规则')
  expect(h.versions.map((v) => [v.version, v.by, v.data.amountFloorFen])).toEqual([
    [2, '赵*', 250_000],
    [1, '赵*', 200_000],
  ])
  expect(Date.now() - Date.parse(h.versions[0].at)).toBeLessThan(60_000)
  expect(h.nextCursor).toBeNull()
  const audits = (await rt.emulator.db.find('audit', { action: 'legalAid.saveRules' })) as Array<{ detail: { version: number } }>
  expect(audits.map((a) => a.detail.version).sort()).toEqual([1, 2])
  ok(await invoke('legalAid', ZHAO, { action: 'saveRules', rules: DEMO_LEGAL_AID_RULES }))
  expect((await versionsIn('legalAid')).map((v) => v.version).sort()).toEqual([1, 2, 3])
})

test('holiday calendar: setCalendar now saves, versions and audits in one transaction', async () => {
  ok(await invoke('membership', ZHAO, { action: 'setCalendar', calendar: { year: 2098, holidays: ['2098-10-02', '2098-10-01', '2098-10-01'], workdays: [] } }))
  ok(await invoke('membership', ZHAO, { action: 'setCalendar', calendar: { year: 2098, holidays: ['2098-10-01'], workdays: [] } }))
  const h = ok(await history('calendar'))
  expect(h.versions.map((v) => [v.version, v.data])).toEqual([
    [2, { year: 2098, holidays: ['2098-10-01'], workdays: [] }],
    [1, { year: 2098, holidays: ['2098-10-01', '2098-10-02'], workdays: [] }],
  ])
  expect(rt.emulator.db.count('audit', { action: 'membership.setCalendar', 'target.id': '2098' })).toBe(2)
  expect(errorCode(await invoke('membership', ZHAO, { action: 'setCalendar', calendar: { year: 2098, holidays: ['2098-02-30'], workdays: [] } }))).toBe('VALIDATION.INVALID')
  expect(await versionsIn('calendar')).toHaveLength(2)
})

test('互助保障: a saved plan version is recorded; a locked one (in force) is not', async () => {
  const rule = { ...DEMO_PLAN_RULES.find((r) => r.planId === 'plan-inpatient')!, effectiveFrom: '2098-01-01' }
  ok(await invoke('mutualAid', ZHAO, { action: 'saveRuleVersion', rule }))
  expect(errorCode(await invoke('mutualAid', ZHAO, { action: 'saveRuleVersion', rule: DEMO_PLAN_RULES.find((r) => r.planId === 'plan-inpatient') }))).toBe('MUTUAL_AID.RULE_LOCKED')
  const h = ok(await history('mutualAid'))
  expect(h.versions).toHaveLength(1)
  expect(h.versions[0]).toMatchObject({ version: 1, by: '赵*', data: { planId: 'plan-inpatient', effectiveFrom: '2098-01-01' } })
})

test('history pages 20 at a time with a cursor; concurrent saves get distinct numbers', async () => {
  await Promise.all(Array.from({ length: 6 }, (_, i) => invoke('membership', ZHAO, { action: 'setCalendar', calendar: { year: 2097, holidays: [`2097-10-0${i + 1}`], workdays: [] } })).map(async (p) => ok(await p)))
  for (let i = 0; i < 16; i++) ok(await invoke('membership', ZHAO, { action: 'setCalendar', calendar: { year: 2097, holidays: [], workdays: [] } }))
  const all = (await versionsIn('calendar')).map((v) => v.version as number).sort((a, b) => a - b)
  expect(all).toEqual(Array.from({ length: 24 }, (_, i) => i + 1))

  const page1 = ok(await history('calendar'))
  expect(page1.versions.map((v) => v.version)).toEqual(Array.from({ length: 20 }, (_, i) => 24 - i))
  expect(page1.nextCursor).toBe(5)
  const page2 = ok(await history('calendar', page1.nextCursor!))
  expect(page2.versions.map((v) => v.version)).toEqual([4, 3, 2, 1])
  expect(page2.nextCursor).toBeNull()
  expect(errorCode(await invoke('admin', ZHAO, { action: 'ruleHistory', tableId: 'nope' }))).toBe('VALIDATION.INVALID')
})
