import { useCallback, useEffect, useRef, useState } from 'react'
import { joinDrafts } from './form'

/**
 * Form state kept on the phone under `name` from the first change on, so a closed app or a lost network
 * loses nothing; `restore` turns what was saved (or null) into the form. `clear()` once it is sent.
 */
export function useDraft<T>(name: string, restore: (saved: Partial<T> | null) => T) {
  const [saved] = useState(() => joinDrafts.load<Partial<T>>(name))
  const [value, setValue] = useState<T>(() => restore(saved))
  const first = useRef(value)
  const cleared = useRef(false)

  useEffect(() => {
    if (value !== first.current && !cleared.current) joinDrafts.save(name, value)
  }, [name, value])

  const clear = useCallback(() => {
    cleared.current = true
    joinDrafts.clear(name)
  }, [name])

  return { value, setValue, restored: saved !== null, clear }
}
