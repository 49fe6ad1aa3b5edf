/**
 * 消息提醒 (issue 9) through the real runtime: what people allowed (credits), sending again after a
 * failure without ever sending twice, 43101 as final, reminders on a fixed clock (each once, none after
 * the deadline, none without a credit), the 08:00 staff digest, and every stored message within
 * WeChat's field limits with no personal number.
 */
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { CALLERS } from '../support/matrix'
import type { Envelope } from '../../src/domain/envelope'
import { addDays, shanghaiDate } from '../../src/domain/calendar/working-days'
import { addMonths } from '../../src/domain/mutual-aid/mutual-aid.rules'
import { findPersonalNumbers } from '../../src/domain/privacy/redact'
import { TEMPLATE_KEYS, type SubscriptionsReply, type TemplateKey } from '../../src/domain/notify/notify.api'
import { fieldFits, fitField, TEMPLATE_LAYOUTS } from '../../src/domain/notify/templates'
import type { OutboxMessage } from '../../emulator/openapi'
import { applyFresh, code, data, must, recordingClient } from './membership.matrix'
import { caseOf, HELPER, stepOf } from './legalAid.matrix'
import { claimOf, importEvent, insuredWorker, ORG_X, termFrom } from './mutualAid.matrix'

let rt: TestRuntime

beforeAll(async () => {
  rt = await startTestRuntime()
}, 60000)
afterAll(() => rt?.stop())

const { invoke, call, leaks } = recordingClient(() => rt, 'notify')
const { grassrootsX, federation, admin } = CALLERS

let people = 0
const newWorker = () => `o-test-notify-${++people}`
const today = () => shanghaiDate(new Date())

/** A Shanghai wall-clock time as an ISO instant. */
const at = (date: string, time = '10:05') => new Date(`${date}T${time}:00+08:00`).toISOString()
const timer = (time: string, message = '') => invoke(null, 'notify', { Type: 'Timer', TriggerName: 'hourly', Time: time, Message: message }) as Promise<Envelope<Record<string, unknown>>>

const subscribe = (openid: string, results: Partial<Record<TemplateKey, string>>) => data(call<SubscriptionsReply>(openid, { action: 'subscribe', results }))
const credits = async (openid: string) => (await data(call<SubscriptionsReply>(openid, { action: 'mySubscriptions' }))).credits
/** `n` accepts of one kind (one tap each). */
async function allow(openid: string, key: TemplateKey, n = 1): Promise<void> {
  for (let i = 0; i < n; i++) await subscribe(openid, { [key]: 'accept' })
}

const sentTo = (openid: string, key?: TemplateKey): OutboxMessage[] => rt.emulator.outbox.list().filter((m) => m.touser === openid && (!key || m.templateId === `local-${key}`))
const value = (m: OutboxMessage, field: string) => (m.data as Record<string, { value: string } | undefined>)[field]?.value
const outboxDocs = (q: Record<string, unknown>) => rt.emulator.db.find('outbox', q) as Array<Record<string, unknown>>
const reminders = (q: Record<string, unknown>) => rt.emulator.db.find('reminders', q) as Array<Record<string, unknown>>

const decideApplication = (openid: string, id: string, version: number, decision: string, extra: Record<string, unknown> = {}) =>
  data(invoke(openid, 'membership', { action: 'decide', id, version, decision, ...extra }) as Promise<Envelope<{ version: number }>>)

