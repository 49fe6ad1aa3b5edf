import { createHash } from 'node:crypto'
import { database, getDocs, sdk } from './cloud'
import { auditRecord } from './audit.repo'
import { randomId } from './crypto'
import type { Caller } from './handler'
import { inTransaction, Rollback, txGet, type Tx } from './transaction'
import { attachFiles, deleteStored, detachAndDrop, findFilesByIds } from './files.repo'
import { fail, ok, type Envelope, failWith } from '../../src/domain/envelope'
import type { Closure, WeeklyHours } from '../../src/domain/stations/hours'
import { districtKey, ratingView, shanghaiMonth } from '../../src/domain/stations/station.rules'
import { PHOTO_FILE_ID, STATION_ERR, type AmenityCode, type GcjPoint, type RatingView, type StationData, type StationStatus } from '../../src/domain/stations/station.schema'

/** What the `stations` collection holds (public facts only: the collection is client-readable). */
export interface StationRecord {
  _id: string
  name: string
  address: string
  district: string
  /** GeoJSON Point [lng, lat] (GCJ-02); the SDK hands it back as a Geo.Point. */
  location: unknown
  hours: WeeklyHours
  closures: Closure[]
  amenities: AmenityCode[]
  capacity: number
  stars: number
  hostOrgId: string
  /** The host org's ancestors and the host itself: staff scope is `hostOrgPath` contains their org. */
  hostOrgPath: string[]
  manager: { name: string; phone: string }
  photos: string[]
  status: StationStatus
  intro: string | null
  naturalKey: string
  qrKeyVersion: number
  visitCount: number
  ratingSum: number
  ratingCount: number
  version: number
  createdAt: Date
  updatedAt: Date
}

/** A station as lists read it (no contact, photos or bookkeeping), with the geoNear distance when asked by location. */
export type StationRow = Pick<
  StationRecord,
  '_id' | 'name' | 'address' | 'district' | 'location' | 'hours' | 'closures' | 'amenities' | 'capacity' | 'stars' | 'status' | 'ratingSum' | 'ratingCount'
> & { dist?: number }

const ROW_FIELDS = { name: true, address: true, district: true, location: true, hours: true, closures: true, amenities: true, capacity: true, stars: true, status: true, ratingSum: true, ratingCount: true }

const stations = () => database().collection('stations')
const command = () => database().command

/** Six decimals of a degree are ~0.1 m: finer digits mean nothing and only bloat replies. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6

/** [lng, lat] of a stored location, whether it came back as GeoJSON or as the SDK's Geo.Point (`exact` keeps every digit, for distances). */
export function pointOf(v: unknown, exact = false): GcjPoint {
  const g = v as { coordinates?: [number, number]; longitude?: number; latitude?: number; toJSON?: () => { coordinates: [number, number] } }
  const r = exact ? (x: number) => x : round6
  if (g && typeof g.longitude === 'number' && typeof g.latitude === 'number') return { lng: r(g.longitude), lat: r(g.latitude) }
  const coords = g?.coordinates ?? g?.toJSON?.().coordinates
  if (!coords) throw new Error('station without a location')
  return { lng: r(coords[0]), lat: r(coords[1]) }
}

/** A GeoJSON point, longitude first, rounded to six decimals. */
export const geoPoint = (p: GcjPoint) => database().Geo.Point(round6(p.lng), round6(p.lat))

export const ratingOf = (s: Pick<StationRecord, 'ratingSum' | 'ratingCount'>): RatingView => ratingView(s.ratingSum ?? 0, s.ratingCount ?? 0)

export async function findStation(id: string): Promise<StationRecord | null> {
  const [doc] = await getDocs<StationRecord>(stations().where({ _id: id }).limit(1))
  return doc ?? null
}

export async function findStationsByIds(ids: readonly string[]): Promise<Map<string, StationRecord>> {
  const out = new Map<string, StationRecord>()
  const unique = [...new Set(ids)]
  for (let i = 0; i < unique.length; i += 100) {
    const docs = await getDocs<StationRecord>(stations().where({ _id: command().in(unique.slice(i, i + 100)) }).limit(100))
    for (const d of docs) out.set(d._id, d)
  }
  return out
}

