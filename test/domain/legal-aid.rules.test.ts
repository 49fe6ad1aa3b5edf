import fc from 'fast-check'
import {
  assignDeadline,
  checkLegalAidEligibility,
  compareTriage,
  DEMO_LEGAL_AID_RULES as RULES,
  limitationDate,
  oneYearAfter,
  reviewDeadline,
  urgency,
  type CaseFacts,
  type StateChange,
} from '../../src/domain/legal-aid/legal-aid.rules'
import { DEMAND_CODES, DISPUTE_TYPE_CODES, HARDSHIP_CODES } from '../../src/domain/legal-aid/legal-aid.constants'
import { addDays, DEMO_CALENDAR_2026, WorkCalendar } from '../../src/domain/calendar/working-days'

const cal = new WorkCalendar([DEMO_CALENDAR_2026])
/** An instant at a Shanghai wall-clock time. */
const sh = (local: string) => new Date(`${local}+08:00`)

const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  disputeType: 'wages',
  wants: ['unpaid_wages'],
  amountFen: 1_200_000,
  migrant: false,
  workersAffected: 1,
  householdIncomePerPersonFen: null,
  hardship: null,
  stillEmployed: false,
  dates: { entryDate: '2026-01-05', terminationDate: '2026-05-31' },
  ...over,
})

// ---------------------------------------------------------------------------------------------------

