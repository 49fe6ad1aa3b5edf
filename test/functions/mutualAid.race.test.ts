/**
 * 职工互助保障 money under concurrency (TRUST.md "Money and decisions"), through the real `mutualAid`
 * function on the emulator: randomised concurrent approvals of several claims of one member whose total
 * exceeds the annual cap, many rounds — never above the cap, the ledger equals the sum of the approved
 * amounts, and so does the paid total; the same event is never paid twice (racing submissions, racing
 * approvals of a duplicate, once-only diseases across ledger years); two staff deciding one claim.
 */
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { CALLERS } from '../support/matrix'
import { addDays } from '../../src/domain/calendar/working-days'
import { randomId } from '../../cloudfunctions/_lib/crypto'
import type { ClaimReview, DecisionReply, SubmitClaimReply } from '../../src/domain/mutual-aid/mutual-aid.api'
import { code, data } from './membership.matrix'
import { aidClient, insuredWorker, stay, submitEvent, today, uploadDocs } from './mutualAid.matrix'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

const { replies, invoke, call, leaks } = aidClient(() => rt)
const { grassrootsX, federation, admin } = CALLERS

let people = 0
const newWorker = () => `o-test-aid-race-${++people}`
const decideAs = (openid: string, id: string, version: number, decision: string, extra: Record<string, unknown> = {}) => call<DecisionReply>(openid, { action: 'decideClaim', id, version, decision, ...extra })
const claimDoc = (id: string) => rt.emulator.db.findOne('aidClaims', { _id: id }) as { memberKey: string; state: string; approvedFen: number | null; paidFen: number | null; version: number }
const ledgerOf = (memberKey: string) => rt.emulator.db.findOne('aidLedgers', { memberKey }) as { approvedFen: number; paidFen: number; events: string[] } | null

