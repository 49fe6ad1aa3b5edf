/**
 * 法律援助 end to end on the h5 build served by the real runtime (issue 7). 农民工 小王 left a Shanghai
 * building site two months ago without four months' pay. From 首页 → 法律援助 he files a request: 欠薪 (a picture
 * button), the employer, three dates on the date wheel, 讨回欠的工资 12000 元, 7 people (he and 6 co-workers),
 * 农民工, the facts in his own words and a photo of a pay slip. Before sending he reads that he needs no proof of
 * hardship, the last day to apply for arbitration (one year from leaving), which union handles it and by when.
 * 总工会 刘干事 (he is not a member: the federation holds it) finds it in the triage queue flagged 农民工讨薪或工伤,
 * reads it (masked name, facts, the photo), starts the review, accepts it with a lawyer named at once, records
 * a progress note — 小王 sees the lawyer and the phone — and closes it: 调解成功, 12,000 元 for 7 workers. 小王,
 * on a 320 px phone, sees 帮大家追回 12,000 元 (7 workers) in 我的求助 and on the case. Only 小王 was ever messaged.
 * His phone is the hard one of issue 10 (320 px, 特大, Slow 3G, every step checked); the signal drops while
 * he types the employer and he closes the app: opened again, nothing he typed is lost.
 *
 * The story runs on a runtime of its own: 小王's open 欠薪 case against this employer would make another
 * file's story about him (a second request, his 入会 on the shared runtime) see something it did not do.
 */
import type { Page } from 'playwright-core'
import { shanghaiDate } from '../../src/domain/calendar/working-days'
import { oneYearAfter } from '../../src/domain/legal-aid/legal-aid.rules'
import { addMonths } from '../../src/domain/mutual-aid/mutual-aid.rules'
import { PAPER_PNG, WAIT_MS, button, current, dialog, dialogButton, field, longDate, overflows, pickDate, signal, story, toastGone } from './support/ui'

const WORKER = '农民工 小王'
const WORKER_OPENID = 'o-demo-xiaowang'
const FEDERATION = '总工会 刘干事'
const FEDERATION_ORG = '广丰区总工会'
/** 王小明 (his account's name), as staff see it before they choose to reveal it. */
const MASKED_NAME = '王*明'
const EMPLOYER = '上海宏建建筑工程有限公司'
const ADDRESS = '上海市浦东新区川沙路工地'
const FACTS = '我在上海宏建的工地做木工，五月以后老板就没发过工资，说项目款没到。九月我们七个人都走了，一共被欠了一万二，找老板好几次都说再等等。'
const LAWYER = '周正'
const LAWYER_PHONE = '13807935678'
const LAWYER_PHONE_SHOWN = '138 0793 5678'
const LAW_FIRM = '江西正义律师事务所'
const PROGRESS = '已经约老板下周二到区劳动仲裁院调解，工资条原件请带上。'

// Dates in Shanghai: he started 14 months ago, was last paid 6 months ago and left 2 months ago; the year
// to apply for arbitration runs from the day he left (wages owed during the job: 劳动争议调解仲裁法 §27).
const TODAY = shanghaiDate(new Date())
const STARTED = addMonths(TODAY, -14)
const LAST_PAID = addMonths(TODAY, -6)
const LEFT = addMonths(TODAY, -2)
const LAST_DAY = oneYearAfter(LEFT)
const DATE_LABELS = {
  started: '哪天开始在这个单位干活的？（可以不填）',
  lastPaid: '最后一次发工资是哪天？（可以不填）',
  left: '哪天离开这个单位的？',
}

const { openPhone, still, showingFailures, outbox } = story('legal-aid', { ownRuntime: true })
const step = (page: Page, n: number) => current(page).getByText(`第 ${n} 步，共 6 步`).waitFor()

