import { generateStations, prng, randomQueryPoint } from '../../scripts/gen-stations'
import { stationInput } from '../../src/domain/stations/station.schema'
import { findPersonalNumbers } from '../../src/domain/privacy/redact'

test('the same seed gives the same stations; another seed others', () => {
  expect(generateStations({ count: 50, seed: 7 })).toEqual(generateStations({ count: 50, seed: 7 }))
  expect(generateStations({ count: 50, seed: 8 })[0].location).not.toEqual(generateStations({ count: 50, seed: 7 })[0].location)
})

test('generated stations are valid station data with unique ids and natural keys, longitude first', () => {
  const list = generateStations({ count: 3000, seed: 42 })
  expect(new Set(list.map((s) => s._id)).size).toBe(list.length)
  expect(new Set(list.map((s) => s.naturalKey)).size).toBe(list.length)
  for (const s of list) {
    const [lng, lat] = s.location.coordinates
    expect(lng).toBeGreaterThan(73)
    expect(lat).toBeLessThan(54)
    const r = stationInput.safeParse({ ...s, location: { lng, lat }, intro: undefined })
    if (!r.success) throw new Error(`${s._id}: ${JSON.stringify(r.error.issues)}`)
    expect(findPersonalNumbers(JSON.stringify({ id: s._id, phone: s.manager.phone }))).toEqual([])
  }
})

test('query points are reproducible', () => {
  const a = prng(1)
  const b = prng(1)
  expect([randomQueryPoint(a), randomQueryPoint(a)]).toEqual([randomQueryPoint(b), randomQueryPoint(b)])
})
