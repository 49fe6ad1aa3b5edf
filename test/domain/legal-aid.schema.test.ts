import fc from 'fast-check'
import {
  acceptInput,
  askInput,
  asLegalAidRules,
  CASE_STATES,
  declineInput,
  DECLINE_REASONS,
  handoverInput,
  helperInput,
  keyDateIssues,
  legalAidDraft,
  legalAidRequestInput,
  legalAidRulesInput,
  outcomeInput,
  progressInput,
  REFERRALS,
} from '../../src/domain/legal-aid/legal-aid.schema'
import { creditCodeCheckChar, creditCodeProblem, normaliseCreditCode } from '../../src/domain/legal-aid/credit-code'
import { caseMachine } from '../../src/domain/legal-aid/legal-aid.machine'
import { DEMO_LEGAL_AID_RULES } from '../../src/domain/legal-aid/legal-aid.rules'
import { reachableStates } from '../../src/domain/requests/state-machine'
import { addDays, shanghaiDate } from '../../src/domain/calendar/working-days'
import { toFieldErrors } from '../../src/domain/validation'

const errorsOf = (schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, value: unknown) => {
  const r = schema.safeParse(value)
  return r.success ? {} : toFieldErrors(r.error as never)
}
const FILE = '0123456789abcdef0123456789abcdef'

// ---------------------------------------------------------------------------------------------------

describe('统一社会信用代码 (GB 32100-2015)', () => {
  test.each(['91350100M000100Y43', '91110000600037341L', '12100000400000624D', '91440300708461136T'])('%s is valid', (code) => expect(creditCodeProblem(code)).toBeNull())

  test.each([
    ['91350100M000100Y44', 'CHECK'], // last character mistyped
    ['91350100M000100Y34', 'CHECK'], // two neighbours swapped
    ['91350100M000I00Y43', 'CHARACTERS'], // I is never used
    ['91350100M000100O43', 'CHARACTERS'], // nor O
    ['91350100M000100Y4', 'LENGTH'],
    ['', 'EMPTY'],
  ])('%j → %s', (code, problem) => expect(creditCodeProblem(code)).toBe(problem))

  test('normalised: full width, lower case, spaces', () => {
    expect(normaliseCreditCode(' ９１３５０１００ｍ０００１００ｙ４３ ')).toBe('91350100M000100Y43')
    expect(creditCodeProblem('9135 0100 m000 100y 43')).toBeNull()
  })

  const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'.split('')
  const body = fc.array(fc.constantFrom(...ALPHABET), { minLength: 17, maxLength: 17 }).map((a) => a.join(''))

  test('property: one wrong character is always caught', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...ALPHABET), (b, i, c) => {
        const code = b + creditCodeCheckChar(b)
        fc.pre(code[i] !== c)
        expect(creditCodeProblem(code)).toBeNull()
        expect(creditCodeProblem(code.slice(0, i) + c + code.slice(i + 1))).toBe('CHECK')
      }),
    )
  })

  test('property: two swapped neighbours are always caught', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 16 }), (b, i) => {
        const code = b + creditCodeCheckChar(b)
        fc.pre(code[i] !== code[i + 1])
        expect(creditCodeProblem(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2))).toBe('CHECK')
      }),
    )
  })
})

// ---------------------------------------------------------------------------------------------------

