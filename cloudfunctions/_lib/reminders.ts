import { createHash } from 'node:crypto'
import { database, getDocs } from './cloud'
import { dispatchOutbox, outboxItem, outboxRecord } from './outbox'
import { creditedOpenids, takeCreditIn } from './notify.subscriptions'
import { inTransaction, txGet } from './transaction'
import { loadSla, loadWorkCalendar, WORK_ITEMS, REQUEST_COLLECTIONS } from './projections'
import { countWhere, queueWhere, workingOrgId, type StoredItem } from './workspace.repo'
import { CLAIMS, ENROLLMENTS, loadVersions, type ClaimRecord, type EnrollmentRecord } from './mutual-aid.repo'
import { CASES, loadLegalRules, type LegalCaseRecord } from './legal-aid.repo'
import type { UserRecord } from './users.repo'
import type { Query } from './stations.requests'
import { addDays, shanghaiDate } from '../../src/domain/calendar/working-days'
import { replyBy, type TemplateValues } from '../../src/domain/notify/templates'
import type { TemplateKey } from '../../src/domain/notify/notify.api'
import { CASE_STATES, DISPUTE_TYPE_LABELS, FINAL_CASE_STATES, type CaseState } from '../../src/domain/legal-aid/legal-aid.constants'
import type { WorkType } from '../../src/domain/workspace/work-item'

/**
 * Reminders and the staff digest (issue 9), run by the `notify` timer. Each reminder goes out at most
 * once: its `reminders` record (id per kind, record and threshold) is written in the same transaction
 * as its outbox record and the credit it uses, so two timers at once cannot both queue it. Only people
 * who allowed a `reminder` (staff: a `staff_digest`) get one; none is sent after its deadline.
 */
export const REMINDERS = 'reminders'

export const REMINDER_KINDS = ['aid_window', 'aid_renewal', 'legal_limitation', 'needs_info', 'staff_digest'] as const
export type ReminderKind = (typeof REMINDER_KINDS)[number]

/** Days before the claim window closes (an open claim still waiting for documents). */
export const AID_WINDOW_DAYS = [30, 7] as const
/** Days before a mutual-aid term ends with no later term of the same plan. */
export const RENEWAL_DAYS = 30
/** Days a request has waited for the worker's answer. */
export const NEEDS_INFO_DAYS = [3, 7] as const
/** Reminders go out in the daytime only (Shanghai hours, inclusive). */
export const REMINDER_HOURS = { from: 9, to: 20 } as const
/** The staff digest goes out at this hour (Shanghai). */
export const DIGEST_HOUR = 8

const DAY_MS = 86_400_000
const CHUNK = 50

export interface ReminderRecord {
  _id: string
  kind: ReminderKind
  threshold: number
  /** The record it is about (a request id, an enrollment's rowId, or the day of a digest). */
  ref: string
  outboxId: string
  createdAt: Date
}

interface DueOf<K extends TemplateKey> {
  kind: ReminderKind
  /** What makes it unique with kind and threshold (hashed into the id, not stored). */
  unique: string
  ref: string
  threshold: number
  toOpenid: string
  key: K
  page: string
  values: TemplateValues<K>
}
type Due = DueOf<'reminder'> | DueOf<'staff_digest'>

export const reminderId = (kind: ReminderKind, unique: string, threshold: number): string =>
  createHash('sha256').update(`reminder\u0000${kind}\u0000${unique}\u0000${threshold}`).digest('hex').slice(0, 32)

export const shanghaiHour = (now: Date): number => new Date(now.getTime() + 8 * 3_600_000).getUTCHours()

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS
/** Whole days from `from` to `to` (YYYY-MM-DD). */
export const daysBetween = (from: string, to: string): number => Math.round(dayNumber(to) - dayNumber(from))

/** The threshold a deadline `daysLeft` away has reached: the smallest one not below it; null when none yet or past. */
export function countdownThreshold(daysLeft: number, thresholds: readonly number[]): number | null {
  if (daysLeft < 0) return null
  const reached = thresholds.filter((t) => daysLeft <= t)
  return reached.length ? Math.min(...reached) : null
}

