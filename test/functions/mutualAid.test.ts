/**
 * 职工互助保障 through the real `mutualAid` function on the emulator, the worker's side and the review:
 * importing a unit's list (bad rows, re-import), 我的保障 for a worker whose stored ID number matches an
 * imported row, the payout computed on the server with its arithmetic (the worked example of issue 6),
 * consents and documents on submission, the two-step review, asking for documents, rejection and
 * withdrawal, staff scope, marking paid. Races, the export and the rule tables: mutualAid.race.test.ts and
 * mutualAid.staff.test.ts.
 */
import ExcelJS from 'exceljs'
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { CALLERS } from '../support/matrix'
import type { Envelope } from '../../src/domain/envelope'
import { newIdempotencyKey } from '../../src/domain/requests/idempotency'
import { addDays } from '../../src/domain/calendar/working-days'
import type { AssessReply, ClaimReview, ClaimRow, ClaimView, CoverageReply, DecisionReply, ImportReply, Page, PlanView, SubmitClaimReply } from '../../src/domain/mutual-aid/mutual-aid.api'
import { sampleBytes, uploadFile } from './files.matrix'
import { code, data, freshIdentity, freshIdNumber } from './membership.matrix'
import {
  aidClient,
  bankCardNumber,
  grantConsent,
  importEvent,
  INPATIENT,
  INPATIENT_DOCS,
  insuredWorker,
  ORG_X,
  ORG_Y,
  SHEET_HEADER,
  sheetCsv,
  stay,
  submitEvent,
  termFrom,
  today,
  uploadDocs,
  type SheetRow,
} from './mutualAid.matrix'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

const { replies, invoke, call, leaks } = aidClient(() => rt)
const { grassrootsX, grassrootsY, federation, admin } = CALLERS

let people = 0
const newWorker = () => `o-test-aid-${++people}`
const denials = (openid: string) => rt.emulator.db.count('audit', { action: 'auth.denied', 'actor.openid': openid })
const claimDoc = (id: string) => rt.emulator.db.findOne('aidClaims', { _id: id }) as Record<string, unknown>
const ago = (days: number) => addDays(today(), -days)
const field = (m: { data: Record<string, unknown> }, key: string) => (m.data as Record<string, { value: string } | undefined>)[key]?.value

const submit = (openid: string, claim: Record<string, unknown>, bankCard?: string, key?: string) => call<SubmitClaimReply>(openid, submitEvent(claim, bankCard, key))
const decideAs = (openid: string, id: string, version: number, decision: string, extra: Record<string, unknown> = {}) => call<DecisionReply>(openid, { action: 'decideClaim', id, version, decision, ...extra })
const detail = (openid: string, id: string) => data(call<ClaimView>(openid, { action: 'claimDetail', id }))

/** An insured worker with a submitted inpatient claim (self-paid as typed) and every document. */
async function submitted(o: { selfPaid?: string; eventDate?: string; daysAgo?: number; orgId?: string } = {}) {
  const who = newWorker()
  await insuredWorker(invoke, who, { daysAgo: o.daysAgo, orgId: o.orgId })
  const docs = await uploadDocs(invoke, who)
  const r = await data(submit(who, stay(o.eventDate ?? ago(20), o.selfPaid ?? '9200', docs)))
  return { who, id: r.id, r }
}

// ---------------------------------------------------------------------------------------------------

