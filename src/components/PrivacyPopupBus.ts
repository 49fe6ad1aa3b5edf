// WeChat's privacy authorization (weapp only; __usePrivacyCheck__ is on in app.config.ts): the first
// time a privacy API (clipboard, choosing photos …) runs, WeChat holds it and asks us to show what we
// collect. PrivacyPopup answers; the held call goes on only after 同意. Tiny on purpose: it lives in
// the main package (installed in app.tsx), the popup itself in the pages that use such APIs.
import Taro from '@tarojs/taro'

export type PrivacyAnswer = { event: 'agree'; buttonId: string } | { event: 'disagree' } | { event: 'exposureAuthorization' }
type Resolve = (answer: PrivacyAnswer) => void

/** The id of the 同意 button (`open-type="agreePrivacyAuthorization"`); WeChat checks it was tapped. */
export const AGREE_BUTTON_ID = 'privacy-agree'

let pending: Resolve[] = []
let exposed = false
const listeners = new Set<(open: boolean) => void>()

const notify = () => listeners.forEach((fn) => fn(pending.length > 0))

/** Called by WeChat with the held call's resolve. */
export function onNeedAuthorization(resolve: Resolve): void {
  if (listeners.size === 0) {
    // No popup on this page: refuse rather than hold the call forever.
    resolve({ event: 'disagree' })
    void Taro.showToast({ title: '请先在“我的信息与隐私”里同意隐私保护指引', icon: 'none', duration: 3000 })
    return
  }
  pending.push(resolve)
  notify()
}

/** Registers the listener once, at app start; does nothing outside weapp or on old base libraries. */
export function installPrivacyAuthorization(): void {
  if (process.env.TARO_ENV !== 'weapp') return
  // miniprogram-api-typings types the listener's argument as a result object; it is the resolve function.
  const api = (wx as unknown as { onNeedPrivacyAuthorization?: (listener: (resolve: Resolve) => void) => void }).onNeedPrivacyAuthorization
  if (typeof api === 'function') api.call(wx, onNeedAuthorization)
}

/** The popup subscribes; returns the unsubscribe. */
export function subscribe(fn: (open: boolean) => void): () => void {
  listeners.add(fn)
  fn(pending.length > 0)
  return () => {
    listeners.delete(fn)
  }
}

/** Tells WeChat the popup is on screen (once per request). */
export function reportExposure(): void {
  if (exposed || pending.length === 0) return
  exposed = true
  pending[0]({ event: 'exposureAuthorization' })
}

/** 同意 (after the open-type button fired) or 不同意: every held call goes on or fails. */
export function answer(agree: boolean): void {
  const held = pending
  pending = []
  exposed = false
  for (const resolve of held) resolve(agree ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' })
  notify()
}
