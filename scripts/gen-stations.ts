/**
 * Deterministic station generator for scale tests: `count` stations spread like the real network
 * (the ACFTU counts 100 000+ outdoor-worker stations nationwide) — around 40 city centres weighted
 * by size, with 广丰 among them — in the exact shape the `stations` function stores.
 *
 * Library: `generateStations({ count, seed })` (used by scripts/bench-stations.mjs and tests).
 * CLI:     npx esbuild scripts/gen-stations.ts --bundle --platform=node --outfile=/tmp/gen-stations.js \
 *            && node /tmp/gen-stations.js --count 100000 --seed 42 > stations.jsonl
 *          (one JSON document per line; `location` is GeoJSON, longitude first; dates as ISO strings)
 */
import { createHash } from 'node:crypto'
import { naturalKey } from '../src/domain/stations/station.rules'
import { AMENITY_CODES, type AmenityCode } from '../src/domain/stations/station.schema'
import type { WeeklyHours } from '../src/domain/stations/hours'
import { prng } from '../emulator/runtime/prng'

export { prng }

/** City centres (GCJ-02) and a weight ~ how many stations they get. */
export const CITIES: Array<{ name: string; lng: number; lat: number; weight: number; spread: number }> = [
  { name: '广丰区', lng: 118.1912, lat: 28.4398, weight: 3, spread: 0.08 },
  { name: '上饶市信州区', lng: 117.9434, lat: 28.4546, weight: 3, spread: 0.08 },
  { name: '南昌市', lng: 115.8581, lat: 28.6832, weight: 6, spread: 0.15 },
  { name: '上海市', lng: 121.4737, lat: 31.2304, weight: 10, spread: 0.25 },
  { name: '杭州市', lng: 120.1551, lat: 30.2741, weight: 7, spread: 0.2 },
  { name: '宁波市', lng: 121.5503, lat: 29.8746, weight: 4, spread: 0.15 },
  { name: '温州市', lng: 120.6994, lat: 27.9938, weight: 3, spread: 0.12 },
  { name: '金华市', lng: 119.6474, lat: 29.0791, weight: 3, spread: 0.12 },
  { name: '衢州市', lng: 118.8595, lat: 28.9701, weight: 2, spread: 0.1 },
  { name: '福州市', lng: 119.2965, lat: 26.0745, weight: 4, spread: 0.15 },
  { name: '厦门市', lng: 118.0894, lat: 24.4798, weight: 3, spread: 0.1 },
  { name: '南京市', lng: 118.7969, lat: 32.0603, weight: 6, spread: 0.18 },
  { name: '苏州市', lng: 120.5853, lat: 31.2989, weight: 6, spread: 0.18 },
  { name: '合肥市', lng: 117.2272, lat: 31.8206, weight: 4, spread: 0.15 },
  { name: '武汉市', lng: 114.3054, lat: 30.5931, weight: 7, spread: 0.2 },
  { name: '长沙市', lng: 112.9388, lat: 28.2282, weight: 5, spread: 0.15 },
  { name: '广州市', lng: 113.2644, lat: 23.1291, weight: 9, spread: 0.22 },
  { name: '深圳市', lng: 114.0579, lat: 22.5431, weight: 9, spread: 0.18 },
  { name: '北京市', lng: 116.4074, lat: 39.9042, weight: 10, spread: 0.3 },
  { name: '天津市', lng: 117.2009, lat: 39.0842, weight: 5, spread: 0.18 },
  { name: '济南市', lng: 117.1201, lat: 36.6512, weight: 4, spread: 0.15 },
  { name: '青岛市', lng: 120.3826, lat: 36.0671, weight: 4, spread: 0.15 },
  { name: '郑州市', lng: 113.6254, lat: 34.7466, weight: 5, spread: 0.18 },
  { name: '西安市', lng: 108.9402, lat: 34.3416, weight: 5, spread: 0.18 },
  { name: '成都市', lng: 104.0665, lat: 30.5728, weight: 8, spread: 0.22 },
  { name: '重庆市', lng: 106.5516, lat: 29.563, weight: 8, spread: 0.25 },
  { name: '昆明市', lng: 102.8329, lat: 24.8801, weight: 3, spread: 0.12 },
  { name: '贵阳市', lng: 106.6302, lat: 26.6477, weight: 3, spread: 0.12 },
  { name: '南宁市', lng: 108.3665, lat: 22.817, weight: 3, spread: 0.12 },
  { name: '沈阳市', lng: 123.4315, lat: 41.8057, weight: 4, spread: 0.15 },
  { name: '哈尔滨市', lng: 126.535, lat: 45.8038, weight: 3, spread: 0.15 },
  { name: '长春市', lng: 125.3235, lat: 43.8171, weight: 3, spread: 0.12 },
  { name: '石家庄市', lng: 114.5149, lat: 38.0428, weight: 3, spread: 0.12 },
  { name: '太原市', lng: 112.5489, lat: 37.8706, weight: 3, spread: 0.12 },
  { name: '兰州市', lng: 103.8343, lat: 36.0611, weight: 2, spread: 0.1 },
  { name: '乌鲁木齐市', lng: 87.6168, lat: 43.8256, weight: 2, spread: 0.1 },
  { name: '呼和浩特市', lng: 111.7492, lat: 40.8426, weight: 2, spread: 0.1 },
  { name: '海口市', lng: 110.1999, lat: 20.044, weight: 2, spread: 0.08 },
  { name: '拉萨市', lng: 91.1409, lat: 29.6456, weight: 1, spread: 0.05 },
  { name: '西宁市', lng: 101.7782, lat: 36.6171, weight: 1, spread: 0.06 },
]