describe('subscribe', () => {
  test('each accept is one credit of that kind; ban switches the kind off; only the caller’s own', async () => {
    const who = newWorker()
    expect(await credits(who)).toEqual(Object.fromEntries(TEMPLATE_KEYS.map((k) => [k, 0])))
    expect((await subscribe(who, { decided: 'accept', needs_info: 'accept', paid: 'reject', reminder: 'filter' })).credits).toMatchObject({ decided: 1, needs_info: 1, paid: 0, reminder: 0 })
    expect((await subscribe(who, { decided: 'accept' })).credits.decided).toBe(2)
    expect((await subscribe(who, { needs_info: 'ban' })).credits.needs_info).toBe(0)
    expect(await credits(who)).toMatchObject({ decided: 2, needs_info: 0, status_changed: 0 })
    // another person's credits are theirs
    expect((await credits(newWorker())).decided).toBe(0)
    // after a ban, an accept counts again
    expect((await subscribe(who, { needs_info: 'accept' })).credits.needs_info).toBe(1)

    const docs = rt.emulator.db.find('subscriptions', { ownerOpenid: who }) as Array<Record<string, unknown>>
    expect(docs.map((d) => Object.keys(d).sort())).toEqual(docs.map(() => ['_id', 'banned', 'credits', 'key', 'ownerOpenid', 'updatedAt']))
    expect(code(await call(who, { action: 'subscribe', results: { membership_application: 'accept' } }))).toBe('VALIDATION.INVALID')
    expect(code(await call(who, { action: 'subscribe', results: { decided: 'yes' } }))).toBe('VALIDATION.INVALID')
    expect(code(await call(null, { action: 'mySubscriptions' }))).toBe('AUTH.UNAUTHENTICATED')
  })

  test('a sent message uses one credit of its kind; without a credit it is still sent (WeChat is the judge)', async () => {
    const who = newWorker()
    await allow(who, 'decided', 2)
    const a = await applyFresh(invoke, who)
    await decideApplication(grassrootsX, a.id, 1, 'approve')
    expect(sentTo(who, 'decided')).toHaveLength(1)
    expect((await credits(who)).decided).toBe(1)
    expect(outboxDocs({ 'source.id': a.id })).toEqual([expect.objectContaining({ status: 'sent', creditUsed: true, attempts: 1, templateKey: 'decided' })])

    const other = newWorker()
    const b = await applyFresh(invoke, other)
    await decideApplication(grassrootsX, b.id, 1, 'ask', { items: ['phone'] })
    expect(sentTo(other, 'needs_info')).toHaveLength(1)
    expect(outboxDocs({ 'source.id': b.id })).toEqual([expect.objectContaining({ status: 'sent', creditUsed: false })])
    expect((await credits(other)).needs_info).toBe(0)
  })
})

