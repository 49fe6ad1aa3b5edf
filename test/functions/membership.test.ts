/**
 * 入会 through the real `membership` function on the emulator: who may join (age from the ID number,
 * wage earners), where the application goes, one person one application and one membership (also
 * across WeChat accounts and under concurrency), review with needs-info and resubmission, and what the
 * worker and staff see. Transfers, cards, exports and calendars: membership.staff.test.ts.
 */
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { CALLERS } from '../support/matrix'
import type { Envelope } from '../../src/domain/envelope'
import { newIdempotencyKey } from '../../src/domain/requests/idempotency'
import { addDays, shanghaiDate, shanghaiDateParts } from '../../src/domain/calendar/working-days'
import { findPersonalNumbers } from '../../src/domain/privacy/redact'
import { parseMemberNo } from '../../src/domain/membership/membership.rules'
import type { ApplicationDetail, ApplicationRow, CheckReply, DecisionReply, MineReply, Page, SubmitReply } from '../../src/domain/membership/membership.schema'
import { sampleBytes, uploadFile } from './files.matrix'
import { applicationFor, applyFresh, changesOf, EMPLOYER, freshIdentity, freshIdNumber, idNumberFor, recordingClient, data, code } from './membership.matrix'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

type Reply<T = Record<string, unknown>> = Envelope<T>
const { replies, invoke, call } = recordingClient(() => rt)
const { grassrootsX, grassrootsY, federation, admin } = CALLERS
const CHEN = 'o-demo-chen' // staff of the Shanghai service station (org-shanghai)

let people = 0
/** A new WeChat user for each test, so tests do not share applications. */
const newWorker = () => `o-test-member-${++people}`

const apply = (openid: string, application: Record<string, unknown>, key = newIdempotencyKey()) => call<SubmitReply>(openid, { action: 'apply', key, application })
const check = (openid: string, application: Record<string, unknown>) => call<CheckReply>(openid, { action: 'check', application })
const decideAs = (openid: string, id: string, version: number, decision: string, extra: Record<string, unknown> = {}) =>
  call<DecisionReply>(openid, { action: 'decide', id, version, decision, ...extra })
const application = (id: string) => rt.emulator.db.findOne('memberApplications', { _id: id }) as Record<string, unknown>
const denials = (openid: string) => rt.emulator.db.count('audit', { action: 'auth.denied', 'actor.openid': openid })

describe('who may join', () => {
  const today = shanghaiDateParts(new Date())

  test('15 years and 364 days old is refused with the day they may apply; exactly 16 today is accepted', async () => {
    const [y, m, d] = addDays(shanghaiDate(new Date()), 1).split('-').map(Number)
    const young = newWorker()
    const id = await freshIdentity(invoke, young, idNumberFor({ year: y - 16, month: m, day: d }))
    const refused = await apply(young, applicationFor(id))
    expect(code(refused)).toBe('MEMBERSHIP.NOT_ELIGIBLE')
    expect(!refused.ok && refused.error.message).toContain('还差 1 天')
    expect(!refused.ok && refused.error.fieldErrors).toHaveProperty(['application.idNumber'])
    const checked = await data(check(young, applicationFor(id)))
    expect(checked).toMatchObject({ eligible: false, route: null, offerTransfer: false })
    expect(checked.issues.map((i) => i.code)).toEqual(['UNDER_AGE'])
    expect(rt.emulator.db.count('memberApplications', { ownerOpenid: young })).toBe(0)

    const sixteen = newWorker()
    const id16 = await freshIdentity(invoke, sixteen, idNumberFor({ year: today.year - 16, month: today.month, day: today.day }))
    expect(await data(check(sixteen, applicationFor(id16)))).toMatchObject({ eligible: true, issues: [] })
    const ok = await data(apply(sixteen, applicationFor(id16)))
    expect(ok).toMatchObject({ state: 'submitted', version: 1, orgName: '江西丰达机械有限公司工会' })
  })

  test('a boss who employs others and an unticked charter: every issue in plain words, nothing stored', async () => {
    const who = newWorker()
    const id = await freshIdentity(invoke, who)
    const r = await apply(who, applicationFor(id, { incomeSource: 'own_business', charterAccepted: false }))
    expect(code(r)).toBe('MEMBERSHIP.NOT_ELIGIBLE')
    expect(!r.ok && Object.keys(r.error.fieldErrors ?? {}).sort()).toEqual(['application.charterAccepted', 'application.incomeSource'])
    expect(rt.emulator.db.count('memberApplications', { ownerOpenid: who })).toBe(0)
  })

  test('the ID number needs the separate consent first', async () => {
    const who = newWorker()
    const r = await check(who, applicationFor(freshIdNumber()))
    expect(r).toMatchObject({ ok: false, error: { code: 'CONSENT.REQUIRED', fieldErrors: { consent: 'id_number' } } })
    expect(code(await apply(who, applicationFor(freshIdNumber())))).toBe('CONSENT.REQUIRED')
  })
})

