import type { Browser, Page } from 'playwright-core'
import { BASE, launch, phone, shot, signIn } from './support/browser'

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(() => browser?.close())

async function openPhone(width = 360): Promise<Page> {
  const context = await phone(browser, { width })
  return context.newPage()
}

const tab = (page: Page, name: string) => page.locator('.weui-tabbar__item').filter({ hasText: name })

test('before signing in, 我的 offers the demo-account picker', async () => {
  const page = await openPhone()
  await page.goto(`${BASE()}/#/pages/mine/index`)
  const button = page.locator('taro-button-core', { hasText: '选择演示账号登录' })
  await button.waitFor()
  await shot(page, 'mine-signed-out')
  await button.tap()
  await page.waitForURL(/__dev\/signin/)
  await page.context().close()
})

test('a worker signs in and sees home and 我的 with masked identity only', async () => {
  const page = await openPhone()
  await signIn(page, '职工 老李')
  await page.getByText('你好，李*国').waitFor()
  await page.getByText('职工', { exact: true }).first().waitFor()
  expect(await page.getByText('工作台').count()).toBe(0)
  await shot(page, 'home-worker')

  await tab(page, '我的').tap()
  await page.getByText('138****1234').waitFor()
  const text = await page.locator('body').innerText()
  expect(text).not.toContain('13807931234')
  expect(text).not.toContain('李建国')
  await shot(page, 'mine-worker')
  await page.context().close()
})

test.each([
  ['农民工 小王', '王*明', '职工', false],
  ['外卖骑手 阿芳', '陈*', '职工', false],
  ['基层工会 张主席', '张*东', '基层工会工作人员', true],
  ['总工会 刘干事', '刘*', '总工会工作人员', true],
  ['管理员 赵老师', '赵*', '管理员', true],
])('%s signs in: greeting %s, role %s, staff entry %s', async (label, name, role, staff) => {
  const page = await openPhone()
  await signIn(page, label)
  await page.getByText(`你好，${name}`).waitFor()
  await page.getByText(role, { exact: true }).first().waitFor()
  expect(await page.getByText('工作台').count()).toBe(staff ? 1 : 0)
  if (label.startsWith('基层')) {
    await page.getByText('江西丰达机械有限公司工会').first().waitFor()
    await shot(page, 'home-grassroots-staff')
  }
  await page.context().close()
})

test('a new WeChat user gets a worker record on first open', async () => {
  const page = await openPhone(320)
  await signIn(page, '新微信用户')
  await page.getByText('你好，微信用户').waitFor()
  await shot(page, 'home-new-user-320')
  await page.context().close()
})
