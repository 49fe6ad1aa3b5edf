/**
 * The demo year (emulator/runtime/seed-year.ts): 2025 of 广丰区总工会 at the scale of a year-end work
 * report. The `workspace` figures the federation sees are plausible and are exactly what counting the
 * seeded records one by one gives; the reconciliation finds nothing to correct; the queue has work.
 */
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { seedDemoYear, seedEncrypt } from '../../emulator/runtime/seed-year'
import { loadOrCreateSecrets } from '../../emulator/runtime/secrets'
import { decrypt } from '../../cloudfunctions/_lib/crypto'
import { parseIdNumber } from '../../src/domain/identity/idcard'
import { isBankCard } from '../../src/domain/identity/numbers'
import { maskIdNumber } from '../../src/domain/privacy/mask'
import type { DecisionReply } from '../../src/domain/membership/membership.schema'
import type { Envelope } from '../../src/domain/envelope'
import type { FiguresReply, QueueReply, ReconcileReply } from '../../src/domain/workspace/workspace.api'
import { WORK_TYPES, type WorkType } from '../../src/domain/workspace/work-item'
import type { YearFigures } from '../../src/domain/workspace/figures.rules'

const FEDERATION = 'o-demo-liu'
const YEAR = 2025
const DAYS = { $gte: `${YEAR}-01-01`, $lte: `${YEAR}-12-31` }
const INSTANTS = { $gte: new Date(`${YEAR}-01-01T00:00:00+08:00`), $lt: new Date(`${YEAR + 1}-01-01T00:00:00+08:00`) }

let rt: TestRuntime
let startMs = 0
let figures: YearFigures

beforeAll(async () => {
  const t0 = performance.now()
  rt = await startTestRuntime({ demoYear: true })
  startMs = performance.now() - t0
  const reply = (await rt.invokeAs(FEDERATION, 'workspace', { action: 'figures', year: YEAR })) as Envelope<FiguresReply>
  if (!reply.ok) throw new Error(JSON.stringify(reply))
  figures = reply.data.org.figures
}, 180_000)
afterAll(() => rt?.stop())

const db = () => rt.emulator.db
const sum = (docs: Array<Record<string, unknown>>, f: (d: Record<string, unknown>) => unknown) => docs.reduce((s, d) => s + (Number(f(d)) || 0), 0)

test('the runtime starts with the demo year (seed, projection and counters) in reasonable time', () => {
  console.log(`runtime with the demo year ready in ${Math.round(startMs)} ms`)
  expect(startMs).toBeLessThan(120_000)
})

test('2025 looks like a county federation’s year-end report', () => {
  const f = figures
  expect(f.orgsFormed).toBeGreaterThanOrEqual(25)
  expect(f.orgsFormed).toBeLessThanOrEqual(40)
  expect(f.membersRecruited).toBeGreaterThanOrEqual(2500)
  expect(f.membersRecruited).toBeLessThanOrEqual(3600)
  expect(f.membersMigrant).toBeLessThan(f.membersRecruited)
  expect(f.membersMigrant / f.membersRecruited).toBeGreaterThan(0.35)
  expect(f.membersMigrant / f.membersRecruited).toBeLessThan(0.55)
  expect(f.membersTotal).toBeGreaterThan(f.membersRecruited)
  expect(f.legalAccepted).toBeGreaterThanOrEqual(100)
  expect(f.legalAccepted).toBeLessThanOrEqual(150)
  expect(f.legalClosed).toBeGreaterThanOrEqual(90)
  expect(f.legalClosed).toBeLessThanOrEqual(f.legalAccepted)
  expect(f.legalWorkersHelped).toBeGreaterThanOrEqual(f.legalClosed)
  expect(f.aidEnrolled).toBeGreaterThanOrEqual(10_000)
  expect(f.aidEnrolled).toBeLessThanOrEqual(14_000)
  expect(f.aidClaimsPaid).toBeGreaterThanOrEqual(500)
  expect(f.aidClaimsPaid).toBeLessThanOrEqual(700)
  expect(f.aidPaidFen).toBeGreaterThan(100_000_000)
  expect(f.stationVisits).toBeGreaterThanOrEqual(18_000)
  expect(f.stationVisits).toBeLessThanOrEqual(22_000)
  const aid = f.handling.find((h) => h.type === 'aidClaim')!
  expect(aid.handled).toBeGreaterThanOrEqual(f.aidClaimsPaid)
  expect(aid.averageDays).toBeGreaterThan(0)
  expect(aid.inTimePercent).toBeGreaterThan(50)
})

