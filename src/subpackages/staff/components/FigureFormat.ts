// How the 数据 pages write numbers: counts and yuan with thousands separators, days as 11月22日.
import { dateLabel } from '../../../domain/calendar/working-days'
import { yuan } from '../../../domain/mutual-aid/mutual-aid.rules'
import type { FIGURE_LINES, YearFigures } from '../../../domain/workspace/figures.rules'
import { chinaTime } from '../format'

export type FigureLine = (typeof FIGURE_LINES)[number]

/** 1234567 → 1,234,567 */
export const grouped = (n: number): string => `${n < 0 ? '-' : ''}${String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`

/** Money lines are kept in fen: shown as yuan (1,234,567.89 元); the others as a count and unit. */
export const isMoney = (line: FigureLine): boolean => line.key.endsWith('Fen')

export const figureText = (line: FigureLine, figures: YearFigures): string => {
  const v = figures[line.key]
  return isMoney(line) ? yuan(v) : `${grouped(v)} ${line.unit}`
}

/**
 * A record's day: 2026-03-05 → 3月5日 (this year) or 2025年3月5日, also inside a range (… 至 …); a moment
 * (2026-03-05T06:20:00Z) → 3月5日 14:20.
 */
export function dayText(date: string, now = new Date()): string {
  if (/^\d{4}-\d{2}-\d{2}T/.test(date) && !Number.isNaN(Date.parse(date))) return chinaTime(date)
  return date.replace(/\d{4}-\d{2}-\d{2}/g, (d) => dateLabel(d, now))
}
