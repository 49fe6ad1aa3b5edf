/**
 * A past year (2025) of the demo federation (广丰区总工会) at the scale of a county federation's year-end
 * work report, plus a few open requests of this year so the staff queue has work in it (issue 8).
 *
 * Every record has the shape the cloud functions write (the record types of cloudfunctions/_lib are
 * imported as types), derived from a seeded PRNG and ids from `demoId()`: seeding again inserts
 * nothing (`insertMissing`). The open requests are dated relative to `now`, under fixed ids.
 *
 * Personal data is obviously fake: common surnames + given names, phone numbers starting 100 (no such
 * mobile numbers), `o-seed-…` openids, ID numbers of a county code 上饶 never had (362399) and bank
 * cards starting 9999 (no bank's). Both are well-formed (check character, Luhn) and stored as the
 * functions store them: encrypted with the runtime's data key (`seedEncrypt`) under the same context,
 * next to the masked forms, so staff actions that decrypt (approving a seeded application, revealing
 * a claim's bank card) work on seed records as on any other.
 *
 * The work items of these requests are projected here, step by step at the time of each step (as each
 * transaction would have), so the year's handling figures (办结, 平均办理, 按期) are those of 2025; the
 * startup rebuild keeps a first decision it finds in a stored item.
 */
import { createHash } from 'node:crypto'
import { DEMO_ORGS, DEMO_STATIONS, demoId, type SeedTarget } from './seed'
import { encrypt as encryptField } from '../../cloudfunctions/_lib/crypto'
import { checkCharacter } from '../../src/domain/identity/idcard'
import { luhnValid } from '../../src/domain/identity/numbers'
import { maskIdNumber } from '../../src/domain/privacy/mask'
import type { OrgRecord } from '../../cloudfunctions/_lib/orgs.repo'
import type { ApplicationRecord, MembershipRecord, PersonRecord } from '../../cloudfunctions/_lib/membership.repo'
import type { CaseStep, LegalCaseRecord } from '../../cloudfunctions/_lib/legal-aid.repo'
import type { ClaimRecord, EnrollmentRecord, ImportRecord } from '../../cloudfunctions/_lib/mutual-aid.repo'
import { undecidedApplication, undecidedCase, undecidedClaim } from '../../cloudfunctions/_lib/undecided'
import type { VisitRecord } from '../../cloudfunctions/_lib/stations.repo'
import type { HistoryEntry } from '../../cloudfunctions/_lib/requests'
import type { Actor } from '../../src/domain/requests/state-machine'
import { addDays, deadlineAfter, DEMO_CALENDAR_2026, shanghaiDate, WorkCalendar, type HolidayCalendar } from '../../src/domain/calendar/working-days'
import { DEMO_MEMBERSHIP_RULES, formatMemberNo } from '../../src/domain/membership/membership.rules'
import type { EmploymentType } from '../../src/domain/membership/membership.schema'
import { checkLegalAidEligibility, DEMO_LEGAL_AID_RULES, limitationDate, type CaseFacts } from '../../src/domain/legal-aid/legal-aid.rules'
import { DISPUTE_TYPE_LABELS, type CaseState, type DisputeType, type HelpForm, type OutcomeKind } from '../../src/domain/legal-aid/legal-aid.constants'
import type { CaseAction } from '../../src/domain/legal-aid/legal-aid.machine'
import { addMonths, assessClaim, DEMO_PLAN_RULES, ledgerId, ledgerYearOf, type ClaimFacts, type Enrollment } from '../../src/domain/mutual-aid/mutual-aid.rules'
import type { ClaimRejectReason, ClaimState } from '../../src/domain/mutual-aid/mutual-aid.constants'
import { enrollmentKey } from '../../src/domain/mutual-aid/mutual-aid.schema'
import { shanghaiMonth } from '../../src/domain/stations/station.rules'
import { PROBLEMS } from '../../src/domain/stations/station.constants'
import { DEMO_SLA, projectWorkItem, workItemId, type ProjectionContext, type RequestLike, type WorkItemData, type WorkType } from '../../src/domain/workspace/work-item'
import { prng } from './prng'

export const DEMO_YEAR = 2025
const Y = DEMO_YEAR
const FED = 'org-fed'

/** Encrypts a field as the functions do: `encrypt(plaintext, context)` of cloudfunctions/_lib/crypto.ts. */
export type SeedEncrypt = (plaintext: string, context: string) => string

/**
 * The functions' own `encrypt` with the data key the runtime gives them (`functionEnv.UNION_DATA_KEY`):
 * crypto.ts reads its key from the environment only, so the key is set for the (synchronous) call and
 * the environment put back as it was. The IV is random, as in the functions: the plaintext is
 * deterministic, the ciphertext is not (seeding again inserts nothing, so it never changes).
 */
export function seedEncrypt(dataKey: string): SeedEncrypt {
  return (plaintext, context) => {
    const before = process.env.UNION_DATA_KEY
    process.env.UNION_DATA_KEY = dataKey
    try {
      return encryptField(plaintext, context)
    } finally {
      if (before === undefined) delete process.env.UNION_DATA_KEY
      else process.env.UNION_DATA_KEY = before
    }
  }
}

/** 2025 holidays and weekend working days (国务院办公厅 2025 年部分节假日安排). */
export const CALENDAR_2025: HolidayCalendar = {
  year: 2025,
  holidays: [
    '2025-01-01',
    '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04',
    '2025-04-04', '2025-04-05', '2025-04-06',
    '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05',
    '2025-05-31', '2025-06-01', '2025-06-02',
    '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08',
  ],
  workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
}

type Row = Record<string, unknown> & { _id: string }

// ---------------------------------------------------------------------------------------------------
// Deterministic randomness and fake people

class Dice {
  readonly next: () => number
  constructor(seed: number) {
    this.next = prng(seed)
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1))
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]
  }
  weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): T {
    const total = pairs.reduce((s, [, w]) => s + w, 0)
    let r = this.next() * total
    for (const [v, w] of pairs) if ((r -= w) < 0) return v
    return pairs[pairs.length - 1][0]
  }
  /** Log-uniform between lo and hi (amounts: many small, some large). */
  logUniform(lo: number, hi: number): number {
    return Math.exp(Math.log(lo) + this.next() * (Math.log(hi) - Math.log(lo)))
  }
}

