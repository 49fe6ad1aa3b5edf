/** Authorization matrix rows of the `legalAid` function, plus the helpers the 法律援助 tests share. */
import { CALLERS, type CallerKey, type MatrixContext, type MatrixRow } from '../support/matrix'
import { becomeMember, must, recordingClient, type Call } from './membership.matrix'
import { newIdempotencyKey } from '../../src/domain/requests/idempotency'
import { addDays, shanghaiDate } from '../../src/domain/calendar/working-days'
import { DEMO_LEGAL_AID_RULES } from '../../src/domain/legal-aid/legal-aid.rules'
import type { TestRuntime } from '../support/runtime'

export const ORG_X = 'org-fengda'
export const ORG_Y = 'org-school'
export const ROOT = 'org-fed'

export const today = () => shanghaiDate(new Date())
export const ago = (days: number) => addDays(today(), -days)

/** Calls through the test runtime, keeping every reply; `call` calls `legalAid`; `leaks()` lists ID, card and phone numbers in replies and function logs. */
export const legalClient = (rt: () => TestRuntime) => recordingClient(rt, 'legalAid')

let employers = 0
/** A new employer name every call (one open case per worker, dispute type and employer). */
export const employerName = () => `上海宏达建筑劳务第${++employers}分公司`

/**
 * The wizard's request of a migrant worker who left a Shanghai building site a month ago and is owed
 * 12,000 元 in wages (unless patched).
 */
export function wageRequest(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    disputeType: 'wages',
    employer: { name: employerName(), address: '上海市浦东新区川沙路工地' },
    dates: { entryDate: ago(200), lastPayDate: ago(120), terminationDate: ago(30) },
    stillEmployed: false,
    wants: ['unpaid_wages'],
    amount: '12000',
    workersAffected: 1,
    migrant: true,
    facts: '我在工地干了五个多月，老板一直拖着不发工资，说工程款还没到。',
    evidenceFileIds: [],
    ...patch,
  }
}

export const submitEvent = (request: Record<string, unknown>, key = newIdempotencyKey()) => ({ action: 'submit', key, request })

/** A helper the union names (a landline duty number: a reply shows it in full to the worker). */
export const HELPER = { kind: 'lawyer', name: '周志刚', phone: '0793-2612351', org: '江西广信律师事务所' }

/** `openid` submits a request; returns the case id and version. */
export async function caseOf(call: Call, openid: string, patch: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  const d = must(await call(openid, 'legalAid', submitEvent(wageRequest(patch))), 'submit')
  return { id: d.id as string, version: d.version as number }
}

/** One staff step on a case; returns the new version. */
export async function stepOf(call: Call, openid: string, c: { id: string; version: number }, step: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const d = must(await call(openid, 'legalAid', { action: 'decide', id: c.id, version: c.version, step }), `decide ${String(step.decision)}`)
  return { id: c.id, version: d.version as number }
}

// ---------------------------------------------------------------------------------------------------

const SIGNED_IN = ['workerA', 'workerB', 'grassrootsX', 'grassrootsY', 'federation', 'admin'] as const
const STAFF = ['grassrootsX', 'grassrootsY', 'federation', 'admin'] as const
/** Staff whose scope reaches org X (org-fengda). */
const ORG_X_STAFF = ['grassrootsX', 'federation', 'admin'] as const
/** Staff whose scope reaches the federation (the root: it holds a non-member's request). */
const ROOT_STAFF = ['federation', 'admin'] as const

/** A worker who never joins a union: their requests are held by the federation. */
const NON_MEMBER = 'o-test-legal-matrix-nonmember'

const callOf = (ctx: MatrixContext): Call => (openid, fn, event) => ctx.rt.invokeAs(openid, fn, event)

/** Lazily made, reused across the callers of one row. */
function once<T>(make: (ctx: MatrixContext) => Promise<T>): (ctx: MatrixContext) => Promise<T> {
  let value: Promise<T> | null = null
  return (ctx) => (value ??= make(ctx))
}

/** workerA's request (held at org X once workerA is a member there: made so once per row). */
function casesOfA() {
  const member = once((ctx) => becomeMember(callOf(ctx), CALLERS.workerA))
  return async (ctx: MatrixContext) => {
    await member(ctx)
    return caseOf(callOf(ctx), CALLERS.workerA)
  }
}

const sharedCaseOfA = once((ctx) => caseOf(callOf(ctx), CALLERS.workerA))
const sharedCaseAtX = once(casesOfA())
const caseAtX = casesOfA()
const acceptedAtX = (() => {
  const make = casesOfA()
  return async (ctx: MatrixContext) => stepOf(callOf(ctx), CALLERS.admin, await make(ctx), { decision: 'accept', input: { helpForms: ['mediation'], helper: HELPER } })
})()

