/**
 * 入会 after approval through the real `membership` function: the member card and its QR code, staff
 * verifying cards, transfers between unions (会籍接转), member lists and the spreadsheet export, the
 * holiday calendar behind every deadline, and the list of known employers.
 */
import ExcelJS from 'exceljs'
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { CALLERS } from '../support/matrix'
import type { Envelope } from '../../src/domain/envelope'
import { newIdempotencyKey } from '../../src/domain/requests/idempotency'
import { addDays, shanghaiDate, shanghaiDateParts, WorkCalendar, DEMO_CALENDAR_2026 } from '../../src/domain/calendar/working-days'
import { findPersonalNumbers, ID_NUMBER_PATTERN } from '../../src/domain/privacy/redact'
import type {
  CardCheckReply,
  CheckReply,
  EmployerOption,
  ExportReply,
  MemberCardView,
  MemberRow,
  MineReply,
  Page,
  RouteView,
  SettingsReply,
  TransferRow,
  TransferView,
} from '../../src/domain/membership/membership.schema'
import { applicationFor, becomeMember, EMPLOYER, FENGDA_TARGET, freshIdentity, RIDER_TARGET, recordingClient, data, code } from './membership.matrix'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

type Reply<T = Record<string, unknown>> = Envelope<T>
const { replies, invoke, call } = recordingClient(() => rt)
const { workerA, grassrootsX, grassrootsY, federation, admin } = CALLERS
const CHEN = 'o-demo-chen'

let people = 0
const newWorker = () => `o-test-card-${++people}`
const card = (openid: string) => data(call<MemberCardView>(openid, { action: 'card' }))
const verify = (staff: string, input: Record<string, unknown>) => data(call<CardCheckReply>(staff, { action: 'verifyCard', ...input }))
const requestTransfer = (openid: string, target: Record<string, unknown>, key = newIdempotencyKey()) =>
  call<TransferView>(openid, { action: 'requestTransfer', key, target, reason: 'job_change' })

describe('member card', () => {
  test('a member sees the card with a QR code; a non-member is told to apply first', async () => {
    const who = newWorker()
    const { memberNo } = await becomeMember(invoke, who, { name: '王小明' })
    const c = await card(who)
    expect(c).toMatchObject({ name: '王小明', memberNo, orgName: '江西丰达机械有限公司工会', cardVersion: 1, joinedDate: shanghaiDate(new Date()) })
    expect(c.maskedIdNumber).toMatch(/^361\*+[\dX]{4}$/)
    expect(c.qrText).toMatch(/^union-member:c1\.GF\d{11}\.1\.[A-Za-z0-9_-]{22}$/)
    expect(c.qrDataUrl).toMatch(/^data:image\/png;base64,/)
    expect(c.history.map((s) => s.label)).toEqual(['加入「江西丰达机械有限公司工会」'])
    expect(code(await call(newWorker(), { action: 'card' }))).toBe('MEMBERSHIP.NOT_MEMBER')
    expect(code(await call(newWorker(), { action: 'checkTransfer', target: RIDER_TARGET }))).toBe('MEMBERSHIP.NOT_MEMBER')
  })

  test('any staff can verify: scanned code, typed number (spaces, lower case); masked name only; every check audited', async () => {
    const who = newWorker()
    const { memberNo } = await becomeMember(invoke, who, { name: '陈芳' })
    const { qrText } = await card(who)
    const auditsBefore = rt.emulator.db.count('audit', { action: 'membership.verifyCard' })
    // grassroots staff of another union may verify too
    expect(await verify(grassrootsY, { code: qrText })).toEqual({ check: 'current', label: '有效会员证', memberNo, maskedName: '陈*', orgName: '江西丰达机械有限公司工会', joinedDate: shanghaiDate(new Date()) })
    const typed = `${memberNo.slice(0, 6).toLowerCase()} ${memberNo.slice(6)}`
    expect(await verify(CHEN, { memberNo: typed })).toMatchObject({ check: 'current', memberNo })
    // a typo fails the check digit
    const typo = memberNo.slice(0, -1) + String((Number(memberNo.slice(-1)) + 1) % 10)
    expect(code(await call(federation, { action: 'verifyCard', memberNo: typo }))).toBe('VALIDATION.INVALID')
    // a forged code (right shape, wrong MAC) and someone else's QR code
    const forged = qrText.slice(0, -3) + (qrText.endsWith('AAA') ? 'BBB' : 'AAA')
    expect(await verify(admin, { code: forged })).toMatchObject({ check: 'unknown', memberNo: null, maskedName: null })
    expect(code(await call(admin, { action: 'verifyCard', code: 'https://example.com/x' }))).toBe('MEMBERSHIP.CARD_INVALID')
    expect(code(await call(admin, { action: 'verifyCard' }))).toBe('VALIDATION.INVALID')
    expect(rt.emulator.db.count('audit', { action: 'membership.verifyCard' })).toBe(auditsBefore + 3)
    expect(rt.emulator.db.count('audit', { action: 'membership.verifyCard', reason: 'forged' })).toBe(1)
    // workers cannot verify
    expect(code(await call(who, { action: 'verifyCard', code: qrText }))).toBe('AUTH.FORBIDDEN')
  })
})

