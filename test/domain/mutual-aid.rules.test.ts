import fc from 'fast-check'
import {
  annualCapFor,
  applyApproval,
  applyPayment,
  assessClaim,
  claimWindow,
  computePayout,
  coverageOn,
  DEMO_PLAN_RULES,
  documentsFor,
  emptyLedger,
  eventKeyOf,
  hospitalDays,
  missingDocuments,
  overrideProblem,
  parseYuanToFen,
  ruleVersionOn,
  versionEditable,
  yuan,
  type ClaimFacts,
  type Enrollment,
  type Ledger,
  type PlanRuleVersion,
} from '../../src/domain/mutual-aid/mutual-aid.rules'
import { addDays } from '../../src/domain/calendar/working-days'

const rule = <K extends PlanRuleVersion['kind']>(kind: K) => DEMO_PLAN_RULES.find((r) => r.kind === kind) as Extract<PlanRuleVersion, { kind: K }>
const INPATIENT = rule('inpatient')
const CRITICAL = rule('critical_illness')
const ACCIDENT = rule('accident')
const FEMALE = rule('female_special')

const ledgerOf = (r: PlanRuleVersion, over: Partial<Ledger> = {}, year = 2026): Ledger => ({ ...emptyLedger('m1', r.planId, year), ...over })
/** A ledger that already holds one stay this year: later stays use the ordinary deductible. */
const afterOneStay = (approvedFen = 100_000) => ledgerOf(INPATIENT, { approvedFen, events: ['stay:2026-01-05'] })

const stay = (selfPaidFen: number, eventDate = '2026-03-10'): ClaimFacts => ({ kind: 'inpatient', eventDate, dischargeDate: addDays(eventDate, 10), cause: 'illness', selfPaidFen })
const pay = (claim: ClaimFacts, r: PlanRuleVersion, ledger: Ledger | null = null, shares = 1, coverPct = 100, paidOnce: string[] = []) =>
  computePayout({ claim, shares, coverPct }, r, ledger, paidOnce)

// ---------------------------------------------------------------------------------------------------

describe('money', () => {
  test.each([
    [0, '0 元'],
    [1, '0.01 元'],
    [50, '0.50 元'],
    [427_500, '4,275 元'],
    [427_550, '4,275.50 元'],
    [100_000_000, '1,000,000 元'],
  ])('yuan(%i) = %s', (fen, text) => expect(yuan(fen)).toBe(text))

  test.each([
    ['9200', 920_000],
    ['9,200.5', 920_050],
    ['￥9200元', 920_000],
    ['９２００．５０', 920_050],
    [' 0.01 ', 1],
    ['9200.', 920_000],
    ['1,234,567.89', 123_456_789],
  ])('parseYuanToFen(%j) = %i fen', (text, fen) => expect(parseYuanToFen(text)).toEqual({ ok: true, fen }))

  test.each([
    ['9200.505', '金额最多写到分，小数点后最多两位'],
    ['', '请填金额'],
    ['-5', '金额不能是负数'],
    ['9,20', '金额只能写数字，比如 9200 或 9200.50'],
    ['九千', '金额只能写数字，比如 9200 或 9200.50'],
    ['.5', '金额只能写数字，比如 9200 或 9200.50'],
  ])('parseYuanToFen(%j) is refused: %s', (text, message) => expect(parseYuanToFen(text)).toEqual({ ok: false, message }))

  test('too large is refused, not rounded', () => {
    expect(parseYuanToFen('10000000.01')).toEqual({ ok: false, message: expect.stringContaining('金额太大了') })
    expect(parseYuanToFen('10000000')).toEqual({ ok: true, fen: 1_000_000_000 })
  })

  test('property: yuan text of any fen amount parses back to the same fen', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (fen) => expect(parseYuanToFen(yuan(fen))).toEqual({ ok: true, fen })))
  })
})

// ---------------------------------------------------------------------------------------------------