/** The threshold `daysWaited` has passed: the largest one not above it; null when none yet. */
export function waitedThreshold(daysWaited: number, thresholds: readonly number[]): number | null {
  const passed = thresholds.filter((t) => daysWaited >= t)
  return passed.length ? Math.max(...passed) : null
}

const chunks = <T>(list: readonly T[], n = CHUNK): T[][] => Array.from({ length: Math.ceil(list.length / n) }, (_, i) => list.slice(i * n, i * n + n))

async function all<T>(collection: string, where: Record<string, unknown>, max = 2000): Promise<T[]> {
  const out: T[] = []
  for (let offset = 0; offset < max; offset += 100) {
    const page = await getDocs<T>((database().collection(collection) as unknown as Query).where(where).orderBy('_id', 'asc').skip(offset).limit(100))
    out.push(...page)
    if (page.length < 100) break
  }
  return out
}

/**
 * Queues one reminder unless it was queued before or the person has no credit left: the reminder
 * record, the credit and the outbox record change together. Returns the outbox id, or null.
 */
async function queue(d: Due, now: Date): Promise<string | null> {
  const id = reminderId(d.kind, d.unique, d.threshold)
  const [seen] = await getDocs<{ _id: string }>(database().collection(REMINDERS).where({ _id: id }).limit(1))
  if (seen) return null
  const item = d.key === 'reminder' ? outboxItem(d.toOpenid, d.key, d.page, d.values) : outboxItem(d.toOpenid, d.key, d.page, d.values)
  return inTransaction(async (tx) => {
    if (await txGet(tx, REMINDERS, id)) return null
    if (!(await takeCreditIn(tx, d.toOpenid, d.key, now))) return null
    const record = outboxRecord(item, { type: 'reminder', id, version: 0 }, now, { creditUsed: true })
    const reminder: ReminderRecord = { _id: id, kind: d.kind, threshold: d.threshold, ref: d.ref, outboxId: record._id, createdAt: now }
    await tx.collection(REMINDERS).add({ data: { ...reminder } })
    await tx.collection('outbox').add({ data: { ...record } })
    return record._id
  })
}

async function queueAll(dues: Due[], now: Date): Promise<{ queued: number; sent: number }> {
  const ids: string[] = []
  for (const d of dues) {
    const id = await queue(d, now)
    if (id) ids.push(id)
  }
  const sent = ids.length ? (await dispatchOutbox(ids, now)).sent : 0
  return { queued: ids.length, sent }
}

// ---------------------------------------------------------------------------------------------------
// The reminders

const CLAIM_PAGE = (id: string) => `subpackages/aid/pages/claim/index?id=${id}`
const CASE_PAGE = (id: string) => `subpackages/legal/pages/case/index?id=${id}`
const OPEN_CASE_STATES: readonly CaseState[] = CASE_STATES.filter((s) => !FINAL_CASE_STATES.includes(s))
const caseSubject = (c: Pick<LegalCaseRecord, 'ruleFacts'>) => `${DISPUTE_TYPE_LABELS[c.ruleFacts?.disputeType] ?? '法律援助'}求助`

/** Open claims still waiting for documents whose window closes in 30 or 7 days. */
async function aidWindowDues(openids: string[], today: string): Promise<Due[]> {
  const _ = database().command
  const claims = await all<ClaimRecord>(CLAIMS, { ownerOpenid: _.in(openids), state: 'needs_docs', windowLastDay: _.gte(today).and(_.lte(addDays(today, Math.max(...AID_WINDOW_DAYS)))) })
  return claims.flatMap((c): Due[] => {
    const t = countdownThreshold(daysBetween(today, c.windowLastDay), AID_WINDOW_DAYS)
    if (t === null) return []
    return [
      {
        kind: 'aid_window',
        unique: c._id,
        ref: c._id,
        threshold: t,
        toOpenid: c.ownerOpenid,
        key: 'reminder',
        page: CLAIM_PAGE(c._id),
        values: { thing1: `${c.planName}申请`, date2: c.windowLastDay, thing3: '申请期限快到了，请尽快补齐材料' },
      },
    ]
  })
}