describe('eligibility (demo: floor 1,000 元, minimum wage 1,850 元/月)', () => {
  test.each([
    ['migrant + unpaid wages, small amount, no income given', { migrant: true, amountFen: 50_000 }, '你是农民工，追讨工资，不需要经济困难证明。'],
    ['migrant + overtime pay (劳动报酬 too)', { migrant: true, disputeType: 'overtime', wants: ['overtime_pay'] }, '你是农民工，追讨工资，不需要经济困难证明。'],
    ['migrant + work injury', { migrant: true, disputeType: 'injury', wants: ['injury_compensation'], householdIncomePerPersonFen: 900_000 }, '你是农民工，要工伤赔偿，不需要经济困难证明。'],
    ['migrant + a wage demand under another dispute type', { migrant: true, disputeType: 'contract', wants: ['severance', 'unpaid_wages'] }, '你是农民工，追讨工资，不需要经济困难证明。'],
  ] as const)('%s → no means test', (_, over, message) => {
    expect(checkLegalAidEligibility(facts(over as Partial<CaseFacts>), RULES)).toEqual({
      eligible: true,
      basis: 'migrant_wage_or_injury',
      needsProof: [],
      proofText: [],
      message,
      help: 'legal_aid',
      askIncome: false,
    })
  })

  test('a migrant worker dismissed (no wage or injury claim) goes through the means test', () => {
    const e = checkLegalAidEligibility(facts({ migrant: true, disputeType: 'contract', wants: ['severance'], householdIncomePerPersonFen: 300_000 }), RULES)
    expect(e).toMatchObject({ eligible: false, basis: null, help: 'consultation' })
  })

  test('amount ≥ floor and income below the minimum wage → income proof, saying which and why', () => {
    const e = checkLegalAidEligibility(facts({ householdIncomePerPersonFen: 120_000 }), RULES)
    expect(e).toMatchObject({ eligible: true, basis: 'hardship_income', needsProof: ['income_proof'], help: 'legal_aid' })
    expect(e.message).toBe(
      '要讨的钱 12,000 元，达到了 1,000 元；家里每人每月收入 1,200 元，低于本地最低工资 1,850 元，符合法律援助条件。请准备一份家庭经济困难证明：按规定，免费代理要用它证明家里确实困难。',
    )
    expect(e.proofText).toEqual(['家庭经济困难证明：村（居）委会或乡镇（街道）开的家庭收入证明，或者低保证、特困证'])
  })

  test.each([
    // amount, income, eligible
    [100_000, 184_999, true],
    [99_999, 184_999, false],
    [100_000, 185_000, false],
    [100_000, 0, true],
  ])('boundaries: amount %i fen, income %i fen → %s', (amountFen, income, eligible) => {
    expect(checkLegalAidEligibility(facts({ amountFen, householdIncomePerPersonFen: income }), RULES).eligible).toBe(eligible)
  })

  test('amount below the floor: explained plainly, still submittable as consultation', () => {
    const e = checkLegalAidEligibility(facts({ amountFen: 80_000, householdIncomePerPersonFen: 50_000 }), RULES)
    expect(e).toMatchObject({ eligible: false, basis: null, needsProof: [], help: 'consultation', askIncome: false })
    expect(e.message).toBe('你要讨的钱是 800 元，不到 1,000 元，按规定不能免费代理打官司。你可以照样提交：工会免费给你咨询、帮你想办法，也可能作为其他事项受理。')
  })

  test('income above the minimum wage: explained plainly, still submittable', () => {
    const e = checkLegalAidEligibility(facts({ householdIncomePerPersonFen: 300_000 }), RULES)
    expect(e).toMatchObject({ eligible: false, help: 'consultation' })
    expect(e.message).toMatch(/^家里每人每月收入 3,000 元，不低于本地最低工资 1,850 元，按规定不能免费代理打官司。你可以照样提交/)
  })

  test('income not given: asks for it', () => {
    const e = checkLegalAidEligibility(facts(), RULES)
    expect(e).toMatchObject({ eligible: false, askIncome: true })
    expect(e.message).toContain('请填上家里每人每月的收入再看一看')
  })

  test('nothing in money (e.g. 补交社保): no amount, no free representation unless another basis', () => {
    const e = checkLegalAidEligibility(facts({ disputeType: 'social_insurance', wants: ['social_insurance'], amountFen: null, householdIncomePerPersonFen: 50_000 }), RULES)
    expect(e).toMatchObject({ eligible: false, help: 'consultation' })
    expect(e.message).toContain('你这次要的不是钱')
  })

  test.each(HARDSHIP_CODES)('force majeure (%s) → hardship proof, whatever the amount', (hardship) => {
    const e = checkLegalAidEligibility(facts({ amountFen: 30_000, householdIncomePerPersonFen: 500_000, hardship }), RULES)
    expect(e).toMatchObject({ eligible: true, basis: 'force_majeure', needsProof: ['hardship_proof'] })
    expect(e.message).toMatch(/^因为.+，符合法律援助条件。请准备重病或受灾的证明/)
  })

  test('low income and force majeure: the income basis comes first', () => {
    expect(checkLegalAidEligibility(facts({ householdIncomePerPersonFen: 100_000, hardship: 'disaster' }), RULES).basis).toBe('hardship_income')
  })

  test('the rule table decides, not the code', () => {
    const strict = { ...RULES, amountFloorFen: 2_000_000, minimumWageFen: 200_000 }
    expect(checkLegalAidEligibility(facts({ householdIncomePerPersonFen: 190_000 }), strict).eligible).toBe(false)
    expect(checkLegalAidEligibility(facts({ amountFen: 2_000_000, householdIncomePerPersonFen: 190_000 }), strict).eligible).toBe(true)
  })

  test('property: everyone gets a plain message; not eligible is always consultation, never a refusal', () => {
    const arb = fc.record({
      disputeType: fc.constantFrom(...DISPUTE_TYPE_CODES),
      wants: fc.uniqueArray(fc.constantFrom(...DEMAND_CODES), { minLength: 1 }),
      amountFen: fc.option(fc.integer({ min: 1, max: 100_000_000 })),
      migrant: fc.boolean(),
      householdIncomePerPersonFen: fc.option(fc.integer({ min: 0, max: 5_000_000 })),
      hardship: fc.option(fc.constantFrom(...HARDSHIP_CODES)),
    })
    fc.assert(
      fc.property(arb, (f) => {
        const e = checkLegalAidEligibility(f, RULES)
        expect(e.message.length).toBeGreaterThan(10)
        expect(e.help).toBe(e.eligible ? 'legal_aid' : 'consultation')
        expect(e.basis === null).toBe(!e.eligible)
        expect(e.proofText).toHaveLength(e.needsProof.length)
      }),
    )
  })
})