describe('住院医疗 payouts (demo: deductible 650 / 1,300 first stay, 50 %, 8,000 per stay, 20,000 a year)', () => {
  test('the worked example: not the first stay', () => {
    const p = pay(stay(920_000), INPATIENT, afterOneStay())
    expect(p).toMatchObject({ eligible: true, payoutFen: 427_500, capApplied: null, reasons: [], refusal: null, eventKey: 'stay:2026-03-10', once: false })
    expect(p.steps).toEqual(['自付 9,200 元 − 起付线 650 元 = 8,550 元 × 50% = 4,275 元'])
  })

  test('the first stay of the year uses the higher deductible', () => {
    const p = pay(stay(920_000), INPATIENT, null)
    expect(p.payoutFen).toBe(395_000)
    expect(p.steps).toEqual(['今年第一次住院，起付线是 1,300 元', '自付 9,200 元 − 起付线 1,300 元 = 7,900 元 × 50% = 3,950 元'])
    // an empty ledger is the same as none
    expect(pay(stay(920_000), INPATIENT, ledgerOf(INPATIENT)).payoutFen).toBe(395_000)
  })

  test.each([
    // selfPaid, payout, capApplied
    [65_000, 0, null],
    [65_001, 0, null],
    [65_101, 50, null],
    [165_000, 50_000, null],
    [1_665_000, 800_000, null],
    [1_665_002, 800_000, 'per_event'],
    [2_000_000, 800_000, 'per_event'],
  ])('later stay: self-paid %i fen → %i fen', (selfPaid, payout, cap) => {
    const p = pay(stay(selfPaid), INPATIENT, afterOneStay())
    expect([p.payoutFen, p.capApplied, p.eligible]).toEqual([payout, cap, payout > 0])
  })

  test.each([
    [130_000, 0],
    [130_001, 0],
    [920_000, 395_000],
    [1_730_000, 800_000],
  ])('first stay: self-paid %i fen → %i fen', (selfPaid, payout) => expect(pay(stay(selfPaid), INPATIENT, null).payoutFen).toBe(payout))

  test('below the deductible: the reason says so', () => {
    const p = pay(stay(60_000), INPATIENT, afterOneStay())
    expect(p).toMatchObject({ eligible: false, payoutFen: 0, refusal: 'below_deductible', reasons: ['自付 600 元，没有超过起付线 650 元，这次不能补助'] })
    expect(pay(stay(65_001), INPATIENT, afterOneStay()).reasons).toEqual(['超过起付线的部分按比例算下来不到 1 分钱，这次不能补助'])
  })

  test('the per-stay cap is per share; the deductible is not', () => {
    const p = pay(stay(3_000_000), INPATIENT, afterOneStay(), 2)
    expect(p.payoutFen).toBe(1_467_500)
    expect(pay(stay(5_000_000), INPATIENT, afterOneStay(), 2)).toMatchObject({ payoutFen: 1_600_000, capApplied: 'per_event' })
  })

  test('reduced cover (days 31–90) pays the reduced ratio, rounded down to the fen', () => {
    const p = pay(stay(920_000), INPATIENT, afterOneStay(), 1, 50)
    expect(p.payoutFen).toBe(213_750)
    expect(p.steps).toEqual(['自付 9,200 元 − 起付线 650 元 = 8,550 元 × 50% = 4,275 元', '参加保障时间还短，按 50% 补助：4,275 元 × 50% = 2,137.50 元', '这次补助 2,137.50 元'])
    expect(pay(stay(65_203), INPATIENT, afterOneStay(), 1, 50).payoutFen).toBe(50) // 203 → 101 → 50
    // the cap applies before the reduction: reduced cover halves what full cover would pay
    expect(pay(stay(2_000_000), INPATIENT, afterOneStay(), 1, 50)).toMatchObject({ payoutFen: 400_000, maxFen: 400_000 })
  })

  test('the annual cap: what is left this year, then nothing', () => {
    const p = pay(stay(920_000), INPATIENT, afterOneStay(1_900_000))
    expect(p).toMatchObject({ eligible: true, payoutFen: 100_000, capApplied: 'annual', annualCapFen: 2_000_000, annualRemainingFen: 100_000 })
    expect(p.steps.slice(1)).toEqual(['今年这个保障最多补助 20,000 元，已经批了 19,000 元，还能补助 1,000 元，按 1,000 元算', '这次补助 1,000 元'])
    const none = pay(stay(920_000), INPATIENT, afterOneStay(2_000_000))
    expect(none).toMatchObject({ eligible: false, payoutFen: 0, refusal: 'annual_cap_reached', maxFen: 0 })
    expect(none.reasons).toEqual(['今年这个保障最多补助 20,000 元，已经全部用完，这次不能再补助'])
  })

  test('a stay already approved this year is not paid again', () => {
    const p = pay(stay(920_000, '2026-01-05'), INPATIENT, afterOneStay())
    expect(p).toMatchObject({ eligible: false, payoutFen: 0, refusal: 'already_paid', reasons: ['这件事已经补助过了，同一件事只补助一次'] })
  })

  test('a ledger of another plan or year is a programming error', () => {
    expect(() => pay(stay(920_000), INPATIENT, ledgerOf(INPATIENT, {}, 2025))).toThrow(/year/)
    expect(() => pay(stay(920_000), CRITICAL)).toThrow(/judged by/)
  })
})

