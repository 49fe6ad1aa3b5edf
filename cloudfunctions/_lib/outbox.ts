import { createHash } from 'node:crypto'
import { redact } from '../../src/domain/privacy/redact'
import { buildMessage, fitField, TEMPLATE_IDS, type TemplateValues } from '../../src/domain/notify/templates'
import type { TemplateKey } from '../../src/domain/notify/notify.api'
import { database, getDocs, sdk } from './cloud'
import { logError } from './log'
import { clearCredits, takeCreditIn } from './notify.subscriptions'
import { inTransaction, txGet } from './transaction'
import type { Query } from './stations.requests'

/** A subscribe message to send once the change that caused it has committed. */
export interface OutboxItem {
  toOpenid: string
  /** The kind of template (status changed, needs info, decided, paid …); its id is configuration. */
  templateKey: TemplateKey
  /** The mini-program page the message opens. */
  page: string
  /** Template fields, e.g. { thing1: '入会申请', phrase2: '已入会' } — from `buildMessage`. */
  data: Record<string, string>
}

export interface OutboxRecord extends OutboxItem {
  _id: string
  source: { type: string; id: string; version: number }
  status: 'pending' | 'sending' | 'sent' | 'refused' | 'failed'
  attempts: number
  createdAt: Date
  nextAttemptAt: Date
  /** The person's allowance for this kind was used (when queued for reminders, when sent otherwise). */
  creditUsed?: boolean
  sentAt?: Date
  lastError?: string
}

const MAX_ATTEMPTS = 5
const OUTBOX = 'outbox'

/** A message to `toOpenid` of kind `key`, its fields fitted to WeChat's limits (throws on a missing field). */
export function outboxItem<K extends TemplateKey>(toOpenid: string, key: K, page: string, values: TemplateValues<K>): OutboxItem {
  return { toOpenid, templateKey: key, page, data: buildMessage(key, values).data }
}

/** The id is derived from what caused the message, so a retried transaction cannot queue it twice. */
export function outboxRecord(item: OutboxItem, source: OutboxRecord['source'], now: Date, o: { creditUsed?: boolean } = {}): OutboxRecord {
  const _id = createHash('sha256').update(`${source.type}\u0000${source.id}\u0000${source.version}\u0000${item.templateKey}\u0000${item.toOpenid}`).digest('hex').slice(0, 32)
  // fitted again: never a personal number, never over a field's limit, whoever built the item
  const data = Object.fromEntries(Object.entries(item.data).map(([k, v]) => [k, fitField(k, v)]))
  return { ...item, data, _id, source, status: 'pending', attempts: 0, createdAt: now, nextAttemptAt: now, creditUsed: o.creditUsed ?? false }
}

/**
 * Template ids are configuration: `config/subscribe-templates.json`, which the env variable
 * `WX_TEMPLATE_IDS` (JSON object of key → template id) overrides on the server.
 */
export function templateIdFor(key: string): string {
  let env: Record<string, string> = {}
  try {
    env = JSON.parse(process.env.WX_TEMPLATE_IDS ?? '{}') as Record<string, string>
  } catch {
    env = {}
  }
  return env[key] || (TEMPLATE_IDS as Record<string, string>)[key] || `local-${key}`
}

const updatedCount = (res: unknown) => {
  const r = res as { stats?: { updated?: number }; updated?: number }
  return r.stats?.updated ?? r.updated ?? 0
}

export interface DispatchCounts {
  sent: number
  refused: number
  failed: number
}

/**
 * Claims each due pending message (compare-and-set: of two dispatchers only one sends it), sends it and
 * records the outcome. A send is tried even without a credit (WeChat answers 43101 when nobody
 * subscribed); a sent message uses one credit of its kind when there is one. 43101 is final; other
 * failures are tried again later (2, 4, 8 … minutes), at most 5 times.
 */
export async function dispatchOutbox(ids: string[], now: Date = new Date()): Promise<DispatchCounts> {
  const db = database()
  const _ = db.command
  const counts: DispatchCounts = { sent: 0, refused: 0, failed: 0 }
  for (const id of ids) {
    const claimed = await db
      .collection(OUTBOX)
      .where({ _id: id, status: 'pending', nextAttemptAt: _.lte(now) })
      .update({ data: { status: 'sending', attempts: _.inc(1), claimedAt: now } })
    if (updatedCount(claimed) !== 1) continue
    const [msg] = await getDocs<OutboxRecord>(db.collection(OUTBOX).where({ _id: id }).limit(1))
    if (!msg) continue
    try {
      await sdk().openapi.subscribeMessage.send({
        touser: msg.toOpenid,
        templateId: templateIdFor(msg.templateKey),
        page: msg.page,
        data: Object.fromEntries(Object.entries(msg.data).map(([k, v]) => [k, { value: v }])),
        miniprogramState: 'formal',
      })
    } catch (e) {
      const code = (e as { errCode?: number }).errCode
      const refused = code === 43101 || /43101/.test(String((e as Error)?.message))
      const giveUp = refused || msg.attempts >= MAX_ATTEMPTS
      if (refused) counts.refused++
      else counts.failed++
      await db
        .collection(OUTBOX)
        .doc(id)
        .update({
          data: {
            status: refused ? 'refused' : giveUp ? 'failed' : 'pending',
            lastError: redact(String((e as Error)?.message ?? e)).slice(0, 200),
            nextAttemptAt: new Date(now.getTime() + 60_000 * 2 ** msg.attempts),
          },
        })
      if (refused) await clearCredits(msg.toOpenid, msg.templateKey, now)
      continue
    }
    counts.sent++
    // Sent: never back to pending, whatever happens now (a retry would send it twice).
    try {
      await inTransaction(async (tx) => {
        const cur = await txGet<OutboxRecord>(tx, OUTBOX, id)
        if (!cur || cur.status !== 'sending') return
        const creditUsed = cur.creditUsed === true || (await takeCreditIn(tx, cur.toOpenid, cur.templateKey, now))
        await tx.collection(OUTBOX).doc(id).update({ data: { status: 'sent', sentAt: now, creditUsed } })
      })
    } catch (err) {
      logError('outbox', 'markSent', err)
    }
  }
  return counts
}

/** Sends again what is still pending and due (the hourly timer): each record at most once per due time. */
export async function retryDueOutbox(now: Date, max = 1000): Promise<DispatchCounts & { tried: number }> {
  const db = database()
  const total = { sent: 0, refused: 0, failed: 0, tried: 0 }
  while (total.tried < max) {
    const due = await getDocs<{ _id: string }>(
      (db.collection(OUTBOX) as unknown as Query).where({ status: 'pending', nextAttemptAt: db.command.lte(now) }).orderBy('nextAttemptAt', 'asc').orderBy('_id', 'asc').limit(100),
    )
    if (due.length === 0) break
    const c = await dispatchOutbox(
      due.map((d) => d._id),
      now,
    )
    total.sent += c.sent
    total.refused += c.refused
    total.failed += c.failed
    total.tried += due.length
    if (due.length < 100) break
  }
  return total
}