test('every 2025 figure is what counting the seeded records gives', () => {
  const closed = db().find('legalCases', { state: 'closed', closedAt: INSTANTS })
  const paid = db().find('aidClaims', { state: 'paid', paidDate: DAYS })
  const expected: Partial<YearFigures> = {
    orgsFormed: db().count('orgs', { formedAt: DAYS }),
    membersRecruited: db().count('memberships', { joinedDate: DAYS }),
    membersMigrant: db().count('memberships', { joinedDate: DAYS, migrant: true }),
    membersTotal: db().count('memberships', { status: 'active', joinedDate: { $lte: `${YEAR}-12-31` } }),
    legalAccepted: db().count('legalCases', { acceptedAt: INSTANTS }),
    legalClosed: closed.length,
    legalWorkersHelped: sum(closed, (c) => (c.outcome as { workersHelped: number }).workersHelped),
    aidEnrolled: db().count('aidEnrollments', { termStart: DAYS }),
    aidClaimsPaid: paid.length,
    aidPaidFen: sum(paid, (c) => c.paidFen),
    stationVisits: db().count('stationVisits', { at: INSTANTS }),
  }
  expect(figures).toMatchObject(expected)
  for (const type of WORK_TYPES) {
    const decided = db().find('workItems', { type, decidedAt: INSTANTS })
    const h = figures.handling.find((x) => x.type === (type as WorkType))!
    expect({ type, handled: h.handled, inTime: h.inTime }).toEqual({ type, handled: decided.length, inTime: decided.filter((i) => i.decidedInTime === true).length })
  }
})

test('money recovered by 法律援助 in 2025 is the sum of the closed cases’ outcomes (2–3 million 元)', () => {
  // the legalAid function stores outcome.recoveredFen (cloudfunctions/legalAid/index.ts, close step)
  const closed = db().find('legalCases', { state: 'closed', closedAt: INSTANTS })
  const recovered = sum(closed, (c) => (c.outcome as { recoveredFen: number }).recoveredFen)
  expect(recovered).toBeGreaterThanOrEqual(200_000_000)
  expect(recovered).toBeLessThanOrEqual(300_000_000)
  expect(figures.legalRecoveredFen).toBe(recovered)
})

test('the 爱心驿站 standing at the end of 2025 are counted (the 16 demo stations)', () => {
  const standing = db().count('stations', { createdAt: { $lt: INSTANTS.$lt } })
  expect(figures.stations).toBe(standing)
  expect(figures.stations).toBeGreaterThanOrEqual(16)
})

test('the reconciliation finds no difference between the counters and the records', async () => {
  const r = (await rt.invokeAs(FEDERATION, 'workspace', { action: 'reconcile' })) as Envelope<ReconcileReply>
  expect(r.ok).toBe(true)
  if (!r.ok) return
  expect(r.data.records).toBeGreaterThan(35_000)
  expect(r.data.differences).toEqual([])
}, 120_000)

test('this year’s open requests are in the queue: overdue applications at two unions, claims and cases for the federation', async () => {
  const queue = async (openid: string, view: string, flag?: string) => {
    const r = (await rt.invokeAs(openid, 'workspace', { action: 'queue', view, ...(flag ? { flag } : {}), pageSize: 50 })) as Envelope<QueueReply>
    if (!r.ok) throw new Error(JSON.stringify(r))
    return r.data.items
  }
  const mine = await queue(FEDERATION, 'mine')
  expect(mine.filter((i) => i.type === 'aidClaim')).toHaveLength(3)
  expect(mine.filter((i) => i.type === 'legalAidCase')).toHaveLength(2)
  const overdueApplications = (await queue(FEDERATION, 'subtree', 'overdue')).filter((i) => i.type === 'membershipApplication')
  expect(overdueApplications).toHaveLength(5)
  expect(new Set(overdueApplications.map((i) => i.orgName))).toEqual(new Set(['江西丰达机械有限公司工会', '广丰区实验小学工会']))
  expect((await queue('o-demo-zhang', 'mine')).filter((i) => i.type === 'membershipApplication' && i.flag === 'overdue')).toHaveLength(3)
})

test('seeding the year again inserts nothing', async () => {
  const target = {
    async insertMissing(collection: string, docs: Array<Record<string, unknown> & { _id: string }>) {
      let inserted = 0
      for (const doc of docs) {
        if (db().find(collection, { _id: doc._id }).length) continue
        db().insert(collection, doc)
        inserted++
      }
      return inserted
    },
  }
  const counts = await seedDemoYear(target, seedEncrypt(dataKey()))
  expect(Object.values(counts).every((n) => n === 0)).toBe(true)
}, 60_000)

// --- ID numbers and bank cards: encrypted as the functions encrypt them ------------------------------

