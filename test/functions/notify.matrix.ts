/** Authorization matrix rows of the `notify` function (subscribe messages). */
import type { MatrixRow } from '../support/matrix'

const SIGNED_IN = ['workerA', 'workerB', 'grassrootsX', 'grassrootsY', 'federation', 'admin'] as const

export const rows: MatrixRow[] = [
  { fn: 'notify', action: 'subscribe', note: "the caller's own answers", event: () => ({ action: 'subscribe', results: { decided: 'reject' } }), allowed: SIGNED_IN },
  { fn: 'notify', action: 'mySubscriptions', note: "the caller's own credits", event: () => ({ action: 'mySubscriptions' }), allowed: SIGNED_IN },
]
