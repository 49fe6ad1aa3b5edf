import * as z from '../zod'
import { findPersonalNumbers } from '../privacy/redact'
import { ORG_KINDS, type OrgKind } from '../org/org'
import { isIsoDate, shanghaiDate } from '../calendar/working-days'
import type { Role } from '../session/session.schema'

/** Roles an admin can hand out with an invite code (RULES.md §5). */
export const INVITE_ROLES = ['grassroots_staff', 'federation_staff', 'admin'] as const
export type InviteRole = (typeof INVITE_ROLES)[number]

/** What each role does, in the words the invite form uses. */
export const INVITE_ROLE_HINTS: Record<InviteRole, string> = {
  grassroots_staff: '审核本工会职工的申请',
  federation_staff: '审核全区各工会的申请',
  admin: '管理工作人员、驿站和规则',
}

/** Whether a role needs an org, and which kinds of org it can belong to. Admins belong to none. */
export function roleNeedsOrg(role: InviteRole): boolean {
  return role !== 'admin'
}

export function orgKindFitsRole(role: InviteRole, kind: OrgKind): boolean {
  if (role === 'federation_staff') return kind === 'federation'
  if (role === 'grassroots_staff') return kind !== 'federation'
  return false
}

export const ORG_KIND_MISMATCH: Record<Exclude<InviteRole, 'admin'>, string> = {
  grassroots_staff: '基层工会工作人员要选一个基层工会、联合工会、行业工会或服务站，不能选总工会',
  federation_staff: '总工会工作人员要选总工会',
}

/** How long a code can be used. */
export const INVITE_TTL_HOURS = 72

/** Wrong codes a person may type in a window before being told to wait (counted on the server). */
export const INVITE_MAX_WRONG_TRIES = 5
export const INVITE_TRY_WINDOW_MINUTES = 10

/** Coded reasons for taking a staff role away; the audit keeps the code, never free text. */
export const REVOKE_REASONS = ['left_post', 'duty_changed', 'wrong_person', 'other'] as const
export type RevokeReason = (typeof REVOKE_REASONS)[number]
export const REVOKE_REASON_LABELS: Record<RevokeReason, string> = {
  left_post: '已经不在工会工作了',
  duty_changed: '换了岗位，不再负责',
  wrong_person: '邀请错了人',
  other: '其他原因',
}

export const INVITE_STATES = ['pending', 'used', 'expired', 'cancelled'] as const
export type InviteState = (typeof INVITE_STATES)[number]
export const INVITE_STATE_LABELS: Record<InviteState, string> = {
  pending: '还没使用',
  used: '已使用',
  expired: '已过期',
  cancelled: '已作废',
}

/** Stored status; `expired` is never stored, it follows from the clock. */
export type InviteStatus = 'pending' | 'used' | 'cancelled'

export function inviteState(invite: { status: InviteStatus; expiresAt: Date }, now: Date): InviteState {
  if (invite.status !== 'pending') return invite.status
  return invite.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending'
}

/** Code-try guard kept on the user's record: how many tries counted since `since`. */
export interface InviteGuard {
  since: Date
  count: number
}

/** Minutes left before a locked-out person may try again, or 0 when they may try now. */
export function guardWaitMinutes(guard: InviteGuard | null | undefined, now: Date): number {
  if (!guard || guard.count < INVITE_MAX_WRONG_TRIES) return 0
  const left = guard.since.getTime() + INVITE_TRY_WINDOW_MINUTES * 60_000 - now.getTime()
  return left > 0 ? Math.ceil(left / 60_000) : 0
}

/** The guard after one more counted try: a fresh window once the old one has passed. */
export function guardAfterTry(guard: InviteGuard | null | undefined, now: Date): InviteGuard {
  const fresh = !guard || now.getTime() - guard.since.getTime() >= INVITE_TRY_WINDOW_MINUTES * 60_000
  return fresh ? { since: now, count: 1 } : { since: guard.since, count: guard.count + 1 }
}

