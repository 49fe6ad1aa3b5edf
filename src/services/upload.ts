// Private documents from the phone to the `files` function: images are made smaller first, then the
// bytes go up in chunks through the normal transport (the same on weapp and h5), each chunk retried
// with exponential backoff. Progress is saved with Taro.setStorageSync, so after a lost network or a
// killed app the upload goes on from where the server says it is (`status`), not from the start.
import Taro from '@tarojs/taro'
import { fail, ok, type Envelope, failWith } from '../domain/envelope'
import { backoffMs, chunkRange, missingChunks, progressOf } from '../domain/files/chunks'
import { bytesToBase64 } from '../domain/files/base64'
import { sha256Hex } from '../domain/files/sha256'
import { sniffMime } from '../domain/files/sniff'
import { FILE_ERR, FILE_EXTENSIONS, fileLimitProblem, type FileMime, type FilePurposeKey, type FinishedFile, type UploadStatus } from '../domain/files/files.schema'
import { callFunction } from './transport'

/** Longest side of an uploaded photo; enough to read a receipt. */
export const MAX_IMAGE_WIDTH = 1600
export const JPEG_QUALITY = 70
const STORAGE_PREFIX = 'upload:'
const TRANSIENT = new Set(['NET.UNAVAILABLE', 'SYS.TIMEOUT', 'SYS.BAD_REPLY', 'SYS.INTERNAL'])
const RESTART = new Set(['UPLOAD.NOT_FOUND', 'UPLOAD.EXPIRED', 'UPLOAD.FAILED'])

export interface UploadProgress {
  phase: 'preparing' | 'uploading' | 'finishing' | 'done'
  /** 0..1, by bytes the server holds. */
  fraction: number
}

/** What is kept on the phone between tries (never the bytes themselves, except a weapp file copy). */
export interface SavedUpload {
  key: string
  uploadId: string
  name: string
  mime: FileMime
  purpose: FilePurposeKey
  size: number
  chunkSize: number
  received: number[]
  /** weapp: a copy of the prepared bytes in the user data folder, to resume after the app was closed. */
  localPath: string | null
  savedAt: number
}

export interface UploadDeps {
  call: <T>(name: string, data: Record<string, unknown>) => Promise<Envelope<T>>
  storage: { get(key: string): unknown; set(key: string, value: unknown): void; remove(key: string): void; keys(): string[] }
  sleep(ms: number): Promise<void>
  random(): number
  sha256(bytes: Uint8Array): Promise<string>
  /** weapp: keep / read / delete a copy of the bytes; null elsewhere. */
  localCopy: { save(key: string, bytes: Uint8Array, ext: string): Promise<string | null>; read(path: string): Promise<Uint8Array>; remove(path: string): void } | null
}

export interface UploadInput {
  bytes: Uint8Array
  name: string
  mime: string
  purpose: FilePurposeKey
}

export interface UploadOptions {
  onProgress?: (p: UploadProgress) => void
  /** Tries per call before giving up (the first try included). */
  attempts?: number
  deps?: Partial<UploadDeps>
}

async function webCryptoSha256(bytes: Uint8Array): Promise<string> {
  const subtle = typeof crypto !== 'undefined' ? crypto.subtle : undefined
  if (!subtle) return sha256Hex(bytes)
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>))
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')
}

