/**
 * What the areas' subscribe messages need besides `outboxItem` (issue 9): short words for what a worker
 * is asked to add and why something was refused. Every message goes to the applicant only.
 */
import { INFO_ITEM_LABELS as MEMBERSHIP_INFO, TRANSFER_REJECT_REASONS } from '../../src/domain/membership/membership.constants'
import { INFO_ITEM_LABELS as LEGAL_INFO } from '../../src/domain/legal-aid/legal-aid.constants'
import { CLAIM_REJECT_REASONS, DOC_KIND_LABELS } from '../../src/domain/mutual-aid/mutual-aid.constants'

export { outboxItem } from './outbox'
export { replyBy } from '../../src/domain/notify/templates'

/** A label without its explanation in brackets: 单位的全称（看工牌…） → 单位的全称. */
export const shortLabel = (label: string): string => label.split(/[（(]/)[0].trim()

const listOf = (labels: Record<string, string>, codes: readonly string[], none: string) => {
  const words = [...new Set(codes.map((c) => labels[c]).filter(Boolean).map(shortLabel))]
  return words.length ? words.join('、') : none
}

const NONE = '打开小程序看要补什么'

/** What an 入会 application must add. */
export const membershipAsked = (codes: readonly string[]): string => listOf(MEMBERSHIP_INFO, codes, NONE)
/** What a 法律援助 request must add. */
export const legalAsked = (codes: readonly string[]): string => listOf(LEGAL_INFO, codes, NONE)
/** Which documents a 互助保障 claim must add. */
export const aidAsked = (codes: readonly string[]): string => listOf(DOC_KIND_LABELS, codes, NONE)

export const transferRejectText = (code: string | null | undefined): string => shortLabel(TRANSFER_REJECT_REASONS.find((r) => r.code === code)?.label ?? '') || '打开小程序看原因'
export const claimRejectText = (code: string | null | undefined): string => shortLabel(CLAIM_REJECT_REASONS.find((r) => r.code === code)?.label ?? '') || '打开小程序看原因'

/** The note of a "needs info" message. */
export const ASK_NOTE = '需补充材料，补齐后工会接着办'
