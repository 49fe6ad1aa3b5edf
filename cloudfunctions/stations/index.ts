/**
 * 爱心驿站 (RULES.md §4): find stations (public), check in by QR, rate, report problems, suggest sites;
 * staff manage stations in their org scope, import spreadsheets, print check-in codes, close reports
 * and answer suggestions. The contract is src/domain/stations/station.schema.ts.
 */
import { createHash } from 'node:crypto'
import QRCode from 'qrcode'
import { defineFunction, deny, type Caller } from '../_lib/handler'
import type { Actor } from '../../src/domain/requests/state-machine'
import { findOrg, findOrgsByIds, listReachableOrgs, type OrgRecord } from '../_lib/orgs.repo'
import { writeAudit, auditRecord } from '../_lib/audit.repo'
import { checkTexts } from '../_lib/content-security'
import { decide, REQUEST_ERRORS, submitOnce } from '../_lib/requests'
import { attachedUrls, attachFiles } from '../_lib/files.repo'
import { randomId } from '../_lib/crypto'
import { inTransaction, Rollback, txGet } from '../_lib/transaction'
import { isDuplicateKeyError } from '../_lib/cloud'
import { outboxItem } from '../_lib/outbox'
import {
  addStation,
  applyDistrictDeltas,
  attachStationPhotos,
  moveDistrict,
  type DistrictDeltas,
  districtBatch,
  districtCounts,
  findByNaturalKeys,
  findStation,
  findStationsByIds,
  geoPoint,
  listStationsForStaff,
  missingPhotos,
  monthCounterId,
  monthCounters,
  myVisits,
  naturalKeyTaken,
  nearbyBatchByQuery,
  photoLinks,
  photoUrls,
  pointOf,
  ratingOf,
  rateVisit,
  recordCheckIn,
  renewQrKey,
  replaceStation,
  scopeWhere,
  stationDataOf,
  stationFields,
  updateStation,
  type StationRecord,
  type StationRow,
} from '../_lib/stations.repo'
import {
  addReport,
  addSuggestion,
  findRequest,
  listOwn,
  openReportCounts,
  reachesPath,
  REPORTS,
  requestScope,
  rootOrgId,
  scopedPage,
  scopeOf,
  SUGGESTIONS,
  type ReportRecord,
  type SuggestionRecord,
} from '../_lib/stations.requests'
import { decodeBase64, readSpreadsheet } from '../_lib/stations.import'
import { signStationToken, verifyStationToken } from '../_lib/stations.token'
import { fail, ok, type Envelope, failWith } from '../../src/domain/envelope'
import { ERR } from '../../src/domain/errors'
import { canReachOrg, staffActor } from '../../src/domain/auth/scope'
import { looksLikeStationCode } from '../../src/domain/stations/station.token'
import { hoursLines } from '../../src/domain/stations/hours-text'
import { checkImport, importErrorSummary, importFieldErrors, type ImportedRow } from '../../src/domain/stations/station.import'
import {
  addMonths,
  distanceMeters,
  distanceText,
  isOpenNow,
  monthsBetween,
  naturalKey,
  openView,
  reportMachine,
  shanghaiLocalMinute,
  shanghaiMonth,
  sortAmenities,
  suggestionMachine,
  upcomingClosures,
} from '../../src/domain/stations/station.rules'
import {
  CHECKIN_WINDOW_MINUTES,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  NEARBY_RADIUS_DEFAULT_M,
  PAGE_SIZE_MAX,
  PROBLEMS,
  QR_PREFIX,
  REPORT_REJECT_REASONS,
  REPORT_STATE_LABELS,
  STATION_ERR,
  stationsEvent,
  SUGGESTION_ACCEPT_REASONS,
  SUGGESTION_DECLINE_REASONS,
  SUGGESTION_STATE_LABELS,
  type DistrictCount,
  type GcjPoint,
  type ImportReply,
  type Page,
  type RateReply,
  type ReportView,
  type StationAdminPage,
  type StationAdminRow,
  type StationCard,
  type StationData,
  type StationDetail,
  type StationEdit,
  type StationQrReply,
  type SuggestionView,
  type VisitStatsReply,
  type VisitView,
  type CheckInReply,
  type ImportRowError,
} from '../../src/domain/stations/station.schema'

const STAFF = ['grassroots_staff', 'federation_staff', 'admin'] as const
const FEDERATION = ['federation_staff', 'admin'] as const

const reachesStation = (caller: Caller, s: StationRecord) => reachesPath(caller, s.hostOrgPath)

