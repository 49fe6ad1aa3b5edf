/**
 * Geo through the real wx-server-sdk: the $geoNear aggregation stage, the geoNear / geoWithin /
 * geoIntersects query commands, and the 2dsphere index requirement. Fixtures sit around 广丰
 * (lng 118.19, lat 28.44).
 */
import { rejection, startHarness, type Harness, type WxDatabase } from './harness'


let h: Harness
let db: WxDatabase

const CENTER: [number, number] = [118.19, 28.44]
const STATIONS = [
  { _id: 's3', name: '三号驿站', open: true, location: { type: 'Point', coordinates: [118.25, 28.5] } },
  { _id: 's1', name: '一号驿站', open: true, location: { type: 'Point', coordinates: [118.191, 28.441] } },
  { _id: 's4', name: '远处驿站', open: true, location: { type: 'Point', coordinates: [116.0, 28.0] } },
  { _id: 's2', name: '二号驿站', open: false, location: { type: 'Point', coordinates: [118.2, 28.44] } },
]

/** Independent great-circle distance (MongoDB's earth radius) to check the emulator against. */
function metres(a: [number, number], b: number[]): number {
  const r = (d: number): number => (d * Math.PI) / 180
  const h1 = Math.sin(r(b[1] - a[1]) / 2) ** 2 + Math.cos(r(a[1])) * Math.cos(r(b[1])) * Math.sin(r(b[0] - a[0]) / 2) ** 2
  return 2 * 6378100 * Math.asin(Math.sqrt(h1))
}

const expected = Object.fromEntries(STATIONS.map(s => [s._id, metres(CENTER, s.location.coordinates)]))

beforeAll(async () => {
  h = await startHarness('geo')
  db = h.db
  h.emu.db.insert('stations', STATIONS)
  h.emu.db.insert('noGeo', [
    { _id: 'area', area: { type: 'Polygon', coordinates: [[[118.18, 28.43], [118.2, 28.43], [118.2, 28.45], [118.18, 28.45], [118.18, 28.43]]] } },
    { _id: 'elsewhere', area: { type: 'Polygon', coordinates: [[[117, 27], [117.1, 27], [117.1, 27.1], [117, 27]]] } },
    { _id: 'p', location: { type: 'Point', coordinates: CENTER } },
  ])
})

afterAll(async () => {
  await h.stop()
})

test('the fixtures are where the test thinks they are', () => {
  expect(expected.s1).toBeGreaterThan(100)
  expect(expected.s1).toBeLessThan(200)
  expect(expected.s2).toBeGreaterThan(900)
  expect(expected.s2).toBeLessThan(1100)
  expect(expected.s3).toBeGreaterThan(8000)
  expect(expected.s4).toBeGreaterThan(200_000)
})

test('$geoNear orders by distance and writes the distance in metres', async () => {
  const res = await db
    .collection('stations')
    .aggregate()
    .geoNear({ near: db.Geo.Point(...CENTER), spherical: true, distanceField: 'distance', maxDistance: 10_000 })
    .end()
  const list = res.list
  expect(list.map(d => d._id)).toEqual(['s1', 's2', 's3'])
  for (const d of list) expect(d.distance as number).toBeCloseTo(expected[d._id as string], 3)
})

test('$geoNear with query, minDistance, key, includeLocs, distanceMultiplier and later stages', async () => {
  const res = await db
    .collection('stations')
    .aggregate()
    .geoNear({
      near: db.Geo.Point(...CENTER),
      spherical: true,
      distanceField: 'dist.km',
      distanceMultiplier: 0.001,
      minDistance: 500,
      query: { open: true },
      key: 'location',
      includeLocs: 'at',
    })
    .project({ name: 1, dist: 1, at: 1 })
    .limit(2)
    .end()
  const list = res.list as Array<{ _id: string; dist: { km: number }; at: unknown }>
  expect(list.map(d => d._id)).toEqual(['s3', 's4'])
  expect(list[0].dist.km).toBeCloseTo(expected.s3 / 1000, 6)
  // aggregate() results are not converted to Geo objects by the SDK
  expect(list[0].at).toEqual({ type: 'Point', coordinates: [118.25, 28.5] })
})