describe('重大疾病, 意外伤害, 女职工特殊疾病 payout tables', () => {
  const critical = (disease: string, eventDate = '2026-05-01'): ClaimFacts => ({ kind: 'critical_illness', eventDate, disease })
  const female = (femaleClass: 'class1' | 'class2' | 'class3' | 'class4'): ClaimFacts => ({ kind: 'female_special', eventDate: '2026-05-01', femaleClass })
  const accident = (c: { benefit: 'death' } | { benefit: 'disability'; grade: 1 | 3 | 5 | 10 } | { benefit: 'allowance'; admissionDate: string; dischargeDate: string }): ClaimFacts => ({
    kind: 'accident',
    eventDate: '2026-05-01',
    ...c,
  })

  test('critical illness: fixed sum × shares, once per disease', () => {
    expect(pay(critical('malignant_tumor'), CRITICAL).payoutFen).toBe(1_000_000)
    const three = pay(critical('malignant_tumor'), CRITICAL, null, 3)
    expect(three).toMatchObject({ payoutFen: 3_000_000, eventKey: 'disease:malignant_tumor', once: true })
    expect(three.steps).toEqual(['确诊「恶性肿瘤」：每份 10,000 元 × 3 份 = 30,000 元'])
    expect(pay(critical('malignant_tumor'), CRITICAL, null, 1, 50).payoutFen).toBe(500_000)
    expect(pay(critical('malignant_tumor'), CRITICAL, null, 1, 100, ['disease:malignant_tumor'])).toMatchObject({
      eligible: false,
      refusal: 'already_paid',
      reasons: ['「恶性肿瘤」已经补助过了，每种病只补助一次'],
    })
    // another disease in the same year is paid, within the annual cap
    expect(pay(critical('acute_mi'), CRITICAL, ledgerOf(CRITICAL, { approvedFen: 1_000_000, events: ['disease:malignant_tumor'] })).payoutFen).toBe(1_000_000)
    expect(pay(critical('cold'), CRITICAL)).toMatchObject({ eligible: false, refusal: 'not_covered', reasons: ['这个病不在重大疾病的清单里，这个保障不能补助'] })
  })

  test.each([
    [1, 1, 1_000_000],
    [3, 1, 800_000],
    [10, 1, 100_000],
    [5, 2, 1_200_000],
  ] as const)('accident disability grade %i with %i share(s) → %i fen', (grade, shares, fen) => {
    expect(pay(accident({ benefit: 'disability', grade }), ACCIDENT, null, shares).payoutFen).toBe(fen)
  })

  test('accident: death, the explanation, and one lump sum per accident', () => {
    const death = pay(accident({ benefit: 'death' }), ACCIDENT)
    expect(death).toMatchObject({ payoutFen: 1_000_000, eventKey: 'accident:2026-05-01:sum' })
    expect(pay(accident({ benefit: 'disability', grade: 3 }), ACCIDENT).steps).toEqual(['伤残 3 级补助保额的 80%：保额 10,000 元，× 80% = 8,000 元'])
    const afterDisability = ledgerOf(ACCIDENT, { approvedFen: 800_000, events: ['accident:2026-05-01:sum'] })
    expect(pay(accident({ benefit: 'death' }), ACCIDENT, afterDisability)).toMatchObject({ eligible: false, refusal: 'already_paid' })
  })

  test('accident hospital allowance: days × daily sum × shares, at most 180 days', () => {
    const twelve = pay(accident({ benefit: 'allowance', admissionDate: '2026-05-01', dischargeDate: '2026-05-13' }), ACCIDENT)
    expect(twelve).toMatchObject({ payoutFen: 24_000, eventKey: 'accident:2026-05-01:allowance', steps: ['住院 12 天 × 每天 20 元 = 240 元'] })
    expect(pay(accident({ benefit: 'allowance', admissionDate: '2026-05-01', dischargeDate: '2026-05-01' }), ACCIDENT).payoutFen).toBe(2_000)
    const long = pay(accident({ benefit: 'allowance', admissionDate: '2026-05-01', dischargeDate: '2026-11-17' }), ACCIDENT)
    expect(long).toMatchObject({ payoutFen: 360_000, steps: ['住院 200 天，最多算 180 天', '住院 180 天 × 每天 20 元 = 3,600 元'] })
    expect(pay(accident({ benefit: 'allowance', admissionDate: '2026-05-01', dischargeDate: '2026-05-13' }), ACCIDENT, null, 2).steps).toEqual(['住院 12 天 × 每天 40 元（2 份） = 480 元'])
    // disability grade 1 plus the longest allowance fills the annual cap exactly
    const afterAllowance = ledgerOf(ACCIDENT, { approvedFen: 360_000, events: ['accident:2026-05-01:allowance'] })
    expect(pay(accident({ benefit: 'disability', grade: 1 }), ACCIDENT, afterAllowance)).toMatchObject({ payoutFen: 1_000_000, capApplied: null })
    expect(hospitalDays('2026-05-01', '2026-05-01')).toBe(1)
  })

  test('female special diseases: tier × shares, once per class', () => {
    expect([1, 2, 3, 4].map((n) => pay(female(`class${n}` as 'class1'), FEMALE).payoutFen)).toEqual([600_000, 300_000, 200_000, 100_000])
    const two = pay(female('class2'), FEMALE, null, 2)
    expect(two).toMatchObject({ payoutFen: 600_000, eventKey: 'female:class2', once: true, steps: ['第二类疾病：每份 3,000 元 × 2 份 = 6,000 元'] })
    expect(pay(female('class1'), FEMALE, null, 1, 100, ['female:class1'])).toMatchObject({ eligible: false, refusal: 'already_paid' })
    // the demo annual cap (6,000 per share) limits a second class in the same year
    expect(pay(female('class1'), FEMALE, ledgerOf(FEMALE, { approvedFen: 100_000, events: ['female:class4'] }))).toMatchObject({ payoutFen: 500_000, capApplied: 'annual' })
  })
})

