import { useCallback, useEffect, useRef, useState } from 'react'
import type { AppError, Envelope } from '../../domain/envelope'

export type ReplyState<T> = { status: 'idle' } | { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; error: AppError }

/**
 * One backend read for a page: its state and `reload()` (for 重试 and after a change). `auto: false`
 * waits for the first reload() call. An older answer never overwrites a newer one.
 */
export function useReply<T>(fetch: () => Promise<Envelope<T>>, opts: { auto?: boolean } = {}): { state: ReplyState<T>; reload: () => void } {
  const auto = opts.auto ?? true
  const [state, setState] = useState<ReplyState<T>>(auto ? { status: 'loading' } : { status: 'idle' })
  const seq = useRef(0)
  const fetchRef = useRef(fetch)
  fetchRef.current = fetch

  const reload = useCallback(() => {
    const mine = ++seq.current
    setState((s) => (s.status === 'ok' ? s : { status: 'loading' }))
    fetchRef.current().then(
      (reply) => {
        if (mine === seq.current) setState(reply.ok ? { status: 'ok', data: reply.data } : { status: 'error', error: reply.error })
      },
      () => {
        if (mine === seq.current) setState({ status: 'error', error: { code: 'SYS.BAD_REPLY', message: '' } })
      },
    )
  }, [])

  useEffect(() => {
    if (auto) reload()
    return () => {
      seq.current++
    }
  }, [auto, reload])

  return { state, reload }
}
