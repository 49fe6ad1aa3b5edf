/**
 * Request state machines (RULES.md §5): only listed transitions are legal, each names who may take it
 * and whether a coded reason is required. Pure data + lookups; the server applies a transition with
 * compare-and-set on (state, version) so of two concurrent decisions exactly one wins.
 */
export type Actor = 'owner' | 'grassroots' | 'federation' | 'system'

export interface TransitionDef<S extends string, A extends string> {
  action: A
  from: readonly S[]
  to: S
  by: readonly Actor[]
  reason?: 'required' | 'optional'
}

export type TransitionResult<S extends string> =
  | { ok: true; to: S; reasonRequired: boolean }
  | { ok: false; code: 'REQUEST.ALREADY_DECIDED' | 'REQUEST.ILLEGAL_TRANSITION' | 'AUTH.FORBIDDEN' }

export interface StateMachine<S extends string, A extends string> {
  name: string
  initial: S
  finals: readonly S[]
  transitions: readonly TransitionDef<S, A>[]
  /** Whether `actor` may take `action` from `state`, and where it leads. */
  step(state: S, action: A, actor: Actor): TransitionResult<S>
  /** Actions this actor can take now (for buttons and "what to do next"). */
  available(state: S, actor: Actor): A[]
}

export function defineMachine<S extends string, A extends string>(def: {
  name: string
  initial: S
  finals: readonly S[]
  transitions: readonly TransitionDef<S, A>[]
}): StateMachine<S, A> {
  for (const t of def.transitions) {
    if (t.from.some((s) => def.finals.includes(s))) throw new Error(`${def.name}: ${t.action} leaves a final state`)
  }
  return {
    ...def,
    step(state, action, actor) {
      if (def.finals.includes(state)) return { ok: false, code: 'REQUEST.ALREADY_DECIDED' }
      const candidates = def.transitions.filter((t) => t.action === action && t.from.includes(state))
      if (candidates.length === 0) return { ok: false, code: 'REQUEST.ILLEGAL_TRANSITION' }
      const t = candidates.find((c) => c.by.includes(actor))
      if (!t) return { ok: false, code: 'AUTH.FORBIDDEN' }
      return { ok: true, to: t.to, reasonRequired: t.reason === 'required' }
    },
    available(state, actor) {
      return def.transitions.filter((t) => t.from.includes(state) && t.by.includes(actor)).map((t) => t.action)
    },
  }
}

/** States reachable from the initial one; every declared state should be. */
export function reachableStates<S extends string, A extends string>(m: StateMachine<S, A>): Set<S> {
  const seen = new Set<S>([m.initial])
  const queue: S[] = [m.initial]
  while (queue.length) {
    const s = queue.shift() as S
    for (const t of m.transitions) {
      if (t.from.includes(s) && !seen.has(t.to)) {
        seen.add(t.to)
        queue.push(t.to)
      }
    }
  }
  return seen
}
