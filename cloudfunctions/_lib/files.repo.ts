import { sdk } from './cloud'
import { randomId } from './crypto'
import { logError } from './log'
import { FILE_ERR, FILE_EXTENSIONS, URL_MAX_AGE_S, type AttachTarget, type FileMime, type FilePurposeKey } from '../../src/domain/files/files.schema'
import { ok, type Envelope, failWith } from '../../src/domain/envelope'

/** Private documents and resumable uploads (TRUST.md). The only code touching `files`, `uploads`, `uploadChunks` and storage. */

export interface UploadRecord {
  _id: string
  ownerOpenid: string
  name: string
  mime: FileMime
  size: number
  sha256: string
  purpose: FilePurposeKey
  chunkSize: number
  chunkCount: number
  status: 'open' | 'done' | 'failed'
  /** The `files` document id this upload becomes; chosen up front so a repeated finish finds it. */
  fileId: string
  createdAt: Date
  expiresAt: Date
}

export interface FileRecord {
  _id: string
  ownerOpenid: string
  /** Storage fileID under a random private path; never leaves the server. */
  fileID: string
  name: string
  mime: FileMime
  size: number
  purpose: FilePurposeKey
  createdAt: Date
  attachedTo: (AttachTarget & { at: Date }) | null
}

interface ChunkRecord {
  _id: string
  uploadId: string
  index: number
  ownerOpenid: string
  data: string
  size: number
}

/** Document operations inside a transaction (CloudBase allows only doc-level work there). */
export interface TxDoc {
  get(): Promise<{ data: Record<string, unknown> | null }>
  set(options: { data: Record<string, unknown> }): Promise<unknown>
  update(options: { data: Record<string, unknown> }): Promise<unknown>
  remove(): Promise<unknown>
}
export interface Tx {
  collection(name: string): { doc(id: string): TxDoc; add(options: { data: Record<string, unknown> }): Promise<unknown> }
}

interface Query {
  where(q: object): Query
  orderBy(field: string, dir: 'asc' | 'desc'): Query
  skip(n: number): Query
  limit(n: number): Query
  field(projection: object): Query
  get(): Promise<{ data: unknown[] }>
  count(): Promise<{ total: number }>
  remove(): Promise<unknown>
  update(options: { data: object }): Promise<unknown>
}
interface Db {
  command: { in(values: unknown[]): object; gt(v: unknown): object; lte(v: unknown): object; neq(v: unknown): object }
  collection(name: string): Query & { doc(id: string): TxDoc; add(options: { data: Record<string, unknown> }): Promise<{ _id?: string }> }
  runTransaction<T>(fn: (tx: Tx) => Promise<T>, times?: number): Promise<T>
}

/** The database with `doc().get()` answering `data: null` for a missing document instead of throwing. */
export const db = (): Db => sdk().database({ throwOnNotFound: false } as never) as unknown as Db

const PAGE = 100

/** get() returns at most 100 documents: reads page after page in a stable order. */
export async function readPages<T>(query: Query, order = '_id', pageSize = PAGE): Promise<T[]> {
  const out: T[] = []
  for (let offset = 0; ; offset += pageSize) {
    const { data } = await query.orderBy(order, 'asc').skip(offset).limit(pageSize).get()
    out.push(...(data as T[]))
    if (data.length < pageSize) return out
  }
}

// ---- uploads -----------------------------------------------------------------------------------

export async function findUpload(uploadId: string): Promise<UploadRecord | null> {
  const { data } = await db().collection('uploads').doc(uploadId).get()
  return (data as UploadRecord | null) ?? null
}

/** An unfinished, unexpired upload of the same bytes for the same purpose (resume after losing local state). */
export async function findResumableUpload(openid: string, sha256: string, size: number, purpose: FilePurposeKey, now: Date): Promise<UploadRecord | null> {
  const d = db()
  const { data } = await d
    .collection('uploads')
    .where({ ownerOpenid: openid, sha256, size, purpose, status: 'open', expiresAt: d.command.gt(now) })
    .limit(1)
    .get()
  return (data[0] as UploadRecord | undefined) ?? null
}

export async function countOpenUploads(openid: string, now: Date): Promise<number> {
  const d = db()
  const { total } = await d.collection('uploads').where({ ownerOpenid: openid, status: 'open', expiresAt: d.command.gt(now) }).count()
  return total
}

