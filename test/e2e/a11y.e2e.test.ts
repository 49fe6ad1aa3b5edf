/**
 * Issue 10: figures for every worker page, for workers on cheap phones and weak networks, many older.
 *
 * The five worker flows (入会, 法律援助, 互助保障, 爱心驿站, 我的办理) are run end to end by their stories on a
 * hard phone (320 px, 特大, Slow 3G; story().openPhone in support/ui.ts), which checks every step. This
 * file covers the worker pages those flows do not pass through:
 * 1. Each on a 320 px phone with the largest text (特大, the choice stored as 我的 stores it):
 *    a full-page screenshot (artefacts/a11y/<page>-largest-320.png), axe-core's WCAG 2.0/2.1 A and AA
 *    rules (fails on serious or critical), and a layout check (fails on text cut off, things off the
 *    right edge, text or buttons on top of each other, tap targets under 44×44 px).
 * 2. The pages a message or a link opens directly, loaded cold on DevTools' "Slow 3G": time to the
 *    first useful content and bytes. Figures only, no limit.
 * 3. The report (artefacts/a11y/report.md, .json) with the flows and taps the stories write.
 *
 * Its own runtime: the records the pages show (an application, a member card, a claim, a legal case,
 * a station report and suggestion) belong to demo users other stories use.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { addDays } from '../../src/domain/calendar/working-days'
import { newIdempotencyKey } from '../../src/domain/requests/idempotency'
import { demoId } from '../../emulator/runtime/seed'
import { caseOf } from '../functions/legalAid.matrix'
import { applyFresh, becomeMember, must, type Call } from '../functions/membership.matrix'
import { insuredWorker, stay, submitEvent, today, uploadDocs } from '../functions/mutualAid.matrix'
import { launch, ownRuntime, phone } from './support/browser'
import { A11Y_DIR, SLOW_3G, axeCounts, failuresOf, writeAtomic, countBytes, fullPageShot, layoutProblems, runAxe, writeReport, type PageFigures, type PagesFile } from './support/measure'
import { WAIT_MS, current, postJson, settled, toastGone } from './support/ui'

const WIDTH = 320
/** Near 白鹤中大道 in 广丰 (as the stations story): the phone grants its position. */
const WHERE = { longitude: 118.19, latitude: 28.44 }
const STATION = demoId('station-baihe')
/** How many Slow 3G pages load at once (each its own phone and throttled connection). */
const SLOW_AT_ONCE = 5
const SLOW_WAIT_MS = 90000

/** Demo users by the runtime's session key. */
const USERS = {
  laoli: { key: 'worker', openid: 'o-demo-laoli', label: '职工 老李' },
  xiaowang: { key: 'migrant', openid: 'o-demo-xiaowang', label: '农民工 小王' },
  afang: { key: 'rider', openid: 'o-demo-afang', label: '外卖骑手 阿芳' },
  admin: { key: 'admin', openid: 'o-demo-zhao', label: '管理员 赵老师' },
} as const
type Who = keyof typeof USERS

/** Records the pages show, made through the runtime's bridge before the pages open. */
interface Ids {
  claim: string
  legalCase: string
}

interface PageSpec {
  /** File name part: <key>-largest-320.png. */
  key: string
  title: string
  as: Who
  url: (ids: Ids) => string
  /** The first useful content: what a worker came for, not a skeleton. */
  ready: (page: Page) => Locator
  /** Then do this before looking (a tap to show results). */
  then?: (page: Page) => Promise<void>
  /** Among the pages loaded on Slow 3G. */
  slow3g?: boolean
}

const text = (page: Page, t: string | RegExp) => current(page).getByText(t).first()
const css = (page: Page, selector: string) => current(page).locator(selector).first()
const tapButton = (page: Page, t: string | RegExp) => current(page).locator('taro-button-core:visible', { hasText: t }).first()

