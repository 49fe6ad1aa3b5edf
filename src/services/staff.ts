// The staff area as the pages see it: where its pages are, and redeeming an invite code.
// Main-package pages import only the routes from here; keep this file free of schemas.
import type { Envelope } from '../domain/envelope'
import type { RedeemResult } from '../domain/staff/staff.schema'
import { callFunction } from './transport'

export type { RedeemResult }

export const STAFF_HOME_PAGE = '/subpackages/staff/pages/home/index'
export const STAFF_PEOPLE_PAGE = '/subpackages/staff/pages/people/index'
export const STAFF_REDEEM_PAGE = '/subpackages/staff/pages/redeem/index'

/** Turns the signed-in worker into staff with a one-time code from an admin. */
export function redeemInvite(code: string): Promise<Envelope<RedeemResult>> {
  return callFunction<RedeemResult>('session', { action: 'redeemInvite', code })
}
