import fc from 'fast-check'
import {
  asRuleVersion,
  CLAIM_STATES,
  checkEnrollmentSheet,
  claimInput,
  enrollmentColumnsOf,
  moneyFen,
  normaliseSheetDate,
  ruleVersionInput,
  type EnrollmentSheet,
} from '../../src/domain/mutual-aid/mutual-aid.schema'
import { claimMachine } from '../../src/domain/mutual-aid/mutual-aid.machine'
import { DEMO_PLAN_RULES, type PlanRuleVersion } from '../../src/domain/mutual-aid/mutual-aid.rules'
import { reachableStates } from '../../src/domain/requests/state-machine'
import { toFieldErrors } from '../../src/domain/validation'

const errorsOf = (schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, value: unknown) => {
  const r = schema.safeParse(value)
  return r.success ? {} : toFieldErrors(r.error as never)
}

describe('claim input', () => {
  const stay = { kind: 'inpatient', planId: 'plan-inpatient', eventDate: '2026-03-10', dischargeDate: '2026-03-20', cause: 'illness' }

  test('yuan typed by the worker becomes integer fen; fen passes through', () => {
    expect(claimInput.parse({ ...stay, selfPaid: '9,200' })).toEqual({
      planId: 'plan-inpatient',
      documents: {},
      facts: { kind: 'inpatient', eventDate: '2026-03-10', dischargeDate: '2026-03-20', cause: 'illness', selfPaidFen: 920_000 },
    })
    expect(claimInput.parse({ ...stay, selfPaid: 920_050 }).facts).toMatchObject({ selfPaidFen: 920_050 })
  })

  test('plain messages where the worker went wrong', () => {
    expect(errorsOf(claimInput, { ...stay, selfPaid: '9200.505' })).toEqual({ selfPaid: '金额最多写到分，小数点后最多两位' })
    expect(errorsOf(claimInput, { ...stay, selfPaid: 92.5 })).toEqual({ selfPaid: '金额不对，请重新填写' })
    expect(errorsOf(claimInput, { ...stay, selfPaid: '9200', dischargeDate: '2026-03-09' })).toEqual({ dischargeDate: '出院日期不能早于入院日期' })
    expect(errorsOf(claimInput, { ...stay, selfPaid: '9200', eventDate: '2026-02-30' })).toMatchObject({ eventDate: '入院日期要写成 2026-10-01 这样' })
    expect(errorsOf(claimInput, { kind: 'pension' })).toEqual({ kind: '请选择申请哪个保障' })
  })

  test('accident claims by benefit, critical illness, female classes', () => {
    const accident = { kind: 'accident', planId: 'plan-accident', eventDate: '2026-05-01' }
    expect(claimInput.parse({ ...accident, benefit: 'disability', grade: 3 }).facts).toEqual({ kind: 'accident', eventDate: '2026-05-01', benefit: 'disability', grade: 3 })
    expect(errorsOf(claimInput, { ...accident, benefit: 'disability', grade: 11 })).toEqual({ grade: '伤残等级是 1 到 10 级' })
    expect(errorsOf(claimInput, { ...accident, benefit: 'allowance', admissionDate: '2026-04-30', dischargeDate: '2026-05-03' })).toEqual({ admissionDate: '入院日期不能早于出事日期' })
    expect(errorsOf(claimInput, { ...accident, benefit: 'pension' })).toEqual({ benefit: '请选择申请哪一种补助' })
    expect(claimInput.parse({ kind: 'critical_illness', planId: 'plan-critical', eventDate: '2026-05-01', disease: 'malignant_tumor' }).facts).toMatchObject({ disease: 'malignant_tumor' })
    expect(errorsOf(claimInput, { kind: 'female_special', planId: 'plan-female', eventDate: '2026-05-01', femaleClass: 'class5' })).toEqual({ femaleClass: '请选择疾病属于哪一类' })
  })

  test('documents: only listed kinds, uploaded file ids', () => {
    const ok = claimInput.parse({ ...stay, selfPaid: '9200', documents: { invoice: ['0123456789abcdef0123456789abcdef'] } })
    expect(ok.documents).toEqual({ invoice: ['0123456789abcdef0123456789abcdef'] })
    expect(Object.values(errorsOf(claimInput, { ...stay, selfPaid: '9200', documents: { invoice: ['cloud://x'] } }))).toEqual(['材料不对，请重新上传'])
    expect(claimInput.safeParse({ ...stay, selfPaid: '9200', documents: { selfie: [] } }).success).toBe(false)
  })

  test('property: moneyFen never yields a fraction of a fen or a negative amount', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.integer(), fc.stringMatching(/^\d{1,9}(\.\d{0,4})?$/)), (v) => {
        const r = moneyFen.safeParse(v)
        if (r.success) expect(Number.isSafeInteger(r.data) && r.data >= 0).toBe(true)
      }),
    )
  })
})

