/** Authorization matrix rows of the `mutualAid` function, plus the helpers the 互助保障 tests share. */
import { CALLERS, type CallerKey, type MatrixContext, type MatrixRow } from '../support/matrix'
import { freshIdentity, freshIdNumber, must, recordingClient, type Call } from './membership.matrix'
import { sampleBytes, uploadFile } from './files.matrix'
import { CONSENT_POLICIES, type ConsentCategory } from '../../src/domain/consent/consent'
import { newIdempotencyKey } from '../../src/domain/requests/idempotency'
import { addDays, shanghaiDate } from '../../src/domain/calendar/working-days'
import { luhnValid } from '../../src/domain/identity/numbers'
import { addMonths, DEMO_PLAN_RULES } from '../../src/domain/mutual-aid/mutual-aid.rules'
import { DOC_KIND_PURPOSES, type DocKind } from '../../src/domain/mutual-aid/mutual-aid.constants'
import type { TestRuntime } from '../support/runtime'

export const INPATIENT = 'plan-inpatient'
export const ORG_X = 'org-fengda'
export const ORG_Y = 'org-school'
export const INPATIENT_DOCS: DocKind[] = ['id_card', 'invoice', 'settlement_sheet', 'discharge_summary', 'bank_card']

export const today = () => shanghaiDate(new Date())

/** Calls through the test runtime, keeping every reply; `call` calls `mutualAid`; `leaks()` lists ID, card and phone numbers in replies and function logs. */
export const aidClient = (rt: () => TestRuntime) => recordingClient(rt, 'mutualAid')

/** A Luhn-valid 19-digit bank card number (a new one every call). */
let cards = 0
export function bankCardNumber(): string {
  const body = `622202${String(Date.now() % 1e9).padStart(9, '0')}${String(++cards % 1000).padStart(3, '0')}`
  for (let d = 0; d < 10; d++) if (luhnValid(body + d)) return body + d
  throw new Error('unreachable')
}

// ---------------------------------------------------------------------------------------------------
// Enrollment lists

export interface SheetRow {
  name: string
  idNumber: string
  plan?: string
  shares?: number | string
  termStart: string
  termEnd: string
}

export const SHEET_HEADER = ['姓名', '身份证号', '保障项目', '份数', '开始日期', '结束日期']

/** A unit's list as CSV (base64), header first. */
export const sheetCsv = (rows: SheetRow[], header = SHEET_HEADER): string =>
  Buffer.from([header, ...rows.map((r) => [r.name, r.idNumber, r.plan ?? '住院医疗', String(r.shares ?? 1), r.termStart, r.termEnd])].map((r) => r.join(',')).join('\n'), 'utf8').toString(
    'base64',
  )

/** A term of `months` that started `daysAgo` days ago. */
export function termFrom(daysAgo: number, months = 12): { termStart: string; termEnd: string } {
  const termStart = addDays(today(), -daysAgo)
  return { termStart, termEnd: addDays(addMonths(termStart, months), -1) }
}

export const importEvent = (orgId: string, rows: SheetRow[], extra: Record<string, unknown> = {}) => ({ action: 'importEnrollments', orgId, fileName: '参保名单.csv', contentBase64: sheetCsv(rows), ...extra })

export async function grantConsent(call: Call, openid: string, category: ConsentCategory): Promise<void> {
  must(await call(openid, 'privacy', { action: 'grantConsent', category, policyVersion: CONSENT_POLICIES[category].version }), `grantConsent ${category}`)
}

export interface Insured {
  idNumber: string
  name: string
}

/**
 * A member enrolled by a unit: `openid` stores a fresh ID number and agrees to the bank card and medical
 * document consents; the admin imports them into `orgId`'s list (inpatient plan, term started `daysAgo` ago).
 */
export async function insuredWorker(
  call: Call,
  openid: string,
  o: { daysAgo?: number; months?: number; name?: string; orgId?: string; shares?: number; plan?: string; consents?: boolean } = {},
): Promise<Insured> {
  const idNumber = await freshIdentity(call, openid)
  if (o.consents !== false) {
    await grantConsent(call, openid, 'bank_card')
    await grantConsent(call, openid, 'medical_documents')
  }
  const name = o.name ?? '李建国'
  must(await call(CALLERS.admin, 'mutualAid', importEvent(o.orgId ?? ORG_X, [{ name, idNumber, plan: o.plan, shares: o.shares, ...termFrom(o.daysAgo ?? 200, o.months) }])), 'importEnrollments')
  return { idNumber, name }
}

