/**
 * Staff roles through the real functions on the emulator: who sees which orgs and staff, revoking
 * (access is gone on the very next call), the last-admin guard under races, and fuzzed events.
 */
import fc from 'fast-check'
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import type { Envelope } from '../../src/domain/envelope'
import type { Me } from '../../src/domain/session/session.schema'
import { adminEvent, type OrgView, type StaffList } from '../../src/domain/staff/staff.schema'
import { sessionEvent } from '../../src/domain/session/session.schema'
import { findPersonalNumbers } from '../../src/domain/privacy/redact'
import { createInviteAsAdmin, errorCode, LAOLI, LIU, ok, plantStaff, USER_IDS, WANG, ZHANG, ZHAO } from './admin.matrix'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

const admin = <T = unknown>(openid: string | null, event: unknown) => rt.invokeAs(openid, 'admin', event) as Promise<Envelope<T>>
const session = <T = unknown>(openid: string | null, event: unknown) => rt.invokeAs(openid, 'session', event) as Promise<Envelope<T>>
const orgIds = async (openid: string) => ok(await admin<{ orgs: OrgView[] }>(openid, { action: 'listOrgs' })).orgs.map((o) => o.id)
const audit = async (query: Record<string, unknown>) => (await rt.emulator.db.find('audit', query)) as Array<Record<string, unknown>>

let fresh = 0
const newcomer = () => `o-test-staff-${++fresh}`

/** A brand-new user made staff the real way: an admin's invite, redeemed. */
async function invitedStaff(fields: Record<string, unknown>): Promise<{ openid: string; userId: string }> {
  const openid = newcomer()
  const { code } = await createInviteAsAdmin(rt, fields)
  ok(await session(openid, { action: 'redeemInvite', code }))
  return { openid, userId: ok(await session<Me>(openid, { action: 'me' })).userId }
}

describe('scope', () => {
  test('listOrgs: admin all (tree order, Chinese kind labels), federation its subtree, grassroots its own, workers nothing', async () => {
    const all = ok(await admin<{ orgs: OrgView[] }>(ZHAO, { action: 'listOrgs' })).orgs
    expect(all[0]).toEqual({ id: 'org-fed', name: '广丰区总工会', kind: 'federation', kindLabel: '总工会', parentId: null, depth: 0, formedAt: null, version: 1 })
    expect(all.map((o) => o.kindLabel)).toEqual(['总工会', '基层工会', '基层工会', '联合工会', '行业工会联合会', '服务站'])
    expect(await orgIds(LIU)).toEqual(all.map((o) => o.id))
    expect(await orgIds(ZHANG)).toEqual(['org-fengda'])
    expect(await orgIds(WANG)).toEqual(['org-school'])
    expect(errorCode(await admin(LAOLI, { action: 'listOrgs' }))).toBe('AUTH.FORBIDDEN')
    expect(errorCode(await admin(null, { action: 'listOrgs' }))).toBe('AUTH.UNAUTHENTICATED')
  })

  test('federation staff of a sub-federation see only their branch', async () => {
    const now = new Date()
    await rt.emulator.db.insert('orgs', [
      { _id: 'org-town', name: '洋口镇总工会', kind: 'federation', parentId: 'org-fed', path: ['org-fed'], createdAt: now },
      { _id: 'org-town-mill', name: '洋口镇纸厂工会', kind: 'grassroots', parentId: 'org-town', path: ['org-fed', 'org-town'], createdAt: now },
    ])
    const town = await invitedStaff({ role: 'federation_staff', orgId: 'org-town' })
    const mill = await invitedStaff({ role: 'grassroots_staff', orgId: 'org-town-mill' })
    expect(await orgIds(town.openid)).toEqual(['org-town', 'org-town-mill'])
    // In the county list the town federation comes right after the root (federations first), its union below it.
    expect((await orgIds(LIU)).slice(0, 3)).toEqual(['org-fed', 'org-town', 'org-town-mill'])

    const seen = ok(await admin<StaffList>(town.openid, { action: 'listStaff' }))
    expect(seen.canRevoke).toBe(false)
    expect(seen.staff.map((s) => s.userId).sort()).toEqual([town.userId, mill.userId].sort())
    expect(seen.staff.find((s) => s.userId === town.userId)?.isMe).toBe(true)
    // Read only: revoking is for admins.
    expect(errorCode(await admin(town.openid, { action: 'revokeStaff', userId: mill.userId, reason: 'other' }))).toBe('AUTH.FORBIDDEN')
  })

  test('listStaff: admin sees every staff member, masked; county federation staff its subtree (no admins); grassroots and workers refused', async () => {
    const all = ok(await admin<StaffList>(ZHAO, { action: 'listStaff' }))
    expect(all.canRevoke).toBe(true)
    const zhang = all.staff.find((s) => s.userId === USER_IDS.zhang)
    expect(zhang).toEqual({
      userId: USER_IDS.zhang,
      displayName: '张*东',
      maskedPhone: '139****1111',
      role: 'grassroots_staff',
      roleLabel: '基层工会工作人员',
      org: { id: 'org-fengda', name: '江西丰达机械有限公司工会' },
      isMe: false,
    })
    expect(all.staff[0]).toMatchObject({ role: 'admin', isMe: true, org: null })
    expect(findPersonalNumbers(JSON.stringify(all))).toEqual([])
    expect(JSON.stringify(all)).not.toMatch(/张卫东|13979301111|openid/)

    const fed = ok(await admin<StaffList>(LIU, { action: 'listStaff' }))
    expect(fed.canRevoke).toBe(false)
    expect(fed.staff.map((s) => s.userId)).toEqual(expect.arrayContaining([USER_IDS.zhang, USER_IDS.wang, USER_IDS.liu]))
    expect(fed.staff.some((s) => s.role === 'admin')).toBe(false)

    expect(errorCode(await admin(ZHANG, { action: 'listStaff' }))).toBe('AUTH.FORBIDDEN')
    expect(errorCode(await admin(LAOLI, { action: 'listStaff' }))).toBe('AUTH.FORBIDDEN')
  })
})

