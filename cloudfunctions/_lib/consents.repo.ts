import { db, readPages, type Tx } from './files.repo'
import { sha256Text } from './crypto'
import { auditRecord } from './audit.repo'
import type { Caller } from './handler'
import { fail, ok, type Envelope } from '../../src/domain/envelope'
import {
  CONSENT_CATEGORIES,
  CONSENT_ERR,
  CONSENT_POLICIES,
  STALE_VERSION_MESSAGE,
  consentRequiredMessage,
  consentView,
  isCurrentPolicyVersion,
  type ConsentCategory,
  type ConsentHistoryItem,
  type ConsentView,
} from '../../src/domain/consent/consent'

/**
 * Separate consents (TRUST.md, PIPL §29). History is kept: the one active consent of a person and
 * category lives at a fixed document id (so two concurrent grants conflict and one wins); when it ends
 * — withdrawn, renewed for a newer policy version, or the account closed — a copy with `withdrawnAt`
 * is added and the active document removed, in one transaction.
 */
export interface ConsentRecord {
  _id: string
  openid: string
  category: ConsentCategory
  policyVersion: string
  grantedAt: Date
  withdrawnAt: Date | null
  /** Why it ended (history records only). */
  endReason?: 'withdrawn' | 'renewed' | 'closed'
}

type AuditActor = Pick<Caller, 'openid' | 'role' | 'user'>

export const activeConsentId = (openid: string, category: ConsentCategory): string => `active-${category}-${sha256Text(openid).slice(0, 40)}`

export async function findActiveConsent(openid: string, category: ConsentCategory): Promise<ConsentRecord | null> {
  const { data } = await db().collection('consents').doc(activeConsentId(openid, category)).get()
  return (data as ConsentRecord | null) ?? null
}

export async function listConsentRecords(openid: string): Promise<ConsentRecord[]> {
  return readPages<ConsentRecord>(db().collection('consents').where({ openid }))
}

/**
 * For other functions, before collecting sensitive data: null when the caller agreed to the current
 * policy of `category`, otherwise a `CONSENT.REQUIRED` envelope naming what to agree to
 * (`fieldErrors.consent` carries the category for the page to ask).
 */
export async function requireConsent(openid: string, category: ConsentCategory): Promise<Envelope<never> | null> {
  const active = await findActiveConsent(openid, category)
  if (active && isCurrentPolicyVersion(category, active.policyVersion)) return null
  return fail(CONSENT_ERR.REQUIRED, consentRequiredMessage(category, active !== null), { consent: category })
}

function endedCopy(active: ConsentRecord, at: Date, reason: NonNullable<ConsentRecord['endReason']>, openid = active.openid): Record<string, unknown> {
  return { openid, category: active.category, policyVersion: active.policyVersion, grantedAt: active.grantedAt, withdrawnAt: at, endReason: reason }
}

/** Records agreement to the current version; agreeing again to the same version changes nothing. */
export async function grantConsent(actor: AuditActor, category: ConsentCategory, policyVersion: string, now: Date): Promise<Envelope<ConsentView>> {
  if (!isCurrentPolicyVersion(category, policyVersion)) return fail(CONSENT_ERR.STALE_VERSION, STALE_VERSION_MESSAGE, { policyVersion: STALE_VERSION_MESSAGE })
  const id = activeConsentId(actor.openid, category)
  const record = await db().runTransaction(async (tx: Tx) => {
    const active = (await tx.collection('consents').doc(id).get()).data as ConsentRecord | null
    if (active && active.policyVersion === policyVersion) return active
    if (active) await tx.collection('consents').add({ data: endedCopy(active, now, 'renewed') })
    const fresh = { openid: actor.openid, category, policyVersion, grantedAt: now, withdrawnAt: null }
    await tx.collection('consents').doc(id).set({ data: fresh })
    await tx.collection('audit').add({ data: auditRecord(actor, { action: 'consent.grant', target: { type: 'consent', id: category }, detail: { policyVersion } }, now) })
    return { _id: id, ...fresh } as ConsentRecord
  })
  return ok(consentView(category, record, null))
}

/**
 * Ends the active consent (history kept). `alsoInTx` runs inside the same transaction — used to
 * delete data collected under it. Returns whether there was anything to withdraw.
 */
export async function withdrawConsent(actor: AuditActor, category: ConsentCategory, now: Date, alsoInTx?: (tx: Tx) => Promise<void>): Promise<boolean> {
  const id = activeConsentId(actor.openid, category)
  return db().runTransaction(async (tx: Tx) => {
    const active = (await tx.collection('consents').doc(id).get()).data as ConsentRecord | null
    if (alsoInTx) await alsoInTx(tx)
    if (!active) return false
    await tx.collection('consents').add({ data: endedCopy(active, now, 'withdrawn') })
    await tx.collection('consents').doc(id).remove()
    await tx.collection('audit').add({ data: auditRecord(actor, { action: 'consent.withdraw', target: { type: 'consent', id: category }, detail: { policyVersion: active.policyVersion } }, now) })
    return true
  })
}

/** Account closing: ends every active consent and moves the whole history to the closed account's tombstone. */
export async function closeConsents(tx: Tx, records: ConsentRecord[], tombstone: string, now: Date): Promise<void> {
  for (const r of records) {
    if (r.withdrawnAt === null && r._id.startsWith('active-')) {
      await tx.collection('consents').add({ data: endedCopy(r, now, 'closed', tombstone) })
      await tx.collection('consents').doc(r._id).remove()
    } else {
      await tx.collection('consents').doc(r._id).update({ data: { openid: tombstone } })
    }
  }
}

const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)))

/** Each category's state and the full history, newest first, for the owner's own screens. */
export function consentOverview(records: ConsentRecord[]): { consents: ConsentView[]; history: ConsentHistoryItem[] } {
  const consents = CONSENT_CATEGORIES.map((category) => {
    const mine = records.filter((r) => r.category === category)
    const active = mine.find((r) => r.withdrawnAt === null) ?? null
    const ended = mine
      .filter((r) => r.withdrawnAt !== null)
      .sort((a, b) => toDate(b.withdrawnAt).getTime() - toDate(a.withdrawnAt).getTime())[0]
    return consentView(
      category,
      active ? { policyVersion: active.policyVersion, grantedAt: toDate(active.grantedAt) } : null,
      ended ? { policyVersion: ended.policyVersion, grantedAt: toDate(ended.grantedAt), withdrawnAt: toDate(ended.withdrawnAt) } : null,
    )
  })
  const history = records
    .filter((r) => (CONSENT_CATEGORIES as readonly string[]).includes(r.category))
    .map((r) => ({
      category: r.category,
      label: CONSENT_POLICIES[r.category].label,
      policyVersion: r.policyVersion,
      grantedAt: toDate(r.grantedAt).toISOString(),
      withdrawnAt: r.withdrawnAt ? toDate(r.withdrawnAt).toISOString() : null,
    }))
    .sort((a, b) => (b.withdrawnAt ?? b.grantedAt).localeCompare(a.withdrawnAt ?? a.grantedAt))
  return { consents, history }
}
