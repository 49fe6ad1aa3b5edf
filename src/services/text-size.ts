// 字大一点 (docs/decisions/0009-large-text.md): the person's text size, kept on the phone. Until they
// choose, weapp follows WeChat's own font size setting (我 → 设置 → 通用 → 字体大小).
import { useCallback, useSyncExternalStore } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'

export type TextSize = 'standard' | 'large' | 'largest'

export interface TextSizeOption {
  code: TextSize
  label: string
  /** Multiplies every font size (--text-scale in src/styles/theme.css). */
  scale: number
  /** The class on the page root. */
  className: string
}

export const TEXT_SIZES: readonly TextSizeOption[] = [
  { code: 'standard', label: '标准', scale: 1, className: '' },
  { code: 'large', label: '大', scale: 1.2, className: 'text-large' },
  { code: 'largest', label: '特大', scale: 1.4, className: 'text-largest' },
]

export const TEXT_SIZE_KEY = 'ui:text-size'

const isTextSize = (v: unknown): v is TextSize => v === 'standard' || v === 'large' || v === 'largest'

/**
 * WeChat's font size (px) as one of ours. Standard is 17 px on iOS and 16 px on Android; 关怀模式 is
 * about 1.4× (23.8 px on iOS). A larger step counts as 大 from about 1.15×, 特大 from 1.3×.
 */
export function sizeForWeChatFont(fontSizeSetting: number | undefined, platform = '', scaleFactor?: number): TextSize {
  const standard = platform.toLowerCase() === 'android' ? 16 : 17
  const scale = scaleFactor && scaleFactor > 0 ? scaleFactor : fontSizeSetting && fontSizeSetting > 0 ? fontSizeSetting / standard : 1
  if (scale >= 1.3) return 'largest'
  if (scale >= 1.15) return 'large'
  return 'standard'
}

/** What the person picked on 我的, or null when they never did. */
export function chosenTextSize(): TextSize | null {
  try {
    const v: unknown = Taro.getStorageSync(TEXT_SIZE_KEY)
    return isTextSize(v) ? v : null
  } catch {
    return null
  }
}

/** WeChat's setting (weapp only; h5 has no such setting: the browser's own zoom applies). */
export function followedTextSize(): TextSize {
  if (process.env.TARO_ENV !== 'weapp') return 'standard'
  try {
    const info = Taro.getSystemInfoSync() as { fontSizeSetting?: number; platform?: string; fontSizeScaleFactor?: number }
    return sizeForWeChatFont(info.fontSizeSetting, info.platform, info.fontSizeScaleFactor)
  } catch {
    return 'standard'
  }
}

const read = (): TextSize => chosenTextSize() ?? followedTextSize()

// One value for every open page (they share one JS context), refreshed when a page shows.
let current: TextSize | null = null
const listeners = new Set<() => void>()
const notify = () => listeners.forEach((l) => l())

function snapshot(): TextSize {
  if (current === null) current = read()
  return current
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** Reads the choice again (another page may have changed it; WeChat's setting may have changed). */
export function refreshTextSize(): void {
  const next = read()
  if (next !== current) {
    current = next
    notify()
  }
}

/** Saves the person's choice at once and applies it to every open page. */
export function chooseTextSize(size: TextSize): void {
  try {
    Taro.setStorageSync(TEXT_SIZE_KEY, size)
  } catch {
    // storage full: the choice still applies until the app closes
  }
  current = size
  notify()
}

export const textSizeOption = (size: TextSize): TextSizeOption => TEXT_SIZES.find((o) => o.code === size) ?? TEXT_SIZES[0]

/** For a page: the size, the class for the page root (`page … ${textClass}`), and a way to change it. */
export function useTextSize(): { size: TextSize; textClass: string; choose(size: TextSize): void } {
  const size = useSyncExternalStore(subscribe, snapshot, snapshot)
  useDidShow(refreshTextSize)
  const choose = useCallback((s: TextSize) => chooseTextSize(s), [])
  return { size, textClass: textSizeOption(size).className, choose }
}

/** `page …` plus the text size class, for the root View of a worker page. */
export const pageClass = (base: string, textClass: string): string => (textClass ? `${base} ${textClass}` : base)