const amenityFilter = (amenities: readonly AmenityCode[] | undefined) => (amenities && amenities.length ? { amenities: command().all([...amenities]) } : {})

interface Aggregate {
  geoNear(o: Record<string, unknown>): Aggregate
  match(o: Record<string, unknown>): Aggregate
  group(o: Record<string, unknown>): Aggregate
  sort(o: Record<string, number>): Aggregate
  skip(n: number): Aggregate
  limit(n: number): Aggregate
  project(o: Record<string, unknown>): Aggregate
  end(): Promise<{ list: unknown[] }>
}
const aggregate = (name: string) => (database().collection(name) as unknown as { aggregate(): Aggregate }).aggregate()

/**
 * Nearest first within `radiusM` with the $geoNear aggregation stage (longitude first); `dist` in metres.
 * The function lists with `nearbyBatchByQuery` instead: measured faster on the emulator
 * (scripts/bench-stations.mjs); this one stays for the benchmark's comparison.
 */
export async function nearbyBatch(center: GcjPoint, radiusM: number, amenities: readonly AmenityCode[] | undefined, offset: number, limit: number): Promise<StationRow[]> {
  const res = await aggregate('stations')
    .geoNear({ near: geoPoint(center), distanceField: 'dist', spherical: true, maxDistance: radiusM, query: amenityFilter(amenities), key: 'location' })
    .skip(offset)
    .limit(limit)
    .project({ ...ROW_FIELDS, dist: true })
    .end()
  return res.list as StationRow[]
}

interface Query {
  where(q: object): Query
  orderBy(field: string, dir: 'asc' | 'desc'): Query
  skip(n: number): Query
  limit(n: number): Query
  field(f: object): Query
  count(): Promise<{ total: number }>
  get(): unknown
}
const query = (name: string, where: object) => (database().collection(name) as unknown as Query).where(where)

/**
 * Nearest first within `radiusM` with the `_.geoNear` query operator ($nearSphere on the 2dsphere index,
 * longitude first). The database orders by distance; the caller computes the metres with the same sphere.
 */
export async function nearbyBatchByQuery(center: GcjPoint, radiusM: number, amenities: readonly AmenityCode[] | undefined, offset: number, limit: number): Promise<StationRow[]> {
  const where = { location: command().geoNear({ geometry: geoPoint(center), maxDistance: radiusM }), ...amenityFilter(amenities) }
  return getDocs<StationRow>(query('stations', where).skip(offset).limit(limit).field(ROW_FIELDS))
}

/** Stations of one district by name (when the worker shares no location). */
export async function districtBatch(district: string, amenities: readonly AmenityCode[] | undefined, offset: number, limit: number): Promise<StationRow[]> {
  return getDocs<StationRow>(query('stations', { district, ...amenityFilter(amenities) }).orderBy('name', 'asc').orderBy('_id', 'asc').skip(offset).limit(limit).field(ROW_FIELDS))
}

/**
 * Districts with how many stations each, most first — read from the per-district counters that every
 * station write keeps in its own transaction, never by grouping all stations.
 */
export async function districtCounts(): Promise<Array<{ name: string; count: number }>> {
  const out: Array<{ name: string; count: number }> = []
  for (let offset = 0; offset < 500; offset += 100) {
    const page = await getDocs<{ name: string; count: number }>(query('stationDistricts', { count: command().gt(0) }).orderBy('count', 'desc').orderBy('name', 'asc').skip(offset).limit(100))
    out.push(...page.map((d) => ({ name: d.name, count: d.count })))
    if (page.length < 100) break
  }
  return out
}

/** +1 / -1 per district, collected while stations are written. */
export type DistrictDeltas = Map<string, number>