describe('transfers (会籍接转)', () => {
  test('request → accepted by the receiving union: the membership moves, the card is reissued, the old QR says outdated', async () => {
    const who = newWorker()
    const { memberNo } = await becomeMember(invoke, who, { employer: { kind: 'known', employerId: EMPLOYER.school }, occupation: '保安' })
    const old = await card(who)
    expect(old.orgName).toBe('广丰区实验小学工会')

    expect(code(await call(who, { action: 'checkTransfer', target: { ...FENGDA_TARGET, employer: { kind: 'known', employerId: EMPLOYER.school } } }))).toBe('MEMBERSHIP.SAME_ORG')
    expect(await data(call<RouteView>(who, { action: 'checkTransfer', target: FENGDA_TARGET }))).toMatchObject({ orgId: 'org-fengda', reason: 'EMPLOYER_UNION' })
    const key = newIdempotencyKey()
    const t = await data(requestTransfer(who, FENGDA_TARGET, key))
    expect(t).toMatchObject({ state: 'requested', fromOrgName: '广丰区实验小学工会', toOrgName: '江西丰达机械有限公司工会', reasonLabel: '换了工作单位', canWithdraw: true })
    expect(await data(requestTransfer(who, FENGDA_TARGET, key))).toEqual(t) // a double tap
    expect(code(await requestTransfer(who, RIDER_TARGET))).toBe('MEMBERSHIP.TRANSFER_OPEN')

    // held by the receiving union: its staff see it; the old union's grassroots staff do not and cannot decide
    const rows = await data(call<Page<TransferRow>>(grassrootsX, { action: 'transfers', pageSize: 50 }))
    const row = rows.items.find((r) => r.id === t.id)!
    expect(row).toMatchObject({ memberNo, toOrgId: 'org-fengda', actions: ['accept', 'reject'] })
    expect(row.maskedIdNumber).toMatch(/^361\*+/)
    expect((await data(call<Page<TransferRow>>(grassrootsY, { action: 'transfers', pageSize: 50 }))).items.map((r) => r.id)).not.toContain(t.id)
    const before = rt.emulator.db.count('audit', { action: 'auth.denied', 'actor.openid': grassrootsY })
    expect(code(await call(grassrootsY, { action: 'decideTransfer', id: t.id, version: 1, decision: 'accept' }))).toBe('AUTH.FORBIDDEN')
    expect(rt.emulator.db.count('audit', { action: 'auth.denied', 'actor.openid': grassrootsY })).toBe(before + 1)

    rt.emulator.outbox.clear()
    await data(call(grassrootsX, { action: 'decideTransfer', id: t.id, version: 1, decision: 'accept', note: '欢迎' }))
    const moved = await card(who)
    expect(moved).toMatchObject({ memberNo, orgName: '江西丰达机械有限公司工会', cardVersion: 2 })
    expect(moved.qrText).not.toBe(old.qrText)
    expect(moved.history.map((s) => s.label)).toEqual(['加入「广丰区实验小学工会」', '从「广丰区实验小学工会」转到「江西丰达机械有限公司工会」'])
    expect(await verify(federation, { code: old.qrText })).toMatchObject({ check: 'outdated', memberNo })
    expect(await verify(federation, { code: moved.qrText })).toMatchObject({ check: 'current', orgName: '江西丰达机械有限公司工会' })
    expect(rt.emulator.db.findOne('memberships', { memberNo })).toMatchObject({ orgId: 'org-fengda', orgPath: ['org-fed', 'org-fengda'], cardVersion: 2, version: 2 })
    expect(rt.emulator.outbox.list().map((m) => [m.touser, m.page])).toEqual([[who, 'subpackages/join/pages/card/index']])

    const mine = await data(call<MineReply>(who, { action: 'mine' }))
    expect(mine.transfers[0]).toMatchObject({ id: t.id, state: 'accepted', canWithdraw: false })
    expect(mine.transfers[0].history.map((s) => s.note)).toEqual([null, '欢迎'])
    // now free to ask again
    expect((await requestTransfer(who, RIDER_TARGET)).ok).toBe(true)
  })

  test('two staff of the receiving union decide one transfer at once: exactly one wins, the card moves once', async () => {
    for (let round = 0; round < 5; round++) {
      const who = newWorker()
      await becomeMember(invoke, who, { employer: { kind: 'known', employerId: EMPLOYER.school }, occupation: '厨师' })
      const t = await data(requestTransfer(who, FENGDA_TARGET))
      const [a, b] = await Promise.all([
        call(grassrootsX, { action: 'decideTransfer', id: t.id, version: 1, decision: 'accept' }),
        call(federation, { action: 'decideTransfer', id: t.id, version: 1, decision: 'reject', reason: 'cannot_verify' }),
      ])
      expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1)
      expect((await card(who)).cardVersion).toBe(a.ok ? 2 : 1)
    }
  }, 60000)

  test('rejected with a coded reason, or withdrawn by the member: the membership stays where it was', async () => {
    const who = newWorker()
    await becomeMember(invoke, who)
    const t = await data(requestTransfer(who, RIDER_TARGET))
    expect(code(await call(federation, { action: 'decideTransfer', id: t.id, version: 1, decision: 'reject' }))).toBe('REQUEST.REASON_REQUIRED')
    await data(call(federation, { action: 'decideTransfer', id: t.id, version: 1, decision: 'reject', reason: 'not_our_member_area' }))
    let mine = await data(call<MineReply>(who, { action: 'mine' }))
    expect(mine.transfers[0].rejection).toMatchObject({ code: 'not_our_member_area', label: '不在我们工会的范围' })
    expect(mine.member).toMatchObject({ orgName: '江西丰达机械有限公司工会', cardVersion: 1 })

    const again = await data(requestTransfer(who, RIDER_TARGET))
    expect(code(await call(newWorker(), { action: 'withdrawTransfer', id: again.id, version: 1 }))).toBe('AUTH.FORBIDDEN')
    expect(await data(call(who, { action: 'withdrawTransfer', id: again.id, version: 1 }))).toMatchObject({ state: 'withdrawn' })
    mine = await data(call<MineReply>(who, { action: 'mine' }))
    expect(mine.transfers.map((x) => x.state)).toEqual(['withdrawn', 'rejected'])
    expect((await requestTransfer(who, RIDER_TARGET)).ok).toBe(true)
  })
})

