// Words and numbers of the 互助保障 pages: dates, amounts, what a claim's date is called.
import type { ClaimView } from '../../domain/mutual-aid/mutual-aid.api'
import type { ClaimState, PlanKind } from '../../domain/mutual-aid/mutual-aid.constants'
import { yuan } from '../../domain/mutual-aid/mutual-aid.rules'
import { dateLabel } from '../../domain/calendar/working-days'
import { draftStore } from '../../services/drafts'

export { yuan }

/** Drafts of the 互助保障 pages (the claim wizard, documents asked for later). */
export const aidDrafts = draftStore('aid:draft:')

/** 2026-03-05 → 2026年3月5日 (the whole date: these pages span years). */
export const fullDate = (date: string): string => dateLabel(date)

/** What the event date of a claim is, per plan kind. */
export const EVENT_DATE_LABEL: Record<PlanKind, string> = {
  inpatient: '入院日期',
  critical_illness: '确诊日期',
  accident: '出事日期',
  female_special: '确诊日期',
}

export const STATE_ICON: Record<ClaimState, string> = {
  submitted: '⏳',
  grassroots_checked: '⏳',
  needs_docs: '📝',
  approved: '👍',
  paid: '🎉',
  rejected: '⛔',
  withdrawn: '↩️',
}

export const STATE_TONE: Record<ClaimState, string> = {
  submitted: '',
  grassroots_checked: '',
  needs_docs: 'state--bad',
  approved: 'state--good',
  paid: 'state--good',
  rejected: 'state--bad',
  withdrawn: '',
}

/** The last 4 digits of the card (the reply may carry them bare or as "尾号 1111"). */
export const cardTail = (bankCardTail: string): string => bankCardTail.replace(/\D/g, '').slice(-4)

/** 已打款 4,275 元（尾号 1111 的银行卡，3月5日）. */
export function paidLine(c: Pick<ClaimView, 'payment' | 'bankCardTail'>, now: Date = new Date()): string | null {
  if (!c.payment) return null
  const tail = cardTail(c.bankCardTail)
  return `已打款 ${yuan(c.payment.amountFen)}（${tail ? `尾号 ${tail} 的银行卡，` : ''}${dateLabel(c.payment.paidDate, now)}）`
}

/** The one amount a list row shows: paid, approved, or computed when submitted. */
export function amountLine(c: Pick<ClaimView, 'state' | 'computedFen' | 'approvedFen' | 'payment'>): string | null {
  if (c.payment) return `已打款 ${yuan(c.payment.amountFen)}`
  if (c.state === 'rejected' || c.state === 'withdrawn') return null
  if (c.approvedFen !== null) return `批准补助 ${yuan(c.approvedFen)}`
  return `算出来能补助 ${yuan(c.computedFen)}`
}
