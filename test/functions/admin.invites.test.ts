/**
 * Staff invites through the real functions on the emulator: create → redeem → role set → audit; reuse,
 * expiry, cancel; ten people redeeming one code at once; the wrong-code limit; codes never stored.
 */
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import type { Envelope } from '../../src/domain/envelope'
import type { CreatedInvite, InviteView, RedeemResult } from '../../src/domain/staff/staff.schema'
import type { Me } from '../../src/domain/session/session.schema'
import { hashInviteCode } from '../../cloudfunctions/_lib/invites.repo'
import { createInviteAsAdmin, errorCode, LAOLI, ok, useIndexKeyOf, ZHANG, ZHAO } from './admin.matrix'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
  useIndexKeyOf(rt)
}, 30000)
afterAll(() => rt?.stop())

const admin = <T = unknown>(openid: string | null, event: unknown) => rt.invokeAs(openid, 'admin', event) as Promise<Envelope<T>>
const session = <T = unknown>(openid: string | null, event: unknown) => rt.invokeAs(openid, 'session', event) as Promise<Envelope<T>>
const redeem = (openid: string, code: string) => session<RedeemResult>(openid, { action: 'redeemInvite', code })
const audit = async (query: Record<string, unknown>) => (await rt.emulator.db.find('audit', query)) as Array<Record<string, unknown>>
const userOf = async (openid: string) => ((await rt.emulator.db.find('users', { openid })) as Array<Record<string, unknown>>)[0]

let fresh = 0
const newcomer = () => `o-test-invitee-${++fresh}`