/** A demo id that, like `randomId()`, never holds 11 digits in a row (it could read as a phone number). */
function seedId(name: string): string {
  for (let salt = 0; ; salt++) {
    const id = demoId(salt ? `${name}#${salt}` : name)
    if (!/\d{11}/.test(id)) return id
  }
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏付方邹熊邱江尹黎毛郝龚邵万钱俞祝管'
const GIVEN_MALE = ['建国', '伟', '强', '磊', '军', '勇', '杰', '涛', '明', '超', '刚', '平', '辉', '鹏', '华', '建华', '志强', '海波', '卫东', '国平', '小军', '俊', '斌', '永红', '文斌', '金生', '火根', '水生', '长春', '春生']
const GIVEN_FEMALE = ['芳', '秀英', '敏', '静', '丽', '艳', '娟', '霞', '秀兰', '桂英', '玉兰', '海燕', '春梅', '红梅', '小红', '金凤', '丽华', '慧', '婷', '玲', '雪梅', '美华', '彩霞', '秋菊', '月娥']

interface FakePerson {
  name: string
  sex: 'male' | 'female'
  birthDate: string
  /** 18 characters, valid (GB 11643: birth date, sex in the sequence number, check character). */
  idNumber: string
  /** maskIdNumber(idNumber): what records keep in the clear. */
  maskedId: string
}

/** A county code under 上饶 (362…) that no county ever had: the numbers are well-formed but nobody's. */
const FAKE_AREA = '362399'

function fakePerson(d: Dice, femaleShare = 0.4): FakePerson {
  const sex = d.chance(femaleShare) ? 'female' : 'male'
  const name = d.pick([...SURNAMES]) + d.pick(sex === 'male' ? GIVEN_MALE : GIVEN_FEMALE)
  const birthDate = `${d.int(1966, 2004)}-${String(d.int(1, 12)).padStart(2, '0')}-${String(d.int(1, 28)).padStart(2, '0')}`
  // The sequence number, odd for men and even for women. (The draws of an earlier random check
  // character stay, unused, so every later draw, and with it the whole year, is as it was.)
  const drawn = d.int(0, 999)
  if (!d.chance(0.09)) d.int(0, 9)
  const seq = sex === 'male' ? drawn | 1 : Math.max(2, drawn & ~1)
  const first17 = `${FAKE_AREA}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`
  const idNumber = first17 + checkCharacter(first17)
  return { name, sex, birthDate, idNumber, maskedId: maskIdNumber(idNumber) }
}

/**
 * A 16-digit card no bank issued (9999…) ending in `tail`, passing the Luhn check the app makes:
 * middle digits from `salt` (a record id), the fifth digit from the end chosen to make the sum right.
 */
function fakeBankCard(salt: string, tail: string): string {
  const middle = String(parseInt(createHash('sha256').update(`seed-card\u0000${salt}`).digest('hex').slice(0, 8), 16) % 10_000_000).padStart(7, '0')
  // Luhn does not double that digit, so exactly one of 0–9 makes the sum a multiple of 10
  const card = Array.from({ length: 10 }, (_, k) => `9999${middle}${k}${tail}`).find(luhnValid)
  if (!card) throw new Error('fakeBankCard: tail must be 4 digits')
  return card
}

/** No mobile number starts with 100: obviously not a real person's phone. */
const fakePhone = (d: Dice) => `100${String(d.int(0, 99_999_999)).padStart(8, '0')}`

// ---------------------------------------------------------------------------------------------------
// Days and times (Asia/Shanghai)

const cal = new WorkCalendar([CALENDAR_2025, DEMO_CALENDAR_2026])

/** Shanghai wall-clock time of a day as an instant. */
const at = (day: string, minutes: number): Date => new Date(Date.parse(`${day}T00:00:00+08:00`) + minutes * 60_000)
/** A working day on or after `day`. */
function workingDayFrom(day: string): string {
  let d = day
  while (!cal.isWorkingDay(d)) d = addDays(d, 1)
  return d
}
/** Some time in office hours (8:30–17:30) of a working day on or after `day`. */
const officeTime = (d: Dice, day: string): Date => at(workingDayFrom(day), d.int(8 * 60 + 30, 17 * 60 + 30))
/** `n` working days after the instant, in office hours. */
const laterWorking = (d: Dice, from: Date, n: number): Date => officeTime(d, cal.addWorkingDays(shanghaiDate(from), n))
const dayIn = (d: Dice, from: string, to: string): string => addDays(from, d.int(0, Math.max(0, daysFrom(from, to))))
const daysFrom = (a: string, b: string): number => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000)

// ---------------------------------------------------------------------------------------------------
// The org tree: 30 unions formed in 2025 under the federation

interface OrgInfo {
  _id: string
  name: string
  kind: OrgRecord['kind']
  path: string[]
  /** First day it could have members (formed in 2025, or before 2025 for the demo unions). */
  since: string
  /** Members recruited in 2025 and the share of 农民工 among them. */
  recruits: number
  migrantShare: number
  staffOpenid: string
}

const NEW_GRASSROOTS = [
  '江西丰盛纸业有限公司工会', '广丰区鑫达竹木制品有限公司工会', '广丰区洋口镇中心卫生院工会', '江西恒远新型建材有限公司工会',
  '广丰区瑞通物流有限公司工会', '上饶市丰华电子科技有限公司工会', '广丰区宏盛机械制造有限公司工会', '广丰区金丰食品有限公司工会',
  '广丰区新源纺织有限公司工会', '广丰区丰溪街道社区卫生服务中心工会', '广丰区永丰街道城市管理服务中心工会', '广丰区旭日光电有限公司工会',
  '江西鸿运汽车运输有限公司广丰分公司工会', '广丰区兴达矿业有限公司工会', '广丰区丰瑞物业服务有限公司工会', '广丰区顺心家政服务有限公司工会',
  '广丰区安行驾驶员培训有限公司工会', '广丰区绿源环境工程有限公司工会',
]
const NEW_JOINT = [
  '广丰区芦林工业园区联合工会', '广丰区永丰街道商贸城联合工会', '广丰区丰溪街道餐饮行业联合工会', '广丰区下溪镇联合工会',
  '广丰区洋口镇联合工会', '广丰区横山镇联合工会', '广丰区五都镇联合工会', '广丰区湖丰镇联合工会',
  '广丰区大南镇联合工会', '广丰区吴村镇联合工会', '广丰区壶峤镇联合工会', '广丰区沙田镇联合工会',
]

const STAFF_OF: Record<string, string> = { 'org-fengda': 'o-demo-zhang', 'org-school': 'o-demo-wang', 'org-shanghai': 'o-demo-chen', [FED]: 'o-demo-liu' }
const staffOf = (orgId: string) => STAFF_OF[orgId] ?? `o-seed-staff-${orgId.slice(-8)}`

function newOrgs(d: Dice): Array<OrgRecord & { _id: string }> {
  const names = [...NEW_GRASSROOTS.map((n) => [n, 'grassroots'] as const), ...NEW_JOINT.map((n) => [n, 'joint'] as const)]
  // formed through the year, most in the spring and autumn 建会 drives
  const formed = names.map(() => workingDayFrom(dayIn(d, d.chance(0.5) ? '2025-03-01' : '2025-08-15', d.chance(0.5) ? '2025-05-31' : '2025-11-30'))).sort()
  return names.map(([name, kind], i) => {
    const createdAt = officeTime(d, formed[i])
    return { _id: `org-${seedId(`y${Y}-org-${i}`)}`, name, kind, parentId: FED, path: [FED], formedAt: formed[i], version: 1, createdAt, updatedAt: createdAt }
  })
}

