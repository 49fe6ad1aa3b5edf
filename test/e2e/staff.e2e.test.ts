/**
 * Staff roles end to end on the h5 build: the admin invites a grassroots staff member of 兴旺国际建材城联合工会,
 * a brand-new user enters the code from 我的 and gets 工作台; the admin revokes them and 工作台 is gone.
 */
import type { Browser, Page } from 'playwright-core'
import { BASE, launch, phone, shot, signIn } from './support/browser'
import { settled } from './support/ui'

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(() => browser?.close())

async function openPhone(width = 360): Promise<Page> {
  const context = await phone(browser, { width })
  return context.newPage()
}

/** Waits until no page is sliding in or out (each shown page sits at x = 0 or fully off screen), then shoots. */
async function still(page: Page, name: string, top?: string): Promise<void> {
  await settled(page)
  if (top) await page.locator(top).first().evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await shot(page, name)
}

const tab = (page: Page, name: string) => page.locator('.weui-tabbar__item').filter({ hasText: name })
const radio = (page: Page, text: string) => page.locator('[role=radio]', { hasText: text })
const button = (page: Page, text: string) => page.locator('taro-button-core', { hasText: text })

test('admin invites, a new user redeems and gets 工作台, the admin revokes, 工作台 is gone', async () => {
  // 1. The admin opens 工作台 → 人员管理 and invites grassroots staff for 兴旺国际建材城联合工会.
  const admin = await openPhone()
  await signIn(admin, '管理员 赵老师')
  await admin.getByText('📋 工作台').tap()
  await admin.getByText('人员管理').waitFor()
  await still(admin, 'staff-home-admin')
  await admin.getByText('人员管理').tap()
  await admin.waitForURL(/subpackages\/staff\/pages\/people\/index/)
  await admin.getByText('张*东').waitFor()
  await still(admin, 'staff-people-admin')

  await button(admin, '邀请工作人员').tap()
  await radio(admin, '基层工会工作人员').tap()
  await radio(admin, '兴旺国际建材城联合工会').tap()
  expect(await admin.locator('[role=radio] .choice__label').filter({ hasText: /^广丰区总工会$/ }).count()).toBe(0)
  await admin.locator('[aria-label="备注"] input').fill('建材城 新主席')
  await still(admin, 'staff-invite-form', '.invite-form')
  await button(admin, '生成邀请码').tap()
  const codeText = admin.locator('.code-card__code')
  await codeText.waitFor()
  const code = (await codeText.innerText()).trim()
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/)
  await admin.getByText('🔒 请私下发给本人').waitFor()
  await still(admin, 'staff-invite-code', '.code-card')
  await button(admin, '完成').tap()
  await admin.getByText('备注：建材城 新主席').waitFor()

  // 2. A new WeChat user (narrow phone) enters the code from 我的, typed the sloppy way.
  const user = await openPhone(320)
  await signIn(user, '新微信用户')
  await user.getByText('你好，微信用户').waitFor()
  expect(await user.getByText('工作台').count()).toBe(0)
  await tab(user, '我的').tap()
  await user.getByText('我是工会工作人员，输入邀请码').waitFor()
  await still(user, 'mine-redeem-entry-320')
  await user.getByText('我是工会工作人员，输入邀请码').tap()
  await user.waitForURL(/subpackages\/staff\/pages\/redeem\/index/)
  const box = user.locator('.redeem__input input')
  await box.waitFor()
  await box.pressSequentially(code.replace('-', '').toLowerCase())
  await expect(box.inputValue()).resolves.toBe(code)
  await still(user, 'staff-redeem-typed-320')
  await button(user, '确认').tap()
  await user.getByText('✅ 成功了').waitFor()
  await user.getByText('兴旺国际建材城联合工会').waitFor()
  await still(user, 'staff-redeem-success-320')

  await button(user, '去工作台').tap()
  await user.waitForURL(/subpackages\/staff\/pages\/home\/index/)
  await user.getByText('我负责的工会（1 个）').waitFor()
  await user.getByText('基层工会工作人员').first().waitFor()
  await still(user, 'staff-home-grassroots-320')
  await user.goto(`${BASE()}/#/pages/index/index`)
  await user.getByText('📋 工作台').waitFor()
  await still(user, 'home-new-staff-320')

  // 3. The admin sees the new staff member and revokes them, with a reason.
  await admin.reload()
  const card = admin.locator('.person', { hasText: '兴旺国际建材城联合工会' })
  await card.waitFor()
  expect(await admin.getByText('备注：建材城 新主席').count()).toBe(0) // the invite is used, no longer pending
  await card.locator('taro-button-core', { hasText: '撤销身份' }).tap()
  const dialog = admin.getByRole('dialog')
  await dialog.getByText('撤销 微信用户 的工作人员身份？').waitFor()
  await radio(admin, '邀请错了人').tap()
  await still(admin, 'staff-revoke-dialog')
  await dialog.locator('taro-button-core', { hasText: '确认撤销' }).tap()
  await dialog.waitFor({ state: 'detached' })
  await card.waitFor({ state: 'detached' })
  await still(admin, 'staff-people-after-revoke')

  // 4. After a reload the user no longer has 工作台, and 我的 offers the invite code again.
  await user.reload()
  await user.getByText('你好，微信用户').waitFor()
  expect(await user.getByText('工作台').count()).toBe(0)
  await still(user, 'home-after-revoke-320')
  await tab(user, '我的').tap()
  await user.getByText('我是工会工作人员，输入邀请码').waitFor()

  await admin.context().close()
  await user.context().close()
})

test('a wrong code is explained on the redeem page', async () => {
  const page = await openPhone(320)
  await signIn(page, '新微信用户')
  await page.goto(`${BASE()}/#/subpackages/staff/pages/redeem/index`)
  const box = page.locator('.redeem__input input')
  await box.waitFor()
  await box.pressSequentially('ZZZZZZZZ')
  await button(page, '确认').tap()
  await page.getByText('邀请码不对，请核对后再输入').waitFor()
  await still(page, 'staff-redeem-wrong-320')
  await page.context().close()
})

test('人员管理 at 320 px with large text: nothing runs off the screen', async () => {
  const page = await openPhone(320)
  await signIn(page, '管理员 赵老师')
  await page.goto(`${BASE()}/#/subpackages/staff/pages/people/index`)
  await page.getByText('张*东').waitFor()
  // Like the phone's large-font setting: everything 30 % bigger on a narrow screen.
  await page.addStyleTag({ content: '.taro_page { zoom: 1.3 }' })
  await button(page, '邀请工作人员').tap()
  await radio(page, '基层工会工作人员').tap()
  await radio(page, '兴旺国际建材城联合工会').waitFor()
  const overflow = await page.evaluate(() =>
    Array.from(document.querySelectorAll('.taro_page')).some((p) => p.scrollWidth > p.clientWidth + 1),
  )
  expect(overflow).toBe(false)
  await still(page, 'staff-invite-form-320-large', '.invite-form')
  await page.locator('.person').first().evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await shot(page, 'staff-people-320-large')
  await page.context().close()
})