// ---------------------------------------------------------------------------------------------------
// Views

function card(r: StationRow, now: number, center?: GcjPoint): StationCard {
  const location = pointOf(r.location)
  const distanceM = center ? Math.round(r.dist ?? distanceMeters(center, pointOf(r.location, true))) : null
  return {
    id: r._id,
    name: r.name,
    address: r.address,
    district: r.district,
    location,
    distanceM,
    distanceText: distanceM === null ? null : distanceText(distanceM),
    status: r.status,
    open: openView(r.hours, r.closures ?? [], r.status, now),
    amenities: sortAmenities(r.amenities),
    stars: r.stars ?? 0,
    rating: ratingOf(r),
    capacity: r.capacity,
  }
}

const iso = (d: Date | string) => new Date(d).toISOString()
const problemLabel = (code: string) => PROBLEMS.find((p) => p.code === code)?.label ?? '其他问题'

/**
 * Short-lived links to a report's photos. Callers pass only reports the viewer may see (their own, or
 * staff lists already limited to their scope); only files attached to that report are linked.
 */
async function reportPhotos(r: ReportRecord): Promise<ReportView['photos']> {
  return r.photoFileIds?.length ? attachedUrls(r.photoFileIds, { type: 'stationReport', id: r._id }) : []
}

function reportView(r: ReportRecord, photos: ReportView['photos'], staff?: Caller): ReportView {
  const view: ReportView = {
    id: r._id,
    station: { id: r.stationId, name: r.stationName },
    problem: r.problem,
    problemLabel: problemLabel(r.problem),
    text: r.text,
    state: r.state,
    stateLabel: REPORT_STATE_LABELS[r.state],
    version: r.version,
    replyReason: r.replyReason ? (REPORT_REJECT_REASONS as Record<string, string>)[r.replyReason] ?? null : null,
    replyNote: r.replyNote,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    photos,
  }
  if (staff) {
    const actor = staffActor(scopeOf(staff))
    view.flagged = r.flagged
    view.actions = actor ? reportMachine.available(r.state, actor) : []
  }
  return view
}

const suggestionReasonLabel = (code: string | null) =>
  code ? ((SUGGESTION_DECLINE_REASONS as Record<string, string>)[code] ?? (SUGGESTION_ACCEPT_REASONS as Record<string, string>)[code] ?? null) : null

function suggestionView(s: SuggestionRecord, staff: boolean): SuggestionView {
  return {
    id: s._id,
    location: pointOf(s.location),
    address: s.address,
    district: s.district,
    reason: s.reason,
    state: s.state,
    stateLabel: SUGGESTION_STATE_LABELS[s.state],
    version: s.version,
    replyReason: suggestionReasonLabel(s.replyReason),
    replyNote: s.replyNote,
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
    ...(staff ? { flagged: s.flagged } : {}),
  }
}

const orgRef = (o: OrgRecord | null | undefined) => (o ? { id: o._id, name: o.name } : null)

// ---------------------------------------------------------------------------------------------------
// Paging with an "open now" filter that only the server clock can decide

const SCAN_BATCH = 50
const SCAN_MAX = 400

/**
 * One page of `size` rows from an ordered source, starting at raw position `start`. Without a row
 * filter this is one read of size + 1; with one, rows are read in batches and filtered here, and the
 * cursor is the raw position after the last row looked at — so pages never overlap.
 */
async function pageOf(
  fetch: (offset: number, limit: number) => Promise<StationRow[]>,
  start: number,
  size: number,
  keep: ((r: StationRow) => boolean) | null,
): Promise<{ rows: StationRow[]; next: number | null }> {
  if (!keep) {
    const batch = await fetch(start, size + 1)
    return { rows: batch.slice(0, size), next: batch.length > size ? start + size : null }
  }
  const rows: StationRow[] = []
  let offset = start
  for (let scanned = 0; ; ) {
    const batch = await fetch(offset, SCAN_BATCH)
    for (let i = 0; i < batch.length; i++) {
      scanned++
      if (!keep(batch[i])) continue
      rows.push(batch[i])
      if (rows.length === size) {
        const more = i + 1 < batch.length || batch.length === SCAN_BATCH
        return { rows, next: more ? offset + i + 1 : null }
      }
    }
    offset += batch.length
    if (batch.length < SCAN_BATCH) return { rows, next: null }
    if (scanned >= SCAN_MAX) return { rows, next: offset }
  }
}