describe('where the application goes (RULES.md §1)', () => {
  const routeOf = async (patch: Record<string, unknown>) => {
    const who = newWorker()
    const r = await data(check(who, applicationFor(await freshIdentity(invoke, who), patch)))
    expect(r.eligible).toBe(true)
    return r.route!
  }

  test('a migrant worker in Shanghai: the Shanghai station when chosen, the home federation otherwise', async () => {
    const shanghai = { employer: { kind: 'other', name: '上海宏建建筑工程有限公司' }, employmentType: 'migrant', occupation: '建筑工', workPlace: 'shanghai' }
    expect(await routeOf({ ...shanghai, remoteUnion: 'station' })).toMatchObject({ orgId: 'org-shanghai', reason: 'REMOTE_STATION' })
    expect(await routeOf({ ...shanghai, remoteUnion: 'home' })).toMatchObject({ orgId: 'org-fed', reason: 'REMOTE_HOME' })
    // applied for real: the station's own staff see it in their queue, the Fengda union does not
    const who = newWorker()
    const { id } = await data(apply(who, applicationFor(await freshIdentity(invoke, who), { ...shanghai, remoteUnion: 'station' })))
    expect(application(id)).toMatchObject({ orgId: 'org-shanghai', orgPath: ['org-fed', 'org-shanghai'], migrant: true, routeReason: 'REMOTE_STATION' })
    const chen = await data(call<Page<ApplicationRow>>(CHEN, { action: 'queue', pageSize: 50 }))
    expect(chen.items.map((r) => r.id)).toContain(id)
    expect(chen.items.every((r) => r.orgId === 'org-shanghai')).toBe(true)
    expect((await data(call<Page<ApplicationRow>>(grassrootsX, { action: 'queue', pageSize: 50 }))).items.map((r) => r.id)).not.toContain(id)
  })

  test('an employer without a union in 永丰街道 → the 联合工会; typed in 洋口镇 → the federation; a rider → the 新业态 union', async () => {
    const xingwang = await routeOf({ employer: { kind: 'known', employerId: EMPLOYER.haoweidao }, occupation: '服务员' })
    expect(xingwang).toMatchObject({ orgId: 'org-xingwang', reason: 'JOINT_UNION' })
    expect(xingwang.why).toContain('还没有自己的工会')
    expect(await routeOf({ employer: { kind: 'other', name: '永丰街道小吃店', district: '永丰街道' }, occupation: '厨师' })).toMatchObject({ orgId: 'org-xingwang' })
    expect(await routeOf({ employer: { kind: 'known', employerId: EMPLOYER.shuntong }, occupation: '货车司机' })).toMatchObject({ orgId: 'org-fed', reason: 'HIGHER_UNION' })
    const rider = await routeOf({ employer: { kind: 'other', name: '美团外卖', district: '丰溪街道' }, employmentType: 'new_forms', platform: 'meituan', occupation: '外卖骑手' })
    expect(rider).toMatchObject({ orgId: 'org-newforms', reason: 'NEW_FORMS_INDUSTRY' })
    expect(await routeOf({ employer: { kind: 'known', employerId: EMPLOYER.school }, occupation: '教师' })).toMatchObject({ orgId: 'org-school', reason: 'EMPLOYER_UNION' })
  })

  test('an unknown employer id is refused; the check says the employer is not told', async () => {
    const who = newWorker()
    const id = await freshIdentity(invoke, who)
    expect(code(await check(who, applicationFor(id, { employer: { kind: 'known', employerId: 'f'.repeat(32) } })))).toBe('MEMBERSHIP.EMPLOYER_NOT_FOUND')
    const r = await data(check(who, applicationFor(id)))
    expect(r.privacyNote).toContain('不会通知你的单位')
    expect(r.replyWorkingDays).toBe(15)
    expect(r.dueDate > shanghaiDate(new Date())).toBe(true)
  })
})