describe('payout properties', () => {
  const ledgerArb = (r: PlanRuleVersion, shares: number) =>
    fc.option(
      fc.record({ approvedFen: fc.integer({ min: 0, max: annualCapFor(r, shares) }), stays: fc.boolean() }).map(({ approvedFen, stays }) => ledgerOf(r, { approvedFen, events: stays ? ['stay:2026-01-02'] : [] })),
      { nil: null },
    )
  const setup = fc.integer({ min: 1, max: 10 }).chain((shares) => fc.record({ shares: fc.constant(shares), coverPct: fc.constantFrom(50, 100), ledger: ledgerArb(INPATIENT, shares) }))
  const fenArb = fc.integer({ min: 0, max: 1_000_000_000 })

  test('inpatient: never negative, an integer, never above the per-stay or the annual cap', () => {
    fc.assert(
      fc.property(setup, fenArb, ({ shares, coverPct, ledger }, selfPaid) => {
        const p = pay(stay(selfPaid), INPATIENT, ledger, shares, coverPct)
        expect(Number.isSafeInteger(p.payoutFen) && p.payoutFen >= 0).toBe(true)
        expect(p.payoutFen).toBeLessThanOrEqual(INPATIENT.inpatient.perStayCapFen * shares)
        expect(p.payoutFen).toBeLessThanOrEqual(annualCapFor(INPATIENT, shares) - (ledger?.approvedFen ?? 0))
        expect(p.payoutFen).toBeLessThanOrEqual(p.maxFen)
        expect(p.payoutFen).toBeLessThanOrEqual(Math.max(0, selfPaid - INPATIENT.inpatient.deductibleFen))
        expect(p.eligible).toBe(p.payoutFen > 0)
        if (!p.eligible) expect(p.reasons.length).toBeGreaterThan(0)
      }),
    )
  })

  test('inpatient: monotone in the self-paid amount', () => {
    fc.assert(
      fc.property(setup, fenArb, fenArb, ({ shares, coverPct, ledger }, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a]
        expect(pay(stay(lo), INPATIENT, ledger, shares, coverPct).payoutFen).toBeLessThanOrEqual(pay(stay(hi), INPATIENT, ledger, shares, coverPct).payoutFen)
      }),
    )
  })

  test('accident allowance: monotone in days, within the 180-day and annual caps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 13_600_000 }), (shares, d1, d2, used) => {
        const ledger = ledgerOf(ACCIDENT, { approvedFen: Math.min(used, annualCapFor(ACCIDENT, shares)), events: [] })
        const claim = (d: number): ClaimFacts => ({ kind: 'accident', eventDate: '2026-05-01', benefit: 'allowance', admissionDate: '2026-05-01', dischargeDate: addDays('2026-05-01', d) })
        const [lo, hi] = [pay(claim(Math.min(d1, d2)), ACCIDENT, ledger, shares), pay(claim(Math.max(d1, d2)), ACCIDENT, ledger, shares)]
        expect(lo.payoutFen).toBeLessThanOrEqual(hi.payoutFen)
        expect(hi.payoutFen).toBeLessThanOrEqual(Math.min(180 * 2_000 * shares, annualCapFor(ACCIDENT, shares) - ledger.approvedFen))
        expect(hi.payoutFen).toBeGreaterThanOrEqual(0)
      }),
    )
  })

  test('fixed sums: never above the sum × shares, the reduced ratio, or what is left this year', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ClaimFacts>(
          { kind: 'critical_illness', eventDate: '2026-05-01', disease: 'malignant_tumor' },
          { kind: 'female_special', eventDate: '2026-05-01', femaleClass: 'class1' },
          { kind: 'female_special', eventDate: '2026-05-01', femaleClass: 'class3' },
        ),
        fc.integer({ min: 1, max: 10 }),
        fc.constantFrom(50, 100),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (claim, shares, coverPct, usedShare) => {
          const r = claim.kind === 'critical_illness' ? CRITICAL : FEMALE
          const cap = annualCapFor(r, shares)
          const ledger = ledgerOf(r, { approvedFen: Math.floor(cap * usedShare), events: [] })
          const p = pay(claim, r, ledger, shares, coverPct)
          const sum = claim.kind === 'female_special' ? FEMALE.female.tiers[claim.femaleClass] : CRITICAL.critical.sumPerShareFen
          expect(p.payoutFen).toBe(Math.min(Math.floor((sum * shares * coverPct) / 100), cap - ledger.approvedFen))
        },
      ),
    )
  })
})