describe('the request wizard', () => {
  const request = {
    disputeType: 'wages',
    employer: { name: '上海某建筑劳务有限公司', creditCode: '91350100m000100y43', address: '上海市浦东新区川沙路' },
    dates: { entryDate: '2025-03-01', lastPayDate: '2025-06-10', terminationDate: '2025-09-30' },
    stillEmployed: false,
    wants: ['unpaid_wages'],
    amount: '12,000',
    workersAffected: 1,
    migrant: true,
    facts: '老板欠了我三个月工资，一直拖着不给，电话也不接。',
    evidenceFileIds: [FILE],
  }

  test('a migrant worker asking for unpaid wages: yuan → fen, credit code normalised, rule facts ready', () => {
    expect(legalAidRequestInput.parse(request)).toEqual({
      employer: { name: '上海某建筑劳务有限公司', creditCode: '91350100M000100Y43', address: '上海市浦东新区川沙路' },
      facts: '老板欠了我三个月工资，一直拖着不给，电话也不接。',
      evidenceFileIds: [FILE],
      ruleFacts: {
        disputeType: 'wages',
        wants: ['unpaid_wages'],
        amountFen: 1_200_000,
        migrant: true,
        workersAffected: 1,
        householdIncomePerPersonFen: null,
        hardship: null,
        stillEmployed: false,
        dates: { entryDate: '2025-03-01', lastPayDate: '2025-06-10', terminationDate: '2025-09-30' },
      },
    })
  })

  test('optional parts: blank credit code, income in yuan or fen, hardship, no evidence yet', () => {
    const r = legalAidRequestInput.parse({ ...request, employer: { ...request.employer, creditCode: '  ' }, householdIncomePerPerson: '1,200.50', hardship: 'disaster', evidenceFileIds: undefined })
    expect(r.employer.creditCode).toBeUndefined()
    expect(r.ruleFacts).toMatchObject({ householdIncomePerPersonFen: 120_050, hardship: 'disaster' })
    expect(r.evidenceFileIds).toEqual([])
    expect(legalAidRequestInput.parse({ ...request, householdIncomePerPerson: 90_000 }).ruleFacts.householdIncomePerPersonFen).toBe(90_000)
  })

  test.each([
    [{ amount: '12000.505' }, { amount: '金额最多写到分，小数点后最多两位' }],
    [{ amount: '一万二' }, { amount: '金额只能写数字，比如 9200 或 9200.50' }],
    [{ amount: undefined }, { amount: '请填要讨多少钱（记不清就写个大概）' }],
    [{ amount: '0' }, { amount: '金额要大于 0' }],
    [{ amount: 12.5 }, { amount: '金额不对，请重新填写' }],
    [{ householdIncomePerPerson: '-300' }, { householdIncomePerPerson: '金额不能是负数' }],
  ])('money: %j → %j', (over, errors) => expect(errorsOf(legalAidRequestInput, { ...request, ...over })).toEqual(errors))

  test('nothing in money asked (advice only): no amount needed', () => {
    const r = legalAidRequestInput.parse({ ...request, wants: ['advice'], amount: undefined })
    expect(r.ruleFacts.amountFen).toBeNull()
  })

  test.each([
    [{ employer: { ...request.employer, creditCode: '91350100M000100Y44' } }, { 'employer.creditCode': '统一社会信用代码好像有一位写错了，请对照营业执照再核对；不知道可以不填' }],
    [{ employer: { ...request.employer, creditCode: '9135' } }, { 'employer.creditCode': '统一社会信用代码是 18 位，请数一数；不知道可以不填' }],
    [{ employer: { ...request.employer, name: '某' } }, { 'employer.name': '请填单位名称，至少 2 个字' }],
    [{ employer: { name: '某某公司' } }, { 'employer.address': '请填单位在哪里' }],
    [{ disputeType: 'divorce' }, { disputeType: '请选择遇到了什么事' }],
    [{ wants: [] }, { wants: '请至少选一项想要什么' }],
    [{ wants: ['unpaid_wages', 'unpaid_wages'] }, { wants: '有重复的要求，请去掉一个' }],
    [{ workersAffected: 0 }, { workersAffected: '至少 1 个人（就是你自己）' }],
    [{ workersAffected: 10_001 }, { workersAffected: '人数最多填 10000' }],
    [{ workersAffected: 2.5 }, { workersAffected: '人数填整数' }],
    [{ migrant: undefined }, { migrant: '请选择是不是农民工（从农村出来打工）' }],
    [{ facts: '  欠钱了  ' }, { facts: '事情经过至少写 10 个字，说清楚是怎么回事' }],
    [{ facts: '欠'.repeat(2001) }, { facts: '事情经过最多 2000 个字' }],
    [{ evidenceFileIds: Array(10).fill(FILE).map((f, i) => f.slice(0, 31) + i) }, { evidenceFileIds: '材料最多 9 个' }],
    [{ evidenceFileIds: [FILE, FILE] }, { evidenceFileIds: '材料有重复' }],
    [{ evidenceFileIds: ['cloud://x'] }, { 'evidenceFileIds.0': '材料不对，请重新上传' }],
    [{ dates: { ...request.dates, entryDate: '2025-02-30' } }, { 'dates.entryDate': '进单位的日期要写成 2026-10-01 这样' }],
  ])('plain message on the field: %j', (over, errors) => expect(errorsOf(legalAidRequestInput, { ...request, ...over })).toEqual(errors))

  test('dates against today: a future pay day or injury is refused; a future leaving date is fine while still employed', () => {
    const tomorrow = addDays(shanghaiDate(new Date()), 1)
    expect(errorsOf(legalAidRequestInput, { ...request, dates: { ...request.dates, lastPayDate: tomorrow } })).toEqual({ 'dates.lastPayDate': '最后一次发工资的日期不能晚于今天' })
    const injury = { ...request, disputeType: 'injury', wants: ['injury_compensation'], stillEmployed: true, dates: { injuryDate: tomorrow } }
    expect(errorsOf(legalAidRequestInput, injury)).toEqual({ 'dates.injuryDate': '受伤的日期不能晚于今天' })
    const notice = { ...request, disputeType: 'contract', wants: ['severance'], stillEmployed: true, dates: { entryDate: '2020-01-01', terminationDate: addDays(tomorrow, 30) } }
    expect(legalAidRequestInput.safeParse(notice).success).toBe(true)
  })
})

