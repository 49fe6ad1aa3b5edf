/** Authorization matrix rows of the `membership` function, plus the helpers the membership tests share. */
import type { CallerKey, MatrixContext, MatrixRow } from '../support/matrix'
import { CALLERS } from '../support/matrix'
import { checkCharacter } from '../../src/domain/identity/idcard'
import { CONSENT_POLICIES } from '../../src/domain/consent/consent'
import { newIdempotencyKey } from '../../src/domain/requests/idempotency'
import { demoId } from '../../emulator/runtime/seed'
import type { TestRuntime } from '../support/runtime'
import type { Envelope } from '../../src/domain/envelope'
import { findPersonalNumbers } from '../../src/domain/privacy/redact'

type Reply = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } }
/** Calls a function as an openid (null: no OPENID). */
export type Call = (openid: string | null, fn: string, event: Record<string, unknown>) => Promise<unknown>

export const EMPLOYER = {
  fengda: demoId('employer-fengda'),
  school: demoId('employer-school'),
  haoweidao: demoId('employer-haoweidao'),
  shuntong: demoId('employer-shuntong'),
}

export interface Birth {
  year: number
  month: number
  day: number
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')
let serial = 0

/** A valid 身份证 number of 广丰区 (361103) for a birth date; the sequence makes each one new. */
export function idNumberFor(birth: Birth, seq = (serial++ % 998) + 1): string {
  const first17 = `361103${birth.year}${pad(birth.month)}${pad(birth.day)}${pad(seq, 3)}`
  return first17 + checkCharacter(first17)
}

/** A fresh adult's ID number: a different birth date every call. */
export function freshIdNumber(): string {
  const n = serial++
  const d = new Date(Date.UTC(1970, 0, 1) + n * 86_400_000)
  return idNumberFor({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }, (n % 998) + 1)
}

/** The 入会 form of a full-time worker at 江西丰达机械 (org-fengda) unless patched. */
export function applicationFor(idNumber: string, patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '李建国',
    idNumber,
    phone: '13807931234',
    incomeSource: 'wages',
    charterAccepted: true,
    employer: { kind: 'known', employerId: EMPLOYER.fengda },
    employmentType: 'full_time',
    occupation: '普工',
    workPlace: 'local',
    ...patch,
  }
}

/** What a resubmission sends: the form without the ID number and the charter box. */
export function changesOf(application: Record<string, unknown>, patch: Record<string, unknown> = {}): Record<string, unknown> {
  const { idNumber: _id, charterAccepted: _charter, ...rest } = application
  return { ...rest, ...patch }
}

export const RIDER_TARGET = { employer: { kind: 'other', name: '美团外卖', district: '永丰街道' }, employmentType: 'new_forms', platform: 'meituan', occupation: '外卖骑手', workPlace: 'local' }
export const FENGDA_TARGET = { employer: { kind: 'known', employerId: EMPLOYER.fengda }, employmentType: 'full_time', occupation: '普工', workPlace: 'local' }

/**
 * Calls through the test runtime, keeping every reply for the personal-number scan: `call` calls `fn`,
 * `invoke` any function; `leaks()` lists ID, card and phone numbers in the replies and function logs.
 */
export function recordingClient(rt: () => TestRuntime, fn = 'membership') {
  const replies: unknown[] = []
  const invoke: Call = async (openid, name, event) => {
    const r = await rt().invokeAs(openid, name, event)
    replies.push(r)
    return r
  }
  const call = <T = Record<string, unknown>>(openid: string | null, event: Record<string, unknown>) => invoke(openid, fn, event) as Promise<Envelope<T>>
  const leaks = () => [...replies.map((r) => JSON.stringify(r)), ...rt().runner.logs()].flatMap((t) => findPersonalNumbers(t))
  return { replies, invoke, call, leaks }
}

export async function data<T>(p: Promise<Envelope<T>>): Promise<T> {
  const r = await p
  if (!r.ok) throw new Error(JSON.stringify(r))
  return r.data
}

export const code = (r: Envelope<unknown>) => (r.ok ? null : r.error.code)

/** The data of a reply that must succeed (else the test fails saying what). */
export function must(r: unknown, what: string): Record<string, unknown> {
  const reply = r as Reply
  if (!reply.ok) throw new Error(`${what} failed: ${JSON.stringify(reply.error)}`)
  return reply.data ?? {}
}

