/**
 * 职工互助保障 for staff and admins through the real `mutualAid` function: enrollment lists by unit (scope,
 * search by name or ID number), the claims export (an xlsx exceljs reads, masked ID numbers, audited), the
 * rule tables (a version in force is locked; later versions are edited), and what 我的信息 and closing an
 * account do with claims and enrollments.
 */
import ExcelJS from 'exceljs'
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { CALLERS } from '../support/matrix'
import type { Envelope } from '../../src/domain/envelope'
import { addDays } from '../../src/domain/calendar/working-days'
import { ID_NUMBER_PATTERN } from '../../src/domain/privacy/redact'
import { DEMO_PLAN_RULES, type PlanRuleVersion } from '../../src/domain/mutual-aid/mutual-aid.rules'
import type { CoverageReply, DecisionReply, EnrollmentRow, ExportReply, Page, RulesReply, SubmitClaimReply } from '../../src/domain/mutual-aid/mutual-aid.api'
import { code, data, freshIdentity, freshIdNumber } from './membership.matrix'
import { aidClient, importEvent, INPATIENT, insuredWorker, ORG_X, ORG_Y, stay, submitEvent, termFrom, today, uploadDocs } from './mutualAid.matrix'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

const { replies, invoke, call, leaks } = aidClient(() => rt)
const { grassrootsX, grassrootsY, federation, admin } = CALLERS

let people = 0
const newWorker = () => `o-test-aid-staff-${++people}`
const INPATIENT_RULE = DEMO_PLAN_RULES.find((r) => r.planId === INPATIENT) as Extract<PlanRuleVersion, { kind: 'inpatient' }>

describe('enrollment lists', () => {
  test('staff see the enrollments of their scope, find one by name or by ID number; rows carry masked numbers only', async () => {
    const [x1, x2, y1] = [freshIdNumber(), freshIdNumber(), freshIdNumber()]
    const term = termFrom(50)
    await data(call(grassrootsX, importEvent(ORG_X, [{ name: '欧阳明', idNumber: x1, ...term }, { name: '欧阳亮', idNumber: x2, plan: '意外伤害', ...term }])))
    await data(call(grassrootsY, importEvent(ORG_Y, [{ name: '欧阳红', idNumber: y1, shares: 3, ...term }])))

    const mineX = await data(call<Page<EnrollmentRow>>(grassrootsX, { action: 'enrollments', q: '欧阳' }))
    expect(mineX.items.map((e) => e.name).sort()).toEqual(['欧阳亮', '欧阳明'])
    expect(mineX.items.find((e) => e.name === '欧阳亮')).toMatchObject({ orgId: ORG_X, orgName: '江西丰达机械有限公司工会', planId: 'plan-accident', planName: '职工意外伤害互助保障', shares: 1, ...term })
    expect(mineX.items.every((e) => /^[0-9a-f]{32}$/.test(e.id) && /^\d{3}\*{11}[\dX]{4}$/.test(e.maskedIdNumber))).toBe(true)
    expect((await data(call<Page<EnrollmentRow>>(grassrootsY, { action: 'enrollments', q: '欧阳' }))).items.map((e) => e.name)).toEqual(['欧阳红'])
    const fed = await data(call<Page<EnrollmentRow>>(federation, { action: 'enrollments', q: '欧阳', pageSize: 2 }))
    expect(fed.items).toHaveLength(2)
    expect(fed.nextCursor).toBe(2)
    expect((await data(call<Page<EnrollmentRow>>(federation, { action: 'enrollments', q: '欧阳', cursor: 2 }))).items).toHaveLength(1)
    // by the whole ID number (matched through its blind index), and narrowed to one unit
    expect((await data(call<Page<EnrollmentRow>>(admin, { action: 'enrollments', q: y1 }))).items.map((e) => e.name)).toEqual(['欧阳红'])
    expect((await data(call<Page<EnrollmentRow>>(federation, { action: 'enrollments', orgId: ORG_Y, q: '欧阳' }))).items.map((e) => e.name)).toEqual(['欧阳红'])
    expect(code(await call(grassrootsX, { action: 'enrollments', orgId: ORG_Y }))).toBe('AUTH.FORBIDDEN')
    expect(code(await call(newWorker(), { action: 'enrollments' }))).toBe('AUTH.FORBIDDEN')
  })
})

