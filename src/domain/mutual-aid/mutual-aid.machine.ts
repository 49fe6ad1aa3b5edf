/** The state machine of a 互助保障 claim (RULES.md §3 two-step decision, §5). */
import { defineMachine } from '../requests/state-machine'
import type { ClaimState } from './mutual-aid.constants'

export type ClaimAction = 'check' | 'ask' | 'resubmit' | 'approve' | 'override' | 'reject' | 'markPaid' | 'withdraw'

/**
 * submitted → grassroots_checked (the grassroots union checked the file) → approved (the federation
 * approves the computed amount, or `override`s it with a required coded reason) → paid (with a payment
 * reference; admin acts as federation). Either step may ask for documents (needs_docs → the worker
 * resubmits → submitted, checked again) or reject with a coded reason. The worker may withdraw until the
 * federation decides. Approval books the ledger in the same transaction (mutual-aid.rules.ts).
 */
export const claimMachine = defineMachine<ClaimState, ClaimAction>({
  name: 'mutualAidClaim',
  initial: 'submitted',
  finals: ['paid', 'rejected', 'withdrawn'],
  transitions: [
    // The federation checks files itself when the member's union has no staff in the system.
    { action: 'check', from: ['submitted'], to: 'grassroots_checked', by: ['grassroots', 'federation'], reason: 'optional' },
    { action: 'ask', from: ['submitted', 'grassroots_checked'], to: 'needs_docs', by: ['grassroots', 'federation'], reason: 'required' },
    { action: 'resubmit', from: ['needs_docs'], to: 'submitted', by: ['owner'] },
    { action: 'approve', from: ['grassroots_checked'], to: 'approved', by: ['federation'], reason: 'optional' },
    { action: 'override', from: ['grassroots_checked'], to: 'approved', by: ['federation'], reason: 'required' },
    { action: 'reject', from: ['submitted', 'grassroots_checked', 'needs_docs'], to: 'rejected', by: ['grassroots', 'federation'], reason: 'required' },
    { action: 'markPaid', from: ['approved'], to: 'paid', by: ['federation'] },
    { action: 'withdraw', from: ['submitted', 'grassroots_checked', 'needs_docs'], to: 'withdrawn', by: ['owner'] },
  ],
})
