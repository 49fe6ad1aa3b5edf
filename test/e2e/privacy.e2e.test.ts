// A worker opens 我的信息与隐私 in the h5 build on the real local runtime, agrees to and withdraws a
// consent, and sees both recorded; the page never shows a full phone number.
import type { Browser, Page } from 'playwright-core'
import { BASE, launch, phone, shot, signIn } from './support/browser'

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(() => browser?.close())

const modalConfirm = (page: Page) => page.locator('.taro__modal .taro-model__confirm')
/** Waits until the dialog and the 已同意 / 已撤回 toast are gone. */
async function settled(page: Page) {
  // Taro's h5 dialog and toast are zero-size wrappers around fixed boxes: check their display instead.
  await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__modal, .taro__toast')).every((el) => el.style.display === 'none'))
}

test('a worker withdraws a consent and sees it recorded', async () => {
  const context = await phone(browser, { width: 320 })
  const page = await context.newPage()
  await signIn(page, '职工 老李')
  await page.goto(`${BASE()}/#/pages/mine/index`)
  await page.getByText('我的信息与隐私').tap()
  await page.waitForURL(/subpackages\/privacy\/pages\/index/)
  // h5 keeps 我的 in the page stack: look only inside the privacy page
  const privacy = page.locator('.privacy')
  await privacy.getByText('138****1234').waitFor()
  await privacy.getByText('李*国').waitFor()

  // agree to 银行卡 first (the demo worker has agreed to nothing yet)
  const bankCard = privacy.locator('.privacy__consent').filter({ hasText: '银行卡' })
  await bankCard.getByText('没有同意', { exact: true }).waitFor()
  await bankCard.locator('taro-button-core', { hasText: /^同意$/ }).tap()
  await page.locator('.taro__modal').getByText(/把钱打到你的银行卡上/).waitFor()
  await modalConfirm(page).click()
  await bankCard.getByText('已同意', { exact: true }).waitFor()
  await settled(page)

  // then withdraw it: the dialog says what happens, the card and the history show it
  await bankCard.locator('taro-button-core', { hasText: '撤回同意' }).tap()
  await page.locator('.taro__modal').getByText(/撤回后，不再收集你的银行卡/).waitFor()
  await page.waitForTimeout(400) // the dialog fades in
  await shot(page, 'privacy-withdraw-confirm-320')
  await modalConfirm(page).click()
  await bankCard.getByText('已撤回', { exact: true }).waitFor()
  await settled(page)
  await privacy.getByText(/^银行卡：\d{4}年\d{1,2}月\d{1,2}日同意，\d{4}年\d{1,2}月\d{1,2}日撤回$/).waitFor()
  await bankCard.scrollIntoViewIfNeeded()
  await shot(page, 'privacy-withdrawn-320')

  const text = await privacy.innerText()
  expect(text).not.toContain('13807931234')
  expect(text).not.toContain('李建国')
  // nothing sticks out of a 320 px screen
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
  await context.close()
})
