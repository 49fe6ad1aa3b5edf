import { database, getDocs } from './cloud'
import { txGet, type Tx } from './transaction'
import type { Caller } from './handler'
import type { RuleTableId } from '../../src/domain/staff/staff.schema'

export type { RuleTableId }

/**
 * Every save of a rule table, numbered per table (1, 2, 3 …): what was saved, by whom, when. Call
 * recordRuleVersion inside the transaction that saves the table, with its audit entry, so a save and
 * its version are kept together or not at all.
 */
export const RULE_TABLE_VERSIONS = 'ruleTableVersions'

export interface RuleVersionRecord {
  /** `<tableId>_<version>`: two saves that counted the same number cannot both be kept. */
  _id: string
  tableId: RuleTableId
  version: number
  data: Record<string, unknown>
  /** Openid and user id of who saved it. */
  by: string | null
  byUserId: string | null
  at: Date
}

/** The per-table counter, kept in the same collection (it has no `version`, so lists never show it). */
interface HeadRecord {
  tableId: RuleTableId
  last: number
}

const headId = (tableId: RuleTableId) => `head_${tableId}`
export const ruleVersionId = (tableId: RuleTableId, version: number) => `${tableId}_${version}`

/** Appends the next version of `tableId` inside `tx`; returns its number. */
export async function recordRuleVersion(tx: Tx, tableId: RuleTableId, data: object, caller: Pick<Caller, 'openid' | 'user'> | null, now: Date): Promise<number> {
  const head = await txGet<HeadRecord>(tx, RULE_TABLE_VERSIONS, headId(tableId))
  const version = (head?.last ?? 0) + 1
  await tx.collection(RULE_TABLE_VERSIONS).doc(headId(tableId)).set({ data: { tableId, last: version, updatedAt: now } })
  const record: RuleVersionRecord = {
    _id: ruleVersionId(tableId, version),
    tableId,
    version,
    data: { ...(data as Record<string, unknown>) },
    by: caller?.openid || null,
    byUserId: caller?.user?._id ?? null,
    at: now,
  }
  await tx.collection(RULE_TABLE_VERSIONS).add({ data: { ...record } })
  return version
}

export const RULE_HISTORY_PAGE = 20

/** Versions of a table, newest first, older than `before` when given; `next` is the cursor of the page after. */
export async function listRuleVersions(tableId: RuleTableId, before?: number): Promise<{ versions: RuleVersionRecord[]; next: number | null }> {
  const _ = database().command
  const docs = await getDocs<RuleVersionRecord>(
    database()
      .collection(RULE_TABLE_VERSIONS)
      .where({ tableId, version: before ? _.lt(before) : _.gt(0) })
      .orderBy('version', 'desc')
      .limit(RULE_HISTORY_PAGE + 1),
  )
  const versions = docs.slice(0, RULE_HISTORY_PAGE)
  return { versions, next: docs.length > RULE_HISTORY_PAGE ? versions[versions.length - 1].version : null }
}