// ---------------------------------------------------------------------------------------------------

/**
 * Seeds the year into `target`. `encrypt` is the functions' field encryption with the runtime's data
 * key (`seedEncrypt(functionEnv.UNION_DATA_KEY)`): ID numbers and bank cards are stored as they would be.
 */
export async function seedDemoYear(target: SeedTarget, encrypt: SeedEncrypt, now = new Date()): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  const put = async (collection: string, docs: Row[]) => {
    for (let i = 0; i < docs.length; i += 2000) counts[collection] = (counts[collection] ?? 0) + (await target.insertMissing(collection, docs.slice(i, i + 2000)))
    counts[collection] ??= 0
  }
  const d = new Dice(20251231)
  const orgDocs = newOrgs(d)
  const demo = (id: string) => DEMO_ORGS.find((o) => o._id === id)!
  const orgs: OrgInfo[] = [
    { _id: 'org-fengda', name: demo('org-fengda').name, kind: 'grassroots', path: [FED], since: '2024-01-01', recruits: 260, migrantShare: 0.35, staffOpenid: staffOf('org-fengda') },
    { _id: 'org-school', name: demo('org-school').name, kind: 'grassroots', path: [FED], since: '2024-01-01', recruits: 60, migrantShare: 0.02, staffOpenid: staffOf('org-school') },
    { _id: 'org-xingwang', name: demo('org-xingwang').name, kind: 'joint', path: [FED], since: '2024-01-01', recruits: 420, migrantShare: 0.45, staffOpenid: staffOf('org-xingwang') },
    { _id: 'org-newforms', name: demo('org-newforms').name, kind: 'industry', path: [FED], since: '2024-01-01', recruits: 520, migrantShare: 0.35, staffOpenid: staffOf('org-newforms') },
    { _id: 'org-shanghai', name: demo('org-shanghai').name, kind: 'station', path: [FED], since: '2024-01-01', recruits: 300, migrantShare: 1, staffOpenid: staffOf('org-shanghai') },
    { _id: FED, name: demo(FED).name, kind: 'federation', path: [], since: '2024-01-01', recruits: 180, migrantShare: 0.6, staffOpenid: staffOf(FED) },
    ...orgDocs.map((o) => ({
      _id: o._id,
      name: o.name,
      kind: o.kind,
      path: [FED],
      since: o.formedAt!,
      recruits: o.kind === 'joint' ? d.int(30, 70) : d.int(20, 55),
      migrantShare: o.kind === 'joint' ? 0.5 : 0.3,
      staffOpenid: staffOf(o._id),
    })),
  ]
  const orgPath = (o: OrgInfo) => [...o.path, o._id]
  const orgById = new Map(orgs.map((o) => [o._id, o]))
  await put('orgs', orgDocs as unknown as Row[])
  await put('calendars', [{ _id: String(Y), ...CALENDAR_2025, updatedAt: new Date('2024-11-12T10:00:00+08:00') }])

  // --- members: a few hundred joined in 2024, about 3,000 in 2025 ----------------------------------
  interface Member {
    m: MembershipRecord
    person: FakePerson
    org: OrgInfo
  }
  const members: Member[] = []
  const joiners: Array<{ org: OrgInfo; joinedAt: Date; migrant: boolean; employmentType: EmploymentType; person: FakePerson }> = []
  const EARLIER: Record<string, number> = { 'org-fengda': 120, 'org-school': 40, 'org-xingwang': 100, 'org-newforms': 60, 'org-shanghai': 40 }
  for (const org of orgs) {
    const plan: Array<[number, string, string]> = [[org.recruits, org.since > `${Y}-01-01` ? org.since : `${Y}-01-02`, `${Y}-12-30`]]
    if (EARLIER[org._id]) plan.push([EARLIER[org._id], '2024-03-01', '2024-12-30'])
    for (const [n, from, to] of plan) {
      for (let i = 0; i < n; i++) {
        // half of a new union's members join in its first month (集中入会)
        const day = org.since >= `${Y}-01-01` && d.chance(0.5) ? dayIn(d, from, addDays(from, 30) < to ? addDays(from, 30) : to) : dayIn(d, from, to)
        const migrant = d.chance(org.migrantShare)
        const employmentType: EmploymentType =
          org._id === 'org-newforms' ? 'new_forms' : org._id === 'org-school' ? 'full_time' : migrant ? d.weighted([['migrant', 8], ['full_time', 1], ['flexible', 1]]) : d.weighted([['full_time', 7], ['dispatched', 1], ['flexible', 2]])
        joiners.push({ org, joinedAt: officeTime(d, day), migrant, employmentType, person: fakePerson(d, org._id === 'org-school' ? 0.7 : 0.38) })
      }
    }
  }
  joiners.sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime())
  const seqOfYear = new Map<number, number>()
  joiners.forEach((j, i) => {
    const year = Number(shanghaiDate(j.joinedAt).slice(0, 4))
    const seq = (seqOfYear.get(year) ?? 0) + 1
    seqOfYear.set(year, seq)
    const personKey = seedId(`y${Y}-person-${i}`)
    const memberNo = formatMemberNo(DEMO_MEMBERSHIP_RULES.memberNoPrefix, year, seq)
    const m: MembershipRecord = {
      _id: personKey,
      ownerOpenid: `o-seed-m${i}`,
      name: j.person.name,
      // as approve() stores it: bound to the person's key, which is the membership's id
      idEnc: encrypt(j.person.idNumber, personKey),
      maskedId: j.person.maskedId,
      birthDate: j.person.birthDate,
      sex: j.person.sex,
      memberNo,
      orgId: j.org._id,
      orgPath: orgPath(j.org),
      status: 'active',
      cardVersion: 1,
      version: 1,
      joinedAt: j.joinedAt,
      joinedDate: shanghaiDate(j.joinedAt),
      employmentType: j.employmentType,
      migrant: j.migrant,
      // joined on the union's paper form before the mini-program: there is no application record
      applicationId: `paper:${memberNo}`,
      history: [{ at: j.joinedAt, kind: 'joined', orgId: j.org._id, fromOrgId: null }],
      createdAt: j.joinedAt,
      updatedAt: j.joinedAt,
    }
    members.push({ m, person: j.person, org: j.org })
  })
  await put('memberships', members.map((x) => x.m as unknown as Row))
  await put(
    'memberPersons',
    members.map((x): Row => ({ _id: x.m._id, openApplicationId: null, openTransferId: null, membershipId: x.m._id, updatedAt: x.m.joinedAt } satisfies PersonRecord)),
  )
  await put(
    'counters',
    [...seqOfYear].map(([year, seq]) => {
      const prefix = DEMO_MEMBERSHIP_RULES.memberNoPrefix
      return { _id: `memberNo:${prefix}:${year}`, seq, prefix, year, updatedAt: members.filter((x) => x.m.joinedDate.startsWith(String(year))).at(-1)!.m.joinedAt }
    }),
  )

  // --- projection of request records into work items ------------------------------------------------
  const items: Row[] = []
  const ctxAt = (when: Date): ProjectionContext => ({ cal, sla: DEMO_SLA, now: when })
  const labels = {
    dispute: (code: string) => (DISPUTE_TYPE_LABELS as Record<string, string>)[code] ?? '',
    problem: (code: string) => PROBLEMS.find((p) => p.code === code)?.label ?? '',
  }
  /** Projects the record after each of its steps, the way every transaction does. */
  function project(type: WorkType, snapshots: Snapshot[]): void {
    let prev: WorkItemData | null = null
    for (const s of snapshots) prev = projectWorkItem(type, s.record, prev, ctxAt(s.at), labels)
    items.push({ _id: workItemId(type, snapshots[0].record._id), ...prev!, updatedAt: snapshots[snapshots.length - 1].at })
  }
  /** Applies the steps to a request record (in place), keeping a snapshot after each (history, version, updatedAt). */
  function runSteps(target: object, steps: StepSpec[]): Snapshot[] {
    const record = target as RequestLike & { version: number; history: HistoryEntry[] }
    const snaps: Snapshot[] = [{ record: { ...record, history: [...record.history] }, at: record.createdAt as Date }]
    for (const s of steps) {
      const entry: HistoryEntry = { at: s.at, from: record.state, to: s.to, actor: s.actor, orgId: s.orgId, reason: s.reason ?? null }
      Object.assign(record, s.patch ?? {}, { state: s.to, version: record.version + 1, updatedAt: s.at, history: [...record.history, entry] })
      snaps.push({ record: { ...record, history: [...record.history] }, at: s.at })
    }
    return snaps
  }

  // --- 法律援助: about 130 requests in 2025, 120 accepted, 110 closed, 2–3 million 元 recovered ---------
  const legal = legalCases(d, members, orgById, runSteps, project, now)
  await put('legalCases', legal.cases as unknown as Row[])
  await put('legalCaseLocks', legal.locks)

  // --- 互助保障: units' lists (about 12,000 terms starting in 2025) and about 600 claims paid --------
  const aid = mutualAid(d, members, orgs, runSteps, project, now, encrypt)
  await put('aidImports', aid.imports as unknown as Row[])
  await put('aidEnrollments', aid.enrollments as unknown as Row[])
  await put('aidClaims', aid.claims as unknown as Row[])
  await put('aidLedgers', aid.ledgers)
  await put('aidClaimLocks', aid.locks)

  // --- 入会: five applications waiting past their answer date at two unions ------------------------
  const apps = openApplications(d, now, encrypt)
  for (const a of apps) project('membershipApplication', [{ record: a as unknown as RequestLike, at: a.createdAt }])
  await put('memberApplications', apps as unknown as Row[])
  await put(
    'memberPersons',
    apps.map((a): Row => ({ _id: a.personKey, openApplicationId: a._id, openTransferId: null, membershipId: null, updatedAt: a.createdAt } satisfies PersonRecord)),
  )

  // --- 爱心驿站: about 20,000 visits at the demo stations ---------------------------------------------
  const visits = stationVisits(d, members)
  await put('stationVisits', visits.visits as unknown as Row[])
  await put('stationVisitMonths', visits.months)

  await put('workItems', items)
  return counts
}

