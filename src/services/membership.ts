// Calls of the `membership` cloud function (入会, 会员证, 转会 and the staff review). Types only from the
// schema, so the main package (which imports the routes) does not pull in zod.
import type { Envelope } from '../domain/envelope'
import type {
  ApplicationChanges,
  ApplicationDecision,
  ApplicationDetail,
  ApplicationInput,
  ApplicationRow,
  CardCheckReply,
  CheckReply,
  ContactReply,
  DecisionReply,
  EmployerOption,
  ExportReply,
  InfoItem,
  MemberCardView,
  MemberRow,
  MineReply,
  Page,
  QueueFilter,
  RejectReason,
  RouteView,
  SettingsReply,
  SubmitReply,
  TransferReason,
  TransferRejectReason,
  TransferRow,
  TransferTargetInput,
  TransferView,
} from '../domain/membership/membership.schema'
import type { HolidayCalendar } from '../domain/calendar/working-days'
import { callFunction } from './transport'

// ---- routes ----------------------------------------------------------------------------------------

/** 入会 for workers: start (decides where to go), the application wizard, its progress, the card, 转会. */
export const JOIN_PAGE = '/subpackages/join/pages/index/index'
export const JOIN_APPLY_PAGE = '/subpackages/join/pages/apply/index'
export const JOIN_STATUS_PAGE = '/subpackages/join/pages/status/index'
export const MEMBER_CARD_PAGE = '/subpackages/join/pages/card/index'
export const TRANSFER_PAGE = '/subpackages/join/pages/transfer/index'

export const STAFF_MEMBER_QUEUE_PAGE = '/subpackages/staff/pages/members-queue/index'
export const STAFF_MEMBER_REVIEW_PAGE = '/subpackages/staff/pages/members-review/index'
export const STAFF_MEMBER_VERIFY_PAGE = '/subpackages/staff/pages/members-verify/index'
export const STAFF_MEMBERS_PAGE = '/subpackages/staff/pages/members/index'
export const STAFF_MEMBER_TRANSFERS_PAGE = '/subpackages/staff/pages/members-transfers/index'
export const STAFF_CALENDAR_PAGE = '/subpackages/staff/pages/calendar/index'

// ---- the function ----------------------------------------------------------------------------------

const call = <T>(data: Record<string, unknown>) => callFunction<T>('membership', data)
const paged = (data: Record<string, unknown>, cursor: number | null) => (cursor ? { ...data, cursor } : data)

// worker

export const findEmployers = (q: string): Promise<Envelope<{ employers: EmployerOption[] }>> =>
  call(q.trim() ? { action: 'employers', q: q.trim() } : { action: 'employers' })

export const checkApplication = (application: ApplicationInput): Promise<Envelope<CheckReply>> => call({ action: 'check', application })

export const applyToJoin = (key: string, application: ApplicationInput): Promise<Envelope<SubmitReply>> => call({ action: 'apply', key, application })

export const myMembership = (): Promise<Envelope<MineReply>> => call({ action: 'mine' })

export interface ResubmitFields {
  id: string
  version: number
  changes: ApplicationChanges
  proofFileIds?: string[]
  note?: string
}
export const resubmitApplication = (f: ResubmitFields): Promise<Envelope<SubmitReply>> =>
  call({
    action: 'resubmit',
    id: f.id,
    version: f.version,
    changes: f.changes,
    ...(f.proofFileIds?.length ? { proofFileIds: f.proofFileIds } : {}),
    ...(f.note?.trim() ? { note: f.note.trim() } : {}),
  })

export const withdrawApplication = (id: string, version: number): Promise<Envelope<DecisionReply>> => call({ action: 'withdraw', id, version })

export const memberCard = (): Promise<Envelope<MemberCardView>> => call({ action: 'card' })

export const checkTransfer = (target: TransferTargetInput): Promise<Envelope<RouteView>> => call({ action: 'checkTransfer', target })

export const requestTransfer = (key: string, target: TransferTargetInput, reason: TransferReason): Promise<Envelope<TransferView>> =>
  call({ action: 'requestTransfer', key, target, reason })

export const withdrawTransfer = (id: string, version: number): Promise<Envelope<DecisionReply>> => call({ action: 'withdrawTransfer', id, version })

// staff

export const applicationQueue = (filter: QueueFilter = 'open', cursor: number | null = null): Promise<Envelope<Page<ApplicationRow>>> =>
  call(paged({ action: 'queue', filter }, cursor))

export const applicationDetail = (id: string): Promise<Envelope<ApplicationDetail>> => call({ action: 'detail', id })

export interface DecisionFields {
  id: string
  version: number
  decision: ApplicationDecision
  reason?: RejectReason
  items?: InfoItem[]
  note?: string
}
export const decideApplication = (f: DecisionFields): Promise<Envelope<DecisionReply>> =>
  call({
    action: 'decide',
    id: f.id,
    version: f.version,
    decision: f.decision,
    ...(f.reason ? { reason: f.reason } : {}),
    ...(f.items?.length ? { items: f.items } : {}),
    ...(f.note?.trim() ? { note: f.note.trim() } : {}),
  })

export const reassignApplication = (id: string, version: number, toOrgId: string, note?: string): Promise<Envelope<DecisionReply>> =>
  call({ action: 'reassign', id, version, toOrgId, ...(note?.trim() ? { note: note.trim() } : {}) })

export const revealContact = (id: string): Promise<Envelope<ContactReply>> => call({ action: 'revealContact', id })

/** `code` is what the camera read; `memberNo` what staff typed. */
export const verifyCard = (input: { code: string } | { memberNo: string }): Promise<Envelope<CardCheckReply>> => call({ action: 'verifyCard', ...input })

export const listMembers = (q: string, cursor: number | null = null): Promise<Envelope<Page<MemberRow>>> =>
  call(paged(q.trim() ? { action: 'members', q: q.trim() } : { action: 'members' }, cursor))

export const exportMembers = (orgId?: string): Promise<Envelope<ExportReply>> => call(orgId ? { action: 'exportMembers', orgId } : { action: 'exportMembers' })

export const transferQueue = (filter: 'open' | 'decided' | 'all' = 'open', cursor: number | null = null): Promise<Envelope<Page<TransferRow>>> =>
  call(paged({ action: 'transfers', filter }, cursor))

export const decideTransfer = (f: { id: string; version: number; decision: 'accept' | 'reject'; reason?: TransferRejectReason; note?: string }): Promise<Envelope<DecisionReply>> =>
  call({ action: 'decideTransfer', id: f.id, version: f.version, decision: f.decision, ...(f.reason ? { reason: f.reason } : {}), ...(f.note?.trim() ? { note: f.note.trim() } : {}) })

export const membershipSettings = (): Promise<Envelope<SettingsReply>> => call({ action: 'settings' })

export const setCalendar = (calendar: HolidayCalendar): Promise<Envelope<SettingsReply>> => call({ action: 'setCalendar', calendar })
