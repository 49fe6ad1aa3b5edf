// Benchmark of the station list at scale (not a test: it prints figures).
//
//   node scripts/bench-stations.mjs [--stations 100000] [--points 200] [--scan-points 5] [--radius 5000]
//
// Starts the local runtime in-process on a temporary data dir, bulk-inserts generated stations
// (scripts/gen-stations.ts, seeded PRNG) through the emulator's in-process database, then measures:
//   1. `nearby` (nearest 20) through the real cloud function (worker thread + wx-server-sdk + emulator),
//   2. the two ways to ask the database for it through wx-server-sdk: the `_.geoNear` query operator
//      (what the function uses — it measured faster) and the $geoNear aggregation stage,
//   3. the same nearest-20 by a full scan: every station's location paged through the SDK, sorted here,
//   4. `districts` (per-district counters) and `inDistrict`.
import { build } from 'esbuild'
import { mkdirSync, mkdtempSync, rmSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { buildFunctions } from './build-functions.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}
const STATIONS = arg('stations', 100_000)
const POINTS = arg('points', 200)
const SCAN_POINTS = arg('scan-points', 5)
const RADIUS = arg('radius', 5000)

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
function summary(ms) {
  const s = [...ms].sort((a, b) => a - b)
  return { n: s.length, p50: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1], mean: s.reduce((a, b) => a + b, 0) / s.length }
}
const fmt = (x) => `${x.toFixed(1)} ms`
const line = (label, s) => console.log(`  ${label.padEnd(44)} p50 ${fmt(s.p50).padStart(10)}   p95 ${fmt(s.p95).padStart(10)}   max ${fmt(s.max).padStart(10)}   (n=${s.n})`)

async function timed(fn) {
  const t = process.hrtime.bigint()
  const out = await fn()
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, out }
}

