import { defineFunction, deny, type Caller } from '../_lib/handler'
import { createOrg, findOrg, findOrgsByIds, listReachableOrgs, moveOrg, updateOrg, versionOf, type OrgRecord } from '../_lib/orgs.repo'
import { rewriteOrgPaths } from '../_lib/org-move'
import { listRuleVersions } from '../_lib/rule-versions'
import { cancelInvite, checkNote, createInvite, listAdminIds, listInvites, type InviteRecord } from '../_lib/invites.repo'
import { findUsersByIds, listStaff, revokeStaff, type StaffUserRecord } from '../_lib/staff.repo'
import { fail, ok, failWith } from '../../src/domain/envelope'
import { ORG_KIND_LABELS, treeOrder } from '../../src/domain/org/org'
import { maskName, maskPhone } from '../../src/domain/privacy/mask'
import { ROLE_LABELS } from '../../src/domain/session/session.schema'
import {
  adminEvent,
  INVITE_STATE_LABELS,
  inviteState,
  ORG_KIND_MISMATCH,
  orgKindFitsRole,
  roleNeedsOrg,
  RULE_TABLE_LABELS,
  STAFF_ERR,
  type CreatedInvite,
  type InviteView,
  type OrgMoveReply,
  type OrgReply,
  type OrgTreeView,
  type RuleHistoryReply,
  type StaffList,
  type StaffView,
} from '../../src/domain/staff/staff.schema'

type Signed = Caller & { user: NonNullable<Caller['user']> }
const signed = (caller: Caller): caller is Signed => caller.user !== null

const orgView = (o: OrgRecord): OrgTreeView => ({
  id: o._id,
  name: o.name,
  kind: o.kind,
  kindLabel: ORG_KIND_LABELS[o.kind],
  parentId: o.parentId,
  depth: o.path.length,
  formedAt: o.formedAt ?? null,
  version: versionOf(o),
})
const orgRef = (orgs: Map<string, OrgRecord>, id: string | null) => {
  const org = id ? orgs.get(id) : undefined
  return org ? { id: org._id, name: org.name } : null
}
const shownName = (u: StaffUserRecord | undefined) => (u?.profile?.name ? maskName(u.profile.name) : '微信用户')

function inviteView(i: InviteRecord, orgs: Map<string, OrgRecord>, users: Map<string, StaffUserRecord>, now: Date): InviteView {
  const state = inviteState(i, now)
  return {
    id: i._id,
    role: i.role,
    roleLabel: ROLE_LABELS[i.role],
    org: orgRef(orgs, i.orgId),
    note: i.note,
    state,
    stateLabel: INVITE_STATE_LABELS[state],
    createdAt: i.createdAt.toISOString(),
    expiresAt: i.expiresAt.toISOString(),
    usedAt: i.usedAt ? i.usedAt.toISOString() : null,
    usedBy: i.usedBy ? shownName(users.get(i.usedBy)) : null,
  }
}

async function inviteViews(invites: InviteRecord[], now: Date): Promise<InviteView[]> {
  const orgs = await findOrgsByIds(invites.flatMap((i) => (i.orgId ? [i.orgId] : [])))
  const users = await findUsersByIds(invites.flatMap((i) => (i.usedBy ? [i.usedBy] : [])))
  return invites.map((i) => inviteView(i, orgs, users, now))
}

const ROLE_ORDER = { admin: 0, federation_staff: 1, grassroots_staff: 2 } as const

