/**
 * File storage: storage.getUploadMetadata / batchGetDownloadUrl / batchDeleteFile on the admin API, and
 * the upload / download URLs they hand out under /__storage/.
 *
 * Upload (what @cloudbase/node-sdk does): getUploadMetadata returns a signed URL, the SDK PUTs the bytes
 * there and expects an empty 200 body (COS answers errors in XML). A multipart POST with a `file`
 * field (COS's browser form upload) is accepted on the same URL. Bytes land in dataDir/storage/blobs,
 * written and renamed before the metadata record (size, time, content type, uploader when the upload
 * carries an `x-wx-openid` header) is committed to the database log, so both survive kill -9.
 * Download URLs carry an expiry (`maxAge` seconds, default 86400) and an HMAC signature keyed by a
 * secret kept in dataDir, so they stay valid across restarts until they expire.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'crypto'
import * as fs from 'fs'
import type { IncomingMessage, ServerResponse } from 'http'
import * as path from 'path'
import type { Doc } from './ejson'
import { isPlainObject } from './ejson'
import { invalidParam } from './errors'
import type { Engine, Mutation } from './db/engine'
import { valueKey } from './db/indexes'
import { BodyTooLargeError, parseMultipart, readBody, sendText } from './http-util'

export const FILES_COLLECTION = '__files'
const DEFAULT_MAX_AGE_S = 86400
const UPLOAD_URL_TTL_MS = 60 * 60 * 1000
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024

export interface StoredFile {
  fileID: string
  cloudPath: string
  size: number
  contentType: string
  uploadedAt: Date
  uploader: string | null
}

const MIME: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', bmp: 'image/bmp',
  svg: 'image/svg+xml', pdf: 'application/pdf', txt: 'text/plain; charset=utf-8', json: 'application/json',
  html: 'text/html; charset=utf-8', csv: 'text/csv; charset=utf-8', mp3: 'audio/mpeg', mp4: 'video/mp4',
  doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
}

function mimeOf(cloudPath: string): string {
  return MIME[path.extname(cloudPath).slice(1).toLowerCase()] ?? 'application/octet-stream'
}

/** Normalises a cloudPath; refuses what would break URLs or escape the namespace. */
function checkCloudPath(raw: unknown): string {
  if (typeof raw !== 'string') throw invalidParam('cloudPath must be a string')
  const p = raw.replace(/^\/+/, '')
  if (p === '' || p.length > 1024 || p.endsWith('/')) throw invalidParam('cloudPath must name a file')
  if (/[\x00-\x1f\x7f#?%\\]/.test(p)) throw invalidParam('cloudPath may not contain control characters, #, ?, % or \\')
  if (p.split('/').some(seg => seg === '' || seg === '.' || seg === '..')) throw invalidParam('cloudPath has an empty, . or .. segment')
  return p
}

export class StorageService {
  private readonly engine: Engine
  private readonly envId: string
  private readonly bucket: string
  private readonly blobDir: string
  private readonly tmpDir: string
  private readonly secret: Buffer
  private readonly publicBaseUrl: () => string

  constructor(opts: { dataDir: string; engine: Engine; envId: string; publicBaseUrl: () => string }) {
    this.engine = opts.engine
    this.envId = opts.envId
    this.publicBaseUrl = opts.publicBaseUrl
    // shaped like a real bucket name: <hex of the env's first 2 chars>-<env>-<appid>
    this.bucket = `${Buffer.from(opts.envId.slice(0, 2)).toString('hex')}-${opts.envId}-1300000000`
    const root = path.join(opts.dataDir, 'storage')
    this.blobDir = path.join(root, 'blobs')
    this.tmpDir = path.join(root, 'tmp')
    fs.mkdirSync(this.blobDir, { recursive: true })
    fs.rmSync(this.tmpDir, { recursive: true, force: true })
    fs.mkdirSync(this.tmpDir, { recursive: true })
    const secretPath = path.join(root, 'secret')
    if (!fs.existsSync(secretPath)) fs.writeFileSync(secretPath, randomBytes(32).toString('hex'), { flag: 'wx' })
    this.secret = Buffer.from(fs.readFileSync(secretPath, 'utf8').trim(), 'hex')
  }

  fileIdOf(cloudPath: string): string {
    return `cloud://${this.envId}.${this.bucket}/${cloudPath}`
  }

  private sign(kind: string, cloudPath: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${kind}\n${cloudPath}\n${expires}`).digest('hex').slice(0, 40)
  }

  private verify(kind: string, cloudPath: string, expires: number, sign: string | null): boolean {
    // `expires` is in seconds, like the `t=` of real temporary URLs (10 digits, not a 13-digit ms stamp)
    if (!sign || !Number.isFinite(expires) || expires * 1000 < Date.now()) return false
    const expected = Buffer.from(this.sign(kind, cloudPath, expires))
    const given = Buffer.from(sign)
    return expected.length === given.length && timingSafeEqual(expected, given)
  }

  private meta(fileID: string): Doc | undefined {
    return this.engine.get(FILES_COLLECTION, valueKey(fileID))
  }

  /** storage.getUploadMetadata { path } → { url, token, authorization, fileId, cosFileId } */
  getUploadMetadata(body: Doc): Doc {
    const cloudPath = checkCloudPath(body.path)
    const expires = Math.ceil((Date.now() + UPLOAD_URL_TTL_MS) / 1000)
    const sign = this.sign('put', cloudPath, expires)
    const url = `${this.publicBaseUrl()}/__storage/upload/${cloudPath}?expires=${expires}&sign=${sign}`
    return {
      url,
      token: `emulator-${sign.slice(0, 16)}`,
      authorization: `q-sign-algorithm=emulator&q-signature=${sign}`,
      fileId: this.fileIdOf(cloudPath),
      cosFileId: randomBytes(12).toString('hex'),
    }
  }

  /** storage.batchGetDownloadUrl { file_list: [{ fileid, max_age }] } → { download_list } */
  batchGetDownloadUrl(body: Doc): Doc {
    if (!Array.isArray(body.file_list)) throw invalidParam('file_list must be an array')
    const list = body.file_list.map((item: unknown) => {
      const fileID = isPlainObject(item) ? item.fileid : undefined
      if (typeof fileID !== 'string') return { fileID, tempFileURL: '', code: 'INVALID_PARAM', message: 'fileid must be a string' }
      const meta = this.meta(fileID)
      if (!meta) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'file does not exist' }
      const rawAge = isPlainObject(item) ? item.max_age : undefined
      const maxAge = typeof rawAge === 'number' && rawAge > 0 ? rawAge : DEFAULT_MAX_AGE_S
      const expires = Math.ceil(Date.now() / 1000 + maxAge)
      const cloudPath = String(meta.cloudPath)
      const tempFileURL = `${this.publicBaseUrl()}/__storage/download/${cloudPath}?expires=${expires}&sign=${this.sign('get', cloudPath, expires)}`
      return { fileID, tempFileURL, code: 'SUCCESS', maxAge }
    })
    return { download_list: list }
  }

  /** storage.batchDeleteFile { fileid_list } → { delete_list } */
  batchDeleteFile(body: Doc): Doc {
    if (!Array.isArray(body.fileid_list)) throw invalidParam('fileid_list must be an array')
    const blobs: string[] = []
    const mutations: Mutation[] = []
    const seen = new Set<string>()
    const list = body.fileid_list.map((fileID: unknown) => {
      if (typeof fileID !== 'string') return { fileID, code: 'INVALID_PARAM', message: 'fileID must be a string' }
      const meta = this.meta(fileID)
      if (!meta || seen.has(fileID)) return { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'file does not exist' }
      seen.add(fileID)
      blobs.push(String(meta.blob))
      mutations.push({ coll: FILES_COLLECTION, idKey: valueKey(fileID), doc: null })
      return { fileID, code: 'SUCCESS' }
    })
    this.engine.commit(mutations)
    for (const blob of blobs) fs.rmSync(path.join(this.blobDir, blob), { force: true })
    return { delete_list: list }
  }

  list(): StoredFile[] {
    return this.engine.all(FILES_COLLECTION).map(d => this.toStoredFile(d))
  }

  get(fileID: string): StoredFile | null {
    const meta = this.meta(fileID)
    return meta ? this.toStoredFile(meta) : null
  }

  private toStoredFile(d: Doc): StoredFile {
    return {
      fileID: String(d._id),
      cloudPath: String(d.cloudPath),
      size: Number(d.size),
      contentType: String(d.contentType),
      uploadedAt: d.uploadedAt instanceof Date ? new Date(d.uploadedAt.getTime()) : new Date(0),
      uploader: typeof d.uploader === 'string' ? d.uploader : null,
    }
  }

  /** Serves /__storage/upload/<path> and /__storage/download/<path>; false for anything else. */
  async handleHttp(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const m = /^\/__storage\/(upload|download)\/(.+)$/.exec(url.pathname)
    if (!m) return false
    let cloudPath: string
    try {
      cloudPath = checkCloudPath(decodeURIComponent(m[2]))
    } catch {
      sendText(res, 400, 'bad path')
      return true
    }
    const expires = Number(url.searchParams.get('expires'))
    const sign = url.searchParams.get('sign')
    if (m[1] === 'upload') {
      if (req.method !== 'PUT' && req.method !== 'POST') {
        sendText(res, 405, 'use PUT or POST')
        return true
      }
      if (!this.verify('put', cloudPath, expires, sign)) {
        sendText(res, 403, cosError('AccessDenied', 'upload URL is invalid or has expired'), 'application/xml')
        return true
      }
      await this.receiveUpload(req, res, cloudPath)
      return true
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'use GET')
      return true
    }
    if (!this.verify('get', cloudPath, expires, sign)) {
      sendText(res, 403, cosError('AccessDenied', 'download URL is invalid or has expired'), 'application/xml')
      return true
    }
    const meta = this.meta(this.fileIdOf(cloudPath))
    const blobPath = meta ? path.join(this.blobDir, String(meta.blob)) : ''
    if (!meta || !fs.existsSync(blobPath)) {
      sendText(res, 404, cosError('NoSuchKey', 'the file does not exist'), 'application/xml')
      return true
    }
    res.writeHead(200, { 'content-type': String(meta.contentType), 'content-length': Number(meta.size) })
    if (req.method === 'HEAD') {
      res.end()
      return true
    }
    await new Promise<void>(resolve => {
      const stream = fs.createReadStream(blobPath)
      stream.on('error', () => {
        res.destroy()
        resolve()
      })
      stream.on('end', () => resolve())
      stream.pipe(res)
    })
    return true
  }

  private async receiveUpload(req: IncomingMessage, res: ServerResponse, cloudPath: string): Promise<void> {
    let body: Buffer
    try {
      body = await readBody(req, MAX_UPLOAD_BYTES)
    } catch (e) {
      const tooLarge = e instanceof BodyTooLargeError
      sendText(res, tooLarge ? 413 : 400, cosError(tooLarge ? 'EntityTooLarge' : 'BadRequest', (e as Error).message), 'application/xml')
      return
    }
    let bytes = body
    let contentType: string | undefined = req.headers['content-type']
    if (req.method === 'POST' && /multipart\/form-data/i.test(contentType ?? '')) {
      const file = parseMultipart(body, contentType!).get('file')
      if (!file) {
        sendText(res, 400, cosError('InvalidArgument', 'form upload without a file field'), 'application/xml')
        return
      }
      bytes = file.data
      contentType = file.contentType
    }
    if (!contentType || /^(application\/octet-stream|multipart\/)/i.test(contentType)) contentType = mimeOf(cloudPath)
    const blob = randomBytes(16).toString('hex')
    const tmp = path.join(this.tmpDir, blob)
    fs.writeFileSync(tmp, bytes)
    if (process.env.EMULATOR_FSYNC === '1') {
      const fd = fs.openSync(tmp, 'r')
      fs.fsyncSync(fd)
      fs.closeSync(fd)
    }
    fs.renameSync(tmp, path.join(this.blobDir, blob))
    const fileID = this.fileIdOf(cloudPath)
    const previous = this.meta(fileID)
    const uploader = req.headers['x-wx-openid']
    const doc: Doc = {
      _id: fileID,
      cloudPath,
      blob,
      size: bytes.length,
      contentType,
      uploadedAt: new Date(),
      uploader: typeof uploader === 'string' && uploader !== '' ? uploader : null,
    }
    try {
      this.engine.commit([{ coll: FILES_COLLECTION, idKey: valueKey(fileID), doc }])
    } catch (e) {
      fs.rmSync(path.join(this.blobDir, blob), { force: true })
      throw e
    }
    if (previous) fs.rmSync(path.join(this.blobDir, String(previous.blob)), { force: true })
    res.writeHead(200, { 'content-length': 0, etag: `"${blob}"` })
    res.end()
  }
}

function cosError(code: string, message: string): string {
  return `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n<Code>${code}</Code>\n<Message>${message}</Message>\n<RequestId>emulator</RequestId>\n<TraceId>emulator</TraceId>\n</Error>`
}
