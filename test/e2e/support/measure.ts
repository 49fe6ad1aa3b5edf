/**
 * Figures for issue 10 (older workers on cheap phones and weak networks): what the a11y check
 * (test/e2e/a11y.e2e.test.ts) and the worker stories measure, and the report that brings them together.
 *
 * - `runAxe`: axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is.
 * - `layoutProblems`: text cut off, things running off the right edge, text or buttons on top of each
 *   other, tap targets under 44×44 CSS px.
 * - `countTaps`: counts the taps, drags, typed fields and picked photos on one phone of a story
 *   (`story().openPhone` in ui.ts installs it); `writeTaps` writes them to artefacts/a11y/taps-<story>.json.
 * - `writeReport`: artefacts/a11y/report.json and report.md from pages.json (the a11y check) and every
 *   taps-*.json. Whoever writes a piece last (the files run in no fixed order) leaves a complete report.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { BrowserContext, CDPSession, Page } from 'playwright-core'
import { DEMO_USERS } from '../../../emulator/runtime/seed'

export const A11Y_DIR = join(__dirname, '../../../artefacts/a11y')

/** Writes whole or not at all: two e2e workers write and read these files at the same time. */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, text)
  renameSync(tmp, path)
}

/**
 * Chrome DevTools' "Slow 3G" preset (front_end/core/sdk/NetworkManager.ts, now titled "3G"): 500 kbit/s
 * down and up, times DevTools' 0.8 adjustment, and 400 ms RTT × 5 = 2000 ms latency. Bytes per second.
 */
export const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: (500 * 1000) / 8 * 0.8, uploadThroughput: (500 * 1000) / 8 * 0.8 } as const

/** The smallest tap target we accept (CSS px a side): Apple's 44 pt, WCAG 2.5.5. */
export const MIN_TARGET = 44

// ---- axe-core ---------------------------------------------------------------------------------------

export type Impact = 'critical' | 'serious' | 'moderate' | 'minor'
export const IMPACTS: Impact[] = ['critical', 'serious', 'moderate', 'minor']

export interface AxeFinding {
  rule: string
  impact: Impact
  help: string
  helpUrl: string
  nodes: Array<{ target: string; html: string; summary: string }>
}

/** axe-core (pinned devDependency) on the whole document: violations of WCAG 2.0/2.1 A and AA. */
export async function runAxe(page: Page): Promise<AxeFinding[]> {
  await page.addScriptTag({ path: createRequire(__filename).resolve('axe-core/axe.min.js') })
  return page.evaluate(async () => {
    type AxeNode = { target: unknown[]; html: string; failureSummary?: string }
    type AxeResult = { id: string; impact: string | null; help: string; helpUrl: string; nodes: AxeNode[] }
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: AxeResult[] }> } }).axe
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
    return r.violations.map((v) => ({
      rule: v.id,
      impact: (v.impact ?? 'minor') as 'critical' | 'serious' | 'moderate' | 'minor',
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String).join(' '),
        html: n.html.replace(/\s+/g, ' ').slice(0, 160),
        summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300),
      })),
    }))
  })
}

// ---- layout -----------------------------------------------------------------------------------------

export type LayoutKind = 'cut-off' | 'off-screen' | 'sideways-scroll' | 'overlap' | 'small-target' | 'not-a-button'

/** What fails the check; `not-a-button` (tappable, but a screen reader does not say so) is only reported. */
export const FAILING_LAYOUT: readonly LayoutKind[] = ['cut-off', 'off-screen', 'sideways-scroll', 'overlap', 'small-target']

export interface LayoutProblem {
  kind: LayoutKind
  /** A short selector of the element (tag.class[role][aria-label]). */
  where: string
  /** Its text (or label), shortened. */
  text: string
  /** What is wrong, with the numbers. */
  detail: string
}

/**
 * Looks at what is shown (hidden pages of the stack and fixed overlays such as toasts and sheets are left
 * out of the overlap check, as they are meant to cover) and lists:
 * - cut-off: text clipped by its own box or an ancestor with overflow hidden/clip (ellipsis, line clamp,
 *   a fixed height);
 * - off-screen: text, buttons or fields past the right (or left) edge of the screen;
 * - sideways-scroll: the page itself scrolls sideways, or text sits in a box that must be scrolled sideways;
 * - overlap: text or buttons on top of other text or buttons (neither inside the other);
 * - small-target: buttons, links, radios, checkboxes, tabs, switches and fields under 44×44 CSS px
 *   (unless inside a larger one that takes the same tap); besides the roles and native controls, any
 *   element with a Taro tap handler counts (Taro's h5 keeps them in the element's `__events`);
 * - not-a-button (reported, does not fail): an element with a tap handler but no role a screen reader
 *   would announce as something to tap (a card that opens a page, a list row).
 */