// ---------------------------------------------------------------------------------------------------

describe('ledger: the annual cap and one payout per event', () => {
  test('applyApproval books, refuses the same event, refuses above the cap, never mutates', () => {
    const l0 = emptyLedger('m1', 'plan-inpatient', 2026)
    const r1 = applyApproval(l0, 'stay:2026-03-10', 427_500, 2_000_000)
    expect(r1).toEqual({ ok: true, ledger: { ...l0, approvedFen: 427_500, events: ['stay:2026-03-10'] } })
    expect(l0).toEqual(emptyLedger('m1', 'plan-inpatient', 2026))
    if (!r1.ok) return
    expect(applyApproval(r1.ledger, 'stay:2026-03-10', 1, 2_000_000)).toMatchObject({ ok: false, code: 'MUTUAL_AID.ALREADY_PAID' })
    expect(applyApproval(r1.ledger, 'stay:2026-05-01', 1_572_501, 2_000_000)).toMatchObject({ ok: false, code: 'MUTUAL_AID.CAP_EXCEEDED', remainingFen: 1_572_500 })
    expect(applyApproval(r1.ledger, 'stay:2026-05-01', 1_572_500, 2_000_000)).toMatchObject({ ok: true, ledger: { approvedFen: 2_000_000 } })
    expect(applyApproval(r1.ledger, 'stay:2026-05-01', 0, 2_000_000)).toMatchObject({ ok: false, code: 'MUTUAL_AID.AMOUNT_INVALID' })
    expect(applyApproval(r1.ledger, 'stay:2026-05-01', 10.5, 2_000_000)).toMatchObject({ ok: false, code: 'MUTUAL_AID.AMOUNT_INVALID' })
  })

  test('applyPayment: only approved events, never more than approved', () => {
    const approved = applyApproval(emptyLedger('m1', 'p', 2026), 'e1', 1000, 5000)
    if (!approved.ok) throw new Error('approval refused')
    expect(applyPayment(approved.ledger, 'e1', 1000)).toMatchObject({ ok: true, ledger: { paidFen: 1000, approvedFen: 1000 } })
    expect(applyPayment(approved.ledger, 'e2', 1000)).toMatchObject({ ok: false })
    expect(applyPayment(approved.ledger, 'e1', 1001)).toMatchObject({ ok: false })
  })

  test('property: any sequence of approvals never exceeds the cap, books each event once, and the ledger equals the sum of accepted approvals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.array(fc.record({ event: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), amount: fc.integer({ min: -10, max: 3_000_000 }) }), { maxLength: 40 }),
        (cap, approvals) => {
          let ledger = emptyLedger('m1', 'p', 2026)
          let accepted = 0
          const booked = new Set<string>()
          for (const { event, amount } of approvals) {
            const r = applyApproval(ledger, event, amount, cap)
            if (r.ok) {
              expect(booked.has(event)).toBe(false)
              expect(amount).toBeGreaterThan(0)
              booked.add(event)
              accepted += amount
              ledger = r.ledger
            } else if (booked.has(event)) expect(r.code).toBe('MUTUAL_AID.ALREADY_PAID')
            else if (amount > 0) expect([r.code, amount > cap - ledger.approvedFen]).toEqual(['MUTUAL_AID.CAP_EXCEEDED', true])
            expect(ledger.approvedFen).toBeLessThanOrEqual(cap)
          }
          expect(ledger.approvedFen).toBe(accepted)
          expect(new Set(ledger.events).size).toBe(ledger.events.length)
        },
      ),
    )
  })

  test('property: approvals computed from a stale read (two staff at once) are re-checked against the fresh ledger', () => {
    // Both staff compute from the same ledger; the transaction applies them one after the other.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_500_000 }), fenArbSmall(), fenArbSmall(), (used, s1, s2) => {
        const start = ledgerOf(INPATIENT, { approvedFen: used, events: ['stay:2026-01-02'] })
        const cap = annualCapFor(INPATIENT, 1)
        const [p1, p2] = [pay(stay(s1, '2026-04-01'), INPATIENT, start), pay(stay(s2, '2026-05-01'), INPATIENT, start)]
        let ledger = start
        for (const p of [p1, p2]) {
          if (!p.eligible) continue
          const r = applyApproval(ledger, p.eventKey, p.payoutFen, cap)
          if (r.ok) ledger = r.ledger
          else expect(r.code).toBe('MUTUAL_AID.CAP_EXCEEDED')
        }
        expect(ledger.approvedFen).toBeLessThanOrEqual(cap)
      }),
    )
  })
})