/** The data key the runtime gives its functions (secrets.json of its data dir). */
const dataKey = () => loadOrCreateSecrets(rt.dataDir).functionEnv.UNION_DATA_KEY
/** crypto.ts's decrypt with the runtime's key (it reads the key from the environment only). */
function decryptWithRuntimeKey(token: string, context: string): string {
  const before = process.env.UNION_DATA_KEY
  process.env.UNION_DATA_KEY = dataKey()
  try {
    return decrypt(token, context)
  } finally {
    if (before === undefined) delete process.env.UNION_DATA_KEY
    else process.env.UNION_DATA_KEY = before
  }
}
/** Records of the demo year (its people's openids start o-seed-). */
const seeded = (docs: Array<Record<string, unknown>>) => docs.filter((d) => String(d.ownerOpenid).startsWith('o-seed-'))
type PersonDoc = Record<string, unknown> & { _id: string; idEnc: string; maskedId: string; birthDate: string; sex: string }
/** A stored ID number that decrypts under `context` to a valid number of a county 上饶 never had, matching the record's clear fields. */
function expectIdOf(doc: PersonDoc, context: string) {
  const parsed = parseIdNumber(decryptWithRuntimeKey(doc.idEnc, context))
  if (!parsed.ok) throw new Error(`${doc._id}: ${parsed.problem}`)
  const { value, birthDate: b, sex, areaCode } = parsed.info
  expect({ id: doc._id, masked: maskIdNumber(value), birthDate: `${b.year}-${String(b.month).padStart(2, '0')}-${String(b.day).padStart(2, '0')}`, sex, areaCode }).toEqual({
    id: doc._id,
    masked: doc.maskedId,
    birthDate: doc.birthDate,
    sex: doc.sex,
    areaCode: '362399',
  })
  return value
}

test('seeded ID numbers and bank cards decrypt with the runtime’s key, well-formed and matching their masked forms', () => {
  const members = seeded(db().find('memberships', {})) as PersonDoc[]
  expect(members.length).toBeGreaterThan(3000)
  // a membership's number is bound to its person key, which is its id (membership approve())
  const ids = members.map((m) => expectIdOf(m, m._id))
  expect(new Set(ids).size).toBeGreaterThan(ids.length * 0.99)
  // an application's to the application (membership apply)
  const apps = seeded(db().find('memberApplications', {})) as PersonDoc[]
  expect(apps).toHaveLength(5)
  for (const a of apps) expectIdOf(a, a._id)
  // a claim's bank card to the claim (mutualAid submit)
  const claims = seeded(db().find('aidClaims', {})) as Array<{ _id: string; bankCardEnc: string; bankCardTail: string }>
  expect(claims.length).toBeGreaterThan(600)
  for (const c of claims) {
    const card = decryptWithRuntimeKey(c.bankCardEnc, c._id)
    expect({ id: c._id, valid: isBankCard(card), fake: card.startsWith('9999'), tail: card.slice(-4) }).toEqual({ id: c._id, valid: true, fake: true, tail: c.bankCardTail })
  }
})

test('the federation approves a seeded open application: it becomes a member with a number and the same ID number', async () => {
  const [app] = seeded(db().find('memberApplications', { state: 'submitted' })) as Array<PersonDoc & { version: number; personKey: string }>
  expect(app).toBeDefined()
  const r = (await rt.invokeAs(FEDERATION, 'membership', { action: 'decide', id: app._id, version: app.version, decision: 'approve' })) as Envelope<DecisionReply>
  if (!r.ok) throw new Error(JSON.stringify(r))
  expect(r.data.state).toBe('approved')
  expect(r.data.memberNo).toMatch(/^[A-Z]+\d+$/)
  const [membership] = db().find('memberships', { _id: app.personKey }) as PersonDoc[]
  expect(membership).toMatchObject({ memberNo: r.data.memberNo, status: 'active', applicationId: app._id })
  expect(expectIdOf(membership, app.personKey)).toBe(expectIdOf(app, app._id))
}, 60_000)

test('查看完整卡号 on a seeded claim gives the card whose last four digits the claim shows', async () => {
  const claims = seeded(db().find('aidClaims', {})) as Array<{ _id: string; state: string; bankCardTail: string }>
  for (const claim of [claims.find((c) => c.state === 'paid')!, claims.find((c) => c.state === 'grassroots_checked')!]) {
    const r = (await rt.invokeAs(FEDERATION, 'mutualAid', { action: 'revealBankCard', id: claim._id })) as Envelope<{ bankCard: string }>
    if (!r.ok) throw new Error(JSON.stringify(r))
    const digits = r.data.bankCard.replace(/\s/g, '')
    expect(isBankCard(digits)).toBe(true)
    expect(digits.slice(-4)).toBe(claim.bankCardTail)
  }
}, 60_000)
