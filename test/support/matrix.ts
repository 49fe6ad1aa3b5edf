/**
 * The authorization matrix (TRUST.md): every action × seven callers. Each area adds its rows in
 * `test/functions/<area>.matrix.ts` (exporting `rows: MatrixRow[]`); `test/functions/authorization.test.ts`
 * runs them all against the real functions on the emulator.
 */
import type { TestRuntime } from './runtime'

export const CALLERS = {
  anonymous: null,
  workerA: 'o-demo-laoli',
  workerB: 'o-demo-xiaowang',
  grassrootsX: 'o-demo-zhang', // staff of org-fengda
  grassrootsY: 'o-demo-wang', // staff of org-school
  federation: 'o-demo-liu', // staff of org-fed (the whole county)
  admin: 'o-demo-zhao',
} as const

export type CallerKey = keyof typeof CALLERS

export const ALL_CALLERS = Object.keys(CALLERS) as CallerKey[]

export interface MatrixContext {
  rt: TestRuntime
  /** Calls a function as a caller (for setting up records the row's event refers to). */
  call(caller: CallerKey, fn: string, event: Record<string, unknown>): Promise<unknown>
}

export interface MatrixRow {
  fn: string
  action: string
  /** What the cell is about, e.g. "workerA's own file". */
  note?: string
  /** Runs before each caller's attempt; returns the event that caller sends (targets are usually workerA's or org X's records). */
  event(ctx: MatrixContext, caller: CallerKey): Promise<Record<string, unknown>> | Record<string, unknown>
  /** Callers that must get `ok: true`; every other caller must be refused (AUTH.* or a not-found that reveals nothing). */
  allowed: readonly CallerKey[]
  /** Undo what an allowed call changed for the next caller (e.g. a worker who became staff). */
  after?(ctx: MatrixContext, caller: CallerKey): Promise<void> | void
}