/** Error codes of the staff area; messages are plain sentences for a union chair. */
export const STAFF_ERR = {
  INVITE_INVALID: { code: 'INVITE.INVALID', message: '邀请码不对，请核对后再输入' },
  INVITE_EXPIRED: { code: 'INVITE.EXPIRED', message: '这个邀请码已经过期了（3 天内有效），请找管理员重新要一个' },
  INVITE_USED: { code: 'INVITE.USED', message: '这个邀请码已经用过了，一个邀请码只能用一次。请找管理员重新要一个' },
  INVITE_CANCELLED: { code: 'INVITE.CANCELLED', message: '这个邀请码已经作废了，请找管理员重新要一个' },
  INVITE_TOO_MANY_TRIES: { code: 'INVITE.TOO_MANY_TRIES', message: '输错的次数太多了，请过 10 分钟再试' },
  INVITE_ALREADY_USED: { code: 'INVITE.USED', message: '这个邀请码已经有人用了，不能作废。如要取消他的身份，请在工作人员名单里点“撤销”' },
  INVITE_NOT_FOUND: { code: 'INVITE.NOT_FOUND', message: '没有找到这个邀请码，请刷新后再看' },
  INVITE_NOTE_RISKY: { code: 'INVITE.NOTE_RISKY', message: '备注里有不合适的内容，请改一改或不写备注' },
  INVITE_NOTE_UNCHECKED: { code: 'INVITE.NOTE_UNCHECKED', message: '备注暂时没法检查，请不写备注再生成，或稍后再试' },
  ORG_NOT_FOUND: { code: 'ORG.NOT_FOUND', message: '没有找到这个工会，请重新选择' },
  ORG_KIND_MISMATCH: { code: 'INVITE.ORG_KIND_MISMATCH', message: '这个身份不能选这个工会，请重新选择' },
  ALREADY_STAFF: { code: 'STAFF.ALREADY_STAFF', message: '你已经是工作人员了，不用再输入邀请码' },
  STAFF_NOT_FOUND: { code: 'STAFF.NOT_FOUND', message: '没有找到这个人，请刷新后再看' },
  STAFF_NOT_STAFF: { code: 'STAFF.NOT_STAFF', message: '这个人已经不是工作人员了，不用再撤销' },
  STAFF_LAST_ADMIN: { code: 'STAFF.LAST_ADMIN', message: '你是最后一位管理员，不能撤销自己。请先邀请另一位管理员' },
} as const

export const tooManyTriesMessage = (minutes: number) => `输错的次数太多了，请过 ${minutes} 分钟再试`

const id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, { error: '编号不对' }))

export const NOTE_MAX = 20

/** Optional memo an admin writes on an invite (who it is for). No phone, ID or card numbers. */
export const inviteNote = z.string().check(
  z.trim(),
  z.maxLength(NOTE_MAX, { error: `备注最多 ${NOTE_MAX} 个字` }),
  z.refine((s: string) => findPersonalNumbers(s).length === 0, { error: '备注里不要写手机号、身份证号或银行卡号' }),
)

const needsOrgCheck = (v: { role: InviteRole; orgId?: string | null }, ctx: z.core.$RefinementCtx) => {
  if (roleNeedsOrg(v.role) && !v.orgId) ctx.addIssue({ code: 'custom', path: ['orgId'], message: '请选择工会' })
  if (!roleNeedsOrg(v.role) && v.orgId) ctx.addIssue({ code: 'custom', path: ['orgId'], message: '管理员不属于某个工会，不用选工会' })
}

/** The invite form's fields (the page validates with this before sending). */
export const createInviteFields = z
  .object({
    role: z.enum(INVITE_ROLES, { error: '请选择身份' }),
    orgId: z.nullish(id),
    note: z.optional(inviteNote),
  })
  .check(z.superRefine(needsOrgCheck))
export type CreateInviteFields = z.infer<typeof createInviteFields>

// ---- org tree and rule tables (admin) --------------------------------------------------------

export const ORG_NAME_MIN = 2
export const ORG_NAME_MAX = 40

/** An org's name: 2–40 characters, one line, no personal numbers. */
export const orgName = z.string({ error: '请填写工会的名字' }).check(
  z.trim(),
  z.minLength(ORG_NAME_MIN, { error: `工会的名字至少 ${ORG_NAME_MIN} 个字` }),
  z.maxLength(ORG_NAME_MAX, { error: `工会的名字最多 ${ORG_NAME_MAX} 个字` }),
  z.refine((s: string) => !/[\u0000-\u001f\u007f]/.test(s), { error: '名字里不能有换行等特殊字符' }),
  z.refine((s: string) => findPersonalNumbers(s).length === 0, { error: '名字里不要写手机号、身份证号或银行卡号' }),
)

/** 新组建日期: the day (Shanghai) the union was formed, counted in that year's 新组建工会; never later than today. */
export const formedAtDate = z.string({ error: '请选择日期' }).check(
  z.refine(isIsoDate, { error: '日期不对，请重新选择' }),
  z.refine((d: string) => d <= shanghaiDate(new Date()), { error: '新组建日期不能晚于今天' }),
)

/** The org form's fields (the page validates with this before sending). */
export const orgFields = z.object({
  name: orgName,
  kind: z.enum(ORG_KINDS, { error: '请选择工会的类型' }),
  parentId: z.nullish(id).check(z.refine((v) => !!v, { error: '请选择上级工会' })),
  formedAt: z.nullish(formedAtDate),
})

/** Version of a record as the page read it (compare-and-set). */
const version = z.number({ error: '版本号不对，请刷新后再试' }).check(z.int(), z.minimum(1), z.maximum(1_000_000_000))

/** Rule tables whose every save is kept as a numbered version (`ruleTableVersions`). */
export const RULE_TABLE_IDS = ['calendar', 'membership', 'legalAid', 'mutualAid', 'workspace'] as const
export type RuleTableId = (typeof RULE_TABLE_IDS)[number]
export const RULE_TABLE_LABELS: Record<RuleTableId, string> = {
  calendar: '节假日安排',
  membership: '入会规则',
  legalAid: '法律援助规则',
  mutualAid: '互助保障规则',
  workspace: '办理期限',
}