/** Agrees to the ID number consent and stores a new ID number for the caller (replacing any earlier one). */
export async function freshIdentity(call: Call, openid: string, idNumber = freshIdNumber()): Promise<string> {
  must(await call(openid, 'privacy', { action: 'grantConsent', category: 'id_number', policyVersion: CONSENT_POLICIES.id_number.version }), 'grantConsent')
  must(await call(openid, 'privacy', { action: 'setIdNumber', idNumber }), 'setIdNumber')
  return idNumber
}

/** A new person behind `openid` applies; returns the application id and version. */
export async function applyFresh(call: Call, openid: string, patch: Record<string, unknown> = {}): Promise<{ id: string; version: number; idNumber: string }> {
  const idNumber = await freshIdentity(call, openid)
  const d = must(await call(openid, 'membership', { action: 'apply', key: newIdempotencyKey(), application: applicationFor(idNumber, patch) }), 'apply')
  return { id: d.id as string, version: d.version as number, idNumber }
}

/** A new person behind `openid` becomes a member (approved by the admin). */
export async function becomeMember(call: Call, openid: string, patch: Record<string, unknown> = {}): Promise<{ memberNo: string; applicationId: string }> {
  const a = await applyFresh(call, openid, patch)
  const d = must(await call(CALLERS.admin, 'membership', { action: 'decide', id: a.id, version: a.version, decision: 'approve' }), 'approve')
  return { memberNo: d.memberNo as string, applicationId: a.id }
}

// ---------------------------------------------------------------------------------------------------

const SIGNED_IN = ['workerA', 'workerB', 'grassrootsX', 'grassrootsY', 'federation', 'admin'] as const
const STAFF = ['grassrootsX', 'grassrootsY', 'federation', 'admin'] as const
/** Staff whose scope reaches org X (org-fengda). */
const ORG_X_STAFF = ['grassrootsX', 'federation', 'admin'] as const

const callOf = (ctx: MatrixContext): Call => (openid, fn, event) => ctx.rt.invokeAs(openid, fn, event)
const openidOf = (caller: CallerKey) => CALLERS[caller]

/** workerA's fresh application, held by org X. */
const applicationOfA = (ctx: MatrixContext) => applyFresh(callOf(ctx), CALLERS.workerA)

/** A signed-in caller with a fresh ID number (anonymous: any number). */
async function identified(ctx: MatrixContext, caller: CallerKey): Promise<string> {
  const openid = openidOf(caller)
  return openid ? freshIdentity(callOf(ctx), openid) : freshIdNumber()
}

/** Every signed-in caller becomes a member at org X before their attempt (non-members get MEMBERSHIP.NOT_MEMBER). */
async function asMember(ctx: MatrixContext, caller: CallerKey): Promise<void> {
  const openid = openidOf(caller)
  if (openid) await becomeMember(callOf(ctx), openid)
}

/** workerA is a member at 实验小学 (org Y) and asks to move to 丰达 (org X): a transfer held by org X. */
async function transferOfA(ctx: MatrixContext): Promise<{ id: string; version: number }> {
  const call = callOf(ctx)
  await becomeMember(call, CALLERS.workerA, { employer: { kind: 'known', employerId: EMPLOYER.school }, occupation: '教师' })
  const t = must(await call(CALLERS.workerA, 'membership', { action: 'requestTransfer', key: newIdempotencyKey(), target: FENGDA_TARGET, reason: 'job_change' }), 'requestTransfer')
  return { id: t.id as string, version: t.version as number }
}

