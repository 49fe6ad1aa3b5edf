import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import type { AppError, Envelope } from '../domain/envelope'

export type ReplyState<T> = { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; error: AppError }

const BAD_REPLY: AppError = { code: 'SYS.BAD_REPLY', message: '' }

/**
 * One backend read for a page: `reload()` for 重试 (shows loading), `refresh()` reads again quietly (what is
 * shown stays if that read fails). An older answer never overwrites a newer one. With `refreshOnShow`,
 * coming back to the page refreshes.
 */
export function useReply<T>(
  fetch: () => Promise<Envelope<T>>,
  opts: { refreshOnShow?: boolean } = {},
): { state: ReplyState<T>; reload: () => void; refresh: () => void } {
  const [state, setState] = useState<ReplyState<T>>({ status: 'loading' })
  const seq = useRef(0)
  const fetchRef = useRef(fetch)
  fetchRef.current = fetch

  const read = useCallback((quiet: boolean) => {
    const mine = ++seq.current
    if (!quiet) setState({ status: 'loading' })
    const failed = (error: AppError) => setState((s) => (quiet && s.status === 'ok' ? s : { status: 'error', error }))
    fetchRef.current().then(
      (reply) => {
        if (mine !== seq.current) return
        if (reply.ok) setState({ status: 'ok', data: reply.data })
        else failed(reply.error)
      },
      () => {
        if (mine === seq.current) failed(BAD_REPLY)
      },
    )
  }, [])
  const reload = useCallback(() => read(false), [read])
  const refresh = useCallback(() => read(true), [read])

  useEffect(() => {
    reload()
    return () => {
      seq.current++
    }
  }, [reload])

  const shownBefore = useRef(false)
  const refreshOnShow = opts.refreshOnShow ?? false
  useDidShow(() => {
    if (!shownBefore.current) {
      shownBefore.current = true
      return
    }
    if (refreshOnShow) refresh()
  })

  return { state, reload, refresh }
}
