/** Authorization matrix rows of the `myRequests` function (我的办理). */
import type { MatrixContext, MatrixRow } from '../support/matrix'
import { newIdempotencyKey } from '../../src/domain/requests/idempotency'
import { demoId } from '../../emulator/runtime/seed'

const SIGNED_IN = ['workerA', 'workerB', 'grassrootsX', 'grassrootsY', 'federation', 'admin'] as const

/** A 报修 of workerA at a seeded station (made once, read by every caller of the row). */
let reportOfA: Promise<string> | null = null
const ownReport = (ctx: MatrixContext): Promise<string> =>
  (reportOfA ??= (async () => {
    const r = (await ctx.call('workerA', 'stations', { action: 'report', key: newIdempotencyKey(), stationId: demoId('station-baihe'), problem: 'toilet' })) as { ok: boolean; data?: { id: string } }
    if (!r.ok || !r.data) throw new Error(`setup failed: ${JSON.stringify(r)}`)
    return r.data.id
  })())

export const rows: MatrixRow[] = [
  { fn: 'myRequests', action: 'list', note: "each caller's own requests", event: () => ({ action: 'list' }), allowed: SIGNED_IN },
  {
    fn: 'myRequests',
    action: 'timeline',
    note: "workerA's own 报修: anyone else (staff too) is refused and audited",
    event: async (ctx) => ({ action: 'timeline', type: 'stationReport', id: await ownReport(ctx) }),
    allowed: ['workerA'],
  },
]
