import { db, type Tx } from './files.repo'
import { blindIndex, decrypt, encrypt } from './crypto'
import { isDuplicateKeyError } from './cloud'
import { auditRecord, writeAudit } from './audit.repo'
import { deny, type Caller } from './handler'
import { findUserByOpenid } from './users.repo'
import { fail, ok, type Envelope, failWith } from '../../src/domain/envelope'
import { ERR } from '../../src/domain/errors'
import { ID_PROBLEM_MESSAGES, parseIdNumber } from '../../src/domain/identity/idcard'
import { maskIdNumber } from '../../src/domain/privacy/mask'
import { PRIVACY_ERR, groupIdNumber, type MaskedIdentity, type RevealPurpose, type RevealedId } from '../../src/domain/privacy/privacy.schema'

/**
 * ID numbers (TRUST.md, RULES.md §6). `_id` is the keyed blind index of the normalised number, so one
 * person has one identity and a second WeChat account claiming it is refused; `ownerOpenid` is unique,
 * so one account has one identity. The number itself is stored only encrypted, bound to its `_id`.
 */
export interface IdentityRecord {
  _id: string
  ownerOpenid: string
  idEnc: string
  /** YYYY-MM-DD, for age rules. */
  birthDate: string
  sex: 'male' | 'female'
  createdAt: Date
  updatedAt: Date
}

type AuditActor = Pick<Caller, 'openid' | 'role' | 'user'>

export async function findIdentityByOwner(openid: string): Promise<IdentityRecord | null> {
  const { data } = await db().collection('identities').where({ ownerOpenid: openid }).limit(1).get()
  return (data[0] as IdentityRecord | undefined) ?? null
}

function masked(record: IdentityRecord, plain?: string): MaskedIdentity {
  const value = plain ?? decrypt(record.idEnc, record._id)
  const createdAt = record.createdAt instanceof Date ? record.createdAt : new Date(String(record.createdAt))
  return {
    maskedIdNumber: maskIdNumber(value),
    birthYear: Number(record.birthDate.slice(0, 4)),
    sexLabel: record.sex === 'male' ? '男' : '女',
    savedAt: createdAt.toISOString(),
  }
}

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * Sets (or replaces) the caller's ID number. Replacing removes the old record in the same transaction.
 * `actor` (the caller) gets an `identity.set` / `identity.change` audit entry — never the number.
 */
export async function setIdentity(openid: string, idNumber: string, actor?: AuditActor, now = new Date()): Promise<Envelope<MaskedIdentity>> {
  const parsed = parseIdNumber(idNumber)
  if (!parsed.ok) {
    const message = ID_PROBLEM_MESSAGES[parsed.problem]
    return fail(ERR.INVALID.code, message, { idNumber: message })
  }
  const { value, birthDate, sex } = parsed.info
  const id = blindIndex('id', value)
  // A duplicate on ownerOpenid means a concurrent change by the same account won: read again and retry.
  for (let attempt = 0; ; attempt++) {
    const current = await findIdentityByOwner(openid)
    if (current && current._id === id) return ok(masked(current, value))
    try {
      const outcome = await db().runTransaction(async (tx: Tx) => {
        const existing = (await tx.collection('identities').doc(id).get()).data as IdentityRecord | null
        if (existing) return existing.ownerOpenid === openid ? ({ kind: 'same', record: existing } as const) : ({ kind: 'taken' } as const)
        if (current) await tx.collection('identities').doc(current._id).remove()
        const record = {
          ownerOpenid: openid,
          idEnc: encrypt(value, id),
          birthDate: `${birthDate.year}-${pad(birthDate.month)}-${pad(birthDate.day)}`,
          sex,
          createdAt: now,
          updatedAt: now,
        }
        await tx.collection('identities').doc(id).set({ data: record })
        if (actor) {
          const action = current ? 'identity.change' : 'identity.set'
          await tx.collection('audit').add({ data: auditRecord(actor, { action, target: { type: 'user', id: actor.user?._id ?? 'no-user-record' } }, now) })
        }
        return { kind: 'set', record: { _id: id, ...record } } as const
      })
      if (outcome.kind === 'taken') return failWith(PRIVACY_ERR.IDENTITY_TAKEN)
      return ok(masked(outcome.record, value))
    } catch (err) {
      if (attempt < 2 && isDuplicateKeyError(err)) continue
      throw err
    }
  }
}

/** The caller's identity, masked; null when none is stored. */
export async function getIdentity(openid: string): Promise<MaskedIdentity | null> {
  const record = await findIdentityByOwner(openid)
  return record ? masked(record) : null
}

/** Removes the owner's identity inside a transaction (consent withdrawn, account closed). */
export async function deleteIdentityInTx(tx: Tx, record: IdentityRecord | null): Promise<void> {
  if (record) await tx.collection('identities').doc(record._id).remove()
}

export const REVEAL_ROLES = ['federation_staff', 'admin'] as const

/**
 * The full number for a staff action. Only federation staff and admins for now (later: staff whose
 * scope reaches the subject's request org). Every call is audited as `privacy.reveal` with the coded
 * purpose and whether a number was found — never the number.
 */
export async function revealIdNumber(caller: Caller, subjectOpenid: string, purpose: RevealPurpose): Promise<Envelope<RevealedId>> {
  const subject = await findUserByOpenid(subjectOpenid)
  const target = { type: 'user', id: subject?._id ?? 'no-user-record' }
  if (!(REVEAL_ROLES as readonly string[]).includes(caller.role)) return deny(caller, target)
  const record = await findIdentityByOwner(subjectOpenid)
  await writeAudit(caller, { action: 'privacy.reveal', target, reason: purpose, detail: { found: record !== null } })
  if (!record) return failWith(PRIVACY_ERR.IDENTITY_NOT_FOUND)
  return ok({ idNumber: groupIdNumber(decrypt(record.idEnc, record._id)), purpose })
}
