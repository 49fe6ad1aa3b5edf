// Calls of the `admin` cloud function. The server checks the caller's role on every one.
import type { Envelope } from '../domain/envelope'
import type { CreatedInvite, InviteRole, InviteState, InviteView, OrgView, RevokeReason, StaffList } from '../domain/staff/staff.schema'
import { callFunction } from './transport'

export type { CreatedInvite, InviteView, OrgView, StaffList }

export function listOrgs(): Promise<Envelope<{ orgs: OrgView[] }>> {
  return callFunction('admin', { action: 'listOrgs' })
}

export function createInvite(fields: { role: InviteRole; orgId: string | null; note?: string }): Promise<Envelope<CreatedInvite>> {
  const event: Record<string, unknown> = { action: 'createInvite', role: fields.role }
  if (fields.orgId) event.orgId = fields.orgId
  if (fields.note) event.note = fields.note
  return callFunction('admin', event)
}

export function listInvites(state?: InviteState): Promise<Envelope<{ invites: InviteView[]; more: boolean }>> {
  return callFunction('admin', state ? { action: 'listInvites', state } : { action: 'listInvites' })
}

export function cancelInvite(inviteId: string): Promise<Envelope<{ invite: InviteView }>> {
  return callFunction('admin', { action: 'cancelInvite', inviteId })
}

export function listStaff(): Promise<Envelope<StaffList>> {
  return callFunction('admin', { action: 'listStaff' })
}

export function revokeStaff(userId: string, reason: RevokeReason): Promise<Envelope<{ userId: string; role: string; roleLabel: string }>> {
  return callFunction('admin', { action: 'revokeStaff', userId, reason })
}