export const rows: MatrixRow[] = [
  { fn: 'membership', action: 'employers', event: () => ({ action: 'employers', q: '广丰' }), allowed: SIGNED_IN },
  {
    fn: 'membership',
    action: 'check',
    note: "the caller's own ID number (consent given)",
    event: async (ctx, caller) => ({ action: 'check', application: applicationFor(await identified(ctx, caller)) }),
    allowed: SIGNED_IN,
  },
  {
    fn: 'membership',
    action: 'apply',
    note: "the caller's own ID number (consent given)",
    event: async (ctx, caller) => ({ action: 'apply', key: newIdempotencyKey(), application: applicationFor(await identified(ctx, caller)) }),
    allowed: SIGNED_IN,
  },
  { fn: 'membership', action: 'mine', event: () => ({ action: 'mine' }), allowed: SIGNED_IN },
  {
    fn: 'membership',
    action: 'resubmit',
    note: "workerA's application that org X asked to complete",
    event: async (ctx) => {
      const a = await applicationOfA(ctx)
      must(await ctx.rt.invokeAs(CALLERS.grassrootsX, 'membership', { action: 'decide', id: a.id, version: a.version, decision: 'ask', items: ['occupation'] }), 'ask')
      return { action: 'resubmit', id: a.id, version: a.version + 1, changes: changesOf(applicationFor(a.idNumber), { occupation: '装配工' }) }
    },
    allowed: ['workerA'],
  },
  {
    fn: 'membership',
    action: 'withdraw',
    note: "workerA's open application",
    event: async (ctx) => {
      const a = await applicationOfA(ctx)
      return { action: 'withdraw', id: a.id, version: a.version }
    },
    allowed: ['workerA'],
  },
  { fn: 'membership', action: 'card', note: 'own card', event: async (ctx, caller) => (await asMember(ctx, caller), { action: 'card' }), allowed: SIGNED_IN },
  {
    fn: 'membership',
    action: 'checkTransfer',
    note: 'own membership',
    event: async (ctx, caller) => (await asMember(ctx, caller), { action: 'checkTransfer', target: RIDER_TARGET }),
    allowed: SIGNED_IN,
  },
  {
    fn: 'membership',
    action: 'requestTransfer',
    note: 'own membership',
    event: async (ctx, caller) => (await asMember(ctx, caller), { action: 'requestTransfer', key: newIdempotencyKey(), target: RIDER_TARGET, reason: 'job_change' }),
    allowed: SIGNED_IN,
  },
  {
    fn: 'membership',
    action: 'withdrawTransfer',
    note: "workerA's transfer",
    event: async (ctx) => ({ action: 'withdrawTransfer', ...(await transferOfA(ctx)) }),
    allowed: ['workerA'],
  },
  { fn: 'membership', action: 'queue', note: 'each staff member sees their own scope', event: () => ({ action: 'queue' }), allowed: STAFF },
  { fn: 'membership', action: 'detail', note: "workerA's application at org X", event: async (ctx) => ({ action: 'detail', id: (await applicationOfA(ctx)).id }), allowed: ORG_X_STAFF },
  {
    fn: 'membership',
    action: 'decide',
    note: "workerA's application at org X",
    event: async (ctx) => {
      const a = await applicationOfA(ctx)
      return { action: 'decide', id: a.id, version: a.version, decision: 'approve' }
    },
    allowed: ORG_X_STAFF,
  },
  {
    fn: 'membership',
    action: 'reassign',
    note: "workerA's application at org X, to org Y",
    event: async (ctx) => {
      const a = await applicationOfA(ctx)
      return { action: 'reassign', id: a.id, version: a.version, toOrgId: 'org-school' }
    },
    allowed: ORG_X_STAFF,
  },
  { fn: 'membership', action: 'revealContact', note: "workerA's application at org X", event: async (ctx) => ({ action: 'revealContact', id: (await applicationOfA(ctx)).id }), allowed: ORG_X_STAFF },
  {
    fn: 'membership',
    action: 'verifyCard',
    note: "workerA's card, typed number",
    event: async (ctx) => ({ action: 'verifyCard', memberNo: (await becomeMember(callOf(ctx), CALLERS.workerA)).memberNo }),
    allowed: STAFF,
  },
  { fn: 'membership', action: 'members', note: 'each staff member sees their own scope', event: () => ({ action: 'members' }), allowed: STAFF },
  { fn: 'membership', action: 'exportMembers', note: 'each staff member exports their own scope', event: () => ({ action: 'exportMembers' }), allowed: STAFF },
  { fn: 'membership', action: 'transfers', note: 'to the unions in scope', event: () => ({ action: 'transfers' }), allowed: STAFF },
  {
    fn: 'membership',
    action: 'decideTransfer',
    note: "workerA's transfer to org X",
    event: async (ctx) => ({ action: 'decideTransfer', ...(await transferOfA(ctx)), decision: 'accept' }),
    allowed: ORG_X_STAFF,
  },
  { fn: 'membership', action: 'settings', event: () => ({ action: 'settings' }), allowed: STAFF },
  { fn: 'membership', action: 'setCalendar', note: 'a year far ahead', event: () => ({ action: 'setCalendar', calendar: { year: 2099, holidays: ['2099-10-01'], workdays: [] } }), allowed: ['admin'] },
]
