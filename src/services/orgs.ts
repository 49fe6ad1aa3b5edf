// 组织管理 (admin): the org tree, its changes, and the history of the rule tables. The server checks the role on every call.
import type { Envelope } from '../domain/envelope'
import type { OrgKind } from '../domain/org/org'
import type { OrgMoveReply, OrgReply, OrgTreeView, RuleHistoryReply, RuleTableId } from '../domain/staff/staff.schema'
import { callFunction } from './transport'

export type { OrgMoveReply, OrgReply, OrgTreeView, RuleHistoryReply, RuleTableId }

export const STAFF_ORGS_PAGE = '/subpackages/staff/pages/orgs/index'

/** Every org in tree order (parents before children), with its 新组建日期 and version. */
export function listOrgTree(): Promise<Envelope<{ orgs: OrgTreeView[] }>> {
  return callFunction('admin', { action: 'listOrgs' })
}

export function createOrg(fields: { name: string; kind: OrgKind; parentId: string; formedAt: string | null }): Promise<Envelope<OrgReply>> {
  const event: Record<string, unknown> = { action: 'createOrg', name: fields.name, kind: fields.kind, parentId: fields.parentId }
  if (fields.formedAt) event.formedAt = fields.formedAt
  return callFunction('admin', event)
}

/** Rename and/or set (a date) or clear (null) the 新组建日期; leave a field out to keep it. */
export function updateOrg(org: Pick<OrgTreeView, 'id' | 'version'>, change: { name?: string; formedAt?: string | null }): Promise<Envelope<OrgReply>> {
  return callFunction('admin', { action: 'updateOrg', id: org.id, version: org.version, ...change })
}

export function moveOrg(org: Pick<OrgTreeView, 'id' | 'version'>, parentId: string): Promise<Envelope<OrgMoveReply>> {
  return callFunction('admin', { action: 'moveOrg', id: org.id, version: org.version, parentId })
}

export function ruleHistory(tableId: RuleTableId, cursor?: number): Promise<Envelope<RuleHistoryReply>> {
  return callFunction('admin', cursor ? { action: 'ruleHistory', tableId, cursor } : { action: 'ruleHistory', tableId })
}