// ---------------------------------------------------------------------------------------------------
// 法律援助

interface Snapshot {
  record: RequestLike
  at: Date
}
/** One transition: who took it, when, to which state, with which fields. */
interface StepSpec {
  at: Date
  to: string
  actor: Actor
  orgId: string | null
  reason?: string | null
  patch?: Record<string, unknown>
}
type RunSteps = (record: object, steps: StepSpec[]) => Snapshot[]
type Project = (type: WorkType, snapshots: Snapshot[]) => void

interface MemberLike {
  m: MembershipRecord
  person: FakePerson
  org: OrgInfo
}

const EMPLOYERS: Array<{ name: string; address: string; shanghai?: boolean }> = [
  { name: '上饶市丰合建筑劳务有限公司', address: '广丰区永丰街道丰溪路 88 号' },
  { name: '广丰区顺发装饰工程有限公司', address: '广丰区芦林街道工业大道 16 号' },
  { name: '广丰区鑫旺石材加工厂', address: '广丰区洋口镇工业小区' },
  { name: '江西宏远建设工程有限公司广丰项目部', address: '广丰区丰溪街道东城新区工地' },
  { name: '广丰区福满楼酒家', address: '广丰区永丰街道步行街 12 号' },
  { name: '广丰区诚信物流有限公司', address: '广丰区芦林街道物流园 3 号库' },
  { name: '广丰区天成竹木制品厂', address: '广丰区横山镇横山街 55 号' },
  { name: '广丰区美家家具有限公司', address: '广丰区五都镇工业园' },
  { name: '广丰区金鑫电子厂', address: '广丰区芦林工业园丰源路 6 号' },
  { name: '上饶市万家福超市有限公司广丰店', address: '广丰区永丰街道永丰大道 201 号' },
  { name: '广丰区捷达快递服务部', address: '广丰区丰溪街道丰溪路 33 号' },
  { name: '广丰区安居物业管理有限公司', address: '广丰区永丰街道锦绣小区物业办' },
  { name: '上海闵兴建筑劳务有限公司', address: '上海市闵行区七宝镇', shanghai: true },
  { name: '上海浦南装饰工程有限公司', address: '上海市浦东新区川沙新镇', shanghai: true },
  { name: '上海鑫达物流有限公司', address: '上海市嘉定区南翔镇', shanghai: true },
  { name: '浙江衢州恒通建设有限公司', address: '浙江省衢州市柯城区' },
]

const FACTS: Record<DisputeType, (workers: number, yuanText: string) => string> = {
  wages: (w, y) => (w > 1 ? `我们 ${w} 个人在工地干活，工程完了老板一直拖着不给工资，一共欠 ${y}。找了好几次都说没钱。` : `干了几个月，老板一直拖着不发工资，一共欠我 ${y}，电话也不接了。`),
  injury: (_w, y) => `干活的时候从架子上摔下来受了伤，住了院，单位不给报工伤，医药费和误工费大概 ${y}。`,
  contract: (_w, y) => `在单位干了几年，一直没签劳动合同，上个月突然说不要我了，也不给补偿，算下来应该有 ${y}。`,
  social_insurance: () => '在单位干了三年多，单位一直没给交社保，问了几次都说以后再说。',
  overtime: (w, y) => `${w > 1 ? '我们几个' : '我'}每天干十几个小时，周末也加班，单位从来不给加班费，算下来有 ${y}。`,
  other: () => '单位扣了押金不退，也不说为什么。',
}