describe('sending', () => {
  /** A message as decide() queues it, pending and due at `due`. */
  function pending(toOpenid: string, due: Date, marker: string): string {
    const _id = `test-outbox-${marker}`
    rt.emulator.db.insert('outbox', {
      _id,
      toOpenid,
      templateKey: 'decided',
      page: `pages/index/index?m=${marker}`,
      data: { thing1: '入会申请', phrase2: '已入会', thing3: '工会', thing4: marker },
      source: { type: 'test', id: marker, version: 1 },
      status: 'pending',
      attempts: 0,
      createdAt: due,
      nextAttemptAt: due,
      creditUsed: false,
    })
    return _id
  }
  const pageOf = (marker: string) => `pages/index/index?m=${marker}`

  test('a failed send is tried again by the timer after its backoff, then sent once — never twice', async () => {
    const who = newWorker()
    const t0 = new Date('2031-03-03T02:05:00Z')
    // an empty openid: WeChat answers 40003, a failure that is not final
    const id = pending('', t0, 'retry')
    await data(timer(t0.toISOString(), 'retry'))
    expect(rt.emulator.db.findOne('outbox', { _id: id })).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: new Date(t0.getTime() + 2 * 60_000) })
    expect(String(rt.emulator.db.findOne('outbox', { _id: id })!.lastError)).toMatch(/40003|openid/)
    rt.emulator.db.update('outbox', { _id: id }, { $set: { toOpenid: who } })
    // not due yet: nothing
    await data(timer(new Date(t0.getTime() + 60_000).toISOString(), 'retry'))
    expect(rt.emulator.outbox.list().filter((m) => m.page === pageOf('retry'))).toHaveLength(0)
    // the next hourly run sends it
    const r = await data(timer(new Date(t0.getTime() + 3_600_000).toISOString()))
    expect(r.retried).toMatchObject({ sent: 1 })
    expect(rt.emulator.outbox.list().filter((m) => m.page === pageOf('retry'))).toEqual([expect.objectContaining({ touser: who, templateId: 'local-decided' })])
    expect(rt.emulator.db.findOne('outbox', { _id: id })).toMatchObject({ status: 'sent', attempts: 2 })
    // later runs do not send it again
    await data(timer(new Date(t0.getTime() + 7_200_000).toISOString()))
    expect(rt.emulator.outbox.list().filter((m) => m.page === pageOf('retry'))).toHaveLength(1)
  })

  test('gives up after 5 attempts', async () => {
    const t0 = new Date('2031-03-04T02:05:00Z')
    const id = pending('', t0, 'give-up')
    for (let i = 0; i < 7; i++) await data(timer(new Date(t0.getTime() + i * 3_600_000).toISOString(), 'retry'))
    expect(rt.emulator.db.findOne('outbox', { _id: id })).toMatchObject({ status: 'failed', attempts: 5 })
  })

  test('two dispatchers at once: every due message is sent exactly once', async () => {
    const who = newWorker()
    const t0 = new Date('2031-03-05T02:05:00Z')
    const markers = Array.from({ length: 12 }, (_, i) => `race-${i}`)
    for (const m of markers) pending(who, t0, m)
    const [a, b] = await Promise.all([data(timer(t0.toISOString(), 'retry')), data(timer(t0.toISOString(), 'retry'))])
    const sent = rt.emulator.outbox.list().filter((m) => m.page?.startsWith('pages/index/index?m=race-'))
    expect(sent.map((m) => m.page).sort()).toEqual(markers.map(pageOf).sort())
    expect((a.retried as { sent: number }).sent + (b.retried as { sent: number }).sent).toBeGreaterThanOrEqual(12)
    expect(rt.emulator.db.count('outbox', { _id: { $in: markers.map((m) => `test-outbox-${m}`) }, status: 'sent', attempts: 1 })).toBe(12)
  })

  test('43101 (the person refused) is final: never tried again, and their credit count is cleared', async () => {
    const who = newWorker()
    await allow(who, 'decided', 2)
    rt.emulator.outbox.refuse(who)
    try {
      const a = await applyFresh(invoke, who)
      await decideApplication(grassrootsX, a.id, 1, 'approve')
      expect(outboxDocs({ 'source.id': a.id })).toEqual([expect.objectContaining({ status: 'refused', attempts: 1 })])
      expect((await credits(who)).decided).toBe(0)
      await data(timer(at(addDays(today(), 1), '03:05')))
      expect(outboxDocs({ 'source.id': a.id })).toEqual([expect.objectContaining({ status: 'refused', attempts: 1 })])
      expect(sentTo(who)).toHaveLength(0)
    } finally {
      rt.emulator.outbox.allow(who)
    }
  })
})

