/**
 * 互助保障 end to end on the h5 build served by the real runtime (issue 6). 基层工会 张主席 imports his unit's
 * enrollment list: the first file has a row with a wrong ID number, so nothing is imported and the row
 * report says which row and why; the fixed file passes the dry run and is imported. 职工 老李 gives his ID
 * number (consent first) and sees his 住院医疗 cover 保障中 with nothing of this year's cap used. He claims an
 * inpatient stay: dates on the date wheel, 自付 9,200 元, a photo of every document the plan lists (medical
 * and bank-card consents first), his bank card; before sending he sees 3,950 元 and how it was worked out
 * (first stay of the year: 起付线 1,300 元). 张主席 checks the file and passes it on; 总工会 刘干事 approves the
 * computed amount and marks it paid with a reference and a date; 老李 (at 320 px) sees 已打款 3,950 元 to
 * the card ending 1111. Only 老李 was ever messaged.
 *
 * The story runs on a runtime of its own: it gives 老李 an ID number and consents (ID number, medical papers,
 * bank card), which the other files' stories about 老李 (privacy.e2e: "has agreed to nothing yet") must not see.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { addDays, shanghaiDate } from '../../src/domain/calendar/working-days'
import { checkCharacter } from '../../src/domain/identity/idcard'
import { ENROLLMENT_COLUMNS } from '../../src/domain/mutual-aid/mutual-aid.constants'
import { addMonths } from '../../src/domain/mutual-aid/mutual-aid.rules'
import { PAPER_PNG, button, current, dialogButton, field, longDate, overflows, pickDate, shortDate, story, toastGone } from './support/ui'

const WORKER = '职工 老李'
const WORKER_OPENID = 'o-demo-laoli'
const GRASSROOTS = '基层工会 张主席'
const FEDERATION = '总工会 刘干事'
const UNIT = '江西丰达机械有限公司工会'
const NAME = '李建国'
/** 广丰, born 8 June 1974, a man (odd 17th digit), with its check character. */
const ID17 = '36112219740608031'
const ID = ID17 + checkCharacter(ID17)
/** Another worker of the unit whose number has a wrong last character (a typo in the unit's sheet). */
const BAD_ID17 = '36112219850214022'
const BAD_ID = BAD_ID17 + (checkCharacter(BAD_ID17) === '1' ? '2' : '1')
const PLAN = '职工住院医疗互助保障'
const CARD = '4111111111111111'
const PAYMENT_REF = 'GF-HZ-20261122-0001'
/** The documents the inpatient plan lists (DEMO_PLAN_RULES), in the server's words and order. */
const DOCS = ['身份证正反面', '本人银行卡（有卡号的一面）', '住院收费票据（发票）', '医保结算单或费用清单', '出院小结（出院记录）']

// Dates in Shanghai: the term began 200 days ago (past the 30-day wait and the 90-day reduced cover); the
// stay began 20 days ago and ended 4 days later.
const TODAY = shanghaiDate(new Date())
const TERM_START = addDays(TODAY, -200)
const TERM_END = addDays(addMonths(TERM_START, 12), -1)
const ADMITTED = addDays(TODAY, -20)
const DISCHARGED = addDays(TODAY, -16)

/** A temp folder for the CSV files the phone is given. */
let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mutual-aid-e2e-'))
})
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const { base, openPhone, still, showingFailures, outbox } = story('mutual-aid', { ownRuntime: true })

/** The unit's list as a CSV file in a temp folder (what the phone's file input is given). */
function csvFile(name: string, rows: string[][]): string {
  const path = join(dir, name)
  const lines = [ENROLLMENT_COLUMNS.map((c) => c.title), ...rows].map((cells) => cells.join(','))
  writeFileSync(path, `${lines.join('\r\n')}\r\n`, 'utf8')
  return path
}