const PAGES: PageSpec[] = [
  // 首页, 我的, 帮助, 隐私
  { key: 'home', title: '首页', as: 'laoli', url: () => '/#/pages/index/index', ready: (p) => css(p, '.home__greet') },
  { key: 'mine', title: '我的', as: 'laoli', url: () => '/#/pages/mine/index', ready: (p) => css(p, '.mine__name') },
  { key: 'help', title: '帮助与热线', as: 'laoli', url: () => '/#/subpackages/help/pages/index', ready: (p) => css(p, '.help__number'), slow3g: true },
  { key: 'privacy', title: '我的信息与隐私', as: 'laoli', url: () => '/#/subpackages/privacy/pages/index', ready: (p) => css(p, '.privacy__intro') },
  // 入会
  { key: 'join-status', title: '入会 · 进度', as: 'xiaowang', url: () => '/#/subpackages/join/pages/status/index', ready: (p) => css(p, '[aria-label="入会申请"]'), slow3g: true },
  { key: 'join-card', title: '入会 · 会员证', as: 'laoli', url: () => '/#/subpackages/join/pages/card/index', ready: (p) => css(p, '.member-card__no') },
  { key: 'join-transfer', title: '入会 · 转会', as: 'laoli', url: () => '/#/subpackages/join/pages/transfer/index', ready: (p) => text(p, '换了单位或城市，办转会') },
  // 法律援助
  { key: 'legal-start', title: '法律援助 · 开始和我的求助', as: 'xiaowang', url: () => '/#/subpackages/legal/pages/index/index', ready: (p) => css(p, '[aria-label="我的求助"] [role=listitem]') },
  { key: 'legal-case', title: '法律援助 · 一件求助', as: 'xiaowang', url: (ids) => `/#/subpackages/legal/pages/case/index?id=${ids.legalCase}`, ready: (p) => css(p, '[aria-label="求助"]') },
  // 互助保障
  { key: 'aid-start', title: '互助保障 · 我的保障', as: 'afang', url: () => '/#/subpackages/aid/pages/index/index', ready: (p) => css(p, '.aid-plan') },
  { key: 'aid-claims', title: '互助保障 · 我的申请', as: 'afang', url: () => '/#/subpackages/aid/pages/claims/index', ready: (p) => css(p, '.request-row') },
  { key: 'aid-claim', title: '互助保障 · 一个申请', as: 'afang', url: (ids) => `/#/subpackages/aid/pages/claim/index?id=${ids.claim}`, ready: (p) => css(p, '[aria-label="补助的钱"]'), slow3g: true },
  // 爱心驿站 (list, detail, 报修 and 我报修的事 are checked step by step in the stations story)
  { key: 'stations-suggest', title: '爱心驿站 · 推荐新地点', as: 'laoli', url: () => '/#/subpackages/stations/pages/suggest/index', ready: (p) => tapButton(p, '用我现在的位置') },
  { key: 'stations-suggestions', title: '爱心驿站 · 我推荐的地方', as: 'laoli', url: () => '/#/subpackages/stations/pages/suggestions/index', ready: (p) => css(p, '.my-suggestion') },
  // 我的办理
  { key: 'track', title: '我的办理', as: 'afang', url: () => '/#/subpackages/track/pages/index/index', ready: (p) => css(p, '.track-card'), slow3g: true },
  { key: 'track-detail', title: '我的办理 · 一件事', as: 'afang', url: (ids) => `/#/subpackages/track/pages/detail/index?type=aidClaim&id=${ids.claim}`, ready: (p) => css(p, '[aria-label="办理经过"]') },
]

const SLOW_CHOICE =
  `On Slow 3G here: the ${PAGES.filter((p) => p.slow3g).length} pages a message or a link opens directly (${PAGES.filter((p) => p.slow3g)
    .map((p) => p.title)
    .join('、')}), ${SLOW_AT_ONCE} at a time, each on its own phone and throttled connection; the others only at full speed (their bytes are cold loads too). Every page of the five flows is timed on Slow 3G by the flows (below).`

let browser: Browser
let runtime: { url: string; stop: () => Promise<void> }
const tokens = new Map<Who, string>()
const ids: Ids = { claim: '', legalCase: '' }
const figures = new Map<string, PageFigures>()
const started = Date.now()