const HELPERS = [
  { kind: 'lawyer' as const, name: '周明华', phone: '0793-0000101', org: '江西丰正律师事务所' },
  { kind: 'lawyer' as const, name: '吴丽娟', phone: '0793-0000102', org: '江西信江律师事务所' },
  { kind: 'lawyer' as const, name: '郑志强', phone: '0793-0000103', org: '江西丰正律师事务所' },
  { kind: 'union_legal_officer' as const, name: '刘建华', phone: '0793-0000104', org: '广丰区总工会' },
  { kind: 'union_legal_officer' as const, name: '杨海燕', phone: '0793-0000105', org: '广丰区总工会' },
  { kind: 'lawyer' as const, name: '陈伟', phone: '021-00000106', org: '上海浦江律师事务所' },
]

const sha32 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32)
/** legal-aid.repo.ts caseLockId: one open case per worker, dispute type and employer. */
const caseLockId = (openid: string, disputeType: DisputeType, employerName: string) =>
  sha32(`legalCase\u0000${openid}\u0000${disputeType}\u0000${employerName.replace(/[\s（）()·.,，、]/g, '').toLowerCase()}`)

const yuanText = (fen: number) => `${Math.round(fen / 100).toLocaleString('en-US')} 元`

function legalCases(d: Dice, members: MemberLike[], orgs: Map<string, OrgInfo>, runSteps: RunSteps, project: Project, now: Date) {
  const cases: LegalCaseRecord[] = []
  const locks: Row[] = []
  const rules = DEMO_LEGAL_AID_RULES
  const fed = orgs.get(FED)!
  const make = (i: number, created: Date, open: boolean) => {
    const id = seedId(`y${Y}-legal-${i}`)
    // a quarter are members of a union when they ask (the union holds their case)
    const someone = d.chance(0.25) ? d.pick(members) : null
    // (this year's two are from workers in no union: the federation holds them)
    const member = someone && !open && someone.m.joinedAt < created ? someone : null
    const holder = member && member.org._id !== FED ? member.org : fed
    const person = member?.person ?? fakePerson(d, 0.3)
    const disputeType = d.weighted<DisputeType>([['wages', 55], ['injury', 14], ['contract', 15], ['social_insurance', 5], ['overtime', 9], ['other', 2]])
    const workers = disputeType === 'wages' && d.chance(0.3) ? d.int(2, 15) : disputeType === 'overtime' && d.chance(0.3) ? d.int(2, 8) : 1
    const employer = d.pick(EMPLOYERS)
    const perWorker = disputeType === 'injury' ? d.logUniform(15_000, 80_000) : disputeType === 'contract' ? d.logUniform(6_000, 40_000) : d.logUniform(3_000, 18_000)
    const amountFen = disputeType === 'social_insurance' ? null : Math.round(workers * perWorker) * 100
    const createdDay = shanghaiDate(created)
    const knew = addDays(createdDay, -d.int(10, 200))
    const ruleFacts: CaseFacts = {
      disputeType,
      wants:
        disputeType === 'wages' ? ['unpaid_wages'] : disputeType === 'injury' ? ['injury_recognition', 'injury_compensation'] : disputeType === 'contract' ? [d.pick(['severance', 'double_wages'] as const)] : disputeType === 'social_insurance' ? ['social_insurance'] : disputeType === 'overtime' ? ['overtime_pay'] : ['other'],
      amountFen,
      migrant: member ? member.m.migrant : d.chance(0.75),
      workersAffected: workers,
      householdIncomePerPersonFen: null,
      hardship: null,
      stillEmployed: disputeType === 'social_insurance',
      dates: {
        entryDate: addDays(knew, -d.int(60, 1500)),
        ...(disputeType === 'injury' ? { injuryDate: knew } : disputeType === 'contract' ? { terminationDate: knew } : { lastPayDate: addDays(knew, -d.int(20, 120)) }),
        knewDate: knew,
      },
    }
    const ownerOpenid = member?.m.ownerOpenid ?? `o-seed-l${i}`
    const lockId = caseLockId(ownerOpenid, disputeType, employer.name)
    const record: LegalCaseRecord = {
      _id: id,
      type: 'legalCase',
      ownerOpenid,
      orgId: holder._id,
      orgPath: [...holder.path, holder._id],
      heldAs: holder._id === FED ? 'federation' : 'member_union',
      state: 'submitted',
      version: 1,
      createdAt: created,
      updatedAt: created,
      history: [],
      applicant: { name: person.name, phone: fakePhone(d) },
      employer: { name: employer.name, address: employer.address } as LegalCaseRecord['employer'],
      facts: FACTS[disputeType](workers, amountFen === null ? '' : yuanText(amountFen)),
      evidenceFileIds: [],
      ruleFacts,
      eligibility: checkLegalAidEligibility(ruleFacts, rules),
      limitation: limitationDate(ruleFacts, created, rules),
      rules,
      year: Number(createdDay.slice(0, 4)),
      flagged: false,
      ...undecidedCase(),
      reviewStart: created,
      lockId,
    }
    if (open) {
      cases.push(record)
      locks.push({ _id: lockId, openCaseId: id, updatedAt: created })
      project('legalAidCase', [{ record: record as unknown as RequestLike, at: created }])
      return
    }
    // staff of the holding union take each step
    const actor: Actor = holder._id === FED ? 'federation' : 'grassroots'
    const by = { decidedBy: holder.staffOpenid }
    const steps: StepSpec[] = []
    const step = (when: Date, action: CaseAction, to: CaseState, note: string | null, patch: Partial<LegalCaseRecord> = {}, reason: string | null = null) => {
      const version = record.version + steps.length + 1
      const prevSteps = (steps.length ? (steps[steps.length - 1].patch?.steps as CaseStep[] | undefined) : record.steps) ?? []
      steps.push({ at: when, to, actor, orgId: holder._id, reason, patch: { ...by, ...patch, steps: [...prevSteps, { version, action, note } satisfies CaseStep] } })
    }
    const review = laterWorking(d, created, d.int(0, 2))
    step(review, 'startReview', 'under_review', null)
    const fate = d.weighted([['accept', 126], ['decline', 6], ['withdraw', 4]] as const)
    if (fate === 'withdraw') {
      // the worker withdrew: the employer paid after the union's call
      const when = laterWorking(d, review, d.int(1, 4))
      steps.push({ at: when, to: 'withdrawn', actor: 'owner', orgId: null, patch: {} })
      locks.push({ _id: lockId, openCaseId: null, updatedAt: when })
    } else if (fate === 'decline') {
      const when = laterWorking(d, review, d.int(1, 6))
      const reason = d.pick(['inspection_better', 'not_labour_matter', 'already_represented'] as const)
      const referral = reason === 'inspection_better' ? 'labour_inspection' : reason === 'not_labour_matter' ? 'gov_legal_aid' : 'union_hotline'
      step(when, 'decline', 'declined', null, { decline: { reason, referral, note: null } }, reason)
      locks.push({ _id: lockId, openCaseId: null, updatedAt: when })
    } else {
      // accepted within the review days (a few late), a helper named at once or a few days later
      const accepted = laterWorking(d, review, d.chance(0.9) ? d.int(1, 6) : d.int(8, 11))
      const helper = d.pick(employer.shanghai ? HELPERS.slice(5) : HELPERS.slice(0, 5))
      const helpForms: HelpForm[] = d.chance(0.5) ? ['consultation', 'mediation'] : ['consultation', 'drafting', 'representation']
      const atOnce = d.chance(0.7)
      step(accepted, 'accept', 'accepted', null, { helpForms, acceptedAt: accepted, assignStart: accepted, helper: atOnce ? helper : null, assignedAt: atOnce ? accepted : null })
      let last = accepted
      if (!atOnce) {
        last = laterWorking(d, accepted, d.int(1, 6))
        step(last, 'assign', 'accepted', null, { helper, assignedAt: last })
      }
      last = laterWorking(d, last, d.int(2, 12))
      step(last, 'progress', 'in_progress', d.pick(['已和单位负责人电话沟通，约了下周调解。', '已帮职工整理工资表和考勤记录。', '已向劳动仲裁委提交仲裁申请。']))
      const fateOfCase = d.weighted([['closed', 114], ['closedNextYear', 6], ['running', 6]] as const)
      if (fateOfCase !== 'running') {
        let closed = laterWorking(d, last, helpForms.includes('representation') ? d.int(20, 90) : d.int(5, 40))
        if (fateOfCase === 'closed' && shanghaiDate(closed) > `${Y}-12-31`) {
          closed = officeTime(d, `${Y}-12-${String(d.int(22, 30))}`)
          if (closed <= last) closed = at(`${Y}-12-31`, 17 * 60)
        }
        if (fateOfCase === 'closedNextYear') closed = officeTime(d, `${Y + 1}-0${d.int(1, 3)}-${String(d.int(5, 25)).padStart(2, '0')}`)
        const kind = d.weighted<OutcomeKind>([['mediated', 45], ['settled', 20], ['arbitration_award', 20], ['court_judgment', 8], ['unsuccessful', 5], ['withdrawn', 2]])
        const recoveredFen = kind === 'unsuccessful' || kind === 'withdrawn' || amountFen === null ? 0 : Math.round((amountFen * (0.6 + 0.4 * d.next())) / 100) * 100
        const workersHelped = kind === 'unsuccessful' || kind === 'withdrawn' ? 0 : workers
        step(closed, 'close', 'closed', null, { outcome: { kind, recoveredFen, workersHelped, note: null } as unknown as LegalCaseRecord['outcome'], closedAt: closed, closedYear: Number(shanghaiDate(closed).slice(0, 4)) }, kind)
        locks.push({ _id: lockId, openCaseId: null, updatedAt: closed })
      } else locks.push({ _id: lockId, openCaseId: id, updatedAt: created })
    }
    steps.sort((a, b) => a.at.getTime() - b.at.getTime())
    project('legalAidCase', runSteps(record, steps))
    cases.push(record)
  }
  const N = 136
  for (let i = 0; i < N; i++) make(i, officeTime(d, dayIn(d, `${Y}-01-03`, `${Y}-10-31`)), false)
  // this year: two requests waiting for the federation's review
  make(N, laterWorking(d, new Date(now.getTime() - 12 * 86_400_000), 0), true)
  make(N + 1, laterWorking(d, new Date(now.getTime() - 3 * 86_400_000), 0), true)
  return { cases, locks }
}

