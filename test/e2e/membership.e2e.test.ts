/**
 * 入会 end to end on the h5 build served by the real runtime (issue 5): 农民工 小王, who works on a Shanghai
 * building site, applies from 首页 → 入会 and chooses the Shanghai service station; he sees which union
 * will handle it, why, by when, and that his employer is not told, before he sends it. 服务站 陈站长 asks
 * him for proof of work; he adds a note and a photo without retyping anything; 陈站长 approves; 小王
 * opens his member card (at 320 px); 陈站长 checks the member number (h5 cannot scan), and a number with
 * one digit changed is not accepted. Only 小王 was ever messaged; the employer never. His phone is the
 * hard one of issue 10 (320 px, 特大, Slow 3G, every step checked), and the reply to his first 提交 is
 * lost on the way back: the retry with the same request key shows it sent, and there is one application.
 */
import type { Page } from 'playwright-core'
import { shanghaiDate } from '../../src/domain/calendar/working-days'
import { checkCharacter } from '../../src/domain/identity/idcard'
import { formatMemberNo } from '../../src/domain/membership/membership.rules'
import { BASE } from './support/browser'
import { PAPER_PNG, WAIT_MS, button, current, field, longDate, overflows, story, toastGone } from './support/ui'

const WORKER = '农民工 小王'
const WORKER_OPENID = 'o-demo-xiaowang'
const STAFF = '服务站 陈站长'
const STATION = '广丰区总工会驻上海农民工维权服务站'
const NAME = '王小明'
const EMPLOYER = '上海宏建建筑工程有限公司'
const MOBILE = '15979345678'
/** 广丰, born 15 March 1996, a man (odd 17th digit), with its check character. */
const ID17 = '36112219960315123'
const ID = ID17 + checkCharacter(ID17)
const MASKED_ID = `${ID.slice(0, 3)}${'*'.repeat(11)}${ID.slice(-4)}`
const ASK_NOTE = '请拍一张工地的工牌或者工资条'
const WORKER_NOTE = '工牌的照片拍好了，项目部在浦东'
const STATUS = '/#/subpackages/join/pages/status/index'
const CARD = '/#/subpackages/join/pages/card/index'

const { openPhone, still, showingFailures, outbox } = story('membership')
const radio = (page: Page, text: string) => current(page).locator('[role=radio]', { hasText: text })