describe('revoke', () => {
  test('a revoked staff member loses access on their very next call, and the revoke is audited with its reason', async () => {
    const person = await invitedStaff({ role: 'grassroots_staff', orgId: 'org-shanghai' })
    expect(await orgIds(person.openid)).toEqual(['org-shanghai'])

    const r = ok(await admin<{ userId: string; role: string }>(ZHAO, { action: 'revokeStaff', userId: person.userId, reason: 'left_post' }))
    expect(r).toEqual({ userId: person.userId, role: 'worker', roleLabel: '职工' })

    expect(errorCode(await admin(person.openid, { action: 'listOrgs' }))).toBe('AUTH.FORBIDDEN')
    expect(ok(await session<Me>(person.openid, { action: 'me' }))).toMatchObject({ role: 'worker', org: null })
    expect(await audit({ action: 'role.revoke', 'target.id': person.userId })).toEqual([
      expect.objectContaining({ from: 'grassroots_staff', to: 'worker', reason: 'left_post', orgId: 'org-shanghai', actor: expect.objectContaining({ openid: ZHAO, role: 'admin' }) }),
    ])
    expect(await audit({ action: 'auth.denied', 'actor.openid': person.openid, 'target.id': 'admin.listOrgs' })).toHaveLength(1)
    // Nothing left to revoke; and a revoked person may be invited again.
    expect(errorCode(await admin(ZHAO, { action: 'revokeStaff', userId: person.userId, reason: 'other' }))).toBe('STAFF.NOT_STAFF')
    const again = await createInviteAsAdmin(rt, { role: 'grassroots_staff', orgId: 'org-fengda' })
    expect(ok(await session<{ role: string }>(person.openid, { action: 'redeemInvite', code: again.code })).role).toBe('grassroots_staff')
  })

  test('seeded grassroots staff 张主席 revoked: next staff-only call is AUTH.FORBIDDEN', async () => {
    expect(await orgIds(ZHANG)).toEqual(['org-fengda'])
    ok(await admin(ZHAO, { action: 'revokeStaff', userId: USER_IDS.zhang, reason: 'duty_changed' }))
    expect(errorCode(await admin(ZHANG, { action: 'listOrgs' }))).toBe('AUTH.FORBIDDEN')
    // Put the seed back for the other tests of this file.
    await rt.emulator.db.update('users', { _id: USER_IDS.zhang }, { $set: { role: 'grassroots_staff', orgId: 'org-fengda' } })
  })

  test('unknown user and bad reason', async () => {
    expect(errorCode(await admin(ZHAO, { action: 'revokeStaff', userId: 'nobody-here', reason: 'other' }))).toBe('STAFF.NOT_FOUND')
    const r = await admin(ZHAO, { action: 'revokeStaff', userId: USER_IDS.wang, reason: 'because' })
    expect(r).toEqual({ ok: false, error: { code: 'VALIDATION.INVALID', message: expect.any(String), fieldErrors: { reason: '请选择撤销的原因' } } })
  })

  test('the last admin cannot revoke themself; with a second admin they can, and then the other is last', async () => {
    expect(await admin(ZHAO, { action: 'revokeStaff', userId: USER_IDS.zhao, reason: 'other' })).toEqual({
      ok: false,
      error: { code: 'STAFF.LAST_ADMIN', message: '你是最后一位管理员，不能撤销自己。请先邀请另一位管理员' },
    })
    const second = await invitedStaff({ role: 'admin' })
    ok(await admin(second.openid, { action: 'revokeStaff', userId: second.userId, reason: 'other' }))
    expect(errorCode(await admin(second.openid, { action: 'listInvites' }))).toBe('AUTH.FORBIDDEN')
    expect(errorCode(await admin(ZHAO, { action: 'revokeStaff', userId: USER_IDS.zhao, reason: 'other' }))).toBe('STAFF.LAST_ADMIN')
  })

  test('two admins revoking themselves (or each other) at once, 10 times: an admin is always left', async () => {
    for (let round = 0; round < 10; round++) {
      const a = await invitedStaff({ role: 'admin' })
      const b = await invitedStaff({ role: 'admin' })
      // Only these two are admins this round.
      await rt.emulator.db.update('users', { _id: USER_IDS.zhao }, { $set: { role: 'worker' } })
      const events = round % 2 ? [[a, b.userId], [b, a.userId]] : [[a, a.userId], [b, b.userId]]
      const replies = await Promise.all(events.map(([who, target]) => admin((who as { openid: string }).openid, { action: 'revokeStaff', userId: target, reason: 'other' })))
      expect(replies.filter((r) => r.ok)).toHaveLength(1)
      expect(replies.map(errorCode).filter(Boolean)[0]).toMatch(/^(STAFF.LAST_ADMIN|AUTH.FORBIDDEN)$/)
      expect(await rt.emulator.db.find('users', { _id: { $in: [a.userId, b.userId] }, role: 'admin' })).toHaveLength(1)
      // Clean up: zhao is the admin again, the survivor goes back to worker.
      await rt.emulator.db.update('users', { _id: USER_IDS.zhao }, { $set: { role: 'admin' } })
      await rt.emulator.db.update('users', { _id: { $in: [a.userId, b.userId] } }, { $set: { role: 'worker' } }, { multi: true })
    }
  }, 120000)

  test('revoking a planted federation staff member records their org for the subtree audit', async () => {
    const id = await plantStaff(rt, 'federation_staff', 'org-fed')
    ok(await admin(ZHAO, { action: 'revokeStaff', userId: id, reason: 'wrong_person' }))
    expect(await audit({ action: 'role.revoke', 'target.id': id })).toEqual([expect.objectContaining({ orgId: 'org-fed', from: 'federation_staff', reason: 'wrong_person' })])
  })
})