// ---------------------------------------------------------------------------------------------------
// 互助保障

function mutualAid(d: Dice, members: MemberLike[], orgs: OrgInfo[], runSteps: RunSteps, project: Project, now: Date, encrypt: SeedEncrypt) {
  interface Enrollee {
    memberKey: string
    person: FakePerson
    org: OrgInfo
    openid: string
    termStart: string
  }
  const termStartOf = (org: OrgInfo, joined: string | null) => {
    // units send their list for the year in January; later unions and later members from the next month
    const from = [org.since, joined ?? `${Y}-01-01`].sort()[1]
    return from <= `${Y}-01-01` ? `${Y}-01-01` : `${from.slice(0, 7)}-01` < `${Y}-12-01` ? addMonths(`${from.slice(0, 7)}-01`, 1) : null
  }
  const enrollees: Enrollee[] = []
  for (const x of members) {
    if (!d.chance(0.72)) continue
    const termStart = termStartOf(x.org, x.m.joinedDate.startsWith(String(Y)) ? x.m.joinedDate : null)
    if (termStart) enrollees.push({ memberKey: x.m._id, person: x.person, org: x.org, openid: x.m.ownerOpenid, termStart })
  }
  // members who joined before 2024 (not among the seeded memberships) are on the lists too
  const units = orgs.filter((o) => o._id !== FED)
  for (let i = 0; i < 3500; i++) {
    const org = d.weighted(units.map((o) => [o, o.since <= `${Y}-01-01` ? 10 : 1] as const))
    const termStart = termStartOf(org, null)
    if (termStart) enrollees.push({ memberKey: seedId(`y${Y}-enrollee-${i}`), person: fakePerson(d), org, openid: `o-seed-e${i}`, termStart })
  }

  const enrollments: EnrollmentRecord[] = []
  const imports = new Map<string, ImportRecord>()
  const byPerson = new Map<string, EnrollmentRecord[]>()
  const importOf = (org: OrgInfo, termStart: string): ImportRecord => {
    const importKey = `${org._id}_${termStart}`
    let imp = imports.get(importKey)
    if (!imp) {
      const impAt = officeTime(d, addDays(termStart, -d.int(4, 12)))
      imp = { _id: seedId(`y${Y}-aid-import-${importKey}`), orgId: org._id, orgPath: [...org.path, org._id], fileName: `${org.name}${termStart.slice(0, 4)}年互助保障名单.xlsx`, byOpenid: org.staffOpenid, rows: 0, created: 0, updated: 0, unchanged: 0, at: impAt }
      imports.set(importKey, imp)
    }
    return imp
  }
  /** The term a unit's list gives a person (not stored yet). */
  const enrollmentFor = (e: Enrollee, planId: string, termStart: string, shares: number): EnrollmentRecord => {
    const imp = importOf(e.org, termStart)
    return {
      _id: enrollmentKey(e.memberKey, planId, termStart),
      rowId: seedId(`y${Y}-aid-row-${e.memberKey}-${planId}-${termStart}`),
      memberKey: e.memberKey,
      name: e.person.name,
      maskedId: e.person.maskedId,
      orgId: e.org._id,
      orgPath: [...e.org.path, e.org._id],
      planId,
      shares,
      termStart,
      termEnd: addDays(addMonths(termStart, 12), -1),
      importId: imp._id,
      createdAt: imp.at,
      updatedAt: imp.at,
    }
  }
  const enroll = (e: Enrollee, planId: string, termStart: string, shares: number): EnrollmentRecord => {
    const rec = enrollmentFor(e, planId, termStart, shares)
    const imp = importOf(e.org, termStart)
    imp.rows++
    imp.created++
    enrollments.push(rec)
    byPerson.set(e.memberKey, [...(byPerson.get(e.memberKey) ?? []), rec])
    return rec
  }
  for (const e of enrollees) {
    const shares = d.weighted([[1, 78], [2, 15], [3, 5], [5, 2]] as const)
    if (d.chance(0.85)) enroll(e, 'plan-inpatient', e.termStart, shares)
    if (d.chance(0.6)) enroll(e, 'plan-accident', e.termStart, shares)
    if (d.chance(0.42)) enroll(e, 'plan-critical', e.termStart, 1)
    if (e.person.sex === 'female' && d.chance(0.6)) enroll(e, 'plan-female', e.termStart, 1)
  }

  // claims: one per person and plan, judged by the rules the function uses
  const claims: ClaimRecord[] = []
  const ledgers: Row[] = []
  const locks: Row[] = []
  const candidates = enrollments.filter((e) => e.planId === 'plan-inpatient' || e.planId === 'plan-accident')
  const order = candidates.map((e, i) => ({ e, k: d.next(), i })).sort((a, b) => a.k - b.k)
  let paid = 0
  let rejected = 0
  const claimRecord = (i: number, enrollee: Enrollee | null, e: EnrollmentRecord, facts: ClaimFacts, created: Date, terms: Enrollment[]) => {
    const a = assessClaim({ versions: DEMO_PLAN_RULES, enrollments: terms, planId: e.planId, claim: facts, today: created, ledger: null })
    if (!a.ok || !a.value.eligible || !a.value.payout) return null
    const v = a.value
    const payout = v.payout!
    const id = seedId(`y${Y}-claim-${i}`)
    const bankCardTail = String(d.int(0, 9999)).padStart(4, '0')
    const record: ClaimRecord = {
      _id: id,
      type: 'mutualAidClaim',
      ownerOpenid: enrollee?.openid ?? `o-seed-c${i}`,
      orgId: e.orgId,
      orgPath: e.orgPath,
      state: 'submitted',
      version: 1,
      createdAt: created,
      updatedAt: created,
      history: [],
      memberKey: e.memberKey,
      name: e.name,
      maskedId: e.maskedId,
      planId: e.planId,
      planName: v.rule.name,
      kind: v.rule.kind,
      ruleFrom: v.rule.effectiveFrom,
      facts,
      eventDate: facts.eventDate,
      eventKey: payout.eventKey,
      once: payout.once,
      ledgerYear: ledgerYearOf(facts.eventDate),
      shares: v.coverage.enrollment!.shares,
      computedFen: payout.payoutFen,
      computedSteps: payout.steps,
      windowLastDay: v.window.lastDay,
      windowDueAt: v.window.dueAt,
      documents: {},
      // as submit stores it: bound to the claim's id
      bankCardEnc: encrypt(fakeBankCard(id, bankCardTail), id),
      bankCardTail,
      note: null,
      flagged: false,
      ...undecidedClaim(),
    }
    return record
  }
  const factsFor = (e: EnrollmentRecord): { facts: ClaimFacts; ready: string } | null => {
    if (e.planId === 'plan-inpatient') {
      const admit = dayIn(d, addDays(e.termStart, 35), `${Y}-11-05`)
      const discharge = addDays(admit, d.int(2, 18))
      const selfPaidFen = Math.round(d.logUniform(1_800, 40_000) * 100)
      return { facts: { kind: 'inpatient', eventDate: admit, dischargeDate: discharge, cause: d.chance(0.85) ? 'illness' : 'accident', selfPaidFen }, ready: discharge }
    }
    const event = dayIn(d, addDays(e.termStart, 5), `${Y}-11-05`)
    if (d.chance(0.9)) {
      const discharge = addDays(event, d.int(3, 40))
      return { facts: { kind: 'accident', eventDate: event, benefit: 'allowance', admissionDate: event, dischargeDate: discharge }, ready: discharge }
    }
    return { facts: { kind: 'accident', eventDate: event, benefit: 'disability', grade: d.pick([7, 8, 9, 10] as const) }, ready: addDays(event, d.int(60, 120)) }
  }
  const enrolleeOf = new Map(enrollees.map((e) => [e.memberKey, e]))
  for (const { e, i } of order) {
    if (paid >= 600 && rejected >= 24) break
    if (e.termStart > `${Y}-09-01`) continue
    const f = factsFor(e)
    if (!f) continue
    const created = officeTime(d, addDays(f.ready, d.int(3, 25)))
    if (shanghaiDate(created) > `${Y}-11-28`) continue
    const record = claimRecord(i, enrolleeOf.get(e.memberKey) ?? null, e, f.facts, created, byPerson.get(e.memberKey)!)
    if (!record) continue
    const unit = orgs.find((o) => o._id === e.orgId)!
    const steps: StepSpec[] = []
    const step = (when: Date, to: ClaimState, actor: Actor, orgId: string, patch: Partial<ClaimRecord>, reason: string | null = null) => {
      const version = record.version + steps.length + 1
      const prevSteps = (steps.length ? (steps[steps.length - 1].patch?.steps as ClaimRecord['steps'] | undefined) : record.steps) ?? []
      steps.push({ at: when, to, actor, orgId, reason, patch: { ...patch, steps: [...prevSteps, { version, note: null }] } })
    }
    const checked = laterWorking(d, created, d.chance(0.92) ? d.int(1, 5) : d.int(6, 9))
    const rejectNow = paid >= 600 || (rejected < 24 && d.chance(0.04))
    if (rejectNow) {
      if (rejected >= 24) continue
      const reason = d.pick<ClaimRejectReason>(['docs_not_provided', 'docs_not_genuine', 'not_covered'])
      step(checked, 'rejected', 'grassroots', unit._id, { decidedBy: unit.staffOpenid, rejectReason: reason, rejectNote: null, decidedAt: checked }, reason)
      locks.push({ _id: `${record.memberKey}_${record.planId}_${record.eventKey}`, openClaimId: null, updatedAt: checked })
      rejected++
    } else {
      const approved = laterWorking(d, checked, d.chance(0.9) ? d.int(1, 8) : d.int(11, 14))
      const paidAt = laterWorking(d, approved, d.int(1, 6))
      const paidDate = shanghaiDate(paidAt)
      if (paidDate > `${Y}-12-31`) continue
      step(checked, 'grassroots_checked', 'grassroots', unit._id, { decidedBy: unit.staffOpenid })
      step(approved, 'approved', 'federation', FED, { decidedBy: 'o-demo-liu', approvedFen: record.computedFen, approvedSteps: record.computedSteps, overrideReason: null, overrideNote: null, decidedAt: approved })
      const paymentRef = `GH${paidDate.replace(/-/g, '')}${String(paid + 1).padStart(4, '0')}`
      step(paidAt, 'paid', 'federation', FED, { decidedBy: 'o-demo-liu', paymentRef, paidDate, paidFen: record.computedFen })
      ledgers.push({ _id: ledgerId(record.memberKey, record.planId, record.ledgerYear), memberKey: record.memberKey, planId: record.planId, year: record.ledgerYear, paidFen: record.computedFen, approvedFen: record.computedFen, events: [record.eventKey], updatedAt: paidAt })
      locks.push({ _id: `${record.memberKey}_${record.planId}_${record.eventKey}`, openClaimId: null, updatedAt: approved })
      paid++
    }
    project('aidClaim', runSteps(record, steps))
    claims.push(record)
  }

  // this year: three claims checked by their unit, waiting for the federation's approval
  let opened = 0
  for (const e of enrollees) {
    if (opened >= 3) break
    if (e.termStart !== `${Y}-01-01` || (e.org._id !== 'org-fengda' && e.org._id !== 'org-xingwang')) continue
    const k = opened
    const created = laterWorking(d, new Date(now.getTime() - (14 + 5 * k) * 86_400_000), 0)
    const termStart = `${Y + 1}-01-01`
    const admit = [addDays(shanghaiDate(created), -d.int(12, 20)), `${Y + 1}-01-05`].sort()[1]
    const facts: ClaimFacts = { kind: 'inpatient', eventDate: admit, dischargeDate: addDays(admit, d.int(3, 8)), cause: 'illness', selfPaidFen: Math.round(d.logUniform(5_000, 30_000) * 100) }
    const renewal = enrollmentFor(e, 'plan-inpatient', termStart, 1)
    const record = claimRecord(1_000_000 + k, e, renewal, facts, created, [...(byPerson.get(e.memberKey) ?? []), renewal])
    if (!record) continue
    enroll(e, 'plan-inpatient', termStart, 1)
    const checked = laterWorking(d, created, 2)
    project('aidClaim', runSteps(record, [{ at: checked, to: 'grassroots_checked', actor: 'grassroots', orgId: e.org._id, patch: { decidedBy: e.org.staffOpenid, steps: [{ version: 2, note: '材料齐全，已核对原件。' }] } }]))
    locks.push({ _id: `${record.memberKey}_${record.planId}_${record.eventKey}`, openClaimId: record._id, updatedAt: created })
    claims.push(record)
    opened++
  }
  return { enrollments, imports: [...imports.values()].filter((i) => i.rows > 0), claims, ledgers, locks }
}