const base = () => runtime.url

type Reply = { ok: boolean; data?: Record<string, unknown>; error?: unknown }

/** Makes the records the pages show, through the runtime's function bridge (as the app would). */
async function makeRecords(): Promise<void> {
  for (const who of Object.keys(USERS) as Who[]) {
    const s = await postJson<{ token: string; openid: string }>(base(), '/__dev/session', { key: USERS[who].key })
    expect(s.openid).toBe(USERS[who].openid)
    tokens.set(who, s.token)
  }
  const byOpenid = new Map((Object.keys(USERS) as Who[]).map((w) => [USERS[w].openid as string, tokens.get(w) ?? '']))
  const call: Call = (openid, name, event) => postJson<Reply>(base(), `/api/fn/${name}`, event, openid ? byOpenid.get(openid) : undefined)

  // 老李: a member (card, 转会), with a station report and a suggested site.
  await becomeMember(call, USERS.laoli.openid)
  must(await call(USERS.laoli.openid, 'stations', { action: 'report', key: newIdempotencyKey(), stationId: STATION, problem: 'water_dispenser', text: '饮水机不出热水' }), 'station report')
  must(await call(USERS.laoli.openid, 'stations', { action: 'suggest', key: newIdempotencyKey(), location: { lng: 118.21, lat: 28.45 }, address: '广丰区永丰大道北段', reason: '骑手多，夜里没地方歇' }), 'suggest')
  // 小王: an application waiting for the union, and a legal-aid request.
  await applyFresh(call, USERS.xiaowang.openid, { name: '王小明' })
  ids.legalCase = (await caseOf(call, USERS.xiaowang.openid)).id
  // 阿芳: on her unit's 互助保障 list, with a claim for a stay in hospital.
  await insuredWorker(call, USERS.afang.openid, { name: '陈芳' })
  const docs = await uploadDocs(call, USERS.afang.openid)
  ids.claim = String(must(await call(USERS.afang.openid, 'mutualAid', submitEvent(stay(addDays(today(), -20), '9200', docs))), 'claim').id)
}

/** A 320 px phone signed in as `who` (the dev session the sign-in picker would store), text at 特大. */
async function phoneAs(who: Who): Promise<BrowserContext> {
  const context = await phone(browser, { width: WIDTH, largestText: true, geolocation: WHERE, devSession: tokens.get(who) ?? '' })
  context.setDefaultTimeout(WAIT_MS)
  return context
}

const figuresOf = (spec: PageSpec): PageFigures => {
  let f = figures.get(spec.key)
  if (!f) {
    f = { key: spec.key, title: spec.title, url: spec.url(ids), as: USERS[spec.as].label, screenshot: null, largestText: null, axe: null, axeFindings: [], layout: [], checked: null, normal: null, slow3g: null }
    figures.set(spec.key, f)
  }
  return f
}

function writePages(): void {
  const file: PagesFile = {
    measuredAt: new Date().toISOString(),
    viewport: `${WIDTH} px`,
    textSize: '特大 (largest, ×1.4)',
    slow3g: SLOW_3G,
    slow3gChoice: SLOW_CHOICE,
    pages: PAGES.map(figuresOf),
    seconds: (Date.now() - started) / 1000,
  }
  mkdirSync(A11Y_DIR, { recursive: true })
  writeAtomic(join(A11Y_DIR, 'pages.json'), JSON.stringify(file, null, 2) + '\n')
}

beforeAll(async () => {
  mkdirSync(A11Y_DIR, { recursive: true })
  runtime = await ownRuntime()
  browser = await launch()
  await makeRecords()
}, 120000)

afterAll(async () => {
  if (runtime) {
    writePages()
    console.log(writeReport())
  }
  await browser?.close()
  await runtime?.stop()
  console.log(`a11y: ${((Date.now() - started) / 1000).toFixed(0)} s`)
})

