/**
 * What the e2e stories do on a phone: find things on the page that is on screen, wait for the pages to stop
 * sliding and for toasts to fade, drive the date wheel, read the runtime's outbox. `story()` is one story
 * file's browser and runtime, and binds what differs between the files: the screenshot prefix, the runtime
 * the phones sign in to, and the phones a failure should picture.
 */
import type { Browser, CDPSession, Page } from 'playwright-core'
import { shanghaiDate } from '../../../src/domain/calendar/working-days'
import { BASE, launch, ownRuntime, phone, shot, signIn } from './browser'
import { SLOW_3G, countTaps, inspectStep, timePages, writeFlow, writeTaps, type PhoneFlow, type PhoneTaps } from './measure'

/** Waits on things the runtime answers in well under a second; generous for a loaded CI machine. */
export const WAIT_MS = 10000
/** The same on a hard phone (Slow 3G): a page's first code can take 20 s to arrive, a reply 4 s. */
export const HARD_WAIT_MS = 60000
/** A hard phone: the narrowest screen we support. */
export const HARD_WIDTH = 320

/** Looks at a step on a hard phone (axe, layout, screenshot); set by story().openPhone. */
const inspectors = new WeakMap<Page, (step: string) => Promise<void>>()
/** The DevTools session that throttles a hard phone. */
const throttles = new WeakMap<Page, CDPSession>()

/**
 * A hard phone loses its signal (`offline`) or gets it back (Slow 3G again). Playwright's own
 * context.setOffline would drop the throttling when the signal comes back.
 */
export async function signal(page: Page, state: 'offline' | 'slow3g'): Promise<void> {
  const cdp = throttles.get(page)
  if (!cdp) throw new Error('signal(): not a hard phone (story().openPhone(…, { hard: true }))')
  await cdp.send('Network.emulateNetworkConditions', { ...SLOW_3G, offline: state === 'offline' })
}

/** A 32×24 PNG (a red band over two grey lines, like a badge or a pay slip): the photo of a paper. */
export const PAPER_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAYCAIAAAAUMWhjAAAAM0lEQVR42mPYrCZHU8QwasEIsODDmyc0RaMWDD4LoigGA23BaCRTN5IHpQWjkTxqAekIAJsFbCfqVozbAAAAAElFTkSuQmCC',
  'base64',
)

/** A subscribe message as the local runtime records it (`/__dev/outbox.json`). */
export interface OutboxMessage {
  id: string
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value?: unknown } | unknown>
}

/** The page on screen (earlier pages of the stack stay in the DOM, hidden). */
export const current = (page: Page) => page.locator('.taro_page:visible').last()
export const button = (page: Page, text: string | RegExp) => current(page).locator('taro-button-core:visible', { hasText: text })
export const field = (page: Page, name: string) => current(page).locator(`[aria-label="${name}"] input`)
/** A sheet (confirm, ask, pay …) by its title, and a button on it. */
export const dialog = (page: Page, title: string) => page.getByRole('dialog', { name: title })
export const dialogButton = (page: Page, title: string, text: string | RegExp) => dialog(page, title).locator('taro-button-core', { hasText: text })

/** Nothing runs off the right edge of the page that is on screen. */
export const overflows = (page: Page) =>
  page.evaluate(() => Array.from(document.querySelectorAll('.taro_page')).some((p) => getComputedStyle(p).display !== 'none' && p.scrollWidth > p.clientWidth + 1))

/**
 * Waits until no page is sliding in or out (each shown page sits at x = 0 or fully off screen).
 * `timeout`: the page's default when not given.
 */