describe('reminders (fixed clock)', () => {
  test('a request left in "needs info": once at 3 days, once at 7, never after the reply-by day, never without a credit, not at night', async () => {
    const who = newWorker()
    const late = newWorker()
    const none = newWorker()
    await allow(who, 'reminder', 5)
    const asked: Array<{ id: string }> = []
    for (const p of [who, late, none]) {
      const a = await applyFresh(invoke, p)
      await decideApplication(grassrootsX, a.id, 1, 'ask', { items: ['phone'] })
      asked.push(a)
    }
    const day = today()
    const reminded = (openid: string) => sentTo(openid, 'reminder')

    await data(timer(at(addDays(day, 2))))
    expect(reminded(who)).toHaveLength(0)
    // at night nothing goes out
    await data(timer(at(addDays(day, 4), '03:05')))
    expect(reminded(who)).toHaveLength(0)
    await data(timer(at(addDays(day, 4))))
    await data(timer(at(addDays(day, 4), '11:05')))
    await data(timer(at(addDays(day, 5))))
    expect(reminded(who)).toHaveLength(1)
    const [first] = reminded(who)
    expect(first.page).toBe('subpackages/join/pages/status/index')
    expect({ thing1: value(first, 'thing1'), date2: value(first, 'date2') }).toEqual({ thing1: '入会申请', date2: fitField('date2', addDays(day, 15)) })
    expect(reminders({ ref: asked[0].id, kind: 'needs_info' }).map((r) => r.threshold)).toEqual([3])

    await data(timer(at(addDays(day, 8))))
    await data(timer(at(addDays(day, 9))))
    expect(reminded(who)).toHaveLength(2)
    expect(reminders({ ref: asked[0].id, kind: 'needs_info' }).map((r) => r.threshold).sort()).toEqual([3, 7])
    expect((await credits(who)).reminder).toBe(3)

    // past the reply-by day (15 days): nothing, though `late` has credits and was never reminded
    await allow(late, 'reminder', 5)
    await data(timer(at(addDays(day, 16))))
    expect(reminded(late)).toHaveLength(0)
    expect((await credits(late)).reminder).toBe(5)
    // `none` allowed nothing: never reminded
    expect(reminded(none)).toHaveLength(0)
    expect(reminders({ ref: asked[2].id })).toHaveLength(0)
  })

  test('mutual aid: the claim window closing in 30 and 7 days (a claim waiting for documents), each once, none after it closes', async () => {
    const who = newWorker()
    const c = await claimOf(invoke, who)
    must(await invoke(grassrootsX, 'mutualAid', { action: 'decideClaim', id: c.id, version: 1, decision: 'ask', items: ['invoice'] }), 'ask')
    await allow(who, 'reminder', 6)
    const lastDay = String((rt.emulator.db.findOne('aidClaims', { _id: c.id }) as Record<string, unknown>).windowLastDay)
    const windowMessages = () => sentTo(who, 'reminder').filter((m) => value(m, 'date2') === fitField('date2', lastDay))

    await data(timer(at(addDays(lastDay, -31))))
    expect(windowMessages()).toHaveLength(0)
    await data(timer(at(addDays(lastDay, -30))))
    await data(timer(at(addDays(lastDay, -30), '15:05')))
    await data(timer(at(addDays(lastDay, -20))))
    expect(windowMessages()).toHaveLength(1)
    await data(timer(at(addDays(lastDay, -7))))
    await data(timer(at(addDays(lastDay, -1))))
    expect(windowMessages()).toHaveLength(2)
    await data(timer(at(addDays(lastDay, 1))))
    expect(windowMessages()).toHaveLength(2)
    expect(reminders({ ref: c.id, kind: 'aid_window' }).map((r) => r.threshold).sort((a, b) => Number(a) - Number(b))).toEqual([7, 30])
    expect(windowMessages().every((m) => m.page === `subpackages/aid/pages/claim/index?id=${c.id}`)).toBe(true)
  })

  test('mutual aid: renewal due within 30 days of the last term (found through the stored ID number); none with a later term', async () => {
    const who = newWorker()
    const renewed = newWorker()
    await insuredWorker(invoke, who, { daysAgo: 200 })
    const insured = await insuredWorker(invoke, renewed, { daysAgo: 200 })
    const { termEnd } = termFrom(200)
    const nextStart = addDays(termEnd, 1)
    must(await invoke(admin, 'mutualAid', importEvent(ORG_X, [{ name: insured.name, idNumber: insured.idNumber, termStart: nextStart, termEnd: addDays(addMonths(nextStart, 12), -1) }])), 'import next term')
    await allow(who, 'reminder', 3)
    await allow(renewed, 'reminder', 3)
    const renewal = (openid: string) => sentTo(openid, 'reminder').filter((m) => value(m, 'date2') === fitField('date2', termEnd))

    await data(timer(at(addDays(termEnd, -31))))
    expect(renewal(who)).toHaveLength(0)
    await data(timer(at(addDays(termEnd, -30))))
    await data(timer(at(addDays(termEnd, -10))))
    expect(renewal(who)).toHaveLength(1)
    expect(renewal(who)[0]).toMatchObject({ page: 'subpackages/aid/pages/index/index' })
    expect(value(renewal(who)[0], 'thing1')).toContain('到期')
    await data(timer(at(addDays(termEnd, 1))))
    expect(renewal(who)).toHaveLength(1)
    expect(renewal(renewed)).toHaveLength(0)
    // the reminder record names the enrollment by its random row id, never the ID number's index
    const [r] = reminders({ kind: 'aid_renewal', outboxId: outboxDocs({ toOpenid: who, templateKey: 'reminder' }).find((d) => (d.data as Record<string, string>).date2 === fitField('date2', termEnd))!._id })
    expect(r).toMatchObject({ threshold: 30 })
    expect(rt.emulator.db.count('aidEnrollments', { rowId: r.ref })).toBe(1)
  })

  test('legal aid: the last day to apply for arbitration within the warning days (60), again at the urgent days (30); none after it', async () => {
    const who = newWorker()
    const c = await caseOf(invoke, who)
    await allow(who, 'reminder', 4)
    const lastDay = String(((rt.emulator.db.findOne('legalCases', { _id: c.id }) as Record<string, unknown>).limitation as { lastDay: string }).lastDay)
    const limitation = () => sentTo(who, 'reminder').filter((m) => value(m, 'date2') === fitField('date2', lastDay))

    await data(timer(at(addDays(lastDay, -61))))
    expect(limitation()).toHaveLength(0)
    await data(timer(at(addDays(lastDay, -60))))
    await data(timer(at(addDays(lastDay, -45))))
    expect(limitation()).toHaveLength(1)
    await data(timer(at(addDays(lastDay, -30))))
    await data(timer(at(addDays(lastDay, -10))))
    await data(timer(at(lastDay)))
    expect(limitation()).toHaveLength(2)
    await data(timer(at(addDays(lastDay, 1))))
    expect(limitation()).toHaveLength(2)
    expect(limitation().map((m) => value(m, 'thing1'))).toEqual(['欠薪求助', '欠薪求助'])
    expect(limitation().every((m) => m.page === `subpackages/legal/pages/case/index?id=${c.id}`)).toBe(true)
  })

  test('two timers at once queue a reminder once', async () => {
    const who = newWorker()
    const c = await caseOf(invoke, who)
    await allow(who, 'reminder', 5)
    const lastDay = String(((rt.emulator.db.findOne('legalCases', { _id: c.id }) as Record<string, unknown>).limitation as { lastDay: string }).lastDay)
    await Promise.all([timer(at(addDays(lastDay, -50))), timer(at(addDays(lastDay, -50))), timer(at(addDays(lastDay, -50)))])
    expect(sentTo(who, 'reminder').filter((m) => value(m, 'date2') === fitField('date2', lastDay))).toHaveLength(1)
    expect(reminders({ ref: c.id, kind: 'legal_limitation' })).toHaveLength(1)
    expect((await credits(who)).reminder).toBe(4)
  })
})