describe('fuzzed events: no crash, an envelope, zero writes', () => {
  const targeted = fc.oneof(
    fc.anything(),
    fc.record({ action: fc.constantFrom('listOrgs', 'createInvite', 'listInvites', 'cancelInvite', 'listStaff', 'revokeStaff', 'redeemInvite'), role: fc.anything(), orgId: fc.anything(), note: fc.anything(), inviteId: fc.anything(), userId: fc.anything(), reason: fc.anything(), code: fc.anything(), state: fc.anything() }, { requiredKeys: ['action'] }),
    fc.record({ action: fc.constantFrom('createInvite', 'cancelInvite', 'revokeStaff', 'redeemInvite'), orgId: fc.constant({ $gt: '' }), inviteId: fc.constant({ $ne: null }), userId: fc.constant({ $regex: '.*' }), code: fc.constant({ $exists: true }), role: fc.constant('admin') }),
    fc.record({ action: fc.constantFrom('createInvite', 'redeemInvite'), role: fc.constant('grassroots_staff'), orgId: fc.string({ minLength: 70, maxLength: 200 }), note: fc.string({ minLength: 21, maxLength: 400 }), code: fc.string({ minLength: 41, maxLength: 400 }) }),
  )

  test.each([
    ['admin', ZHAO, (e: unknown) => adminEvent.safeParse(e).success],
    ['admin', LIU, (e: unknown) => adminEvent.safeParse(e).success],
    ['session', LAOLI, (e: unknown) => sessionEvent.safeParse(e).success],
  ] as const)('%s as %s', async (fn, openid, valid) => {
    const before = await rt.snapshot()
    let calls = 0
    await fc.assert(
      fc.asyncProperty(targeted, async (event) => {
        // A valid event is a real request (and may write); the property is about everything else.
        fc.pre(!valid(event))
        calls++
        const r = (await rt.invokeAs(openid, fn, event)) as Envelope<unknown>
        if (r.ok) return false
        const text = JSON.stringify(r)
        return typeof r.error.code === 'string' && /[\u4e00-\u9fa5]/.test(r.error.message) && !/stack|at \/|Error:/.test(text) && findPersonalNumbers(text).length === 0
      }),
      { numRuns: 80 },
    )
    expect(calls).toBeGreaterThanOrEqual(80)
    expect(await rt.snapshot()).toEqual(before)
  }, 120000)

  test('deeply nested and huge events', async () => {
    const before = await rt.snapshot()
    let deep: Record<string, unknown> = { action: 'createInvite' }
    for (let i = 0; i < 500; i++) deep = { action: 'createInvite', role: deep }
    for (const event of [deep, { action: 'createInvite', role: 'admin', note: 'x'.repeat(300 * 1024) }, { action: 'redeemInvite', code: 'K'.repeat(300 * 1024) }]) {
      for (const fn of ['admin', 'session']) {
        const r = (await rt.invokeAs(ZHAO, fn, event)) as Envelope<unknown>
        expect(r.ok).toBe(false)
      }
    }
    expect(await rt.snapshot()).toEqual(before)
  }, 60000)
})
