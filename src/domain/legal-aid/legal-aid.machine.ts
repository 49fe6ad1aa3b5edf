/** The state machine of a 法律援助 case (RULES.md §2, §5). */
import { defineMachine } from '../requests/state-machine'
import type { CaseState } from './legal-aid.constants'

export type CaseAction = 'startReview' | 'ask' | 'resubmit' | 'accept' | 'decline' | 'withdraw' | 'handover' | 'assign' | 'progress' | 'close'

const STAFF = ['grassroots', 'federation'] as const

/**
 * submitted → under_review (staff start the review) → accepted / declined (coded reason + referral).
 * Staff may ask for information (coded items) before deciding: needs_info → the worker resubmits →
 * under_review (the review resumes; the waiting time is not counted, legal-aid.rules.ts `reviewDeadline`).
 * A fast-track case may be accepted or declined straight from submitted (same-day review).
 * `accept` may name the helper at once (accept + assign in one tap); `assign` names or changes it later.
 * accepted → in_progress with the first progress note; → closed with the outcome (from accepted too: a
 * quick mediation). `handover` moves the case to another union and keeps it open: an undecided case goes
 * back to submitted (the receiving union reviews it), an accepted one to accepted (it assigns its own
 * helper). The worker may withdraw before acceptance; afterwards staff close with outcome `withdrawn`.
 */
export const caseMachine = defineMachine<CaseState, CaseAction>({
  name: 'legalAidCase',
  initial: 'submitted',
  finals: ['closed', 'declined', 'withdrawn'],
  transitions: [
    { action: 'startReview', from: ['submitted'], to: 'under_review', by: STAFF },
    { action: 'ask', from: ['submitted', 'under_review'], to: 'needs_info', by: STAFF, reason: 'required' },
    { action: 'resubmit', from: ['needs_info'], to: 'under_review', by: ['owner'] },
    { action: 'accept', from: ['submitted', 'under_review'], to: 'accepted', by: STAFF, reason: 'optional' },
    { action: 'decline', from: ['submitted', 'under_review', 'needs_info'], to: 'declined', by: STAFF, reason: 'required' },
    { action: 'withdraw', from: ['submitted', 'under_review', 'needs_info'], to: 'withdrawn', by: ['owner'] },
    { action: 'handover', from: ['submitted', 'under_review'], to: 'submitted', by: STAFF, reason: 'optional' },
    { action: 'handover', from: ['accepted', 'in_progress'], to: 'accepted', by: STAFF, reason: 'optional' },
    { action: 'assign', from: ['accepted'], to: 'accepted', by: STAFF },
    { action: 'assign', from: ['in_progress'], to: 'in_progress', by: STAFF },
    { action: 'progress', from: ['accepted', 'in_progress'], to: 'in_progress', by: STAFF },
    { action: 'close', from: ['accepted', 'in_progress'], to: 'closed', by: STAFF, reason: 'optional' },
  ],
})