/** Error codes of org management; messages say what to do next. */
export const ORG_ERR = {
  NOT_FOUND: { code: 'ORG.NOT_FOUND', message: '没有找到这个工会，请刷新后再看' },
  PARENT_NOT_FOUND: { code: 'ORG.NOT_FOUND', message: '没有找到这个上级工会，请重新选择' },
  NAME_TAKEN: { code: 'ORG.NAME_TAKEN', message: '同一个上级工会下面已经有这个名字的工会了，请换一个名字' },
  STALE: { code: 'ORG.STALE', message: '这个工会刚刚被别人改过了，请刷新后再改' },
  CYCLE: { code: 'ORG.CYCLE', message: '不能把工会移到它自己或它下面的工会下面，请换一个上级工会' },
  ROOT: { code: 'ORG.ROOT', message: '总工会是最上面的一级，不能移动。要调整的话，请移动它下面的工会' },
} as const

/** Event of the `admin` cloud function. */
export const adminEvent = z.discriminatedUnion('action', [
  z.object({ action: z.literal('listOrgs') }),
  z
    .object({
      action: z.literal('createInvite'),
      role: z.enum(INVITE_ROLES, { error: '请选择身份' }),
      orgId: z.nullish(id),
      note: z.optional(inviteNote),
    })
    .check(z.superRefine(needsOrgCheck)),
  z.object({ action: z.literal('listInvites'), state: z.optional(z.enum(INVITE_STATES)) }),
  z.object({ action: z.literal('cancelInvite'), inviteId: id }),
  z.object({ action: z.literal('listStaff') }),
  z.object({ action: z.literal('revokeStaff'), userId: id, reason: z.enum(REVOKE_REASONS, { error: '请选择撤销的原因' }) }),
  z.object({
    action: z.literal('createOrg'),
    name: orgName,
    kind: z.enum(ORG_KINDS, { error: '请选择工会的类型' }),
    parentId: id,
    formedAt: z.nullish(formedAtDate),
  }),
  z
    .object({ action: z.literal('updateOrg'), id, version, name: z.optional(orgName), formedAt: z.nullish(formedAtDate) })
    .check(z.refine((v) => v.name !== undefined || v.formedAt !== undefined, { error: '没有要修改的内容' })),
  z.object({ action: z.literal('moveOrg'), id, version, parentId: id }),
  z.object({
    action: z.literal('ruleHistory'),
    tableId: z.enum(RULE_TABLE_IDS, { error: '没有这张规则表' }),
    cursor: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(1_000_000_000))),
  }),
])
export type AdminEvent = z.infer<typeof adminEvent>

// ---- replies -------------------------------------------------------------------------------

export interface OrgView {
  id: string
  name: string
  kind: OrgKind
  kindLabel: string
  parentId: string | null
  /** 0 for the federation, 1 for the unions below it … (for indenting a list). */
  depth: number
}

/** An org as the admin's org page lists it. */
export interface OrgTreeView extends OrgView {
  /** 新组建日期 (YYYY-MM-DD), or null when not counted as newly formed. */
  formedAt: string | null
  /** Compare-and-set token for updateOrg / moveOrg. */
  version: number
}

export interface OrgReply {
  org: OrgTreeView
}

/** moveOrg's reply: the org after the move and how many records had their org path rewritten. */
export interface OrgMoveReply {
  org: OrgTreeView
  /** False when the org was already under that parent (a retry): only the records were checked again. */
  moved: boolean
  /** Orgs below it whose path changed with it. */
  descendants: number
  /** Records rewritten per collection (collections with none left out). */
  rewritten: Record<string, number>
  total: number
}

export interface RuleVersionView {
  version: number
  /** ISO time. */
  at: string
  /** Masked name of who saved it (or 管理员 when unknown). */
  by: string
  data: Record<string, unknown>
}

export interface RuleHistoryReply {
  tableId: RuleTableId
  tableLabel: string
  /** Newest first. */
  versions: RuleVersionView[]
  /** Pass as `cursor` for older versions; null when there are none. */
  nextCursor: number | null
}

export interface OrgRefView {
  id: string
  name: string
}

export interface InviteView {
  id: string
  role: InviteRole
  roleLabel: string
  org: OrgRefView | null
  note: string | null
  state: InviteState
  stateLabel: string
  /** ISO times. */
  createdAt: string
  expiresAt: string
  usedAt: string | null
  /** Masked name of who used it. */
  usedBy: string | null
}

/** createInvite's reply: the only time the code itself leaves the server. */
export interface CreatedInvite {
  invite: InviteView
  /** `K7PM-3QXD`. */
  code: string
}

export interface StaffView {
  userId: string
  /** Masked, e.g. `张*东`. */
  displayName: string
  maskedPhone: string | null
  role: Exclude<Role, 'worker'>
  roleLabel: string
  org: OrgRefView | null
  isMe: boolean
}

export interface StaffList {
  staff: StaffView[]
  /** Whether the caller may revoke (admins); federation staff read only. */
  canRevoke: boolean
}

export interface RedeemResult {
  role: Role
  roleLabel: string
  org: OrgRefView | null
}
