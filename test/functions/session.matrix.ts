/** Authorization matrix rows of the `session` function (see test/support/matrix.ts). */
import { CALLERS, type CallerKey, type MatrixRow } from '../support/matrix'
import type { Envelope } from '../../src/domain/envelope'
import type { CreatedInvite } from '../../src/domain/staff/staff.schema'

const WORKERS: readonly CallerKey[] = ['workerA', 'workerB']

export const rows: MatrixRow[] = [
  {
    fn: 'session',
    action: 'redeemInvite',
    note: 'a fresh grassroots-staff invite per caller; staff already hold a role',
    async event(ctx) {
      const created = (await ctx.call('admin', 'admin', { action: 'createInvite', role: 'grassroots_staff', orgId: 'org-xingwang' })) as Envelope<CreatedInvite>
      if (!created.ok) throw new Error(`createInvite failed: ${created.error.code}`)
      return { action: 'redeemInvite', code: created.data.code }
    },
    allowed: WORKERS,
    // a worker who redeemed is staff now: make them the seeded worker again for the next cells
    after(ctx, caller) {
      const openid = CALLERS[caller]
      if (openid && WORKERS.includes(caller)) ctx.rt.emulator.db.update('users', { openid }, { $set: { role: 'worker', orgId: null, inviteGuard: null } })
    },
  },
  {
    fn: 'session',
    action: 'me',
    event: () => ({ action: 'me' }),
    allowed: ['workerA', 'workerB', 'grassrootsX', 'grassrootsY', 'federation', 'admin'],
  },
]
