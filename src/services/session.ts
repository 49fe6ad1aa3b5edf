import type { Me } from '../domain/session/session.schema'
import type { Envelope } from '../domain/envelope'
import { callFunction } from './transport'

export type { Me }

/** Who is signed in (masked data only). Creates the user record on first call. */
export function getMe(): Promise<Envelope<Me>> {
  return callFunction<Me>('session', { action: 'me' })
}

const STAFF_ROLES: ReadonlySet<Me['role']> = new Set(['grassroots_staff', 'federation_staff', 'admin'])

/** Only for showing staff entry points; the server checks the role on every action. */
export const isStaff = (me: Pick<Me, 'role'>): boolean => STAFF_ROLES.has(me.role)