describe('importing a unit’s list', () => {
  test('bad rows: every problem by row and column, nothing written; then the corrected list imports, and again is all unchanged', async () => {
    const [a, b, c] = [freshIdNumber(), freshIdNumber(), freshIdNumber()]
    const term = termFrom(30)
    const bad: SheetRow[] = [
      { name: '张三', idNumber: a, ...term },
      { name: '李四', idNumber: b.slice(0, 17) + (b.endsWith('1') ? '2' : '1'), ...term },
      { name: '王五', idNumber: c, plan: '养老保险', ...term },
      { name: '赵六', idNumber: freshIdNumber(), shares: 11, ...term },
      { name: '钱七', idNumber: freshIdNumber(), termStart: term.termStart, termEnd: addDays(term.termStart, -1) },
      { name: '张三', idNumber: a, ...term },
    ]
    const before = { enrollments: rt.emulator.db.count('aidEnrollments', {}), imports: rt.emulator.db.count('aidImports', {}) }
    const r = await call(grassrootsX, importEvent(ORG_X, bad))
    expect(code(r)).toBe('MUTUAL_AID.IMPORT_ROWS_INVALID')
    const errors = (r.ok ? {} : r.error.fieldErrors) as Record<string, string>
    expect(Object.keys(errors).sort()).toEqual(['row:3:身份证号', 'row:4:保障项目', 'row:5:份数', 'row:6:结束日期', 'row:7:开始日期'].sort())
    expect(errors['row:4:保障项目']).toContain('没有"养老保险"这个保障')
    expect(errors['row:7:开始日期']).toContain('和第 2 行重复了')
    expect(!r.ok && r.error.message).toMatch(/^第 3、4、5、6、7 行有问题，一行都没有导入/)
    expect({ enrollments: rt.emulator.db.count('aidEnrollments', {}), imports: rt.emulator.db.count('aidImports', {}) }).toEqual(before)

    // a header that is not the template's
    const noPlan = await call(grassrootsX, { ...importEvent(ORG_X, []), contentBase64: sheetCsv([{ name: '张三', idNumber: a, ...term }], SHEET_HEADER.map((h) => (h === '保障项目' ? '备注' : h))) })
    expect(!noPlan.ok && noPlan.error.fieldErrors).toEqual({ 'row:1:保障项目': '缺少"保障项目"这一列，请用模板的表头' })

    const good: SheetRow[] = [
      { name: '张三', idNumber: a, ...term },
      { name: '李四', idNumber: b, plan: '职工住院医疗互助保障', shares: 2, ...term },
      { name: '王五', idNumber: c, plan: '意外伤害', ...term },
    ]
    const dry = await data(call<ImportReply>(grassrootsX, importEvent(ORG_X, good, { dryRun: true })))
    expect(dry).toEqual({ dryRun: true, rows: 3, created: 3, updated: 0, unchanged: 0 })
    expect(rt.emulator.db.count('aidEnrollments', {})).toBe(before.enrollments)

    expect(await data(call<ImportReply>(grassrootsX, importEvent(ORG_X, good)))).toEqual({ dryRun: false, rows: 3, created: 3, updated: 0, unchanged: 0 })
    expect(rt.emulator.db.count('aidEnrollments', {})).toBe(before.enrollments + 3)
    const again = await data(call<ImportReply>(grassrootsX, importEvent(ORG_X, good)))
    expect(again).toEqual({ dryRun: false, rows: 3, created: 0, updated: 0, unchanged: 3 })
    const changed = await data(call<ImportReply>(federation, importEvent(ORG_X, [{ ...good[0], shares: 3 }, good[1], good[2]])))
    expect(changed).toEqual({ dryRun: false, rows: 3, created: 0, updated: 1, unchanged: 2 })
    expect(rt.emulator.db.count('aidEnrollments', {})).toBe(before.enrollments + 3)

    // what is stored: the blind index, a masked number, the unit; never the ID number
    const stored = rt.emulator.db.find('aidEnrollments', { orgId: ORG_X, name: '李四' }) as Array<Record<string, unknown>>
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ planId: INPATIENT, shares: 2, orgPath: ['org-fed', ORG_X], maskedId: `${b.slice(0, 3)}${'*'.repeat(11)}${b.slice(-4)}` })
    expect(JSON.stringify(rt.emulator.db.find('aidEnrollments', {}))).not.toContain(b)
    expect(rt.emulator.db.count('aidImports', { orgId: ORG_X })).toBe(before.imports + 3)
    expect(rt.emulator.db.count('audit', { action: 'mutualAid.import', orgId: ORG_X, 'detail.unchanged': 3 })).toBe(1)
  })

  test('an xlsx list imports the same way; Excel day numbers and 2026/1/1 dates are understood', async () => {
    const id = freshIdNumber()
    const wb = new ExcelJS.Workbook()
    const sheet = wb.addWorksheet('名单')
    sheet.addRow(['职工姓名', '身份证号码', '参保项目', '参保份数', '起保日期', '到期日期'])
    sheet.addRow(['孙八', id, '住院医疗', 1, '2026/1/1', new Date(Date.UTC(2026, 11, 31))])
    sheet.addRow(['吴九', freshIdNumber(), '意外伤害', '2份', new Date(Date.UTC(2026, 0, 1)), '46387'])
    sheet.getCell('F2').numFmt = 'yyyy-mm-dd'
    const contentBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64')
    expect(await data(call<ImportReply>(admin, { action: 'importEnrollments', orgId: ORG_Y, fileName: '名单.xlsx', contentBase64 }))).toEqual({ dryRun: false, rows: 2, created: 2, updated: 0, unchanged: 0 })
    expect(rt.emulator.db.findOne('aidEnrollments', { name: '孙八' })).toMatchObject({ orgId: ORG_Y, planId: INPATIENT, termStart: '2026-01-01', termEnd: '2026-12-31' })
    expect(rt.emulator.db.findOne('aidEnrollments', { name: '吴九' })).toMatchObject({ orgId: ORG_Y, planId: 'plan-accident', shares: 2, termStart: '2026-01-01', termEnd: '2026-12-31' })
    expect(code(await call(admin, { action: 'importEnrollments', orgId: ORG_Y, fileName: '名单.xls', contentBase64: 'AAAA' }))).toBe('MUTUAL_AID.IMPORT_FILE_BAD')
    expect(code(await call(admin, { action: 'importEnrollments', orgId: ORG_Y, fileName: '名单.csv', contentBase64: '' }))).toBe('MUTUAL_AID.IMPORT_FILE_BAD')
    expect(code(await call(admin, { action: 'importEnrollments', orgId: ORG_Y, fileName: '名单.csv', contentBase64: Buffer.from(SHEET_HEADER.join(',')).toString('base64') }))).toBe('MUTUAL_AID.IMPORT_EMPTY')
  })

  test('a unit out of scope is refused and audited; a person another unit enrolled is a row error, not a silent move', async () => {
    const id = freshIdNumber()
    const rows = [{ name: '周九', idNumber: id, ...termFrom(40) }]
    const deniedBefore = denials(grassrootsY)
    expect(code(await call(grassrootsY, importEvent(ORG_X, rows)))).toBe('AUTH.FORBIDDEN')
    expect(denials(grassrootsY)).toBe(deniedBefore + 1)
    expect(code(await call(grassrootsX, importEvent('org-nowhere', rows)))).toBe('AUTH.FORBIDDEN')
    await data(call(grassrootsX, importEvent(ORG_X, rows)))
    const r = await call(grassrootsY, importEvent(ORG_Y, rows))
    expect(code(r)).toBe('MUTUAL_AID.IMPORT_ROWS_INVALID')
    expect(!r.ok && r.error.fieldErrors).toEqual({ 'row:2:身份证号': '这个人的这项保障已经由别的单位工会登记了，请核对' })
    expect(rt.emulator.db.findOne('aidEnrollments', { name: '周九' })).toMatchObject({ orgId: ORG_X })
    // workers cannot import
    expect(code(await call(newWorker(), importEvent(ORG_X, rows)))).toBe('AUTH.FORBIDDEN')
  })
})

