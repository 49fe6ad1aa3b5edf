// Calls of the `legalAid` cloud function (法律援助) and its page routes. Types only from the contract, so
// the main package (which imports the routes) does not pull in zod.
import type { Envelope } from '../domain/envelope'
import type {
  CaseDecisionInput,
  CaseQueueFilter,
  CaseReview,
  CaseRow,
  CaseView,
  CheckReply,
  DecisionReply,
  DraftReply,
  ExportReply,
  Page,
  RulesReply,
  SubmitReply,
} from '../domain/legal-aid/legal-aid.api'
import type { LegalAidDraft, LegalAidRequestInput } from '../domain/legal-aid/legal-aid.schema'
import type { LegalAidRules } from '../domain/legal-aid/legal-aid.rules'
import { callFunction } from './transport'

// ---- routes ----------------------------------------------------------------------------------------

/** 法律援助 for workers: start (hotline + my cases), the request wizard, one case. */
export const LEGAL_PAGE = '/subpackages/legal/pages/index/index'
export const LEGAL_APPLY_PAGE = '/subpackages/legal/pages/apply/index'
export const LEGAL_CASE_PAGE = '/subpackages/legal/pages/case/index'

export const STAFF_LEGAL_QUEUE_PAGE = '/subpackages/staff/pages/legal-queue/index'
export const STAFF_LEGAL_REVIEW_PAGE = '/subpackages/staff/pages/legal-review/index'
/** 法律援助规则: staff read the rule table, the admin changes it. */
export const STAFF_LEGAL_RULES_PAGE = '/subpackages/staff/pages/legal-rules/index'

// ---- the function ----------------------------------------------------------------------------------

const call = <T>(data: Record<string, unknown>) => callFunction<T>('legalAid', data)
const paged = (data: Record<string, unknown>, cursor: number | null) => (cursor ? { ...data, cursor } : data)

// worker

export const saveLegalDraft = (draft: LegalAidDraft): Promise<Envelope<DraftReply>> => call({ action: 'saveDraft', draft })

export const getLegalDraft = (): Promise<Envelope<DraftReply>> => call({ action: 'getDraft' })

export const checkLegalRequest = (request: LegalAidRequestInput): Promise<Envelope<CheckReply>> => call({ action: 'check', request })

export const submitLegalRequest = (key: string, request: LegalAidRequestInput): Promise<Envelope<SubmitReply>> => call({ action: 'submit', key, request })

export const myCases = (cursor: number | null = null): Promise<Envelope<Page<CaseView>>> => call(paged({ action: 'myCases' }, cursor))

export const caseDetail = (id: string): Promise<Envelope<CaseView>> => call({ action: 'caseDetail', id })

export const resubmitCase = (id: string, version: number, f: { addition?: string; evidenceFileIds?: string[] }): Promise<Envelope<SubmitReply>> =>
  call({
    action: 'resubmit',
    id,
    version,
    ...(f.addition?.trim() ? { addition: f.addition.trim() } : {}),
    ...(f.evidenceFileIds?.length ? { evidenceFileIds: f.evidenceFileIds } : {}),
  })

export const withdrawCase = (id: string, version: number): Promise<Envelope<DecisionReply>> => call({ action: 'withdraw', id, version })

// staff

export const caseQueue = (filter: CaseQueueFilter = 'review', cursor: number | null = null): Promise<Envelope<Page<CaseRow>>> =>
  call(paged({ action: 'queue', filter }, cursor))

export const caseReview = (id: string): Promise<Envelope<CaseReview>> => call({ action: 'review', id })

export const decideCase = (id: string, version: number, step: CaseDecisionInput): Promise<Envelope<DecisionReply>> => call({ action: 'decide', id, version, step })

export const revealApplicant = (id: string): Promise<Envelope<{ name: string; phone: string }>> => call({ action: 'revealApplicant', id })

export const exportCases = (year?: number): Promise<Envelope<ExportReply>> => call(year ? { action: 'exportCases', year } : { action: 'exportCases' })

export const legalRules = (): Promise<Envelope<RulesReply>> => call({ action: 'rules' })

export const saveLegalRules = (rules: LegalAidRules): Promise<Envelope<RulesReply>> => call({ action: 'saveRules', rules })
