import { useState } from 'react'
import Taro from '@tarojs/taro'
import type { Envelope } from '../domain/envelope'
import { errorText } from './errors'

interface Ask {
  title: string
  content: string
  confirmText: string
}

/**
 * Asks first (what happens, in plain words), then runs; tells a failure in a dialog and success in a
 * toast. True when it was done.
 */
async function confirmThenRun(ask: Ask, run: () => Promise<Envelope<unknown>>, done: string): Promise<boolean> {
  const { confirm } = await Taro.showModal({ ...ask, cancelText: '不了' })
  if (!confirm) return false
  const r = await run().catch(() => null)
  if (!r?.ok) {
    await Taro.showModal({ title: '没有办成', content: errorText(r?.error), showCancel: false, confirmText: '知道了' })
    return false
  }
  void Taro.showToast({ title: done, icon: 'success' })
  return true
}

/** `confirmThenRun` for a page button: one at a time (`busy`), then `after()` (e.g. read again) when done. */
export function useConfirmed(after: () => void): { busy: boolean; run: (ask: Ask, call: () => Promise<Envelope<unknown>>, done: string) => Promise<void> } {
  const [busy, setBusy] = useState(false)
  const run = async (ask: Ask, call: () => Promise<Envelope<unknown>>, done: string) => {
    if (busy) return
    setBusy(true)
    const ok = await confirmThenRun(ask, call, done)
    setBusy(false)
    if (ok) after()
  }
  return { busy, run }
}
