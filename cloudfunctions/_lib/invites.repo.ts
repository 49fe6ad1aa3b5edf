import { createHmac, randomBytes } from 'node:crypto'
import { inTransaction, txGet } from './transaction'
import { database, getDocs, isDuplicateKeyError, sdk } from './cloud'
import { writeAudit } from './audit.repo'
import { readAll } from './orgs.repo'
import type { Caller } from './handler'
import { codeFromBytes, displayCode } from '../../src/domain/staff/invite-code'
import { INVITE_TTL_HOURS, type InviteRole, type InviteState, type InviteStatus } from '../../src/domain/staff/staff.schema'

/** A stored invite. The code itself is never stored: only its keyed hash. */
export interface InviteRecord {
  _id: string
  codeHash: string
  role: InviteRole
  orgId: string | null
  note: string | null
  status: InviteStatus
  createdAt: Date
  expiresAt: Date
  /** users._id of the admin who created it. */
  createdBy: string
  usedBy: string | null
  usedAt: Date | null
  cancelledBy: string | null
  cancelledAt: Date | null
}

export const INVITES = 'staffInvites'

// ---- codes ---------------------------------------------------------------------------------------

function indexKey(): Buffer {
  const hex = process.env.UNION_INDEX_KEY ?? ''
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('UNION_INDEX_KEY must be 32 bytes of hex')
  return Buffer.from(hex, 'hex')
}

/** Keyed hash of a canonical code (domain-separated from the ID-number blind index). */
export function hashInviteCode(canonicalCode: string): string {
  return createHmac('sha256', indexKey()).update(`staff-invite:${canonicalCode}`).digest('hex')
}

// ---- reads ---------------------------------------------------------------------------------------

const invites = () => database().collection(INVITES)

export async function findInviteByCodeHash(codeHash: string): Promise<InviteRecord | null> {
  const [invite] = await getDocs<InviteRecord>(invites().where({ codeHash }).limit(1))
  return invite ?? null
}

const LIST_LIMIT = 100

/** The newest invites in a state (all states when none), at most 100; `more` when there are older ones. */
export async function listInvites(state: InviteState | undefined, now: Date): Promise<{ invites: InviteRecord[]; more: boolean }> {
  const _ = database().command
  const filter: Record<string, unknown> =
    state === 'pending'
      ? { status: 'pending', expiresAt: _.gt(now) }
      : state === 'expired'
        ? { status: 'pending', expiresAt: _.lte(now) }
        : state
          ? { status: state }
          : {}
  const page = await getDocs<InviteRecord>(invites().where(filter).orderBy('createdAt', 'desc').limit(LIST_LIMIT + 1))
  return { invites: page.slice(0, LIST_LIMIT), more: page.length > LIST_LIMIT }
}

/** Every admin's users._id (few), for the last-admin guard. */
export async function listAdminIds(): Promise<string[]> {
  const admins = await readAll<{ _id: string }>(database().collection('users').where({ role: 'admin' }).field({ _id: true }))
  return admins.map((a) => a._id)
}

// ---- content check ---------------------------------------------------------------------------

/** WeChat content security on the admin's note: `risky` is refused; `unchecked` when the check fails. */
export async function checkNote(openid: string, note: string): Promise<'pass' | 'risky' | 'unchecked'> {
  try {
    const res = (await sdk().openapi.security.msgSecCheck({ openid, scene: 1, version: 2, content: note })) as unknown as {
      result?: { suggest?: string }
    }
    return res.result?.suggest === 'risky' ? 'risky' : 'pass'
  } catch {
    return 'unchecked'
  }
}

// ---- writes --------------------------------------------------------------------------------------

/**
 * Creates an invite and returns the code, which is shown once and never stored. The invite and its
 * audit entry are written together; a (vanishingly rare) clash of codes just draws another one.
 */
export async function createInvite(
  caller: Caller & { user: NonNullable<Caller['user']> },
  input: { role: InviteRole; orgId: string | null; note: string | null },
  now: Date,
): Promise<{ invite: InviteRecord; code: string }> {
  for (let attempt = 1; ; attempt++) {
    const code = codeFromBytes(randomBytes(8))
    const invite: InviteRecord = {
      _id: randomBytes(16).toString('hex'),
      codeHash: hashInviteCode(code),
      role: input.role,
      orgId: input.orgId,
      note: input.note,
      status: 'pending',
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITE_TTL_HOURS * 3600_000),
      createdBy: caller.user._id,
      usedBy: null,
      usedAt: null,
      cancelledBy: null,
      cancelledAt: null,
    }
    try {
      await inTransaction(async (tx) => {
        await tx.collection(INVITES).add({ data: { ...invite } })
        await writeAudit(
          caller,
          { action: 'invite.create', target: { type: 'staffInvite', id: invite._id }, orgId: input.orgId, to: input.role },
          tx,
        )
      })
      return { invite, code: displayCode(code) }
    } catch (err) {
      if (attempt >= 5 || !isDuplicateKeyError(err)) throw err
    }
  }
}

export type CancelOutcome = { ok: true; invite: InviteRecord } | { ok: false; reason: 'not_found' | 'used' }

/** Pending (or expired) → cancelled, compare-and-set against a concurrent redemption. Cancelling twice is fine. */
export async function cancelInvite(caller: Caller & { user: NonNullable<Caller['user']> }, inviteId: string, now: Date): Promise<CancelOutcome> {
  return inTransaction<CancelOutcome>(async (tx) => {
    const invite = await txGet<InviteRecord>(tx, INVITES, inviteId)
    if (!invite) return { ok: false, reason: 'not_found' }
    if (invite.status === 'used') return { ok: false, reason: 'used' }
    if (invite.status === 'cancelled') return { ok: true, invite }
    const change = { status: 'cancelled' as const, cancelledBy: caller.user._id, cancelledAt: now }
    await tx.collection(INVITES).doc(inviteId).update({ data: change })
    await writeAudit(caller, { action: 'invite.cancel', target: { type: 'staffInvite', id: inviteId }, orgId: invite.orgId, from: 'pending', to: 'cancelled' }, tx)
    return { ok: true, invite: { ...invite, ...change } }
  })
}