const HOURS_PATTERNS: Array<{ weight: number; hours: WeeklyHours }> = [
  { weight: 20, hours: { allDay: true, days: {} } },
  { weight: 40, hours: { allDay: false, days: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ open: '06:00', close: '21:00' }]])) } },
  { weight: 20, hours: { allDay: false, days: Object.fromEntries([1, 2, 3, 4, 5, 6].map((d) => [d, [{ open: '08:00', close: '11:30' }, { open: '13:30', close: '18:00' }]])) } },
  { weight: 15, hours: { allDay: false, days: Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [{ open: '07:00', close: '19:00' }]])) } },
  { weight: 5, hours: { allDay: false, days: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ open: '10:00', close: '02:00' }]])) } },
]

function pick<T extends { weight: number }>(list: readonly T[], r: number): T {
  const total = list.reduce((s, x) => s + x.weight, 0)
  let x = r * total
  for (const item of list) {
    x -= item.weight
    if (x < 0) return item
  }
  return list[list.length - 1]
}

/** Roughly normal (sum of three uniforms), in [-1.5, 1.5]. */
const spreadOf = (rand: () => number) => rand() + rand() + rand() - 1.5

export interface GenOptions {
  count: number
  seed?: number
  /** Host org of every generated station (its path is [hostOrgId] under the root). */
  hostOrgId?: string
  now?: Date
}

export interface GeneratedStation {
  _id: string
  name: string
  address: string
  district: string
  location: { type: 'Point'; coordinates: [number, number] }
  hours: WeeklyHours
  closures: never[]
  amenities: AmenityCode[]
  capacity: number
  stars: number
  hostOrgId: string
  hostOrgPath: string[]
  manager: { name: string; phone: string }
  photos: never[]
  status: 'open' | 'temporarily_closed'
  intro: null
  naturalKey: string
  qrKeyVersion: number
  visitCount: number
  ratingSum: number
  ratingCount: number
  version: number
  createdAt: Date
  updatedAt: Date
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6

export function generateStations(o: GenOptions): GeneratedStation[] {
  const rand = prng(o.seed ?? 42)
  const hostOrgId = o.hostOrgId ?? 'org-fed'
  const now = o.now ?? new Date('2026-11-01T00:00:00Z')
  const out: GeneratedStation[] = []
  const extras = AMENITY_CODES.filter((c) => c !== 'water')
  for (let i = 0; i < o.count; i++) {
    const city = pick(CITIES, rand())
    const lng = round6(city.lng + spreadOf(rand) * city.spread)
    const lat = round6(city.lat + spreadOf(rand) * city.spread * 0.8)
    const amenities: AmenityCode[] = ['water', ...extras.filter(() => rand() < 0.45)]
    const n = i + 1
    const name = `${city.name}第${n}号爱心驿站`
    const address = `${city.name}示范路 ${n} 号`
    out.push({
      // 32 hex like the function's ids; never 11 digits in a row (the log scanner would flag them)
      _id: createHash('md5').update(`gen:${o.seed ?? 42}:${n}`).digest('hex').replace(/\d{10}/g, (d) => `${d.slice(0, 9)}a`),
      name,
      address,
      district: `${city.name}第${(n % 12) + 1}片区`,
      location: { type: 'Point', coordinates: [lng, lat] },
      hours: pick(HOURS_PATTERNS, rand()).hours,
      closures: [],
      amenities,
      capacity: 4 + Math.floor(rand() * 40),
      stars: Math.floor(rand() * 6),
      hostOrgId,
      hostOrgPath: hostOrgId === 'org-fed' ? ['org-fed'] : ['org-fed', hostOrgId],
      manager: { name: '站长', phone: `0793-26${String(10000 + (n % 90000)).padStart(5, '0')}` },
      photos: [],
      status: rand() < 0.03 ? 'temporarily_closed' : 'open',
      intro: null,
      naturalKey: naturalKey(name, address),
      qrKeyVersion: 1,
      visitCount: 0,
      ratingSum: 0,
      ratingCount: 0,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
  }
  return out
}

/** A query point where people are: near a city centre, weighted like the stations. */
export function randomQueryPoint(rand: () => number): { lng: number; lat: number } {
  const city = pick(CITIES, rand())
  return { lng: round6(city.lng + spreadOf(rand) * city.spread * 0.5), lat: round6(city.lat + spreadOf(rand) * city.spread * 0.4) }
}

function cli(argv: string[]): void {
  const arg = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`)
    return i >= 0 ? Number(argv[i + 1]) : fallback
  }
  const count = arg('count', 100_000)
  const seed = arg('seed', 42)
  for (const s of generateStations({ count, seed })) process.stdout.write(JSON.stringify(s) + '\n')
}

// run directly (as the bundled CLI), not when imported by the benchmark or tests
if (/gen-stations(\.[cm]?js)?$/.test(process.argv[1] ?? '')) cli(process.argv.slice(2))