function fenArbSmall() {
  return fc.integer({ min: 0, max: 2_500_000 })
}

// ---------------------------------------------------------------------------------------------------

describe('coverage on the event date', () => {
  const term = (termStart: string, termEnd: string, shares = 1): Enrollment => ({ planId: 'plan-inpatient', termStart, termEnd, shares })
  const first = [term('2026-01-01', '2026-12-31')]
  const on = (date: string, cause: 'illness' | 'accident' = 'illness', list = first) => coverageOn(list, 'plan-inpatient', date, cause, INPATIENT)

  test('waiting period edges: day 30 waits, day 31 reduced, day 90 reduced, day 91 full', () => {
    expect(on('2026-01-01')).toMatchObject({ status: 'waiting', covered: false, day: 1, waitDaysLeft: 30, ratioPct: 0 })
    expect(on('2026-01-30')).toMatchObject({ status: 'waiting', day: 30, waitDaysLeft: 1, reason: '在等待期内，还要等 1 天（2026年1月31日起才有保障）' })
    expect(on('2026-01-31')).toMatchObject({ status: 'reduced', covered: true, day: 31, ratioPct: 50 })
    expect(on('2026-03-31')).toMatchObject({ status: 'reduced', day: 90 })
    expect(on('2026-04-01')).toMatchObject({ status: 'full', day: 91, ratioPct: 100, reason: null, coveredFrom: '2026-01-31', fullFrom: '2026-04-01' })
  })

  test('accidents never wait', () => {
    expect(on('2026-01-01', 'accident')).toMatchObject({ status: 'full', covered: true, ratioPct: 100 })
    expect(coverageOn([{ ...first[0], planId: 'plan-accident' }], 'plan-accident', '2026-01-01', 'accident', ACCIDENT).status).toBe('full')
  })

  test('term edges: the first and the last day are covered, the days around are not', () => {
    expect(on('2025-12-31', 'accident')).toMatchObject({ status: 'not_enrolled', reason: '那天还没参加这个保障' })
    expect(on('2026-12-31', 'accident').status).toBe('full')
    const after = on('2027-01-01', 'accident')
    expect(after).toMatchObject({ status: 'expired', covered: false })
    expect(after.reason).toMatch(/^保障已经到期/)
    expect(coverageOn([], 'plan-inpatient', '2026-05-01', 'illness', INPATIENT).status).toBe('not_enrolled')
    // another plan's term does not count
    expect(coverageOn(first, 'plan-critical', '2026-05-01', 'illness', CRITICAL).status).toBe('not_enrolled')
  })

  test('renewal within 30 days of expiry keeps continuity; 31 days starts a new waiting period', () => {
    const within = [term('2025-01-01', '2025-12-31'), term('2026-01-31', '2026-12-31')]
    expect(on('2026-01-31', 'illness', within)).toMatchObject({ status: 'full', since: '2025-01-01' })
    const late = [term('2025-01-01', '2025-12-31'), term('2026-02-01', '2026-12-31')]
    expect(on('2026-02-01', 'illness', late)).toMatchObject({ status: 'waiting', since: '2026-02-01', day: 1, waitDaysLeft: 30 })
    // the gap itself is not covered
    expect(on('2026-01-15', 'accident', within).status).toBe('expired')
    // back-to-back terms and a chain of three
    const chain = [term('2026-01-01', '2026-12-31'), term('2024-01-01', '2024-12-31'), term('2025-01-20', '2025-12-31')]
    expect(on('2026-01-02', 'illness', chain)).toMatchObject({ status: 'full', since: '2024-01-01' })
  })

  test('the covering term gives the shares', () => {
    const list = [term('2025-01-01', '2025-12-31', 1), term('2026-01-01', '2026-12-31', 3)]
    expect(on('2026-06-01', 'illness', list).enrollment?.shares).toBe(3)
  })
})

