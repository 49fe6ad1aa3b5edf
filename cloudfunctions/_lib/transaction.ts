import { sdk } from './cloud'
import type { Envelope } from '../../src/domain/envelope'
import { trackingTx } from './projections'

/** The parts of a wx-server-sdk transaction (or database) that repositories use. */
export interface TxDoc {
  get(): Promise<{ data: Record<string, unknown> | null }>
  update(arg: { data: Record<string, unknown> }): Promise<unknown>
  set(arg: { data: Record<string, unknown> }): Promise<unknown>
  remove(): Promise<unknown>
}
export interface TxCollection {
  doc(id: string): TxDoc
  add(arg: { data: Record<string, unknown> }): Promise<unknown>
}
export interface Tx {
  collection(name: string): TxCollection
}

/** Thrown inside a transaction callback to roll it back and answer with an envelope. */
export class Rollback extends Error {
  constructor(readonly reply: Envelope<never>) {
    super(`rollback: ${reply.ok ? '' : reply.error.code}`)
  }
}

const transient = (err: unknown) => /TRANSACTION_CONFLICT|WriteConflict|DUPLICATE_WRITE|E11000/.test(`${(err as Error)?.message ?? err} ${(err as { errCode?: unknown })?.errCode ?? ''}`)

/**
 * Runs database work atomically. The SDK retries write conflicts 3 times; we retry a few more (and on
 * a duplicate key raised by a concurrent insert) with jitter. The callback may run several times, so
 * it must do database work only — messages go out afterwards, from the outbox.
 */
export async function inTransaction<T>(work: (tx: Tx) => Promise<T>, attempts = 10): Promise<T> {
  // throwOnNotFound: false — a missing document reads as null inside the transaction (SDK option, untyped).
  const db = sdk().database({ throwOnNotFound: false } as unknown as Parameters<ReturnType<typeof sdk>['database']>[0]) as unknown as {
    runTransaction(cb: (tx: Tx) => Promise<T>, times?: number): Promise<T>
  }
  for (let attempt = 1; ; attempt++) {
    try {
      // Every transaction keeps the staff queue and the year-end counters in step (projections.ts).
      return await db.runTransaction(async (tx) => {
        const tracked = trackingTx(tx)
        const result = await work(tracked.tx)
        await tracked.flush()
        return result
      }, 3)
    } catch (err) {
      if (err instanceof Rollback || attempt >= attempts || !transient(err)) throw err
      // Exponential backoff with jitter (≤ 1 s a wait): many writers of one document queue up instead of failing.
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(1000, 20 * 2 ** attempt)))
    }
  }
}

/** `doc(id).get()` inside a transaction: the document, or null when it does not exist. */
export async function txGet<T>(tx: Tx, collection: string, id: string): Promise<T | null> {
  try {
    const res = await tx.collection(collection).doc(id).get()
    return (res.data as T | null) ?? null
  } catch (err) {
    if (/not exist|NOT_EXIST|cannot find document/i.test(String((err as Error)?.message ?? err))) return null
    throw err
  }
}
