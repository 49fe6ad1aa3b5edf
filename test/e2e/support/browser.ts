import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

export const BASE = () => {
  const url = process.env.E2E_URL
  if (!url) throw new Error('E2E_URL missing: run through jest.e2e.config.js')
  return url
}

export const SHOTS = join(__dirname, '../../../artefacts/e2e')

export async function launch(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true })
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/** A phone: 360×740, touch, Chinese locale. */
export function phone(browser: Browser, opts: { width?: number } = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: opts.width ?? 360, height: 740 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true, locale: 'zh-CN' })
}

/** Signs in through the local runtime's picker, as a tester would. */
export async function signIn(page: Page, label: string): Promise<void> {
  await page.goto(`${BASE()}/__dev/signin`)
  await page.getByRole('button', { name: new RegExp(label) }).click()
  await page.waitForURL(/#\/pages\/index\/index/)
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
