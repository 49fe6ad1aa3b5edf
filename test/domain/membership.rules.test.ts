import fc from 'fast-check'
import { checkCharacter } from '../../src/domain/identity/idcard'
import {
  birthdayAt,
  checkEligibility,
  DEMO_MEMBERSHIP_RULES as RULES,
  formatMemberNo,
  parseMemberNo,
  routeApplication,
  routeExplanation,
  type EligibilityFacts,
  type RouteFacts,
} from '../../src/domain/membership/membership.rules'
import { applicationInput, calendarInput, transferTarget } from '../../src/domain/membership/membership.schema'
import { applicationMachine, transferMachine } from '../../src/domain/membership/membership.machine'
import { reachableStates } from '../../src/domain/requests/state-machine'
import { APPLICATION_STATES, ROUTE_REASONS, TRANSFER_STATES } from '../../src/domain/membership/membership.constants'
import { toFieldErrors } from '../../src/domain/validation'

const today = { year: 2026, month: 11, day: 22 }
const facts = (over: Partial<EligibilityFacts> = {}): EligibilityFacts => ({
  birthDate: { year: 1990, month: 5, day: 1 },
  today,
  incomeSource: 'wages',
  charterAccepted: true,
  memberOf: null,
  openApplication: false,
  ...over,
})
const codes = (f: EligibilityFacts) => checkEligibility(f, RULES).map((i) => i.code)

describe('入会 eligibility', () => {
  test('exactly 16 today is accepted; 15 years 364 days is refused with the date to come back', () => {
    expect(codes(facts({ birthDate: { year: 2010, month: 11, day: 22 } }))).toEqual([])
    const young = checkEligibility(facts({ birthDate: { year: 2010, month: 11, day: 23 } }), RULES)
    expect(young.map((i) => i.code)).toEqual(['UNDER_AGE'])
    expect(young[0].message).toBe('满 16 周岁才能入会。你还差 1 天，2026年11月23日以后就可以申请了。')
  })

  test('born on 29 February: the birthday is 1 March in a common year', () => {
    expect(birthdayAt({ year: 2008, month: 2, day: 29 }, 16)).toEqual({ year: 2024, month: 2, day: 29 })
    expect(birthdayAt({ year: 2008, month: 2, day: 29 }, 18)).toEqual({ year: 2026, month: 3, day: 1 })
    const f = facts({ birthDate: { year: 2008, month: 2, day: 29 }, today: { year: 2026, month: 2, day: 28 } })
    expect(checkEligibility(f, { minAge: 18 }).map((i) => i.code)).toEqual(['UNDER_AGE'])
    expect(checkEligibility({ ...f, today: { year: 2026, month: 3, day: 1 } }, { minAge: 18 })).toEqual([])
  })

  test('the minimum age comes from the rule table', () => {
    expect(checkEligibility(facts({ birthDate: { year: 2009, month: 1, day: 1 } }), { minAge: 18 }).map((i) => i.code)).toEqual(['UNDER_AGE'])
  })

  test('an employer/owner is not a wage earner; a missing charter acceptance is named; all issues at once', () => {
    const issues = checkEligibility(facts({ incomeSource: 'own_business', charterAccepted: false, birthDate: { year: 2015, month: 1, day: 1 } }), RULES)
    expect(issues.map((i) => i.code)).toEqual(['UNDER_AGE', 'NOT_WAGE_EARNER', 'CHARTER_NOT_ACCEPTED'])
    for (const i of issues) expect(i.message).toMatch(/[。！]$/)
  })

  test('already a member → only that, naming the union (a transfer is offered instead)', () => {
    const issues = checkEligibility(facts({ memberOf: { orgName: '江西丰达机械有限公司工会' }, incomeSource: 'own_business' }), RULES)
    expect(issues).toEqual([{ code: 'ALREADY_MEMBER', message: expect.stringContaining('「江西丰达机械有限公司工会」的会员') }])
    expect(issues[0].message).toContain('转会')
  })

  test('an open application stops a second one', () => {
    expect(codes(facts({ openApplication: true }))).toEqual(['APPLICATION_OPEN'])
  })

  test('property: age ≥ 16 with wages and charter → eligible; under 16 → refused', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2026-11-22T00:00:00Z'), noInvalidDate: true }), (d) => {
        const birth = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
        const sixteen = birthdayAt(birth, 16)
        const reached = sixteen.year * 10000 + sixteen.month * 100 + sixteen.day <= 20261122
        expect(codes(facts({ birthDate: birth }))).toEqual(reached ? [] : ['UNDER_AGE'])
      }),
    )
  })
})