const openNowFilter = (openNow: boolean | undefined, now: number) => (openNow ? (r: StationRow) => isOpenNow(openView(r.hours, r.closures ?? [], r.status, now)) : null)

// ---------------------------------------------------------------------------------------------------
// Staff helpers

const contentRisky = (caller: Caller, texts: Array<string | null | undefined>, scene: 'comment' | 'forum' = 'forum') => checkTexts(caller.openid, texts, scene)

const stationTexts = (d: StationData) => [d.name, d.address, d.district, d.intro, d.manager.name, ...d.closures.map((c) => c.note)]

/** Host org known and reachable (else an audited refusal), photos present, text clean: the checks every station write shares. */
async function checkStationWrite(caller: Caller, data: StationData, knownPhotos: readonly string[] = []): Promise<{ ok: true; hostOrgPath: string[] } | { ok: false; reply: Envelope<never> }> {
  const org = await findOrg(data.hostOrgId)
  if (!org) return { ok: false, reply: failWith(STATION_ERR.ORG_NOT_FOUND, { 'station.hostOrgId': STATION_ERR.ORG_NOT_FOUND.message }) }
  if (!canReachOrg(scopeOf(caller), { id: org._id, path: org.path })) return { ok: false, reply: await deny(caller, { type: 'org', id: org._id }) }
  const missing = await missingPhotos(data.photos.filter((p) => !knownPhotos.includes(p)))
  if (missing.length) return { ok: false, reply: failWith(STATION_ERR.PHOTO_MISSING, { 'station.photos': STATION_ERR.PHOTO_MISSING.message }) }
  if ((await contentRisky(caller, stationTexts(data))).risky) return { ok: false, reply: failWith(STATION_ERR.CONTENT_RISKY) }
  return { ok: true, hostOrgPath: [...org.path, org._id] }
}

const sameStation = (a: StationData, b: StationData) => JSON.stringify(a) === JSON.stringify(b)

/** Import rows merged over the current station: the template has no photos or closures, so those stay. */
const mergeImported = (row: ImportedRow, current: StationRecord | undefined): StationData =>
  current ? { ...row.station, photos: current.photos ?? [], closures: current.closures ?? [] } : row.station

// ---------------------------------------------------------------------------------------------------

/** Staff deciding a report or suggestion: the record exists, the caller's scope reaches it (else actor null → denied by `decide`), the note is acceptable. */
async function prepareStaffDecision(caller: Caller, collection: string, input: { id: string; note?: string }): Promise<Envelope<{ actor: Actor | null }>> {
  const current = await findRequest<{ orgPath: string[] }>(collection, input.id)
  if (!current) return failWith(REQUEST_ERRORS.NOT_FOUND)
  const actor = reachesPath(caller, current.orgPath) ? staffActor(scopeOf(caller)) : null
  if (actor && (await contentRisky(caller, [input.note], 'comment')).risky) return failWith(STATION_ERR.CONTENT_RISKY, { note: STATION_ERR.CONTENT_RISKY.message })
  return ok({ actor })
}

/** What a decision writes besides the state: the coded reason, the staff note, who decided. */
function replyPatch(caller: Caller, input: { reason?: string; note?: string }): Record<string, unknown> {
  return { ...(input.reason ? { replyReason: input.reason } : {}), ...(input.note ? { replyNote: input.note } : {}), decidedBy: caller.openid }
}

