import { createHash } from 'node:crypto'
import { database, getDocs } from './cloud'
import { inTransaction, txGet, type Tx } from './transaction'
import type { Query } from './stations.requests'
import { TEMPLATE_KEYS, type SubscribeResult, type TemplateKey } from '../../src/domain/notify/notify.api'

/**
 * What each person allowed (issue 9). WeChat subscribe messages are one-time: every `accept` the phone
 * reports is one message of that kind the union may send; sending one uses one. `ban` = the person
 * switched the kind off in WeChat's settings. The count is our own book: WeChat stays the judge and
 * answers 43101 when nothing is left, which zeroes it.
 */
export const SUBSCRIPTIONS = 'subscriptions'

export interface SubscriptionRecord {
  _id: string
  /** The WeChat user (named as in every per-person collection, so closing an account finds it). */
  ownerOpenid: string
  key: TemplateKey
  credits: number
  banned: boolean
  updatedAt: Date
}

/** More is never needed; it keeps a misbehaving client from piling up a count. */
export const MAX_CREDITS = 50

export const subscriptionId = (openid: string, key: string): string => createHash('sha256').update(`subscription\u0000${openid}\u0000${key}`).digest('hex').slice(0, 32)

/** Records one answer of requestSubscribeMessage per kind, in one transaction. */
export async function recordAnswers(openid: string, results: Partial<Record<TemplateKey, SubscribeResult>>, now: Date): Promise<void> {
  const changes = (Object.entries(results) as Array<[TemplateKey, SubscribeResult]>).filter(([, r]) => r === 'accept' || r === 'ban')
  if (changes.length === 0) return
  await inTransaction(async (tx) => {
    for (const [key, result] of changes) {
      const id = subscriptionId(openid, key)
      const cur = await txGet<SubscriptionRecord>(tx, SUBSCRIPTIONS, id)
      const credits = result === 'accept' ? Math.min(MAX_CREDITS, (cur?.credits ?? 0) + 1) : 0
      await tx.collection(SUBSCRIPTIONS).doc(id).set({ data: { ownerOpenid: openid, key, credits, banned: result === 'ban', updatedAt: now } })
    }
  })
}

/** Messages still allowed per kind (0 when none or switched off). */
export async function creditsOf(openid: string): Promise<Record<TemplateKey, number>> {
  const db = database()
  const docs = await getDocs<SubscriptionRecord>(db.collection(SUBSCRIPTIONS).where({ _id: db.command.in(TEMPLATE_KEYS.map((k) => subscriptionId(openid, k))) }).limit(TEMPLATE_KEYS.length))
  const out = Object.fromEntries(TEMPLATE_KEYS.map((k) => [k, 0])) as Record<TemplateKey, number>
  for (const d of docs) if (d.ownerOpenid === openid && !d.banned) out[d.key] = d.credits
  return out
}

/** Uses one credit of (openid, key) inside the caller's transaction; false when there is none. */
export async function takeCreditIn(tx: Tx, openid: string, key: string, now: Date): Promise<boolean> {
  const id = subscriptionId(openid, key)
  const cur = await txGet<SubscriptionRecord>(tx, SUBSCRIPTIONS, id)
  if (!cur || cur.banned || cur.credits < 1) return false
  await tx.collection(SUBSCRIPTIONS).doc(id).update({ data: { credits: cur.credits - 1, updatedAt: now } })
  return true
}

/** WeChat said nothing is allowed (43101): our count was wrong. */
export async function clearCredits(openid: string, key: string, now: Date): Promise<void> {
  await database()
    .collection(SUBSCRIPTIONS)
    .where({ _id: subscriptionId(openid, key), credits: database().command.gt(0) })
    .update({ data: { credits: 0, updatedAt: now } })
}

/** Everyone with at least one credit of `key` (the reminder and digest sweeps start here). */
export async function creditedOpenids(key: TemplateKey, max = 10_000): Promise<string[]> {
  const db = database()
  const _ = db.command
  const out: string[] = []
  let last: string | null = null
  while (out.length < max) {
    const where: Record<string, unknown> = { key, credits: _.gt(0), banned: false }
    if (last !== null) where._id = _.gt(last)
    const page = await getDocs<SubscriptionRecord>((db.collection(SUBSCRIPTIONS) as unknown as Query).where(where).orderBy('_id', 'asc').limit(1000))
    out.push(...page.map((d) => d.ownerOpenid))
    if (page.length < 1000) break
    last = page[page.length - 1]._id
  }
  return out
}

/** Whether a transaction can still take a credit (cheap check before one is opened). */
export async function hasCredit(openid: string, key: TemplateKey): Promise<boolean> {
  const [doc] = await getDocs<SubscriptionRecord>(database().collection(SUBSCRIPTIONS).where({ _id: subscriptionId(openid, key) }).limit(1))
  return !!doc && !doc.banned && doc.credits > 0
}

