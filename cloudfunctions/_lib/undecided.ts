/**
 * The fields of a new request that nothing has decided yet, one set per record type: what each submit
 * writes (membership apply, legalAid submit, mutualAid submit) and what the demo year seeds (emulator/
 * runtime/seed-year.ts). No I/O here: the runtime imports it without the cloud SDK.
 */
import type { LegalCaseRecord } from './legal-aid.repo'
import type { ApplicationRecord } from './membership.repo'
import type { ClaimRecord } from './mutual-aid.repo'

/** 入会 application. */
export function undecidedApplication(): Pick<ApplicationRecord, 'reassigned' | 'askedItems' | 'askNote' | 'rejectReason' | 'rejectNote' | 'proofFileIds' | 'steps' | 'memberNo'> {
  return { reassigned: false, askedItems: [], askNote: null, rejectReason: null, rejectNote: null, proofFileIds: [], steps: [], memberNo: null }
}

/** 法律援助 case (`reviewStart` is the caller's). */
export function undecidedCase(): Pick<LegalCaseRecord, 'askedItems' | 'askNote' | 'decline' | 'helpForms' | 'helper' | 'acceptedAt' | 'assignedAt' | 'assignStart' | 'outcome' | 'closedAt' | 'closedYear' | 'steps'> {
  return { askedItems: [], askNote: null, decline: null, helpForms: [], helper: null, acceptedAt: null, assignedAt: null, assignStart: null, outcome: null, closedAt: null, closedYear: null, steps: [] }
}

/** 互助保障 claim. */
export function undecidedClaim(): Pick<ClaimRecord, 'askedDocuments' | 'askNote' | 'approvedFen' | 'approvedSteps' | 'overrideReason' | 'overrideNote' | 'rejectReason' | 'rejectNote' | 'paymentRef' | 'paidDate' | 'paidFen' | 'steps'> {
  return {
    askedDocuments: [],
    askNote: null,
    approvedFen: null,
    approvedSteps: [],
    overrideReason: null,
    overrideNote: null,
    rejectReason: null,
    rejectNote: null,
    paymentRef: null,
    paidDate: null,
    paidFen: null,
    steps: [],
  }
}