export async function createUpload(fields: Omit<UploadRecord, '_id' | 'fileId' | 'status'>): Promise<UploadRecord> {
  const record: UploadRecord = { ...fields, _id: randomId(), fileId: randomId(), status: 'open' }
  const { _id, ...data } = record
  await db().collection('uploads').doc(_id).set({ data })
  return record
}

const chunkId = (uploadId: string, index: number) => `${uploadId}-${index}`

/** Stores one chunk; sending the same index again replaces it (idempotent). */
export async function putChunk(upload: UploadRecord, index: number, data: string, size: number): Promise<void> {
  await db()
    .collection('uploadChunks')
    .doc(chunkId(upload._id, index))
    .set({ data: { uploadId: upload._id, index, ownerOpenid: upload.ownerOpenid, data, size } })
}

export async function receivedChunks(uploadId: string): Promise<number[]> {
  const docs = await readPages<Pick<ChunkRecord, 'index'>>(db().collection('uploadChunks').where({ uploadId }).field({ index: true }), 'index')
  return docs.map((d) => d.index).sort((a, b) => a - b)
}

/** The upload's bytes in chunk order, a few chunks per read (each chunk document is ~171 KB). */
export async function readUploadBytes(upload: UploadRecord): Promise<Buffer> {
  const parts: Buffer[] = []
  const docs = await readPages<ChunkRecord>(db().collection('uploadChunks').where({ uploadId: upload._id }), 'index', 8)
  for (const doc of docs) parts.push(Buffer.from(doc.data, 'base64'))
  return Buffer.concat(parts)
}

export async function deleteChunks(uploadId: string): Promise<void> {
  await db().collection('uploadChunks').where({ uploadId }).remove()
}

export async function markUploadFailed(uploadId: string): Promise<void> {
  await db().collection('uploads').doc(uploadId).update({ data: { status: 'failed' } })
  await deleteChunks(uploadId)
}

/** Drops the caller's expired or failed uploads and their chunks (called when a new upload begins). */
export async function purgeStaleUploads(openid: string, now: Date): Promise<void> {
  const d = db()
  const stale = await readPages<UploadRecord>(d.collection('uploads').where({ ownerOpenid: openid, status: 'open', expiresAt: d.command.lte(now) }))
  const failed = await readPages<UploadRecord>(d.collection('uploads').where({ ownerOpenid: openid, status: 'failed' }))
  for (const u of [...stale, ...failed]) {
    await deleteChunks(u._id)
    await d.collection('uploads').doc(u._id).remove()
  }
}

/** Removes the caller's unfinished uploads (optionally only some purposes) with their chunks. */
export async function deleteOpenUploads(openid: string, purposes?: readonly FilePurposeKey[]): Promise<number> {
  const d = db()
  const where: Record<string, unknown> = { ownerOpenid: openid, status: d.command.neq('done') }
  if (purposes) where.purpose = d.command.in([...purposes])
  const open = await readPages<UploadRecord>(d.collection('uploads').where(where))
  for (const u of open) {
    await deleteChunks(u._id)
    await d.collection('uploads').doc(u._id).remove()
  }
  return open.length
}

/**
 * Stores the verified bytes under a random private path and records the `files` document, once: the
 * document id was chosen at `begin`, so of two concurrent finishes one creates it and the other
 * removes its stored copy and returns the same id.
 */
export async function storeFinishedUpload(upload: UploadRecord, bytes: Buffer, now: Date): Promise<{ fileId: string; created: boolean }> {
  const cloud = sdk()
  const cloudPath = `private/${randomId()}/${randomId().slice(0, 16)}.${FILE_EXTENSIONS[upload.mime]}`
  const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: bytes })
  const record: Omit<FileRecord, '_id'> = {
    ownerOpenid: upload.ownerOpenid,
    fileID,
    name: upload.name,
    mime: upload.mime,
    size: upload.size,
    purpose: upload.purpose,
    createdAt: now,
    attachedTo: null,
  }
  const created = await db().runTransaction(async (tx) => {
    const current = (await tx.collection('uploads').doc(upload._id).get()).data as UploadRecord | null
    if (!current || current.status !== 'open') return false
    const existing = (await tx.collection('files').doc(upload.fileId).get()).data
    if (existing) return false
    await tx.collection('files').doc(upload.fileId).set({ data: record as unknown as Record<string, unknown> })
    await tx.collection('uploads').doc(upload._id).update({ data: { status: 'done' } })
    return true
  })
  if (!created) await deleteStored([fileID])
  await deleteChunks(upload._id)
  return { fileId: upload.fileId, created }
}

// ---- files -------------------------------------------------------------------------------------