export function layoutProblems(page: Page): Promise<{ problems: LayoutProblem[]; checked: { texts: number; targets: number; smallest: string } }> {
  return page.evaluate((minTarget) => {
    const problems: Array<{ kind: 'cut-off' | 'off-screen' | 'sideways-scroll' | 'overlap' | 'small-target' | 'not-a-button'; where: string; text: string; detail: string }> = []
    const checked = { texts: 0, targets: 0, smallest: '' }
    const vw = document.documentElement.clientWidth
    const px = (n: number) => Math.round(n * 10) / 10
    const shorten = (s: string, n = 40) => {
      const t = s.replace(/\s+/g, ' ').trim()
      return t.length > n ? `${t.slice(0, n)}…` : t
    }
    const describe = (el: Element): string => {
      const cls = Array.from(el.classList)
        .filter((c) => !/^(hydrated|taro-.*-core)$/.test(c))
        .slice(0, 2)
        .map((c) => `.${c}`)
        .join('')
      const role = el.getAttribute('role')
      const label = el.getAttribute('aria-label')
      return `${el.tagName.toLowerCase()}${cls}${role ? `[role=${role}]` : ''}${label ? `[aria-label="${shorten(label, 24)}"]` : ''}`
    }
    /** The nearest ancestor with a class of its own (for telling where an element sits). */
    const context = (el: Element): string => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const cls = Array.from(a.classList).find((c) => !/^(hydrated|taro-.*-core|taro_page)$/.test(c))
        if (cls) return `.${cls} > `
      }
      return ''
    }
    const where = (el: Element) => `${context(el)}${describe(el)}`
    // Text for screen readers only (the 1 px clipped `.sr-only` pattern) is not on screen: nothing to cut or overlap.
    const screenReaderOnly = (el: Element): boolean => {
      for (let a: Element | null = el; a && a !== document.body; a = a.parentElement) {
        const r = a.getBoundingClientRect()
        const s = getComputedStyle(a)
        if (r.width <= 1 && r.height <= 1 && (s.overflow === 'hidden' || s.clip !== 'auto')) return true
      }
      return false
    }
    const shown = (el: Element): boolean => {
      const r = el.getBoundingClientRect()
      return r.width > 0 && r.height > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && !screenReaderOnly(el)
    }
    const fixedCache = new Map<Element, boolean>()
    /** Inside something fixed or sticky to the screen (toast, sheet, mask, tab bar, a bar at the bottom). */
    const inFixed = (el: Element | null): boolean => {
      if (!el || el === document.body) return false
      const hit = fixedCache.get(el)
      if (hit !== undefined) return hit
      const pos = getComputedStyle(el).position
      const v = pos === 'fixed' || pos === 'sticky' || inFixed(el.parentElement)
      fixedCache.set(el, v)
      return v
    }
    const area = (a: DOMRect, b: DOMRect) => ({ w: Math.min(a.right, b.right) - Math.max(a.left, b.left), h: Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) })

    // The page scrolls sideways.
    const scroller = document.scrollingElement ?? document.documentElement
    if (scroller.scrollWidth > vw + 1) problems.push({ kind: 'sideways-scroll', where: 'html', text: '', detail: `the page is ${scroller.scrollWidth} px wide on a ${vw} px screen` })
    for (const p of Array.from(document.querySelectorAll('.taro_page'))) {
      if (shown(p) && p.scrollWidth > p.clientWidth + 1) problems.push({ kind: 'sideways-scroll', where: describe(p), text: '', detail: `the page is ${p.scrollWidth} px wide on a ${p.clientWidth} px screen` })
    }

    // Text: every shown text node, with its line boxes.
    interface TextBox { owner: Element; rects: DOMRect[]; text: string; fixed: boolean }
    const texts: TextBox[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const owner = n.parentElement
      if (!owner || !(n.textContent ?? '').trim() || /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/.test(owner.tagName)) continue
      if (!shown(owner)) continue
      const range = document.createRange()
      range.selectNodeContents(n)
      const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0.5 && r.height > 0.5)
      if (rects.length > 0) texts.push({ owner, rects, text: n.textContent ?? '', fixed: inFixed(owner) })
    }

    const reported = new Set<string>()
    const once = (key: string) => {
      if (reported.has(key)) return false
      reported.add(key)
      return true
    }

    for (const t of texts) {
      // cut off by its own box or by an ancestor that hides what does not fit
      // Past a scroll container (the page scrolls inside .taro_page), what its ancestors hide on that axis
      // is only scrolled out of view, not cut off.
      let pastScrollX = false
      let pastScrollY = false
      for (let a: Element | null = t.owner; a && a !== document.documentElement; a = a.parentElement) {
        const s = getComputedStyle(a)
        const hideX = !pastScrollX && (s.overflowX === 'hidden' || s.overflowX === 'clip')
        const hideY = !pastScrollY && (s.overflowY === 'hidden' || s.overflowY === 'clip')
        const scrollX = !pastScrollX && (s.overflowX === 'auto' || s.overflowX === 'scroll')
        if (s.overflowX === 'auto' || s.overflowX === 'scroll') pastScrollX = true
        if (s.overflowY === 'auto' || s.overflowY === 'scroll') pastScrollY = true
        if (!hideX && !hideY && !scrollX) continue
        const box = a.getBoundingClientRect()
        if (box.width === 0 || box.height === 0) continue
        for (const r of t.rects) {
          const overlaps = r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom
          if (!overlaps) continue // wholly hidden (a closed part): not cut, hidden on purpose
          const outX = r.left < box.left - 1 || r.right > box.right + 1
          const outY = r.top < box.top - 1 || r.bottom > box.bottom + 1
          if ((hideX && outX) || (hideY && outY)) {
            if (once(`cut:${where(t.owner)}:${t.text}`))
              problems.push({ kind: 'cut-off', where: where(t.owner), text: shorten(t.text), detail: `clipped by ${a === t.owner ? 'its own box' : describe(a)} (overflow ${s.overflowX}/${s.overflowY}; text ${px(r.width)}×${px(r.height)} at ${px(r.left)},${px(r.top)}, box ${px(box.width)}×${px(box.height)} at ${px(box.left)},${px(box.top)})` })
            break
          }
          if (scrollX && outX && a.scrollWidth > a.clientWidth + 1 && !a.classList.contains('taro_page')) {
            if (once(`scroll:${where(a)}`)) problems.push({ kind: 'sideways-scroll', where: where(a), text: shorten(t.text), detail: `text must be scrolled sideways to be read (${a.scrollWidth} px of content in ${a.clientWidth} px)` })
            break
          }
        }
      }
      // own box too small for its text (ellipsis, line clamp) when the owner hides overflow
      const os = getComputedStyle(t.owner)
      if ((os.overflowX === 'hidden' || os.overflowX === 'clip') && t.owner.scrollWidth > t.owner.clientWidth + 1 && t.owner.clientWidth > 0) {
        if (once(`cut:${where(t.owner)}:${t.text}`)) problems.push({ kind: 'cut-off', where: where(t.owner), text: shorten(t.text), detail: `${t.owner.scrollWidth} px of text in a ${t.owner.clientWidth} px box (overflow ${os.overflowX}${os.textOverflow === 'ellipsis' ? ', ellipsis' : ''})` })
      }
      if ((os.overflowY === 'hidden' || os.overflowY === 'clip') && t.owner.scrollHeight > t.owner.clientHeight + 1 && t.owner.clientHeight > 0) {
        if (once(`cut:${where(t.owner)}:${t.text}`)) problems.push({ kind: 'cut-off', where: where(t.owner), text: shorten(t.text), detail: `${t.owner.scrollHeight} px of text in a ${t.owner.clientHeight} px high box (overflow ${os.overflowY})` })
      }
      // past the edge of the screen
      if (!t.fixed) {
        const worst = t.rects.reduce((m, r) => Math.max(m, r.right - vw, -r.left), 0)
        if (worst > 1 && once(`off:${where(t.owner)}`)) problems.push({ kind: 'off-screen', where: where(t.owner), text: shorten(t.text), detail: `text runs ${px(worst)} px off the ${vw} px screen` })
      }
    }

    // Things to tap.
    const TAPPABLE =
      '[role=button],[role=radio],[role=checkbox],[role=tab],[role=link],[role=switch],[role=menuitem],[role=option],button,a[href],input:not([type=hidden]),textarea,select,taro-button-core,taro-input-core,taro-textarea-core,taro-checkbox-core,taro-radio-core,taro-switch-core'
    /** Taro's h5 components keep their handlers in `__events` (React's onClick is not on the element). */
    const hasTap = (el: Element) => {
      const events = (el as unknown as { __events?: Record<string, unknown> }).__events
      return !!events && Object.keys(events).some((n) => /^(click|tap|longpress)$/i.test(n))
    }
    const byRole = new Set(Array.from(document.querySelectorAll(TAPPABLE)))
    const tappables = Array.from(document.querySelectorAll('*')).filter((el) => (byRole.has(el) || hasTap(el)) && shown(el))
    for (const el of tappables) {
      if (byRole.has(el) || el.closest(TAPPABLE) || el.querySelector(TAPPABLE)) continue
      problems.push({
        kind: 'not-a-button',
        where: where(el),
        text: shorten(el.getAttribute('aria-label') ?? el.textContent ?? '', 30),
        detail: `opens or does something when tapped, but a screen reader announces it as ${el.getAttribute('role') ? `role=${el.getAttribute('role')}` : 'plain text'} (no button or link role)`,
      })
    }
    const tapSet = new Set(tappables)
    /** The outermost tappable element holding `el` (itself if none): what a tap on it really hits. */
    const outermost = (el: Element): Element => {
      let top = el
      for (let a = el.parentElement; a; a = a.parentElement) if (tapSet.has(a)) top = a
      return top
    }
    const targets = Array.from(new Set(tappables.map(outermost)))
    for (const el of targets) {
      const r = el.getBoundingClientRect()
      // a field's own input may be smaller than the box around it: the box takes the tap
      if (Math.round(r.width) < minTarget || Math.round(r.height) < minTarget) {
        problems.push({ kind: 'small-target', where: where(el), text: shorten(el.getAttribute('aria-label') ?? el.textContent ?? '', 30), detail: `${px(r.width)}×${px(r.height)} px (under ${minTarget}×${minTarget})` })
      }
      if (!inFixed(el) && (r.right > vw + 1 || r.left < -1) && once(`off:${where(el)}`)) {
        problems.push({ kind: 'off-screen', where: where(el), text: shorten(el.textContent ?? '', 30), detail: `spans ${px(r.left)}–${px(r.right)} px on a ${vw} px screen` })
      }
    }

    // Overlaps: text on text, text on a button, button on button (neither inside the other), not fixed.
    // Each box is cut to what its ancestors let show below its scroll container; boxes in different
    // scroll containers (the page and the tab bar) are also cut to their container's box, so what is
    // scrolled out of view does not count as lying under the tab bar.
    const scrollerCache = new Map<Element, Element | null>()
    const scrollerOf = (el: Element): Element | null => {
      const hit = scrollerCache.get(el)
      if (hit !== undefined) return hit
      let found: Element | null = null
      for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
        const s = getComputedStyle(a)
        if (/(auto|scroll)/.test(`${s.overflowX} ${s.overflowY}`)) {
          found = a
          break
        }
      }
      scrollerCache.set(el, found)
      return found
    }
    const cut = (r: DOMRect, by: DOMRect): DOMRect | null => {
      const left = Math.max(r.left, by.left)
      const right = Math.min(r.right, by.right)
      const top = Math.max(r.top, by.top)
      const bottom = Math.min(r.bottom, by.bottom)
      return right - left > 0.5 && bottom - top > 0.5 ? new DOMRect(left, top, right - left, bottom - top) : null
    }
    const shownPart = (el: Element, r: DOMRect): DOMRect | null => {
      const stop = scrollerOf(el)
      let out: DOMRect | null = r
      for (let a = el.parentElement; a && a !== stop && out; a = a.parentElement) {
        const s = getComputedStyle(a)
        if (/(hidden|clip)/.test(`${s.overflowX} ${s.overflowY}`)) out = cut(out, a.getBoundingClientRect())
      }
      return out
    }
    const boxes: Array<{ el: Element; rects: DOMRect[]; text: string; tap: boolean; scroller: Element | null }> = [
      ...texts.filter((t) => !t.fixed).map((t) => ({ el: t.owner, rects: t.rects, text: t.text, tap: false })),
      ...targets.filter((el) => !inFixed(el)).map((el) => ({ el, rects: [el.getBoundingClientRect()], text: el.getAttribute('aria-label') ?? el.textContent ?? '', tap: true })),
    ].map((b) => ({ ...b, scroller: scrollerOf(b.el), rects: b.rects.map((r) => shownPart(b.el, r)).filter((r): r is DOMRect => r !== null) }))
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]
        const b = boxes[j]
        if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue
        const apart = a.scroller !== b.scroller
        const inView = (x: typeof a, r: DOMRect) => (apart && x.scroller ? cut(r, x.scroller.getBoundingClientRect()) : r)
        let hit: { w: number; h: number } | null = null
        for (const r0 of a.rects) {
          const ra = inView(a, r0)
          if (!ra) continue
          for (const r1 of b.rects) {
            const rb = inView(b, r1)
            if (!rb) continue
            const o = area(ra, rb)
            // line boxes of neighbouring lines may touch by a few px (font ascent and descent): not an overlap
            if (o.w > 2 && o.h > Math.max(2, 0.25 * Math.min(ra.height, rb.height))) hit = o
          }
        }
        if (hit && once(`overlap:${where(a.el)}|${where(b.el)}`)) {
          problems.push({
            kind: 'overlap',
            where: `${where(a.el)} ⟷ ${where(b.el)}`,
            text: `${shorten(a.text, 20)} ⟷ ${shorten(b.text, 20)}`,
            detail: `${a.tap ? 'button' : 'text'} and ${b.tap ? 'button' : 'text'} overlap by ${px(hit.w)}×${px(hit.h)} px`,
          })
        }
      }
    }
    checked.texts = texts.length
    checked.targets = targets.length
    const sizes = targets.map((el) => ({ el, r: el.getBoundingClientRect() })).sort((x, y) => Math.min(x.r.width, x.r.height) - Math.min(y.r.width, y.r.height))
    if (sizes[0]) checked.smallest = `${px(sizes[0].r.width)}×${px(sizes[0].r.height)} ${where(sizes[0].el)}`
    return { problems, checked }
  }, MIN_TARGET)
}

