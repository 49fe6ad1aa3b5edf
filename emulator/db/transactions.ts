/**
 * Optimistic transactions, as the SDK drives them (database.startTransaction / commitTransaction /
 * abortTransaction, and getDocument / insertDocument / modifyDocument / removeDocument with a
 * transactionId).
 *
 * Reads see the committed state plus the transaction's own buffered writes. Every document the
 * transaction reads or writes is pinned at its version when first touched (a missing document pins
 * "absent", so an insert by someone else also counts as a change). Commit re-checks the pins of the
 * documents it writes; any difference aborts with DATABASE_TRANSACTION_CONFLICT — the code @cloudbase/database's runTransaction
 * retries on (3 more attempts by default, then it throws that error). Otherwise all writes are
 * committed as one WAL record, unique indexes checked over the whole set. A transaction not finished
 * within the timeout (default 10 s from its start) is aborted.
 *
 * Like CloudBase's MongoDB (snapshot isolation, write-write conflicts), documents that were only read
 * are not validated: write skew is possible here as it is in production, so code that must hold an
 * invariant across documents (an annual cap) has to write the document that carries it (TRUST.md).
 * New documents matching an earlier where() read are not detected (no predicate locks).
 */
import { randomBytes } from 'crypto'
import type { Doc } from '../ejson'
import { CloudBaseError } from '../errors'
import type { Engine, Mutation } from './engine'
import { idKeyOf, type View } from './operations'

type TxState = 'active' | 'committed' | 'aborted'

export class Transaction {
  readonly id: string
  readonly startedAt: number
  state: TxState = 'active'
  /** `${coll}\0${idKey}` → version when first touched */
  readonly pins = new Map<string, number>()
  /** pin keys of every document this transaction wrote, including updates to identical content */
  readonly written = new Set<string>()
  /** buffered writes: coll → idKey → new state (null = deleted) */
  readonly writes = new Map<string, Map<string, Doc | null>>()

  constructor(id: string, startedAt: number) {
    this.id = id
    this.startedAt = startedAt
  }

  mutations(): Mutation[] {
    const out: Mutation[] = []
    for (const [coll, docs] of this.writes) for (const [idKey, doc] of docs) out.push({ coll, idKey, doc })
    return out
  }
}

class TxView implements View {
  readonly engine: Engine
  private readonly tx: Transaction

  constructor(engine: Engine, tx: Transaction) {
    this.engine = engine
    this.tx = tx
  }

  private pin(coll: string, idKey: string): void {
    const key = `${coll}\0${idKey}`
    if (!this.tx.pins.has(key)) this.tx.pins.set(key, this.engine.versionOf(coll, idKey))
  }

  scan(coll: string, query: Doc): Doc[] {
    const own = this.tx.writes.get(coll)
    const base = this.engine.candidates(coll, query)
    if (!own) return base
    const visible = base.filter(d => !own.has(idKeyOf(d)))
    for (const doc of own.values()) if (doc) visible.push(doc)
    return visible
  }

  get(coll: string, idKey: string): Doc | undefined {
    this.pin(coll, idKey)
    const own = this.tx.writes.get(coll)
    if (own?.has(idKey)) return own.get(idKey) ?? undefined
    return this.engine.get(coll, idKey)
  }

  noteRead(coll: string, idKey: string): void {
    this.pin(coll, idKey)
  }

  noteWrite(coll: string, idKey: string): void {
    this.pin(coll, idKey)
    this.tx.written.add(`${coll}\0${idKey}`)
  }

  put(coll: string, idKey: string, doc: Doc | null): void {
    this.noteWrite(coll, idKey)
    let own = this.tx.writes.get(coll)
    if (!own) this.tx.writes.set(coll, (own = new Map()))
    const had = own.has(idKey)
    const previous = own.get(idKey)
    own.set(idKey, doc)
    try {
      // fail the write itself, as MongoDB does, rather than only at commit
      this.engine.checkUnique([...own].map(([k, d]) => ({ coll, idKey: k, doc: d })))
    } catch (e) {
      if (had) own.set(idKey, previous ?? null)
      else own.delete(idKey)
      throw e
    }
  }
}

export class TransactionManager {
  private readonly engine: Engine
  private readonly timeoutMs: number
  private readonly txs = new Map<string, Transaction>()
  private readonly timer: NodeJS.Timeout

  constructor(engine: Engine, timeoutMs = 10_000) {
    this.engine = engine
    this.timeoutMs = timeoutMs
    engine.keepTombstones = () => this.txs.size > 0
    this.timer = setInterval(() => this.sweep(), Math.min(1000, Math.max(50, Math.floor(timeoutMs / 4))))
    this.timer.unref()
  }

  get openCount(): number {
    return this.txs.size
  }

  start(): Transaction {
    const tx = new Transaction(randomBytes(16).toString('hex'), Date.now())
    this.txs.set(tx.id, tx)
    return tx
  }

  private active(id: unknown): Transaction {
    const tx = typeof id === 'string' ? this.txs.get(id) : undefined
    if (!tx || tx.state !== 'active') {
      throw new CloudBaseError('DATABASE_TRANSACTION_FAIL', `transaction ${String(id)} does not exist, has timed out or has already ended`)
    }
    if (Date.now() - tx.startedAt > this.timeoutMs) {
      this.finish(tx, 'aborted')
      throw new CloudBaseError('DATABASE_TRANSACTION_FAIL', `transaction ${tx.id} timed out after ${this.timeoutMs} ms and was aborted`)
    }
    return tx
  }

  view(id: unknown): View {
    return new TxView(this.engine, this.active(id))
  }

  commit(id: unknown): void {
    const tx = this.active(id)
    for (const [key, version] of tx.pins) {
      const sep = key.indexOf('\0')
      if (!tx.written.has(key)) continue
      if (this.engine.versionOf(key.slice(0, sep), key.slice(sep + 1)) !== version) {
        this.finish(tx, 'aborted')
        throw new CloudBaseError(
          'DATABASE_TRANSACTION_CONFLICT',
          `WriteConflict: a document in collection ${key.slice(0, sep)} that this transaction wrote was changed by another write since the transaction first touched it; the transaction was aborted`,
        )
      }
    }
    const mutations = tx.mutations().filter(m => m.doc !== null || this.engine.get(m.coll, m.idKey) !== undefined)
    try {
      this.engine.commit(mutations)
    } catch (e) {
      this.finish(tx, 'aborted')
      throw e
    }
    this.finish(tx, 'committed')
  }

  abort(id: unknown): void {
    this.finish(this.active(id), 'aborted')
  }

  private finish(tx: Transaction, state: TxState): void {
    tx.state = state
    this.txs.delete(tx.id)
    if (this.txs.size === 0) this.engine.pruneTombstones()
  }

  private sweep(): void {
    const now = Date.now()
    for (const tx of this.txs.values()) if (now - tx.startedAt > this.timeoutMs) this.finish(tx, 'aborted')
  }

  close(): void {
    clearInterval(this.timer)
    for (const tx of [...this.txs.values()]) this.finish(tx, 'aborted')
  }
}
