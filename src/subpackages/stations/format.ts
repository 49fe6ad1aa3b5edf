// Times as people in the county read them (China time, whatever the phone's zone).
const CHINA_OFFSET_MS = 8 * 3600_000

/** ISO moment → `11月25日 15:30`. */
export function chinaTime(iso: string): string {
  const d = new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString()
  return `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日 ${d.slice(11, 16)}`
}

/** Closure time `2026-12-01T08:00` (already China time) → `12月1日 08:00`. */
export function localMinuteText(local: string): string {
  return `${Number(local.slice(5, 7))}月${Number(local.slice(8, 10))}日 ${local.slice(11, 16)}`
}

/** A page parameter as text: weapp passes it still encoded, h5 already decoded. */
export function paramText(value: string | undefined): string {
  if (!value) return ''
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