// ---------------------------------------------------------------------------------------------------

describe('limitation: one year to apply for labour arbitration (劳动争议调解仲裁法 §27)', () => {
  const limit = (over: Partial<CaseFacts>, now: Date | string = '2026-06-15') => limitationDate(facts(over), now, RULES)

  test('one year from when the worker knew', () => {
    const l = limit({ disputeType: 'social_insurance', wants: ['social_insurance'], dates: { knewDate: '2026-03-01' }, stillEmployed: true })
    expect(l).toMatchObject({ lastDay: '2027-03-01', status: 'ok', daysLeft: 259, message: '请在 2027年3月1日 前申请劳动仲裁。' })
    expect(l.basis).toBe('从知道权益受损那天（2026年3月1日）算起一年（劳动争议调解仲裁法第二十七条）。')
  })

  test('wages owed during employment: the clock starts when employment ends, not at the missed pay day', () => {
    const l = limit({ dates: { entryDate: '2024-01-05', lastPayDate: '2025-03-10', terminationDate: '2026-01-20' } })
    expect(l).toMatchObject({ lastDay: '2027-01-20', status: 'ok', message: '请在 2027年1月20日 前申请劳动仲裁。' })
    expect(l.basis).toContain('讨工资从离开单位那天（2026年1月20日）算起一年')
    // overtime pay is wages too
    expect(limit({ disputeType: 'overtime', wants: ['overtime_pay'], dates: { terminationDate: '2026-01-20' } }).lastDay).toBe('2027-01-20')
  })

  test('still employed and owed wages: no running limitation, and it says so', () => {
    const l = limit({ stillEmployed: true, dates: { entryDate: '2024-01-05', lastPayDate: '2025-03-10' } })
    expect(l).toMatchObject({ lastDay: null, status: 'not_running', daysLeft: null })
    expect(l.message).toBe('你还在这个单位干活，讨工资现在没有一年的期限。离开单位以后，要在一年内申请劳动仲裁，别拖。')
  })

  test('injury: one year from the injury date, or from when the worker knew; plus the 工伤认定 deadline', () => {
    const l = limit({ disputeType: 'injury', wants: ['injury_compensation'], stillEmployed: true, dates: { injuryDate: '2026-05-10' } })
    expect(l).toMatchObject({ lastDay: '2027-05-10', status: 'ok' })
    expect(l.basis).toContain('从受伤那天（2026年5月10日）算起一年')
    expect(l.notes).toEqual(['单位没给你申请工伤认定的，你自己要在 2027年5月10日 前到人社局申请工伤认定（工伤保险条例第十七条）。'])
    const knew = limit({ disputeType: 'injury', wants: ['injury_compensation'], dates: { injuryDate: '2026-01-10', knewDate: '2026-04-02' } })
    expect(knew.lastDay).toBe('2027-04-02')
    expect(limit({ disputeType: 'injury', dates: { injuryDate: '2024-01-10' } }).notes).toEqual([])
  })

  test('contract termination: one year from termination', () => {
    expect(limit({ disputeType: 'contract', wants: ['severance'], dates: { entryDate: '2020-03-01', terminationDate: '2026-04-30' } }).lastDay).toBe('2027-04-30')
  })

  test('a date the rule needs is missing: says which', () => {
    expect(limit({ dates: {} })).toMatchObject({ status: 'unknown', lastDay: null, message: '请填上离开单位的日期，才能算出申请劳动仲裁的最后一天。' })
    expect(limit({ disputeType: 'other', wants: ['other'], dates: {} }).message).toContain('知道权益受损的日期')
    expect(limit({ disputeType: 'injury', dates: {} }).message).toContain('受伤的日期')
  })

  test.each([
    ['2024-02-29', '2025-02-28'],
    ['2023-02-28', '2024-02-28'],
    ['2023-03-01', '2024-03-01'],
    ['2025-12-31', '2026-12-31'],
  ])('one year after %s is %s (no corresponding day → the end of the month)', (start, last) => expect(oneYearAfter(start)).toBe(last))

  test('leap day through the whole rule', () => {
    expect(limit({ disputeType: 'other', wants: ['other'], dates: { knewDate: '2024-02-29' } }, '2025-02-01')).toMatchObject({ lastDay: '2025-02-28', status: 'urgent', daysLeft: 27 })
  })

  describe('near / urgent / passed boundaries (last day 2027-03-01, warn 60, urgent 30)', () => {
    const at = (now: Date | string) => limit({ disputeType: 'other', wants: ['other'], dates: { knewDate: '2026-03-01' } }, now)

    test.each([
      ['2026-12-30', 'ok', 61],
      ['2026-12-31', 'near', 60],
      ['2027-01-29', 'near', 31],
      ['2027-01-30', 'urgent', 30],
      ['2027-03-01', 'urgent', 0],
      ['2027-03-02', 'passed', -1],
    ])('on %s: %s (%i days left)', (today, status, daysLeft) => expect(at(today)).toMatchObject({ status, daysLeft, lastDay: '2027-03-01' }))

    test('messages: a clear warning near, louder when urgent, never a silent rejection when passed', () => {
      expect(at('2027-01-10').message).toBe('请在 2027年3月1日 前申请劳动仲裁，还剩 50 天，要抓紧。')
      expect(at('2027-02-20').message).toBe('请在 2027年3月1日 前申请劳动仲裁，只剩 9 天了！请马上提交，工会会优先处理。')
      expect(at('2027-03-01').message).toBe('今天是最后一天（2027年3月1日）！请马上提交，工会会优先处理。')
      expect(at('2027-05-01').message).toMatch(/^已经过了申请劳动仲裁的时效（最后一天是 2027年3月1日）。仍然可以提交，工会会帮你看有没有补救办法/)
    })

    test('the day turns at midnight in Shanghai, not UTC', () => {
      expect(at(sh('2027-03-01T23:59:59'))).toMatchObject({ status: 'urgent', daysLeft: 0 })
      // 2027-03-01T16:00Z is still 1 March in UTC but already 2 March in Shanghai
      expect(at(new Date('2027-03-01T16:00:00Z'))).toMatchObject({ status: 'passed', daysLeft: -1 })
    })
  })
})