/** A member's last term of a plan ends within 30 days (no later term of that plan). Enrollments carry no openid: via `identities`. */
async function renewalDues(openids: string[], today: string): Promise<Due[]> {
  const _ = database().command
  const identities = await all<{ _id: string; ownerOpenid: string }>('identities', { ownerOpenid: _.in(openids) })
  if (identities.length === 0) return []
  const owner = new Map(identities.map((i) => [i._id, i.ownerOpenid]))
  const terms = await all<EnrollmentRecord>(ENROLLMENTS, { memberKey: _.in([...owner.keys()]) })
  const latest = new Map<string, EnrollmentRecord>()
  for (const t of terms) {
    const k = `${t.memberKey}\u0000${t.planId}`
    const cur = latest.get(k)
    if (!cur || t.termEnd > cur.termEnd) latest.set(k, t)
  }
  const names = new Map((await loadVersions()).map((v) => [v.planId, v.name]))
  const out: Due[] = []
  for (const t of latest.values()) {
    const left = daysBetween(today, t.termEnd)
    if (left < 0 || left > RENEWAL_DAYS) continue
    const toOpenid = owner.get(t.memberKey)
    if (!toOpenid) continue
    out.push({
      kind: 'aid_renewal',
      unique: `${t.memberKey}\u0000${t.planId}\u0000${t.termEnd}`,
      ref: t.rowId,
      threshold: RENEWAL_DAYS,
      toOpenid,
      key: 'reminder',
      page: 'subpackages/aid/pages/index/index',
      values: { thing1: `${names.get(t.planId) ?? '互助保障'}到期`, date2: t.termEnd, thing3: '到期后不再保障，请找单位工会续保' },
    })
  }
  return out
}

/** Open cases whose last day to apply for arbitration is within the rules' warning days (and again at the urgent days). */
async function limitationDues(openids: string[], today: string): Promise<Due[]> {
  const _ = database().command
  const rules = await loadLegalRules()
  const thresholds = [...new Set([rules.limitationWarnDays, rules.urgentDays])]
  const cases = await all<LegalCaseRecord>(CASES, { ownerOpenid: _.in(openids), state: _.in([...OPEN_CASE_STATES]), 'limitation.lastDay': _.gte(today).and(_.lte(addDays(today, Math.max(...thresholds)))) })
  return cases.flatMap((c): Due[] => {
    const lastDay = c.limitation?.lastDay
    if (!lastDay) return []
    const t = countdownThreshold(daysBetween(today, lastDay), thresholds)
    if (t === null) return []
    const helped = c.state === 'accepted' || c.state === 'in_progress'
    return [
      {
        kind: 'legal_limitation',
        unique: c._id,
        ref: c._id,
        threshold: t,
        toOpenid: c.ownerOpenid,
        key: 'reminder',
        page: CASE_PAGE(c._id),
        values: { thing1: caseSubject(c), date2: lastDay, thing3: helped ? '申请仲裁的期限快到了，请和帮你的人确认' : '这天前要申请劳动仲裁，请抓紧' },
      },
    ]
  })
}

const COLLECTION_OF = Object.fromEntries(Object.entries(REQUEST_COLLECTIONS).map(([c, t]) => [t, c])) as Record<WorkType, string>