describe('member lists and the export', () => {
  test('staff list the members in their scope and find one by name or member number', async () => {
    const a = await becomeMember(invoke, newWorker(), { name: '欧阳春花' })
    const b = await becomeMember(invoke, newWorker(), { name: '周建华', employer: { kind: 'known', employerId: EMPLOYER.school }, occupation: '教师' })
    const byName = await data(call<Page<MemberRow>>(federation, { action: 'members', q: '欧阳' }))
    expect(byName.items.map((m) => m.memberNo)).toEqual([a.memberNo])
    expect(byName.items[0]).toMatchObject({ name: '欧阳春花', orgName: '江西丰达机械有限公司工会', migrant: false })
    expect((await data(call<Page<MemberRow>>(federation, { action: 'members', q: b.memberNo.slice(2).toLowerCase() }))).items.map((m) => m.memberNo)).toEqual([b.memberNo])
    // grassroots staff: only their union
    expect((await data(call<Page<MemberRow>>(grassrootsX, { action: 'members', q: '周建华' }))).items).toEqual([])
    expect((await data(call<Page<MemberRow>>(grassrootsY, { action: 'members', q: '周建华' }))).items).toHaveLength(1)
    expect(code(await call(grassrootsY, { action: 'members', orgId: 'org-fengda' }))).toBe('AUTH.FORBIDDEN')
    // pages never overlap
    const seen: string[] = []
    for (let cursor: number | null = 0; cursor !== null; ) {
      const p: Page<MemberRow> = await data(call<Page<MemberRow>>(admin, { action: 'members', pageSize: 3, ...(cursor ? { cursor } : {}) }))
      seen.push(...p.items.map((m) => m.memberNo))
      cursor = p.nextCursor
    }
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen).toEqual(expect.arrayContaining([a.memberNo, b.memberNo]))
  })

  test('the export is an xlsx exceljs reads, with masked ID numbers only, and is audited', async () => {
    const who = newWorker()
    const idNumber = await freshIdentity(invoke, who)
    const applied = await data(call<{ id: string; version: number }>(who, { action: 'apply', key: newIdempotencyKey(), application: applicationFor(idNumber, { name: '赵铁柱', employmentType: 'migrant', occupation: '焊工' }) }))
    await data(call(grassrootsX, { action: 'decide', id: applied.id, version: 1, decision: 'approve' }))

    const r = await data(call<ExportReply>(grassrootsX, { action: 'exportMembers' }))
    expect(r.fileName).toMatch(/^会员名单-\d{8}\.xlsx$/)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(r.contentBase64, 'base64') as unknown as ArrayBuffer)
    const sheet = wb.worksheets[0]
    const rows: string[][] = []
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
    expect(rows[0]).toEqual(['姓名', '身份证号', '会员编号', '工会', '入会日期', '用工方式', '农民工'])
    expect(rows.length - 1).toBe(r.rows)
    const mine = rows.find((x) => x[0] === '赵铁柱')!
    expect(mine[1]).toBe(`${idNumber.slice(0, 3)}${'*'.repeat(11)}${idNumber.slice(-4)}`)
    expect(mine.slice(3)).toEqual(['江西丰达机械有限公司工会', shanghaiDate(new Date()), '农民工（进城务工）', '是'])
    expect(rows.slice(1).every((x) => x[3] === '江西丰达机械有限公司工会')).toBe(true)
    const text = rows.flat().join('\n')
    expect(text).not.toContain(idNumber)
    expect(text.match(new RegExp(ID_NUMBER_PATTERN.source, 'g'))).toBeNull()
    expect(rt.emulator.db.count('audit', { action: 'membership.export', 'actor.openid': grassrootsX, 'detail.rows': r.rows })).toBe(1)
    expect(code(await call(who, { action: 'exportMembers' }))).toBe('AUTH.FORBIDDEN')
  })
})

