import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import type { AppError } from '../domain/envelope'
import { getMe, type Me } from './session'

export type MeState =
  | { status: 'loading' }
  | { status: 'ok'; me: Me }
  | { status: 'error'; error: AppError }

/**
 * Loads `session/me` on mount; `reload()` asks again (the 重试 button). Coming back to the page refreshes
 * quietly (no skeleton; a failure keeps what is shown), so a role granted or revoked meanwhile shows.
 */
export function useMe(): { state: MeState; reload: () => void } {
  const [state, setState] = useState<MeState>({ status: 'loading' })
  const seq = useRef(0)

  const reload = useCallback(() => {
    const mine = ++seq.current
    setState({ status: 'loading' })
    getMe().then(
      (reply) => {
        if (mine !== seq.current) return
        setState(reply.ok ? { status: 'ok', me: reply.data } : { status: 'error', error: reply.error })
      },
      () => {
        if (mine !== seq.current) return
        setState({ status: 'error', error: { code: 'SYS.BAD_REPLY', message: '' } })
      },
    )
  }, [])

  useEffect(() => {
    reload()
    return () => {
      seq.current++
    }
  }, [reload])

  const shownBefore = useRef(false)
  useDidShow(() => {
    if (!shownBefore.current) {
      shownBefore.current = true
      return
    }
    const mine = ++seq.current
    getMe().then(
      (reply) => {
        if (mine === seq.current && reply.ok) setState({ status: 'ok', me: reply.data })
      },
      () => undefined,
    )
  })

  return { state, reload }
}