/** Requests waiting for the worker's answer for 3 and 7 days (each time they are asked). */
async function needsInfoDues(openids: string[], now: Date, today: string): Promise<Due[]> {
  const _ = database().command
  const items = await all<StoredItem>(WORK_ITEMS, { ownerOpenid: _.in(openids), open: true, waiting: 'worker', since: _.lte(new Date(now.getTime() - Math.min(...NEEDS_INFO_DAYS) * DAY_MS)) })
  const out: Due[] = []
  for (const item of items) {
    const since = new Date(item.since)
    const t = waitedThreshold(Math.floor((now.getTime() - since.getTime()) / DAY_MS), NEEDS_INFO_DAYS)
    if (t === null || !item.ownerOpenid) continue
    const collection = COLLECTION_OF[item.type]
    const [record] = collection ? await getDocs<Record<string, unknown> & { _id: string; state: string }>(database().collection(collection).where({ _id: item.requestId }).limit(1)) : []
    if (!record || record.state !== item.state) continue
    let subject: string
    let page: string
    let lastDay: string | null = null
    switch (item.type) {
      case 'membershipApplication':
        subject = '入会申请'
        page = 'subpackages/join/pages/status/index'
        break
      case 'legalAidCase':
        subject = caseSubject(record as unknown as LegalCaseRecord)
        page = CASE_PAGE(item.requestId)
        lastDay = (record as unknown as LegalCaseRecord).limitation?.lastDay ?? null
        break
      case 'aidClaim':
        subject = `${(record as unknown as ClaimRecord).planName}申请`
        page = CLAIM_PAGE(item.requestId)
        lastDay = (record as unknown as ClaimRecord).windowLastDay
        break
      default:
        continue
    }
    const by = replyBy(since, lastDay)
    if (today > by) continue
    out.push({
      kind: 'needs_info',
      unique: `${item.requestId}\u0000${since.toISOString()}`,
      ref: item.requestId,
      threshold: t,
      toOpenid: item.ownerOpenid,
      key: 'reminder',
      page,
      values: { thing1: subject, date2: by, thing3: '工会在等你补材料，补齐后接着办' },
    })
  }
  return out
}

/** Every reminder due at `now` for people with a `reminder` credit. */
export async function sendReminders(now: Date): Promise<{ candidates: number; queued: number; sent: number }> {
  const openids = [...new Set(await creditedOpenids('reminder'))]
  const today = shanghaiDate(now)
  const dues: Due[] = []
  for (const chunk of chunks(openids)) {
    dues.push(...(await aidWindowDues(chunk, today)))
    dues.push(...(await renewalDues(chunk, today)))
    dues.push(...(await limitationDues(chunk, today)))
    dues.push(...(await needsInfoDues(chunk, now, today)))
  }
  return { candidates: dues.length, ...(await queueAll(dues, now)) }
}

// ---------------------------------------------------------------------------------------------------
// Staff digest

const STAFF_ROLES = ['grassroots_staff', 'federation_staff', 'admin'] as const

/** 08:00 each day: each staff member with a `staff_digest` credit gets the counts of their queue, once a day. */
export async function sendStaffDigests(now: Date): Promise<{ candidates: number; queued: number; sent: number }> {
  const openids = [...new Set(await creditedOpenids('staff_digest'))]
  if (openids.length === 0) return { candidates: 0, queued: 0, sent: 0 }
  const _ = database().command
  const day = shanghaiDate(now)
  const [cal, sla] = await Promise.all([loadWorkCalendar(), loadSla()])
  const dues: Due[] = []
  for (const chunk of chunks(openids)) {
    const staff = await all<UserRecord>('users', { openid: _.in(chunk), role: _.in([...STAFF_ROLES]) })
    for (const user of staff) {
      const orgId = await workingOrgId({ role: user.role, user })
      if (!orgId) continue
      const count = (flag?: 'overdue' | 'due_soon') => countWhere(WORK_ITEMS, queueWhere({ role: user.role }, orgId, { view: 'mine', flag }, cal, sla, now))
      const [waiting, overdue, dueSoon] = await Promise.all([count(), count('overdue'), count('due_soon')])
      // nothing to do: keep the credit for a day with work
      if (waiting === 0) continue
      dues.push({
        kind: 'staff_digest',
        unique: `${user.openid}\u0000${day}`,
        ref: day,
        threshold: 0,
        toOpenid: user.openid,
        key: 'staff_digest',
        page: 'subpackages/staff/pages/work/index',
        values: { thing1: `待办 ${waiting} 件，${dueSoon} 件快到期`, number2: overdue, thing3: overdue > 0 ? '超期的请先办，打开工作台看看' : '打开工作台看看今天要办的' },
      })
    }
  }
  return { candidates: dues.length, ...(await queueAll(dues, now)) }
}