export const settled = (page: Page, timeout?: number) =>
  page.waitForFunction(
    () => {
      const shown = Array.from(document.querySelectorAll('.taro_router > .taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
      const xs = shown.map((p) => p.getBoundingClientRect().left)
      return xs.includes(0) && xs.every((x) => x === 0 || Math.abs(x) >= window.innerWidth)
    },
    undefined,
    { timeout },
  )

/** A toast (已保存, 申请交上去了 …) has faded out, so it covers nothing in the next screenshot. */
export const toastGone = (page: Page) =>
  page.waitForFunction(
    () => Array.from(document.querySelectorAll('.taro__toast')).every((t) => getComputedStyle(t).display === 'none'),
    undefined,
    { timeout: WAIT_MS },
  )

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
export const pad = (n: number) => String(n).padStart(2, '0')

/** A date as the pages write it in full: 2026年11月22日. */
export const longDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** A date as the pages write it in short: 11月22日 in the year of `today` (Shanghai), else in full. */
export const shortDate = (iso: string, today: string = shanghaiDate(new Date())) => {
  const [y, m, d] = iso.split('-').map(Number)
  return today.startsWith(String(y)) ? `${m}月${d}日` : `${y}年${m}月${d}日`
}

/** The wheel's rows are 34 px high; its content sits at 102 − 34 × index (Taro's h5 picker). */
const ROW = 34

/**
 * Picks a day on the date wheel as a thumb would: opens it from the field (the button named
 * `<label>：<date or 点这里选日期>`), drags the year, month and day columns (a few rows per drag) until the wanted
 * ones are under the line, taps 确定, and checks the field.
 */
export async function pickDate(page: Page, label: string, iso: string): Promise<void> {
  await current(page).getByRole('button', { name: new RegExp(`^${escapeRegExp(label)}：`) }).tap()
  // the wheel is a sheet fixed to the bottom of the screen (its overlay has no size of its own)
  const wheel = page.locator('.weui-picker:visible')
  await wheel.waitFor()
  // the wheel slides up from the bottom: wait until it rests there
  await page.waitForFunction(
    (el) => el !== null && el.getAnimations().every((a) => a.playState === 'finished') && Math.abs(el.getBoundingClientRect().bottom - window.innerHeight) < 1,
    await wheel.elementHandle(),
    { timeout: WAIT_MS },
  )
  const [y, m, d] = iso.split('-').map(Number)
  const wanted = [`${y}年`, `${pad(m)}月`, `${pad(d)}日`]
  for (let col = 0; col < 3; col++) {
    const group = wheel.locator('taro-picker-group').nth(col)
    for (let drag = 0; ; drag++) {
      const at = await group.evaluate((g, text) => {
        const content = g.querySelector<HTMLElement>('.weui-picker__content')
        const offset = Number(/translate3d\(0(?:px)?, (-?[\d.]+)px/.exec(content?.style.transform ?? '')?.[1] ?? NaN)
        const items = Array.from(g.querySelectorAll('.weui-picker__item')).map((i) => i.textContent)
        return { index: Math.round((102 - offset) / 34), target: items.indexOf(text) }
      }, wanted[col])
      if (at.target < 0) throw new Error(`the date wheel of ${label} has no ${wanted[col]}`)
      if (at.index === at.target) break
      if (drag > 20) throw new Error(`the date wheel of ${label} did not reach ${wanted[col]}`)
      // dragging down shows earlier rows; at most 5 rows a drag, so the pointer stays on the wheel
      const rows = Math.max(-5, Math.min(5, at.index - at.target))
      const box = await group.boundingBox()
      if (!box) throw new Error('the date wheel is not on screen')
      const x = box.x + box.width / 2
      const from = box.y + box.height / 2 - (rows * ROW) / 2
      await page.mouse.move(x, from)
      await page.mouse.down()
      await page.mouse.move(x, from + rows * ROW, { steps: 10 })
      await page.mouse.up()
    }
  }
  // on a hard phone, the open wheel at the largest text is a step to look at
  await inspectors.get(page)?.(`wheel-${label.replace(/[^\p{L}\p{N}]+/gu, '')}`)
  await wheel.locator('.weui-picker__action', { hasText: '确定' }).tap()
  await wheel.waitFor({ state: 'hidden' })
  await current(page).getByRole('button', { name: `${label}：${longDate(iso)}` }).waitFor()
}

/** POSTs JSON to the runtime at `base` (the h5 bridge, /__dev/session, /__dev/timer), as the dev session `token` if given. */
export async function postJson<T>(base: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { 'x-dev-session': token } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(WAIT_MS * 3),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as T
}

/** Every message the runtime at `base` has sent so far. */
export async function readOutbox(base: string): Promise<OutboxMessage[]> {
  const res = await fetch(`${base}/__dev/outbox.json`, { signal: AbortSignal.timeout(WAIT_MS) })
  expect(res.status).toBe(200)
  return (await res.json()) as OutboxMessage[]
}

/**
 * The helpers of one story file; call it at the top of the file. It launches chromium before the file's
 * tests (and with `ownRuntime`, first starts a runtime of the file's own, see `ownRuntime()` in browser.ts)
 * and closes them after. `name` prefixes the file's screenshots (`<name>-<shot>.png` in artefacts/e2e).
 * `base()`: the runtime the phones sign in to (the shared one unless `ownRuntime`), once the tests run.
 */
export function story(name: string, opts: { ownRuntime?: boolean } = {}) {
  let browser: Browser | undefined
  let runtime: { url: string; stop: () => Promise<void> } | undefined
  beforeAll(async () => {
    if (opts.ownRuntime) runtime = await ownRuntime()
    browser = await launch()
  })
  /** Taps on each phone the story opens (issue 10: taps per flow, artefacts/a11y/taps-<name>.json). */
  const taps: PhoneTaps[] = []
  /** Pages and steps of each hard phone (issue 10: flows on Slow 3G at the largest text, flow-<name>.json). */
  const flows: PhoneFlow[] = []
  afterAll(async () => {
    writeTaps(name, taps)
    writeFlow(name, flows)
    await browser?.close()
    await runtime?.stop()
  })
  const base = (): string => {
    if (!opts.ownRuntime) return BASE()
    if (!runtime) throw new Error(`${name}: its own runtime has not started (base() before beforeAll?)`)
    return runtime.url
  }
  /** Every phone opened, so a failure leaves a picture of what each one showed. */
  const opened: Array<{ who: string; page: Page }> = []

  /**
   * A new phone (`width` px wide) signed in as the demo user `label` ("农民工 小王" shoots as 小王-360).
   * `hard`: the worker's phone of issue 10 — 320 px, text at 特大, DevTools' Slow 3G on every download
   * and reply; each page it opens is timed to its first useful content, and each `still()` (and the date
   * wheel while open) is checked: axe-core serious/critical, text cut off or overlapping, tap targets
   * under 44 px fail the story. `geolocation`: where the phone is, granted.
   */
  async function openPhone(label: string, width = 360, o: { hard?: boolean; geolocation?: { longitude: number; latitude: number } } = {}): Promise<Page> {
    if (!browser) throw new Error(`${name}: chromium has not been launched (openPhone before beforeAll?)`)
    const w = o.hard ? HARD_WIDTH : width
    const context = await phone(browser, { width: w, largestText: o.hard, geolocation: o.geolocation })
    context.setDefaultTimeout(o.hard ? HARD_WAIT_MS : WAIT_MS)
    context.setDefaultNavigationTimeout((o.hard ? HARD_WAIT_MS : WAIT_MS) * 2)
    const page = await context.newPage()
    const who = `${label.split(' ')[1]}-${w}`
    opened.push({ who, page })
    taps.push(await countTaps(page, label, who))
    if (o.hard) {
      const cdp = await context.newCDPSession(page)
      await cdp.send('Network.enable')
      await cdp.send('Network.emulateNetworkConditions', { ...SLOW_3G })
      throttles.set(page, cdp)
      const flow: PhoneFlow = { who, label, seconds: 0, pages: [], steps: [] }
      flows.push(flow)
      await timePages(page, flow)
      const started = Date.now()
      inspectors.set(page, async (step) => {
        const { step: looked, failures } = await inspectStep(page, name, `${who}-${step}`)
        flow.steps.push(looked)
        flow.seconds = (Date.now() - started) / 1000
        if (failures.length > 0) throw new Error(`${name}, ${who}, step ${step} (${looked.route}) at ${w} px with the largest text — ${failures.length} problem(s):\n  - ${failures.join('\n  - ')}`)
      })
    }
    await signIn(page, label, base())
    return page
  }

  /**
   * Waits until no page is sliding, scrolls `top` (on the page on screen) to the top, then shoots; on a
   * hard phone, also checks the step (see openPhone).
   */
  async function still(page: Page, shotName: string, top?: string): Promise<void> {
    await settled(page, WAIT_MS)
    if (top) await current(page).locator(top).first().evaluate((el) => el.scrollIntoView({ block: 'start' }))
    const look = inspectors.get(page)
    // a hard phone's look shoots the whole page (artefacts/a11y/flows/<name>-<who>-<shot>.png)
    if (look) await look(shotName)
    else await shot(page, `${name}-${shotName}`)
  }

  /** On failure: a screenshot of each phone as it was (<name>-FAILED-<who>.png), then the error. */
  async function showingFailures(body: () => Promise<void>): Promise<void> {
    try {
      await body()
    } catch (e) {
      for (const { who, page } of opened) if (!page.isClosed()) await shot(page, `${name}-FAILED-${who}`).catch(() => undefined)
      throw e
    }
  }

  const outbox = () => readOutbox(base())

  return { base, openPhone, still, showingFailures, outbox }
}
