import type { Role } from '../session/session.schema'
import type { Actor } from '../requests/state-machine'

/** What a caller may reach in the org tree (RULES.md §5, TRUST.md). */
export interface Scope {
  role: Role
  /** The caller's own org (staff only). */
  orgId: string | null
}

/** An org with its ancestors (root first). */
export interface OrgRef {
  id: string
  path: readonly string[]
}

export const STAFF_ROLES: readonly Role[] = ['grassroots_staff', 'federation_staff', 'admin']

export const isStaffRole = (role: Role) => STAFF_ROLES.includes(role)

/** Grassroots staff: their own org. Federation staff: their org and everything below it. Admin: all. */
export function canReachOrg(scope: Scope, org: OrgRef): boolean {
  switch (scope.role) {
    case 'admin':
      return true
    case 'federation_staff':
      return scope.orgId !== null && (org.id === scope.orgId || org.path.includes(scope.orgId))
    case 'grassroots_staff':
      return scope.orgId !== null && org.id === scope.orgId
    default:
      return false
  }
}

/** Whose step a staff member takes in a state machine, for an org they can reach. */
export function staffActor(scope: Scope): Actor | null {
  if (scope.role === 'grassroots_staff') return 'grassroots'
  if (scope.role === 'federation_staff' || scope.role === 'admin') return 'federation'
  return null
}