describe('the claims export', () => {
  test('an xlsx exceljs reads, with masked ID numbers and amounts in yuan; scoped; audited', async () => {
    const who = newWorker()
    const { idNumber } = await insuredWorker(invoke, who, { name: '诸葛亮' })
    const s = await data(call<SubmitClaimReply>(who, submitEvent(stay(addDays(today(), -20), '9200.50', await uploadDocs(invoke, who)))))
    await data(call(grassrootsX, { action: 'decideClaim', id: s.id, version: 1, decision: 'check' }))
    await data(call<DecisionReply>(federation, { action: 'decideClaim', id: s.id, version: 2, decision: 'approve' }))
    await data(call(federation, { action: 'markPaid', id: s.id, version: 3, paymentRef: 'ZH20261122A7731', paidDate: today() }))

    const year = Number(today().slice(0, 4))
    const r = await data(call<ExportReply>(grassrootsX, { action: 'exportClaims', year }))
    expect(r.fileName).toBe(`互助保障理赔-${year}-${today().replace(/-/g, '')}.xlsx`)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(r.contentBase64, 'base64') as unknown as ArrayBuffer)
    const rows: string[][] = []
    wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
    expect(rows[0]).toEqual(['姓名', '身份证号', '工会', '保障项目', '出事日期', '申请日期', '状态', '计算金额（元）', '批准金额（元）', '已打款（元）', '打款日期', '流水号后四位'])
    expect(rows.length - 1).toBe(r.rows)
    const mine = rows.find((x) => x[0] === '诸葛亮')!
    // (9,200.50 − 1,300) × 50% = 3,950.25
    expect(mine).toEqual(['诸葛亮', `${idNumber.slice(0, 3)}${'*'.repeat(11)}${idNumber.slice(-4)}`, '江西丰达机械有限公司工会', '职工住院医疗互助保障', addDays(today(), -20), today(), '已打款', '3950.25', '3950.25', '3950.25', today(), '7731'])
    expect(rows.slice(1).every((x) => x[2] === '江西丰达机械有限公司工会')).toBe(true)
    const text = rows.flat().join('\n')
    expect(text).not.toContain(idNumber)
    expect(text.match(new RegExp(ID_NUMBER_PATTERN.source, 'g'))).toBeNull()
    expect(rt.emulator.db.count('audit', { action: 'mutualAid.export', 'actor.openid': grassrootsX, 'detail.rows': r.rows })).toBe(1)

    // another union's staff export none of org X's claims; another year is empty; a worker cannot export
    const other = await data(call<ExportReply>(grassrootsY, { action: 'exportClaims' }))
    const wbY = new ExcelJS.Workbook()
    await wbY.xlsx.load(Buffer.from(other.contentBase64, 'base64') as unknown as ArrayBuffer)
    expect(wbY.worksheets[0].actualRowCount).toBe(other.rows + 1)
    expect(JSON.stringify(wbY.worksheets[0].getSheetValues())).not.toContain('诸葛亮')
    expect((await data(call<ExportReply>(federation, { action: 'exportClaims', year: year - 3 }))).rows).toBe(0)
    expect(code(await call(grassrootsY, { action: 'exportClaims', orgId: ORG_X }))).toBe('AUTH.FORBIDDEN')
    expect(code(await call(who, { action: 'exportClaims' }))).toBe('AUTH.FORBIDDEN')
    expect((await data(call<ExportReply>(federation, { action: 'exportClaims', orgId: ORG_X }))).rows).toBe(r.rows)
  })
})