// ---------------------------------------------------------------------------------------------------

describe('claim window (Asia/Shanghai)', () => {
  test('the last day is the event date + 730 days; today is the last day; the day after is closed', () => {
    expect(claimWindow('2026-01-10', '2028-01-09', INPATIENT)).toMatchObject({ open: true, lastDay: '2028-01-10', daysLeft: 1, warn: true, text: '还有 1 天可以申请（2028年1月10日截止）' })
    expect(claimWindow('2026-01-10', '2028-01-10', INPATIENT)).toMatchObject({ open: true, daysLeft: 0, text: '今天是申请的最后一天（2028年1月10日）' })
    expect(claimWindow('2026-01-10', '2028-01-11', INPATIENT)).toMatchObject({ open: false, daysLeft: -1, warn: false, text: '已经超过申请期限（2028年1月10日截止）' })
    expect(claimWindow('2026-01-10', '2026-02-01', INPATIENT)).toMatchObject({ warn: false })
    expect(claimWindow('2026-01-10', '2027-12-11', INPATIENT)).toMatchObject({ daysLeft: 30, warn: true })
  })

  test('instants are read in Shanghai: 23:30 on the last day is in time, 00:30 the next day is not (still the last day in UTC)', () => {
    expect(claimWindow('2026-01-10', new Date('2028-01-10T23:30:00+08:00'), INPATIENT).open).toBe(true)
    const late = new Date('2028-01-11T00:30:00+08:00')
    expect(late.toISOString().slice(0, 10)).toBe('2028-01-10')
    expect(claimWindow('2026-01-10', late, INPATIENT).open).toBe(false)
    expect(claimWindow('2026-01-10', '2028-01-10', INPATIENT).dueAt.toISOString()).toBe('2028-01-10T15:59:59.999Z')
  })

  test('an event at 23:30 Shanghai is that day; at 00:30 it is the next day', () => {
    const v = [INPATIENT, { ...INPATIENT, effectiveFrom: '2026-07-01', inpatient: { ...INPATIENT.inpatient, ratioPct: 60 } }]
    expect(ruleVersionOn(v, 'plan-inpatient', new Date('2026-06-30T23:30:00+08:00'))?.effectiveFrom).toBe('2024-01-01')
    expect(ruleVersionOn(v, 'plan-inpatient', new Date('2026-07-01T00:30:00+08:00'))?.effectiveFrom).toBe('2026-07-01')
  })
})

describe('rule versions', () => {
  const v2: PlanRuleVersion = { ...INPATIENT, effectiveFrom: '2026-07-01', inpatient: { ...INPATIENT.inpatient, ratioPct: 60 } }
  const versions = [v2, INPATIENT, CRITICAL]

  test('the version in force on the event date judges the claim', () => {
    expect(ruleVersionOn(versions, 'plan-inpatient', '2026-06-30')).toBe(INPATIENT)
    expect(ruleVersionOn(versions, 'plan-inpatient', '2026-07-01')).toBe(v2)
    expect(ruleVersionOn(versions, 'plan-inpatient', '2023-12-31')).toBeNull()
    expect(ruleVersionOn(versions, 'plan-unknown', '2026-07-01')).toBeNull()
    expect(pay(stay(920_000, '2026-07-01'), ruleVersionOn(versions, 'plan-inpatient', '2026-07-01')!, afterOneStay()).payoutFen).toBe(513_000)
  })

  test('a version in force is frozen; a future one may still be edited', () => {
    expect(versionEditable(v2, '2026-06-30')).toBe(true)
    expect(versionEditable(v2, '2026-07-01')).toBe(false)
  })
})

// ---------------------------------------------------------------------------------------------------