function weappLocalCopy(): UploadDeps['localCopy'] {
  if (process.env.TARO_ENV !== 'weapp') return null
  const fs = Taro.getFileSystemManager()
  const dir = `${wx.env.USER_DATA_PATH}/uploads`
  return {
    async save(key, bytes, ext) {
      try {
        try {
          fs.accessSync(dir)
        } catch {
          fs.mkdirSync(dir, true)
        }
        const path = `${dir}/${key.replace(/[^0-9a-z]/gi, '').slice(-24)}.${ext}`
        fs.writeFileSync(path, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
        return path
      } catch {
        return null
      }
    },
    async read(path) {
      return new Uint8Array(fs.readFileSync(path) as ArrayBuffer)
    },
    remove(path) {
      try {
        fs.unlinkSync(path)
      } catch {
        // already gone
      }
    },
  }
}

function defaultDeps(): UploadDeps {
  return {
    call: callFunction,
    storage: {
      get: (key) => Taro.getStorageSync(key),
      set: (key, value) => Taro.setStorageSync(key, value),
      remove: (key) => Taro.removeStorageSync(key),
      keys: () => Taro.getStorageInfoSync().keys,
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    sha256: process.env.TARO_ENV === 'h5' ? webCryptoSha256 : async (b) => sha256Hex(b),
    localCopy: weappLocalCopy(),
  }
}

const depsOf = (partial?: Partial<UploadDeps>): UploadDeps => ({ ...defaultDeps(), ...partial })

/** Calls `files` until it answers something other than a network or server hiccup, backing off between tries. */
async function callWithRetry<T>(deps: UploadDeps, event: Record<string, unknown>, attempts: number): Promise<Envelope<T>> {
  let last: Envelope<T> = fail('NET.UNAVAILABLE', '网络不太好，请检查网络后再试一次')
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await deps.sleep(backoffMs(attempt - 1, deps.random()))
    try {
      last = await deps.call<T>('files', event)
    } catch {
      last = fail('NET.UNAVAILABLE', '网络不太好，请检查网络后再试一次')
    }
    if (last.ok || !TRANSIENT.has(last.error.code)) return last
  }
  return last
}

const readSaved = (deps: UploadDeps, key: string): SavedUpload | null => {
  const v = deps.storage.get(key)
  return v && typeof v === 'object' && typeof (v as SavedUpload).uploadId === 'string' ? (v as SavedUpload) : null
}

function forget(deps: UploadDeps, saved: SavedUpload | null) {
  if (!saved) return
  deps.storage.remove(saved.key)
  if (saved.localPath) deps.localCopy?.remove(saved.localPath)
}

interface Session {
  status: UploadStatus
  saved: SavedUpload
}

/** The saved upload as the server sees it now, or a new one (`begin` also finds the same bytes on the server). */
async function openSession(deps: UploadDeps, input: UploadInput & { mime: FileMime }, key: string, sha256: string, attempts: number): Promise<Envelope<Session>> {
  const saved = readSaved(deps, key)
  if (saved) {
    const r = await callWithRetry<UploadStatus>(deps, { action: 'status', uploadId: saved.uploadId }, attempts)
    if (r.ok) return ok({ status: r.data, saved })
    if (!RESTART.has(r.error.code) && !r.error.code.startsWith('AUTH.')) return r
    forget(deps, saved)
  }
  const r = await callWithRetry<UploadStatus>(deps, { action: 'begin', name: input.name, mime: input.mime, size: input.bytes.length, sha256, purpose: input.purpose }, attempts)
  if (!r.ok) return r
  const localPath = deps.localCopy ? await deps.localCopy.save(key, input.bytes, FILE_EXTENSIONS[input.mime]) : null
  const fresh: SavedUpload = {
    key,
    uploadId: r.data.uploadId,
    name: input.name,
    mime: input.mime,
    purpose: input.purpose,
    size: input.bytes.length,
    chunkSize: r.data.chunkSize,
    received: [],
    localPath,
    savedAt: Date.now(),
  }
  return ok({ status: r.data, saved: fresh })
}

/** Sends what the server is missing and finishes; 'restart' when the server no longer has the upload. */
async function sendAndFinish(deps: UploadDeps, bytes: Uint8Array, { status, saved }: Session, attempts: number, report: (p: UploadProgress) => void): Promise<Envelope<FinishedFile> | 'restart'> {
  const { uploadId, chunkSize, chunkCount } = status
  let received = [...status.received]
  const persist = () => deps.storage.set(saved.key, { ...saved, received, savedAt: Date.now() })
  persist()
  for (let round = 0; round < 3; round++) {
    for (const index of missingChunks(chunkCount, received)) {
      report({ phase: 'uploading', fraction: progressOf(received, bytes.length, chunkSize) })
      const { start, end } = chunkRange(index, bytes.length, chunkSize)
      const r = await callWithRetry(deps, { action: 'chunk', uploadId, index, data: bytesToBase64(bytes.subarray(start, end)) }, attempts)
      if (!r.ok) return RESTART.has(r.error.code) ? 'restart' : r
      received = [...received, index]
      persist()
    }
    report({ phase: 'finishing', fraction: progressOf(received, bytes.length, chunkSize) })
    const done = await callWithRetry<FinishedFile>(deps, { action: 'finish', uploadId }, attempts)
    if (done.ok) {
      forget(deps, saved)
      report({ phase: 'done', fraction: 1 })
      return done
    }
    const code = done.error.code
    if (code === FILE_ERR.INCOMPLETE.code) {
      // The server lost some chunks: ask which, and send them again.
      const s = await callWithRetry<UploadStatus>(deps, { action: 'status', uploadId }, attempts)
      if (!s.ok) return RESTART.has(s.error.code) ? 'restart' : s
      received = [...s.data.received]
      persist()
      continue
    }
    // A damaged transfer gets one more full try; a wrong type would fail again.
    if (code === FILE_ERR.CHECKSUM.code || code === FILE_ERR.UPLOAD_NOT_FOUND.code || code === FILE_ERR.UPLOAD_EXPIRED.code) return 'restart'
    if (code === FILE_ERR.TYPE_MISMATCH.code || code === FILE_ERR.UPLOAD_FAILED.code) forget(deps, saved)
    return done
  }
  return failWith(FILE_ERR.INCOMPLETE)
}

/**
 * Uploads prepared bytes, resuming a saved upload of the same bytes. Resolves with the document id or
 * the error to show; a network error after all retries keeps the saved progress for the next try.
 */
export async function uploadBytes(input: UploadInput, opts: UploadOptions = {}): Promise<Envelope<FinishedFile>> {
  const deps = depsOf(opts.deps)
  const attempts = opts.attempts ?? 5
  const report = (p: UploadProgress) => opts.onProgress?.(p)
  const problem = fileLimitProblem(input.mime, input.bytes.length)
  if (problem) return fail(problem.code, problem.message)
  const typed = { ...input, mime: input.mime as FileMime }
  report({ phase: 'preparing', fraction: 0 })
  const sha256 = await deps.sha256(input.bytes)
  const key = `${STORAGE_PREFIX}${input.purpose}:${sha256}`

  for (let pass = 0; pass < 2; pass++) {
    const session = await openSession(deps, typed, key, sha256, attempts)
    if (!session.ok) return session
    if (session.data.status.fileId) {
      forget(deps, session.data.saved)
      report({ phase: 'done', fraction: 1 })
      return ok({ fileId: session.data.status.fileId, name: typed.name, mime: typed.mime, size: typed.bytes.length })
    }
    const result = await sendAndFinish(deps, typed.bytes, session.data, attempts, report)
    if (result !== 'restart') return result
    forget(deps, session.data.saved)
  }
  return failWith(FILE_ERR.UPLOAD_FAILED)
}

/** Uploads saved on this phone that did not finish (for a "继续上传" prompt). */
export function pendingUploads(partial?: Partial<UploadDeps>): SavedUpload[] {
  const deps = depsOf(partial)
  return deps.storage
    .keys()
    .filter((k) => k.startsWith(STORAGE_PREFIX))
    .map((k) => readSaved(deps, k))
    .filter((s): s is SavedUpload => s !== null)
}

/** Continues a saved upload from its local copy (weapp); without one the person picks the file again. */
export async function resumeUpload(saved: SavedUpload, opts: UploadOptions = {}): Promise<Envelope<FinishedFile>> {
  const deps = depsOf(opts.deps)
  if (!saved.localPath || !deps.localCopy) return fail('UPLOAD.PICK_AGAIN', '请重新选择这个文件，会接着上次的进度上传')
  let bytes: Uint8Array
  try {
    bytes = await deps.localCopy.read(saved.localPath)
  } catch {
    forget(deps, saved)
    return fail('UPLOAD.PICK_AGAIN', '请重新选择这个文件，会接着上次的进度上传')
  }
  return uploadBytes({ bytes, name: saved.name, mime: saved.mime, purpose: saved.purpose }, opts)
}

// ---- preparing a picked file ---------------------------------------------------------------------

export interface PickedFile {
  /** weapp: a temp file path; h5: a blob: URL (what Taro.chooseImage / chooseMessageFile return). */
  path: string
  name: string
  /** h5 only: the File, when the picker gave one. */
  file?: Blob
}

const renameTo = (name: string, ext: string) => `${name.replace(/\.[^./\\]*$/, '') || '照片'}.${ext}`

async function readPicked(picked: PickedFile): Promise<Uint8Array> {
  if (process.env.TARO_ENV === 'h5') {
    const blob = picked.file ?? (await (await fetch(picked.path)).blob())
    return new Uint8Array(await blob.arrayBuffer())
  }
  return new Uint8Array(Taro.getFileSystemManager().readFileSync(picked.path) as ArrayBuffer)
}

/** h5: draw on a canvas no wider than MAX_IMAGE_WIDTH and encode JPEG at 0.7. */
async function compressOnCanvas(original: Uint8Array, mime: string): Promise<Uint8Array | null> {
  const url = URL.createObjectURL(new Blob([original as BlobPart], { type: mime }))
  try {
    const img = await new Promise<HTMLImageElement>((resolve, reject) => {
      const el = new Image()
      el.onload = () => resolve(el)
      el.onerror = () => reject(new Error('image did not load'))
      el.src = url
    })
    const scale = Math.min(1, MAX_IMAGE_WIDTH / img.naturalWidth)
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(img.naturalWidth * scale)
    canvas.height = Math.round(img.naturalHeight * scale)
    const ctx = canvas.getContext('2d')
    if (!ctx) return null
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY / 100))
    return blob ? new Uint8Array(await blob.arrayBuffer()) : null
  } catch {
    return null
  } finally {
    URL.revokeObjectURL(url)
  }
}

