/**
 * 法律援助 under concurrency (TRUST.md "Money and decisions"), through the real `legalAid` function on the
 * emulator: 20 concurrent submissions with one key make one case; the same dispute submitted with
 * different keys at once makes one case; two staff deciding one case at once, many rounds — exactly one
 * decision each time.
 */
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { CALLERS } from '../support/matrix'
import { newIdempotencyKey } from '../../src/domain/requests/idempotency'
import type { DecisionReply, SubmitReply } from '../../src/domain/legal-aid/legal-aid.api'
import { code } from './membership.matrix'
import { caseOf, HELPER, legalClient, submitEvent, wageRequest } from './legalAid.matrix'

// each test calls the function dozens of times; under a loaded machine that takes longer than jest's 5 s
jest.setTimeout(30_000)

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

const { replies, invoke, call, leaks } = legalClient(() => rt)
const { federation, admin } = CALLERS

let people = 0
const newWorker = () => `o-test-legal-race-${++people}`
const decideAs = (openid: string, c: { id: string; version: number }, step: Record<string, unknown>) => call<DecisionReply>(openid, { action: 'decide', id: c.id, version: c.version, step })

test('20 concurrent submissions with one key: one case, one audit entry, identical replies; another payload with the key is a conflict', async () => {
  const who = newWorker()
  const request = wageRequest()
  const key = newIdempotencyKey()
  const all = await Promise.all(Array.from({ length: 20 }, () => call<SubmitReply>(who, submitEvent(request, key))))
  expect(all.every((r) => r.ok)).toBe(true)
  expect(new Set(all.map((r) => JSON.stringify(r))).size).toBe(1)
  expect(rt.emulator.db.count('legalCases', { ownerOpenid: who })).toBe(1)
  const id = (all[0] as { ok: true; data: SubmitReply }).data.id
  expect(rt.emulator.db.count('audit', { action: 'legalCase.submit', 'target.id': id })).toBe(1)
  expect(rt.emulator.db.count('idempotency', { ownerOpenid: who })).toBe(1)
  expect(code(await call(who, submitEvent({ ...request, amount: '13000' }, key)))).toBe('REQUEST.KEY_CONFLICT')
}, 60000)

test('the same dispute submitted at once with different keys (a lost key, a second phone): one case, the others told it is open', async () => {
  const who = newWorker()
  const request = wageRequest()
  const all = await Promise.all(Array.from({ length: 8 }, () => call<SubmitReply>(who, submitEvent(request))))
  expect(all.filter((r) => r.ok)).toHaveLength(1)
  expect(all.filter((r) => !r.ok).map(code)).toEqual(Array(7).fill('LEGAL_AID.CASE_OPEN'))
  expect(rt.emulator.db.count('legalCases', { ownerOpenid: who })).toBe(1)
}, 60000)

test('two staff decide one case at once, 24 rounds: exactly one decision each time, one audit entry, the loser told why', async () => {
  const steps = [
    [{ decision: 'accept', input: { helpForms: ['mediation'], helper: HELPER } }, { decision: 'decline', input: { reason: 'inspection_better' } }],
    [{ decision: 'ask', input: { items: ['wage_proof'] } }, { decision: 'accept', input: { helpForms: ['representation'] } }],
    [{ decision: 'handover', input: { toOrgId: 'org-shanghai' } }, { decision: 'decline', input: { reason: 'duplicate' } }],
  ]
  for (let round = 0; round < 24; round++) {
    const c = await caseOf(invoke, newWorker())
    const [first, second] = steps[round % steps.length]
    const [a, b] = await Promise.all([decideAs(federation, c, first), decideAs(admin, c, second)])
    expect({ round, ok: [a.ok, b.ok].filter(Boolean).length }).toEqual({ round, ok: 1 })
    expect({ round, loser: code(a.ok ? b : a) }).toEqual({ round, loser: expect.stringMatching(/^REQUEST\.(ALREADY_DECIDED|STALE|ILLEGAL_TRANSITION)$/) })
    const doc = rt.emulator.db.findOne('legalCases', { _id: c.id }) as { version: number; history: unknown[] }
    expect({ round, version: doc.version, history: doc.history.length }).toEqual({ round, version: 2, history: 1 })
    expect({ round, audits: rt.emulator.db.count('audit', { 'target.id': c.id, action: { $ne: 'legalCase.submit' } }) }).toEqual({ round, audits: 1 })
  }
}, 120000)

test('no reply of this file carries an ID, card or phone number', () => {
  expect(replies.length).toBeGreaterThan(50)
  expect(leaks()).toEqual([])
})