describe('working days and the holiday calendar', () => {
  test('settings show the rule table and calendars; only the admin changes a calendar, and deadlines follow it', async () => {
    const s = await data(call<SettingsReply>(grassrootsX, { action: 'settings' }))
    expect(s.rules).toMatchObject({ minAge: 16, replyWorkingDays: 15, memberNoPrefix: 'GF' })
    expect(s.calendars.map((c) => c.year)).toContain(2026)
    expect(s.calendars.find((c) => c.year === 2026)).toEqual(DEMO_CALENDAR_2026)

    const who = newWorker()
    const app = applicationFor(await freshIdentity(invoke, who))
    const before = await data(call<CheckReply>(who, { action: 'check', application: app }))
    const year = shanghaiDateParts(new Date()).year
    const current = s.calendars.find((c) => c.year === year) ?? { year, holidays: [], workdays: [] }
    // the next five working days become holidays
    const cal = new WorkCalendar(s.calendars)
    const extra: string[] = []
    for (let d = shanghaiDate(new Date()); extra.length < 5; ) {
      d = addDays(d, 1)
      if (!d.startsWith(String(year))) break
      if (cal.isWorkingDay(d)) extra.push(d)
    }
    const changed = { year, holidays: [...current.holidays, ...extra], workdays: current.workdays }
    expect(code(await call(grassrootsX, { action: 'setCalendar', calendar: changed }))).toBe('AUTH.FORBIDDEN')
    expect(code(await call(admin, { action: 'setCalendar', calendar: { year, holidays: [`${year}-02-30`], workdays: [] } }))).toBe('VALIDATION.INVALID')
    const saved = await data(call<SettingsReply>(admin, { action: 'setCalendar', calendar: changed }))
    expect(saved.calendars.find((c) => c.year === year)!.holidays).toEqual(expect.arrayContaining(extra))
    expect(saved.missingYears).not.toContain(year)
    expect(rt.emulator.db.count('audit', { action: 'membership.setCalendar', 'target.id': String(year) })).toBeGreaterThanOrEqual(1)

    const after = await data(call<CheckReply>(who, { action: 'check', application: app }))
    if (extra.length === 5) expect(after.dueDate > before.dueDate).toBe(true)
    expect(after.dueDate).toBe(new WorkCalendar([...s.calendars.filter((c) => c.year !== year), changed]).addWorkingDays(shanghaiDate(new Date()), 15))
    await data(call(admin, { action: 'setCalendar', calendar: current }))
    expect((await data(call<CheckReply>(who, { action: 'check', application: app }))).dueDate).toBe(before.dueDate)
  })
})