describe('invite lifecycle', () => {
  test('create → redeem: the person becomes staff of the org, both steps audited, the code works once', async () => {
    const created = await createInviteAsAdmin(rt)
    expect(created.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
    expect(created.invite).toMatchObject({ role: 'grassroots_staff', roleLabel: '基层工会工作人员', org: { id: 'org-xingwang', name: '兴旺国际建材城联合工会' }, state: 'pending', note: null })
    const hours = (Date.parse(created.invite.expiresAt) - Date.parse(created.invite.createdAt)) / 3600_000
    expect(hours).toBe(72)
    expect(await audit({ action: 'invite.create', 'target.id': created.invite.id })).toHaveLength(1)

    const person = newcomer()
    // Typed sloppily: lower case, no dash, spaces.
    const typed = ` ${created.code.replace('-', '').toLowerCase()} `
    expect(ok(await redeem(person, typed))).toEqual({ role: 'grassroots_staff', roleLabel: '基层工会工作人员', org: { id: 'org-xingwang', name: '兴旺国际建材城联合工会' } })

    const me = ok(await session<Me>(person, { action: 'me' }))
    expect(me).toMatchObject({ role: 'grassroots_staff', org: { id: 'org-xingwang' } })
    const grants = await audit({ action: 'role.grant', 'target.id': me.userId })
    expect(grants).toEqual([expect.objectContaining({ from: 'worker', to: 'grassroots_staff', orgId: 'org-xingwang', detail: { inviteId: created.invite.id } })])
    expect(grants[0].actor).toMatchObject({ openid: person })

    const invites = ok(await admin<{ invites: InviteView[] }>(ZHAO, { action: 'listInvites', state: 'used' })).invites
    expect(invites.find((i) => i.id === created.invite.id)).toMatchObject({ state: 'used', stateLabel: '已使用', usedBy: '微信用户' })

    // Reuse by someone else is refused and changes nothing.
    const other = newcomer()
    await session(other, { action: 'me' })
    expect(errorCode(await redeem(other, created.code))).toBe('INVITE.USED')
    expect(ok(await session<Me>(other, { action: 'me' })).role).toBe('worker')
    // The new staff member cannot redeem again (staff already hold a role).
    expect(errorCode(await redeem(person, created.code))).toBe('AUTH.FORBIDDEN')
  })

  test('an expired code is refused with its own message', async () => {
    const code = 'EXPXRED0' // canonical form, 8 characters
    const now = Date.now()
    await rt.emulator.db.insert('staffInvites', {
      _id: 'invite-expired',
      codeHash: hashInviteCode(code),
      role: 'grassroots_staff',
      orgId: 'org-school',
      note: null,
      status: 'pending',
      createdAt: new Date(now - 73 * 3600_000),
      expiresAt: new Date(now - 3600_000),
      createdBy: 'admin',
      usedBy: null,
      usedAt: null,
      cancelledBy: null,
      cancelledAt: null,
    })
    const person = newcomer()
    const r = await redeem(person, code)
    expect(r).toEqual({ ok: false, error: { code: 'INVITE.EXPIRED', message: expect.stringContaining('过期') } })
    expect(ok(await session<Me>(person, { action: 'me' })).role).toBe('worker')
    expect(ok(await admin<{ invites: InviteView[] }>(ZHAO, { action: 'listInvites', state: 'expired' })).invites.map((i) => i.id)).toContain('invite-expired')
    expect(ok(await admin<{ invites: InviteView[] }>(ZHAO, { action: 'listInvites', state: 'pending' })).invites.map((i) => i.id)).not.toContain('invite-expired')
  })

  test('a wrong code says so in plain words; a malformed one explains the format', async () => {
    const person = newcomer()
    expect(await redeem(person, 'ZZZZ-ZZZZ')).toEqual({ ok: false, error: { code: 'INVITE.INVALID', message: '邀请码不对，请核对后再输入' } })
    const malformed = await redeem(person, 'ABC')
    expect(malformed).toEqual({ ok: false, error: { code: 'VALIDATION.INVALID', message: expect.any(String), fieldErrors: { code: '邀请码是 8 位字母和数字，例如 K7PM-3QXD' } } })
  })

  test('a cancelled code cannot be used; a used one cannot be cancelled; cancelling twice is harmless', async () => {
    const created = await createInviteAsAdmin(rt, { role: 'federation_staff', orgId: 'org-fed', note: '新来的干事' })
    expect(created.invite.note).toBe('新来的干事')
    const cancelled = ok(await admin<{ invite: InviteView }>(ZHAO, { action: 'cancelInvite', inviteId: created.invite.id }))
    expect(cancelled.invite).toMatchObject({ state: 'cancelled', stateLabel: '已作废' })
    expect(ok(await admin<{ invite: InviteView }>(ZHAO, { action: 'cancelInvite', inviteId: created.invite.id })).invite.state).toBe('cancelled')
    expect(await audit({ action: 'invite.cancel', 'target.id': created.invite.id })).toHaveLength(1)
    expect(errorCode(await redeem(newcomer(), created.code))).toBe('INVITE.CANCELLED')

    const used = await createInviteAsAdmin(rt)
    ok(await redeem(newcomer(), used.code))
    expect(errorCode(await admin(ZHAO, { action: 'cancelInvite', inviteId: used.invite.id }))).toBe('INVITE.USED')
    expect(errorCode(await admin(ZHAO, { action: 'cancelInvite', inviteId: 'no-such-invite' }))).toBe('INVITE.NOT_FOUND')
  })

  test('listInvites shows pending invites, newest first, never a code or its hash', async () => {
    const a = await createInviteAsAdmin(rt, { role: 'grassroots_staff', orgId: 'org-shanghai' })
    const b = await createInviteAsAdmin(rt, { role: 'admin' })
    const list = ok(await admin<{ invites: InviteView[]; more: boolean }>(ZHAO, { action: 'listInvites', state: 'pending' }))
    const ids = list.invites.map((i) => i.id)
    expect(ids.indexOf(b.invite.id)).toBeLessThan(ids.indexOf(a.invite.id))
    expect(list.invites.find((i) => i.id === b.invite.id)).toMatchObject({ role: 'admin', org: null })
    const text = JSON.stringify(list)
    expect(text).not.toContain(a.code)
    expect(text).not.toContain(a.code.replace('-', ''))
    expect(text).not.toMatch(/codeHash|[0-9a-f]{64}/)
    expect(list.more).toBe(false)
  })
})

describe('createInvite checks', () => {
  test.each([
    [{ role: 'grassroots_staff', orgId: 'org-fed' }, 'INVITE.ORG_KIND_MISMATCH', 'orgId'],
    [{ role: 'federation_staff', orgId: 'org-fengda' }, 'INVITE.ORG_KIND_MISMATCH', 'orgId'],
    [{ role: 'grassroots_staff', orgId: 'org-nowhere' }, 'ORG.NOT_FOUND', 'orgId'],
    [{ role: 'grassroots_staff' }, 'VALIDATION.INVALID', 'orgId'],
    [{ role: 'admin', orgId: 'org-fed' }, 'VALIDATION.INVALID', 'orgId'],
    [{ role: 'worker', orgId: 'org-fengda' }, 'VALIDATION.INVALID', 'role'],
    [{ role: 'grassroots_staff', orgId: 'org-fengda', note: '电话13807931234' }, 'VALIDATION.INVALID', 'note'],
    [{ role: 'grassroots_staff', orgId: 'org-fengda', note: '这个人会办假证' }, 'INVITE.NOTE_RISKY', 'note'],
    [{ role: 'grassroots_staff', orgId: 'org-fengda', note: '一二三四五六七八九十一二三四五六七八九十一' }, 'VALIDATION.INVALID', 'note'],
  ])('%j → %s on %s, nothing stored', async (fields, code, field) => {
    const before = await rt.emulator.db.find('staffInvites', {})
    const r = await admin(ZHAO, { action: 'createInvite', ...fields })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe(code)
      expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/)
      expect(Object.keys(r.error.fieldErrors ?? {})).toEqual([field])
    }
    expect(await rt.emulator.db.find('staffInvites', {})).toEqual(before)
  })

  test('identity injected in the event is ignored: a worker claiming to be the admin is refused and audited', async () => {
    const before = (await audit({ action: 'auth.denied', 'actor.openid': LAOLI })).length
    for (const injected of [{ openid: ZHAO }, { role: 'admin', isStaff: true }, { userInfo: { openId: ZHAO } }]) {
      const r = await admin(LAOLI, { action: 'createInvite', role: 'admin', ...injected })
      expect(errorCode(r)).toBe('AUTH.FORBIDDEN')
    }
    expect((await audit({ action: 'auth.denied', 'actor.openid': LAOLI })).length).toBe(before + 3)
    // An admin's injected fields are dropped, too: the invite is the admin's own.
    const created = ok(await admin<CreatedInvite>(ZHAO, { action: 'createInvite', role: 'admin', createdBy: 'x', status: 'used', codeHash: 'x' }))
    const [stored] = (await rt.emulator.db.find('staffInvites', { _id: created.invite.id })) as Array<Record<string, unknown>>
    expect(stored).toMatchObject({ status: 'pending', createdBy: (await userOf(ZHAO))._id })
  })
})

