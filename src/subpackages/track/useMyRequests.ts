import { useCallback, useEffect, useRef, useState } from 'react'
import type { AppError } from '../../domain/envelope'
import type { ListReply, MyRequestRow, ServerDraftView } from '../../domain/requests/my-requests.api'
import { myRequests } from '../../services/my-requests'

export interface MyList {
  status: 'loading' | 'ok' | 'error'
  items: MyRequestRow[]
  /** From the first page: everything waiting for the worker. */
  todo: MyRequestRow[]
  draft: ServerDraftView | null
  next: number | null
  error: AppError | null
  more: 'idle' | 'loading' | 'error'
  moreError: AppError | null
}

const BAD_REPLY: AppError = { code: 'SYS.BAD_REPLY', message: '' }
const EMPTY: MyList = { status: 'loading', items: [], todo: [], draft: null, next: null, error: null, more: 'idle', moreError: null }

/**
 * 我的办理's list, page by page. `refresh()` reads the first page again quietly: what is on screen stays
 * while it reads, and stays if that read fails (a weak network must not blank the list); `reload()` shows
 * loading (重试). An older answer never overwrites a newer one.
 */
export function useMyRequests() {
  const [state, setState] = useState<MyList>(EMPTY)
  const seq = useRef(0)
  const stateRef = useRef(state)
  stateRef.current = state

  const read = useCallback((quiet: boolean): Promise<void> => {
    const mine = ++seq.current
    if (!quiet) setState(EMPTY)
    const failed = (error: AppError) => setState((s) => (quiet && s.status === 'ok' ? s : { ...EMPTY, status: 'error', error }))
    return myRequests(null).then(
      (r) => {
        if (mine !== seq.current) return
        if (r.ok) setState(firstPage(r.data))
        else failed(r.error)
      },
      () => {
        if (mine === seq.current) failed(BAD_REPLY)
      },
    )
  }, [])

  const reload = useCallback(() => void read(false), [read])
  const refresh = useCallback(() => read(true), [read])

  const loadMore = useCallback(() => {
    const s = stateRef.current
    if (s.status !== 'ok' || s.next === null || s.more === 'loading') return
    const mine = seq.current
    setState((x) => ({ ...x, more: 'loading', moreError: null }))
    myRequests(s.next).then(
      (r) => {
        if (mine !== seq.current) return
        if (r.ok) setState((x) => ({ ...x, items: [...x.items, ...r.data.items], next: r.data.nextCursor, more: 'idle' }))
        else setState((x) => ({ ...x, more: 'error', moreError: r.error }))
      },
      () => {
        if (mine === seq.current) setState((x) => ({ ...x, more: 'error', moreError: BAD_REPLY }))
      },
    )
  }, [])

  useEffect(() => {
    reload()
    return () => {
      seq.current++
    }
  }, [reload])

  return { state, reload, refresh, loadMore }
}

const firstPage = (d: ListReply): MyList => ({ status: 'ok', items: d.items, todo: d.todo, draft: d.draft, next: d.nextCursor, error: null, more: 'idle', moreError: null })
