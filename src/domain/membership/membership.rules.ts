/**
 * 入会 rules (RULES.md §1): who may join, which union receives the application, the member number.
 * Every number and org id comes from the union's rule table (`MembershipRules`, configuration data);
 * every refusal is one plain sentence saying what failed and what to do next.
 */
import { ageOn } from '../identity/idcard'
import { luhnValid } from '../identity/numbers'
import type { EligibilityProblem, EmploymentType, IncomeSource, RemoteUnion, RouteReason, WorkPlace } from './membership.constants'

/** The union's rule table for joining (demo defaults in `DEMO_MEMBERSHIP_RULES`). */
export interface MembershipRules {
  /** Minimum working age (章程; 劳动法 §15). */
  minAge: number
  /** The union answers an application within this many working days (Shanghai: 15). */
  replyWorkingDays: number
  /** First letters of member numbers. */
  memberNoPrefix: string
  /** 新就业形态行业工会联合会: receives platform workers. */
  industryUnionId: string
  /** Service stations in other cities, by work place. */
  remoteStations: Partial<Record<Exclude<WorkPlace, 'local'>, string>>
  /** The home-county union for workers away from home. */
  homeUnionId: string
  /** 联合工会 covering small employers of a 乡镇/街道. */
  jointUnionByDistrict: Record<string, string>
  /** 属地上级工会 when nothing else applies. */
  higherUnionId: string
}

export const DEMO_MEMBERSHIP_RULES: MembershipRules = {
  minAge: 16,
  replyWorkingDays: 15,
  memberNoPrefix: 'GF',
  industryUnionId: 'org-newforms',
  remoteStations: { shanghai: 'org-shanghai' },
  homeUnionId: 'org-fed',
  jointUnionByDistrict: { 永丰街道: 'org-xingwang', 丰溪街道: 'org-xingwang', 芦林街道: 'org-xingwang' },
  higherUnionId: 'org-fed',
}

// ---------------------------------------------------------------------------------------------------
// Eligibility

export interface DateParts {
  year: number
  month: number
  day: number
}

export interface EligibilityFacts {
  birthDate: DateParts
  /** Today in Asia/Shanghai. */
  today: DateParts
  incomeSource: IncomeSource
  charterAccepted: boolean
  /** The union the person already belongs to, if any. */
  memberOf: { orgName: string } | null
  /** The person already has an application being handled. */
  openApplication: boolean
}

export interface EligibilityIssue {
  code: EligibilityProblem
  message: string
}

const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)

/** The first day the person is `years` old (born on 29 February: 1 March in a common year). */
export function birthdayAt(birth: DateParts, years: number): DateParts {
  const year = birth.year + years
  if (birth.month === 2 && birth.day === 29 && !isLeap(year)) return { year, month: 3, day: 1 }
  return { year, month: birth.month, day: birth.day }
}

const daysBetween = (a: DateParts, b: DateParts) => Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000)

/** Everything that stops this person joining now, in the order the worker should fix it; empty = may apply. */
export function checkEligibility(f: EligibilityFacts, rules: Pick<MembershipRules, 'minAge'>): EligibilityIssue[] {
  const issues: EligibilityIssue[] = []
  if (f.memberOf) {
    issues.push({ code: 'ALREADY_MEMBER', message: `你已经是「${f.memberOf.orgName}」的会员了，不用重新入会。换了工作或城市，可以办「转会」。` })
    return issues
  }
  if (f.openApplication) {
    issues.push({ code: 'APPLICATION_OPEN', message: '你已经交过入会申请，正在办理中。请在「入会进度」里查看，不用再交。' })
    return issues
  }
  if (ageOn(f.birthDate, f.today) < rules.minAge) {
    const day = birthdayAt(f.birthDate, rules.minAge)
    const wait = daysBetween(f.today, day)
    issues.push({ code: 'UNDER_AGE', message: `满 ${rules.minAge} 周岁才能入会。你还差 ${wait} 天，${day.year}年${day.month}月${day.day}日以后就可以申请了。` })
  }
  if (f.incomeSource !== 'wages') {
    issues.push({ code: 'NOT_WAGE_EARNER', message: '工会是靠工资生活的劳动者的组织，自己当老板、雇别人干活的不能入会。如果你也在给别人打工，请选「靠工资或干活挣的钱」。' })
  }
  if (!f.charterAccepted) {
    issues.push({ code: 'CHARTER_NOT_ACCEPTED', message: '请先看一看工会章程的要点，勾选「我愿意遵守工会章程」。' })
  }
  return issues
}

