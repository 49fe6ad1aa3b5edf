import { useCallback, useEffect, useRef, useState } from 'react'
import type { DraftStore } from './drafts'

/**
 * Form state kept on the phone in `store` under `name` from the first change on, so a closed app or a
 * lost network loses nothing; `restore` turns what was saved (or null) into the form. `clear()` once it
 * is sent.
 */
export function useDraft<T>(store: DraftStore, name: string, restore: (saved: Partial<T> | null) => T) {
  const [saved] = useState(() => store.load<Partial<T>>(name))
  const [value, setValue] = useState<T>(() => restore(saved))
  const first = useRef(value)
  const cleared = useRef(false)

  useEffect(() => {
    if (value !== first.current && !cleared.current) store.save(name, value)
  }, [store, name, value])

  const clear = useCallback(() => {
    cleared.current = true
    store.clear(name)
  }, [store, name])

  return { value, setValue, restored: saved !== null, clear }
}