// ---------------------------------------------------------------------------------------------------
// 入会: open applications

function openApplications(d: Dice, now: Date, encrypt: SeedEncrypt): ApplicationRecord[] {
  const out: ApplicationRecord[] = []
  const places = [
    { orgId: 'org-fengda', employer: 'fengda', name: '江西丰达机械有限公司', district: '芦林街道', occupation: ['车工', '装配工', '焊工', '仓管员'] },
    { orgId: 'org-school', employer: 'school', name: '广丰区实验小学', district: '永丰街道', occupation: ['教师', '保育员'] },
  ]
  for (let k = 0; k < 5; k++) {
    const place = places[k < 3 ? 0 : 1]
    const person = fakePerson(d, place.orgId === 'org-school' ? 0.7 : 0.35)
    const created = laterWorking(d, new Date(now.getTime() - (28 + 4 * k) * 86_400_000), 0)
    const id = seedId(`y${Y}-application-open-${k}`)
    out.push({
      _id: id,
      type: 'membershipApplication',
      ownerOpenid: `o-seed-a${k}`,
      orgId: place.orgId,
      orgPath: [FED, place.orgId],
      state: 'submitted',
      version: 1,
      createdAt: created,
      updatedAt: created,
      history: [],
      employer: { kind: 'known', employerId: demoId(`employer-${place.employer}`) },
      employerName: place.name,
      employerDistrict: place.district,
      employerAddress: null,
      employmentType: 'full_time',
      platform: null,
      occupation: d.pick(place.occupation),
      workPlace: 'local',
      remoteUnion: null,
      workCity: null,
      routeReason: 'EMPLOYER_UNION',
      migrant: false,
      personKey: seedId(`y${Y}-application-person-${k}`),
      // as apply stores it: bound to the application's id (approve() decrypts it with that)
      idEnc: encrypt(person.idNumber, id),
      maskedId: person.maskedId,
      birthDate: person.birthDate,
      sex: person.sex,
      name: person.name,
      phone: fakePhone(d),
      incomeSource: 'wages',
      // past: the union did not answer within its 15 working days
      dueDate: deadlineAfter(cal, created, DEMO_MEMBERSHIP_RULES.replyWorkingDays).dueDate,
      flagged: false,
      ...undecidedApplication(),
    })
  }
  return out
}