test('known employers: name search, the union they have (or none)', async () => {
  const all = await data(call<{ employers: EmployerOption[] }>(workerA, { action: 'employers' }))
  expect(all.employers.length).toBeGreaterThanOrEqual(8)
  expect(all.employers.find((e) => e.name === '江西丰达机械有限公司')).toMatchObject({ unionName: '江西丰达机械有限公司工会', district: '芦林街道' })
  const found = await data(call<{ employers: EmployerOption[] }>(workerA, { action: 'employers', q: '物流' }))
  expect(found.employers).toEqual([{ id: EMPLOYER.shuntong, name: '广丰区顺通物流有限公司', district: '洋口镇', unionName: null }])
})

test('no reply of this file carries an ID or phone number', () => {
  expect(replies.length).toBeGreaterThan(50)
  const leaks = [...replies.map((r) => JSON.stringify(r)), ...rt.runner.logs()].flatMap((t) => findPersonalNumbers(t))
  expect(leaks).toEqual([])
})

test('我的信息 counts the application, the card and transfers; closing the account unlinks them from the WeChat user', async () => {
  const who = newWorker()
  await invoke(who, 'session', { action: 'me' })
  await becomeMember(invoke, who)
  await data(requestTransfer(who, RIDER_TARGET))
  const mine = (await invoke(who, 'privacy', { action: 'myData' })) as Reply<{ records: Array<{ label: string; count: number }> }>
  expect(mine.ok && mine.data.records.filter((r) => ['入会申请', '会员证', '转会申请'].includes(r.label))).toEqual([
    { label: '入会申请', count: 1 },
    { label: '会员证', count: 1 },
    { label: '转会申请', count: 1 },
  ])
  expect((await invoke(who, 'privacy', { action: 'closeAccount', confirm: '注销' }) as Reply).ok).toBe(true)
  for (const coll of ['memberApplications', 'memberships', 'memberTransfers']) expect({ coll, left: rt.emulator.db.count(coll, { ownerOpenid: who }) }).toEqual({ coll, left: 0 })
  expect(code(await call(who, { action: 'card' }))).toBe('MEMBERSHIP.NOT_MEMBER')
})