describe('key dates: cross-field rules on a given day', () => {
  const TODAY = '2026-06-15'
  const issues = (dates: object, stillEmployed = false, type: Parameters<typeof keyDateIssues>[2] = 'wages') => keyDateIssues(dates, stillEmployed, type, TODAY)

  test('entry ≤ last pay ≤ today; termination ≥ entry', () => {
    expect(issues({ entryDate: '2026-01-05', lastPayDate: '2026-03-10', terminationDate: '2026-05-31' })).toEqual([])
    expect(issues({ entryDate: '2026-03-11', lastPayDate: '2026-03-10', terminationDate: '2026-05-31' })).toEqual([{ path: ['dates', 'lastPayDate'], message: '最后一次发工资的日期不能早于进单位的日期' }])
    expect(issues({ entryDate: '2026-03-11', terminationDate: '2026-03-10' })).toEqual([{ path: ['dates', 'terminationDate'], message: '离开单位的日期不能早于进单位的日期' }])
    expect(issues({ entryDate: '2026-06-15', lastPayDate: '2026-06-15', terminationDate: '2026-06-15' })).toEqual([])
    expect(issues({ lastPayDate: '2026-06-16', terminationDate: '2026-06-01' })).toEqual([{ path: ['dates', 'lastPayDate'], message: '最后一次发工资的日期不能晚于今天' }])
  })

  test('injury: the date is needed and not in the future', () => {
    expect(issues({}, true, 'injury')).toEqual([{ path: ['dates', 'injuryDate'], message: '请填受伤的日期' }])
    expect(issues({ injuryDate: '2026-06-16' }, true, 'injury')).toEqual([{ path: ['dates', 'injuryDate'], message: '受伤的日期不能晚于今天' }])
  })

  test('left the job: the leaving date is needed for wages, overtime and dismissal (the clock runs from it)', () => {
    for (const t of ['wages', 'overtime', 'contract'] as const) expect(issues({}, false, t)).toEqual([{ path: ['dates', 'terminationDate'], message: '请填离开单位的日期（记不清就填个大概），算仲裁期限要用' }])
    expect(issues({}, false, 'social_insurance')).toEqual([])
    expect(issues({}, true, 'wages')).toEqual([])
  })

  test('still employed with a past leaving date is a contradiction; a future one is a notice', () => {
    expect(issues({ terminationDate: '2026-06-01' }, true)).toEqual([{ path: ['dates', 'terminationDate'], message: '你选了还在这个单位干活，就不用填离开的日期' }])
    expect(issues({ terminationDate: '2026-07-01' }, true)).toEqual([])
    expect(issues({ terminationDate: '2026-07-01' }, false)).toEqual([{ path: ['dates', 'terminationDate'], message: '离开单位的日期不能晚于今天' }])
  })
})

describe('drafts keep whatever was typed', () => {
  test('any part, unfinished values, no cross-field rules', () => {
    const draft = { step: 3, disputeType: 'wages', employer: { name: '某', creditCode: '9135' }, amount: '12000.5055', dates: { entryDate: '2026-0' }, facts: '欠' }
    expect(legalAidDraft.parse(draft)).toEqual(draft)
    expect(legalAidDraft.parse({})).toEqual({})
  })

  test('but sizes and kinds are bounded', () => {
    expect(legalAidDraft.safeParse({ facts: '欠'.repeat(2201) }).success).toBe(false)
    expect(legalAidDraft.safeParse({ disputeType: 'divorce' }).success).toBe(false)
    expect(legalAidDraft.safeParse({ evidenceFileIds: ['../../etc/passwd'] }).success).toBe(false)
  })
})

// ---------------------------------------------------------------------------------------------------

