import fc from 'fast-check'
import { defineMachine, reachableStates, type Actor } from '../../src/domain/requests/state-machine'

type S = 'submitted' | 'under_review' | 'needs_info' | 'approved' | 'rejected' | 'withdrawn'
type A = 'start' | 'ask' | 'resubmit' | 'approve' | 'reject' | 'withdraw'

const m = defineMachine<S, A>({
  name: 'sample',
  initial: 'submitted',
  finals: ['approved', 'rejected', 'withdrawn'],
  transitions: [
    { action: 'start', from: ['submitted'], to: 'under_review', by: ['grassroots'] },
    { action: 'ask', from: ['submitted', 'under_review'], to: 'needs_info', by: ['grassroots'], reason: 'required' },
    { action: 'resubmit', from: ['needs_info'], to: 'under_review', by: ['owner'] },
    { action: 'approve', from: ['submitted', 'under_review'], to: 'approved', by: ['grassroots', 'federation'] },
    { action: 'reject', from: ['submitted', 'under_review'], to: 'rejected', by: ['grassroots', 'federation'], reason: 'required' },
    { action: 'withdraw', from: ['submitted', 'under_review', 'needs_info'], to: 'withdrawn', by: ['owner'] },
  ],
})

test('legal steps lead where declared; reasons flagged', () => {
  expect(m.step('submitted', 'approve', 'grassroots')).toEqual({ ok: true, to: 'approved', reasonRequired: false })
  expect(m.step('under_review', 'reject', 'federation')).toEqual({ ok: true, to: 'rejected', reasonRequired: true })
  expect(m.step('needs_info', 'resubmit', 'owner')).toEqual({ ok: true, to: 'under_review', reasonRequired: false })
})

test('final states refuse everything as already decided; wrong actor is forbidden; unknown step illegal', () => {
  expect(m.step('approved', 'reject', 'grassroots')).toEqual({ ok: false, code: 'REQUEST.ALREADY_DECIDED' })
  expect(m.step('submitted', 'approve', 'owner')).toEqual({ ok: false, code: 'AUTH.FORBIDDEN' })
  expect(m.step('needs_info', 'approve', 'grassroots')).toEqual({ ok: false, code: 'REQUEST.ILLEGAL_TRANSITION' })
})

test('available lists what each actor can do now', () => {
  expect(m.available('needs_info', 'owner').sort()).toEqual(['resubmit', 'withdraw'])
  expect(m.available('approved', 'grassroots')).toEqual([])
})

test('every state is reachable and a machine leaving a final state is refused', () => {
  expect([...reachableStates(m)].sort()).toEqual(['approved', 'needs_info', 'rejected', 'submitted', 'under_review', 'withdrawn'])
  expect(() => defineMachine({ name: 'bad', initial: 'a', finals: ['b'], transitions: [{ action: 'x', from: ['b'], to: 'a', by: ['owner'] }] })).toThrow(/final/)
})

test('random walks never leave the declared states and stop at a final state', () => {
  const actors: Actor[] = ['owner', 'grassroots', 'federation', 'system']
  const actions: A[] = ['start', 'ask', 'resubmit', 'approve', 'reject', 'withdraw']
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom(...actions), fc.constantFrom(...actors)), { maxLength: 30 }), (walk) => {
      let state: S = m.initial
      for (const [action, actor] of walk) {
        const r = m.step(state, action, actor)
        if (r.ok) {
          expect(m.finals.includes(state)).toBe(false)
          state = r.to
        }
      }
      return reachableStates(m).has(state)
    }),
  )
})
