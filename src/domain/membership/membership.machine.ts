/** The state machines of 入会 applications and 会籍接转 (RULES.md §1, §5). */
import { defineMachine } from '../requests/state-machine'
import type { ApplicationState, TransferState } from './membership.constants'

export type ApplicationAction = 'ask' | 'resubmit' | 'approve' | 'reject' | 'withdraw' | 'reassign'

/**
 * submitted → (needs_info ↔ submitted) → approved / rejected; the worker may withdraw before a decision.
 * `reassign` keeps the state and moves the application to another union (misrouted).
 */
export const applicationMachine = defineMachine<ApplicationState, ApplicationAction>({
  name: 'membershipApplication',
  initial: 'submitted',
  finals: ['approved', 'rejected', 'withdrawn'],
  transitions: [
    { action: 'ask', from: ['submitted'], to: 'needs_info', by: ['grassroots', 'federation'], reason: 'required' },
    { action: 'resubmit', from: ['needs_info'], to: 'submitted', by: ['owner'] },
    { action: 'approve', from: ['submitted'], to: 'approved', by: ['grassroots', 'federation'] },
    { action: 'reject', from: ['submitted', 'needs_info'], to: 'rejected', by: ['grassroots', 'federation'], reason: 'required' },
    { action: 'withdraw', from: ['submitted', 'needs_info'], to: 'withdrawn', by: ['owner'] },
    { action: 'reassign', from: ['submitted'], to: 'submitted', by: ['grassroots', 'federation'], reason: 'optional' },
  ],
})

export type TransferAction = 'accept' | 'reject' | 'withdraw'

/** requested → accepted (by the receiving union) / rejected; the worker may withdraw before. */
export const transferMachine = defineMachine<TransferState, TransferAction>({
  name: 'membershipTransfer',
  initial: 'requested',
  finals: ['accepted', 'rejected', 'withdrawn'],
  transitions: [
    { action: 'accept', from: ['requested'], to: 'accepted', by: ['grassroots', 'federation'] },
    { action: 'reject', from: ['requested'], to: 'rejected', by: ['grassroots', 'federation'], reason: 'required' },
    { action: 'withdraw', from: ['requested'], to: 'withdrawn', by: ['owner'] },
  ],
})