describe('documents and overrides', () => {
  test('ask only for what the plan and the case need', () => {
    expect(documentsFor(INPATIENT, stay(920_000))).toEqual(['id_card', 'bank_card', 'invoice', 'settlement_sheet', 'discharge_summary'])
    expect(documentsFor(INPATIENT, { ...stay(920_000), cause: 'accident' } as ClaimFacts)).toContain('accident_proof')
    expect(documentsFor(CRITICAL, { kind: 'critical_illness', eventDate: '2026-05-01', disease: 'malignant_tumor' })).toEqual(['id_card', 'bank_card', 'discharge_summary', 'diagnosis', 'pathology_report'])
    expect(documentsFor(CRITICAL, { kind: 'critical_illness', eventDate: '2026-05-01', disease: 'acute_mi' })).not.toContain('pathology_report')
    expect(documentsFor(ACCIDENT, { kind: 'accident', eventDate: '2026-05-01', benefit: 'death' })).toEqual(['id_card', 'bank_card', 'accident_proof', 'death_certificate', 'kinship_proof'])
    expect(documentsFor(FEMALE, { kind: 'female_special', eventDate: '2026-05-01', femaleClass: 'class1' })).toContain('pathology_report')
    expect(missingDocuments(['id_card', 'invoice'], { id_card: ['a'], invoice: [] })).toEqual(['invoice'])
  })

  test('an override stays within the most this claim may pay', () => {
    const p = pay(stay(920_000), INPATIENT, afterOneStay(1_900_000))
    expect(p.maxFen).toBe(100_000)
    expect(overrideProblem(100_000, p)).toBeNull()
    expect(overrideProblem(100_001, p)).toBe('批准的金额不能超过这次最多能补助的 1,000 元')
    expect(overrideProblem(0, p)).toMatch(/大于 0/)
  })

  test('event keys', () => {
    expect(eventKeyOf(stay(1))).toEqual({ key: 'stay:2026-03-10', once: false })
    expect(eventKeyOf({ kind: 'accident', eventDate: '2026-05-01', benefit: 'disability', grade: 3 }).key).toBe(eventKeyOf({ kind: 'accident', eventDate: '2026-05-01', benefit: 'death' }).key)
  })
})

describe('assessClaim: the check before submitting', () => {
  const enrolled = (termStart: string): Enrollment[] => [{ planId: 'plan-inpatient', termStart, termEnd: '2026-12-31', shares: 1 }]
  const base = { versions: DEMO_PLAN_RULES, planId: 'plan-inpatient', today: '2026-04-01', ledger: afterOneStay() }

  test('covered: eligible with the worked example and the documents to upload', () => {
    const r = assessClaim({ ...base, enrollments: enrolled('2025-01-01'), claim: stay(920_000) })
    if (!r.ok) throw new Error(r.message)
    // 730 days, across 29 February 2028: one day short of "two years" (see README)
    expect(r.value).toMatchObject({ eligible: true, reasons: [], refusal: null, window: { lastDay: '2028-03-09' } })
    expect(r.value.payout?.steps).toEqual(['自付 9,200 元 − 起付线 650 元 = 8,550 元 × 50% = 4,275 元'])
    expect(r.value.documents).toContain('settlement_sheet')
  })

  test('why not: waiting period, not enrolled, past the window, below the deductible', () => {
    const waiting = assessClaim({ ...base, enrollments: enrolled('2026-03-01'), claim: stay(920_000) })
    expect(waiting.ok && waiting.value).toMatchObject({ eligible: false, payout: null, refusal: 'waiting_period', reasons: ['在等待期内，还要等 21 天（2026年3月31日起才有保障）'] })
    const none = assessClaim({ ...base, enrollments: [], claim: stay(920_000) })
    expect(none.ok && none.value).toMatchObject({ eligible: false, refusal: 'not_enrolled', reasons: ['那天还没参加这个保障'] })
    const old = assessClaim({ ...base, today: '2028-03-10', ledger: null, enrollments: [{ planId: 'plan-inpatient', termStart: '2025-01-01', termEnd: '2026-12-31', shares: 1 }], claim: stay(920_000) })
    expect(old.ok && old.value).toMatchObject({ eligible: false, refusal: 'window_closed', reasons: ['已经超过申请期限（2028年3月9日截止）'] })
    const low = assessClaim({ ...base, enrollments: enrolled('2025-01-01'), claim: stay(50_000) })
    expect(low.ok && low.value).toMatchObject({ eligible: false, refusal: 'below_deductible' })
  })

  test('refused outright: a future date, or no rule version on that date', () => {
    expect(assessClaim({ ...base, enrollments: enrolled('2025-01-01'), claim: stay(920_000, '2026-04-02') })).toMatchObject({ ok: false, code: 'MUTUAL_AID.FUTURE_DATE' })
    expect(assessClaim({ ...base, ledger: null, enrollments: enrolled('2020-01-01'), claim: stay(920_000, '2023-06-01') })).toMatchObject({ ok: false, code: 'MUTUAL_AID.NO_RULES' })
  })
})