describe('races and limits', () => {
  test('ten people redeeming one code at once: exactly one becomes staff', async () => {
    const created = await createInviteAsAdmin(rt, { role: 'grassroots_staff', orgId: 'org-newforms' })
    const people = Array.from({ length: 10 }, () => newcomer())
    await Promise.all(people.map((p) => session(p, { action: 'me' })))
    const replies = await Promise.all(people.map((p) => redeem(p, created.code)))
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    expect(replies.filter((r) => !r.ok).map(errorCode)).toEqual(Array(9).fill('INVITE.USED'))
    const staff = (await rt.emulator.db.find('users', { openid: { $in: people }, role: { $ne: 'worker' } })) as Array<Record<string, unknown>>
    expect(staff).toHaveLength(1)
    expect(staff[0]).toMatchObject({ role: 'grassroots_staff', orgId: 'org-newforms' })
    const [invite] = (await rt.emulator.db.find('staffInvites', { _id: created.invite.id })) as Array<Record<string, unknown>>
    expect(invite).toMatchObject({ status: 'used', usedBy: staff[0]._id })
    expect(await audit({ action: 'role.grant', 'detail.inviteId': created.invite.id })).toHaveLength(1)
    // Losers spent no tries on a real code.
    for (const p of people) expect(((await userOf(p)).inviteGuard as { count: number } | null)?.count ?? 0).toBe(0)
  }, 60000)

  test('five wrong codes, then "too many tries" — even for the right code — until the window passes', async () => {
    const person = newcomer()
    const created = await createInviteAsAdmin(rt)
    for (let i = 0; i < 5; i++) expect(errorCode(await redeem(person, `WRNG-C0D${i}`))).toBe('INVITE.INVALID')
    const locked = await redeem(person, created.code)
    expect(locked).toEqual({ ok: false, error: { code: 'INVITE.TOO_MANY_TRIES', message: '输错的次数太多了，请过 10 分钟再试' } })
    expect(await audit({ action: 'invite.wrong_code', 'actor.openid': person })).toHaveLength(5)
    // Move the window into the past: the person may try again, and the right code works.
    const u = await userOf(person)
    await rt.emulator.db.update('users', { _id: u._id }, { $set: { 'inviteGuard.since': new Date(Date.now() - 11 * 60_000) } })
    expect(ok(await redeem(person, created.code)).role).toBe('grassroots_staff')
    expect((await userOf(person)).inviteGuard).toBeNull()
  }, 30000)

  test('a burst of 12 parallel wrong guesses gets at most 5 looked at', async () => {
    const person = newcomer()
    await session(person, { action: 'me' })
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => redeem(person, `BRST-${String(i).padStart(4, '0')}`)))
    const codes = replies.map(errorCode)
    expect(codes.filter((c) => c === 'INVITE.INVALID')).toHaveLength(5)
    expect(codes.filter((c) => c === 'INVITE.TOO_MANY_TRIES')).toHaveLength(7)
    expect(await audit({ action: 'invite.wrong_code', 'actor.openid': person })).toHaveLength(5)
  }, 60000)
})

test('codes are never stored: not in invites, users or audit — only their keyed hash', async () => {
  const created = [await createInviteAsAdmin(rt), await createInviteAsAdmin(rt, { role: 'admin' })]
  ok(await redeem(newcomer(), created[0].code))
  await redeem(newcomer(), 'NOPE-N0PE')
  const dump = JSON.stringify(await rt.snapshot())
  for (const { code } of created) {
    expect(dump).not.toContain(code)
    expect(dump).not.toContain(code.replace('-', ''))
    expect(dump).toContain(hashInviteCode(code.replace('-', '')))
  }
  expect(dump).not.toContain('NOPEN0PE')
})

test('ZHANG (staff) never reaches redeemInvite; the denial is audited', async () => {
  const created = await createInviteAsAdmin(rt)
  expect(errorCode(await redeem(ZHANG, created.code))).toBe('AUTH.FORBIDDEN')
  expect(await audit({ action: 'auth.denied', 'actor.openid': ZHANG, 'target.id': 'session.redeemInvite' })).not.toHaveLength(0)
  const [invite] = (await rt.emulator.db.find('staffInvites', { _id: created.invite.id })) as Array<Record<string, unknown>>
  expect(invite.status).toBe('pending')
})
