import type { MatrixRow } from '../support/matrix'
import { newIdempotencyKey } from '../../src/domain/requests/idempotency'

/** Submits a fresh request of workerA held by org X (org-fengda). */
async function requestOfWorkerA(ctx: Parameters<MatrixRow['event']>[0]): Promise<string> {
  const r = (await ctx.call('workerA', 'probe', { action: 'submit', key: newIdempotencyKey(), text: '矩阵', orgId: 'org-fengda' })) as { ok: boolean; data: { id: string } }
  if (!r.ok) throw new Error('setup failed')
  return r.data.id
}

export const rows: MatrixRow[] = [
  {
    fn: 'probe',
    action: 'submit',
    note: 'any signed-in person submits their own request',
    event: () => ({ action: 'submit', key: newIdempotencyKey(), text: '矩阵', orgId: 'org-fengda' }),
    allowed: ['workerA', 'workerB', 'grassrootsX', 'grassrootsY', 'federation', 'admin'],
  },
  {
    fn: 'probe',
    action: 'get',
    note: "workerA's request held by org X",
    event: async (ctx) => ({ action: 'get', id: await requestOfWorkerA(ctx) }),
    allowed: ['workerA', 'grassrootsX', 'federation', 'admin'],
  },
  {
    fn: 'probe',
    action: 'decide',
    note: "approve workerA's request held by org X",
    event: async (ctx) => ({ action: 'decide', id: await requestOfWorkerA(ctx), decision: 'approve' }),
    allowed: ['grassrootsX', 'federation', 'admin'],
  },
  {
    fn: 'probe',
    action: 'redispatch',
    event: async (ctx) => ({ action: 'redispatch', id: await requestOfWorkerA(ctx) }),
    allowed: ['admin'],
  },
]
