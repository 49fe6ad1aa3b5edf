import * as z from '../zod'
import { inviteCodeInput } from '../staff/invite-code'

export const ROLES = ['worker', 'grassroots_staff', 'federation_staff', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  worker: '职工',
  grassroots_staff: '基层工会工作人员',
  federation_staff: '总工会工作人员',
  admin: '管理员',
}

/** Event of the `session` cloud function. */
export const sessionEvent = z.discriminatedUnion('action', [
  z.object({ action: z.literal('me') }),
  /** A worker turns into staff with a one-time code from an admin. */
  z.object({ action: z.literal('redeemInvite'), code: inviteCodeInput }),
])
export type SessionEvent = z.infer<typeof sessionEvent>

/** What `session` / `me` returns: never a full name, phone or ID number. */
export interface Me {
  userId: string
  role: Role
  roleLabel: string
  /** Masked, e.g. `李*明`, or `微信用户` before the worker gives a name. */
  displayName: string
  /** Masked, e.g. `138****5678`, or null. */
  maskedPhone: string | null
  org: { id: string; name: string } | null
  /** True on the call that created the user record. */
  isNew: boolean
}
