import { useCallback, useEffect, useRef } from 'react'
import type { LegalAidDraft } from '../../../../domain/legal-aid/legal-aid.schema'
import { canonicalJson } from '../../../../domain/requests/idempotency-key'
import { saveLegalDraft } from '../../../../services/legal-aid'

/** While typing, the server copy is brought up to date at most this often. */
export const SAVE_EVERY_MS = 20_000

/**
 * The server's copy of the wizard (saveDraft), so a changed or cleared phone loses nothing: saved at
 * most every SAVE_EVERY_MS while the worker types, at once with `saveNow` (leaving a step) and when the
 * page closes; only what changed since the last save that got through. A failed save is quiet: the phone
 * keeps the draft and the next change tries again. `stop()` once the request is sent (the server deletes
 * its copy then). `held`: what the server is known to hold (null: not known, so it is saved soon).
 */
export function useServerDraft(draft: LegalAidDraft, held: LegalAidDraft | null) {
  const latest = useRef(draft)
  latest.current = draft
  const saved = useRef<string | null>(held ? canonicalJson(held) : null)
  const sending = useRef<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const stopped = useRef(false)

  const saveNow = useCallback((body: LegalAidDraft = latest.current) => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    const fingerprint = canonicalJson(body)
    if (stopped.current || fingerprint === saved.current || fingerprint === sending.current) return
    sending.current = fingerprint
    saveLegalDraft(body).then(
      (r) => {
        if (r.ok) saved.current = fingerprint
      },
      () => undefined,
    ).finally(() => {
      if (sending.current === fingerprint) sending.current = null
    })
  }, [])

  const fingerprint = canonicalJson(draft)
  useEffect(() => {
    if (stopped.current || timer.current || fingerprint === saved.current) return
    timer.current = setTimeout(() => {
      timer.current = null
      saveNow()
    }, SAVE_EVERY_MS)
  }, [fingerprint, saveNow])

  // leaving the page (back, closing the mini-program)
  useEffect(() => () => saveNow(), [saveNow])

  const stop = useCallback(() => {
    stopped.current = true
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }, [])

  return { saveNow, stop }
}