// ---------------------------------------------------------------------------------------------------

describe('triage: urgent first, then oldest', () => {
  const NOW = sh('2026-06-15T10:00')
  /** knewDate that puts the last day `daysLeft` days after NOW's date. */
  const knewFor = (daysLeft: number) => addDays('2025-06-15', daysLeft)
  const triageCase = (id: string, submittedAt: string, over: Partial<CaseFacts> = {}) => ({
    id,
    submittedAt: sh(submittedAt),
    facts: facts({ disputeType: 'other', wants: ['other'], dates: { knewDate: knewFor(200) }, ...over }),
  })
  const order = (cases: ReturnType<typeof triageCase>[]) => cases.map((c) => urgency(c, NOW, RULES)).sort(compareTriage).map((t) => t.id)

  test('flags and fast track', () => {
    const t = urgency(triageCase('a', '2026-06-10T09:00', { migrant: true, disputeType: 'wages', wants: ['unpaid_wages'], workersAffected: 53 }), NOW, RULES)
    expect(t).toMatchObject({ flags: ['group', 'migrant_wage_or_injury'], score: 6, fastTrack: true, ageDays: 5 })
    const near = urgency(triageCase('b', '2026-06-14T09:00', { dates: { knewDate: knewFor(45) } }), NOW, RULES)
    expect(near).toMatchObject({ flags: ['limitation_near'], score: 8, fastTrack: false })
    expect(urgency(triageCase('c', '2026-06-14T09:00', { dates: { knewDate: knewFor(-3) } }), NOW, RULES)).toMatchObject({ flags: ['limitation_passed'], score: 0 })
    expect(urgency(triageCase('d', '2026-06-14T09:00', { hardship: 'serious_illness' }), NOW, RULES)).toMatchObject({ flags: ['hardship'], fastTrack: true })
    expect(urgency(triageCase('e', '2026-06-14T09:00', { workersAffected: 9 }), NOW, RULES).flags).toEqual([])
    expect(urgency(triageCase('f', '2026-06-14T09:00', { workersAffected: 10 }), NOW, RULES).flags).toEqual(['group'])
  })

  test('the queue: urgent limitation, near limitation, 群体性, migrant wage, hardship, plain; ties oldest first', () => {
    const cases = [
      triageCase('plain-new', '2026-06-14T09:00'),
      triageCase('plain-old', '2026-06-01T09:00'),
      triageCase('hardship', '2026-06-14T09:00', { householdIncomePerPersonFen: 100_000 }),
      triageCase('migrant', '2026-06-14T09:00', { migrant: true, wants: ['unpaid_wages'] }),
      triageCase('group', '2026-06-14T09:00', { workersAffected: 12 }),
      triageCase('near', '2026-06-14T09:00', { dates: { knewDate: knewFor(50) } }),
      triageCase('urgent', '2026-06-14T09:00', { dates: { knewDate: knewFor(10) } }),
      triageCase('near-group-migrant', '2026-06-14T09:00', { dates: { knewDate: knewFor(50) }, workersAffected: 30, migrant: true, wants: ['unpaid_wages'] }),
    ]
    expect(order(cases)).toEqual(['urgent', 'near-group-migrant', 'near', 'group', 'migrant', 'hardship', 'plain-old', 'plain-new'])
  })

  const otherFacts = fc.record({
    wants: fc.uniqueArray(fc.constantFrom(...DEMAND_CODES), { minLength: 1 }),
    amountFen: fc.option(fc.integer({ min: 1, max: 10_000_000 })),
    migrant: fc.boolean(),
    workersAffected: fc.integer({ min: 1, max: 200 }),
    householdIncomePerPersonFen: fc.option(fc.integer({ min: 0, max: 1_000_000 })),
    hardship: fc.option(fc.constantFrom(...HARDSHIP_CODES)),
  })
  const instant = fc.integer({ min: Date.parse('2026-01-01T00:00:00+08:00'), max: NOW.getTime() }).map((ms) => new Date(ms))

  test('property: a case near its limitation always ranks above an otherwise equal one that is not, whatever their ages', () => {
    fc.assert(
      fc.property(otherFacts, fc.integer({ min: 0, max: RULES.limitationWarnDays }), fc.integer({ min: RULES.limitationWarnDays + 1, max: 364 }), instant, instant, (f, nearDays, farDays, t1, t2) => {
        const base = facts({ ...f, disputeType: 'other' })
        const near = urgency({ id: 'near', submittedAt: t1, facts: { ...base, dates: { knewDate: knewFor(nearDays) } } }, NOW, RULES)
        const far = urgency({ id: 'far', submittedAt: t2, facts: { ...base, dates: { knewDate: knewFor(farDays) } } }, NOW, RULES)
        expect(compareTriage(near, far)).toBeLessThan(0)
        expect(compareTriage(far, near)).toBeGreaterThan(0)
      }),
    )
  })

  test('property: a near limitation outranks any mix of lighter flags (group, migrant, hardship)', () => {
    fc.assert(
      fc.property(otherFacts, otherFacts, fc.integer({ min: 0, max: RULES.limitationWarnDays }), instant, instant, (a, b, nearDays, t1, t2) => {
        const near = urgency({ submittedAt: t1, facts: facts({ ...a, disputeType: 'other', dates: { knewDate: knewFor(nearDays) } }) }, NOW, RULES)
        const other = urgency({ submittedAt: t2, facts: facts({ ...b, disputeType: 'other', dates: { knewDate: knewFor(300) } }) }, NOW, RULES)
        expect(compareTriage(near, other)).toBeLessThan(0)
      }),
    )
  })

  test('property: the sorted queue never rises in score, and equal scores are oldest first', () => {
    const c = fc.record({ facts: otherFacts, days: fc.integer({ min: -30, max: 364 }), at: instant, id: fc.uuid() })
    fc.assert(
      fc.property(fc.array(c, { maxLength: 30 }), (list) => {
        const sorted = list
          .map((x) => urgency({ id: x.id, submittedAt: x.at, facts: facts({ ...x.facts, disputeType: 'other', dates: { knewDate: knewFor(x.days) } }) }, NOW, RULES))
          .sort(compareTriage)
        for (let i = 1; i < sorted.length; i++) {
          expect(sorted[i].score).toBeLessThanOrEqual(sorted[i - 1].score)
          if (sorted[i].score === sorted[i - 1].score) expect(sorted[i].submittedMs).toBeGreaterThanOrEqual(sorted[i - 1].submittedMs)
        }
      }),
    )
  })
})