export function moveDistrict(deltas: DistrictDeltas, from: string | null, to: string | null): void {
  if (from === to) return
  if (from) deltas.set(from, (deltas.get(from) ?? 0) - 1)
  if (to) deltas.set(to, (deltas.get(to) ?? 0) + 1)
}

/** Applies the district counter changes inside the transaction that wrote the stations. */
export async function applyDistrictDeltas(tx: Tx, deltas: DistrictDeltas, now: Date): Promise<void> {
  const _ = command()
  for (const [name, delta] of deltas) {
    if (delta === 0) continue
    const id = districtKey(name)
    const current = await txGet<{ count: number }>(tx, 'stationDistricts', id)
    if (current) await tx.collection('stationDistricts').doc(id).update({ data: { count: _.inc(delta), updatedAt: now } })
    else await tx.collection('stationDistricts').doc(id).set({ data: { name, count: delta, updatedAt: now } })
  }
}

/** Staff scope as a query: admin everything, federation their subtree, grassroots their own org. */
export function scopeWhere(caller: Pick<Caller, 'role' | 'user'>, orgId?: string): Record<string, unknown> | null {
  const own = caller.user?.orgId ?? null
  const _ = command()
  const filter = orgId ? [orgId] : []
  switch (caller.role) {
    case 'admin':
      return filter.length ? { hostOrgPath: filter[0] } : {}
    case 'federation_staff':
      return own ? { hostOrgPath: _.all([own, ...filter]) } : null
    case 'grassroots_staff':
      return own && (!orgId || orgId === own) ? { hostOrgId: own } : null
    default:
      return null
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export async function listStationsForStaff(where: Record<string, unknown>, q: string | undefined, offset: number, limit: number): Promise<{ items: StationRecord[]; total: number }> {
  const cond = q ? { ...where, name: database().RegExp({ regexp: escapeRegExp(q), options: 'i' }) } : where
  const items = await getDocs<StationRecord>(query('stations', cond).orderBy('name', 'asc').orderBy('_id', 'asc').skip(offset).limit(limit))
  const { total } = await query('stations', cond).count()
  return { items, total }
}

export async function findByNaturalKeys(keys: readonly string[]): Promise<Map<string, StationRecord>> {
  const out = new Map<string, StationRecord>()
  for (let i = 0; i < keys.length; i += 100) {
    const docs = await getDocs<StationRecord>(query('stations', { naturalKey: command().in(keys.slice(i, i + 100)) }).limit(100))
    for (const d of docs) out.set(d.naturalKey, d)
  }
  return out
}

// ---------------------------------------------------------------------------------------------------
// Writing stations

/** The stored fields that come from the form or an imported row. */
export function stationFields(data: StationData, hostOrgPath: string[], key: string) {
  return {
    name: data.name,
    address: data.address,
    district: data.district,
    location: geoPoint(data.location),
    hours: data.hours,
    closures: data.closures,
    amenities: data.amenities,
    capacity: data.capacity,
    stars: data.stars,
    hostOrgId: data.hostOrgId,
    hostOrgPath,
    manager: data.manager,
    photos: data.photos,
    status: data.status,
    intro: data.intro ?? null,
    naturalKey: key,
  }
}

/** The station as the edit form shows it. */
export function stationDataOf(s: StationRecord): StationData {
  return {
    name: s.name,
    address: s.address,
    district: s.district,
    location: pointOf(s.location),
    hours: s.hours,
    closures: s.closures ?? [],
    amenities: s.amenities,
    capacity: s.capacity,
    stars: s.stars ?? 0,
    hostOrgId: s.hostOrgId,
    manager: s.manager,
    photos: s.photos ?? [],
    status: s.status,
    ...(s.intro ? { intro: s.intro } : {}),
  }
}

/** Another station with this natural key (committed data), or null. */
export async function naturalKeyTaken(key: string, exceptId?: string): Promise<boolean> {
  const where = exceptId ? { naturalKey: key, _id: command().neq(exceptId) } : { naturalKey: key }
  const docs = await getDocs<{ _id: string }>(query('stations', where).limit(1).field({ _id: true }))
  return docs.length > 0
}

/** Adds a station inside an open transaction (with its audit entry). */
export async function addStation(tx: Tx, caller: Caller, fields: ReturnType<typeof stationFields>, now: Date, audit: string): Promise<string> {
  const id = randomId()
  await tx.collection('stations').add({
    data: { _id: id, ...fields, qrKeyVersion: 1, visitCount: 0, ratingSum: 0, ratingCount: 0, version: 1, createdAt: now, updatedAt: now },
  })
  if (audit) await tx.collection('audit').add({ data: auditRecord(caller, { action: audit, target: { type: 'station', id }, orgId: fields.hostOrgId, to: fields.status }, now) })
  return id
}

/** Replaces a station's form fields (counters, QR version and creation stay), bumping its version. */
export async function replaceStation(tx: Tx, current: StationRecord, fields: ReturnType<typeof stationFields>, now: Date): Promise<number> {
  const { _id: _omit, ...rest } = current
  const version = current.version + 1
  await tx.collection('stations').doc(current._id).set({ data: { ...rest, ...fields, version, updatedAt: now } })
  return version
}

// Uploaded station photos (`files` ids, purpose station_photo): attached to the station when a save
// adds them; when a save removes them, their documents go in the same transaction and their bytes
// right after. Older photos given as storage ids (cloud://…) are kept or dropped from the list only.

const uploaded = (photos: readonly string[]) => photos.filter((p) => PHOTO_FILE_ID.test(p))

/** Attaches the caller's newly added uploaded photos to the station (inside the write's transaction). */
export async function attachStationPhotos(tx: Tx, caller: Caller, stationId: string, added: readonly string[]): Promise<Envelope<unknown> | null> {
  const ids = uploaded(added)
  if (ids.length === 0) return null
  const r = await attachFiles(caller.openid, ids, { type: 'station', id: stationId }, tx, { purposes: ['station_photo'] })
  if (r.ok) return null
  return failWith(STATION_ERR.PHOTO_NOT_YOURS, { 'station.photos': STATION_ERR.PHOTO_NOT_YOURS.message })
}

export type UpdateOutcome = { ok: true; version: number } | { ok: false; reply: Envelope<never> }

/** Compare-and-set update of one station by its version, audited in the same transaction. */
export async function updateStation(caller: Caller, id: string, expectedVersion: number, fields: ReturnType<typeof stationFields>, now: Date): Promise<Envelope<{ id: string; version: number }>> {
  let dropped: string[] = []
  try {
    const reply = await inTransaction(async (tx) => {
      dropped = []
      const current = await txGet<StationRecord>(tx, 'stations', id)
      if (!current) throw new Rollback(failWith(STATION_ERR.NOT_FOUND))
      if (current.version !== expectedVersion) throw new Rollback(failWith(STATION_ERR.STALE))
      if (fields.naturalKey !== current.naturalKey && (await naturalKeyTaken(fields.naturalKey, id))) {
        throw new Rollback(fail(STATION_ERR.DUPLICATE.code, STATION_ERR.DUPLICATE.message, { name: STATION_ERR.DUPLICATE.message }))
      }
      const before = current.photos ?? []
      const refused = await attachStationPhotos(tx, caller, id, fields.photos.filter((p) => !before.includes(p)))
      if (refused) throw new Rollback(refused as Envelope<never>)
      dropped = await detachAndDrop(tx, uploaded(before.filter((p) => !fields.photos.includes(p))), { type: 'station', id })
      const version = await replaceStation(tx, current, fields, now)
      const deltas: DistrictDeltas = new Map()
      moveDistrict(deltas, current.district, fields.district)
      await applyDistrictDeltas(tx, deltas, now)
      await tx.collection('audit').add({
        data: auditRecord(caller, { action: 'station.update', target: { type: 'station', id }, orgId: fields.hostOrgId, from: current.status, to: fields.status, detail: { version } }, now),
      })
      return ok({ id, version })
    })
    await deleteStored(dropped)
    return reply
  } catch (e) {
    if (e instanceof Rollback) return e.reply
    throw e
  }
}

/** Bumps the QR key version: codes printed before stop working. */
export async function renewQrKey(caller: Caller, station: StationRecord, now: Date): Promise<number> {
  return inTransaction(async (tx) => {
    const current = await txGet<StationRecord>(tx, 'stations', station._id)
    const next = (current?.qrKeyVersion ?? 1) + 1
    await tx.collection('stations').doc(station._id).update({ data: { qrKeyVersion: next, updatedAt: now } })
    await tx.collection('audit').add({
      data: auditRecord(caller, { action: 'station.qr_renew', target: { type: 'station', id: station._id }, orgId: station.hostOrgId, detail: { keyVersion: next } }, now),
    })
    return next
  })
}

// ---------------------------------------------------------------------------------------------------
// Photos

/** Storage ids (cloud://…) that storage does not know (deleted, mistyped, from another environment); uploaded photos are checked when attached. */
export async function missingPhotos(photoIds: readonly string[]): Promise<string[]> {
  const fileIds = photoIds.filter((p) => !PHOTO_FILE_ID.test(p))
  if (fileIds.length === 0) return []
  const res = (await sdk().getTempFileURL({ fileList: fileIds.map((fileID) => ({ fileID, maxAge: 60 })) })) as { fileList: Array<{ fileID: string; status: number }> }
  const okIds = new Set(res.fileList.filter((f) => f.status === 0).map((f) => f.fileID))
  return fileIds.filter((id) => !okIds.has(id))
}

/**
 * Temporary links (about an hour: station photos are public) by photo id, in order; photos that are
 * gone — or uploaded photos not attached to this station — are left out.
 */
export async function photoLinks(stationId: string, photoIds: readonly string[]): Promise<Array<{ id: string; url: string }>> {
  if (photoIds.length === 0) return []
  const files = await findFilesByIds(uploaded(photoIds))
  const storageId = (p: string): string | null => {
    if (!PHOTO_FILE_ID.test(p)) return p
    const f = files.get(p)
    return f && f.attachedTo?.type === 'station' && f.attachedTo.id === stationId ? f.fileID : null
  }
  const pairs = photoIds.flatMap((id) => {
    const fileID = storageId(id)
    return fileID ? [{ id, fileID }] : []
  })
  if (pairs.length === 0) return []
  const res = (await sdk().getTempFileURL({ fileList: pairs.map((p) => ({ fileID: p.fileID, maxAge: 3600 })) })) as { fileList: Array<{ fileID: string; status: number; tempFileURL: string }> }
  const byId = new Map(res.fileList.filter((f) => f.status === 0 && f.tempFileURL).map((f) => [f.fileID, f.tempFileURL]))
  return pairs.flatMap((p) => (byId.has(p.fileID) ? [{ id: p.id, url: byId.get(p.fileID)! }] : []))
}

/** Temporary links for the detail page; photos that are gone are left out. */
export async function photoUrls(stationId: string, photoIds: readonly string[]): Promise<string[]> {
  return (await photoLinks(stationId, photoIds)).map((p) => p.url)
}

// ---------------------------------------------------------------------------------------------------
// Visits and counters

export interface VisitRecord {
  _id: string
  stationId: string
  ownerOpenid: string
  at: Date
  month: string
  hostOrgId: string
  stars: number | null
  ratedAt?: Date
}

interface CheckinGuard {
  _id: string
  ownerOpenid: string
  stationId: string
  lastAt: Date
  visitId: string
}

export const monthCounterId = (stationId: string, month: string) => `${stationId}_${month.replace('-', '')}`

export type CheckInOutcome = { status: 'counted'; visitId: string } | { status: 'already'; visitId: string; lastAt: Date }

/**
 * One counted visit per worker and station per window. The guard, the visit and both counters (the
 * station's total and the month's) are written in one transaction, so the counters always equal the
 * number of visits; a repeat inside the window writes nothing.
 */
export async function recordCheckIn(caller: Caller, station: StationRecord, now: Date, windowMs: number): Promise<CheckInOutcome> {
  const guardId = createHash('sha256').update(`checkin\u0000${caller.openid}\u0000${station._id}`).digest('hex').slice(0, 32)
  const _ = command()
  return inTransaction(async (tx) => {
    const guard = await txGet<CheckinGuard>(tx, 'stationCheckinGuards', guardId)
    if (guard && now.getTime() - new Date(guard.lastAt).getTime() < windowMs) return { status: 'already', visitId: guard.visitId, lastAt: new Date(guard.lastAt) }
    const visitId = randomId()
    const month = shanghaiMonth(now.getTime())
    const visit: VisitRecord = { _id: visitId, stationId: station._id, ownerOpenid: caller.openid, at: now, month, hostOrgId: station.hostOrgId, stars: null }
    await tx.collection('stationVisits').add({ data: { ...visit } })
    await tx.collection('stationCheckinGuards').doc(guardId).set({ data: { ownerOpenid: caller.openid, stationId: station._id, lastAt: now, visitId } })
    await tx.collection('stations').doc(station._id).update({ data: { visitCount: _.inc(1) } })
    const counterId = monthCounterId(station._id, month)
    const counter = await txGet<{ visits: number }>(tx, 'stationVisitMonths', counterId)
    if (counter) await tx.collection('stationVisitMonths').doc(counterId).update({ data: { visits: _.inc(1), updatedAt: now } })
    else await tx.collection('stationVisitMonths').doc(counterId).set({ data: { stationId: station._id, month, hostOrgId: station.hostOrgId, visits: 1, updatedAt: now } })
    return { status: 'counted', visitId }
  })
}

export type RateOutcome = { ok: true; stationId: string; rating: RatingView } | { ok: false; reason: 'not_found' | 'not_owner' | 'already_rated' }

/** Stars for one visit, once: the visit and the station's rating totals change together. */
export async function rateVisit(caller: Caller, visitId: string, stars: number, now: Date): Promise<RateOutcome> {
  const _ = command()
  try {
    return await inTransaction(async (tx) => {
      const visit = await txGet<VisitRecord>(tx, 'stationVisits', visitId)
      if (!visit) throw new Rollback(fail('not_found', ''))
      if (visit.ownerOpenid !== caller.openid) throw new Rollback(fail('not_owner', ''))
      if (visit.stars !== null && visit.stars !== undefined) throw new Rollback(fail('already_rated', ''))
      const station = await txGet<StationRecord>(tx, 'stations', visit.stationId)
      await tx.collection('stationVisits').doc(visitId).update({ data: { stars, ratedAt: now } })
      if (!station) return { ok: true as const, stationId: visit.stationId, rating: ratingView(0, 0) }
      await tx.collection('stations').doc(visit.stationId).update({ data: { ratingSum: _.inc(stars), ratingCount: _.inc(1) } })
      return { ok: true as const, stationId: visit.stationId, rating: ratingView((station.ratingSum ?? 0) + stars, (station.ratingCount ?? 0) + 1) }
    })
  } catch (e) {
    if (e instanceof Rollback && !e.reply.ok) return { ok: false, reason: e.reply.error.code as 'not_found' | 'not_owner' | 'already_rated' }
    throw e
  }
}

export async function myVisits(openid: string, offset: number, limit: number): Promise<VisitRecord[]> {
  return getDocs<VisitRecord>(query('stationVisits', { ownerOpenid: openid }).orderBy('at', 'desc').orderBy('_id', 'desc').skip(offset).limit(limit))
}

/** Month counters by id (`stationId_YYYYMM`); missing ones count 0. */
export async function monthCounters(ids: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  for (let i = 0; i < ids.length; i += 100) {
    const docs = await getDocs<{ _id: string; visits: number }>(query('stationVisitMonths', { _id: command().in(ids.slice(i, i + 100)) }).limit(100))
    for (const d of docs) out.set(d._id, d.visits)
  }
  return out
}