const ownRequest = (_ctx: MatrixContext, caller: CallerKey) => submitEvent(wageRequest({ migrant: caller === 'workerB' }))

export const rows: MatrixRow[] = [
  { fn: 'legalAid', action: 'saveDraft', note: "the caller's own draft", event: () => ({ action: 'saveDraft', draft: { step: 2, disputeType: 'wages', facts: '老板欠了三个月工资' } }), allowed: SIGNED_IN },
  { fn: 'legalAid', action: 'getDraft', note: "the caller's own draft", event: () => ({ action: 'getDraft' }), allowed: SIGNED_IN },
  { fn: 'legalAid', action: 'check', note: 'nothing stored', event: () => ({ action: 'check', request: wageRequest() }), allowed: SIGNED_IN },
  { fn: 'legalAid', action: 'submit', note: "the caller's own request", event: ownRequest, allowed: SIGNED_IN },
  { fn: 'legalAid', action: 'myCases', event: () => ({ action: 'myCases' }), allowed: SIGNED_IN },
  { fn: 'legalAid', action: 'caseDetail', note: "workerA's case", event: async (ctx) => ({ action: 'caseDetail', id: (await sharedCaseOfA(ctx)).id }), allowed: ['workerA'] },
  {
    fn: 'legalAid',
    action: 'resubmit',
    note: "workerA's case the union asked to complete",
    event: async (ctx) => {
      const asked = await stepOf(callOf(ctx), CALLERS.admin, await caseOf(callOf(ctx), CALLERS.workerA), { decision: 'ask', input: { items: ['wage_proof'] } })
      return { action: 'resubmit', ...asked, addition: '工资条找到了，老板欠我四个月的钱。' }
    },
    allowed: ['workerA'],
  },
  { fn: 'legalAid', action: 'withdraw', note: "workerA's open case", event: async (ctx) => ({ action: 'withdraw', ...(await caseOf(callOf(ctx), CALLERS.workerA)) }), allowed: ['workerA'] },
  { fn: 'legalAid', action: 'queue', note: 'each staff member sees their own scope', event: () => ({ action: 'queue' }), allowed: STAFF },
  { fn: 'legalAid', action: 'review', note: "workerA's case at org X (a member there)", event: async (ctx) => ({ action: 'review', id: (await sharedCaseAtX(ctx)).id }), allowed: ORG_X_STAFF },
  {
    fn: 'legalAid',
    action: 'decide',
    note: "start reviewing workerA's case at org X",
    event: async (ctx) => ({ action: 'decide', ...(await caseAtX(ctx)), step: { decision: 'startReview' } }),
    allowed: ORG_X_STAFF,
  },
  {
    fn: 'legalAid',
    action: 'decide',
    note: "hand workerA's case at org X to org Y",
    event: async (ctx) => ({ action: 'decide', ...(await caseAtX(ctx)), step: { decision: 'handover', input: { toOrgId: ORG_Y } } }),
    allowed: ORG_X_STAFF,
  },
  {
    fn: 'legalAid',
    action: 'decide',
    note: "close workerA's accepted case at org X with 12,000 元 recovered",
    event: async (ctx) => ({ action: 'decide', ...(await acceptedAtX(ctx)), step: { decision: 'close', input: { kind: 'mediated', recovered: '12000', workersHelped: 1 } } }),
    allowed: ORG_X_STAFF,
  },
  {
    fn: 'legalAid',
    action: 'decide',
    note: "decline a non-member's case (held by the federation)",
    event: async (ctx) => ({ action: 'decide', ...(await caseOf(callOf(ctx), NON_MEMBER)), step: { decision: 'decline', input: { reason: 'inspection_better' } } }),
    allowed: ROOT_STAFF,
  },
  { fn: 'legalAid', action: 'revealApplicant', note: "workerA's case at org X", event: async (ctx) => ({ action: 'revealApplicant', id: (await sharedCaseAtX(ctx)).id }), allowed: ORG_X_STAFF },
  { fn: 'legalAid', action: 'exportCases', note: 'each staff member exports their own scope', event: () => ({ action: 'exportCases' }), allowed: STAFF },
  { fn: 'legalAid', action: 'rules', event: () => ({ action: 'rules' }), allowed: STAFF },
  { fn: 'legalAid', action: 'saveRules', note: 'the demo values again (unchanged)', event: () => ({ action: 'saveRules', rules: DEMO_LEGAL_AID_RULES }), allowed: ['admin'] },
]