/** One uploaded file per document kind, each with that kind's upload purpose. */
export async function uploadDocs(call: Call, openid: string, kinds: DocKind[] = INPATIENT_DOCS): Promise<Partial<Record<DocKind, string[]>>> {
  const out: Partial<Record<DocKind, string[]>> = {}
  for (const kind of kinds) {
    out[kind] = [await uploadFile((event) => call(openid, 'files', event), sampleBytes('image/jpeg', 1500), { purpose: DOC_KIND_PURPOSES[kind], name: `${kind}.jpg` })]
  }
  return out
}

/** An inpatient stay (illness) admitted on `eventDate`, self-paid `selfPaid` (yuan as typed, or fen). */
export function stay(eventDate: string, selfPaid: string | number, documents: Partial<Record<DocKind, string[]>> = {}): Record<string, unknown> {
  const discharge = addDays(eventDate, 6) > today() ? today() : addDays(eventDate, 6)
  return { planId: INPATIENT, kind: 'inpatient', eventDate, dischargeDate: discharge, cause: 'illness', selfPaid, documents }
}

export const submitEvent = (claim: Record<string, unknown>, bankCard = bankCardNumber(), key = newIdempotencyKey()) => ({ action: 'submit', key, claim, bankCard })

/** `openid` becomes an insured member at org X and submits an inpatient claim with every document; returns its id. */
export async function claimOf(call: Call, openid: string, o: { eventDate?: string; selfPaid?: string } = {}): Promise<{ id: string; version: number; idNumber: string }> {
  const { idNumber } = await insuredWorker(call, openid)
  const docs = await uploadDocs(call, openid)
  const d = must(await call(openid, 'mutualAid', submitEvent(stay(o.eventDate ?? addDays(today(), -20), o.selfPaid ?? '9200', docs))), 'submit')
  return { id: d.id as string, version: d.version as number, idNumber }
}

// ---------------------------------------------------------------------------------------------------

const SIGNED_IN = ['workerA', 'workerB', 'grassrootsX', 'grassrootsY', 'federation', 'admin'] as const
const STAFF = ['grassrootsX', 'grassrootsY', 'federation', 'admin'] as const
/** Staff whose scope reaches org X (org-fengda). */
const ORG_X_STAFF = ['grassrootsX', 'federation', 'admin'] as const
const PAYERS = ['federation', 'admin'] as const

const callOf = (ctx: MatrixContext): Call => (openid, fn, event) => ctx.rt.invokeAs(openid, fn, event)
const aid = async (ctx: MatrixContext, openid: string, event: Record<string, unknown>, what: string) => must(await ctx.rt.invokeAs(openid, 'mutualAid', event), what)

/** Lazily made, reused across the callers of one row (read-only rows). */
function once<T>(make: (ctx: MatrixContext) => Promise<T>): (ctx: MatrixContext) => Promise<T> {
  let value: Promise<T> | null = null
  return (ctx) => (value ??= make(ctx))
}

/** workerA's submitted claim, held by org X. */
const claimOfA = (ctx: MatrixContext) => claimOf(callOf(ctx), CALLERS.workerA)
const sharedClaimOfA = once(claimOfA)
/** … checked by org X's grassroots union (version 2). */
async function checkedClaimOfA(ctx: MatrixContext) {
  const c = await claimOfA(ctx)
  await aid(ctx, CALLERS.grassrootsX, { action: 'decideClaim', id: c.id, version: 1, decision: 'check' }, 'check')
  return { id: c.id, version: 2 }
}
/** … approved by the federation (version 3). */
async function approvedClaimOfA(ctx: MatrixContext) {
  const c = await checkedClaimOfA(ctx)
  await aid(ctx, CALLERS.federation, { action: 'decideClaim', id: c.id, version: 2, decision: 'approve' }, 'approve')
  return { id: c.id, version: 3 }
}

/** Any signed-in caller, insured and with documents uploaded, submits their own claim. */
async function ownSubmission(ctx: MatrixContext, caller: CallerKey) {
  const openid = CALLERS[caller]
  if (!openid) return submitEvent(stay(addDays(today(), -20), '9200'))
  await insuredWorker(callOf(ctx), openid)
  return submitEvent(stay(addDays(today(), -20), '9200', await uploadDocs(callOf(ctx), openid)))
}

const FUTURE_RULE = { ...DEMO_PLAN_RULES.find((r) => r.planId === INPATIENT)!, effectiveFrom: '2099-01-01' }

