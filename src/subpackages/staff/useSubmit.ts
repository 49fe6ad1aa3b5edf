import { useCallback, useRef, useState } from 'react'
import type { Envelope } from '../../domain/envelope'

const BAD_REPLY = { ok: false, error: { code: 'SYS.BAD_REPLY', message: '' } } as const

/**
 * One change sent to the server at a time: `run()` while one is on its way does nothing and gives null,
 * so a second tap never sends the decision twice. A failed call becomes an error envelope.
 */
export function useSubmit(): { busy: boolean; run: <T>(send: () => Promise<Envelope<T>>) => Promise<Envelope<T> | null> } {
  const sending = useRef(false)
  const [busy, setBusy] = useState(false)
  const run = useCallback(async <T,>(send: () => Promise<Envelope<T>>): Promise<Envelope<T> | null> => {
    if (sending.current) return null
    sending.current = true
    setBusy(true)
    try {
      return await send().catch((): Envelope<T> => BAD_REPLY)
    } finally {
      sending.current = false
      setBusy(false)
    }
  }, [])
  return { busy, run }
}

/** Someone else decided first, or the record changed since it was read: show the news and read it again. */
export const isConflict = (code: string): boolean => code === 'REQUEST.ALREADY_DECIDED' || code === 'REQUEST.STALE'
