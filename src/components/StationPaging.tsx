import { useCallback, useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { AppError, Envelope } from '../domain/envelope'
import type { Page } from '../domain/stations/station.schema'
import { errorText } from '../services/errors'
import './StationPaging.css'

export interface Paged<T, P extends Page<T> = Page<T>> {
  status: 'idle' | 'loading' | 'ok' | 'error'
  items: T[]
  /** The last page's reply (for totals and the like). */
  last: P | null
  next: number | null
  error: AppError | null
  more: 'idle' | 'loading' | 'error'
  moreError: AppError | null
}

const BAD_REPLY: AppError = { code: 'SYS.BAD_REPLY', message: '' }

/**
 * A list read page by page (`加载更多`). `reload()` starts again from the first page with the latest
 * `fetch`; an older answer never overwrites a newer one. With `auto: false` nothing is read until reload().
 */
export function usePaged<T, P extends Page<T> = Page<T>>(
  fetch: (cursor: number | null) => Promise<Envelope<P>>,
  opts: { auto?: boolean } = {},
): { state: Paged<T, P>; reload: () => void; loadMore: () => void } {
  const auto = opts.auto ?? true
  const [state, setState] = useState<Paged<T, P>>({ status: auto ? 'loading' : 'idle', items: [], last: null, next: null, error: null, more: 'idle', moreError: null })
  const seq = useRef(0)
  const fetchRef = useRef(fetch)
  fetchRef.current = fetch
  const stateRef = useRef(state)
  stateRef.current = state

  const reload = useCallback(() => {
    const mine = ++seq.current
    setState((s) => ({ ...s, status: 'loading', items: [], error: null, more: 'idle', moreError: null }))
    fetchRef.current(null).then(
      (reply) => {
        if (mine !== seq.current) return
        if (reply.ok) setState({ status: 'ok', items: reply.data.items, last: reply.data, next: reply.data.nextCursor, error: null, more: 'idle', moreError: null })
        else setState((s) => ({ ...s, status: 'error', error: reply.error }))
      },
      () => {
        if (mine === seq.current) setState((s) => ({ ...s, status: 'error', error: BAD_REPLY }))
      },
    )
  }, [])

  const loadMore = useCallback(() => {
    const s = stateRef.current
    if (s.status !== 'ok' || s.next === null || s.more === 'loading') return
    const mine = seq.current
    setState((x) => ({ ...x, more: 'loading', moreError: null }))
    fetchRef.current(s.next).then(
      (reply) => {
        if (mine !== seq.current) return
        if (reply.ok) setState((x) => ({ ...x, items: [...x.items, ...reply.data.items], last: reply.data, next: reply.data.nextCursor, more: 'idle' }))
        else setState((x) => ({ ...x, more: 'error', moreError: reply.error }))
      },
      () => {
        if (mine === seq.current) setState((x) => ({ ...x, more: 'error', moreError: BAD_REPLY }))
      },
    )
  }, [])

  useEffect(() => {
    if (auto) reload()
    return () => {
      seq.current++
    }
  }, [auto, reload])

  return { state, reload, loadMore }
}

/** 加载更多 under a list, or a plain "that is all" line. */
export function LoadMore<T>({ state, onMore, endText = '没有更多了' }: { state: Paged<T, Page<T>>; onMore: () => void; endText?: string }) {
  if (state.status !== 'ok' || state.items.length === 0) return null
  if (state.next === null) {
    return (
      <View className='load-more__end'>
        <Text>{endText}</Text>
      </View>
    )
  }
  return (
    <View className='load-more'>
      {state.more === 'error' && (
        <View className='load-more__error' role='alert'>
          <Text>{errorText(state.moreError)}</Text>
        </View>
      )}
      <Button className='big-button' block disabled={state.more === 'loading'} onClick={onMore}>
        {state.more === 'loading' ? '正在加载…' : state.more === 'error' ? '再试一次' : '加载更多'}
      </Button>
    </View>
  )
}