// ---------------------------------------------------------------------------------------------------

describe('enrollment list import', () => {
  const header = { row: 1, cells: ['序号', '姓名', '身份证号码', '保障项目', '份数', '保障开始日期', '保障结束日期'] }
  const sheet = (...rows: Array<Array<string | number>>): EnrollmentSheet => ({ header, rows: rows.map((cells, i) => ({ row: i + 2, cells: ['', ...cells] })) })
  const ID1 = '11010519491231002X'
  const ID2 = '440524188001010014'
  const ID3 = '34052419800101001X'

  test('columns by title or alias; missing ones named', () => {
    expect(enrollmentColumnsOf(header.cells)).toEqual({ index: { name: 1, idNumber: 2, plan: 3, shares: 4, termStart: 5, termEnd: 6 }, missing: [] })
    expect(enrollmentColumnsOf(['姓名', '身份证']).missing).toEqual(['保障项目', '份数', '开始日期', '结束日期'])
    expect(checkEnrollmentSheet({ header: { row: 1, cells: ['姓名'] }, rows: [] }, DEMO_PLAN_RULES)).toMatchObject({ ok: false, errors: expect.arrayContaining([{ row: 1, column: '份数', message: '缺少"份数"这一列，请用模板的表头' }]) })
  })

  test('good rows: plan by kind label, name or id; dates in the forms spreadsheets use; ID normalised', () => {
    const r = checkEnrollmentSheet(
      sheet(
        ['张三', ID1.toLowerCase(), '住院医疗', '1', '2026/1/1', '2026年12月31日'],
        ['李四', ID2, '职工重大疾病互助保障', 2, 46023, '20261231'],
        ['王五', ID3, 'plan-accident', '3份', '2026-01-01', '2028-12-31'],
      ),
      DEMO_PLAN_RULES,
    )
    expect(r).toEqual({
      ok: true,
      rows: [
        { row: 2, name: '张三', idNumber: ID1, planId: 'plan-inpatient', shares: 1, termStart: '2026-01-01', termEnd: '2026-12-31' },
        { row: 3, name: '李四', idNumber: ID2, planId: 'plan-critical', shares: 2, termStart: '2026-01-01', termEnd: '2026-12-31' },
        { row: 4, name: '王五', idNumber: ID3, planId: 'plan-accident', shares: 3, termStart: '2026-01-01', termEnd: '2028-12-31' },
      ],
    })
  })

  test('every bad row is reported with its row and column; nothing comes back half', () => {
    const r = checkEnrollmentSheet(
      sheet(
        ['张三', ID1, '住院医疗', '1', '2026-01-01', '2026-12-31'],
        ['李四', '440524188001010015', '养老', '11', '2026-13-01', '2026-12-31'],
        ['王五', ID3, '意外伤害', '1', '2026-01-01', '2029-01-01'],
        ['张三', ID1, '住院医疗', '1', '2026-01-01', '2026-12-31'],
        ['张叁', ID1, '住院医疗', '1', '2027-01-01', '2027-12-31'],
        ['', ID2, '住院医疗', '1', '2026-03-01', '2026-02-01'],
      ),
      DEMO_PLAN_RULES,
    )
    expect(r).toEqual({
      ok: false,
      errors: [
        { row: 3, column: '身份证号', message: '身份证号好像有一位写错了，请对照身份证再核对一下' },
        { row: 3, column: '份数', message: '份数最多 10 份' },
        { row: 3, column: '开始日期', message: '开始日期看不懂，要写成 2026-01-01 这样' },
        { row: 3, column: '保障项目', message: '没有"养老"这个保障。可以写：住院医疗、重大疾病、意外伤害、女职工特殊疾病' },
        { row: 4, column: '结束日期', message: '保障期限最长 3 年，请核对结束日期' },
        { row: 5, column: '开始日期', message: '和第 2 行重复了，请删掉一行' },
        { row: 6, column: '姓名', message: '同一个身份证号，第 2 行的姓名是"张三"，请核对' },
        { row: 7, column: '姓名', message: '请填写姓名' },
        { row: 7, column: '结束日期', message: '结束日期不能早于开始日期' },
      ],
    })
  })

  test('overlapping terms of one person and plan; shares and terms against the rule version of the term start', () => {
    const overlap = checkEnrollmentSheet(sheet(['张三', ID1, '住院医疗', '1', '2026-01-01', '2026-12-31'], ['张三', ID1, '住院医疗', '1', '2026-07-01', '2027-06-30']), DEMO_PLAN_RULES)
    expect(overlap).toMatchObject({ ok: false, errors: [{ row: 3, column: '开始日期', message: '和第 2 行是同一个人同一个保障，期限重叠了' }] })
    const strict: PlanRuleVersion[] = [...DEMO_PLAN_RULES, { ...DEMO_PLAN_RULES[0], effectiveFrom: '2027-01-01', maxShares: 1 }]
    const r = checkEnrollmentSheet(sheet(['张三', ID1, '住院医疗', '2', '2026-01-01', '2026-12-31'], ['张三', ID1, '住院医疗', '2', '2027-01-01', '2027-12-31'], ['李四', ID2, '住院医疗', '1', '2026-01-01', '2026-06-30']), strict)
    expect(r).toMatchObject({
      ok: false,
      errors: [
        { row: 3, column: '份数', message: '「职工住院医疗互助保障」每人最多 1 份' },
        { row: 4, column: '结束日期', message: '保障期限最短 12 个月，请核对结束日期' },
      ],
    })
    expect(checkEnrollmentSheet(sheet(['张三', ID1, '住院医疗', '1', '2020-01-01', '2020-12-31']), DEMO_PLAN_RULES)).toMatchObject({
      ok: false,
      errors: [{ row: 2, column: '开始日期', message: '这个保障 2020-01-01 还没有开办，请核对开始日期' }],
    })
  })

  test('an ambiguous plan word asks for the full name', () => {
    const two: PlanRuleVersion[] = [...DEMO_PLAN_RULES, { ...DEMO_PLAN_RULES[0], planId: 'plan-inpatient-2', name: '农民工住院医疗互助保障' }]
    expect(checkEnrollmentSheet(sheet(['张三', ID1, '住院医疗', '1', '2026-01-01', '2026-12-31']), two)).toMatchObject({ ok: false, errors: [{ column: '保障项目', message: '"住院医疗"有好几个保障，请写保障的全称' }] })
  })

  test('sheet dates', () => {
    expect(['2026-1-1', '2026.01.01', '2026年1月1日', '20260101', 46023].map(normaliseSheetDate)).toEqual(Array(5).fill('2026-01-01'))
    expect(['2026-02-30', '1/1/2026', '', 1.5, 100].map(normaliseSheetDate)).toEqual(Array(5).fill(null))
  })

  test('sheet dates as an .xlsx reader gives them: a date cell with a midnight time, a day number as text', () => {
    expect(['2026-01-01 00:00', '2026/1/1 0:00:00', '2026-01-01T00:00:00.000', '46023', ' 46023 '].map(normaliseSheetDate)).toEqual(Array(5).fill('2026-01-01'))
    expect(['2026-01-01 08:30', '12345', '99999', '460230'].map(normaliseSheetDate)).toEqual(Array(4).fill(null))
  })
})