test('小王 asks for help with unpaid wages; 刘干事 accepts, names a lawyer, records 12,000 元 recovered and closes; 小王 sees it', () => showingFailures(async () => {
  const started = Date.now()
  const before = new Set((await outbox()).map((m) => m.id))

  // ---- 1. 小王 opens 首页 → 法律援助 → 我要申请法律援助 and goes through the six steps. -----------------
  const worker = await openPhone(WORKER, 360, { hard: true })
  await worker.getByRole('button', { name: '法律援助', exact: true }).tap()
  await worker.waitForURL(/subpackages\/legal\/pages\/index\/index/)
  await current(worker).getByText('你还没有向工会求助过', { exact: false }).waitFor()
  expect(await overflows(worker)).toBe(false)
  await still(worker, '01-start')
  await button(worker, '我要申请法律援助').tap()
  await worker.waitForURL(/subpackages\/legal\/pages\/apply\/index/)

  // step 1: what happened, as picture buttons
  await step(worker, 1)
  const wages = current(worker).getByRole('radio', { name: /^欠薪：/ })
  await wages.tap()
  expect(await wages.getAttribute('aria-checked')).toBe('true')
  expect(await overflows(worker)).toBe(false)
  await still(worker, '02-step1-trouble', '.steps')
  await button(worker, '下一步').tap()

  // step 2: the employer. The signal drops while he types, and he closes the app; when he opens it
  // again, he is back on step 2 with everything he typed.
  await step(worker, 2)
  await field(worker, '单位名称').fill(EMPLOYER)
  await signal(worker, 'offline')
  await field(worker, '单位地址').fill(ADDRESS)
  await signal(worker, 'slow3g')
  await worker.reload()
  await current(worker).getByText('上次填的内容还在，接着填就行。').waitFor()
  await step(worker, 2)
  expect(await field(worker, '单位名称').inputValue()).toBe(EMPLOYER)
  expect(await field(worker, '单位地址').inputValue()).toBe(ADDRESS)
  await still(worker, '03-step2-employer')
  await button(worker, '下一步').tap()

  // step 3: he has left; the three dates on the date wheel
  await step(worker, 3)
  await current(worker).locator('[role=radio]', { hasText: '已经不在这里干了' }).tap()
  await pickDate(worker, DATE_LABELS.started, STARTED)
  await pickDate(worker, DATE_LABELS.lastPaid, LAST_PAID)
  await pickDate(worker, DATE_LABELS.left, LEFT)
  expect(await overflows(worker)).toBe(false)
  await still(worker, '04-step3-dates', '.steps')
  await still(worker, '05-step3-left', '.field:has-text("哪天离开这个单位的")')
  await button(worker, '下一步').tap()

  // step 4: 讨回欠的工资 (chosen for him with 欠薪), 12000 元, 7 people, 农民工
  await step(worker, 4)
  const unpaid = current(worker).getByRole('checkbox', { name: '讨回欠的工资' })
  expect(await unpaid.getAttribute('aria-checked')).toBe('true')
  await field(worker, '要讨的钱').fill('12000')
  await field(worker, '人数').fill('7')
  await current(worker).getByRole('radiogroup', { name: '你是农民工吗？' }).getByRole('radio', { name: '是', exact: true }).tap()
  // a migrant worker claiming wages is not asked about hardship
  expect(await current(worker).getByText('家里最近有没有遇到下面这样的大困难？').count()).toBe(0)
  expect(await overflows(worker)).toBe(false)
  await still(worker, '06-step4-wants', '.steps')
  await still(worker, '07-step4-amount-migrant', '.field:has-text("一共要讨多少钱")')
  await button(worker, '下一步').tap()

  // step 5: the facts in his own words, a photo of a pay slip
  await step(worker, 5)
  await current(worker).locator('[aria-label="事情经过"] textarea').fill(FACTS)
  const proof = current(worker).locator('.photo-picker').filter({ has: worker.locator('.field-label', { hasText: '干活和欠钱的证据' }) })
  await proof.locator('input[type=file]').setInputFiles({ name: '工资条.png', mimeType: 'image/png', buffer: PAPER_PNG })
  await proof.locator('[aria-label="照片 1"]').waitFor()
  await button(worker, /^下一步$/).waitFor()
  expect(await overflows(worker)).toBe(false)
  await still(worker, '08-step5-facts', '.field:has-text("把事情经过说一说")')
  await still(worker, '09-step5-photo', '.legal-evidence')
  await button(worker, /^下一步$/).tap()

  // step 6, before sending: no proof of hardship needed, the last day for arbitration, who and by when
  await step(worker, 6)
  const summary = current(worker).getByLabel('你填的内容')
  await summary.getByText('遇到的事：欠薪').waitFor()
  expect(await summary.innerText()).toContain(`单位：${EMPLOYER}`)
  expect(await summary.innerText()).toContain(`离开单位：${longDate(LEFT)}`)
  expect(await summary.innerText()).toContain('要讨的钱：12000 元')
  expect(await summary.innerText()).toContain('证据照片：1 张')
  const free = current(worker).getByLabel('能不能免费帮')
  await free.getByText('✅ 符合法律援助的条件').waitFor()
  await free.getByText('你是农民工，追讨工资，不需要经济困难证明。').waitFor()
  const limit = current(worker).getByLabel('申请劳动仲裁的期限')
  expect(await limit.locator('.legal-limit__day').innerText()).toContain(`申请劳动仲裁的最后一天：${longDate(LAST_DAY)}`)
  await limit.getByText(`请在 ${longDate(LAST_DAY)} 前申请劳动仲裁。`).waitFor()
  expect(await limit.innerText()).toContain(`从离开单位那天（${longDate(LEFT)}）算起一年`)
  const who = await current(worker).locator('.legal-check .notice', { hasText: '办理' }).innerText()
  expect(who).toMatch(new RegExp(`由「${FEDERATION_ORG}」办理。工会会在 .+ 前告诉你受不受理`))
  expect(who).toContain('工会不会告诉你的单位是你来求助的。')
  // nothing has been sent yet
  expect(worker.url()).toMatch(/subpackages\/legal\/pages\/apply\/index/)
  expect((await outbox()).filter((m) => !before.has(m.id))).toEqual([])
  expect(await overflows(worker)).toBe(false)
  await still(worker, '10-step6-summary', '.steps')
  await still(worker, '11-step6-check', '.legal-check')
  await button(worker, '提交给工会').tap()

  // the case: received, waiting for the union's review
  await worker.waitForURL(/subpackages\/legal\/pages\/case\/index\?id=/)
  const caseUrl = worker.url()
  await current(worker).locator('.state', { hasText: '已收到，等工会审核' }).waitFor()
  await current(worker).locator('.info-row', { hasText: '办理的工会' }).getByText(FEDERATION_ORG).waitFor()
  await current(worker).locator('.info-row', { hasText: '交的证据' }).getByText('1 份').waitFor()
  await current(worker).getByText(/工会会在 .+ 前告诉你受不受理/).waitFor()
  expect(await overflows(worker)).toBe(false)
  await toastGone(worker)
  await still(worker, '12-case-received')

  // ---- 2. 刘干事 opens 工作台 → 法律援助; the case is in the triage queue; he reads it. --------------------
  const fed = await openPhone(FEDERATION)
  await fed.getByRole('button', { name: '工作台' }).tap()
  // 首页 has a 法律援助 tile too: wait for 工作台 before tapping its own
  await fed.waitForURL(/subpackages\/staff\/pages\/home\/index/)
  await current(fed).locator('.staff-tile[aria-label="法律援助"]').tap()
  await fed.waitForURL(/legal-queue\/index/)
  const row = current(fed).getByRole('listitem', { name: `${MASKED_NAME}的欠薪求助` })
  await row.getByRole('list', { name: '为什么要先办' }).getByText('农民工讨薪或工伤').waitFor()
  expect(await row.innerText()).toContain(EMPLOYER)
  expect(await row.innerText()).toContain('要讨 12,000 元')
  expect(await row.innerText()).toContain('7 个工友一起')
  expect(await row.innerText()).toContain(`仲裁时效最后一天：${longDate(LAST_DAY)}`)
  expect(await overflows(fed)).toBe(false)
  await still(fed, '13-staff-queue')
  await row.tap()
  await fed.waitForURL(/legal-review\/index\?id=/)
  await current(fed).locator('.legal-facts', { hasText: FACTS }).waitFor()
  expect(await current(fed).locator('.info-row', { hasText: '姓名' }).first().innerText()).toContain(MASKED_NAME)
  expect(await current(fed).innerText()).not.toContain('王小明')
  const photo = current(fed).locator('.card', { hasText: '证据材料（1 份）' }).locator('[aria-label="照片 1，点一下看大图"]').first()
  await photo.waitFor()
  await fed.waitForFunction(
    (el) => {
      const img = el?.tagName === 'IMG' ? (el as HTMLImageElement) : el?.querySelector('img')
      return !!img && img.complete && img.naturalWidth > 0
    },
    await photo.elementHandle(),
    { timeout: WAIT_MS },
  )
  await still(fed, '14-staff-review')
  await still(fed, '15-staff-review-evidence', '.card:has-text("证据材料（1 份）")')

  // 开始审核, then 受理 with the help and the lawyer named at once
  await button(fed, /^开始审核$/).tap()
  await dialogButton(fed, '开始审核这件求助？', /^开始审核$/).tap()
  await dialog(fed, '开始审核这件求助？').waitFor({ state: 'detached' })
  await current(fed).getByText('✅ 已开始审核，他会看到「工会正在审核」').waitFor()
  await button(fed, /^受理$/).tap()
  const accept = dialog(fed, '受理这件求助')
  await accept.getByRole('checkbox', { name: '陪同调解、和单位协商' }).tap()
  await accept.getByRole('checkbox', { name: '代理劳动仲裁或打官司' }).tap()
  await accept.getByRole('radio', { name: '现在就指派帮忙的人' }).tap()
  await accept.getByRole('radio', { name: '律师', exact: true }).tap()
  await accept.locator('[aria-label="姓名"] input').fill(LAWYER)
  await accept.locator('[aria-label="工作电话"] input').fill(LAWYER_PHONE)
  await accept.locator('[aria-label="单位（可以不写）"] input').fill(LAW_FIRM)
  await still(fed, '16-staff-accept', '.sheet__title')
  await still(fed, '17-staff-accept-helper', '.sheet__buttons')
  await dialogButton(fed, '受理这件求助', /^受理$/).tap()
  await accept.waitFor({ state: 'detached' })
  await current(fed).getByText(`✅ 已受理，由律师 ${LAWYER} 帮他办`).waitFor()
  await current(fed).locator('.card', { hasText: '谁在帮他' }).getByText(LAWYER_PHONE_SHOWN).waitFor()

  // ---- 3. 刘干事 records a progress note; 小王 sees the lawyer, the phone and the note. -------------------
  await button(fed, /^记进展$/).tap()
  const note = dialog(fed, '记一条进展')
  await note.locator('[aria-label="进展"] textarea').fill(PROGRESS)
  await dialogButton(fed, '记一条进展', /^记下$/).tap()
  await note.waitFor({ state: 'detached' })
  await current(fed).getByText('✅ 已记下进展，他能看到').waitFor()

  await worker.reload()
  await current(worker).locator('.state', { hasText: '正在帮你办理' }).waitFor()
  const helper = current(worker).getByLabel('帮你办事的人')
  await helper.getByLabel('最新进展').getByText(PROGRESS).waitFor()
  await helper.locator('.info-row', { hasText: '律师' }).getByText(LAWYER).waitFor()
  await helper.locator('.info-row', { hasText: '电话' }).getByText(LAWYER_PHONE_SHOWN).waitFor()
  await helper.locator('.info-row', { hasText: '在哪里工作' }).getByText(LAW_FIRM).waitFor()
  await helper.getByText('陪同调解、和单位协商', { exact: false }).waitFor()
  await helper.locator('taro-button-core', { hasText: `打电话给${LAWYER}` }).waitFor()
  expect(await overflows(worker)).toBe(false)
  await still(worker, '18-case-helper')
  await still(worker, '19-case-helper-phone', '.legal-helper')

  // then 办结: 调解成功, 12,000 元, 7 workers (his count, filled in for the staff member)
  await button(fed, /^办结$/).tap()
  const close = dialog(fed, '办结这件求助')
  await close.getByRole('radio', { name: '调解成功' }).tap()
  await close.locator('[aria-label="追回了多少钱（元）"] input').fill('12000')
  await close.getByText('就是 12,000 元。', { exact: false }).waitFor()
  expect(await close.locator('[aria-label="帮了几个人"] input').inputValue()).toBe('7')
  await still(fed, '20-staff-close', '.sheet__buttons')
  await dialogButton(fed, '办结这件求助', /^办结$/).tap()
  await close.waitFor({ state: 'detached' })
  await current(fed).getByText('✅ 已办结：调解成功，追回 12,000 元，帮了 7 个人').waitFor()
  const result = current(fed).locator('.card', { hasText: '办理结果' })
  await result.locator('.info-row', { hasText: '追回的钱' }).getByText('12,000 元').waitFor()
  await result.locator('.info-row', { hasText: '帮了几个人' }).getByText('7 人').waitFor()
  await current(fed).getByText('这件求助已经办完了：已办结。').waitFor()
  expect(await overflows(fed)).toBe(false)
  await still(fed, '21-staff-closed', '.review-decide')

  // ---- 4. 小王, on a narrow (320 px) phone: 我的求助 lists the case with the money; the case says so. -----
  const narrow = await openPhone(WORKER, 320)
  await narrow.getByRole('button', { name: '法律援助', exact: true }).tap()
  await narrow.waitForURL(/subpackages\/legal\/pages\/index\/index/)
  const mine = current(narrow).getByRole('list', { name: '我的求助' }).getByRole('listitem', { name: '欠薪，已办结' })
  await mine.getByText('帮大家追回 12,000 元').waitFor()
  expect(await mine.innerText()).toContain(EMPLOYER)
  expect(await overflows(narrow)).toBe(false)
  await still(narrow, '22-start-list-320', '.section-title')
  await mine.tap()
  await narrow.waitForURL(/subpackages\/legal\/pages\/case\/index\?id=/)
  await current(narrow).locator('.state', { hasText: '已办结' }).waitFor()
  const outcome = current(narrow).getByLabel('办理结果')
  await outcome.getByText('办理结果：调解成功').waitFor()
  await outcome.getByText('帮大家追回 12,000 元').waitFor()
  await outcome.getByText('一共帮了 7 个工友。').waitFor()
  await outcome.getByText(`帮你办的是律师 ${LAWYER}。`).waitFor()
  expect(await overflows(narrow)).toBe(false)
  await still(narrow, '23-case-closed-320')
  // the phone he filed on, reloaded: the same, and the history from 收到 to 办结
  await worker.goto(caseUrl)
  await worker.reload()
  await current(worker).getByLabel('办理结果').getByText('帮大家追回 12,000 元').waitFor()
  const history = current(worker).getByRole('list', { name: '办理经过' })
  expect(await history.getByRole('listitem').count()).toBeGreaterThanOrEqual(4)
  await history.getByText(PROGRESS, { exact: false }).waitFor()
  await still(worker, '24-case-closed-360')
  await still(worker, '25-case-history-360', '.timeline')

  // ---- 5. Messages: only to 小王 (accepted with the lawyer, progress, closed with the money). ----------
  const sent = (await outbox()).filter((m) => !before.has(m.id))
  expect(sent.length).toBeGreaterThanOrEqual(3)
  expect(new Set(sent.map((m) => m.touser))).toEqual(new Set([WORKER_OPENID]))
  const texts = sent.map((m) => JSON.stringify(m.data)).join('\n')
  expect(texts).toMatch(/有新进展[\s\S]*已办结/)
  expect(texts).toContain('追回 12,000 元')
  for (const m of sent) expect(JSON.stringify(m)).not.toContain(EMPLOYER)

  console.log(`legal-aid e2e: ${((Date.now() - started) / 1000).toFixed(1)} s, last day for arbitration ${LAST_DAY}, ${sent.length} message(s) to ${WORKER_OPENID}`)
  await Promise.all([worker.context().close(), fed.context().close(), narrow.context().close()])
}), 600000)