test('free text staff will read passes content security: risky is refused before anything is stored, review is flagged', async () => {
  const who = newWorker()
  const id = await freshIdentity(invoke, who)
  const before = await rt.snapshot()
  expect(code(await apply(who, applicationFor(id, { occupation: '办假证' })))).toBe('CONTENT.RISKY')
  const after = await rt.snapshot()
  delete before.audit
  delete after.audit
  expect(after).toEqual(before)
  const { id: appId } = await data(apply(who, applicationFor(id, { employer: { kind: 'other', name: '刷单工作室', district: '永丰街道' } })))
  expect(application(appId)).toMatchObject({ flagged: true, orgId: 'org-xingwang' })
})

describe('one person, one application, one membership', () => {
  test('the same ID number from a second WeChat account is refused (apply and check), and nothing is stored for it', async () => {
    const first = newWorker()
    const second = newWorker()
    const id = await freshIdentity(invoke, first)
    await data(apply(first, applicationFor(id)))
    await data(invoke(second, 'privacy', { action: 'grantConsent', category: 'id_number', policyVersion: '2026-11-22' }) as Promise<Reply>)
    const before = rt.emulator.db.count('memberApplications', {})
    expect(code(await apply(second, applicationFor(id)))).toBe('MEMBERSHIP.ID_TAKEN')
    expect(code(await check(second, applicationFor(id)))).toBe('MEMBERSHIP.ID_TAKEN')
    expect(rt.emulator.db.count('memberApplications', {})).toBe(before)
    expect(rt.emulator.db.count('identities', { ownerOpenid: second })).toBe(0)
  })

  test('an account that stored another ID number is told, not silently switched', async () => {
    const who = newWorker()
    await freshIdentity(invoke, who)
    const other = freshIdNumber()
    expect(code(await apply(who, applicationFor(other)))).toBe('MEMBERSHIP.ID_MISMATCH')
    expect(code(await check(who, applicationFor(other)))).toBe('MEMBERSHIP.ID_MISMATCH')
  })

  test('20 concurrent applies with one key: one application, one audit entry, identical replies', async () => {
    const who = newWorker()
    const app = applicationFor(await freshIdentity(invoke, who))
    const key = newIdempotencyKey()
    const all = await Promise.all(Array.from({ length: 20 }, () => apply(who, app, key)))
    expect(all.every((r) => r.ok)).toBe(true)
    expect(new Set(all.map((r) => JSON.stringify(r))).size).toBe(1)
    const docs = rt.emulator.db.find('memberApplications', { ownerOpenid: who })
    expect(docs).toHaveLength(1)
    expect(rt.emulator.db.count('audit', { action: 'membershipApplication.submit', 'target.id': docs[0]._id })).toBe(1)
    // another key for the same person: already applied
    expect(code(await apply(who, app))).toBe('MEMBERSHIP.APPLICATION_OPEN')
  }, 60000)

  test('concurrent applies with different keys for one person: exactly one application', async () => {
    const who = newWorker()
    const app = applicationFor(await freshIdentity(invoke, who))
    const all = await Promise.all(Array.from({ length: 8 }, () => apply(who, app)))
    expect(all.filter((r) => r.ok)).toHaveLength(1)
    expect(all.filter((r) => !r.ok).map(code)).toEqual(Array(7).fill('MEMBERSHIP.APPLICATION_OPEN'))
    expect(rt.emulator.db.count('memberApplications', { ownerOpenid: who })).toBe(1)
  }, 60000)

  test('two staff approve one application at once, 20 rounds: exactly one wins, one membership, unique member numbers', async () => {
    const numbers: string[] = []
    for (let round = 0; round < 20; round++) {
      const who = newWorker()
      const a = await applyFresh(invoke, who)
      const [x, f] = await Promise.all([decideAs(grassrootsX, a.id, 1, 'approve'), decideAs(federation, a.id, 1, 'approve')])
      expect([x.ok, f.ok].filter(Boolean)).toHaveLength(1)
      const loser = x.ok ? f : x
      expect(['REQUEST.ALREADY_DECIDED', 'REQUEST.STALE']).toContain(code(loser))
      const winner = (x.ok ? x : f) as { ok: true; data: DecisionReply }
      expect(winner.data).toMatchObject({ state: 'approved', version: 2 })
      expect(parseMemberNo(winner.data.memberNo!)).toBe(winner.data.memberNo)
      expect(rt.emulator.db.count('memberships', { ownerOpenid: who })).toBe(1)
      expect(rt.emulator.db.count('audit', { 'target.id': a.id, action: 'membershipApplication.approve' })).toBe(1)
      expect(rt.emulator.db.findOne('memberPersons', { openApplicationId: a.id })).toBeNull()
      numbers.push(winner.data.memberNo!)
    }
    expect(new Set(numbers).size).toBe(20)
  }, 120000)

  test('many approvals of different applications at once get distinct, consecutive member numbers', async () => {
    const apps = await Promise.all(Array.from({ length: 12 }, () => applyFresh(invoke, newWorker())))
    const before = (rt.emulator.db.findOne('counters', { _id: `memberNo:GF:${shanghaiDateParts(new Date()).year}` }) as { seq: number } | null)?.seq ?? 0
    const results = await Promise.all(apps.map((a, i) => decideAs([grassrootsX, federation, admin][i % 3], a.id, 1, 'approve')))
    expect(results.every((r) => r.ok)).toBe(true)
    const numbers = results.map((r) => (r.ok ? r.data.memberNo! : ''))
    expect(new Set(numbers).size).toBe(12)
    const seqs = numbers.map((n) => Number(n.slice(6, 12))).sort((a, b) => a - b)
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => before + i + 1))
    // already a member: a new application is refused and the check offers a transfer
    const who = rt.emulator.db.findOne('memberApplications', { _id: apps[0].id })!.ownerOpenid as string
    expect(code(await apply(who, applicationFor(apps[0].idNumber)))).toBe('MEMBERSHIP.ALREADY_MEMBER')
    expect(await data(check(who, applicationFor(apps[0].idNumber)))).toMatchObject({ eligible: false, offerTransfer: true, route: null })
  }, 120000)

  test('withdrawing frees the person to apply again; the withdrawn one cannot be withdrawn twice', async () => {
    const who = newWorker()
    const a = await applyFresh(invoke, who)
    expect(await data(call(who, { action: 'withdraw', id: a.id, version: 1 }))).toMatchObject({ state: 'withdrawn', version: 2 })
    expect(code(await call(who, { action: 'withdraw', id: a.id, version: 2 }))).toBe('REQUEST.ALREADY_DECIDED')
    expect(await data(apply(who, applicationFor(a.idNumber)))).toMatchObject({ state: 'submitted' })
  })
})