const route = (over: Partial<RouteFacts> = {}) =>
  routeApplication({ employmentType: 'full_time', workPlace: 'local', employer: { kind: 'known', name: '江西丰达机械有限公司', unionOrgId: 'org-fengda', district: '洋口镇' }, ...over }, RULES)

describe('入会 routing', () => {
  test.each<[string, Partial<RouteFacts>, string, string]>([
    ['employer with a union → that union', {}, 'org-fengda', 'EMPLOYER_UNION'],
    ['employer without a union in 永丰街道 → the 联合工会 there', { employer: { kind: 'known', name: '兴旺建材店', unionOrgId: null, district: '永丰街道' } }, 'org-xingwang', 'JOINT_UNION'],
    ['typed employer in 丰溪街道 → 联合工会', { employer: { kind: 'other', name: '小饭馆', district: '丰溪街道' } }, 'org-xingwang', 'JOINT_UNION'],
    ['employer without a union and no 联合工会 → the higher union', { employer: { kind: 'other', name: '洋口物流', district: '洋口镇' } }, 'org-fed', 'HIGHER_UNION'],
    ['rider → 新业态 industry union, even with an employer union', { employmentType: 'new_forms' }, 'org-newforms', 'NEW_FORMS_INDUSTRY'],
    ['migrant in Shanghai choosing the station → Shanghai station', { employmentType: 'migrant', workPlace: 'shanghai', remoteUnion: 'station', employer: { kind: 'other', name: '上海某建筑公司', district: null } }, 'org-shanghai', 'REMOTE_STATION'],
    ['migrant in Shanghai choosing home → home-county union', { employmentType: 'migrant', workPlace: 'shanghai', remoteUnion: 'home', employer: { kind: 'other', name: '上海某建筑公司', district: null } }, 'org-fed', 'REMOTE_HOME'],
    ['worker in another city (no station) → home-county union', { employmentType: 'migrant', workPlace: 'elsewhere', employer: { kind: 'other', name: '杭州某厂', district: null } }, 'org-fed', 'REMOTE_HOME'],
    ['rider in Shanghai choosing the station → station (where they work wins)', { employmentType: 'new_forms', workPlace: 'shanghai', remoteUnion: 'station' }, 'org-shanghai', 'REMOTE_STATION'],
  ])('%s', (_name, over, orgId, reason) => {
    expect(route(over)).toEqual({ orgId, reason })
  })

  test('the org ids come from the rule table', () => {
    const r = routeApplication(
      { employmentType: 'new_forms', workPlace: 'local', employer: { kind: 'other', name: 'x', district: null } },
      { ...RULES, industryUnionId: 'org-other' },
    )
    expect(r.orgId).toBe('org-other')
  })

  test.each(ROUTE_REASONS)('%s is explained in one sentence naming the union', (reason) => {
    const text = routeExplanation(reason, '某某工会', '某某公司')
    expect(text).toContain('「某某工会」')
    expect(text.endsWith('。')).toBe(true)
  })
})

describe('member numbers', () => {
  test('prefix + year + 6-digit sequence + check digit, and parse back', () => {
    const no = formatMemberNo('GF', 2026, 17)
    expect(no).toMatch(/^GF2026000017\d$/)
    expect(parseMemberNo(` ${no.toLowerCase().slice(0, 6)} ${no.slice(6)} `)).toBe(no)
  })

  test('property: distinct sequences give distinct numbers; one changed digit is caught', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 9 }), (a, b, pos, delta) => {
        if (a !== b) expect(formatMemberNo('GF', 2026, a)).not.toBe(formatMemberNo('GF', 2026, b))
        const no = formatMemberNo('GF', 2026, a)
        const typo = no.slice(0, pos) + String((Number(no[pos]) + delta) % 10) + no.slice(pos + 1)
        expect(parseMemberNo(typo)).toBeNull()
      }),
    )
  })
})