describe('rule tables', () => {
  test('a version in force is locked; a later one is saved and edited by the admin only; a plan keeps its kind', async () => {
    const rules = await data(call<RulesReply>(grassrootsX, { action: 'rules' }))
    expect(rules.today).toBe(today())
    expect(rules.versions.map((v) => `${v.planId}_${v.effectiveFrom}`)).toEqual(['plan-accident_2024-01-01', 'plan-critical_2024-01-01', 'plan-female_2024-01-01', 'plan-inpatient_2024-01-01'])
    expect(rules.versions.find((v) => v.planId === INPATIENT)).toEqual(INPATIENT_RULE)

    // the version in force, and a new one reaching back to today: locked
    for (const effectiveFrom of [INPATIENT_RULE.effectiveFrom, today()]) {
      const r = await call(admin, { action: 'saveRuleVersion', rule: { ...INPATIENT_RULE, effectiveFrom, inpatient: { ...INPATIENT_RULE.inpatient, ratioPct: 60 } } })
      expect(code(r)).toBe('MUTUAL_AID.RULE_LOCKED')
    }
    expect((await data(call<RulesReply>(federation, { action: 'rules' }))).versions.find((v) => v.planId === INPATIENT)).toEqual(INPATIENT_RULE)

    const next = addDays(today(), 40)
    const saved = await data(call<RulesReply>(admin, { action: 'saveRuleVersion', rule: { ...INPATIENT_RULE, effectiveFrom: next, inpatient: { ...INPATIENT_RULE.inpatient, ratioPct: 60 } } }))
    expect(saved.versions.filter((v) => v.planId === INPATIENT).map((v) => [v.effectiveFrom, v.kind === 'inpatient' && v.inpatient.ratioPct])).toEqual([
      [INPATIENT_RULE.effectiveFrom, 50],
      [next, 60],
    ])
    // not yet in force: edited in place
    const edited = await data(call<RulesReply>(admin, { action: 'saveRuleVersion', rule: { ...INPATIENT_RULE, effectiveFrom: next, inpatient: { ...INPATIENT_RULE.inpatient, ratioPct: 55 } } }))
    expect(edited.versions.filter((v) => v.planId === INPATIENT).map((v) => v.kind === 'inpatient' && v.inpatient.ratioPct)).toEqual([50, 55])
    expect(rt.emulator.db.count('audit', { action: 'mutualAid.saveRuleVersion', 'target.id': `${INPATIENT}_${next}` })).toBe(2)
    // today's claims are still judged by the version in force
    expect((await data(call<{ plans: Array<{ planId: string; summary: string[] }> }>(grassrootsX, { action: 'plans' }))).plans.find((p) => p.planId === INPATIENT)!.summary[0]).toContain('按 50% 补助')

    const critical = DEMO_PLAN_RULES.find((r) => r.kind === 'critical_illness')!
    expect(code(await call(admin, { action: 'saveRuleVersion', rule: { ...critical, planId: INPATIENT, effectiveFrom: addDays(today(), 50) } }))).toBe('VALIDATION.INVALID')
    expect(code(await call(admin, { action: 'saveRuleVersion', rule: { ...INPATIENT_RULE, effectiveFrom: addDays(today(), 60), inpatient: { ...INPATIENT_RULE.inpatient, ratioPct: 101 } } }))).toBe('VALIDATION.INVALID')
    expect(code(await call(federation, { action: 'saveRuleVersion', rule: { ...INPATIENT_RULE, effectiveFrom: addDays(today(), 70) } }))).toBe('AUTH.FORBIDDEN')
  })
})

test('我的信息 counts the claims; closing the account re-keys them (kept for payout accounting) and leaves the unit’s enrollment', async () => {
  const who = newWorker()
  await invoke(who, 'session', { action: 'me' })
  await insuredWorker(invoke, who, { name: '关羽' })
  await data(call(who, submitEvent(stay(addDays(today(), -20), '9200', await uploadDocs(invoke, who)))))
  const mine = (await invoke(who, 'privacy', { action: 'myData' })) as Envelope<{ records: Array<{ label: string; count: number }> }>
  expect(mine.ok && mine.data.records.find((r) => r.label === '互助保障申请')).toEqual({ label: '互助保障申请', count: 1 })
  expect(((await invoke(who, 'privacy', { action: 'closeAccount', confirm: '注销' })) as Envelope<unknown>).ok).toBe(true)
  expect(rt.emulator.db.count('aidClaims', { ownerOpenid: who })).toBe(0)
  expect(rt.emulator.db.count('aidClaims', { name: '关羽', ownerOpenid: { $regex: '^closed-' } })).toBe(1)
  expect(rt.emulator.db.count('aidEnrollments', { name: '关羽' })).toBe(1)
  // the closed account holds no ID number any more
  expect((await data(call<CoverageReply>(who, { action: 'coverage' }))).identityMissing).toBe(true)
})

test('an identity stored after the import finds the enrollment (the same blind index)', async () => {
  const idNumber = freshIdNumber()
  await data(call(grassrootsX, importEvent(ORG_X, [{ name: '张飞', idNumber, ...termFrom(120) }])))
  const who = newWorker()
  await freshIdentity(invoke, who, idNumber)
  expect((await data(call<CoverageReply>(who, { action: 'coverage' }))).plans.map((p) => [p.planId, p.statusText])).toEqual([[INPATIENT, '保障中']])
})

test('no reply of this file carries an ID, card or phone number', () => {
  expect(replies.length).toBeGreaterThan(30)
  expect(leaks()).toEqual([])
})
