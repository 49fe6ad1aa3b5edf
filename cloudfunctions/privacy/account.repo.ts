import { db, deleteOpenUploads, deleteStored, listFilesOf, rekeyAttachedFiles, type Tx } from '../_lib/files.repo'
import { closeConsents, listConsentRecords } from '../_lib/consents.repo'
import { deleteIdentityInTx, findIdentityByOwner } from '../_lib/identities.repo'
import { auditRecord } from '../_lib/audit.repo'
import { randomId } from '../_lib/crypto'
import { rekeyOwnedRecords } from '../_lib/owned-records'
import type { Caller } from '../_lib/handler'
import type { UserRecord } from '../_lib/users.repo'
import type { CloseResult } from '../../src/domain/privacy/privacy.schema'

/** Users by record id (staff look a worker up by the id the worker reads out). */
export async function findUserById(userId: string): Promise<UserRecord | null> {
  const { data } = await db().collection('users').doc(userId).get()
  return (data as UserRecord | null) ?? null
}

/**
 * Closes the caller's account (PIPL §47) in one transaction:
 * - deletes the identity (ID number) and the caller's unattached files;
 * - ends every active consent; consent history and files attached to requests stay, re-keyed from the
 *   openid to a random tombstone (`closed-<hex>`) so they no longer point at the WeChat account;
 * - the user record keeps its `_id` (kept records refer to it) but gets the tombstone as `openid`, an
 *   empty profile, role `worker`, no org, and `closedAt`.
 * Records of other services (station visits, reports …, `_lib/owned-records.ts`) are re-keyed to the
 * tombstone right after the transaction. Audit entries stay as they are (accountability). Afterwards the stored bytes of deleted files and
 * unfinished uploads are removed. The same OPENID calling again has no user record, so it is treated
 * as a brand-new user (session creates a fresh record); nothing links it to the closed one.
 */
export async function closeAccount(caller: Caller, now: Date): Promise<CloseResult> {
  const openid = caller.openid
  const tombstone = `closed-${randomId()}`
  const [identity, consents, files] = await Promise.all([findIdentityByOwner(openid), listConsentRecords(openid), listFilesOf(openid)])
  const unattached = files.filter((f) => !f.attachedTo)
  const attached = files.filter((f) => f.attachedTo)
  const d = db()

  await d.runTransaction(async (tx: Tx) => {
    await deleteIdentityInTx(tx, identity)
    await closeConsents(tx, consents, tombstone, now)
    for (const f of unattached) await tx.collection('files').doc(f._id).remove()
    await rekeyAttachedFiles(tx, attached, tombstone)
    if (caller.user) {
      const _ = (d as unknown as { command: { set(v: unknown): unknown } }).command
      await tx.collection('users').doc(caller.user._id).update({
        data: { openid: tombstone, profile: _.set({}), role: 'worker', orgId: null, closedAt: now, updatedAt: now },
      })
    }
    await tx.collection('audit').add({
      data: auditRecord(
        caller,
        {
          action: 'privacy.close',
          target: { type: 'user', id: caller.user?._id ?? 'no-user-record' },
          detail: { identityDeleted: identity !== null, deletedFiles: unattached.length, keptFiles: attached.length, consents: consents.length },
        },
        now,
      ),
    })
  })

  await rekeyOwnedRecords(openid, tombstone)
  await deleteStored(unattached.map((f) => f.fileID))
  await deleteOpenUploads(openid)
  return { closedAt: now.toISOString(), deletedFiles: unattached.length, keptFiles: attached.length }
}