/** A small seeded generator, so a failing round can be told by its seed. */
function random(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Distinct stays of this calendar year (one ledger), none in the future. */
function staysThisYear(n: number): string[] {
  const jan1 = `${today().slice(0, 4)}-01-01`
  return Array.from({ length: n }, (_, i) => {
    const d = addDays(today(), -(3 + i * 4))
    return d < jan1 ? addDays(jan1, i) : d
  })
}

/** `who` submits an inpatient claim per stay (self-paid in yuan), each checked by the grassroots union. */
async function checkedClaims(who: string, selfPaid: number[]): Promise<string[]> {
  const dates = staysThisYear(selfPaid.length)
  const ids: string[] = []
  for (let i = 0; i < selfPaid.length; i++) {
    const s = await data(call<SubmitClaimReply>(who, submitEvent(stay(dates[i], String(selfPaid[i]), await uploadDocs(invoke, who)))))
    await data(decideAs(grassrootsX, s.id, 1, 'check'))
    ids.push(s.id)
  }
  return ids
}

test('the annual cap holds under randomised concurrent approvals, 12 rounds: never exceeded, ledger = sum of approvals = paid total', async () => {
  const seed = Date.now() % 100_000
  const rnd = random(seed)
  const CAP_PER_SHARE = 2_000_000
  const rounds: Array<{ claims: number; approved: number; sum: number; cap: number }> = []
  for (let round = 0; round < 12; round++) {
    const who = newWorker()
    const shares = rnd.int(1, 2)
    await insuredWorker(invoke, who, { shares })
    const cap = CAP_PER_SHARE * shares
    // enough stays that their payouts (each up to 8,000 元 per share) exceed the cap
    const n = shares === 1 ? rnd.int(3, 5) : rnd.int(6, 7)
    const selfPaid = Array.from({ length: n }, () => rnd.int(17_000, 40_000) * shares)
    const ids = await checkedClaims(who, selfPaid)
    const memberKey = claimDoc(ids[0]).memberKey

    // what staff saw before deciding (an override may be any amount up to the maximum shown then)
    const seen = await Promise.all(ids.map((id) => data(call<ClaimReview>(federation, { action: 'claimReview', id }))))
    const results = await Promise.all(
      ids.map(async (id, i) => {
        await sleep(rnd.int(0, 15))
        const staff = rnd.pick([federation, admin])
        const override = rnd.next() < 0.3
        const extra = override ? { amountFen: rnd.int(1, seen[i].assessment.maxFen), overrideReason: 'ineligible_items' } : {}
        return { id, r: await decideAs(staff, id, 2, override ? 'override' : 'approve', extra) }
      }),
    )
    const context = { seed, round, shares, selfPaid }
    for (const { id, r } of results) {
      const doc = claimDoc(id)
      if (r.ok) expect({ ...context, state: doc.state, approvedFen: doc.approvedFen }).toEqual({ ...context, state: 'approved', approvedFen: r.data.approvedFen })
      else expect({ ...context, code: r.error.code, state: doc.state }).toEqual({ ...context, code: 'MUTUAL_AID.CAP_EXCEEDED', state: 'grassroots_checked' })
    }
    const approved = ids.map(claimDoc).filter((c) => c.state === 'approved')
    const sum = approved.reduce((t, c) => t + (c.approvedFen ?? 0), 0)
    const ledger = ledgerOf(memberKey)!
    expect({ ...context, ledger: ledger.approvedFen, events: ledger.events.length, withinCap: sum <= cap }).toEqual({ ...context, ledger: sum, events: approved.length, withinCap: true })
    rounds.push({ claims: n, approved: approved.length, sum, cap })
    // nobody was refused while room was left for the computed amount
    if (results.some(({ r }) => !r.ok)) expect({ ...context, full: sum > cap - 800_000 * shares || sum === cap }).toEqual({ ...context, full: true })

    // paying races too (and twice on one claim): the paid total equals the approved total
    const approvedIds = ids.filter((id) => claimDoc(id).state === 'approved')
    const payments = await Promise.all(
      [...approvedIds, approvedIds[0]].map((id) => call(rnd.pick([federation, admin]), { action: 'markPaid', id, version: 3, paymentRef: `ZH${round}${id.slice(0, 6)}`, paidDate: today() })),
    )
    expect(payments.filter((p) => p.ok)).toHaveLength(approvedIds.length)
    expect(payments.filter((p) => !p.ok).map(code)).toEqual([expect.stringMatching(/^REQUEST\.(ALREADY_DECIDED|STALE)$/)])
    const after = ledgerOf(memberKey)!
    const paidSum = approvedIds.reduce((t, id) => t + (claimDoc(id).paidFen ?? 0), 0)
    expect({ ...context, paidFen: after.paidFen, approvedFen: after.approvedFen, withinCap: after.paidFen <= cap }).toEqual({ ...context, paidFen: paidSum, approvedFen: sum, withinCap: true })
    expect(paidSum).toBe(sum)
  }
  // the rounds really pressed against the cap
  expect(rounds.filter((r) => r.approved < r.claims).length).toBeGreaterThan(6)
}, 300000)

describe('the same event is paid once', () => {
  test('racing submissions of one stay with different keys: one claim', async () => {
    const who = newWorker()
    await insuredWorker(invoke, who)
    const eventDate = addDays(today(), -12)
    const docs = await Promise.all([0, 1, 2, 3].map(() => uploadDocs(invoke, who)))
    const results = await Promise.all(docs.map((d) => call<SubmitClaimReply>(who, submitEvent(stay(eventDate, '9200', d)))))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).map(code)).toEqual(['MUTUAL_AID.CLAIM_OPEN', 'MUTUAL_AID.CLAIM_OPEN', 'MUTUAL_AID.CLAIM_OPEN'])
    expect(rt.emulator.db.count('aidClaims', { ownerOpenid: who })).toBe(1)
  })

  test('a duplicate claim of an approved stay (past every earlier check) is refused by the ledger when both are approved at once, 10 rounds', async () => {
    for (let round = 0; round < 10; round++) {
      const who = newWorker()
      await insuredWorker(invoke, who)
      const [id] = await checkedClaims(who, [9200])
      // a copy of the same stay, as if it had slipped past the open-claim lock
      const original = rt.emulator.db.findOne('aidClaims', { _id: id }) as Record<string, unknown>
      const copy = randomId()
      rt.emulator.db.insert('aidClaims', { ...original, _id: copy, createdAt: new Date() })
      const [a, b] = await Promise.all([decideAs(federation, id, 2, 'approve'), decideAs(admin, copy, 2, 'approve')])
      expect({ round, ok: [a.ok, b.ok].filter(Boolean).length }).toEqual({ round, ok: 1 })
      expect({ round, code: code(a.ok ? b : a) }).toEqual({ round, code: 'MUTUAL_AID.ALREADY_PAID' })
      const ledger = ledgerOf(claimDoc(id).memberKey)!
      expect({ round, approvedFen: ledger.approvedFen, events: ledger.events }).toEqual({ round, approvedFen: 395_000, events: [`stay:${staysThisYear(1)[0]}`] })
    }
  }, 120000)

  test('a once-only disease is paid once for ever, also for a claim of another year (another ledger) approved at the same moment', async () => {
    const who = newWorker()
    await insuredWorker(invoke, who, { plan: '重大疾病', daysAgo: 600, months: 36 })
    const docs = await uploadDocs(invoke, who, ['id_card', 'diagnosis', 'discharge_summary', 'bank_card'])
    const thisYear = addDays(today(), -15)
    const s = await data(call<SubmitClaimReply>(who, submitEvent({ planId: 'plan-critical', kind: 'critical_illness', eventDate: thisYear, disease: 'acute_mi', documents: docs })))
    expect(s.computedFen).toBe(1_000_000)
    await data(decideAs(grassrootsX, s.id, 1, 'check'))
    // the same disease diagnosed "last year", slipped in beside it: a different ledger, the same guard
    const original = rt.emulator.db.findOne('aidClaims', { _id: s.id }) as Record<string, unknown>
    const lastYear = `${Number(thisYear.slice(0, 4)) - 1}${thisYear.slice(4)}`
    const copy = randomId()
    rt.emulator.db.insert('aidClaims', { ...original, _id: copy, eventDate: lastYear, facts: { ...(original.facts as object), eventDate: lastYear }, ledgerYear: Number(lastYear.slice(0, 4)), createdAt: new Date() })
    const [a, b] = await Promise.all([decideAs(federation, s.id, 2, 'approve'), decideAs(admin, copy, 2, 'approve')])
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1)
    expect(code(a.ok ? b : a)).toBe('MUTUAL_AID.ALREADY_PAID')
    const memberKey = claimDoc(s.id).memberKey
    expect(rt.emulator.db.count('aidOnce', { memberKey, eventKey: 'disease:acute_mi' })).toBe(1)
    const ledgers = rt.emulator.db.find('aidLedgers', { memberKey }) as Array<{ approvedFen: number }>
    expect(ledgers.reduce((t, l) => t + l.approvedFen, 0)).toBe(1_000_000)
    // and a new claim for it is refused at once (the refused one of the two, if it was the original, is rejected first)
    if (!a.ok) await data(decideAs(federation, s.id, 2, 'reject', { rejectReason: 'already_paid' }))
    const again = await call(who, submitEvent({ planId: 'plan-critical', kind: 'critical_illness', eventDate: addDays(today(), -3), disease: 'acute_mi', documents: await uploadDocs(invoke, who, ['id_card', 'diagnosis', 'discharge_summary', 'bank_card']) }))
    expect(code(again)).toBe('MUTUAL_AID.ALREADY_PAID')
  })

  test('two staff approve one claim at once, 10 rounds: exactly one decision, the ledger booked once', async () => {
    for (let round = 0; round < 10; round++) {
      const who = newWorker()
      await insuredWorker(invoke, who)
      const [id] = await checkedClaims(who, [9200])
      const [a, b] = await Promise.all([decideAs(federation, id, 2, 'approve'), decideAs(admin, id, 2, 'override', { amountFen: 100_000, overrideReason: 'other' })])
      expect({ round, ok: [a.ok, b.ok].filter(Boolean).length }).toEqual({ round, ok: 1 })
      expect({ round, loser: code(a.ok ? b : a) }).toEqual({ round, loser: expect.stringMatching(/^REQUEST\.(ALREADY_DECIDED|STALE|ILLEGAL_TRANSITION)$/) })
      const winner = (a.ok ? a : b) as { ok: true; data: DecisionReply }
      expect({ round, ledger: ledgerOf(claimDoc(id).memberKey)!.approvedFen }).toEqual({ round, ledger: winner.data.approvedFen })
      expect(rt.emulator.db.count('audit', { 'target.id': id, action: { $in: ['mutualAidClaim.approve', 'mutualAidClaim.override'] } })).toBe(1)
    }
  }, 120000)
})

test('no reply of this file carries an ID, card or phone number', () => {
  expect(replies.length).toBeGreaterThan(100)
  expect(leaks()).toEqual([])
})