/**
 * A screenshot of the whole page. Taro's h5 pages scroll inside .taro_page, so Playwright's fullPage
 * sees only the screen: the phone is made as tall as the page for the picture, then set back.
 */
export async function fullPageShot(page: Page, path: string): Promise<void> {
  const size = page.viewportSize()
  const height = await page.evaluate(() => {
    const shown = Array.from(document.querySelectorAll('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
    const p = shown[shown.length - 1]
    if (!p) return document.documentElement.scrollHeight
    return Math.ceil(p.scrollHeight + document.documentElement.clientHeight - p.clientHeight)
  })
  if (size && height > size.height) {
    await page.setViewportSize({ width: size.width, height: Math.min(height, 10000) })
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  }
  await page.screenshot({ path, fullPage: true })
  if (size && height > size.height) await page.setViewportSize(size)
}

// ---- network ----------------------------------------------------------------------------------------

/** Counts the bytes a page downloads (CDP Network.loadingFinished encodedDataLength), from now on. */
export async function countBytes(context: BrowserContext, page: Page, throttle?: typeof SLOW_3G): Promise<{ cdp: CDPSession; bytes(): number; requests(): number; largest(): Array<{ url: string; kb: number }> }> {
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  if (throttle) await cdp.send('Network.emulateNetworkConditions', { ...throttle })
  const urls = new Map<string, string>()
  const sizes: Array<{ url: string; bytes: number }> = []
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => {
    urls.set(e.requestId, e.request.url)
  })
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    sizes.push({ url: urls.get(e.requestId) ?? '?', bytes: e.encodedDataLength })
  })
  return {
    cdp,
    bytes: () => sizes.reduce((s, x) => s + x.bytes, 0),
    requests: () => sizes.length,
    largest: () =>
      [...sizes]
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, 5)
        .map((s) => ({ url: s.url.replace(/^https?:\/\/[^/]+/, ''), kb: Math.round(s.bytes / 1024) })),
  }
}