// ---------------------------------------------------------------------------------------------------
// 爱心驿站: visits

function stationVisits(d: Dice, members: MemberLike[]) {
  const visits: VisitRecord[] = []
  const months = new Map<string, Row & { visits: number }>()
  const stations = DEMO_STATIONS.map((s) => ({ id: demoId(`station-${s.key}`), data: s.data, weight: s.data.capacity * (1 + s.data.stars) }))
  const visitors = [...Array.from({ length: 3200 }, (_, i) => `o-seed-v${i}`), ...members.filter((x) => x.m.migrant).map((x) => x.m.ownerOpenid).slice(0, 800)]
  const yearStart = Date.parse(`${Y}-01-01T00:00:00+08:00`)
  const TARGET = 20_000
  for (let i = 0; visits.length < TARGET; i++) {
    const s = d.weighted(stations.map((x) => [x, x.weight] as const))
    const day = addDays(`${Y}-01-01`, d.int(0, 364))
    // 排山 closed for repairs in the autumn
    if (s.data.status !== 'open' && day > `${Y}-09-30`) continue
    const weekday = ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1
    const ranges = s.data.hours.allDay ? [{ open: '00:00', close: '24:00' }] : (s.data.hours.days[weekday as keyof typeof s.data.hours.days] ?? [])
    if (ranges.length === 0) continue
    const r = d.pick(ranges)
    const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))
    const open = toMin(r.open)
    const close = toMin(r.close) <= open ? toMin(r.close) + 1440 : toMin(r.close)
    const when = at(day, d.int(open, close - 1))
    if (when.getTime() < yearStart || shanghaiDate(when) > `${Y}-12-31`) continue
    const month = shanghaiMonth(when.getTime())
    const hostOrgId = s.data.hostOrgId
    visits.push({ _id: seedId(`y${Y}-visit-${i}`), stationId: s.id, ownerOpenid: d.pick(visitors), at: when, month, hostOrgId, stars: null })
    const counterId = `${s.id}_${month.replace('-', '')}`
    const counter = months.get(counterId) ?? { _id: counterId, stationId: s.id, month, hostOrgId, visits: 0, updatedAt: when }
    counter.visits++
    if (when > (counter.updatedAt as Date)) counter.updatedAt = when
    months.set(counterId, counter)
  }
  return { visits, months: [...months.values()] }
}
