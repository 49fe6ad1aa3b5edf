/**
 * Keyboard and screen-reader fixes for the h5 build only (app.tsx calls `installH5A11y` when TARO_ENV is h5;
 * WeChat has neither a keyboard nor these web components).
 * - Taro's page container `.taro_page` scrolls: it gets tabindex=0 so a keyboard can scroll it.
 * - Views with a tappable role (button, link, radio, checkbox, tab) get tabindex=0, and Enter or Space
 *   on them is a tap (a click).
 * - A `taro-input-core` / `taro-textarea-core` with an aria-label passes it to its inner input / textarea
 *   when that has no name (Field and LongText also pass it with `nativeProps`).
 * - A `taro-image-core` passes its aria-label to its inner img as `alt` (an aria-hidden one gets alt="":
 *   a picture that says nothing a screen reader needs).
 */

const TAPPABLE = ['button', 'link', 'radio', 'checkbox', 'tab'].map((r) => `[role="${r}"]`).join(',')
const HOSTS = 'taro-input-core[aria-label], taro-textarea-core[aria-label], taro-image-core[aria-label], taro-image-core[aria-hidden]'

function fix(root: Element): void {
  const all = (selector: string): Element[] => [...(root.matches(selector) ? [root] : []), ...Array.from(root.querySelectorAll(selector))]
  for (const page of all('.taro_page')) {
    if (!page.hasAttribute('tabindex')) page.setAttribute('tabindex', '0')
  }
  for (const el of all(TAPPABLE)) {
    if (!el.hasAttribute('tabindex') && !/^(input|button|a|select|textarea)$/i.test(el.tagName)) el.setAttribute('tabindex', '0')
  }
  for (const host of all(HOSTS)) {
    const label = host.getAttribute('aria-label')
    if (host.tagName.toLowerCase() === 'taro-image-core') {
      const img = host.querySelector('img')
      const alt = host.hasAttribute('aria-hidden') && host.getAttribute('aria-hidden') !== 'false' ? '' : (label ?? '')
      if (img && img.getAttribute('alt') !== alt) img.setAttribute('alt', alt)
      continue
    }
    const inner = host.querySelector('input, textarea')
    if (label && inner && !inner.hasAttribute('aria-label') && !inner.hasAttribute('aria-labelledby')) inner.setAttribute('aria-label', label)
  }
}

function onKey(e: KeyboardEvent): void {
  if (e.key !== 'Enter' && e.key !== ' ') return
  const el = e.target
  if (!(el instanceof HTMLElement) || !el.matches(TAPPABLE) || el.isContentEditable) return
  if (/^(input|button|a|select|textarea)$/i.test(el.tagName)) return
  if (el.getAttribute('aria-disabled') === 'true') return
  e.preventDefault()
  el.click()
}

let installed = false

/** Once, at app start (h5): fixes what is on the page now and everything added later. */
export function installH5A11y(): void {
  if (installed || typeof document === 'undefined' || typeof MutationObserver === 'undefined') return
  installed = true
  const start = () => {
    fix(document.body)
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') {
          if (r.target instanceof Element) fix(r.target.closest(HOSTS) ?? r.target)
          continue
        }
        for (const n of Array.from(r.addedNodes)) {
          if (n instanceof Element) fix(n.closest(HOSTS) ?? n)
        }
      }
    }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['role', 'aria-label', 'aria-hidden'] })
    document.addEventListener('keydown', onKey)
  }
  if (document.body) start()
  else document.addEventListener('DOMContentLoaded', start, { once: true })
}