describe('staff digest', () => {
  test('at 08:00, once a day, only to staff who allowed it, while credits last', async () => {
    // something waiting at org X today
    await applyFresh(invoke, newWorker())
    await allow(grassrootsX, 'staff_digest', 2)
    const day = addDays(today(), 1)
    const digests = (openid: string) => sentTo(openid, 'staff_digest')

    await data(timer(at(day, '07:05')))
    expect(digests(grassrootsX)).toHaveLength(0)
    await data(timer(at(day, '08:05')))
    await data(timer(at(day, '08:05')))
    await data(timer(at(day, '09:05')))
    expect(digests(grassrootsX)).toHaveLength(1)
    expect(digests(federation)).toHaveLength(0)
    const [m] = digests(grassrootsX)
    expect(m.page).toBe('subpackages/staff/pages/work/index')
    expect(value(m, 'thing1')).toMatch(/^待办 \d+ 件，\d+ 件快到期$/)
    expect(value(m, 'number2')).toMatch(/^\d+$/)

    await data(timer(at(addDays(day, 1), '08:05')))
    expect(digests(grassrootsX)).toHaveLength(2)
    // no credit left
    await data(timer(at(addDays(day, 2), '08:05')))
    expect(digests(grassrootsX)).toHaveLength(2)
    expect((await credits(grassrootsX)).staff_digest).toBe(0)
    // a worker's credit is no staff digest
    const worker = newWorker()
    await allow(worker, 'staff_digest')
    await data(timer(at(addDays(day, 3), '08:05')))
    expect(digests(worker)).toHaveLength(0)
  })

  test('an unknown timer job is refused; a timer call with an OPENID is not a timer', async () => {
    expect(code(await timer(at(today()), 'everything'))).toBe('REQUEST.UNKNOWN_ACTION')
    expect(code((await rt.invokeAs(CALLERS.workerA, 'notify', { Type: 'Timer', TriggerName: 'hourly', Time: at(today()), Message: 'digest' })) as Envelope<unknown>)).toBe('REQUEST.UNKNOWN_ACTION')
  })
})