export const main = defineFunction({
  name: 'stations',
  event: stationsEvent,
  actions: {
    nearby: {
      access: 'public',
      async run({ input, now }) {
        const t = now.getTime()
        const radius = input.radiusM ?? NEARBY_RADIUS_DEFAULT_M
        const page = await pageOf(
          (offset, limit) => nearbyBatchByQuery(input.location, radius, input.amenities, offset, limit),
          input.cursor ?? 0,
          input.pageSize ?? 10,
          openNowFilter(input.openNow, t),
        )
        return ok<Page<StationCard>>({ items: page.rows.map((r) => card(r, t, input.location)), nextCursor: page.next })
      },
    },

    inDistrict: {
      access: 'public',
      async run({ input, now }) {
        const t = now.getTime()
        const page = await pageOf(
          (offset, limit) => districtBatch(input.district, input.amenities, offset, limit),
          input.cursor ?? 0,
          input.pageSize ?? 10,
          openNowFilter(input.openNow, t),
        )
        return ok<Page<StationCard>>({ items: page.rows.map((r) => card(r, t)), nextCursor: page.next })
      },
    },

    districts: {
      access: 'public',
      async run() {
        return ok<{ districts: DistrictCount[] }>({ districts: await districtCounts() })
      },
    },

    detail: {
      access: 'public',
      async run({ input, now }) {
        const s = await findStation(input.id)
        if (!s) return failWith(STATION_ERR.NOT_FOUND)
        const t = now.getTime()
        const [org, photos] = await Promise.all([findOrg(s.hostOrgId), photoUrls(s._id, s.photos ?? [])])
        const detail: StationDetail = {
          ...card(s, t, input.location),
          intro: s.intro ?? null,
          hoursLines: hoursLines(s.hours),
          hours: s.hours,
          closures: upcomingClosures(s.closures ?? [], shanghaiLocalMinute(t)),
          photos,
          hostOrg: orgRef(org),
          manager: s.manager,
          visitCount: s.visitCount ?? 0,
        }
        return ok(detail)
      },
    },

    checkIn: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        const check = verifyStationToken(input.code)
        if (!check.ok) {
          // a code in our format with a wrong MAC is a forgery attempt: refuse and leave a trace
          if (check.reason === 'forged' || looksLikeStationCode(input.code)) {
            await writeAudit(caller, { action: 'station.checkin_refused', target: { type: 'station', id: 'unknown' }, reason: check.reason })
          }
          return failWith(STATION_ERR.BAD_CODE)
        }
        const station = await findStation(check.stationId)
        if (!station) return failWith(STATION_ERR.BAD_CODE)
        if (check.keyVersion !== (station.qrKeyVersion ?? 1)) {
          await writeAudit(caller, { action: 'station.checkin_refused', target: { type: 'station', id: station._id }, orgId: station.hostOrgId, reason: 'old_key_version', detail: { keyVersion: check.keyVersion } })
          return failWith(STATION_ERR.OLD_CODE)
        }
        const outcome = await recordCheckIn(caller, station, now, CHECKIN_WINDOW_MINUTES * 60_000)
        const ref = { id: station._id, name: station.name }
        if (outcome.status === 'already') {
          const nextAt = new Date(outcome.lastAt.getTime() + CHECKIN_WINDOW_MINUTES * 60_000)
          return ok<CheckInReply>({ status: 'already', visitId: outcome.visitId, station: ref, message: '已经签到过了，谢谢你！两小时内同一个驿站只记一次', nextAt: nextAt.toISOString() })
        }
        return ok<CheckInReply>({ status: 'counted', visitId: outcome.visitId, station: ref, message: `签到成功，欢迎来到${station.name}！` })
      },
    },

    rate: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        const outcome = await rateVisit(caller, input.visitId, input.stars, now)
        if (!outcome.ok) {
          if (outcome.reason === 'not_owner') return deny(caller, { type: 'stationVisit', id: input.visitId })
          return failWith(outcome.reason === 'already_rated' ? STATION_ERR.ALREADY_RATED : STATION_ERR.VISIT_NOT_FOUND)
        }
        return ok<RateReply>({ visitId: input.visitId, stars: input.stars, rating: outcome.rating })
      },
    },

    myVisits: {
      access: 'signed-in',
      async run({ caller, input }) {
        const size = input.pageSize ?? PAGE_SIZE_MAX
        const offset = input.cursor ?? 0
        const visits = await myVisits(caller.openid, offset, size + 1)
        const names = await findStationsByIds(visits.map((v) => v.stationId))
        const items: VisitView[] = visits.slice(0, size).map((v) => ({
          id: v._id,
          station: { id: v.stationId, name: names.get(v.stationId)?.name ?? '已撤掉的驿站' },
          at: iso(v.at),
          stars: v.stars ?? null,
        }))
        return ok<Page<VisitView>>({ items, nextCursor: visits.length > size ? offset + size : null })
      },
    },

    report: {
      access: 'signed-in',
      async run({ caller, input }) {
        const station = await findStation(input.stationId)
        if (!station) return failWith(STATION_ERR.NOT_FOUND)
        const text = input.text ? input.text : null
        const content = await contentRisky(caller, [text], 'comment')
        if (content.risky) return failWith(STATION_ERR.CONTENT_RISKY, { text: STATION_ERR.CONTENT_RISKY.message })
        const photoFileIds = input.photoFileIds ?? []
        const payload = { stationId: input.stationId, problem: input.problem, text, ...(photoFileIds.length ? { photoFileIds } : {}) }
        return submitOnce(caller, 'stations.report', input.key, payload, async (tx, at) => {
          const id = randomId()
          // photos first: a refused photo ends the submit before anything is written (submitOnce rolls back)
          if (photoFileIds.length) {
            const attached = await attachFiles(caller.openid, photoFileIds, { type: 'stationReport', id }, tx, { purposes: ['report_photo'] })
            if (!attached.ok) return failWith(STATION_ERR.REPORT_PHOTO_NOT_YOURS, { photoFileIds: STATION_ERR.REPORT_PHOTO_NOT_YOURS.message })
          }
          await addReport(
            tx,
            caller,
            { stationId: station._id, stationName: station.name, hostOrgId: station.hostOrgId, hostOrgPath: station.hostOrgPath, problem: input.problem, text, flagged: content.review, photoFileIds },
            at,
            id,
          )
          return ok({ id, state: 'submitted' as const, stateLabel: REPORT_STATE_LABELS.submitted })
        })
      },
    },

    myReports: {
      access: 'signed-in',
      async run({ caller, input }) {
        const size = input.pageSize ?? PAGE_SIZE_MAX
        const offset = input.cursor ?? 0
        const docs = await listOwn<ReportRecord>(REPORTS, caller.openid, offset, size + 1)
        const items = await Promise.all(docs.slice(0, size).map(async (r) => reportView(r, await reportPhotos(r))))
        return ok<Page<ReportView>>({ items, nextCursor: docs.length > size ? offset + size : null })
      },
    },

    suggest: {
      access: 'signed-in',
      async run({ caller, input }) {
        const content = await contentRisky(caller, [input.address, input.district, input.reason], 'comment')
        if (content.risky) return failWith(STATION_ERR.CONTENT_RISKY, { reason: STATION_ERR.CONTENT_RISKY.message })
        const root = await rootOrgId()
        if (!root) return failWith(STATION_ERR.NOT_FOUND)
        const payload = { location: input.location, address: input.address, district: input.district ?? null, reason: input.reason }
        return submitOnce(caller, 'stations.suggest', input.key, payload, async (tx, at) => {
          const id = await addSuggestion(tx, caller, { ...payload, location: geoPoint(input.location), flagged: content.review, rootOrgId: root }, at)
          return ok({ id, state: 'submitted' as const, stateLabel: SUGGESTION_STATE_LABELS.submitted })
        })
      },
    },

    mySuggestions: {
      access: 'signed-in',
      async run({ caller, input }) {
        const size = input.pageSize ?? PAGE_SIZE_MAX
        const offset = input.cursor ?? 0
        const docs = await listOwn<SuggestionRecord>(SUGGESTIONS, caller.openid, offset, size + 1)
        return ok<Page<SuggestionView>>({ items: docs.slice(0, size).map((s) => suggestionView(s, false)), nextCursor: docs.length > size ? offset + size : null })
      },
    },

    // --- staff --------------------------------------------------------------------------------

    listStations: {
      access: STAFF,
      async run({ caller, input, now }) {
        if (input.orgId) {
          const org = await findOrg(input.orgId)
          if (!org || !canReachOrg(scopeOf(caller), { id: org._id, path: org.path })) return deny(caller, { type: 'org', id: input.orgId })
        }
        const where = scopeWhere(caller, input.orgId)
        if (!where) return deny(caller, { type: 'function', id: 'stations.listStations' })
        const size = input.pageSize ?? 20
        const offset = input.cursor ?? 0
        const { items, total } = await listStationsForStaff(where, input.q, offset, size)
        const month = shanghaiMonth(now.getTime())
        const [orgs, counters, reports] = await Promise.all([
          findOrgsByIds(items.map((s) => s.hostOrgId)),
          monthCounters(items.map((s) => monthCounterId(s._id, month))),
          openReportCounts(items.map((s) => s._id)),
        ])
        const rows: StationAdminRow[] = items.map((s) => ({
          id: s._id,
          name: s.name,
          address: s.address,
          district: s.district,
          hostOrg: orgRef(orgs.get(s.hostOrgId)),
          status: s.status,
          version: s.version,
          visitCount: s.visitCount ?? 0,
          visitsThisMonth: counters.get(monthCounterId(s._id, month)) ?? 0,
          openReports: reports.get(s._id) ?? 0,
        }))
        return ok<StationAdminPage>({ items: rows, total, nextCursor: offset + items.length < total ? offset + items.length : null })
      },
    },

    getStation: {
      access: STAFF,
      async run({ caller, input }) {
        const s = await findStation(input.id)
        if (!s) return failWith(STATION_ERR.NOT_FOUND)
        if (!reachesStation(caller, s)) return deny(caller, { type: 'station', id: s._id })
        const edit: StationEdit = {
          id: s._id,
          version: s.version,
          qrKeyVersion: s.qrKeyVersion ?? 1,
          station: stationDataOf(s),
          hostOrg: orgRef(await findOrg(s.hostOrgId)),
          visitCount: s.visitCount ?? 0,
          rating: ratingOf(s),
          photoLinks: await photoLinks(s._id, s.photos ?? []),
        }
        return ok(edit)
      },
    },

    createStation: {
      access: STAFF,
      async run({ caller, input }) {
        const data = input.station
        const checked = await checkStationWrite(caller, data)
        if (!checked.ok) return checked.reply
        const key = naturalKey(data.name, data.address)
        try {
          return await submitOnce(caller, 'stations.create', input.key, data, async (tx, at) => {
            if (await naturalKeyTaken(key)) return failWith(STATION_ERR.DUPLICATE, { 'station.name': STATION_ERR.DUPLICATE.message })
            const id = await addStation(tx, caller, stationFields(data, checked.hostOrgPath, key), at, 'station.create')
            const refused = await attachStationPhotos(tx, caller, id, data.photos)
            if (refused) return refused as Envelope<never>
            await applyDistrictDeltas(tx, new Map([[data.district, 1]]), at)
            return ok({ id, version: 1 })
          })
        } catch (e) {
          // two creates of one station raced past the check: the unique index kept one
          if (isDuplicateKeyError(e)) return failWith(STATION_ERR.DUPLICATE, { 'station.name': STATION_ERR.DUPLICATE.message })
          throw e
        }
      },
    },

    updateStation: {
      access: STAFF,
      async run({ caller, input, now }) {
        const current = await findStation(input.id)
        if (!current) return failWith(STATION_ERR.NOT_FOUND)
        if (!reachesStation(caller, current)) return deny(caller, { type: 'station', id: current._id })
        const data = input.station
        const checked = await checkStationWrite(caller, data, current.photos ?? [])
        if (!checked.ok) return checked.reply
        try {
          return await updateStation(caller, input.id, input.version, stationFields(data, checked.hostOrgPath, naturalKey(data.name, data.address)), now)
        } catch (e) {
          if (isDuplicateKeyError(e)) return failWith(STATION_ERR.DUPLICATE, { 'station.name': STATION_ERR.DUPLICATE.message })
          throw e
        }
      },
    },

    stationQr: {
      access: STAFF,
      async run({ caller, input, now }) {
        const s = await findStation(input.id)
        if (!s) return failWith(STATION_ERR.NOT_FOUND)
        if (!reachesStation(caller, s)) return deny(caller, { type: 'station', id: s._id })
        const keyVersion = input.renew ? await renewQrKey(caller, s, now) : (s.qrKeyVersion ?? 1)
        const token = signStationToken(s._id, keyVersion)
        const text = `${QR_PREFIX}${token}`
        const dataUrl = await QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 480 })
        return ok<StationQrReply>({ stationId: s._id, keyVersion, token, text, dataUrl })
      },
    },

    importStations: {
      access: STAFF,
      async run({ caller, input, now }) {
        const bytes = decodeBase64(input.contentBase64)
        if (!bytes || bytes.length === 0) return failWith(STATION_ERR.IMPORT_FILE_BAD)
        if (bytes.length > IMPORT_MAX_BYTES) return failWith(STATION_ERR.IMPORT_TOO_LARGE)
        const read = await readSpreadsheet(input.fileName, bytes)
        if (!read.ok) return failWith(read.reason === 'old_xls' ? STATION_ERR.IMPORT_OLD_XLS : STATION_ERR.IMPORT_FILE_BAD)
        if (!read.table || read.table.rows.length === 0) return failWith(STATION_ERR.IMPORT_EMPTY)
        if (read.table.rows.length > IMPORT_MAX_ROWS) return failWith(STATION_ERR.IMPORT_TOO_LARGE)

        const [allOrgs, reachable] = await Promise.all([listReachableOrgs({ role: 'admin', orgId: null }), listReachableOrgs(scopeOf(caller))])
        const reachableIds = new Set(reachable.map((o) => o._id))
        const fileHash = createHash('sha256').update(bytes).digest('hex').slice(0, 32)
        const checked = checkImport(read.table, allOrgs.map((o) => ({ id: o._id, name: o.name })), (id) => reachableIds.has(id))
        const rowsInvalid = (errors: ImportRowError[]) => fail(STATION_ERR.IMPORT_ROWS_INVALID.code, importErrorSummary(errors), importFieldErrors(errors))
        // rows for orgs (or stations) outside the caller's scope: an audited refusal, still naming the rows
        const rowsForbidden = async (errors: ImportRowError[]) => {
          await writeAudit(caller, { action: 'auth.denied', target: { type: 'stationImport', id: fileHash } })
          return fail(ERR.FORBIDDEN.code, STATION_ERR.IMPORT_FORBIDDEN.message, importFieldErrors(errors))
        }
        if (!checked.ok) return checked.forbidden.length ? rowsForbidden(checked.errors) : rowsInvalid(checked.errors)

        // content security: the whole file at once, row by row only when something is refused
        if ((await contentRisky(caller, checked.rows.flatMap((r) => stationTexts(r.station)))).risky) {
          const bad: Array<{ row: number; column: string; message: string }> = []
          for (const r of checked.rows) {
            if ((await contentRisky(caller, stationTexts(r.station))).risky) bad.push({ row: r.row, column: '名称', message: '这一行有不合适的内容，请改一改' })
          }
          if (bad.length) return rowsInvalid(bad)
        }

        const orgPaths = new Map(allOrgs.map((o) => [o._id, [...o.path, o._id]]))
        const plan = async () => {
          const existing = await findByNaturalKeys(checked.rows.map((r) => r.naturalKey))
          const outOfScope = checked.rows.filter((r) => existing.has(r.naturalKey) && !reachesStation(caller, existing.get(r.naturalKey)!))
          const changed = checked.rows.filter((r) => {
            const cur = existing.get(r.naturalKey)
            return !cur || !sameStation(stationDataOf(cur), mergeImported(r, cur))
          })
          return { existing, outOfScope, changed }
        }
        const first = await plan()
        const notYours = (rows: ImportedRow[]) => rows.map((r) => ({ row: r.row, column: '名称', message: '这个驿站由别的工会管理，您不能修改它' }))
        if (first.outOfScope.length) return rowsForbidden(notYours(first.outOfScope))
        const count = (p: Awaited<ReturnType<typeof plan>>) => {
          const created = p.changed.filter((r) => !p.existing.has(r.naturalKey)).length
          return { created, updated: p.changed.length - created, unchanged: checked.rows.length - p.changed.length }
        }
        if (input.dryRun) return ok<ImportReply>({ dryRun: true, rows: checked.rows.length, ...count(first) })

        // all rows in one transaction: either every station is written or none
        try {
          const result = await inTransaction(async (tx) => {
            const p = await plan()
            const deltas: DistrictDeltas = new Map()
            if (p.outOfScope.length) throw new Rollback(fail(ERR.FORBIDDEN.code, STATION_ERR.IMPORT_FORBIDDEN.message, importFieldErrors(notYours(p.outOfScope))))
            for (const r of p.changed) {
              const cur = p.existing.get(r.naturalKey)
              const data = mergeImported(r, cur)
              const fields = stationFields(data, orgPaths.get(data.hostOrgId)!, r.naturalKey)
              if (!cur) {
                await addStation(tx, caller, fields, now, '')
                moveDistrict(deltas, null, data.district)
                continue
              }
              const pinned = await txGet<StationRecord>(tx, 'stations', cur._id)
              if (!pinned) throw new Error('station vanished during import')
              await replaceStation(tx, pinned, fields, now)
              moveDistrict(deltas, pinned.district, data.district)
            }
            await applyDistrictDeltas(tx, deltas, now)
            const counts = count(p)
            await tx.collection('audit').add({
              data: auditRecord(caller, { action: 'station.import', target: { type: 'stationImport', id: fileHash }, orgId: caller.user?.orgId ?? null, detail: { rows: checked.rows.length, ...counts } }, now),
            })
            return counts
          })
          return ok<ImportReply>({ dryRun: false, rows: checked.rows.length, ...result })
        } catch (e) {
          if (e instanceof Rollback) return e.reply
          if (isDuplicateKeyError(e)) return failWith(STATION_ERR.STALE)
          throw e
        }
      },
    },

    visitStats: {
      access: STAFF,
      async run({ caller, input, now }) {
        const s = await findStation(input.stationId)
        if (!s) return failWith(STATION_ERR.NOT_FOUND)
        if (!reachesStation(caller, s)) return deny(caller, { type: 'station', id: s._id })
        const to = input.to ?? shanghaiMonth(now.getTime())
        const from = input.from ?? addMonths(to, -11)
        if (from > to) return failWith(STATION_ERR.MONTHS_REVERSED, { from: STATION_ERR.MONTHS_REVERSED.message })
        const months = monthsBetween(from, to, 36)
        const counters = await monthCounters(months.map((m) => monthCounterId(s._id, m)))
        return ok<VisitStatsReply>({ stationId: s._id, total: s.visitCount ?? 0, months: months.map((m) => ({ month: m, visits: counters.get(monthCounterId(s._id, m)) ?? 0 })) })
      },
    },

    listReports: {
      access: STAFF,
      async run({ caller, input }) {
        const scope = requestScope(caller)
        if (!scope) return deny(caller, { type: 'function', id: 'stations.listReports' })
        const where: Record<string, unknown> = { ...scope }
        if (input.state) where.state = input.state
        if (input.stationId) where.stationId = input.stationId
        return ok(await scopedPage<ReportRecord, ReportView>(REPORTS, where, input, async (r) => reportView(r, await reportPhotos(r), caller)))
      },
    },

    decideReport: {
      access: STAFF,
      async run({ caller, input }) {
        if (input.reason && input.decision !== 'reject') return failWith(STATION_ERR.REASON_NOT_FOR_DECISION, { reason: STATION_ERR.REASON_NOT_FOR_DECISION.message })
        const prep = await prepareStaffDecision(caller, REPORTS, input)
        if (!prep.ok) return prep
        const { actor } = prep.data
        return decide({
          caller,
          collection: REPORTS,
          id: input.id,
          machine: reportMachine,
          action: input.decision,
          actorFor: () => actor,
          expectedVersion: input.version,
          reason: input.reason,
          patch: () => replyPatch(caller, input),
          notify: (doc: ReportRecord, to) =>
            to === 'resolved' || to === 'rejected'
              ? [
                  outboxItem(doc.ownerOpenid, 'decided', `subpackages/stations/pages/reports/index?id=${doc._id}`, {
                    thing1: doc.stationName,
                    phrase2: to === 'resolved' ? '已修好' : '不需要维修',
                    thing3: caller.org?.name || '工会',
                    thing4: to === 'resolved' ? `报修的「${problemLabel(doc.problem)}」已处理` : ((input.reason && (REPORT_REJECT_REASONS as Record<string, string>)[input.reason]) || problemLabel(doc.problem)),
                  }),
                ]
              : [],
        })
      },
    },

    listSuggestions: {
      access: FEDERATION,
      async run({ caller, input }) {
        const scope = requestScope(caller)
        if (!scope) return deny(caller, { type: 'function', id: 'stations.listSuggestions' })
        const where: Record<string, unknown> = { ...scope }
        if (input.state) where.state = input.state
        return ok(await scopedPage<SuggestionRecord, SuggestionView>(SUGGESTIONS, where, input, (s) => suggestionView(s, true)))
      },
    },

    decideSuggestion: {
      access: FEDERATION,
      async run({ caller, input }) {
        const allowed = input.decision === 'accept' ? SUGGESTION_ACCEPT_REASONS : SUGGESTION_DECLINE_REASONS
        if (input.reason && !(input.reason in allowed)) return failWith(STATION_ERR.REASON_NOT_FOR_DECISION, { reason: STATION_ERR.REASON_NOT_FOR_DECISION.message })
        const prep = await prepareStaffDecision(caller, SUGGESTIONS, input)
        if (!prep.ok) return prep
        const { actor } = prep.data
        return decide({
          caller,
          collection: SUGGESTIONS,
          id: input.id,
          machine: suggestionMachine,
          action: input.decision,
          actorFor: () => actor,
          expectedVersion: input.version,
          reason: input.reason,
          patch: () => replyPatch(caller, input),
          notify: (doc: SuggestionRecord, to) => [
            outboxItem(doc.ownerOpenid, 'decided', `subpackages/stations/pages/suggestions/index?id=${doc._id}`, {
              thing1: doc.address,
              phrase2: to === 'accepted' ? '已采纳' : '暂不采纳',
              thing3: caller.org?.name || '工会',
              thing4: suggestionReasonLabel(input.reason ?? null) ?? '感谢你的建议',
            }),
          ],
        })
      },
    },
  },
})
