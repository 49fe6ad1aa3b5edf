/**
 * The shared request model (TRUST.md "Money and decisions") through the test-only `probe` function:
 * idempotent submits, compare-and-set decisions with audit and outbox, side effects exactly once.
 */
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { CALLERS } from '../support/matrix'
import type { Envelope } from '../../src/domain/envelope'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

type Reply = Envelope<Record<string, unknown>>
const probe = (openid: string | null, event: Record<string, unknown>) => rt.invokeAs(openid, 'probe', event) as Promise<Reply>
const submit = async (key: string, text = '请帮我看看', orgId = 'org-fengda') => {
  const r = await probe(CALLERS.workerA, { action: 'submit', key, text, orgId })
  if (!r.ok) throw new Error(JSON.stringify(r))
  return r.data.id as string
}
const sentFor = (id: string) => rt.emulator.outbox.list().filter((m) => JSON.stringify(m).includes(id))

describe('idempotent submission', () => {
  test('20 concurrent submits with one key: one record, one audit entry, identical replies', async () => {
    const replies = await Promise.all(Array.from({ length: 20 }, () => probe(CALLERS.workerA, { action: 'submit', key: 'same-key-20x', text: '同一次提交', orgId: 'org-fengda' })))
    expect(replies.every((r) => r.ok)).toBe(true)
    expect(new Set(replies.map((r) => JSON.stringify(r))).size).toBe(1)
    const records = rt.emulator.db.find('probeRequests', { text: '同一次提交' })
    expect(records).toHaveLength(1)
    expect(rt.emulator.db.count('audit', { action: 'probe.submit', 'target.id': records[0]._id })).toBe(1)
    expect(rt.emulator.db.count('idempotency', {})).toBeGreaterThanOrEqual(1)
  }, 60000)

  test('same key, different payload → conflict and nothing new', async () => {
    await submit('key-conflict-1', '第一次')
    const before = await rt.snapshot()
    const r = await probe(CALLERS.workerA, { action: 'submit', key: 'key-conflict-1', text: '改过的内容', orgId: 'org-fengda' })
    expect(r).toMatchObject({ ok: false, error: { code: 'REQUEST.KEY_CONFLICT' } })
    expect(await rt.snapshot()).toEqual(before)
  })

  test('keys are per person: another worker with the same key gets a record of their own', async () => {
    const a = await probe(CALLERS.workerA, { action: 'submit', key: 'shared-key-1', text: '甲', orgId: 'org-fengda' })
    const b = await probe(CALLERS.workerB, { action: 'submit', key: 'shared-key-1', text: '乙', orgId: 'org-fengda' })
    expect(a.ok && b.ok && a.data.id !== b.data.id).toBe(true)
  })

  test('a refused submission writes nothing and the corrected retry with the same key succeeds', async () => {
    const before = await rt.snapshot()
    const bad = await probe(CALLERS.workerA, { action: 'submit', key: 'retry-after-fix', text: '', orgId: 'org-fengda' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION.INVALID' } })
    expect(await rt.snapshot()).toEqual(before)
    expect((await probe(CALLERS.workerA, { action: 'submit', key: 'retry-after-fix', text: '改好了', orgId: 'org-fengda' })).ok).toBe(true)
  })
})

describe('decisions', () => {
  test('two staff decide one request at once, 100 rounds: exactly one decision each time, one message each', async () => {
    const outcomes = { grassroots: 0, federation: 0 }
    for (let round = 0; round < 100; round++) {
      const id = await submit(`race-${round}-xxxx`, `并发 ${round}`)
      const [a, b] = await Promise.all([
        probe(CALLERS.grassrootsX, { action: 'decide', id, decision: 'approve' }),
        probe(CALLERS.federation, { action: 'decide', id, decision: 'reject', reason: 'NOT_ELIGIBLE' }),
      ])
      expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1)
      const loser = a.ok ? b : a
      expect(loser.ok === false && ['REQUEST.ALREADY_DECIDED', 'REQUEST.STALE'].includes(loser.error.code)).toBe(true)
      if (a.ok) outcomes.grassroots++
      else outcomes.federation++
      const doc = rt.emulator.db.findOne('probeRequests', { _id: id })!
      expect(doc.state).toBe(a.ok ? 'approved' : 'rejected')
      expect(doc.version).toBe(2)
      expect(rt.emulator.db.count('audit', { 'target.id': id, action: { $in: ['probe.approve', 'probe.reject'] } })).toBe(1)
      expect(rt.emulator.db.count('outbox', { 'source.id': id })).toBe(1)
      expect(sentFor(id)).toHaveLength(1)
    }
    expect(outcomes.grassroots + outcomes.federation).toBe(100)
    if (process.env.TRUST_LOG) console.log('decision race winners over 100 rounds', outcomes)
  }, 180000)

  test('every decision appends a step to the request timeline', async () => {
    const id = await submit('timeline-1')
    expect((await probe(CALLERS.grassrootsX, { action: 'decide', id, decision: 'ask', reason: 'MISSING_DOC' })).ok).toBe(true)
    const doc = rt.emulator.db.findOne('probeRequests', { _id: id })!
    expect(doc.history).toEqual([{ at: expect.any(Date), from: 'submitted', to: 'needs_info', actor: 'grassroots', orgId: 'org-fengda', reason: 'MISSING_DOC' }])
  })

  test('a stale version is refused; a reason is required to reject; illegal steps are refused', async () => {
    const id = await submit('stale-check-1')
    expect(await probe(CALLERS.grassrootsX, { action: 'decide', id, decision: 'approve', version: 7 })).toMatchObject({ ok: false, error: { code: 'REQUEST.STALE' } })
    expect(await probe(CALLERS.grassrootsX, { action: 'decide', id, decision: 'reject' })).toMatchObject({ ok: false, error: { code: 'REQUEST.REASON_REQUIRED' } })
    expect(await probe(CALLERS.federation, { action: 'decide', id, decision: 'ask', reason: 'MISSING_DOC' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect((await probe(CALLERS.grassrootsX, { action: 'decide', id, decision: 'approve', version: 1 })).ok).toBe(true)
    expect(await probe(CALLERS.grassrootsX, { action: 'decide', id, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'REQUEST.ALREADY_DECIDED' } })
  })

  test('staff of another org cannot decide or read, and the denial is audited', async () => {
    const id = await submit('other-org-1')
    const before = rt.emulator.db.count('audit', { action: 'auth.denied', 'target.id': id })
    expect(await probe(CALLERS.grassrootsY, { action: 'decide', id, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await probe(CALLERS.workerB, { action: 'get', id })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(rt.emulator.db.count('audit', { action: 'auth.denied', 'target.id': id })).toBe(before + 2)
    expect(rt.emulator.db.findOne('probeRequests', { _id: id })!.state).toBe('submitted')
  })

  test('a transaction retried after a conflict sends its message once', async () => {
    const id = await submit('retry-side-effect')
    // The first attempt's record is changed behind its back, so its commit conflicts and it runs again.
    const r = await probe(CALLERS.grassrootsX, { action: 'decide', id, decision: 'approve', forceConflict: true })
    expect(r.ok).toBe(true)
    expect(rt.emulator.db.findOne('probeRequests', { _id: id })).toMatchObject({ attempts: 2, touched: 1, state: 'approved' })
    expect(rt.emulator.db.count('outbox', { 'source.id': id })).toBe(1)
    expect(sentFor(id)).toHaveLength(1)
    // dispatching again (a timer retry, a second instance) never sends twice
    expect((await probe(CALLERS.admin, { action: 'redispatch', id })).ok).toBe(true)
    expect((await probe(CALLERS.admin, { action: 'redispatch', id })).ok).toBe(true)
    expect(sentFor(id)).toHaveLength(1)
  })

  test('a refused subscription (43101) is final, not retried', async () => {
    rt.emulator.outbox.refuse(CALLERS.workerA)
    try {
      const id = await submit('refused-sub-1')
      expect((await probe(CALLERS.grassrootsX, { action: 'decide', id, decision: 'approve' })).ok).toBe(true)
      expect(rt.emulator.db.findOne('outbox', { 'source.id': id })).toMatchObject({ status: 'refused', attempts: 1 })
      await probe(CALLERS.admin, { action: 'redispatch', id })
      expect(rt.emulator.db.findOne('outbox', { 'source.id': id })).toMatchObject({ status: 'refused', attempts: 1 })
    } finally {
      rt.emulator.outbox.allow(CALLERS.workerA)
    }
  })
})