test('张主席 imports the list; 老李 checks his cover and claims a stay; 张主席 checks, 刘干事 approves and pays; 老李 sees 已打款', () => showingFailures(async () => {
  const started = Date.now()
  const before = new Set((await outbox()).map((m) => m.id))
  const laoli = [NAME, ID, '住院医疗', '1', TERM_START, TERM_END]
  const withBadRow = csvFile('丰达参保名单.csv', [laoli, ['王芳', BAD_ID, '住院医疗', '1', TERM_START, TERM_END]])
  const fixed = csvFile('丰达参保名单（改好了）.csv', [laoli])

  // ---- 1. 张主席 opens 工作台 → 导入参保名单 and imports his unit's list. -------------------------------
  const staff = await openPhone(GRASSROOTS)
  await staff.getByRole('button', { name: '工作台' }).tap()
  await current(staff).getByRole('button', { name: '导入参保名单' }).tap()
  await staff.waitForURL(/aid-import\/index/)
  // his union is the one unit he looks after: it is chosen for him
  await current(staff).locator('[role=radio][aria-checked=true]', { hasText: UNIT }).waitFor()
  await current(staff).getByText(`导入到：${UNIT}`).waitFor()
  const sheetInput = current(staff).locator('input[type=file][aria-label="选择表格文件"]')
  await sheetInput.setInputFiles(withBadRow)
  // a row with a wrong ID number: every problem by row, and nothing imported
  const refused = current(staff).locator('.import-errors')
  await refused.getByRole('alert').getByText('有 1 处要改，一行都没有导入。').waitFor()
  const problem = refused.getByRole('listitem')
  expect(await problem.count()).toBe(1)
  expect(await problem.innerText()).toMatch(/第 3 行 · 身份证号：\s*身份证号好像有一位写错了/)
  expect(await overflows(staff)).toBe(false)
  await still(staff, '01-import-bad-row', '.import-errors')
  // the fixed file: the dry run counts one new row; nothing is written until 确认导入
  await sheetInput.setInputFiles(fixed)
  const checked = current(staff).getByRole('status').filter({ hasText: '✅ 检查通过，还没有导入' })
  await checked.getByText('共 1 行：新增 1、更新 0、没变 0').waitFor()
  expect(await refused.count()).toBe(0)
  await still(staff, '02-import-checked', '.import-file-name')
  await checked.locator('taro-button-core', { hasText: '确认导入' }).tap()
  const done = current(staff).getByRole('status').filter({ hasText: '✅ 导入好了' })
  await done.getByText('共 1 行：新增 1、更新 0、没变 0').waitFor()
  await still(staff, '03-import-done', '[role=status]')

  // ---- 2. 老李 opens 互助保障: no ID number yet → consent, the number → 住院医疗 保障中, nothing used. ------
  const worker = await openPhone(WORKER, 360, { hard: true })
  await worker.getByRole('button', { name: '互助保障', exact: true }).tap()
  await worker.waitForURL(/subpackages\/aid\/pages\/index\/index/)
  await current(worker).getByText('先要确认你是谁').waitFor()
  const idConsent = current(worker).getByRole('group', { name: '同意使用你的身份证号' })
  await idConsent.getByText('查互助保障要用到你的身份证号').waitFor()
  expect(await overflows(worker)).toBe(false)
  await still(worker, '04-coverage-consent')
  await idConsent.locator('taro-button-core', { hasText: '我同意' }).tap()
  await idConsent.waitFor({ state: 'detached' })
  await field(worker, '身份证号').fill(ID)
  await button(worker, '保存并查看').tap()
  const plan = current(worker).getByLabel(PLAN, { exact: true })
  await plan.locator('.aid-status', { hasText: '保障中' }).waitFor()
  await plan.getByText(`1 份 · ${longDate(TERM_START)} 到 ${longDate(TERM_END)}`).waitFor()
  await plan.getByText('已经用了 0 元').waitFor()
  await plan.getByText('还剩 20,000 元').waitFor()
  expect(await plan.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0')
  expect(await current(worker).innerText()).not.toContain(ID)
  expect(await overflows(worker)).toBe(false)
  await toastGone(worker)
  await still(worker, '05-coverage')

  // ---- 3. 老李 claims the stay. ----------------------------------------------------------------------
  await plan.locator('taro-button-core', { hasText: '申请补助' }).tap()
  await worker.waitForURL(/subpackages\/aid\/pages\/apply\/index/)
  // step 2 (the plan was chosen on 我的保障): what happened, only what this plan needs
  await current(worker).getByText('第 2 步，共 5 步').waitFor()
  await current(worker).locator('.aid-plan-note__name', { hasText: PLAN }).waitFor()
  await pickDate(worker, '哪天住进医院的？', ADMITTED)
  await pickDate(worker, '哪天出院的？', DISCHARGED)
  await current(worker).getByRole('radio', { name: '生病' }).tap()
  await field(worker, '自付金额').fill('9200')
  expect(await overflows(worker)).toBe(false)
  await still(worker, '06-claim-facts', '.steps')
  await button(worker, '下一步').tap()

  // step 3: the documents the plan lists; the medical-papers consent first, then the bank card's
  await current(worker).getByText('第 3 步，共 5 步').waitFor()
  const medical = current(worker).getByRole('group', { name: '同意使用你的病历和医疗票据' })
  await medical.waitFor()
  await still(worker, '07-claim-docs-consent', '.steps')
  await medical.locator('taro-button-core', { hasText: '我同意' }).tap()
  await medical.waitFor({ state: 'detached' })
  const cardConsent = current(worker).getByRole('group', { name: '同意使用你的银行卡' })
  await cardConsent.locator('taro-button-core', { hasText: '我同意' }).tap()
  await cardConsent.waitFor({ state: 'detached' })
  const pickers = current(worker).locator('.photo-picker')
  expect(await current(worker).locator('.photo-picker > .field-label').allInnerTexts()).toEqual(DOCS)
  for (const label of DOCS) {
    const picker = pickers.filter({ has: worker.locator('.field-label', { hasText: label }) })
    await picker.locator('input[type=file]').setInputFiles({ name: `${label}.png`, mimeType: 'image/png', buffer: PAPER_PNG })
    await picker.locator('[aria-label="照片 1"]').waitFor()
    await picker.getByText('1/9 张').waitFor()
  }
  expect(await overflows(worker)).toBe(false)
  await still(worker, '08-claim-docs', '.aid-docs')
  await button(worker, '下一步').tap()

  // step 4: the bank card (its consent was given with the photo of the card)
  await current(worker).getByText('第 4 步，共 5 步').waitFor()
  await field(worker, '银行卡号').fill(CARD)
  await still(worker, '09-claim-card', '.steps')
  await button(worker, '下一步').tap()

  // step 5, before sending: eligible, 3,950 元, and the arithmetic in words (his first stay this year)
  await current(worker).getByText('第 5 步，共 5 步').waitFor()
  const result = current(worker).locator('.aid-check')
  await result.getByText('✅ 按你填的，可以补助').waitFor()
  expect((await result.locator('.aid-payout').innerText()).trim()).toBe('能补助 3,950 元')
  expect(await result.getByRole('list', { name: '怎么算的' }).getByRole('listitem').allInnerTexts()).toEqual([
    '今年第一次住院，起付线是 1,300 元',
    '自付 9,200 元 − 起付线 1,300 元 = 7,900 元 × 50% = 3,950 元',
  ])
  const summary = await current(worker).innerText()
  expect(summary).toContain(`入院日期：${longDate(ADMITTED)}`)
  expect(summary).toContain('自己付的钱：9200 元')
  expect(summary).toContain('交了 5 种材料，一共 5 张照片')
  expect(summary).not.toContain(CARD)
  // nothing has been sent yet
  expect(worker.url()).toMatch(/subpackages\/aid\/pages\/apply\/index/)
  expect((await outbox()).filter((m) => !before.has(m.id))).toEqual([])
  expect(await overflows(worker)).toBe(false)
  await still(worker, '10-claim-review', '.aid-check')
  await button(worker, '提交申请').tap()
  await worker.waitForURL(/subpackages\/aid\/pages\/claim\/index\?id=/)
  await current(worker).locator('.state', { hasText: '基层工会核对材料中' }).waitFor()
  await current(worker).getByText('算出来能补助 3,950 元').waitFor()
  await toastGone(worker)
  await still(worker, '11-claim-submitted')

  // ---- 4. 张主席 opens 互助保障申请 → the claim → 审核通过（交总工会）. ---------------------------------------
  await staff.goto(`${base()}/#/subpackages/staff/pages/home/index`)
  await current(staff).getByRole('button', { name: '互助保障申请' }).tap()
  await staff.waitForURL(/aid-queue\/index/)
  const row = current(staff).getByRole('listitem', { name: `${NAME}的${PLAN}申请` })
  await row.getByText('按规定算 3,950 元').waitFor()
  await still(staff, '12-grassroots-queue')
  await row.tap()
  await staff.waitForURL(/aid-review\/index/)
  await current(staff).getByText('按规定能补助 3,950 元').waitFor()
  expect(await current(staff).innerText()).not.toContain(ID)
  expect(await current(staff).innerText()).not.toContain(CARD)
  await button(staff, '审核通过（交总工会）').tap()
  const checkSheet = '材料核对过了，交给总工会？'
  await staff.getByRole('dialog', { name: checkSheet }).waitFor()
  await still(staff, '13-grassroots-check')
  await dialogButton(staff, checkSheet, '交给总工会').tap()
  await staff.getByRole('dialog', { name: checkSheet }).waitFor({ state: 'detached' })
  await current(staff).getByText('✅ 已核对，交给总工会审批金额').waitFor()
  // read again: now with the federation (the machine still lets him ask for papers or refuse, not check again)
  await current(staff).getByText(/申请 · 材料已核对，等总工会审批$/).waitFor()
  expect(await button(staff, '审核通过（交总工会）').count()).toBe(0)
  await still(staff, '14-grassroots-checked', '.review-decide')

  // ---- 5. 刘干事 approves the computed amount, then marks it paid with a reference and a date. ----------
  const fed = await openPhone(FEDERATION)
  await fed.getByRole('button', { name: '工作台' }).tap()
  await current(fed).getByRole('button', { name: '互助保障申请' }).tap()
  await fed.waitForURL(/aid-queue\/index/)
  const fedRow = current(fed).getByRole('listitem', { name: `${NAME}的${PLAN}申请` })
  await fedRow.getByText(UNIT).waitFor()
  await fedRow.tap()
  await fed.waitForURL(/aid-review\/index/)
  await current(fed).getByText('按规定能补助 3,950 元').waitFor()
  // what he said happened, each once, under its own name
  const facts = await current(fed).locator('.card', { has: fed.getByText('申请的情况', { exact: true }) }).innerText()
  expect(facts.match(/保障项目|入院日期|出院日期|自付金额/g)).toEqual(['保障项目', '入院日期', '出院日期', '自付金额'])
  expect(facts).toContain('9,200 元')
  expect(facts).not.toContain('出事日期')
  await still(fed, '15-federation-review')
  await button(fed, /^批准 3,950 元$/).tap()
  const approveSheet = '批准补助 3,950 元？'
  await fed.getByRole('dialog', { name: approveSheet }).getByText('自付 9,200 元 − 起付线 1,300 元 = 7,900 元 × 50% = 3,950 元').waitFor()
  await still(fed, '16-federation-approve')
  await dialogButton(fed, approveSheet, /^批准$/).tap()
  await fed.getByRole('dialog', { name: approveSheet }).waitFor({ state: 'detached' })
  await current(fed).getByText('✅ 已批准 3,950 元，等待打款').waitFor()
  await button(fed, '标记已打款').tap()
  const paySheet = fed.getByRole('dialog', { name: '记下打款' })
  await paySheet.getByText('打款 3,950 元，打到尾号 1111 的卡。').waitFor()
  await paySheet.locator('[aria-label="转账流水号"] input').fill(PAYMENT_REF)
  await paySheet.getByRole('button', { name: '打款日期' }).getByText(shortDate(TODAY)).waitFor()
  await still(fed, '17-federation-pay')
  await paySheet.locator('taro-button-core', { hasText: '确认已打款' }).tap()
  await paySheet.waitFor({ state: 'detached' })
  await current(fed).getByText('✅ 已记下打款，他会看到“已打款”').waitFor()
  await current(fed).getByText('这份申请已经办完了：已打款。').waitFor()
  await still(fed, '18-federation-paid', '.review-decide')

  // ---- 6. 老李, on a narrow (320 px) phone: 我的保障 → 我的申请 → the claim: 已打款 3,950 元, card 1111. ----
  const narrow = await openPhone(WORKER, 320)
  await narrow.getByRole('button', { name: '互助保障', exact: true }).tap()
  const cover = current(narrow).getByLabel(PLAN, { exact: true })
  await cover.getByText('已经用了 3,950 元').waitFor()
  await cover.getByText('还剩 16,050 元').waitFor()
  await button(narrow, '我的申请').tap()
  await narrow.waitForURL(/subpackages\/aid\/pages\/claims\/index/)
  const mine = current(narrow).getByRole('listitem', { name: `${PLAN}，已打款` })
  await mine.getByText('已打款 3,950 元').waitFor()
  expect(await overflows(narrow)).toBe(false)
  await still(narrow, '19-worker-claims-320')
  await mine.tap()
  await narrow.waitForURL(/subpackages\/aid\/pages\/claim\/index\?id=/)
  await current(narrow).locator('.state', { hasText: '已打款' }).waitFor()
  const money = current(narrow).getByLabel('补助的钱', { exact: true })
  expect((await money.locator('.aid-amount').innerText()).trim()).toBe(`已打款 3,950 元（尾号 1111 的银行卡，${shortDate(TODAY)}）`)
  expect(await current(narrow).innerText()).not.toContain(CARD)
  expect(await overflows(narrow)).toBe(false)
  await still(narrow, '20-worker-paid-320')

  // ---- Messages: only to 老李 (approved, paid, with the amount), none to the unit or the staff. --------
  const sent = (await outbox()).filter((m) => !before.has(m.id))
  expect(sent.length).toBeGreaterThanOrEqual(2)
  expect(new Set(sent.map((m) => m.touser))).toEqual(new Set([WORKER_OPENID]))
  const texts = sent.map((m) => JSON.stringify(m.data)).join('\n')
  expect(texts).toMatch(/已批准[\s\S]*已打款/)
  expect(texts).toContain('3950.00元')
  for (const m of sent) expect(JSON.stringify(m)).not.toContain(ID)

  console.log(`mutual-aid e2e: ${((Date.now() - started) / 1000).toFixed(1)} s, ${sent.length} message(s) to ${WORKER_OPENID}`)
  await Promise.all([staff.context().close(), worker.context().close(), fed.context().close(), narrow.context().close()])
}), 600000)