describe('every worker page at 320 px with the largest text: no serious axe findings, nothing cut off, overlapping or too small to tap', () => {
  for (const spec of PAGES) {
    test(spec.title, async () => {
      const f = figuresOf(spec)
      const context = await phoneAs(spec.as)
      try {
        const page = await context.newPage()
        const net = await countBytes(context, page)
        const t0 = Date.now()
        await page.goto(`${base()}${spec.url(ids)}`)
        await spec.ready(page).waitFor({ timeout: WAIT_MS * 3 })
        f.normal = { ms: Date.now() - t0, bytes: net.bytes(), requests: net.requests() }
        if (spec.then) await spec.then(page)
        await settled(page, WAIT_MS)
        await toastGone(page)
        await page.evaluate(() => document.fonts.ready.then(() => undefined))
        f.largestText = (await current(page).locator('.page.text-largest').count()) > 0
        f.axeFindings = await runAxe(page)
        f.axe = axeCounts(f.axeFindings)
        const layout = await layoutProblems(page)
        f.layout = layout.problems
        f.checked = layout.checked
        f.screenshot = `artefacts/a11y/${spec.key}-largest-320.png`
        await fullPageShot(page, join(A11Y_DIR, `${spec.key}-largest-320.png`))
      } catch (e) {
        f.error = String(e instanceof Error ? e.message.split('\n')[0] : e)
        throw e
      } finally {
        await context.close()
      }
      const lines = [...(f.largestText ? [] : ['the page root does not carry text-largest: the stored text size did not apply']), ...failuresOf(f.axeFindings, f.layout)]
      if (lines.length > 0) throw new Error(`${spec.title} (${spec.url(ids)}) at ${WIDTH} px, largest text — ${lines.length} problem(s):\n  - ${lines.join('\n  - ')}`)
    }, 60000)
  }
})

test(`Slow 3G first load of the ${PAGES.filter((p) => p.slow3g).length} worker pages a message or a link opens: time to first content and bytes (figures, no limit)`, async () => {
  const slow = PAGES.filter((p) => p.slow3g)
  const one = async (spec: PageSpec) => {
    const f = figuresOf(spec)
    const context = await phoneAs(spec.as)
    const page = await context.newPage()
    const net = await countBytes(context, page, SLOW_3G)
    const t0 = Date.now()
    try {
      await page.goto(`${base()}${spec.url(ids)}`, { waitUntil: 'commit', timeout: SLOW_WAIT_MS })
      await spec.ready(page).waitFor({ timeout: SLOW_WAIT_MS - (Date.now() - t0) })
      f.slow3g = { ms: Date.now() - t0, bytes: net.bytes(), requests: net.requests(), largest: net.largest() }
    } catch (e) {
      f.slow3g = { ms: null, bytes: net.bytes(), requests: net.requests(), largest: net.largest(), error: `no first content in ${SLOW_WAIT_MS / 1000} s` }
      console.log(`Slow 3G ${spec.title}: ${String(e instanceof Error ? e.message.split('\n')[0] : e)}`)
    } finally {
      await context.close()
    }
  }
  for (let i = 0; i < slow.length; i += SLOW_AT_ONCE) await Promise.all(slow.slice(i, i + SLOW_AT_ONCE).map(one))
  const rows = slow
    .map((p) => figuresOf(p))
    .map((f) => `  ${!f.slow3g || f.slow3g.ms === null ? '    —  ' : `${(f.slow3g.ms / 1000).toFixed(1).padStart(5)} s`}  ${String(Math.round((f.slow3g?.bytes ?? 0) / 1024)).padStart(4)} KB  ${String(f.slow3g?.requests ?? 0).padStart(2)} requests  ${f.title}`)
  console.log(`Slow 3G (${SLOW_3G.latency} ms, ${SLOW_3G.downloadThroughput / 1000} kB/s), first useful content:\n${rows.join('\n')}`)
  // figures only: every page was tried
  expect(slow.every((p) => figuresOf(p).slow3g !== null)).toBe(true)
}, SLOW_WAIT_MS * Math.ceil(PAGES.filter((p) => p.slow3g).length / SLOW_AT_ONCE) + 30000)
