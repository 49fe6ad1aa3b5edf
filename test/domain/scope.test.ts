import { canReachOrg, staffActor, type Scope } from '../../src/domain/auth/scope'

const fed = { id: 'fed', path: [] }
const factory = { id: 'factory', path: ['fed'] }
const school = { id: 'school', path: ['fed'] }
const workshop = { id: 'workshop', path: ['fed', 'factory'] }
const otherCounty = { id: 'other', path: [] }

const cases: Array<[string, Scope, Record<string, boolean>]> = [
  ['worker', { role: 'worker', orgId: null }, { fed: false, factory: false, school: false, workshop: false, other: false }],
  ['grassroots of factory', { role: 'grassroots_staff', orgId: 'factory' }, { fed: false, factory: true, school: false, workshop: false, other: false }],
  ['grassroots without org', { role: 'grassroots_staff', orgId: null }, { fed: false, factory: false, school: false, workshop: false, other: false }],
  ['federation staff', { role: 'federation_staff', orgId: 'fed' }, { fed: true, factory: true, school: true, workshop: true, other: false }],
  ['admin', { role: 'admin', orgId: null }, { fed: true, factory: true, school: true, workshop: true, other: true }],
]

test.each(cases)('%s reaches exactly the expected orgs', (_name, scope, expected) => {
  const got = Object.fromEntries([fed, factory, school, workshop, otherCounty].map((o) => [o.id, canReachOrg(scope, o)]))
  expect(got).toEqual(expected)
})

test('staff actor per role', () => {
  expect(staffActor({ role: 'grassroots_staff', orgId: 'x' })).toBe('grassroots')
  expect(staffActor({ role: 'federation_staff', orgId: 'x' })).toBe('federation')
  expect(staffActor({ role: 'worker', orgId: null })).toBeNull()
})
