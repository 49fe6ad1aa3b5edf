import { useCallback, useEffect, useRef, useState } from 'react'
import type { AppError, Envelope } from '../../domain/envelope'

export type ReplyState<T> = { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; error: AppError }

/** One backend read for a page, with `reload()` for 重试; an older answer never overwrites a newer one. */
export function useReply<T>(fetch: () => Promise<Envelope<T>>): { state: ReplyState<T>; reload: () => void } {
  const [state, setState] = useState<ReplyState<T>>({ status: 'loading' })
  const seq = useRef(0)
  const fetchRef = useRef(fetch)
  fetchRef.current = fetch

  const reload = useCallback(() => {
    const mine = ++seq.current
    setState({ status: 'loading' })
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
    reload()
    return () => {
      seq.current++
    }
  }, [reload])

  return { state, reload }
}