// ---------------------------------------------------------------------------------------------------

describe('rule version input (admin)', () => {
  test('every demo version passes unchanged', () => {
    for (const v of DEMO_PLAN_RULES) expect(asRuleVersion(ruleVersionInput.parse(v))).toEqual(v)
  })

  test('inconsistent tables are refused in plain words', () => {
    const [inpatient, , accident] = DEMO_PLAN_RULES as [Extract<PlanRuleVersion, { kind: 'inpatient' }>, PlanRuleVersion, Extract<PlanRuleVersion, { kind: 'accident' }>]
    expect(errorsOf(ruleVersionInput, { ...inpatient, inpatient: { ...inpatient.inpatient, firstStayDeductibleFen: 10_000 } })).toEqual({ 'inpatient.firstStayDeductibleFen': '第一次住院的起付线不能比平时的起付线低' })
    expect(errorsOf(ruleVersionInput, { ...inpatient, inpatient: { ...inpatient.inpatient, ratioPct: 120 } })).toEqual({ 'inpatient.ratioPct': '补助比例在 0 到 100 之间' })
    expect(errorsOf(ruleVersionInput, { ...inpatient, annualCapFen: 100.5 })).toEqual({ annualCapFen: '每年最高补助按分填整数' })
    expect(errorsOf(ruleVersionInput, { ...accident, accident: { ...accident.accident, gradePct: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100] } })).toEqual({ 'accident.gradePct': '伤残等级越高（数字越大），补助比例不能越高' })
    expect(errorsOf(ruleVersionInput, { ...inpatient, termMonthsMin: 24, termMonthsMax: 12 })).toEqual({ termMonthsMax: '最长期限不能比最短期限短' })
    expect(errorsOf(ruleVersionInput, { ...inpatient, documents: ['invoice', 'invoice'] })).toEqual({ documents: '材料有重复' })
  })
})