test('小王 applies from Shanghai; 陈站长 asks for proof, he adds it, 陈站长 approves; the card is shown and verified', () => showingFailures(async () => {
  const started = Date.now()
  const before = new Set((await outbox()).map((m) => m.id))

  // ---- 1. 小王 opens 首页 → 入会 and goes through the wizard. ----------------------------------------
  const worker = await openPhone(WORKER, 360, { hard: true })
  await worker.getByRole('button', { name: '入会', exact: true }).tap()
  await button(worker, '开始申请').waitFor()
  await still(worker, '01-intro')
  await button(worker, '开始申请').tap()
  await worker.waitForURL(/subpackages\/join\/pages\/apply\/index/)

  // step 1: name, the separate consent for the ID number, the ID number, the mobile
  await current(worker).getByText('第 1 步，共 4 步').waitFor()
  await field(worker, '姓名').fill(NAME)
  const consent = current(worker).getByRole('group', { name: /同意使用你的/ })
  await consent.waitFor()
  await still(worker, '02-step1-consent')
  await consent.locator('taro-button-core', { hasText: '我同意' }).tap()
  await consent.waitFor({ state: 'detached' })
  await field(worker, '身份证号').fill(ID)
  await field(worker, '手机号').fill(MOBILE)
  await still(worker, '03-step1-filled')
  await button(worker, '下一步').tap()

  // step 2: works in Shanghai, wants the Shanghai station, types the employer (it is not in the county's list)
  await current(worker).getByText('第 2 步，共 4 步').waitFor()
  await radio(worker, '在上海工作').tap()
  await radio(worker, '上海服务站').tap()
  await current(worker).getByRole('button', { name: /列表里没有，我自己填/ }).tap()
  await field(worker, '单位名称').fill(EMPLOYER)
  await still(worker, '04-step2-place')
  await button(worker, '下一步').tap()

  // step 3: 农民工, 建筑工, lives on wages
  await current(worker).getByText('第 3 步，共 4 步').waitFor()
  await radio(worker, '农民工（进城务工）').tap()
  await radio(worker, '建筑工').tap()
  expect(await field(worker, '做什么工作').inputValue()).toBe('建筑工')
  await radio(worker, '靠工资').tap()
  await still(worker, '05-step3-job')
  await button(worker, '下一步').tap()

  // step 4: what he typed (ID masked), the charter; the check says who, why, by when, and that the employer is not told
  await current(worker).getByText('第 4 步，共 4 步').waitFor()
  const summary = current(worker).getByLabel('你填的内容')
  await summary.getByText(`身份证 ${MASKED_ID}`).waitFor()
  expect(await summary.innerText()).not.toContain(ID)
  expect(await summary.innerText()).toContain(EMPLOYER)
  await still(worker, '06-step4-summary')
  // not sendable before the charter is accepted
  expect(await button(worker, '提交入会申请').count()).toBe(0)
  await current(worker).getByRole('checkbox', { name: /我愿意遵守工会章程/ }).tap()
  const check = current(worker).locator('.check')
  await check.getByText('✅ 你可以入会').waitFor()
  const route = check.getByRole('group', { name: '由哪个工会办理' })
  expect(await route.locator('.route__org').innerText()).toContain(STATION)
  expect(await route.locator('.route__why').innerText()).toContain('你在外地工作，选了离你近的')
  const due = await check.locator('.check__due').innerText()
  expect(due).toMatch(/工会会在 \d+ 个工作日内（.+前）答复你/)
  expect(await check.locator('.check__privacy').innerText()).toContain('工会不会通知你的单位')
  expect(await overflows(worker)).toBe(false)
  await still(worker, '07-step4-check', '.check')

  // The first 提交 reaches the union but its reply is lost on the weak network: the page says so and
  // that what he typed is kept; 提交 again sends the same request key, and he sees it sent — once.
  let lost = 0
  await worker.route('**/api/fn/membership', async (r) => {
    if ((r.request().postDataJSON() as { action?: string } | null)?.action !== 'apply' || lost > 0) return r.continue()
    lost++
    await r.fetch()
    await r.abort('failed')
  })
  await button(worker, '提交入会申请').tap()
  await current(worker).getByText('你填的内容已经保存在手机上，网络好了再点“提交入会申请”。', { exact: false }).waitFor()
  expect(lost).toBe(1)
  await still(worker, '07b-reply-lost')
  await worker.unroute('**/api/fn/membership')
  await button(worker, '提交入会申请').tap()

  // the status page: 工会审核中, which union, the deadline
  await worker.waitForURL(/subpackages\/join\/pages\/status\/index/)
  await current(worker).getByText('⏳ 工会审核中').waitFor()
  await current(worker).getByRole('group', { name: '办理的工会' }).locator('.route__org', { hasText: STATION }).waitFor()
  expect(await current(worker).locator('.due').innerText()).toMatch(/前答复 · /)
  await toastGone(worker)
  await still(worker, '08-status-submitted')

  // ---- 2. 陈站长 opens 工作台 → 入会申请, opens 王小明's, asks for proof of work. ---------------------
  const staff = await openPhone(STAFF)
  await staff.getByText('📋 工作台').tap()
  await current(staff).getByRole('button', { name: '入会申请' }).tap()
  await staff.waitForURL(/members-queue\/index/)
  const row = current(staff).getByRole('listitem', { name: `${NAME}的入会申请` })
  await row.waitFor()
  expect(await row.count()).toBe(1)
  expect(await row.innerText()).toContain(EMPLOYER)
  await still(staff, '09-staff-queue')
  await row.tap()
  await staff.waitForURL(/members-review\/index/)
  await current(staff).locator('.info-row', { hasText: '身份证号' }).getByText(MASKED_ID).waitFor()
  expect(await current(staff).innerText()).not.toContain(ID)
  expect(await current(staff).innerText()).not.toContain(MOBILE)
  await still(staff, '10-staff-review')
  await button(staff, '请他补充').tap()
  const ask = staff.getByRole('dialog', { name: '请他补充什么？' })
  await ask.getByRole('checkbox', { name: /在这个单位干活的证明/ }).tap()
  await ask.locator('[aria-label="还想对他说的（可以不写）"] input').fill(ASK_NOTE)
  await still(staff, '11-staff-ask')
  await ask.locator('taro-button-core', { hasText: '发给他' }).tap()
  await ask.waitFor({ state: 'detached' })
  await current(staff).getByText('✅ 已请他补充材料').waitFor()

  // ---- 3. 小王 reloads: what to add, exactly; he adds a note and a photo, nothing retyped. ----------
  await worker.reload()
  await current(worker).getByText('📝 需要补充材料').waitFor()
  await current(worker).getByText('在这个单位干活的证明（工牌、劳动合同、工资条或接单截图，拍照上传）').waitFor()
  await current(worker).getByText(`工会说：“${ASK_NOTE}”`).waitFor()
  const form = current(worker).locator('.resubmit')
  await form.locator('.info-row', { hasText: '身份证号（不能改）' }).getByText(MASKED_ID).waitFor()
  await still(worker, '12-status-needs-info')
  // only what was asked is open: the photo of a work proof, and a note
  await form.locator('.photo-picker input[type=file]').setInputFiles({ name: '工牌.png', mimeType: 'image/png', buffer: PAPER_PNG })
  await form.locator('[aria-label="照片 1"]').first().waitFor()
  await form.getByText('1/3 张').waitFor()
  await form.locator('[aria-label="想对工会说的话"] textarea').fill(WORKER_NOTE)
  expect(await overflows(worker)).toBe(false)
  await still(worker, '13-resubmit-photo', '.resubmit')
  // everything typed before is still there (nothing to type again): open the rest of the form to see it
  await form.getByRole('button', { name: /还要改别的内容/ }).tap()
  expect(await form.locator('[aria-label="姓名"] input').inputValue()).toBe(NAME)
  expect(await form.locator('[aria-label="单位名称"] input').inputValue()).toBe(EMPLOYER)
  expect(await form.locator('[role=radio][aria-checked=true]', { hasText: '在上海工作' }).count()).toBe(1)
  expect(await form.locator('[role=radio][aria-checked=true]', { hasText: '建筑工' }).count()).toBe(1)
  expect(await current(worker).innerText()).not.toContain(ID)
  expect(await overflows(worker)).toBe(false)
  await still(worker, '14-resubmit-all', '.resubmit [aria-label="姓名"]')
  await form.locator('taro-button-core', { hasText: '交给工会' }).tap()
  await current(worker).getByText('⏳ 工会审核中').waitFor()
  await current(worker).getByText(`“${WORKER_NOTE}”`).waitFor()
  await toastGone(worker)
  await still(worker, '15-status-resubmitted', '.state')

  // ---- 4. 陈站长 sees the photo and approves; the member number is shown. ----------------------------
  await staff.reload()
  await current(staff).getByText('工会审核中').first().waitFor()
  await current(staff).locator('.card', { hasText: '证明照片' }).locator('img, taro-image-core').first().waitFor()
  await button(staff, '批准入会').tap()
  const approve = staff.getByRole('dialog', { name: `批准 ${NAME} 入会？` })
  await approve.getByText('不会通知他的单位').waitFor()
  await still(staff, '16-staff-approve')
  await approve.locator('taro-button-core', { hasText: '批准入会' }).tap()
  await approve.waitFor({ state: 'detached' })
  await current(staff).getByText(`✅ 已批准 ${NAME} 入会`).waitFor()
  const shownNo = (await current(staff).locator('.review-done__no').innerText()).trim()
  expect(shownNo).toMatch(/^GF2026\d+$/)
  await still(staff, '17-staff-approved', '.review-decide')

  // ---- 5. 小王 opens his member card on a narrow (320 px) phone. ---------------------------------------
  const narrow = await openPhone(WORKER, 320)
  await narrow.getByRole('button', { name: '入会', exact: true }).tap()
  await narrow.waitForURL(/subpackages\/join\/pages\/card\/index/)
  const card = current(narrow).getByLabel('电子会员证')
  await card.waitFor()
  expect(await card.locator('.member-card__name').innerText()).toBe(NAME)
  const memberNo = (await card.locator('.member-card__no').innerText()).trim()
  expect(memberNo).toBe(shownNo)
  await card.locator('.info-row', { hasText: '身份证号' }).getByText(MASKED_ID).waitFor()
  await card.locator('.info-row', { hasText: '所在工会' }).getByText(STATION).waitFor()
  await card.locator('.info-row', { hasText: '入会日期' }).getByText(longDate(shanghaiDate(new Date()))).waitFor()
  expect(await card.innerText()).not.toContain(ID)
  const qr = card.locator('[aria-label="会员证二维码"] img, img[aria-label="会员证二维码"]').first()
  await qr.waitFor()
  await narrow.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await qr.elementHandle(), { timeout: WAIT_MS })
  expect(await qr.getAttribute('src')).toMatch(/^data:image\//)
  expect(await overflows(narrow)).toBe(false)
  await still(narrow, '18-card-320')
  // the status page (opened from the notice) now says 已入会 at 360 px as well
  await worker.goto(`${BASE()}${STATUS}`)
  await button(worker, '看我的会员证').waitFor()
  await still(worker, '19-status-approved')
  await worker.goto(`${BASE()}${CARD}`)
  await current(worker).getByLabel('电子会员证').waitFor()
  await still(worker, '20-card-360')

  // ---- 6. 陈站长 checks the number (h5 has no camera scan); one digit changed is not a card. --------
  await staff.goto(`${BASE()}/#/subpackages/staff/pages/home/index`)
  await current(staff).getByRole('button', { name: '核验会员证' }).tap()
  await staff.waitForURL(/members-verify\/index/)
  await field(staff, '会员号').fill(memberNo)
  await button(staff, /^核验$/).tap()
  const verdict = current(staff).getByRole('status')
  await verdict.getByText('✅ 有效').waitFor()
  expect(await current(staff).innerText()).toContain(STATION)
  await still(staff, '21-verify-valid')
  await button(staff, '再核验一张').tap()
  // a mistyped number (one digit changed): the check digit catches it
  const last = Number(memberNo.slice(-1))
  const wrong = memberNo.slice(0, -1) + String((last + 1) % 10)
  await field(staff, '会员号').fill(wrong)
  await button(staff, /^核验$/).tap()
  await current(staff).getByRole('alert').getByText('会员编号不对，请对照会员证再输入一遍').waitFor()
  expect(await current(staff).getByText('✅ 有效').count()).toBe(0)
  await still(staff, '22-verify-mistyped')
  // a well-formed number nobody has
  await field(staff, '会员号').fill(formatMemberNo('GF', 2026, 999999))
  await button(staff, /^核验$/).tap()
  await current(staff).getByRole('status').getByText('✖ 查不到').waitFor()
  await still(staff, '23-verify-unknown')

  // ---- Messages: only to 小王, none about or to the employer. -----------------------------------------
  const sent = (await outbox()).filter((m) => !before.has(m.id))
  expect(sent.length).toBeGreaterThanOrEqual(2) // needs info, approved
  expect(new Set(sent.map((m) => m.touser))).toEqual(new Set([WORKER_OPENID]))
  for (const m of sent) expect(JSON.stringify(m)).not.toContain(EMPLOYER)
  expect(sent.map((m) => JSON.stringify(m.data)).join('\n')).toMatch(/需补充材料[\s\S]*已入会/)

  console.log(`membership e2e: ${((Date.now() - started) / 1000).toFixed(1)} s, member number ${memberNo}, ${sent.length} message(s) to ${WORKER_OPENID}`)
  await Promise.all([worker.context().close(), staff.context().close(), narrow.context().close()])
}), 600000)
