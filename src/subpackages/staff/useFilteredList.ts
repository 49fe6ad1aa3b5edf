import { useRef, useState } from 'react'
import type { Envelope } from '../../domain/envelope'
import type { Page } from '../../domain/membership/membership.schema'
import { usePaged } from '../../components/StationPaging'

/**
 * A paged list behind a filter (a tab, a search): `setFilter()` reads its first page again, also for
 * the same filter (a second tap on 查找 refreshes).
 */
export function useFilteredList<F, T, P extends Page<T> = Page<T>>(first: F, fetch: (filter: F, cursor: number | null) => Promise<Envelope<P>>, opts: { auto?: boolean } = {}) {
  const [filter, setState] = useState<F>(first)
  const filterRef = useRef<F>(first)
  const paged = usePaged<T, P>((cursor) => fetch(filterRef.current, cursor), opts)
  const setFilter = (f: F) => {
    filterRef.current = f
    setState(f)
    paged.reload()
  }
  return { filter, setFilter, ...paged }
}