describe('review: ask, resubmit, approve', () => {
  test('staff ask for exact items; the worker adds a proof photo and a new job; the deadline restarts; approval issues a number; the timeline tells it all', async () => {
    const who = newWorker()
    const a = await applyFresh(invoke, who)
    // asking needs at least one item
    expect(code(await decideAs(grassrootsX, a.id, 1, 'ask', { items: [] }))).toBe('REQUEST.REASON_REQUIRED')
    await data(decideAs(grassrootsX, a.id, 1, 'ask', { items: ['work_proof', 'occupation'], note: '请拍一下工牌' }))
    expect(application(a.id)).toMatchObject({ state: 'needs_info', askedItems: ['work_proof', 'occupation'], askNote: '请拍一下工牌' })
    // waiting for the worker: out of 待处理 (submitted), still in 办理中 (open) and 待补充
    const ids = async (filter: string) => (await data(call<Page<ApplicationRow>>(grassrootsX, { action: 'queue', filter, pageSize: 50 }))).items.map((r) => r.id)
    expect(await ids('submitted')).not.toContain(a.id)
    expect(await ids('open')).toContain(a.id)
    expect(await ids('needs_info')).toContain(a.id)

    let mine = await data(call<MineReply>(who, { action: 'mine' }))
    expect(mine.application).toMatchObject({ state: 'needs_info', canResubmit: true, canWithdraw: true, askNote: '请拍一下工牌', dueText: null, overdue: false })
    expect(mine.application!.askedItems.map((i) => i.code)).toEqual(['work_proof', 'occupation'])
    expect(mine.application!.form).toMatchObject({ name: '李建国', maskedPhone: '138****1234', employerName: '江西丰达机械有限公司' })
    expect(mine.application!.form.maskedIdNumber).toMatch(/^361\*{11}[\dX]{4}$/)

    // someone else's photo is refused and nothing changes
    const files = (openid: string) => (event: Record<string, unknown>) => invoke(openid, 'files', event)
    const theirs = await uploadFile(files(newWorker()), sampleBytes('image/jpeg', 2000), { purpose: 'work_proof' })
    const bad = await call(who, { action: 'resubmit', id: a.id, version: 2, changes: changesOf(applicationFor(a.idNumber)), proofFileIds: [theirs] })
    expect(code(bad)).toBe('FILE.NOT_YOURS')
    expect(application(a.id)).toMatchObject({ state: 'needs_info', version: 2 })

    const photo = await uploadFile(files(who), sampleBytes('image/jpeg', 3000), { purpose: 'work_proof' })
    const changes = changesOf(applicationFor(a.idNumber), { occupation: '装配钳工' })
    delete changes.phone // omitted phone: the old one stays
    const again = await data(call<SubmitReply>(who, { action: 'resubmit', id: a.id, version: 2, changes, proofFileIds: [photo], note: '工牌照片传了' }))
    expect(again).toMatchObject({ state: 'submitted', version: 3, orgName: '江西丰达机械有限公司工会' })
    expect(application(a.id)).toMatchObject({ occupation: '装配钳工', phone: '13807931234', proofFileIds: [photo], orgId: 'org-fengda' })
    expect(rt.emulator.db.findOne('files', { _id: photo })).toMatchObject({ attachedTo: { type: 'membershipApplication', id: a.id } })

    // staff in scope see the photo (and may open it through `files`); the detail masks ID and phone
    const detail = await data(call<ApplicationDetail>(grassrootsX, { action: 'detail', id: a.id }))
    expect(detail.proofPhotos.map((p) => p.fileId)).toEqual([photo])
    expect(detail).toMatchObject({ maskedPhone: '138****1234', occupation: '装配钳工', state: 'submitted' })
    expect(detail.actions.sort()).toEqual(['approve', 'ask', 'reassign', 'reject'])
    expect(detail.reassignTargets.map((o) => o.id)).not.toContain('org-fengda')
    expect((await invoke(grassrootsX, 'files', { action: 'url', fileId: photo }) as Reply).ok).toBe(true)

    const approved = await data(decideAs(grassrootsX, a.id, 3, 'approve'))
    expect(approved.memberNo).toMatch(/^GF\d{11}$/)
    mine = await data(call<MineReply>(who, { action: 'mine' }))
    expect(mine.member).toMatchObject({ memberNo: approved.memberNo, orgName: '江西丰达机械有限公司工会', cardVersion: 1 })
    expect(mine.application!.history.map((s) => s.label)).toEqual(['交了申请', '工会请你补充材料', '你补充了材料', '批准入会'])
    expect(mine.application!.history.map((s) => s.note)).toEqual([null, '请拍一下工牌', '工牌照片传了', null])
    expect(mine.application!.history[1].who).toBe('江西丰达机械有限公司工会')
    expect(mine.application!.history[2].who).toBe('你')
    // staff read the same timeline in their own words
    const seen = await data(call<ApplicationDetail>(grassrootsX, { action: 'detail', id: a.id }))
    expect(seen.history.map((s) => `${s.who}:${s.label}`)).toEqual(['申请人:交了申请', '江西丰达机械有限公司工会:请申请人补充材料', '申请人:申请人补充了材料', '江西丰达机械有限公司工会:批准入会'])
  })

  test('a resubmission with another employer is routed again', async () => {
    const who = newWorker()
    const a = await applyFresh(invoke, who)
    await data(decideAs(federation, a.id, 1, 'ask', { items: ['employer_name'] }))
    const changes = changesOf(applicationFor(a.idNumber), { employer: { kind: 'known', employerId: EMPLOYER.school }, occupation: '食堂工人' })
    expect(await data(call<SubmitReply>(who, { action: 'resubmit', id: a.id, version: 2, changes }))).toMatchObject({ orgName: '广丰区实验小学工会' })
    expect(application(a.id)).toMatchObject({ orgId: 'org-school', orgPath: ['org-fed', 'org-school'], routeReason: 'EMPLOYER_UNION' })
  })

  test('a rejection needs a coded reason; the worker sees the reason, what to do next and how to appeal', async () => {
    const who = newWorker()
    const a = await applyFresh(invoke, who)
    expect(code(await decideAs(grassrootsX, a.id, 1, 'reject'))).toBe('REQUEST.REASON_REQUIRED')
    await data(decideAs(grassrootsX, a.id, 1, 'reject', { reason: 'cannot_contact', note: '打了三次电话没人接' }))
    const mine = await data(call<MineReply>(who, { action: 'mine' }))
    expect(mine.application!.rejection).toMatchObject({ code: 'cannot_contact', label: '多次联系不上本人', note: '打了三次电话没人接' })
    expect(mine.application!.rejection!.appeal).toContain('12351')
    expect(mine.member).toBeNull()
    // the person may apply again
    expect((await apply(who, applicationFor(a.idNumber))).ok).toBe(true)
  })

  test('messages go to the applicant only — never to the employer or anyone else', async () => {
    const who = newWorker()
    rt.emulator.outbox.clear()
    const a = await applyFresh(invoke, who)
    await data(decideAs(grassrootsX, a.id, 1, 'ask', { items: ['phone'] }))
    await data(call(who, { action: 'resubmit', id: a.id, version: 2, changes: changesOf(applicationFor(a.idNumber), { phone: '13907931111' }) }))
    await data(decideAs(grassrootsX, a.id, 3, 'approve'))
    const sent = rt.emulator.outbox.list()
    expect(sent.map((m) => m.touser)).toEqual([who, who])
    const field = (m: { data: unknown }, k: string) => (m.data as Record<string, { value: string } | undefined>)[k]?.value
    expect(sent.map((m) => [m.templateId, field(m, 'thing2'), field(m, 'phrase2')])).toEqual([
      ['local-needs_info', '能打通的手机号', undefined],
      ['local-decided', undefined, '已入会'],
    ])
    expect(sent.every((m) => m.page === 'subpackages/join/pages/status/index')).toBe(true)
    expect(rt.emulator.db.find('outbox', { 'source.id': a.id }).map((m) => m.toOpenid)).toEqual([who, who])
    expect(findPersonalNumbers(JSON.stringify(sent))).toEqual([])
  })
})