/** Elements with findings of each impact. */
export function axeCounts(findings: AxeFinding[]): Record<Impact, number> {
  return Object.fromEntries(IMPACTS.map((i) => [i, findings.filter((v) => v.impact === i).reduce((n, v) => n + v.nodes.length, 0)])) as Record<Impact, number>
}

/** What fails a page or a step, one line each: axe serious/critical findings and failing layout problems. */
export function failuresOf(findings: AxeFinding[], layout: LayoutProblem[]): string[] {
  return [
    ...findings.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `axe ${v.impact} ${v.rule}: ${v.help} — ${v.nodes.map((n) => `${n.target}${n.summary ? ` (${n.summary.slice(0, 140)})` : ''}`).join('; ')}`),
    ...layout.filter((l) => FAILING_LAYOUT.includes(l.kind)).map((l) => `${l.kind}: ${l.where} “${l.text}” — ${l.detail}`),
  ]
}

// ---- flows on a weak network at the largest text ---------------------------------------------------

/** One page a phone opened in a flow: from the tap (or the load) to its first useful content. */
export interface FlowPage {
  /** The route (`/subpackages/join/pages/apply/index`). */
  route: string
  /** A page seen before in this flow (back, or opened again): its code is already on the phone. */
  again: boolean
  /** ms from the tap that opened it (or the start of the load) to its content: shown, settled, nothing loading. */
  ms: number
  /** Bytes downloaded meanwhile (Resource Timing transferSize: gzip as sent) and how many downloads. */
  bytes: number
  requests: number
  /** The person went on (tapped 入会 on 首页 …) before all of it had loaded: `ms` is when they did. */
  left?: boolean
}

/** One look at a step of a flow (`still()` on a hard phone, and the date wheel while it is open). */
export interface FlowStep {
  name: string
  route: string
  layout: LayoutProblem[]
  axe: Record<Impact, number>
  axeFindings: AxeFinding[]
  checked: { texts: number; targets: number; smallest: string }
  screenshot: string
}

export interface PhoneFlow {
  who: string
  label: string
  /** Seconds from signing in to the phone's last step. */
  seconds: number
  pages: FlowPage[]
  steps: FlowStep[]
}

export interface StoryFlow {
  story: string
  measuredAt: string
  viewport: string
  textSize: string
  network: typeof SLOW_3G
  phones: PhoneFlow[]
}

/** Screenshots of each step of the flows run on a hard phone. */
const FLOWS_DIR = join(A11Y_DIR, 'flows')

/**
 * Times each page this phone opens, from now on: from the history change that opens it (a tap on
 * 下一步/入会 …, a back, or the start of a load) until the page of that route is on screen, has stopped
 * sliding, holds text and shows nothing still loading (`aria-busy`). Bytes are what the page downloaded
 * meanwhile. The runtime's own pages (/__dev/…) are not timed.
 */
