import { database } from './cloud'
import { writeAudit } from './audit.repo'
import { readAll } from './orgs.repo'
import { INVITES, type InviteRecord } from './invites.repo'
import { inTransaction, txGet } from './transaction'
import type { Caller } from './handler'
import type { UserRecord } from './users.repo'
import type { Role } from '../../src/domain/session/session.schema'
import { guardAfterTry, guardWaitMinutes, inviteState, type InviteGuard, type RevokeReason } from '../../src/domain/staff/staff.schema'

/** The user record with the wrong-invite-code guard this area keeps on it. */
export type StaffUserRecord = UserRecord & { inviteGuard?: InviteGuard | null }

const USERS = 'users'
const users = () => database().collection(USERS)
const STAFF_ROLES: Role[] = ['grassroots_staff', 'federation_staff', 'admin']

type Signed = Caller & { user: NonNullable<Caller['user']> }

export async function findUsersByIds(ids: readonly string[]): Promise<Map<string, StaffUserRecord>> {
  const unique = [...new Set(ids)]
  const out = new Map<string, StaffUserRecord>()
  for (let i = 0; i < unique.length; i += 100) {
    const docs = await readAll<StaffUserRecord>(users().where({ _id: database().command.in(unique.slice(i, i + 100)) }))
    for (const u of docs) out.set(u._id, u)
  }
  return out
}

/** Staff of the given orgs (federation staff's subtree), or every staff member when `orgIds` is null (admin). */
export async function listStaff(orgIds: readonly string[] | null): Promise<StaffUserRecord[]> {
  const _ = database().command
  if (orgIds === null) return readAll<StaffUserRecord>(users().where({ role: _.in(STAFF_ROLES) }))
  if (orgIds.length === 0) return []
  const out: StaffUserRecord[] = []
  for (let i = 0; i < orgIds.length; i += 100) {
    out.push(...(await readAll<StaffUserRecord>(users().where({ role: _.in(STAFF_ROLES), orgId: _.in(orgIds.slice(i, i + 100)) }))))
  }
  return out
}

// ---- wrong codes -------------------------------------------------------------------------------

export type TrySlot = { ok: true; guard: InviteGuard } | { ok: false; waitMinutes: number }

/**
 * Takes one of the person's tries before a code is looked up, atomically: parallel attempts each take
 * their own slot, so no burst of guesses gets past the limit. A code that turns out to be real gives
 * its slot back (see redeemInvite); a wrong one keeps it.
 */
export async function takeCodeTry(userId: string, now: Date): Promise<TrySlot> {
  return inTransaction<TrySlot>(async (tx) => {
    const user = await txGet<StaffUserRecord>(tx, USERS, userId)
    const wait = guardWaitMinutes(user?.inviteGuard, now)
    if (wait > 0) return { ok: false, waitMinutes: wait }
    const guard = guardAfterTry(user?.inviteGuard, now)
    await tx.collection(USERS).doc(userId).update({ data: { inviteGuard: guard } })
    return { ok: true, guard }
  })
}

/** A trace of a wrong code (no code, no hash): who, and how many in the current window. */
export function auditWrongCode(caller: Caller, userId: string, guard: InviteGuard): Promise<void> {
  return writeAudit(caller, { action: 'invite.wrong_code', target: { type: 'user', id: userId }, detail: { count: guard.count } })
}

// ---- grant -------------------------------------------------------------------------------------

export type RedeemOutcome =
  | { ok: true; role: InviteRecord['role']; orgId: string | null }
  | { ok: false; reason: 'gone' | 'used' | 'expired' | 'cancelled' | 'already_staff' }

/**
 * Uses the invite and makes the user staff, in one transaction: the invite is compare-and-set from
 * pending to used, so of many people redeeming one code at once exactly one wins.
 */
export async function redeemInvite(caller: Caller, userId: string, inviteId: string, now: Date): Promise<RedeemOutcome> {
  return inTransaction<RedeemOutcome>(async (tx) => {
    const invite = await txGet<InviteRecord>(tx, INVITES, inviteId)
    const user = await txGet<StaffUserRecord>(tx, USERS, userId)
    if (!invite || !user) return { ok: false, reason: 'gone' }
    if (user.role !== 'worker') return { ok: false, reason: 'already_staff' }
    const state = inviteState(invite, now)
    if (state !== 'pending') {
      // A real code is not a guess: give the try back.
      const guard = user.inviteGuard
      if (guard && guard.count > 0) await tx.collection(USERS).doc(userId).update({ data: { inviteGuard: { since: guard.since, count: guard.count - 1 } } })
      return { ok: false, reason: state }
    }
    await tx.collection(INVITES).doc(inviteId).update({ data: { status: 'used', usedBy: userId, usedAt: now } })
    await tx.collection(USERS).doc(userId).update({ data: { role: invite.role, orgId: invite.orgId, inviteGuard: null, updatedAt: now } })
    await writeAudit(
      caller,
      { action: 'role.grant', target: { type: 'user', id: userId }, orgId: invite.orgId, from: 'worker', to: invite.role, detail: { inviteId } },
      tx,
    )
    return { ok: true, role: invite.role, orgId: invite.orgId }
  })
}

// ---- revoke ------------------------------------------------------------------------------------

export type RevokeOutcome =
  | { ok: true; user: StaffUserRecord }
  | { ok: false; reason: 'not_found' | 'not_staff' | 'last_admin' | 'caller_not_admin' }

/**
 * Staff role back to worker, audited. Revoking an admin also rewrites every admin's record in the
 * same transaction, so two admins revoking at once conflict and re-check: there is always one admin left.
 */
export async function revokeStaff(caller: Signed, userId: string, reason: RevokeReason, adminIds: readonly string[], now: Date): Promise<RevokeOutcome> {
  const me = caller.user._id
  return inTransaction<RevokeOutcome>(async (tx) => {
    const target = await txGet<StaffUserRecord>(tx, USERS, userId)
    if (!target) return { ok: false, reason: 'not_found' }
    if (target.role === 'worker') return { ok: false, reason: 'not_staff' }
    const self = await txGet<StaffUserRecord>(tx, USERS, me)
    if (self?.role !== 'admin') return { ok: false, reason: 'caller_not_admin' }

    if (target.role === 'admin') {
      const ids = [...new Set([...adminIds, me, userId])]
      const admins: string[] = []
      for (const id of ids) {
        const u = id === userId ? target : id === me ? self : await txGet<StaffUserRecord>(tx, USERS, id)
        if (u?.role === 'admin') admins.push(id)
      }
      if (admins.filter((id) => id !== userId).length === 0) return { ok: false, reason: 'last_admin' }
      for (const id of admins) if (id !== userId) await tx.collection(USERS).doc(id).update({ data: { updatedAt: now } })
    }

    const change = { role: 'worker' as Role, orgId: null, updatedAt: now }
    await tx.collection(USERS).doc(userId).update({ data: change })
    await writeAudit(
      caller,
      { action: 'role.revoke', target: { type: 'user', id: userId }, orgId: target.orgId, from: target.role, to: 'worker', reason },
      tx,
    )
    return { ok: true, user: { ...target, ...change } }
  })
}