// ---------------------------------------------------------------------------------------------------

describe('review deadline: 7 working days, waiting for the worker does not count', () => {
  const SUBMITTED = sh('2026-11-02T09:00') // Monday
  const step = (local: string, to: string): StateChange => ({ at: sh(local), to })
  const created = step('2026-11-02T09:00', 'submitted')

  test('no pause: 7 working days after the day of submission', () => {
    const c = reviewDeadline(SUBMITTED, [created, step('2026-11-03T10:00', 'under_review')], cal, RULES, sh('2026-11-05T12:00'))
    expect(c).toMatchObject({ dueDate: '2026-11-11', paused: false, stopped: false, usedWorkingDays: 3, leftWorkingDays: 4, overdue: false, text: '还剩 4 个工作日' })
  })

  test('holidays are skipped (国庆 2026, 10-10 is a 调休 workday)', () => {
    expect(reviewDeadline(sh('2026-09-29T09:00'), [], cal, RULES, sh('2026-09-29T10:00')).dueDate).toBe('2026-10-14')
  })

  const asked = [created, step('2026-11-03T10:00', 'under_review'), step('2026-11-04T15:00', 'needs_info')]

  test('while waiting for the worker the clock is paused: no due date, the working days left stay put', () => {
    const c = reviewDeadline(SUBMITTED, asked, cal, RULES, sh('2026-11-06T12:00'))
    expect(c).toMatchObject({ dueDate: null, paused: true, usedWorkingDays: 2, pausedWorkingDays: 2, leftWorkingDays: 5, overdue: false, text: '等补充材料，期限暂停（还剩 5 个工作日）' })
    expect(reviewDeadline(SUBMITTED, asked, cal, RULES, sh('2026-11-20T12:00'))).toMatchObject({ leftWorkingDays: 5, pausedWorkingDays: 12 })
  })

  test('after the worker answers, the deadline moves by the working days waited', () => {
    const answered = [...asked, step('2026-11-09T20:00', 'under_review')]
    // paused Thu 5, Fri 6, Mon 9 → 7 + 3 working days after Monday 2 November
    expect(reviewDeadline(SUBMITTED, answered, cal, RULES, sh('2026-11-10T09:00'))).toMatchObject({ dueDate: '2026-11-16', pausedWorkingDays: 3, usedWorkingDays: 3, leftWorkingDays: 4 })
    const decided = [...answered, step('2026-11-13T11:00', 'accepted')]
    expect(reviewDeadline(SUBMITTED, decided, cal, RULES, sh('2026-12-01T09:00'))).toMatchObject({ stopped: true, overdue: false, text: '按期办完', dueDate: '2026-11-16' })
    const late = [...answered, step('2026-11-18T11:00', 'declined')]
    expect(reviewDeadline(SUBMITTED, late, cal, RULES, sh('2026-12-01T09:00'))).toMatchObject({ stopped: true, overdue: true, text: '超过期限 2 个工作日办完' })
  })

  test('asked twice: both waits are left out', () => {
    const twice = [...asked, step('2026-11-06T09:00', 'under_review'), step('2026-11-10T09:00', 'needs_info'), step('2026-11-12T09:00', 'under_review')]
    // first wait: Thu 5, Fri 6 (2); second: Wed 11, Thu 12 (2)
    expect(reviewDeadline(SUBMITTED, twice, cal, RULES, sh('2026-11-12T10:00'))).toMatchObject({ pausedWorkingDays: 4, dueDate: '2026-11-17' })
  })

  test('overdue while running and while paused', () => {
    expect(reviewDeadline(SUBMITTED, [created], cal, RULES, sh('2026-11-13T09:00'))).toMatchObject({ overdue: true, text: '已超过 2 个工作日', leftWorkingDays: -2 })
    const askedLate = [created, step('2026-11-13T09:00', 'needs_info')]
    expect(reviewDeadline(SUBMITTED, askedLate, cal, RULES, sh('2026-11-20T09:00'))).toMatchObject({ paused: true, overdue: true, text: '等补充材料，期限暂停（已超过 2 个工作日）' })
  })

  test('a hand-over before the decision restarts the clock for the receiving union', () => {
    const history = [created, step('2026-11-03T10:00', 'under_review'), step('2026-11-09T10:00', 'submitted')]
    expect(reviewDeadline(sh('2026-11-09T10:00'), history, cal, RULES, sh('2026-11-10T10:00'))).toMatchObject({ dueDate: '2026-11-18', usedWorkingDays: 1 })
  })

  test('property: a pause never brings the due date earlier, and used + left is always the budget', () => {
    const day = fc.integer({ min: 0, max: 40 })
    fc.assert(
      fc.property(day, day, day, (a, b, n) => {
        const [p0, p1] = [Math.min(a, b), Math.max(a, b)]
        const at = (d: number) => new Date(SUBMITTED.getTime() + d * 86_400_000)
        const plain = reviewDeadline(SUBMITTED, [created], cal, RULES, at(n))
        const paused = reviewDeadline(SUBMITTED, [created, { at: at(p0), to: 'needs_info' }, { at: at(p1), to: 'under_review' }], cal, RULES, at(Math.max(n, p1)))
        expect(paused.dueDate! >= plain.dueDate!).toBe(true)
        expect(paused.usedWorkingDays + paused.leftWorkingDays).toBe(RULES.reviewWorkingDays)
      }),
    )
  })
})

describe('assign deadline: 7 working days after acceptance', () => {
  test('running, overdue, met', () => {
    const accepted = sh('2026-11-02T15:00')
    expect(assignDeadline(accepted, null, cal, RULES, sh('2026-11-09T09:00'))).toMatchObject({ dueDate: '2026-11-11', text: '还剩 2 个工作日', overdue: false })
    expect(assignDeadline(accepted, null, cal, RULES, sh('2026-11-12T09:00'))).toMatchObject({ overdue: true, text: '已超过 1 个工作日' })
    expect(assignDeadline(accepted, sh('2026-11-05T09:00'), cal, RULES, sh('2026-11-20T09:00'))).toMatchObject({ stopped: true, overdue: false, text: '按期办完' })
    expect(assignDeadline(accepted.toISOString(), null, cal, RULES, sh('2026-11-09T09:00')).dueDate).toBe('2026-11-11')
  })
})