export async function timePages(page: Page, flow: PhoneFlow): Promise<void> {
  const seen = new Set<string>()
  await page.exposeBinding('__flowPage', (_source, route: string, ms: number, bytes: number, requests: number, left: boolean) => {
    flow.pages.push({ route, again: seen.has(route), ms: Math.round(ms), bytes, requests, ...(left ? { left } : {}) })
    seen.add(route)
  })
  await page.addInitScript(() => {
    if (location.pathname.startsWith('/__dev/')) return
    const w = window as unknown as { __flowPage(route: string, ms: number, bytes: number, requests: number, left: boolean): void; __flowTiming?: boolean }
    if (w.__flowTiming) return
    w.__flowTiming = true
    performance.setResourceTimingBufferSize(10000)
    const routeOf = () => location.hash.replace(/^#/, '').split('?')[0] || '/pages/index/index'
    let pending: { route: string; t0: number } | null = { route: routeOf(), t0: 0 }
    const report = (p: { route: string; t0: number }, left: boolean) => {
      const now = performance.now()
      const entries = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.startTime >= p.t0 && e.startTime <= now)
      const nav = p.t0 === 0 ? (performance.getEntriesByType('navigation') as PerformanceNavigationTiming[]) : []
      const all = [...nav, ...entries]
      w.__flowPage(p.route, now - p.t0, all.reduce((s, e) => s + (e.transferSize || 0), 0), all.length, left)
    }
    const begin = () => {
      const route = routeOf()
      if (pending?.route === route) return
      if (pending) report(pending, true)
      pending = { route, t0: performance.now() }
    }
    for (const name of ['pushState', 'replaceState'] as const) {
      const original = history[name].bind(history)
      history[name] = (...args: Parameters<History['pushState']>) => {
        original(...args)
        begin()
      }
    }
    addEventListener('popstate', begin)
    addEventListener('hashchange', begin)
    const useful = (route: string): boolean => {
      const shown = Array.from(document.querySelectorAll('.taro_router > .taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
      const p = shown.find((x) => x.id.split('?')[0] === route)
      if (!p || Math.abs(p.getBoundingClientRect().left) > 0.5) return false
      if (p.querySelector('[aria-busy="true"]')) return false
      return ((p as HTMLElement).innerText ?? '').trim().length > 0
    }
    setInterval(() => {
      if (!pending || !useful(pending.route)) return
      const p = pending
      pending = null
      report(p, false)
    }, 50)
  })
}

/**
 * Looks at a step of a flow on a hard phone: axe-core, the layout check and a full-page screenshot
 * (artefacts/a11y/flows/<story>-<name>.png). Returns the step and the problems that fail it.
 */
export async function inspectStep(page: Page, story: string, name: string): Promise<{ step: FlowStep; failures: string[] }> {
  mkdirSync(FLOWS_DIR, { recursive: true })
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  const route = await page.evaluate(() => location.hash.replace(/^#/, '').split('?')[0])
  const findings = await runAxe(page)
  const layout = await layoutProblems(page)
  const file = `${story}-${name}.png`
  await fullPageShot(page, join(FLOWS_DIR, file))
  const step: FlowStep = {
    name,
    route,
    layout: layout.problems,
    axe: axeCounts(findings),
    axeFindings: findings,
    checked: layout.checked,
    screenshot: `artefacts/a11y/flows/${file}`,
  }
  return { step, failures: failuresOf(findings, layout.problems) }
}

/** Writes artefacts/a11y/flow-<story>.json and refreshes the report. */
export function writeFlow(story: string, phones: PhoneFlow[]): void {
  if (phones.length === 0) return
  const record: StoryFlow = { story, measuredAt: new Date().toISOString(), viewport: '320 px', textSize: '特大 (largest, ×1.4)', network: SLOW_3G, phones }
  mkdirSync(A11Y_DIR, { recursive: true })
  writeAtomic(join(A11Y_DIR, `flow-${story}.json`), JSON.stringify(record, null, 2) + '\n')
  for (const p of phones) {
    const first = p.pages.filter((x) => !x.again)
    console.log(
      `${story} (${p.who}, Slow 3G, 320 px, largest text): ${p.seconds.toFixed(0)} s, ${first.length} pages (first content ${first.map((x) => (x.ms / 1000).toFixed(1)).join(' / ')} s), ${p.steps.length} steps checked, ${p.steps.reduce((n, s) => n + s.layout.filter((l) => FAILING_LAYOUT.includes(l.kind)).length, 0)} layout problems`,
    )
  }
  writeReport()
}

// ---- taps per flow ----------------------------------------------------------------------------------

export interface PhoneTaps {
  /** `小王-360`: who, on how wide a phone. */
  who: string
  label: string
  /** A worker (not union staff): the person the flow is for. */
  worker: boolean
  taps: number
  /** Drags (the date wheel, scrolling by hand). */
  drags: number
  /** Fields typed into (on a phone, one more tap each to put the cursor there). */
  fields: number
  /** Photos or files picked (on a phone, at least one more tap each in the picker). */
  photos: number
  /** Each gesture in order with what it landed on (`tap 我的办理（交过…`), for checking the counts. */
  steps: string[]
}

/** The worker flows whose taps the report expects (story names as story() and writeTaps get them). */
export const WORKER_FLOWS = ['membership', 'legal-aid', 'mutual-aid', 'stations', 'track']

const WORKER_LABELS = new Set([...DEMO_USERS.filter((u) => u.role === 'worker').map((u) => u.label), '新微信用户'])
const LABEL_OF_KEY = new Map([...DEMO_USERS.map((u) => [u.key, u.label] as const), ['new', '新微信用户'] as const])

/**
 * Counts what the person does on this phone (a page, or every page of a context) from now on, across
 * reloads and page changes: taps and drags (pointer down to up, moved over 10 px is a drag), fields typed
 * into, photos picked. The runtime's own pages (/__dev/…) are not counted; on its sign-in picker the
 * account chosen names the phone when `label` and `who` are not given (小王-360, a worker or not).
 */
export async function countTaps(phone: Page | BrowserContext, label = '', who = ''): Promise<PhoneTaps> {
  const counts: PhoneTaps = { who, label, worker: WORKER_LABELS.has(label), taps: 0, drags: 0, fields: 0, photos: 0, steps: [] }
  await phone.exposeBinding('__a11yGesture', (_source, kind: string, on: string) => {
    if (kind === 'signin') {
      const [key, width] = on.split(' ')
      if (!label) counts.label = LABEL_OF_KEY.get(key) ?? key
      if (!who) counts.who = `${counts.label.split(' ').pop() ?? key}-${width}`
      counts.worker = WORKER_LABELS.has(counts.label)
      return
    }
    counts.steps.push(`${kind} ${on}`)
    if (kind === 'tap') counts.taps++
    else if (kind === 'drag') counts.drags++
    else if (kind === 'field') counts.fields++
    else if (kind === 'photo') counts.photos++
  })
  await phone.addInitScript(() => {
    const w = window as unknown as { __a11yGesture(kind: string, on: string): void; __a11yCounting?: boolean }
    if (location.pathname.startsWith('/__dev/')) {
      // the sign-in picker: which account, on how wide a phone
      addEventListener('click', (e) => {
        const b = e.target instanceof Element ? e.target.closest('button[data-key]') : null
        if (b) w.__a11yGesture('signin', `${b.getAttribute('data-key') ?? ''} ${innerWidth}`)
      }, true)
      return
    }
    const label = (t: EventTarget | null): string => {
      if (!(t instanceof Element)) return '?'
      let el: Element = t.closest('[role],taro-button-core,button,a,[aria-label]') ?? t
      while (!(el.getAttribute('aria-label') ?? el.textContent ?? '').trim() && el.parentElement) el = el.parentElement
      const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim()
      return text.length > 16 ? `${text.slice(0, 16)}…` : text
    }
    if (w.__a11yCounting) return
    w.__a11yCounting = true
    let down: { x: number; y: number; on: string } | null = null
    const end = (e: PointerEvent, cancelled: boolean) => {
      if (!e.isPrimary || !down) return
      const moved = Math.hypot(e.clientX - down.x, e.clientY - down.y) > 10
      const on = down.on
      down = null
      w.__a11yGesture(cancelled || moved ? 'drag' : 'tap', on)
    }
    addEventListener('pointerdown', (e) => {
      if (e.isPrimary) down = { x: e.clientX, y: e.clientY, on: label(e.composedPath()[0] ?? e.target) }
    }, true)
    addEventListener('pointerup', (e) => end(e, false), true)
    addEventListener('pointercancel', (e) => end(e, true), true)
    const typed = new WeakSet<EventTarget>()
    addEventListener('input', (e) => {
      // the native field only (Taro's taro-input-core sends an input event of its own as well)
      const t = e.composedPath()[0] ?? e.target
      const native = (t instanceof HTMLInputElement && t.type !== 'file') || t instanceof HTMLTextAreaElement || (t instanceof HTMLElement && t.isContentEditable)
      if (!native || typed.has(t)) return
      typed.add(t)
      w.__a11yGesture('field', label(t))
    }, true)
    addEventListener('change', (e) => {
      const t = e.composedPath()[0] ?? e.target
      if (t instanceof HTMLInputElement && t.type === 'file') w.__a11yGesture('photo', label(t))
    }, true)
  })
  return counts
}

export interface StoryTaps {
  story: string
  measuredAt: string
  phones: PhoneTaps[]
  /** The workers' phones together. */
  worker: { taps: number; drags: number; fields: number; photos: number; touches: number }
  staff: { taps: number; drags: number; fields: number; photos: number; touches: number }
}

/** At least how many times a finger touches the screen: taps, drags, one tap per field, two per photo. */
const touches = (t: { taps: number; drags: number; fields: number; photos: number }) => t.taps + t.drags + t.fields + 2 * t.photos

function sum(phones: PhoneTaps[]) {
  const s = phones.reduce((a, p) => ({ taps: a.taps + p.taps, drags: a.drags + p.drags, fields: a.fields + p.fields, photos: a.photos + p.photos }), { taps: 0, drags: 0, fields: 0, photos: 0 })
  return { ...s, touches: touches(s) }
}

/** Writes artefacts/a11y/taps-<story>.json, prints `<story>: N taps …`, and refreshes the report. */
export function writeTaps(story: string, phones: PhoneTaps[]): void {
  if (phones.length === 0) return
  const record: StoryTaps = { story, measuredAt: new Date().toISOString(), phones, worker: sum(phones.filter((p) => p.worker)), staff: sum(phones.filter((p) => !p.worker)) }
  mkdirSync(A11Y_DIR, { recursive: true })
  writeAtomic(join(A11Y_DIR, `taps-${story}.json`), JSON.stringify(record, null, 2) + '\n')
  const w = record.worker
  const staff = record.staff.taps + record.staff.drags > 0 ? `staff ${record.staff.taps} taps` : ''
  console.log(
    phones.some((p) => p.worker)
      ? `${story}: ${w.taps} taps by the worker (${w.drags} drags, ${w.fields} fields typed, ${w.photos} photos; about ${w.touches} touches)${staff ? `; ${staff}` : ''}`
      : `${story}: no worker phone; ${staff || 'no taps'}`,
  )
  writeReport()
}

// ---- the report -------------------------------------------------------------------------------------

export interface PageFigures {
  key: string
  title: string
  url: string
  /** The demo user the page was opened as. */
  as: string
  screenshot: string | null
  /** The page root carried text-largest (the stored choice applied). */
  largestText: boolean | null
  axe: Record<Impact, number> | null
  axeFindings: AxeFinding[]
  layout: LayoutProblem[]
  /** How many text runs and tap targets the layout check looked at. */
  checked: { texts: number; targets: number; smallest: string } | null
  /** Cold first load at full speed (cache off): time to first useful content and bytes. */
  normal: { ms: number; bytes: number; requests: number } | null
  slow3g: { ms: number | null; bytes: number; requests: number; largest: Array<{ url: string; kb: number }>; error?: string } | null
  error?: string
}

export interface PagesFile {
  measuredAt: string
  viewport: string
  textSize: string
  slow3g: typeof SLOW_3G
  slow3gChoice: string
  pages: PageFigures[]
  seconds: number
}

const readJson = <T>(file: string): T | null => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T
  } catch {
    return null
  }
}

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`
const sec = (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`)
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/** What each worker page is called (routes of src/app.config.ts). */
const PAGE_TITLES: Record<string, string> = {
  '/pages/index/index': '首页',
  '/pages/mine/index': '我的',
  '/subpackages/help/pages/index': '帮助与热线',
  '/subpackages/privacy/pages/index': '我的信息与隐私',
  '/subpackages/join/pages/index/index': '入会 · 开始',
  '/subpackages/join/pages/apply/index': '入会 · 申请',
  '/subpackages/join/pages/status/index': '入会 · 进度',
  '/subpackages/join/pages/card/index': '入会 · 会员证',
  '/subpackages/join/pages/transfer/index': '入会 · 转会',
  '/subpackages/legal/pages/index/index': '法律援助 · 开始',
  '/subpackages/legal/pages/apply/index': '法律援助 · 申请',
  '/subpackages/legal/pages/case/index': '法律援助 · 一件求助',
  '/subpackages/aid/pages/index/index': '互助保障 · 我的保障',
  '/subpackages/aid/pages/apply/index': '互助保障 · 申请',
  '/subpackages/aid/pages/claims/index': '互助保障 · 我的申请',
  '/subpackages/aid/pages/claim/index': '互助保障 · 一个申请',
  '/subpackages/stations/pages/list/index': '爱心驿站 · 找驿站',
  '/subpackages/stations/pages/detail/index': '爱心驿站 · 一个驿站',
  '/subpackages/stations/pages/report/index': '爱心驿站 · 报修',
  '/subpackages/stations/pages/reports/index': '爱心驿站 · 我报修的事',
  '/subpackages/stations/pages/suggest/index': '爱心驿站 · 推荐新地点',
  '/subpackages/stations/pages/suggestions/index': '爱心驿站 · 我推荐的地方',
  '/subpackages/track/pages/index/index': '我的办理',
  '/subpackages/track/pages/detail/index': '我的办理 · 一件事',
}
const FLOW_TITLES: Record<string, string> = { membership: '入会', 'legal-aid': '法律援助', 'mutual-aid': '互助保障', stations: '爱心驿站', track: '我的办理' }

/** The report's part on the flows run on a hard phone (flow-*.json). */
const readFlows = (): StoryFlow[] =>
  existsSync(A11Y_DIR)
    ? readdirSync(A11Y_DIR)
        .filter((f) => /^flow-.+\.json$/.test(f))
        .map((f) => readJson<StoryFlow>(join(A11Y_DIR, f)))
        .filter((t): t is StoryFlow => t !== null)
        .sort((a, b) => WORKER_FLOWS.indexOf(a.story) - WORKER_FLOWS.indexOf(b.story))
    : []

function flowsReport(): string[] {
  const flows = readFlows()
  const md = [
    '## Flows end to end: Slow 3G, 320 px, largest text',
    '',
    `Each worker flow is run by its e2e story with the worker's phone 320 px wide, text at 特大 and DevTools' Slow 3G (${SLOW_3G.latency} ms, ${SLOW_3G.downloadThroughput / 1000} kB/s) on every download and reply, the phone's cache on (a fresh phone: nothing cached at the start). ` +
      'A page counts as shown when it has stopped sliding in, holds text and nothing on it is still loading (aria-busy); the time runs from the tap that opened it. ' +
      'Every step the story looks at (each wizard step, each sheet, the date wheel while open) is checked: axe-core serious/critical, text cut off or overlapping, tap targets under 44 px — any of these fails the story.',
    '',
  ]
  const missing = WORKER_FLOWS.filter((f) => !flows.some((t) => t.story === f))
  for (const f of flows) {
    for (const p of f.phones) {
      const axe = IMPACTS.map((i) => p.steps.reduce((n, s) => n + (s.axe[i] ?? 0), 0))
      const layout = p.steps.reduce((n, s) => n + s.layout.filter((l) => FAILING_LAYOUT.includes(l.kind)).length, 0)
      md.push(
        `### ${FLOW_TITLES[f.story] ?? f.story} (${f.story}) — ${p.label}, ${p.who}`,
        '',
        `${p.seconds.toFixed(0)} s from signing in to the last step; ${p.steps.length} steps checked; axe critical / serious / moderate / minor: ${axe.join(' / ')}; layout problems: ${layout}. Measured ${f.measuredAt}.`,
        '',
        '| page | first useful content | downloaded | downloads | note |',
        '|---|---|---|---|---|',
      )
      for (const x of p.pages) {
        const note = [x.again ? 'again (its code already on the phone)' : '', x.left ? 'tapped on before all of it loaded' : ''].filter(Boolean).join('; ')
        md.push(`| ${PAGE_TITLES[x.route] ?? x.route} | ${sec(x.ms)} | ${kb(x.bytes)} | ${x.requests} | ${note} |`)
      }
      md.push('', `Steps: ${p.steps.map((s) => `[${s.name.replace(`${p.who}-`, '')}](${s.screenshot.replace('artefacts/a11y/', '')})`).join(', ')}.`, '')
      const noted = p.steps.flatMap((s) => s.layout.map((l) => `- ${s.name}: ${l.kind}${FAILING_LAYOUT.includes(l.kind) ? '' : ' (noted, does not fail)'}: \`${cell(l.where)}\` “${cell(l.text)}” — ${cell(l.detail)}`))
      const findings = p.steps.flatMap((s) => s.axeFindings.map((v) => `- ${s.name}: axe ${v.impact} \`${v.rule}\`: ${v.help} (${v.nodes.length})`))
      if (noted.length + findings.length > 0) md.push('Noted:', '', ...noted, ...findings, '')
    }
  }
  if (flows.length === 0) md.push('(no story has written flow-*.json yet)')
  if (missing.length > 0) md.push(`Not run on a hard phone yet: ${missing.join(', ')}.`)
  return md
}

/** artefacts/a11y/report.json and report.md from pages.json, flow-*.json and taps-*.json (whatever is there). */
export function writeReport(): string {
  mkdirSync(A11Y_DIR, { recursive: true })
  const pages = readJson<PagesFile>(join(A11Y_DIR, 'pages.json'))
  const taps = existsSync(A11Y_DIR)
    ? readdirSync(A11Y_DIR)
        .filter((f) => /^taps-.+\.json$/.test(f))
        .map((f) => readJson<StoryTaps>(join(A11Y_DIR, f)))
        .filter((t): t is StoryTaps => t !== null)
        .sort((a, b) => a.story.localeCompare(b.story))
    : []
  writeAtomic(join(A11Y_DIR, 'report.json'), JSON.stringify({ pages, flows: readFlows(), taps }, null, 2) + '\n')

  const md: string[] = ['# Worker pages: figures (issue 10)', '']
  if (pages) {
    md.push(
      `Measured ${pages.measuredAt} by test/e2e/a11y.e2e.test.ts in ${pages.seconds.toFixed(0)} s: every worker page at ${pages.viewport} with the ${pages.textSize} text size, ` +
        `on the h5 build served by the local runtime in Debian's chromium.`,
      '',
      `Slow 3G = Chrome DevTools' preset: ${SLOW_3G.latency} ms latency, ${SLOW_3G.downloadThroughput / 1000} kB/s down and up (500 kbit/s × 0.8), cache off, a fresh phone. ${pages.slow3gChoice}`,
      '',
      '## Pages',
      '',
      '| page | as | first content, Slow 3G | bytes, Slow 3G | first content, full speed | bytes | axe critical / serious / moderate / minor (elements) | layout problems | checked (text runs / tap targets; smallest target) | largest text |',
      '|---|---|---|---|---|---|---|---|---|---|',
    )
    for (const p of pages.pages) {
      const axe = p.axe ? IMPACTS.map((i) => p.axe?.[i] ?? 0).join(' / ') : '—'
      const layout = p.layout.length === 0 ? '0' : Object.entries(p.layout.reduce<Record<string, number>>((m, l) => ({ ...m, [l.kind]: (m[l.kind] ?? 0) + 1 }), {})).map(([k, n]) => `${n} ${k}`).join(', ')
      const s3 = p.slow3g ? (p.slow3g.ms === null ? `not in time (${p.slow3g.error ?? ''})` : sec(p.slow3g.ms)) : '(not run)'
      md.push(
        `| ${cell(p.title)} | ${cell(p.as)} | ${s3} | ${p.slow3g ? kb(p.slow3g.bytes) : '—'} | ${sec(p.normal?.ms)} | ${p.normal ? kb(p.normal.bytes) : '—'} | ${axe} | ${layout} | ${p.checked ? `${p.checked.texts} / ${p.checked.targets}; ${cell(p.checked.smallest)}` : '—'} | ${p.largestText === null ? '—' : p.largestText ? 'yes' : 'NO'} |`,
      )
    }
    const errors = pages.pages.filter((p) => p.error)
    if (errors.length > 0) {
      md.push('', '## Pages that could not be measured', '')
      for (const p of errors) md.push(`- ${p.title}: ${p.error}`)
    }
    md.push('', '## axe-core findings (WCAG 2.0/2.1 A and AA)', '')
    let anyAxe = false
    for (const p of pages.pages) {
      for (const f of p.axeFindings) {
        anyAxe = true
        md.push(`- **${p.title}** — ${f.impact} \`${f.rule}\`: ${f.help} (${f.nodes.length} element${f.nodes.length === 1 ? '' : 's'}) ${f.helpUrl}`)
        for (const n of f.nodes.slice(0, 6)) md.push(`  - \`${cell(n.target)}\` ${cell(n.html)}${n.summary ? ` — ${cell(n.summary)}` : ''}`)
        if (f.nodes.length > 6) md.push(`  - … and ${f.nodes.length - 6} more`)
      }
    }
    if (!anyAxe) md.push('None.')
    md.push('', '## Layout problems at 320 px, largest text', '')
    let anyLayout = false
    for (const p of pages.pages) {
      for (const l of p.layout) {
        anyLayout = true
        md.push(`- **${p.title}** — ${l.kind}${FAILING_LAYOUT.includes(l.kind) ? '' : ' (noted, does not fail)'}: \`${cell(l.where)}\` “${cell(l.text)}” — ${cell(l.detail)}`)
      }
    }
    if (!anyLayout) md.push('None.')
    md.push('', '## Slow 3G: the largest downloads of each page', '')
    for (const p of pages.pages) if (p.slow3g) md.push(`- ${p.title}: ${p.slow3g.requests} requests; ${p.slow3g.largest.map((l) => `${l.url} ${l.kb} KB`).join(', ')}`)
    md.push('', `Screenshots: artefacts/a11y/<page>-largest-320.png (${pages.pages.filter((p) => p.screenshot).length} pages).`)
  } else {
    md.push('(pages.json is not there yet: test/e2e/a11y.e2e.test.ts has not run.)')
  }

  md.push('', ...flowsReport(), '', '## Taps per flow (the e2e stories)', '')
  const missing = WORKER_FLOWS.filter((f) => !taps.some((t) => t.story === f))
  if (taps.length > 0) {
    md.push(
      'Counted on each phone a story opens (story().openPhone in test/e2e/support/ui.ts): a tap is a pointer down and up within 10 px; a drag moved further (the date wheel). ' +
        'Fields typed into and photos picked are counted apart: the tests fill fields and set files without tapping, so "touches" adds one tap a field and two a photo.',
      '',
      '| story | worker taps | drags | fields typed | photos | worker touches (about) | staff taps | phones | measured |',
      '|---|---|---|---|---|---|---|---|---|',
    )
    for (const t of taps) {
      md.push(
        `| ${t.story} | ${t.worker.taps} | ${t.worker.drags} | ${t.worker.fields} | ${t.worker.photos} | ${t.worker.touches} | ${t.staff.taps} | ${t.phones.map((p) => `${p.who} ${p.taps}`).join(', ')} | ${t.measuredAt} |`,
      )
    }
  } else {
    md.push('(no story has written taps-*.json yet)')
  }
  if (missing.length > 0) {
    md.push(
      '',
      `Not counted yet: ${missing.join(', ')} (a story counts when it opens its phones through story().openPhone in support/ui.ts, or calls countTaps(context) and writeTaps('<story>', …) from support/measure.ts itself).`,
    )
  }
  md.push('')
  const text = md.join('\n')
  writeAtomic(join(A11Y_DIR, 'report.md'), text)
  return text
}