export async function findFile(fileId: string): Promise<FileRecord | null> {
  const { data } = await db().collection('files').doc(fileId).get()
  return (data as FileRecord | null) ?? null
}

export async function listFilesOf(openid: string): Promise<FileRecord[]> {
  return readPages<FileRecord>(db().collection('files').where({ ownerOpenid: openid }))
}

export async function countUnattachedFiles(openid: string): Promise<number> {
  const { total } = await db().collection('files').where({ ownerOpenid: openid, attachedTo: null }).count()
  return total
}

/** A short-lived link (≤ 300 s) to the stored bytes. */
export async function temporaryUrl(file: FileRecord, maxAge = URL_MAX_AGE_S): Promise<string> {
  const res = (await sdk().getTempFileURL({ fileList: [{ fileID: file.fileID, maxAge: Math.min(maxAge, URL_MAX_AGE_S) }] })) as {
    fileList: Array<{ tempFileURL: string; status: number }>
  }
  const item = res.fileList[0]
  if (!item || item.status !== 0 || !item.tempFileURL) throw new Error(`temporary URL refused (status ${item?.status})`)
  return item.tempFileURL
}

/** Deletes stored bytes; a failure is logged (paths are random, no personal data) and not retried here. */
export async function deleteStored(fileIDs: string[]): Promise<void> {
  if (fileIDs.length === 0) return
  try {
    for (let i = 0; i < fileIDs.length; i += 50) await sdk().deleteFile({ fileList: fileIDs.slice(i, i + 50) })
  } catch (err) {
    logError('files', 'deleteStored', err)
  }
}

/** Removes an unattached file of its owner: the document in a transaction (so it cannot be attached meanwhile), then the bytes. */
export async function removeUnattachedFile(fileId: string, openid: string): Promise<Envelope<{ removed: true }>> {
  const outcome = await db().runTransaction(async (tx) => {
    const doc = (await tx.collection('files').doc(fileId).get()).data as FileRecord | null
    if (!doc || doc.ownerOpenid !== openid) return 'missing' as const
    if (doc.attachedTo) return 'attached' as const
    await tx.collection('files').doc(fileId).remove()
    return doc.fileID
  })
  if (outcome === 'missing') return failWith(FILE_ERR.NOT_FOUND)
  if (outcome === 'attached') return failWith(FILE_ERR.ATTACHED)
  await deleteStored([outcome])
  return ok({ removed: true })
}

/** Deletes the owner's unattached files (optionally only some purposes): documents first, then bytes. */
export async function deleteUnattachedFiles(openid: string, purposes?: readonly FilePurposeKey[]): Promise<number> {
  const files = (await listFilesOf(openid)).filter((f) => !f.attachedTo && (!purposes || purposes.includes(f.purpose)))
  const d = db()
  for (const f of files) await d.collection('files').doc(f._id).remove()
  await deleteStored(files.map((f) => f.fileID))
  return files.length
}

/**
 * Attaches files to a record of another area (TRUST.md: "attach only files the caller uploaded").
 * Refuses the whole list if any file is missing, not uploaded by `openid`, or attached elsewhere;
 * attaching again to the same target is a no-op (a retried submission). Pass the caller's open
 * transaction to make the attachment part of the record it creates; a refusal writes nothing, so
 * return it and let your transaction end without your own writes.
 */
export async function attachFiles(
  openid: string,
  fileIds: readonly string[],
  target: AttachTarget,
  tx?: Tx,
  opts: { purposes?: readonly FilePurposeKey[] } = {},
): Promise<Envelope<{ attached: string[] }>> {
  const ids = [...new Set(fileIds)]
  const run = async (t: Tx): Promise<Envelope<{ attached: string[] }>> => {
    const docs: FileRecord[] = []
    for (const id of ids) {
      const doc = typeof id === 'string' && /^[0-9a-f]{32}$/.test(id) ? ((await t.collection('files').doc(id).get()).data as FileRecord | null) : null
      if (!doc || doc.ownerOpenid !== openid) return failWith(FILE_ERR.NOT_YOURS)
      if (opts.purposes && !opts.purposes.includes(doc.purpose)) return failWith(FILE_ERR.WRONG_PURPOSE)
      if (doc.attachedTo && (doc.attachedTo.type !== target.type || doc.attachedTo.id !== target.id)) {
        return failWith(FILE_ERR.ALREADY_ATTACHED)
      }
      docs.push(doc)
    }
    const at = new Date()
    for (const doc of docs) {
      if (!doc.attachedTo) await t.collection('files').doc(doc._id).update({ data: { attachedTo: { type: target.type, id: target.id, at } } })
    }
    return ok({ attached: ids })
  }
  if (tx) return run(tx)
  // A refusal writes nothing, so committing its (empty) transaction is harmless.
  return db().runTransaction(run)
}