export const rows: MatrixRow[] = [
  { fn: 'mutualAid', action: 'plans', event: () => ({ action: 'plans' }), allowed: SIGNED_IN },
  { fn: 'mutualAid', action: 'coverage', note: "the caller's own coverage (none stored: identityMissing)", event: () => ({ action: 'coverage' }), allowed: SIGNED_IN },
  {
    fn: 'mutualAid',
    action: 'assess',
    note: "the caller's own ID number (not enrolled: eligible false)",
    event: async (ctx, caller) => {
      const openid = CALLERS[caller]
      if (openid) await freshIdentity(callOf(ctx), openid)
      return { action: 'assess', claim: stay(addDays(today(), -20), '9200') }
    },
    allowed: SIGNED_IN,
  },
  { fn: 'mutualAid', action: 'submit', note: 'own claim, insured at org X, documents uploaded', event: ownSubmission, allowed: SIGNED_IN },
  { fn: 'mutualAid', action: 'myClaims', event: () => ({ action: 'myClaims' }), allowed: SIGNED_IN },
  { fn: 'mutualAid', action: 'claimDetail', note: "workerA's claim", event: async (ctx) => ({ action: 'claimDetail', id: (await sharedClaimOfA(ctx)).id }), allowed: ['workerA'] },
  {
    fn: 'mutualAid',
    action: 'resubmit',
    note: "workerA's claim that org X asked to complete",
    event: async (ctx) => {
      const c = await claimOfA(ctx)
      await aid(ctx, CALLERS.grassrootsX, { action: 'decideClaim', id: c.id, version: 1, decision: 'ask', items: ['invoice'] }, 'ask')
      return { action: 'resubmit', id: c.id, version: 2, documents: await uploadDocs(callOf(ctx), CALLERS.workerA, ['invoice']) }
    },
    allowed: ['workerA'],
  },
  { fn: 'mutualAid', action: 'withdraw', note: "workerA's open claim", event: async (ctx) => ({ action: 'withdraw', ...(await claimOfA(ctx)) }), allowed: ['workerA'] },
  {
    fn: 'mutualAid',
    action: 'importEnrollments',
    note: "org X's list",
    event: () => importEvent(ORG_X, [{ name: '王小明', idNumber: freshIdNumber(), ...termFrom(10) }]),
    allowed: ORG_X_STAFF,
  },
  { fn: 'mutualAid', action: 'enrollments', note: 'each staff member sees their own scope', event: () => ({ action: 'enrollments' }), allowed: STAFF },
  { fn: 'mutualAid', action: 'claimQueue', note: 'each staff member sees their own scope', event: () => ({ action: 'claimQueue' }), allowed: STAFF },
  { fn: 'mutualAid', action: 'claimReview', note: "workerA's claim at org X", event: async (ctx) => ({ action: 'claimReview', id: (await sharedClaimOfA(ctx)).id }), allowed: ORG_X_STAFF },
  {
    fn: 'mutualAid',
    action: 'decideClaim',
    note: "check workerA's claim at org X",
    event: async (ctx) => ({ action: 'decideClaim', ...(await claimOfA(ctx)), decision: 'check' }),
    allowed: ORG_X_STAFF,
  },
  {
    fn: 'mutualAid',
    action: 'decideClaim',
    note: "approve workerA's checked claim: the federation's step (grassroots refused by the machine, audited)",
    event: async (ctx) => ({ action: 'decideClaim', ...(await checkedClaimOfA(ctx)), decision: 'approve' }),
    allowed: PAYERS,
  },
  {
    fn: 'mutualAid',
    action: 'markPaid',
    note: "workerA's approved claim",
    event: async (ctx) => ({ action: 'markPaid', ...(await approvedClaimOfA(ctx)), paymentRef: 'ZH20261122001', paidDate: today() }),
    allowed: PAYERS,
  },
  { fn: 'mutualAid', action: 'revealBankCard', note: "workerA's claim at org X", event: async (ctx) => ({ action: 'revealBankCard', id: (await sharedClaimOfA(ctx)).id }), allowed: PAYERS },
  { fn: 'mutualAid', action: 'exportClaims', note: 'each staff member exports their own scope', event: () => ({ action: 'exportClaims' }), allowed: STAFF },
  { fn: 'mutualAid', action: 'rules', event: () => ({ action: 'rules' }), allowed: STAFF },
  { fn: 'mutualAid', action: 'saveRuleVersion', note: 'a version far ahead (editable)', event: () => ({ action: 'saveRuleVersion', rule: FUTURE_RULE }), allowed: ['admin'] },
]