// The runtime and the generator are TypeScript: bundle them once for this process (inside
// node_modules/.cache so the bundle's external packages resolve from the project).
mkdirSync(join(root, 'node_modules/.cache'), { recursive: true })
const bundleDir = mkdtempSync(join(root, 'node_modules/.cache/bench-stations-'))
const bundle = join(bundleDir, 'bench-lib.cjs')
await build({
  stdin: {
    contents:
      "export { startRuntime } from './emulator/runtime/server'; export { districtCounterDocs } from './emulator/runtime/seed'; export { generateStations, randomQueryPoint, prng } from './scripts/gen-stations'",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  outfile: bundle,
  logLevel: 'warning',
})
const dataDir = mkdtempSync(join(tmpdir(), 'bench-stations-data-'))
let rt = null
try {
  const { startRuntime, districtCounterDocs, generateStations, randomQueryPoint, prng } = require(bundle)
  console.log('building cloud functions…')
  await buildFunctions({ quiet: true })
  const manifest = JSON.parse(readFileSync(join(root, 'cloudfunctions/database.manifest.json'), 'utf8'))
  rt = await startRuntime({ port: 0, dataDir, manifest, functionsDir: join(root, 'build/cloudfunctions'), seed: true })

  console.log(`generating and inserting ${STATIONS.toLocaleString()} stations…`)
  let t = Date.now()
  const stations = generateStations({ count: STATIONS, seed: 42 })
  for (let i = 0; i < stations.length; i += 5000) rt.emulator.db.insert('stations', stations.slice(i, i + 5000))
  // the district counters the function keeps in its own writes
  for (const doc of districtCounterDocs(stations.map((s) => s.district), new Date())) {
    rt.emulator.db.update('stationDistricts', { _id: doc._id }, { $set: { name: doc.name, updatedAt: doc.updatedAt }, $inc: { count: doc.count } }, { upsert: true })
  }
  console.log(`  inserted in ${((Date.now() - t) / 1000).toFixed(1)} s; stations now ${rt.emulator.db.count('stations', {}).toLocaleString()}`)

  const rand = prng(2026)
  const points = Array.from({ length: POINTS }, () => randomQueryPoint(rand))

  // wx-server-sdk in this process, pointed at the runtime's admin API
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${rt.url}/admin` }),
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    SCF_NAMESPACE: 'local-env',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SILENCE: 'true',
  })
  const cloud = require('wx-server-sdk')
  cloud.init({ env: 'local-env' })
  const db = cloud.database()
  const _ = db.command
  const FIELDS = { name: true, address: true, district: true, location: true, hours: true, closures: true, amenities: true, capacity: true, stars: true, status: true, ratingSum: true, ratingCount: true }

  const viaAggregate = (p) =>
    db.collection('stations').aggregate().geoNear({ near: db.Geo.Point(p.lng, p.lat), distanceField: 'dist', spherical: true, maxDistance: RADIUS, query: {}, key: 'location' }).limit(20).project({ ...FIELDS, dist: true }).end()
  const viaQuery = (p) => db.collection('stations').where({ location: _.geoNear({ geometry: db.Geo.Point(p.lng, p.lat), maxDistance: RADIUS }) }).limit(20).field(FIELDS).get()
  async function viaFullScan(p) {
    const rad = (d) => (d * Math.PI) / 180
    const dist = (a, b) => {
      const h = Math.sin(rad(b[1] - a[1]) / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(rad(b[0] - a[0]) / 2) ** 2
      return 2 * 6378100 * Math.asin(Math.min(1, Math.sqrt(h)))
    }
    const hits = []
    for (let offset = 0; ; offset += 1000) {
      const { data } = await db.collection('stations').where({}).orderBy('_id', 'asc').skip(offset).limit(1000).field({ location: true }).get()
      for (const d of data) {
        const c = d.location.coordinates ?? [d.location.longitude, d.location.latitude]
        const m = dist([p.lng, p.lat], c)
        if (m <= RADIUS) hits.push({ id: d._id, m })
      }
      if (data.length < 1000) break
    }
    return hits.sort((a, b) => a.m - b.m).slice(0, 20)
  }

  console.log('warming up…')
  for (const p of points.slice(0, 10)) {
    await rt.invokeAs(null, 'stations', { action: 'nearby', location: p, radiusM: RADIUS, pageSize: 20 })
    await viaAggregate(p)
    await viaQuery(p)
  }

  console.log(`\nnearest 20 within ${RADIUS} m over ${STATIONS.toLocaleString()} stations, ${POINTS} random points near city centres`)
  const fn = []
  let returned = 0
  let checked = 0
  for (const p of points) {
    const { ms, out } = await timed(() => rt.invokeAs(null, 'stations', { action: 'nearby', location: p, radiusM: RADIUS, pageSize: 20 }))
    if (!out.ok) throw new Error(JSON.stringify(out))
    fn.push(ms)
    returned += out.data.items.length
    // the function's order is the true order
    const d = out.data.items.map((s) => s.distanceM)
    if (d.some((x, i) => i && x < d[i - 1])) throw new Error('nearby is not nearest first')
    checked++
  }
  const fnS = summary(fn)
  line('cloud function `nearby` (end to end)', fnS)
  console.log(`  ${''.padEnd(44)} ${(returned / checked).toFixed(1)} stations per reply on average`)

  const agg = []
  const qry = []
  for (const p of points) {
    agg.push((await timed(() => viaAggregate(p))).ms)
    qry.push((await timed(() => viaQuery(p))).ms)
  }
  const aggS = summary(agg)
  const qryS = summary(qry)
  line('SDK: $geoNear aggregation stage', aggS)
  line('SDK: _.geoNear query operator', qryS)

  // the same answers from both ways
  for (const p of points.slice(0, 20)) {
    const a = (await viaAggregate(p)).list.map((d) => d._id)
    const q = (await viaQuery(p)).data.map((d) => d._id)
    if (a.join() !== q.join()) console.log('  note: aggregation and query orders differ at', p, '(ties in distance)')
  }

  const scan = []
  let agreed = 0
  for (const p of points.slice(0, SCAN_POINTS)) {
    const { ms, out } = await timed(() => viaFullScan(p))
    scan.push(ms)
    const a = (await viaAggregate(p)).list.map((d) => d._id)
    if (a.join() === out.map((h) => h.id).join()) agreed++
  }
  const scanS = summary(scan)
  line('SDK: full scan (page all, sort in the function)', scanS)
  console.log(`  ${''.padEnd(44)} same 20 as $geoNear at ${agreed}/${SCAN_POINTS} points`)

  const local = []
  for (let i = 0; i < 20; i++) local.push((await timed(async () => rt.emulator.db.find('stations', {}, { projection: { location: 1 } }).length)).ms)
  line('emulator in-process: read every station once', summary(local))

  const districts = []
  const inDistrict = []
  for (let i = 0; i < 20; i++) {
    districts.push((await timed(() => rt.invokeAs(null, 'stations', { action: 'districts' }))).ms)
    inDistrict.push((await timed(() => rt.invokeAs(null, 'stations', { action: 'inDistrict', district: '永丰街道', pageSize: 20 }))).ms)
  }
  line('cloud function `districts` (counters)', summary(districts))
  line('cloud function `inDistrict`', summary(inDistrict))

  const open = []
  for (const p of points.slice(0, 50)) open.push((await timed(() => rt.invokeAs(null, 'stations', { action: 'nearby', location: p, radiusM: RADIUS, pageSize: 20, openNow: true }))).ms)
  line('cloud function `nearby` with openNow', summary(open))

  console.log('\nratios (p50)')
  console.log(`  full scan / _.geoNear query (the function's way):  ${(scanS.p50 / qryS.p50).toFixed(1)}×`)
  console.log(`  full scan / cloud function end to end:  ${(scanS.p50 / fnS.p50).toFixed(1)}×`)
  console.log(`  $geoNear aggregation / _.geoNear query:  ${(aggS.p50 / qryS.p50).toFixed(2)}×`)
} finally {
  await rt?.stop()
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(bundleDir, { recursive: true, force: true })
}
