import type { AppError } from '../domain/envelope'
import { getMe, type Me } from './session'
import { useReply } from './useReply'

export type MeState =
  | { status: 'loading' }
  | { status: 'ok'; me: Me }
  | { status: 'error'; error: AppError }

/**
 * Loads `session/me` on mount; `reload()` asks again (the 重试 button). Coming back to the page refreshes
 * quietly (no skeleton; a failure keeps what is shown), so a role granted or revoked meanwhile shows.
 */
export function useMe(): { state: MeState; reload: () => void } {
  const { state, reload } = useReply(getMe, { refreshOnShow: true })
  return { state: state.status === 'ok' ? { status: 'ok', me: state.data } : state, reload }
}