describe('我的保障 and the check before submitting', () => {
  test('a worker whose stored ID number matches an imported row sees the plan, the waiting days left and this year’s cap', async () => {
    const who = newWorker()
    const none = await data(call<CoverageReply>(who, { action: 'coverage' }))
    expect(none).toMatchObject({ identityMissing: true, plans: [] })
    expect(none.otherPlans.map((p) => p.planId)).toEqual(['plan-inpatient', 'plan-critical', 'plan-accident', 'plan-female'])

    const idNumber = await freshIdentity(invoke, who)
    expect(await data(call<CoverageReply>(who, { action: 'coverage' }))).toMatchObject({ identityMissing: false, plans: [] })
    // the unit enrolled them ten days ago: 30 days of waiting for illness, 20 left
    const term = termFrom(10)
    await data(call(grassrootsX, importEvent(ORG_X, [{ name: '刘备', idNumber, shares: 2, ...term }, { name: '刘备', idNumber, plan: '意外伤害', ...term }])))
    const mine = await data(call<CoverageReply>(who, { action: 'coverage' }))
    expect(mine.plans).toEqual([
      {
        planId: INPATIENT,
        kind: 'inpatient',
        name: '职工住院医疗互助保障',
        shares: 2,
        ...term,
        status: 'waiting',
        statusText: '等待期（还要等 20 天）',
        waitDaysLeft: 20,
        annualCapFen: 4_000_000,
        usedFen: 0,
        remainingFen: 4_000_000,
      },
      expect.objectContaining({ planId: 'plan-accident', status: 'full', statusText: '保障中', waitDaysLeft: 0, annualCapFen: 1_360_000 }),
    ])
    expect(mine.otherPlans.map((p) => p.planId)).toEqual(['plan-critical', 'plan-female'])

    // an illness while waiting: the check says why and how long, and stores nothing
    const claimsBefore = rt.emulator.db.count('aidClaims', {})
    const waiting = await data(call<AssessReply>(who, { action: 'assess', claim: stay(ago(2), '9200') }))
    expect(waiting).toMatchObject({ eligible: false, payoutFen: 0 })
    expect(waiting.reasons[0]).toMatch(/^在等待期内，还要等 22 天/)
    // an accident never waits
    const accident = await data(call<AssessReply>(who, { action: 'assess', claim: { ...stay(ago(2), '9200'), cause: 'accident' } }))
    expect(accident).toMatchObject({ eligible: true, payoutFen: 395_000 })
    expect(accident.documents.map((d) => d.code)).toContain('accident_proof')
    expect(rt.emulator.db.count('aidClaims', {})).toBe(claimsBefore)
  })

  test('the worked example: 自付 9,200 元 → 3,950 元 for the first stay of the year, 4,275 元 once a stay is approved', async () => {
    const who = newWorker()
    await insuredWorker(invoke, who)
    const first = await data(call<AssessReply>(who, { action: 'assess', claim: stay(ago(30), '9,200') }))
    expect(first).toMatchObject({ eligible: true, reasons: [], payoutFen: 395_000, capApplied: null })
    expect(first.steps).toEqual(['今年第一次住院，起付线是 1,300 元', '自付 9,200 元 − 起付线 1,300 元 = 7,900 元 × 50% = 3,950 元'])
    expect(first.coverageText).toMatch(/^那天在保障期内/)
    expect(first.window).toMatchObject({ open: true, warn: false, lastDay: addDays(ago(30), 730) })
    expect(first.documents).toEqual([
      { code: 'id_card', label: '身份证正反面', provided: 0 },
      { code: 'bank_card', label: '本人银行卡（有卡号的一面）', provided: 0 },
      { code: 'invoice', label: '住院收费票据（发票）', provided: 0 },
      { code: 'settlement_sheet', label: '医保结算单或费用清单', provided: 0 },
      { code: 'discharge_summary', label: '出院小结（出院记录）', provided: 0 },
    ])
    expect(first.missingDocuments).toEqual(['id_card', 'bank_card', 'invoice', 'settlement_sheet', 'discharge_summary'])

    // the first stay is submitted, checked and approved
    const docs = await uploadDocs(invoke, who)
    const s = await data(submit(who, stay(ago(30), '9,200', docs)))
    expect(s).toMatchObject({ state: 'submitted', stateLabel: '基层工会核对材料中', version: 1, computedFen: 395_000 })
    await data(decideAs(grassrootsX, s.id, 1, 'check'))
    expect(await data(decideAs(federation, s.id, 2, 'approve'))).toEqual({ id: s.id, state: 'approved', version: 3, approvedFen: 395_000 })

    const second = await data(call<AssessReply>(who, { action: 'assess', claim: stay(ago(10), '9200') }))
    expect(second).toMatchObject({ eligible: true, payoutFen: 427_500 })
    expect(second.steps).toEqual(['自付 9,200 元 − 起付线 650 元 = 8,550 元 × 50% = 4,275 元'])
    // the same stay again is refused: paid once
    const same = await data(call<AssessReply>(who, { action: 'assess', claim: stay(ago(30), '9200') }))
    expect(same).toMatchObject({ eligible: false, payoutFen: 0, reasons: ['这件事已经补助过了，同一件事只补助一次'] })
    const again = await submit(who, stay(ago(30), '9200', await uploadDocs(invoke, who)))
    expect(code(again)).toBe('MUTUAL_AID.ALREADY_PAID')
    // and below the deductible: why not
    const small = await data(call<AssessReply>(who, { action: 'assess', claim: stay(ago(5), '600') }))
    expect(small).toMatchObject({ eligible: false, reasons: ['自付 600 元，没有超过起付线 650 元，这次不能补助'] })
  })

  test('the claim window in Asia/Shanghai: the 730th day after the event is the last day; the day after is closed', async () => {
    const who = newWorker()
    await insuredWorker(invoke, who, { daysAgo: 900, months: 36 })
    const last = await data(call<AssessReply>(who, { action: 'assess', claim: stay(ago(730), '9200') }))
    expect(last.window).toMatchObject({ open: true, warn: true, lastDay: today() })
    expect(last.window.text).toMatch(/^今天是申请的最后一天/)
    const closed = await data(call<AssessReply>(who, { action: 'assess', claim: stay(ago(731), '9200') }))
    expect(closed).toMatchObject({ eligible: false, window: { open: false, lastDay: ago(1) } })
    expect(closed.reasons).toContain(closed.window.text)
    expect(code(await submit(who, stay(ago(731), '9200', await uploadDocs(invoke, who))))).toBe('MUTUAL_AID.NOT_ELIGIBLE')
    // an event in the future, an unknown plan, no ID number
    const tomorrow = addDays(today(), 1)
    expect(code(await call(who, { action: 'assess', claim: { ...stay(ago(3), '9200'), eventDate: tomorrow, dischargeDate: tomorrow } }))).toBe('MUTUAL_AID.FUTURE_DATE')
    expect(code(await call(who, { action: 'assess', claim: { ...stay(ago(3), '9200'), planId: 'plan-nothing' } }))).toBe('MUTUAL_AID.PLAN_NOT_FOUND')
    expect(code(await call(newWorker(), { action: 'assess', claim: stay(ago(3), '9200') }))).toBe('IDENTITY.NOT_FOUND')
    // the plans in force, in plain lines
    const plans = await data(call<{ plans: PlanView[] }>(who, { action: 'plans' }))
    expect(plans.plans.find((p) => p.planId === INPATIENT)?.summary[0]).toBe('住院自付的医药费，超过起付线的部分按 50% 补助：每年第一次住院起付线 1,300 元，以后每次 650 元')
    // the lists the claim wizard offers: listed diseases and what each female class covers
    const critical = plans.plans.find((p) => p.planId === 'plan-critical')!
    expect(critical.diseases!.length).toBeGreaterThan(0)
    expect(critical.diseases![0]).toEqual({ code: expect.stringMatching(/^[a-z0-9_]+$/), label: expect.any(String) })
    expect(Object.keys(plans.plans.find((p) => p.planId === 'plan-female')!.classDiseases!).sort()).toEqual(['class1', 'class2', 'class3', 'class4'])
    expect(plans.plans.find((p) => p.planId === INPATIENT)!.diseases).toBeUndefined()
  })
})

