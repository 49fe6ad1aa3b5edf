import { database, getDocs } from './cloud'
import { logError } from './log'

/**
 * Records other features keep per person (owner in `ownerOpenid`): 我的信息 counts them, and closing the
 * account re-keys them to the closed account's tombstone so they no longer point at the WeChat user.
 * Add a line here when a feature stores per-person records.
 */
export const OWNED_RECORDS: ReadonlyArray<{ collection: string; label: string }> = [
  { collection: 'stationVisits', label: '驿站签到' },
  { collection: 'stationReports', label: '驿站报修' },
  { collection: 'stationSuggestions', label: '推荐的驿站地点' },
  { collection: 'memberApplications', label: '入会申请' },
  { collection: 'memberships', label: '会员证' },
  { collection: 'memberTransfers', label: '转会申请' },
  // 互助保障 enrollments are the union's records about a person (from a unit's list, keyed by the ID
  // number's blind index, no openid): not listed here, and they stay when an account is closed.
  { collection: 'aidClaims', label: '互助保障申请' },
  { collection: 'legalCases', label: '法律援助求助' },
]

/** Copies of owned records kept for other views (the staff queue): re-keyed with them, not counted twice. */
const MIRRORS: readonly string[] = ['workItems']

/** Per-person records with no value once the account is gone: deleted on closing (those with a label are counted in 我的信息 too). */
const DISPOSABLE: ReadonlyArray<{ collection: string; label?: string }> = [
  { collection: 'stationCheckinGuards' },
  { collection: 'legalDrafts', label: '法律援助草稿' },
  // The messages a person allowed (subscribe credits): nothing to send once the account is gone.
  { collection: 'subscriptions' },
]

export async function countOwnedRecords(openid: string): Promise<Array<{ label: string; count: number }>> {
  const db = database()
  const counted = [...OWNED_RECORDS, ...DISPOSABLE.flatMap(({ collection, label }) => (label ? [{ collection, label }] : []))]
  return Promise.all(
    counted.map(async ({ collection, label }) => {
      const { total } = (await db.collection(collection).where({ ownerOpenid: openid }).count()) as { total: number }
      return { label, count: total }
    }),
  )
}

/** Re-keys kept records and deletes disposable ones; repeats until none is left (each call updates at most what the service allows). */
export async function rekeyOwnedRecords(openid: string, tombstone: string): Promise<void> {
  const db = database()
  try {
    for (const collection of [...OWNED_RECORDS.map((r) => r.collection), ...MIRRORS]) {
      for (let round = 0; round < 1000; round++) {
        const left = await getDocs<{ _id: string }>(db.collection(collection).where({ ownerOpenid: openid }).field({ _id: true }).limit(100))
        if (left.length === 0) break
        await db.collection(collection).where({ _id: db.command.in(left.map((d) => d._id)) }).update({ data: { ownerOpenid: tombstone } })
      }
    }
    for (const { collection } of DISPOSABLE) await db.collection(collection).where({ ownerOpenid: openid }).remove()
  } catch (err) {
    logError('privacy', 'rekeyOwnedRecords', err)
    throw err
  }
}
