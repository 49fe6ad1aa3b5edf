import { createHash } from 'node:crypto'
import { redact } from '../../src/domain/privacy/redact'
import { database, getDocs, sdk } from './cloud'

/** A subscribe message to send once the change that caused it has committed. */
export interface OutboxItem {
  toOpenid: string
  /** Configuration key of the template (status changed, needs info, decided, paid …). */
  templateKey: string
  /** The mini-program page the message opens. */
  page: string
  /** Template fields, e.g. { thing1: '入会申请', phrase2: '已通过' }. */
  data: Record<string, string>
}

export interface OutboxRecord extends OutboxItem {
  _id: string
  source: { type: string; id: string; version: number }
  status: 'pending' | 'sending' | 'sent' | 'refused' | 'failed'
  attempts: number
  createdAt: Date
  nextAttemptAt: Date
  sentAt?: Date
  lastError?: string
}

/** WeChat's limit for thing.DATA-like fields; longer values are cut, never personal numbers. */
const FIELD_LIMIT = 20
const MAX_ATTEMPTS = 5

/** The id is derived from what caused the message, so a retried transaction cannot queue it twice. */
export function outboxRecord(item: OutboxItem, source: OutboxRecord['source'], now: Date): OutboxRecord {
  const _id = createHash('sha256').update(`${source.type}\u0000${source.id}\u0000${source.version}\u0000${item.templateKey}\u0000${item.toOpenid}`).digest('hex').slice(0, 32)
  const data = Object.fromEntries(Object.entries(item.data).map(([k, v]) => [k, Array.from(redact(v)).slice(0, FIELD_LIMIT).join('')]))
  return { ...item, data, _id, source, status: 'pending', attempts: 0, createdAt: now, nextAttemptAt: now }
}

/** Template ids are configuration: `WX_TEMPLATE_IDS` = JSON object of key → template id. */
export function templateIdFor(key: string): string {
  try {
    const map = JSON.parse(process.env.WX_TEMPLATE_IDS ?? '{}') as Record<string, string>
    return map[key] ?? `local-${key}`
  } catch {
    return `local-${key}`
  }
}

const updatedCount = (res: unknown) => {
  const r = res as { stats?: { updated?: number }; updated?: number }
  return r.stats?.updated ?? r.updated ?? 0
}

/** Claims each pending message (compare-and-set), sends it, records the outcome. 43101 (user refused) is final. */
export async function dispatchOutbox(ids: string[]): Promise<void> {
  const db = database()
  const _ = db.command
  for (const id of ids) {
    const now = new Date()
    const claimed = await db.collection('outbox').where({ _id: id, status: 'pending' }).update({ data: { status: 'sending', attempts: _.inc(1), claimedAt: now } })
    if (updatedCount(claimed) !== 1) continue
    const [msg] = await getDocs<OutboxRecord>(db.collection('outbox').where({ _id: id }).limit(1))
    try {
      await sdk().openapi.subscribeMessage.send({
        touser: msg.toOpenid,
        templateId: templateIdFor(msg.templateKey),
        page: msg.page,
        data: Object.fromEntries(Object.entries(msg.data).map(([k, v]) => [k, { value: v }])),
        miniprogramState: 'formal',
      })
      await db.collection('outbox').doc(id).update({ data: { status: 'sent', sentAt: new Date() } })
    } catch (e) {
      const code = (e as { errCode?: number }).errCode
      const refused = code === 43101 || /43101/.test(String((e as Error)?.message))
      const giveUp = refused || msg.attempts >= MAX_ATTEMPTS
      await db.collection('outbox').doc(id).update({
        data: {
          status: refused ? 'refused' : giveUp ? 'failed' : 'pending',
          lastError: redact(String((e as Error)?.message ?? e)).slice(0, 200),
          nextAttemptAt: new Date(Date.now() + 60_000 * 2 ** msg.attempts),
        },
      })
    }
  }
}