describe('submitting a claim', () => {
  test('consent first: the bank card always, medical documents when they are attached', async () => {
    const who = newWorker()
    await insuredWorker(invoke, who, { consents: false })
    const r = await submit(who, stay(ago(20), '9200'))
    expect(code(r)).toBe('CONSENT.REQUIRED')
    expect(!r.ok && r.error.fieldErrors).toEqual({ consent: 'bank_card' })

    await grantConsent(invoke, who, 'bank_card')
    await grantConsent(invoke, who, 'medical_documents')
    const docs = await uploadDocs(invoke, who)
    // the worker withdraws the medical consent before submitting: refused, nothing stored
    expect((await invoke(who, 'privacy', { action: 'withdrawConsent', category: 'medical_documents' }) as Envelope<unknown>).ok).toBe(true)
    const medical = await submit(who, stay(ago(20), '9200', docs))
    expect(code(medical)).toBe('CONSENT.REQUIRED')
    expect(!medical.ok && medical.error.fieldErrors).toEqual({ consent: 'medical_documents' })
    expect(rt.emulator.db.count('aidClaims', { ownerOpenid: who })).toBe(0)
  })

  test('documents: every one the plan needs, the caller’s own uploads with the right purpose; one key → one claim', async () => {
    const who = newWorker()
    await insuredWorker(invoke, who)
    const docs = await uploadDocs(invoke, who, ['id_card', 'invoice', 'bank_card'])
    const missing = await submit(who, stay(ago(20), '9200', docs))
    expect(code(missing)).toBe('MUTUAL_AID.DOCS_MISSING')
    expect(!missing.ok && missing.error.fieldErrors).toEqual({ 'claim.documents.settlement_sheet': '请上传医保结算单或费用清单', 'claim.documents.discharge_summary': '请上传出院小结（出院记录）' })

    // a file uploaded by someone else, and one uploaded for another purpose
    const other = newWorker()
    await grantConsent(invoke, other, 'medical_documents')
    const theirs = await uploadDocs(invoke, other, ['discharge_summary'])
    const more = await uploadDocs(invoke, who, ['settlement_sheet', 'discharge_summary'])
    expect(code(await submit(who, stay(ago(20), '9200', { ...docs, ...more, discharge_summary: theirs.discharge_summary! })))).toBe('FILE.NOT_YOURS')
    const wrongPurpose = await uploadFile((e) => invoke(who, 'files', e), sampleBytes('image/jpeg', 900), { purpose: 'other' })
    expect(code(await submit(who, stay(ago(20), '9200', { ...docs, ...more, invoice: [wrongPurpose] })))).toBe('FILE.WRONG_PURPOSE')
    expect(rt.emulator.db.count('aidClaims', { ownerOpenid: who })).toBe(0)

    // 8 concurrent submits with one key: one claim, one audit entry, identical replies
    const key = newIdempotencyKey()
    const card = bankCardNumber()
    const claim = stay(ago(20), '9200', { ...docs, ...more })
    const all = await Promise.all(Array.from({ length: 8 }, () => submit(who, claim, card, key)))
    expect(new Set(all.map((r) => JSON.stringify(r))).size).toBe(1)
    const id = (await data(Promise.resolve(all[0]))).id
    expect(rt.emulator.db.count('aidClaims', { ownerOpenid: who })).toBe(1)
    expect(rt.emulator.db.count('audit', { action: 'mutualAidClaim.submit', 'target.id': id })).toBe(1)
    expect(code(await submit(who, { ...claim, selfPaid: '9300' }, card, key))).toBe('REQUEST.KEY_CONFLICT')
    // the files are attached to the claim; the bank card is stored encrypted with its last four digits
    const stored = claimDoc(id)
    expect(stored).toMatchObject({ bankCardTail: card.slice(-4), windowLastDay: addDays(ago(20), 730), computedFen: 395_000, orgId: ORG_X, orgPath: ['org-fed', ORG_X] })
    expect(JSON.stringify(stored)).not.toContain(card)
    expect(rt.emulator.db.count('files', { 'attachedTo.id': id, 'attachedTo.type': 'mutualAidClaim' })).toBe(5)

    // the same stay again while the first is open, with another key
    const open = await submit(who, stay(ago(20), '9200', await uploadDocs(invoke, who)))
    expect(code(open)).toBe('MUTUAL_AID.CLAIM_OPEN')
  })
})