// ---------------------------------------------------------------------------------------------------

describe('claim state machine', () => {
  test('every state is reachable; paid, rejected and withdrawn are final', () => {
    expect([...reachableStates(claimMachine)].sort()).toEqual([...CLAIM_STATES].sort())
    expect(claimMachine.step('paid', 'reject', 'federation')).toEqual({ ok: false, code: 'REQUEST.ALREADY_DECIDED' })
  })

  test('two steps: grassroots checks, only the federation approves, an override needs a reason', () => {
    expect(claimMachine.step('submitted', 'check', 'grassroots')).toEqual({ ok: true, to: 'grassroots_checked', reasonRequired: false })
    expect(claimMachine.step('submitted', 'approve', 'federation')).toEqual({ ok: false, code: 'REQUEST.ILLEGAL_TRANSITION' })
    expect(claimMachine.step('grassroots_checked', 'approve', 'grassroots')).toEqual({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(claimMachine.step('grassroots_checked', 'approve', 'federation')).toEqual({ ok: true, to: 'approved', reasonRequired: false })
    expect(claimMachine.step('grassroots_checked', 'override', 'federation')).toEqual({ ok: true, to: 'approved', reasonRequired: true })
    expect(claimMachine.step('approved', 'markPaid', 'federation')).toEqual({ ok: true, to: 'paid', reasonRequired: false })
    expect(claimMachine.step('approved', 'markPaid', 'grassroots')).toEqual({ ok: false, code: 'AUTH.FORBIDDEN' })
  })

  test('documents asked with a reason, resubmitted to be checked again; withdrawn only before the decision', () => {
    expect(claimMachine.step('grassroots_checked', 'ask', 'federation')).toEqual({ ok: true, to: 'needs_docs', reasonRequired: true })
    expect(claimMachine.step('needs_docs', 'resubmit', 'owner')).toEqual({ ok: true, to: 'submitted', reasonRequired: false })
    expect(claimMachine.step('needs_docs', 'reject', 'grassroots')).toEqual({ ok: true, to: 'rejected', reasonRequired: true })
    expect(claimMachine.available('grassroots_checked', 'owner')).toEqual(['withdraw'])
    expect(claimMachine.step('approved', 'withdraw', 'owner')).toEqual({ ok: false, code: 'REQUEST.ILLEGAL_TRANSITION' })
    expect(claimMachine.available('approved', 'federation')).toEqual(['markPaid'])
  })
})