describe('staff decisions', () => {
  const helper = { kind: 'lawyer', name: '王明', phone: '138 0793 1234', org: '江西某律师事务所' }

  test('accept with a helper in one step, or without and assign later', () => {
    expect(acceptInput.parse({ helpForms: ['representation', 'mediation'], helper })).toEqual({
      helpForms: ['representation', 'mediation'],
      helper: { kind: 'lawyer', name: '王明', phone: '13807931234', org: '江西某律师事务所' },
    })
    expect(acceptInput.parse({ helpForms: ['consultation'] }).helper).toBeUndefined()
    expect(errorsOf(acceptInput, { helpForms: [] })).toEqual({ helpForms: '请至少选一种帮助方式' })
    expect(errorsOf(helperInput, { ...helper, kind: 'judge' })).toEqual({ kind: '请选择是律师还是工会法律工作者' })
    expect(errorsOf(helperInput, { ...helper, phone: '138 0793 123' })).toEqual({ phone: '电话要填 11 位手机号，或带区号的座机（比如 0793-2612345）' })
    expect(helperInput.parse({ ...helper, kind: 'union_legal_officer', phone: '0793-2612345' }).phone).toBe('0793-2612345')
  })

  test('decline: coded reason, the referral defaults to the reason’s, "other" needs a note', () => {
    expect(declineInput.parse({ reason: 'inspection_better' })).toEqual({ reason: 'inspection_better', referral: 'labour_inspection' })
    expect(declineInput.parse({ reason: 'not_labour_matter', referral: 'union_hotline' }).referral).toBe('union_hotline')
    expect(errorsOf(declineInput, { reason: 'other' })).toEqual({ note: '选「其他原因」时，请写一句说明' })
    expect(errorsOf(declineInput, {})).toEqual({ reason: '请选择不受理的原因' })
  })

  test('every decline reason names a referral that exists and what to do next', () => {
    for (const r of DECLINE_REASONS) {
      expect(REFERRALS.map((x) => x.code)).toContain(r.referral)
      expect(r.next.length).toBeGreaterThan(5)
    }
    expect(REFERRALS.map((r) => r.phone)).toEqual(expect.arrayContaining(['12348', '12333', '12351']))
  })

  test('ask: exact items, at least one', () => {
    expect(askInput.parse({ items: ['wage_proof', 'key_dates'], note: '工资条拍清楚一点' })).toEqual({ items: ['wage_proof', 'key_dates'], note: '工资条拍清楚一点' })
    expect(errorsOf(askInput, { items: [] })).toEqual({ items: '请至少选一样要补的材料' })
    expect(errorsOf(askInput, { items: ['selfie'] })).toEqual({ 'items.0': '有一项材料不在清单里' })
  })

  test('hand over and progress notes', () => {
    expect(handoverInput.parse({ toOrgId: 'org-shanghai', note: '用人单位在上海' })).toEqual({ toOrgId: 'org-shanghai', note: '用人单位在上海' })
    expect(errorsOf(handoverInput, { toOrgId: '../x' })).toEqual({ toOrgId: '编号不对，请刷新后再试' })
    expect(errorsOf(progressInput, { note: '  ' })).toEqual({ note: '请填进展' })
    expect(errorsOf(progressInput, { note: '进'.repeat(501) })).toEqual({ note: '进展最多 500 个字' })
  })

  test('outcome: amount recovered in fen, consistent with the kind', () => {
    expect(outcomeInput.parse({ kind: 'mediated', recovered: '12,000', workersHelped: 1 })).toEqual({ kind: 'mediated', recoveredFen: 1_200_000, workersHelped: 1 })
    expect(outcomeInput.parse({ kind: 'unsuccessful', recovered: 0, workersHelped: 0 }).recoveredFen).toBe(0)
    expect(errorsOf(outcomeInput, { kind: 'unsuccessful', recovered: '500', workersHelped: 1 })).toEqual({ recovered: '选了「未能追回」，追回金额请填 0；追回了一部分，请选具体怎么办结的' })
    expect(errorsOf(outcomeInput, { kind: 'settled', recovered: '500', workersHelped: 0 })).toEqual({ workersHelped: '追回了钱，请填帮了几个人（至少 1 个）' })
    expect(errorsOf(outcomeInput, { kind: 'settled', recovered: '-5', workersHelped: 1 })).toEqual({ recovered: '金额不能是负数' })
    expect(errorsOf(outcomeInput, { kind: 'won', recovered: 0, workersHelped: 0 })).toEqual({ kind: '请选择办理结果' })
  })

  test('property: the recovered amount is integer fen ≥ 0 and round-trips from yuan text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (fen) => {
        const text = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`
        expect(outcomeInput.parse({ kind: 'settled', recovered: text, workersHelped: 1 }).recoveredFen).toBe(fen)
      }),
    )
  })
})

describe('rule table (admin)', () => {
  test('the demo table is a valid input', () => {
    expect(asLegalAidRules(legalAidRulesInput.parse(DEMO_LEGAL_AID_RULES))).toEqual(DEMO_LEGAL_AID_RULES)
  })
  test('plain messages', () => {
    expect(errorsOf(legalAidRulesInput, { ...DEMO_LEGAL_AID_RULES, urgentDays: 90 })).toEqual({ urgentDays: '紧急天数不能比提醒天数多' })
    expect(errorsOf(legalAidRulesInput, { ...DEMO_LEGAL_AID_RULES, minimumWageFen: 1850.5 })).toEqual({ minimumWageFen: '当地月最低工资按分填整数' })
  })
})

// ---------------------------------------------------------------------------------------------------

describe('case machine', () => {
  test('every state is reachable', () => {
    expect([...reachableStates(caseMachine)].sort()).toEqual([...CASE_STATES].sort())
  })

  test('review: start, ask (reason required), resubmit resumes the review, accept or decline', () => {
    expect(caseMachine.step('submitted', 'startReview', 'grassroots')).toEqual({ ok: true, to: 'under_review', reasonRequired: false })
    expect(caseMachine.step('under_review', 'ask', 'federation')).toEqual({ ok: true, to: 'needs_info', reasonRequired: true })
    expect(caseMachine.step('needs_info', 'resubmit', 'owner')).toEqual({ ok: true, to: 'under_review', reasonRequired: false })
    expect(caseMachine.step('under_review', 'accept', 'grassroots')).toMatchObject({ ok: true, to: 'accepted' })
    expect(caseMachine.step('submitted', 'accept', 'federation')).toMatchObject({ ok: true, to: 'accepted' }) // same-day fast track
    expect(caseMachine.step('needs_info', 'decline', 'grassroots')).toEqual({ ok: true, to: 'declined', reasonRequired: true })
    expect(caseMachine.step('needs_info', 'accept', 'grassroots')).toEqual({ ok: false, code: 'REQUEST.ILLEGAL_TRANSITION' })
  })

  test('the worker resubmits and withdraws only before acceptance; never decides', () => {
    expect(caseMachine.available('needs_info', 'owner').sort()).toEqual(['resubmit', 'withdraw'])
    expect(caseMachine.available('submitted', 'owner')).toEqual(['withdraw'])
    expect(caseMachine.step('accepted', 'withdraw', 'owner')).toEqual({ ok: false, code: 'REQUEST.ILLEGAL_TRANSITION' })
    expect(caseMachine.step('under_review', 'accept', 'owner')).toEqual({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(caseMachine.step('submitted', 'withdraw', 'grassroots')).toEqual({ ok: false, code: 'AUTH.FORBIDDEN' })
  })

  test('hand over keeps the case open: undecided → submitted there, accepted → accepted there', () => {
    expect(caseMachine.step('under_review', 'handover', 'federation')).toMatchObject({ ok: true, to: 'submitted' })
    expect(caseMachine.step('in_progress', 'handover', 'grassroots')).toMatchObject({ ok: true, to: 'accepted' })
    expect(caseMachine.step('needs_info', 'handover', 'grassroots')).toEqual({ ok: false, code: 'REQUEST.ILLEGAL_TRANSITION' })
  })

  test('after acceptance: assign, progress, close; final states refuse everything', () => {
    expect(caseMachine.available('accepted', 'grassroots').sort()).toEqual(['assign', 'close', 'handover', 'progress'])
    expect(caseMachine.step('in_progress', 'assign', 'federation')).toMatchObject({ ok: true, to: 'in_progress' })
    expect(caseMachine.step('accepted', 'progress', 'grassroots')).toMatchObject({ ok: true, to: 'in_progress' })
    expect(caseMachine.step('in_progress', 'close', 'grassroots')).toMatchObject({ ok: true, to: 'closed' })
    for (const s of ['closed', 'declined', 'withdrawn'] as const) {
      expect(caseMachine.available(s, 'grassroots')).toEqual([])
      expect(caseMachine.step(s, 'progress', 'grassroots')).toEqual({ ok: false, code: 'REQUEST.ALREADY_DECIDED' })
    }
  })
})