test('$geoNear needs a 2dsphere index and must be the first stage', async () => {
  const noIndex = await rejection(db.collection('noGeo').aggregate().geoNear({ near: db.Geo.Point(...CENTER), spherical: true, distanceField: 'd' }).end())
  expect(noIndex.message).toMatch(/2dsphere index/)
  const wrongKey = await rejection(
    db.collection('stations').aggregate().geoNear({ near: db.Geo.Point(...CENTER), spherical: true, distanceField: 'd', key: 'other' }).end(),
  )
  expect(wrongKey.message).toMatch(/2dsphere index on 'other'/)
  const notFirst = await rejection(
    db.collection('stations').aggregate().match({ open: true }).geoNear({ near: db.Geo.Point(...CENTER), spherical: true, distanceField: 'd' }).end(),
  )
  expect(notFirst.message).toMatch(/first stage/)
})

test('where geoNear: nearest first, within max/min distance', async () => {
  const _ = db.command
  const near = await db
    .collection('stations')
    .where({ location: _.geoNear({ geometry: db.Geo.Point(...CENTER), maxDistance: 2000 }) })
    .get()
  const docs = near.data as Array<{ _id: string; location: { longitude: number; latitude: number } }>
  expect(docs.map(d => d._id)).toEqual(['s1', 's2'])
  // points come back as Geo.Point objects
  expect(docs[0].location).toMatchObject({ longitude: 118.191, latitude: 28.441 })
  const ring = await db
    .collection('stations')
    .where({ location: _.geoNear({ geometry: db.Geo.Point(...CENTER), minDistance: 500, maxDistance: 100_000 }), open: true })
    .get()
  expect(ring.data.map(d => d._id)).toEqual(['s3'])
  const noIndex = await rejection(db.collection('noGeo').where({ location: _.geoNear({ geometry: db.Geo.Point(...CENTER) }) }).get())
  expect(noIndex.message).toMatch(/2dsphere index on 'location'/)
})

test('a db.Geo.Point written through the SDK is stored as GeoJSON and found by geoNear', async () => {
  await db.collection('stations').add({ data: { _id: 'sdk', name: '新驿站', open: true, location: db.Geo.Point(118.1905, 28.4402) } })
  expect(h.emu.db.findOne('stations', { _id: 'sdk' })?.location).toEqual({ type: 'Point', coordinates: [118.1905, 28.4402] })
  const res = await db
    .collection('stations')
    .where({ location: db.command.geoNear({ geometry: db.Geo.Point(...CENTER), maxDistance: 300 }) })
    .get()
  expect(res.data.map(d => d._id)).toEqual(['sdk', 's1'])
  h.emu.db.remove('stations', { _id: 'sdk' })
})

test('geoWithin: polygon and centerSphere', async () => {
  const _ = db.command
  const P = (lng: number, lat: number): ReturnType<typeof db.Geo.Point> => db.Geo.Point(lng, lat)
  const box = db.Geo.Polygon([db.Geo.LineString([P(118.18, 28.43), P(118.21, 28.43), P(118.21, 28.45), P(118.18, 28.45), P(118.18, 28.43)])])
  const inBox = await db.collection('stations').where({ location: _.geoWithin({ geometry: box }) }).get()
  expect(inBox.data.map(d => d._id).sort()).toEqual(['s1', 's2'])

  const circle = await db
    .collection('stations')
    .where({ location: _.geoWithin({ centerSphere: [P(...CENTER), 500 / 6378100] }) })
    .get()
  expect(circle.data.map(d => d._id)).toEqual(['s1'])
  const bigger = await db
    .collection('stations')
    .where({ location: _.geoWithin({ centerSphere: [CENTER, 20_000 / 6378100] }) })
    .count()
  expect(bigger.total).toBe(3)
})

test('geoIntersects: points in a polygon, a line through polygons', async () => {
  const _ = db.command
  const P = (lng: number, lat: number): ReturnType<typeof db.Geo.Point> => db.Geo.Point(lng, lat)
  const box = db.Geo.Polygon([db.Geo.LineString([P(118.18, 28.43), P(118.21, 28.43), P(118.21, 28.45), P(118.18, 28.45), P(118.18, 28.43)])])
  const points = await db.collection('stations').where({ location: _.geoIntersects({ geometry: box }) }).get()
  expect(points.data.map(d => d._id).sort()).toEqual(['s1', 's2'])

  const road = db.Geo.LineString([P(118.0, 28.44), P(118.3, 28.44)])
  const crossed = await db.collection('noGeo').where({ area: _.geoIntersects({ geometry: road }) }).get()
  expect(crossed.data.map(d => d._id)).toEqual(['area'])
  const inside = await db.collection('noGeo').where({ area: _.geoIntersects({ geometry: P(118.19, 28.44) }) }).get()
  expect(inside.data.map(d => d._id)).toEqual(['area'])
})
