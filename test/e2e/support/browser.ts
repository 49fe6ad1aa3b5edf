import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
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

/**
 * TEXT_SIZE_KEY of src/services/text-size.ts (not imported: it pulls in @tarojs/taro). Pages checked at
 * the largest size also check that their root carries text-largest, so a changed key fails loudly.
 */
export const TEXT_SIZE_KEY = 'ui:text-size'

export interface PhoneOptions {
  /** CSS px (360 unless given). */
  width?: number
  /** Text at 特大, as 我的 → 字大一点 stores it. */
  largestText?: boolean
  /** Where the phone is (granted to the page), longitude first. */
  geolocation?: { longitude: number; latitude: number }
  /** Signed in before any page runs: the dev session token the sign-in picker would store. */
  devSession?: string
}

/** A phone: 360×740 unless told, touch, Chinese locale. */
export async function phone(browser: Browser, opts: PhoneOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 360, height: 740 },
    deviceScaleFactor: 2,
    hasTouch: true,
    isMobile: true,
    locale: 'zh-CN',
    ...(opts.geolocation ? { geolocation: opts.geolocation, permissions: ['geolocation'] } : {}),
  })
  if (opts.largestText || opts.devSession) {
    // Taro's h5 storage keeps { data } as JSON in localStorage (what chooseTextSize('largest') stores).
    await context.addInitScript(
      ({ key, largest, token }) => {
        if (largest) localStorage.setItem(key, JSON.stringify({ data: 'largest' }))
        if (token) localStorage.setItem('devSession', token)
      },
      { key: TEXT_SIZE_KEY, largest: !!opts.largestText, token: opts.devSession ?? '' },
    )
  }
  return context
}

/**
 * A runtime of one test file's own (build/runtime/main.js on a random port with a fresh data dir, as
 * global-setup starts the shared one), for a story that changes demo users in ways another file's story
 * must not see: the files share one runtime and run in no fixed order.
 */
export async function ownRuntime(): Promise<{ url: string; stop: () => Promise<void> }> {
  const root = join(__dirname, '../../..')
  const dataDir = mkdtempSync(join(tmpdir(), 'union-e2e-own-'))
  const child = spawn(process.execPath, [join(root, 'build/runtime/main.js')], {
    cwd: root,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, PROJECT_ROOT: root },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
        setTimeout(() => child.kill('SIGKILL'), 5000).unref()
      })
    }
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      const timer = setTimeout(() => reject(new Error(`runtime did not start in 30 s:\n${out}`)), 30000)
      child.stdout.on('data', (chunk) => {
        out += chunk
        const m = /RUNTIME READY (\S+)/.exec(out)
        if (m) {
          clearTimeout(timer)
          resolve(m[1])
        }
      })
      child.on('exit', (code) => reject(new Error(`runtime exited with ${code}:\n${out}`)))
    })
    child.stdout.resume()
    return { url, stop }
  } catch (e) {
    await stop()
    throw e
  }
}

/** Signs in through the local runtime's picker, as a tester would (`base`: another runtime than the shared one). */
export async function signIn(page: Page, label: string, base: string = BASE()): Promise<void> {
  await page.goto(`${base}/__dev/signin`)
  await page.getByRole('button', { name: new RegExp(label) }).click()
  await page.waitForURL(/#\/pages\/index\/index/)
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