/** weapp: Taro.compressImage at quality 70, narrowed to MAX_IMAGE_WIDTH when the photo is wider. */
async function compressOnPhone(path: string): Promise<Uint8Array | null> {
  try {
    const info = await Taro.getImageInfo({ src: path })
    const res = await Taro.compressImage({ src: path, quality: JPEG_QUALITY, ...(info.width > MAX_IMAGE_WIDTH ? { compressedWidth: MAX_IMAGE_WIDTH } : {}) })
    return new Uint8Array(Taro.getFileSystemManager().readFileSync(res.tempFilePath) as ArrayBuffer)
  } catch {
    return null
  }
}

/**
 * Reads a picked photo or PDF and makes photos smaller; the type is taken from the bytes, not the name.
 * Keeps the original when compressing fails or does not make it smaller.
 */
export async function prepareFile(picked: PickedFile): Promise<Envelope<{ bytes: Uint8Array; name: string; mime: FileMime }>> {
  let bytes: Uint8Array
  try {
    bytes = await readPicked(picked)
  } catch {
    return fail('FILE.UNREADABLE', '这个文件读不出来，请换一个再试')
  }
  const mime = sniffMime(bytes.subarray(0, 16))
  if (!mime) return failWith(FILE_ERR.TYPE_NOT_ALLOWED)
  if (mime === 'application/pdf') return ok({ bytes, name: picked.name, mime })
  const smaller = process.env.TARO_ENV === 'h5' ? await compressOnCanvas(bytes, mime) : await compressOnPhone(picked.path)
  const smallerMime = smaller ? sniffMime(smaller.subarray(0, 16)) : null
  if (smaller && smallerMime && smaller.length < bytes.length) {
    return ok({ bytes: smaller, name: renameTo(picked.name, FILE_EXTENSIONS[smallerMime]), mime: smallerMime })
  }
  return ok({ bytes, name: picked.name, mime })
}

/** Picked file → prepared → uploaded, with progress for a progress bar. */
export async function uploadPicked(picked: PickedFile, purpose: FilePurposeKey, opts: UploadOptions = {}): Promise<Envelope<FinishedFile>> {
  opts.onProgress?.({ phase: 'preparing', fraction: 0 })
  const prepared = await prepareFile(picked)
  if (!prepared.ok) return prepared
  return uploadBytes({ ...prepared.data, purpose }, opts)
}