describe('staff scope', () => {
  test('staff of another org cannot see, decide, reassign or reveal (denied and audited); the queue shows only their own', async () => {
    const who = newWorker()
    const a = await applyFresh(invoke, who)
    const before = denials(grassrootsY)
    for (const event of [
      { action: 'detail', id: a.id },
      { action: 'decide', id: a.id, version: 1, decision: 'approve' },
      { action: 'reassign', id: a.id, version: 1, toOrgId: 'org-school' },
      { action: 'revealContact', id: a.id },
    ]) {
      expect(code(await call(grassrootsY, event))).toBe('AUTH.FORBIDDEN')
    }
    expect(denials(grassrootsY)).toBe(before + 4)
    expect(application(a.id)).toMatchObject({ state: 'submitted', version: 1, orgId: 'org-fengda' })
    const queue = await data(call<Page<ApplicationRow>>(grassrootsY, { action: 'queue', filter: 'all', pageSize: 50 }))
    expect(queue.items.every((r) => r.orgId === 'org-school')).toBe(true)
    // a worker may not use staff actions, nor touch someone else's application
    expect(code(await call(who, { action: 'queue' }))).toBe('AUTH.FORBIDDEN')
    expect(code(await call(newWorker(), { action: 'withdraw', id: a.id, version: 1 }))).toBe('AUTH.FORBIDDEN')
  })

  test('the queue is oldest first, pages through every open application and flags the deadline', async () => {
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await applyFresh(invoke, newWorker(), { employer: { kind: 'known', employerId: EMPLOYER.haoweidao }, occupation: '服务员' })).id)
    const seen: ApplicationRow[] = []
    let cursor: number | null = 0
    while (cursor !== null) {
      const page: Page<ApplicationRow> = await data(call<Page<ApplicationRow>>(federation, { action: 'queue', pageSize: 2, ...(cursor ? { cursor } : {}) }))
      seen.push(...page.items)
      cursor = page.nextCursor
    }
    const mine = seen.filter((r) => ids.includes(r.id))
    expect(mine.map((r) => r.id)).toEqual(ids)
    expect(new Set(seen.map((r) => r.id)).size).toBe(seen.length)
    const times = seen.map((r) => r.submittedAt)
    expect([...times].sort()).toEqual(times)
    expect(mine[0]).toMatchObject({ orgName: '兴旺国际建材城联合工会', overdue: false, employmentTypeLabel: expect.any(String) })
    expect(mine[0].dueText).toMatch(/^还剩 \d+ 个工作日$/)
  })

  test('an overdue application is flagged', async () => {
    const a = await applyFresh(invoke, newWorker())
    rt.emulator.db.update('memberApplications', { _id: a.id }, { $set: { dueDate: addDays(shanghaiDate(new Date()), -10) } })
    const row = (await data(call<Page<ApplicationRow>>(admin, { action: 'queue', filter: 'all', pageSize: 50, cursor: 0 })))
    const all: ApplicationRow[] = [...row.items]
    for (let c = row.nextCursor; c !== null; ) {
      const p: Page<ApplicationRow> = await data(call<Page<ApplicationRow>>(admin, { action: 'queue', filter: 'all', pageSize: 50, cursor: c }))
      all.push(...p.items)
      c = p.nextCursor
    }
    const found = all.find((r) => r.id === a.id)!
    expect(found.overdue).toBe(true)
    expect(found.dueText).toMatch(/^已超过 \d+ 个工作日$|^已过期限$/)
  })

  test('reassign: a misrouted application moves to another union with a fresh deadline; the old union no longer reaches it', async () => {
    const who = newWorker()
    const a = await applyFresh(invoke, who)
    expect(code(await call(grassrootsX, { action: 'reassign', id: a.id, version: 1, toOrgId: 'org-fengda' }))).toBe('VALIDATION.INVALID')
    expect(code(await call(grassrootsX, { action: 'reassign', id: a.id, version: 1, toOrgId: 'org-nowhere' }))).toBe('MEMBERSHIP.ORG_NOT_FOUND')
    await data(call(grassrootsX, { action: 'reassign', id: a.id, version: 1, toOrgId: 'org-school', note: '他在学校食堂干活' }))
    expect(application(a.id)).toMatchObject({ orgId: 'org-school', orgPath: ['org-fed', 'org-school'], state: 'submitted', version: 2, reassigned: true })
    expect(code(await call(grassrootsX, { action: 'detail', id: a.id }))).toBe('AUTH.FORBIDDEN')
    const detail = await data(call<ApplicationDetail>(grassrootsY, { action: 'detail', id: a.id }))
    expect(detail.history.map((s) => s.label)).toEqual(['交了申请', '转给「广丰区实验小学工会」办理'])
    expect(detail.routeWhy).toContain('广丰区实验小学工会')
    expect(rt.emulator.db.count('audit', { action: 'membershipApplication.reassign', 'target.id': a.id })).toBe(1)
    await data(decideAs(grassrootsY, a.id, 2, 'approve'))
  })

  test('revealing the phone is for staff in scope, grouped for reading aloud, and audited as privacy.reveal', async () => {
    const a = await applyFresh(invoke, newWorker())
    const r = await data(call<{ phone: string }>(grassrootsX, { action: 'revealContact', id: a.id }))
    expect(r.phone).toBe('138 0793 1234')
    expect(rt.emulator.db.count('audit', { action: 'privacy.reveal', 'target.id': a.id, 'actor.openid': grassrootsX })).toBe(1)
  })
})

test('no reply of this file carries an ID or phone number', () => {
  expect(replies.length).toBeGreaterThan(50)
  const leaks = [...replies.map((r) => JSON.stringify(r)), ...rt.runner.logs()].flatMap((t) => findPersonalNumbers(t))
  expect(leaks).toEqual([])
})