describe('state machines', () => {
  test('every state is reachable; the worker cannot approve; staff cannot resubmit', () => {
    expect([...reachableStates(applicationMachine)].sort()).toEqual([...APPLICATION_STATES].sort())
    expect([...reachableStates(transferMachine)].sort()).toEqual([...TRANSFER_STATES].sort())
    expect(applicationMachine.step('submitted', 'approve', 'owner')).toEqual({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(applicationMachine.step('needs_info', 'resubmit', 'grassroots')).toEqual({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(applicationMachine.step('approved', 'reject', 'federation')).toEqual({ ok: false, code: 'REQUEST.ALREADY_DECIDED' })
    expect(applicationMachine.step('needs_info', 'approve', 'grassroots')).toEqual({ ok: false, code: 'REQUEST.ILLEGAL_TRANSITION' })
    expect(applicationMachine.step('submitted', 'reject', 'grassroots')).toEqual({ ok: true, to: 'rejected', reasonRequired: true })
  })
})

/** A valid 身份证 number for a birth date. */
const idFor = (ymd: string, seq = '123') => {
  const first = `360322${ymd}${seq}`
  return first + checkCharacter(first)
}

const form = {
  name: '王小明',
  idNumber: idFor('19900501'),
  phone: '15979345678',
  incomeSource: 'wages',
  charterAccepted: true,
  employer: { kind: 'other', name: '上海某建筑公司' },
  employmentType: 'migrant',
  occupation: '建筑工',
  workPlace: 'shanghai',
  remoteUnion: 'station',
}

describe('application form', () => {
  test('a complete migrant application parses and normalises', () => {
    const r = applicationInput.safeParse({ ...form, idNumber: form.idNumber.slice(0, 6) + ' ' + form.idNumber.slice(6), phone: '159 7934 5678' })
    expect(r.success).toBe(true)
    expect(r.success && r.data.idNumber).toBe(form.idNumber)
    expect(r.success && r.data.phone).toBe('15979345678')
  })

  test.each<[string, Record<string, unknown>, string, string]>([
    ['Shanghai without the union choice', { remoteUnion: undefined }, 'remoteUnion', '请选择由哪里的工会办理'],
    ['rider without a platform', { employmentType: 'new_forms' }, 'platform', '请选择在哪个平台接单'],
    ['another city without the city', { workPlace: 'elsewhere', remoteUnion: undefined }, 'workCity', '请填写在哪个城市工作'],
    ['local typed employer without its 乡镇', { workPlace: 'local', remoteUnion: undefined }, 'employer.district', '请选择单位在哪个乡镇或街道'],
    ['bad mobile', { phone: '1234' }, 'phone', '手机号应该是 1 开头的 11 位数字，请核对一下'],
    ['bad ID check digit', { idNumber: form.idNumber.slice(0, 17) + (form.idNumber[17] === '1' ? '2' : '1') }, 'idNumber', '身份证号好像有一位写错了，请对照身份证再核对一下'],
    ['name with digits', { name: '王2' }, 'name', '姓名要和身份证上的一样，只写汉字'],
  ])('%s → a plain message on the field', (_n, over, field, message) => {
    const r = applicationInput.safeParse({ ...form, ...over })
    expect(r.success).toBe(false)
    if (!r.success) expect(toFieldErrors(r.error)[field]).toBe(message)
  })

  test('a transfer target uses the same work rules', () => {
    expect(transferTarget.safeParse({ employer: { kind: 'known', employerId: 'emp-1' }, employmentType: 'full_time', occupation: '普工', workPlace: 'local' }).success).toBe(true)
    expect(transferTarget.safeParse({ employer: { kind: 'known', employerId: 'emp-1' }, employmentType: 'new_forms', occupation: '骑手', workPlace: 'local' }).success).toBe(false)
  })

  test('holiday calendar: dates in the year, none both off and worked', () => {
    expect(calendarInput.safeParse({ year: 2027, holidays: ['2027-01-01'], workdays: ['2027-02-06'] }).success).toBe(true)
    const wrongYear = calendarInput.safeParse({ year: 2027, holidays: ['2026-12-31'], workdays: [] })
    expect(!wrongYear.success && toFieldErrors(wrongYear.error)['holidays.0']).toBe('2026-12-31 不在 2027 年')
    const both = calendarInput.safeParse({ year: 2027, holidays: ['2027-01-01'], workdays: ['2027-01-01'] })
    expect(!both.success && toFieldErrors(both.error).workdays).toBe('2027-01-01 不能既放假又上班')
    expect(calendarInput.safeParse({ year: 2027, holidays: ['2027-02-30'], workdays: [] }).success).toBe(false)
  })
})