/** Files of a closed account that stay (attached to kept records) are re-keyed to the closed account's tombstone. */
export async function rekeyAttachedFiles(tx: Tx, files: FileRecord[], tombstone: string): Promise<void> {
  for (const f of files) await tx.collection('files').doc(f._id).update({ data: { ownerOpenid: tombstone } })
}

/**
 * Drops files attached to `target` that are no longer wanted (a station photo removed in the edit
 * form): the documents inside the caller's transaction; returns the storage ids to delete with
 * `deleteStored` once the transaction has committed. Files attached elsewhere are left alone.
 */
export async function detachAndDrop(tx: Tx, fileIds: readonly string[], target: AttachTarget): Promise<string[]> {
  const stored: string[] = []
  for (const id of new Set(fileIds)) {
    if (!/^[0-9a-f]{32}$/.test(id)) continue
    const doc = (await tx.collection('files').doc(id).get()).data as FileRecord | null
    if (!doc || !doc.attachedTo || doc.attachedTo.type !== target.type || doc.attachedTo.id !== target.id) continue
    await tx.collection('files').doc(id).remove()
    stored.push(doc.fileID)
  }
  return stored
}

/** Files by id (at most 100 per read), missing ones left out. */
export async function findFilesByIds(fileIds: readonly string[]): Promise<Map<string, FileRecord>> {
  const out = new Map<string, FileRecord>()
  const ids = [...new Set(fileIds)].filter((id) => /^[0-9a-f]{32}$/.test(id))
  const d = db()
  for (let i = 0; i < ids.length; i += 100) {
    const { data } = await d.collection('files').where({ _id: d.command.in(ids.slice(i, i + 100)) }).limit(100).get()
    for (const f of data as FileRecord[]) out.set(f._id, f)
  }
  return out
}

/**
 * Short-lived links (≤ 300 s) to the files attached to `target`, in the order given; files missing,
 * attached elsewhere, or refused by storage are left out. The caller decides who may see them.
 */
export async function attachedUrls(fileIds: readonly string[], target: AttachTarget, maxAge = URL_MAX_AGE_S): Promise<Array<{ fileId: string; url: string }>> {
  if (fileIds.length === 0) return []
  const files = await findFilesByIds(fileIds)
  const wanted = fileIds.flatMap((id) => {
    const f = files.get(id)
    return f && f.attachedTo && f.attachedTo.type === target.type && f.attachedTo.id === target.id ? [f] : []
  })
  if (wanted.length === 0) return []
  const res = (await sdk().getTempFileURL({ fileList: wanted.map((f) => ({ fileID: f.fileID, maxAge: Math.min(maxAge, URL_MAX_AGE_S) })) })) as {
    fileList: Array<{ fileID: string; status: number; tempFileURL: string }>
  }
  const byStored = new Map(res.fileList.filter((x) => x.status === 0 && x.tempFileURL).map((x) => [x.fileID, x.tempFileURL]))
  return wanted.flatMap((f) => (byStored.has(f.fileID) ? [{ fileId: f._id, url: byStored.get(f.fileID)! }] : []))
}

/** Record types whose attached files staff may open when their scope reaches the record's org. */
const ORG_HELD: Record<string, { collection: string; pathField: string }> = {
  stationReport: { collection: 'stationReports', pathField: 'orgPath' },
  station: { collection: 'stations', pathField: 'hostOrgPath' },
  membershipApplication: { collection: 'memberApplications', pathField: 'orgPath' },
  mutualAidClaim: { collection: 'aidClaims', pathField: 'orgPath' },
  legalCase: { collection: 'legalCases', pathField: 'orgPath' },
}
export const isOrgHeldType = (type: string) => Object.prototype.hasOwnProperty.call(ORG_HELD, type)

/** The org path (ancestors + holder, root first) of the record a file is attached to, or null. */
export async function attachedOrgPath(target: AttachTarget): Promise<string[] | null> {
  const held = ORG_HELD[target.type]
  if (!held) return null
  const { data } = await db().collection(held.collection).doc(target.id).get()
  const path = data?.[held.pathField]
  return Array.isArray(path) && path.every((x) => typeof x === 'string') && path.length > 0 ? (path as string[]) : null
}
