import { useEffect, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'

/**
 * How many times the page has been shown. Call it in the page component itself: a hook registered
 * later (inside a gate that waits for the network) misses the first show.
 */
export function useShowCount(): number {
  const [shown, setShown] = useState(0)
  useDidShow(() => setShown((n) => n + 1))
  return shown
}

/** `reload()` each time the page is shown again after this component mounted (back from a detail page). */
export function useReloadOnShow(shown: number, reload: () => void): void {
  const atMount = useRef(shown)
  useEffect(() => {
    if (shown !== atMount.current) reload()
  }, [shown, reload])
}