describe('review in two steps', () => {
  test('grassroots checks and cannot approve (denied, audited); the federation approves the computed amount and marks it paid; the worker follows it', async () => {
    const { who, id } = await submitted()
    expect(code(await decideAs(grassrootsX, id, 1, 'approve'))).toBe('REQUEST.ILLEGAL_TRANSITION')

    const review = await data(call<ClaimReview>(grassrootsX, { action: 'claimReview', id }))
    expect(review).toMatchObject({ state: 'submitted', name: '李建国', orgName: '江西丰达机械有限公司工会', computedFen: 395_000, bankCardTail: `尾号 ${(claimDoc(id).bankCardTail as string)}` })
    expect(review.maskedIdNumber).toMatch(/^361\*{11}[\dX]{4}$/)
    expect(review.actions).toEqual(['check', 'ask', 'reject'])
    expect(review.assessment).toMatchObject({ eligible: true, payoutFen: 395_000, maxFen: 800_000, annualRemainingFen: 2_000_000, refusal: null, missingDocuments: [] })
    expect(review.facts.find((f) => f.label === '自付金额')?.value).toBe('9,200 元')
    expect(review.documentFiles.map((d) => [d.code, d.files.length])).toEqual(INPATIENT_DOCS.map((d) => [d, 1]))
    expect(review.documentFiles[0].files[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//)

    expect(await data(decideAs(grassrootsX, id, 1, 'check', { note: '材料齐全' }))).toEqual({ id, state: 'grassroots_checked', version: 2 })
    // the grassroots union cannot approve or override the amount: refused by the claim machine, audited
    const grassrootsDenied = denials(grassrootsX)
    expect(code(await decideAs(grassrootsX, id, 2, 'approve'))).toBe('AUTH.FORBIDDEN')
    expect(code(await decideAs(grassrootsX, id, 2, 'override', { amountFen: 1000, overrideReason: 'other' }))).toBe('AUTH.FORBIDDEN')
    expect(denials(grassrootsX)).toBe(grassrootsDenied + 2)
    expect(claimDoc(id)).toMatchObject({ state: 'grassroots_checked', version: 2, approvedFen: null })
    // the federation sees it in its queue now
    const fedQueue = await data(call<Page<ClaimRow>>(federation, { action: 'claimQueue', pageSize: 50 }))
    expect(fedQueue.items.some((c) => c.id === id)).toBe(true)
    expect((await data(call<ClaimReview>(federation, { action: 'claimReview', id }))).actions).toEqual(['ask', 'approve', 'override', 'reject'])
    // a stale version, then the approval
    expect(code(await decideAs(federation, id, 1, 'approve'))).toBe('REQUEST.STALE')
    expect(await data(decideAs(federation, id, 2, 'approve'))).toEqual({ id, state: 'approved', version: 3, approvedFen: 395_000 })
    expect(code(await decideAs(federation, id, 3, 'approve'))).toBe('REQUEST.ILLEGAL_TRANSITION')

    // paid, with a reference and a date; grassroots may not mark paid
    expect(code(await call(grassrootsX, { action: 'markPaid', id, version: 3, paymentRef: 'ZH2026112201', paidDate: today() }))).toBe('AUTH.FORBIDDEN')
    expect(code(await call(federation, { action: 'markPaid', id, version: 3, paymentRef: 'ZH2026112201', paidDate: addDays(today(), 1) }))).toBe('MUTUAL_AID.FUTURE_DATE')
    expect(await data(call(federation, { action: 'markPaid', id, version: 3, paymentRef: 'ZH2026112201', paidDate: today() }))).toEqual({ id, state: 'paid', version: 4, approvedFen: 395_000 })
    expect(code(await call(admin, { action: 'markPaid', id, version: 4, paymentRef: 'ZH2026112202', paidDate: today() }))).toBe('REQUEST.ALREADY_DECIDED')

    const view = await detail(who, id)
    expect(view).toMatchObject({ state: 'paid', stateLabel: '已打款', approvedFen: 395_000, payment: { paidDate: today(), amountFen: 395_000, refTail: '2201' }, canWithdraw: false })
    expect(view.history.map((h) => [h.label, h.who, h.note])).toEqual([
      ['交了申请', '你', null],
      ['基层工会核对了材料', '江西丰达机械有限公司工会', '材料齐全'],
      ['批准补助 3,950 元', '广丰区总工会', null],
      ['已打款 3,950 元', '广丰区总工会', null],
    ])
    const ledger = rt.emulator.db.findOne('aidLedgers', { memberKey: claimDoc(id).memberKey }) as Record<string, unknown>
    expect(ledger).toMatchObject({ approvedFen: 395_000, paidFen: 395_000, events: [`stay:${ago(20)}`] })

    // messages: to the claimant only, the plan, the state and the amount, opening the claim
    const sent = rt.emulator.outbox.list().filter((m) => m.page === `subpackages/aid/pages/claim/index?id=${id}`)
    expect(sent.map((m) => [m.touser, m.templateId, field(m, 'phrase2'), field(m, 'amount2'), field(m, 'thing4')])).toEqual([
      [who, 'local-status_changed', '基层已核对', undefined, undefined],
      [who, 'local-decided', '已批准', undefined, '补助 3950.00元，等打款'],
      [who, 'local-paid', undefined, '3950.00元', '补助已打款，请查收'],
    ])
    const mine = await data(call<Page<ClaimView>>(who, { action: 'myClaims' }))
    expect(mine.items.map((c) => c.id)).toEqual([id])
  })

  test('asking for documents, the worker adds them and it is checked again; a rejection says why and frees the event; a withdrawal too', async () => {
    const { who, id } = await submitted()
    expect(code(await decideAs(grassrootsX, id, 1, 'ask'))).toBe('REQUEST.REASON_REQUIRED')
    await data(decideAs(grassrootsX, id, 1, 'ask', { items: ['invoice', 'settlement_sheet'], note: '发票看不清' }))
    const asked = await detail(who, id)
    expect(asked).toMatchObject({ state: 'needs_docs', canResubmit: true, askNote: '发票看不清', askedDocuments: [{ code: 'invoice', label: '住院收费票据（发票）' }, { code: 'settlement_sheet', label: '医保结算单或费用清单' }] })
    const onlyInvoice = await uploadDocs(invoke, who, ['invoice'])
    expect(code(await call(who, { action: 'resubmit', id, version: 2, documents: onlyInvoice }))).toBe('MUTUAL_AID.DOCS_MISSING')
    const sheet = await uploadDocs(invoke, who, ['settlement_sheet'])
    expect(code(await call(newWorker(), { action: 'resubmit', id, version: 2, documents: {} }))).toBe('AUTH.FORBIDDEN')
    const r = await data(call<SubmitClaimReply>(who, { action: 'resubmit', id, version: 2, documents: { ...onlyInvoice, ...sheet }, note: '重新拍了' }))
    expect(r).toEqual({ id, state: 'submitted', stateLabel: '基层工会核对材料中', version: 3, computedFen: 395_000 })
    expect((await detail(who, id)).documents.find((d) => d.code === 'invoice')?.count).toBe(2)

    // rejected with a coded reason: the worker reads it and what to do next; the stay may be claimed again
    expect(code(await decideAs(grassrootsX, id, 3, 'reject'))).toBe('REQUEST.REASON_REQUIRED')
    await data(decideAs(grassrootsX, id, 3, 'reject', { rejectReason: 'docs_not_genuine', note: '请带原件来' }))
    const rejected = await detail(who, id)
    expect(rejected.rejection).toEqual({ code: 'docs_not_genuine', label: '材料和实际情况对不上', next: '请带上原件到工会核对；有疑问请打 12351。', note: '请带原件来' })
    expect(rejected.history.map((h) => h.label)).toEqual(['交了申请', '工会请你补充材料', '你补充了材料', '没有通过'])
    const second = await data(submit(who, stay(ago(20), '9200', await uploadDocs(invoke, who))))
    // withdrawn before the federation decides; not twice
    expect(code(await call(newWorker(), { action: 'withdraw', id: second.id, version: 1 }))).toBe('AUTH.FORBIDDEN')
    expect(await data(call(who, { action: 'withdraw', id: second.id, version: 1 }))).toEqual({ id: second.id, state: 'withdrawn', version: 2 })
    expect(code(await call(who, { action: 'withdraw', id: second.id, version: 2 }))).toBe('REQUEST.ALREADY_DECIDED')
    const sent = rt.emulator.outbox.list().filter((m) => m.page === `subpackages/aid/pages/claim/index?id=${id}`)
    expect(sent.map((m) => [m.touser, m.templateId, field(m, 'phrase2') ?? field(m, 'thing2')])).toEqual([
      [who, 'local-needs_info', '住院收费票据、医保结算单或费用清单'],
      [who, 'local-decided', '未通过'],
    ])
  })

  test('override: a coded reason and an amount no higher than this event may pay', async () => {
    const { who, id } = await submitted({ selfPaid: '30000' })
    await data(decideAs(grassrootsX, id, 1, 'check'))
    const review = await data(call<ClaimReview>(federation, { action: 'claimReview', id }))
    expect(review.assessment).toMatchObject({ payoutFen: 800_000, capApplied: 'per_event', maxFen: 800_000 })
    expect(code(await decideAs(federation, id, 2, 'override', { amountFen: 500_000 }))).toBe('REQUEST.REASON_REQUIRED')
    expect(code(await decideAs(federation, id, 2, 'override', { overrideReason: 'ineligible_items' }))).toBe('MUTUAL_AID.AMOUNT_INVALID')
    expect(code(await decideAs(federation, id, 2, 'override', { amountFen: 800_001, overrideReason: 'ineligible_items' }))).toBe('MUTUAL_AID.OVERRIDE_TOO_HIGH')
    expect(await data(decideAs(federation, id, 2, 'override', { amountFen: 500_000, overrideReason: 'ineligible_items', note: '自费药不在范围' }))).toEqual({ id, state: 'approved', version: 3, approvedFen: 500_000 })
    const view = await detail(who, id)
    expect(view).toMatchObject({ approvedFen: 500_000, computedFen: 800_000, override: { code: 'ineligible_items', label: '有的费用不在补助范围（比如自费药、陪护费）', note: '自费药不在范围' } })
    expect(view.steps[view.steps.length - 1]).toBe('工会核定补助 5,000 元（有的费用不在补助范围（比如自费药、陪护费））')
    expect(rt.emulator.db.findOne('aidLedgers', { memberKey: claimDoc(id).memberKey })).toMatchObject({ approvedFen: 500_000 })
  })
})

describe('staff scope', () => {
  test('staff of another union cannot see or decide a claim (denied and audited); queues are scoped and oldest first', async () => {
    const a = await submitted()
    const b = await submitted()
    const deniedBefore = denials(grassrootsY)
    for (const event of [
      { action: 'claimReview', id: a.id },
      { action: 'decideClaim', id: a.id, version: 1, decision: 'check' },
      { action: 'decideClaim', id: a.id, version: 1, decision: 'reject', rejectReason: 'other' },
    ]) {
      expect(code(await call(grassrootsY, event))).toBe('AUTH.FORBIDDEN')
    }
    expect(denials(grassrootsY)).toBe(deniedBefore + 3)
    expect(claimDoc(a.id)).toMatchObject({ state: 'submitted', version: 1 })
    // another worker cannot read it either
    const stranger = newWorker()
    expect(code(await call(stranger, { action: 'claimDetail', id: a.id }))).toBe('AUTH.FORBIDDEN')
    expect(code(await call(stranger, { action: 'claimDetail', id: 'nosuchclaim' }))).toBe('REQUEST.NOT_FOUND')
    expect((await data(call<Page<ClaimView>>(stranger, { action: 'myClaims' }))).items).toEqual([])

    expect((await data(call<Page<ClaimRow>>(grassrootsY, { action: 'claimQueue', filter: 'all' }))).items.filter((c) => c.orgId !== ORG_Y)).toEqual([])
    // org X's grassroots queue holds its submitted claims, oldest first, page by page
    const seen: ClaimRow[] = []
    for (let cursor: number | null = 0; cursor !== null; ) {
      const page: Page<ClaimRow> = await data(call<Page<ClaimRow>>(grassrootsX, { action: 'claimQueue', pageSize: 2, ...(cursor ? { cursor } : {}) }))
      seen.push(...page.items)
      cursor = page.nextCursor
    }
    expect(seen.every((c) => c.state === 'submitted' && c.orgId === ORG_X)).toBe(true)
    const ids = seen.map((c) => c.id)
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id))
    expect(seen.map((c) => c.submittedAt)).toEqual([...seen.map((c) => c.submittedAt)].sort())
    // the federation's to-do: checked claims, and submitted ones of unions without staff (org X has staff)
    const fed = await data(call<Page<ClaimRow>>(federation, { action: 'claimQueue', pageSize: 50 }))
    expect(fed.items.some((c) => c.id === a.id)).toBe(false)
    const unstaffed = await submitted({ orgId: 'org-xingwang' })
    const fedNow = await data(call<Page<ClaimRow>>(federation, { action: 'claimQueue', pageSize: 50 }))
    expect(fedNow.items.some((c) => c.id === unstaffed.id)).toBe(true)
    expect((await data(call<ClaimReview>(federation, { action: 'claimReview', id: unstaffed.id }))).actions).toEqual(['check', 'ask', 'reject'])
  })

  test('the bank card is revealed to the federation only, grouped in fours, and audited', async () => {
    const who = newWorker()
    await insuredWorker(invoke, who)
    const card = bankCardNumber()
    const s = await data(submit(who, stay(ago(20), '9200', await uploadDocs(invoke, who)), card))
    expect(code(await call(grassrootsX, { action: 'revealBankCard', id: s.id }))).toBe('AUTH.FORBIDDEN')
    const revealed = await data(call<{ bankCard: string }>(federation, { action: 'revealBankCard', id: s.id }))
    expect(revealed.bankCard).toBe(card.replace(/(\d{4})(?=\d)/g, '$1 '))
    expect(rt.emulator.db.count('audit', { action: 'privacy.reveal', 'target.id': s.id, 'detail.field': 'bank_card', 'actor.openid': federation })).toBe(1)
  })
})

test('no reply of this file carries an ID, card or phone number', () => {
  expect(replies.length).toBeGreaterThan(100)
  expect(leaks()).toEqual([])
})
