import { createHash } from 'node:crypto'
import { ok, type Envelope, failWith } from '../../src/domain/envelope'
import { canonicalJson } from '../../src/domain/requests/idempotency'
import type { Actor, StateMachine } from '../../src/domain/requests/state-machine'
import { auditRecord } from './audit.repo'
import { deny, type Caller } from './handler'
import { inTransaction, Rollback, txGet, type Tx } from './transaction'
import { dispatchOutbox, outboxRecord, type OutboxItem } from './outbox'

export const REQUEST_ERRORS = {
  NOT_FOUND: { code: 'REQUEST.NOT_FOUND', message: '没有找到这条申请，请刷新后再看' },
  ALREADY_DECIDED: { code: 'REQUEST.ALREADY_DECIDED', message: '这件事已经有人处理过了，请刷新看看最新结果' },
  ILLEGAL: { code: 'REQUEST.ILLEGAL_TRANSITION', message: '现在这一步不能这样操作，请刷新后再看' },
  STALE: { code: 'REQUEST.STALE', message: '这条申请刚刚有了变化，请刷新后再处理' },
  REASON_REQUIRED: { code: 'REQUEST.REASON_REQUIRED', message: '请选择一个原因，让申请人知道为什么' },
  KEY_CONFLICT: { code: 'REQUEST.KEY_CONFLICT', message: '这次提交和上次的内容不一样，请刷新后重新提交' },
} as const


/** Fields every request document carries, whatever its area. */
export interface RequestBase<S extends string> {
  _id: string
  type: string
  ownerOpenid: string
  /** The union org that holds it now (scope of staff). */
  orgId: string
  state: S
  /** Bumped by every transition: the compare-and-set token. */
  version: number
  createdAt: Date
  updatedAt: Date
  /** One entry per transition, oldest first: the request's timeline. */
  history?: HistoryEntry[]
}

/** A step of a request's timeline (no names or personal data: the role and org say who). */
export interface HistoryEntry {
  at: Date
  from: string
  to: string
  actor: Actor
  orgId: string | null
  reason: string | null
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/**
 * Same key → same result, nothing created twice; same key with another payload → REQUEST.KEY_CONFLICT.
 * `create` runs inside the transaction (database work only) and returns the reply to remember; a
 * failure reply rolls everything back and is not remembered, so a corrected retry can succeed.
 */
export async function submitOnce<T>(
  caller: Caller,
  scope: string,
  key: string,
  payload: unknown,
  create: (tx: Tx, now: Date) => Promise<Envelope<T>>,
): Promise<Envelope<T>> {
  const id = sha256(`${caller.openid}\u0000${scope}\u0000${key}`)
  const payloadHash = sha256(canonicalJson(payload))
  try {
    return await inTransaction(async (tx) => {
      const seen = await txGet<{ payloadHash: string; reply: Envelope<T> }>(tx, 'idempotency', id)
      if (seen) {
        if (seen.payloadHash !== payloadHash) throw new Rollback(failWith(REQUEST_ERRORS.KEY_CONFLICT))
        return seen.reply
      }
      const now = new Date()
      const reply = await create(tx, now)
      if (!reply.ok) throw new Rollback(reply)
      await tx.collection('idempotency').add({ data: { _id: id, ownerOpenid: caller.openid, scope, payloadHash, reply, createdAt: now } })
      return reply
    })
  } catch (e) {
    if (e instanceof Rollback) return e.reply
    throw e
  }
}

export interface DecideOptions<S extends string, A extends string, D extends RequestBase<S>> {
  caller: Caller
  collection: string
  id: string
  machine: StateMachine<S, A>
  action: A
  /** Who the caller is for this record (owner, grassroots, federation), or null when it is not theirs. */
  actorFor(doc: D): Actor | null
  /** The version the person saw; a different current version → REQUEST.STALE. */
  expectedVersion?: number
  reason?: string
  /** Extra fields written with the transition (inside the transaction: database work only). */
  patch?(doc: D, now: Date, tx: Tx): Record<string, unknown> | Promise<Record<string, unknown>>
  /** Messages to send once the decision is committed. */
  notify?(doc: D, to: S): OutboxItem[]
}

/**
 * One state transition: compare-and-set on the record's state and version, the audit entry and the
 * outbox messages in the same transaction; messages are sent after commit, each at most once.
 * Of two staff deciding at once, exactly one wins; the other gets REQUEST.ALREADY_DECIDED or STALE.
 */
export async function decide<S extends string, A extends string, D extends RequestBase<S>>(
  o: DecideOptions<S, A, D>,
): Promise<Envelope<{ id: string; state: S; version: number }>> {
  let denied = false
  const outboxIds: string[] = []
  let result: Envelope<{ id: string; state: S; version: number }>
  try {
    result = await inTransaction(async (tx) => {
      outboxIds.length = 0
      const doc = await txGet<D>(tx, o.collection, o.id)
      if (!doc) throw new Rollback(failWith(REQUEST_ERRORS.NOT_FOUND))
      const actor = o.actorFor(doc)
      if (!actor) {
        denied = true
        throw new Rollback(failWith(REQUEST_ERRORS.NOT_FOUND))
      }
      const step = o.machine.step(doc.state, o.action, actor)
      if (!step.ok) {
        if (step.code === 'AUTH.FORBIDDEN') denied = true
        throw new Rollback(failWith(step.code === 'REQUEST.ALREADY_DECIDED' ? REQUEST_ERRORS.ALREADY_DECIDED : REQUEST_ERRORS.ILLEGAL))
      }
      if (o.expectedVersion !== undefined && o.expectedVersion !== doc.version) throw new Rollback(failWith(REQUEST_ERRORS.STALE))
      if (step.reasonRequired && !o.reason) throw new Rollback(failWith(REQUEST_ERRORS.REASON_REQUIRED))
      const now = new Date()
      const version = doc.version + 1
      const entry: HistoryEntry = { at: now, from: doc.state, to: step.to, actor, orgId: o.caller.user?.orgId ?? null, reason: o.reason ?? null }
      await tx.collection(o.collection).doc(o.id).update({
        data: { ...((await o.patch?.(doc, now, tx)) ?? {}), state: step.to, version, updatedAt: now, history: [...(doc.history ?? []), entry] },
      })
      await tx.collection('audit').add({
        data: auditRecord(o.caller, { action: `${doc.type}.${o.action}`, target: { type: doc.type, id: o.id }, orgId: doc.orgId, from: doc.state, to: step.to, reason: o.reason }, now),
      })
      for (const item of o.notify?.(doc, step.to) ?? []) {
        const record = outboxRecord(item, { type: doc.type, id: o.id, version }, now)
        await tx.collection('outbox').add({ data: { ...record } })
        outboxIds.push(record._id)
      }
      return ok({ id: o.id, state: step.to, version })
    })
  } catch (e) {
    if (!(e instanceof Rollback)) throw e
    if (denied) return deny(o.caller, { type: o.collection, id: o.id })
    return e.reply
  }
  await dispatchOutbox(outboxIds)
  return result
}