export const main = defineFunction({
  name: 'admin',
  event: adminEvent,
  actions: {
    listOrgs: {
      access: ['grassroots_staff', 'federation_staff', 'admin'],
      async run({ caller }) {
        const orgs = await listReachableOrgs({ role: caller.role, orgId: caller.user?.orgId ?? null })
        const nodes = orgs.map((o) => ({ ...o, id: o._id }))
        return ok({ orgs: treeOrder(nodes).map(orgView) })
      },
    },

    createInvite: {
      access: ['admin'],
      async run({ caller, input, now }) {
        if (!signed(caller)) return deny(caller, { type: 'function', id: 'admin.createInvite' })
        const orgId = roleNeedsOrg(input.role) ? (input.orgId ?? null) : null
        if (orgId) {
          const org = await findOrg(orgId)
          if (!org) return fail(STAFF_ERR.ORG_NOT_FOUND.code, STAFF_ERR.ORG_NOT_FOUND.message, { orgId: STAFF_ERR.ORG_NOT_FOUND.message })
          if (input.role !== 'admin' && !orgKindFitsRole(input.role, org.kind)) {
            const why = ORG_KIND_MISMATCH[input.role]
            return fail(STAFF_ERR.ORG_KIND_MISMATCH.code, why, { orgId: why })
          }
        }
        const note = input.note ? input.note : null
        if (note) {
          const verdict = await checkNote(caller.openid, note)
          if (verdict === 'risky') return fail(STAFF_ERR.INVITE_NOTE_RISKY.code, STAFF_ERR.INVITE_NOTE_RISKY.message, { note: STAFF_ERR.INVITE_NOTE_RISKY.message })
          if (verdict === 'unchecked') return failWith(STAFF_ERR.INVITE_NOTE_UNCHECKED)
        }
        const { invite, code } = await createInvite(caller, { role: input.role, orgId, note }, now)
        const [view] = await inviteViews([invite], now)
        const reply: CreatedInvite = { invite: view, code }
        return ok(reply)
      },
    },

    listInvites: {
      access: ['admin'],
      async run({ input, now }) {
        const { invites, more } = await listInvites(input.state, now)
        return ok({ invites: await inviteViews(invites, now), more })
      },
    },

    cancelInvite: {
      access: ['admin'],
      async run({ caller, input, now }) {
        if (!signed(caller)) return deny(caller, { type: 'function', id: 'admin.cancelInvite' })
        const outcome = await cancelInvite(caller, input.inviteId, now)
        if (!outcome.ok) {
          return outcome.reason === 'used'
            ? failWith(STAFF_ERR.INVITE_ALREADY_USED)
            : failWith(STAFF_ERR.INVITE_NOT_FOUND)
        }
        const [view] = await inviteViews([outcome.invite], now)
        return ok({ invite: view })
      },
    },

    listStaff: {
      access: ['federation_staff', 'admin'],
      async run({ caller }) {
        const scope = caller.role === 'admin' ? null : (await listReachableOrgs({ role: caller.role, orgId: caller.user?.orgId ?? null })).map((o) => o._id)
        const people = await listStaff(scope)
        const orgs = await findOrgsByIds(people.flatMap((u) => (u.orgId ? [u.orgId] : [])))
        const staff: StaffView[] = people
          .filter((u): u is StaffUserRecord & { role: StaffView['role'] } => u.role !== 'worker')
          .map((u) => ({
            userId: u._id,
            displayName: shownName(u),
            maskedPhone: u.profile?.phone ? maskPhone(u.profile.phone) : null,
            role: u.role,
            roleLabel: ROLE_LABELS[u.role],
            org: orgRef(orgs, u.orgId),
            isMe: u._id === caller.user?._id,
          }))
          .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || (a.org?.name ?? '').localeCompare(b.org?.name ?? '') || a.userId.localeCompare(b.userId))
        const reply: StaffList = { staff, canRevoke: caller.role === 'admin' }
        return ok(reply)
      },
    },

    // --- org tree (admin) ---------------------------------------------------------------------

    createOrg: {
      access: ['admin'],
      async run({ caller, input, now }) {
        const r = await createOrg(caller, { name: input.name, kind: input.kind, parentId: input.parentId, formedAt: input.formedAt ?? null }, now)
        return r.ok ? ok<OrgReply>({ org: orgView(r.data) }) : r
      },
    },

    updateOrg: {
      access: ['admin'],
      async run({ caller, input, now }) {
        const r = await updateOrg(caller, { id: input.id, version: input.version, name: input.name, formedAt: input.formedAt }, now)
        return r.ok ? ok<OrgReply>({ org: orgView(r.data) }) : r
      },
    },

    moveOrg: {
      access: ['admin'],
      async run({ caller, input, now }) {
        const r = await moveOrg(caller, { id: input.id, version: input.version, parentId: input.parentId }, now)
        if (!r.ok) return r
        // The org docs are committed; now the records that keep its path, page by page (idempotent).
        const report = await rewriteOrgPaths(r.data.org._id)
        const reply: OrgMoveReply = { org: orgView(r.data.org), moved: r.data.moved, descendants: r.data.descendants, ...report }
        return ok(reply)
      },
    },

    // --- rule tables (admin) ------------------------------------------------------------------

    ruleHistory: {
      access: ['admin'],
      async run({ input }) {
        const { versions, next } = await listRuleVersions(input.tableId, input.cursor)
        const users = await findUsersByIds(versions.flatMap((v) => (v.byUserId ? [v.byUserId] : [])))
        const reply: RuleHistoryReply = {
          tableId: input.tableId,
          tableLabel: RULE_TABLE_LABELS[input.tableId],
          versions: versions.map((v) => ({ version: v.version, at: new Date(v.at).toISOString(), by: v.byUserId ? shownName(users.get(v.byUserId)) : '系统', data: v.data })),
          nextCursor: next,
        }
        return ok(reply)
      },
    },

    revokeStaff: {
      access: ['admin'],
      async run({ caller, input, now }) {
        if (!signed(caller)) return deny(caller, { type: 'function', id: 'admin.revokeStaff' })
        const outcome = await revokeStaff(caller, input.userId, input.reason, await listAdminIds(), now)
        if (outcome.ok) return ok({ userId: outcome.user._id, role: outcome.user.role, roleLabel: ROLE_LABELS[outcome.user.role] })
        switch (outcome.reason) {
          case 'not_found':
            return failWith(STAFF_ERR.STAFF_NOT_FOUND)
          case 'not_staff':
            return failWith(STAFF_ERR.STAFF_NOT_STAFF)
          case 'last_admin':
            return failWith(STAFF_ERR.STAFF_LAST_ADMIN)
          case 'caller_not_admin':
            return deny(caller, { type: 'user', id: input.userId })
        }
      },
    },
  },
})