describe('the messages', () => {
  test('every area sends its kinds to the applicant only; every stored message fits WeChat’s limits, with no personal number', async () => {
    const who = newWorker()
    // 法律援助: ask → needs_info, accept/assign/progress → status_changed, close → decided
    let c = await caseOf(invoke, who, { employer: { name: '宏达劳务', address: '上海', contact: '老板 13800001111' } })
    c = await stepOf(invoke, federation, c, { decision: 'startReview' })
    c = await stepOf(invoke, federation, c, { decision: 'ask', input: { items: ['wage_proof', 'key_dates'] } })
    const resubmitted = await data(invoke(who, 'legalAid', { action: 'resubmit', id: c.id, version: c.version, addition: '工资条在手机里，已经拍好了。' }) as Promise<Envelope<{ version: number }>>)
    c = { id: c.id, version: resubmitted.version }
    c = await stepOf(invoke, federation, c, { decision: 'accept', input: { helpForms: ['mediation'] } })
    c = await stepOf(invoke, federation, c, { decision: 'assign', input: { helper: HELPER } })
    c = await stepOf(invoke, federation, c, { decision: 'progress', input: { note: '约了下周调解' } })
    c = await stepOf(invoke, federation, c, { decision: 'close', input: { kind: 'mediated', recovered: '12000', workersHelped: 1 } })
    const legal = rt.emulator.outbox.list().filter((m) => m.page === `subpackages/legal/pages/case/index?id=${c.id}`)
    expect(legal.map((m) => [m.touser, m.templateId])).toEqual([
      [who, 'local-needs_info'],
      [who, 'local-status_changed'],
      [who, 'local-status_changed'],
      [who, 'local-status_changed'],
      [who, 'local-decided'],
    ])
    expect(legal.slice(1).map((m) => value(m, 'phrase2'))).toEqual(['已受理', '已安排', '有新进展', '已办结'])
    expect(value(legal[0], 'thing2')).toBe('欠多少钱的证据、几个关键日子')
    expect(value(legal[4], 'thing4')).toBe('追回 12,000 元')

    // 互助保障: check → status_changed, approve → decided, paid → paid
    const aid = newWorker()
    const claim = await claimOf(invoke, aid)
    must(await invoke(grassrootsX, 'mutualAid', { action: 'decideClaim', id: claim.id, version: 1, decision: 'check' }), 'check')
    must(await invoke(federation, 'mutualAid', { action: 'decideClaim', id: claim.id, version: 2, decision: 'approve' }), 'approve')
    must(await invoke(federation, 'mutualAid', { action: 'markPaid', id: claim.id, version: 3, paymentRef: 'ZH2026112201', paidDate: today() }), 'markPaid')
    const aidSent = sentTo(aid)
    expect(aidSent.map((m) => m.templateId)).toEqual(['local-status_changed', 'local-decided', 'local-paid'])
    expect(value(aidSent[2], 'date3')).toBe(fitField('date3', today()))
    expect(value(aidSent[2], 'amount2')).toMatch(/^\d+\.\d{2}元$/)

    const layouts = Object.fromEntries(TEMPLATE_KEYS.map((k) => [`local-${k}`, TEMPLATE_LAYOUTS[k].map((f) => f.field)]))
    const all = rt.emulator.outbox.list()
    expect(all.length).toBeGreaterThan(20)
    for (const m of all) {
      const fields = Object.fromEntries(Object.entries(m.data as Record<string, { value: string }>).map(([f, v]) => [f, v.value]))
      if (!m.templateId.startsWith('local-')) continue
      expect({ template: m.templateId, fields: Object.keys(fields) }).toEqual({ template: m.templateId, fields: layouts[m.templateId] })
      for (const [f, v] of Object.entries(fields)) expect({ f, v, fits: fieldFits(f, v) }).toEqual({ f, v, fits: true })
    }
    expect(findPersonalNumbers(JSON.stringify(all))).toEqual([])
    expect(findPersonalNumbers(JSON.stringify(rt.emulator.db.find('outbox', {})))).toEqual([])
    expect(findPersonalNumbers(JSON.stringify(rt.emulator.db.find('reminders', {})))).toEqual([])
    expect(leaks()).toEqual([])
  })
})
