import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Manifest } from '../../emulator/index'

const manifest = JSON.parse(readFileSync(join(__dirname, '../../cloudfunctions/database.manifest.json'), 'utf8')) as Manifest

// TRUST.md: personal data, roles, audit and money are server-only; only public station data may be client-readable.
const CLIENT_READABLE = new Set(['stations'])

test('every collection is server-only (ADMINONLY) except the public station list (READONLY)', () => {
  for (const [name, c] of Object.entries(manifest.collections)) {
    expect({ name, permission: c.permission }).toEqual({ name, permission: CLIENT_READABLE.has(name) ? 'READONLY' : 'ADMINONLY' })
  }
})

test('every collection says what it holds, and index names are unique per collection', () => {
  for (const [name, c] of Object.entries(manifest.collections)) {
    expect({ name, described: (c.description ?? '').length > 10 }).toEqual({ name, described: true })
    const names = (c.indexes ?? []).map((i) => i.name)
    expect(new Set(names).size).toBe(names.length)
  }
})

test('the records that must be unique per person have unique indexes', () => {
  const unique = (coll: string, field: string) => (manifest.collections[coll].indexes ?? []).some((i) => i.unique && Object.keys(i.keys).includes(field))
  expect(unique('users', 'openid')).toBe(true)
  expect(unique('identities', 'ownerOpenid')).toBe(true)
  expect(unique('staffInvites', 'codeHash')).toBe(true)
  expect((manifest.collections.stations.indexes ?? []).some((i) => Object.values(i.keys).includes('2dsphere'))).toBe(true)
})