// ---------------------------------------------------------------------------------------------------
// Routing

export type EmployerFacts =
  /** From the list of known employers; `unionOrgId` null = the employer has no union. */
  | { kind: 'known'; name: string; unionOrgId: string | null; district: string | null }
  /** Typed by the worker. */
  | { kind: 'other'; name: string; district: string | null }

export interface RouteFacts {
  employmentType: EmploymentType
  workPlace: WorkPlace
  /** Asked only when there is a service station for the work place. */
  remoteUnion?: RemoteUnion
  employer: EmployerFacts
}

export interface Route {
  orgId: string
  reason: RouteReason
}

/** Whether the wizard must ask "which union": there is a service station where the worker works. */
export const asksRemoteUnion = (workPlace: WorkPlace, rules: Pick<MembershipRules, 'remoteStations'>): boolean =>
  workPlace !== 'local' && Boolean(rules.remoteStations[workPlace])

/**
 * Who receives the application (RULES.md §1): a worker away from home → the service station of that
 * city when they chose it, else the home-county union; a new-employment worker → the 新业态 industry union;
 * an employer with a union → that union; otherwise the 联合工会 of the employer's 乡镇/街道, else the
 * higher union.
 */
export function routeApplication(f: RouteFacts, rules: MembershipRules): Route {
  if (f.workPlace !== 'local') {
    const station = rules.remoteStations[f.workPlace]
    if (station && f.remoteUnion !== 'home') return { orgId: station, reason: 'REMOTE_STATION' }
    return { orgId: rules.homeUnionId, reason: 'REMOTE_HOME' }
  }
  if (f.employmentType === 'new_forms') return { orgId: rules.industryUnionId, reason: 'NEW_FORMS_INDUSTRY' }
  if (f.employer.kind === 'known' && f.employer.unionOrgId) return { orgId: f.employer.unionOrgId, reason: 'EMPLOYER_UNION' }
  const joint = f.employer.district ? rules.jointUnionByDistrict[f.employer.district] : undefined
  if (joint) return { orgId: joint, reason: 'JOINT_UNION' }
  return { orgId: rules.higherUnionId, reason: 'HIGHER_UNION' }
}

/** One plain sentence: why this union handles it. */
export function routeExplanation(reason: RouteReason, orgName: string, employerName: string): string {
  switch (reason) {
    case 'EMPLOYER_UNION':
      return `「${employerName}」有自己的工会，由「${orgName}」办理。`
    case 'NEW_FORMS_INDUSTRY':
      return `外卖、快递、网约车等新就业形态劳动者，由「${orgName}」办理，不用通过平台或站点。`
    case 'REMOTE_STATION':
      return `你在外地工作，选了离你近的「${orgName}」办理。`
    case 'REMOTE_HOME':
      return `你在外地工作，由老家的「${orgName}」办理，不用回来跑腿。`
    case 'JOINT_UNION':
      return `「${employerName}」还没有自己的工会，由当地的「${orgName}」办理。`
    case 'HIGHER_UNION':
      return `「${employerName}」还没有自己的工会，由「${orgName}」直接办理。`
  }
}

/** Said to every applicant: joining never goes through the employer. */
export const EMPLOYER_NOT_TOLD = '工会不会通知你的单位，单位不会知道你申请了入会。'

// ---------------------------------------------------------------------------------------------------
// Member numbers

/**
 * `GF` + year + 6-digit sequence + a Luhn check digit over the digits, e.g. GF20260000017: the
 * sequence comes from one counter per year, incremented in the approving transaction, so two
 * approvals never get the same number; the check digit catches a mistyped number at verification.
 */
export function formatMemberNo(prefix: string, year: number, seq: number): string {
  const body = `${year}${String(seq).padStart(6, '0')}`
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return `${prefix}${body}${d}`
  throw new Error('unreachable')
}

/** Normalises what staff typed (spaces, lower case) and checks the shape and check digit. */
export function parseMemberNo(input: string): string | null {
  const value = input.replace(/[\s-]/g, '').toUpperCase()
  const m = /^([A-Z]{1,4})(\d{11})$/.exec(value)
  if (!m || !luhnValid(m[2])) return null
  return value
}
