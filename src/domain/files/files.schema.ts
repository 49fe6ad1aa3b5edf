import * as z from '../zod'
import type { ConsentCategory } from '../consent/consent'
import { redact } from '../privacy/redact'

/** Private documents (TRUST.md): images and PDFs only, at most 8 MB, uploaded in chunks. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024
/**
 * Bytes per chunk. 128 KiB is ~171 KB as base64, under the 256 KB event limit of every function
 * (handler.ts) and the 256 KB decoded cap of a chunk.
 */
export const CHUNK_SIZE = 128 * 1024
export const MAX_CHUNK_BYTES = 256 * 1024
export const MAX_CHUNKS = Math.ceil(MAX_FILE_BYTES / CHUNK_SIZE)
/** Temporary links to a document live at most this long. */
export const URL_MAX_AGE_S = 300
/** An unfinished upload is kept this long for resuming. */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000
export const MAX_OPEN_UPLOADS = 10
export const MAX_UNATTACHED_FILES = 50

export const FILE_MIMES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const
export type FileMime = (typeof FILE_MIMES)[number]
export const FILE_EXTENSIONS: Record<FileMime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' }

export interface FilePurpose {
  label: string
  /** The separate consent this kind of document needs first, if any. */
  consent: ConsentCategory | null
  /** Only staff roles may begin such an upload. */
  staffOnly?: boolean
  /** Photos only (no PDF). */
  imagesOnly?: boolean
}

export const FILE_PURPOSES = {
  medical_record: { label: '病历、诊断证明', consent: 'medical_documents' },
  medical_invoice: { label: '医疗费用票据', consent: 'medical_documents' },
  id_card_photo: { label: '身份证照片', consent: 'id_number' },
  bank_card_photo: { label: '银行卡照片', consent: 'bank_card' },
  work_proof: { label: '劳动合同、工资条等证明', consent: null },
  other: { label: '其他材料', consent: null },
  /** 报修 photo of broken equipment: not sensitive, no consent; the page asks not to photograph faces. */
  report_photo: { label: '报修照片', consent: null, imagesOnly: true },
  /** A station's public photo, added by staff in the station edit form. */
  station_photo: { label: '驿站照片', consent: null, staffOnly: true, imagesOnly: true },
} as const satisfies Record<string, FilePurpose>
export type FilePurposeKey = keyof typeof FILE_PURPOSES
export const FILE_PURPOSE_KEYS = Object.keys(FILE_PURPOSES) as FilePurposeKey[]

export const purposesNeeding = (category: ConsentCategory): FilePurposeKey[] =>
  FILE_PURPOSE_KEYS.filter((k) => FILE_PURPOSES[k].consent === category)

export const FILE_ERR = {
  TYPE_NOT_ALLOWED: { code: 'FILE.TYPE_NOT_ALLOWED', message: '只能传照片（JPG、PNG、WEBP）或 PDF 文件，请换一个文件再传' },
  TOO_LARGE: { code: 'FILE.TOO_LARGE', message: '文件太大了，不能超过 8 MB。照片可以重新拍一张，或者截图后再传' },
  EMPTY: { code: 'FILE.EMPTY', message: '这个文件是空的，请换一个' },
  IMAGE_ONLY: { code: 'FILE.IMAGE_ONLY', message: '这里只能传照片（JPG、PNG、WEBP），请换一张照片再传' },
  WRONG_PURPOSE: { code: 'FILE.WRONG_PURPOSE', message: '这张照片不是为这件事上传的，请重新上传' },
  TYPE_MISMATCH: { code: 'FILE.TYPE_MISMATCH', message: '这个文件打不开，可能不是照片或 PDF。请换一个再传' },
  TOO_MANY: { code: 'FILE.TOO_MANY', message: '你存的材料太多了。请先删掉用不上的，再上传' },
  NOT_FOUND: { code: 'FILE.NOT_FOUND', message: '没有找到这份材料，可能已经删掉了。请刷新后再看，需要的话重新上传' },
  ATTACHED: { code: 'FILE.ATTACHED', message: '这份材料已经交给工会办事了，不能删。要改的话，请问一问工会工作人员' },
  NOT_YOURS: { code: 'FILE.NOT_YOURS', message: '只能交你自己上传的材料，请重新上传' },
  ALREADY_ATTACHED: { code: 'FILE.ALREADY_ATTACHED', message: '这份材料已经交到别的事项里了，请重新上传一份' },
  UPLOAD_NOT_FOUND: { code: 'UPLOAD.NOT_FOUND', message: '上传已经过期了，请重新选择文件上传' },
  UPLOAD_EXPIRED: { code: 'UPLOAD.EXPIRED', message: '上传已经过期了，请重新选择文件上传' },
  UPLOAD_FAILED: { code: 'UPLOAD.FAILED', message: '这次上传没成功，请重新选择文件上传' },
  UPLOAD_TOO_MANY: { code: 'UPLOAD.TOO_MANY', message: '没传完的文件太多了，请先把它们传完，或者过一天再试' },
  CHUNK_OUT_OF_RANGE: { code: 'UPLOAD.CHUNK_OUT_OF_RANGE', message: '上传的内容不对，请重新选择文件上传' },
  CHUNK_SIZE: { code: 'UPLOAD.CHUNK_SIZE', message: '上传的内容不完整，请再试一次' },
  INCOMPLETE: { code: 'UPLOAD.INCOMPLETE', message: '文件还没传完，请接着上传' },
  CHECKSUM: { code: 'UPLOAD.CHECKSUM_MISMATCH', message: '文件在传的路上出了错，请重新上传一次' },
} as const

/** Size and type rules, shared by the page (before uploading) and the function. */
export function fileLimitProblem(mime: string, size: number): (typeof FILE_ERR)[keyof typeof FILE_ERR] | null {
  if (!(FILE_MIMES as readonly string[]).includes(mime)) return FILE_ERR.TYPE_NOT_ALLOWED
  if (size <= 0) return FILE_ERR.EMPTY
  if (size > MAX_FILE_BYTES) return FILE_ERR.TOO_LARGE
  return null
}

/** Purpose-specific rules on top of fileLimitProblem (images only). */
export function purposeProblem(purpose: FilePurposeKey, mime: string): (typeof FILE_ERR)[keyof typeof FILE_ERR] | null {
  const p: FilePurpose = FILE_PURPOSES[purpose]
  if (p.imagesOnly && !mime.startsWith('image/')) return FILE_ERR.IMAGE_ONLY
  return null
}

/** A display name: no folders, no control characters, no personal numbers, at most 80 characters. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? ''
  const plain = redact(base.replace(/[\u0000-\u001f\u007f]/g, '').trim())
  const chars = Array.from(plain)
  const short = chars.length > 80 ? chars.slice(0, 40).join('') + '…' + chars.slice(-39).join('') : plain
  return short || '材料'
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
const hexId = (what: string) => z.string({ error: `缺少${what}` }).check(z.regex(/^[0-9a-f]{32}$/, { error: `${what}不对` }))

export const uploadIdInput = hexId('上传编号')
export const fileIdInput = hexId('材料编号')

export const filesEvent = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('begin'),
    name: z.pipe(
      z.string({ error: '缺少文件名' }).check(z.minLength(1, { error: '缺少文件名' }), z.maxLength(255, { error: '文件名太长了' })),
      z.transform(cleanFileName),
    ),
    mime: z.string({ error: '缺少文件类型' }).check(z.maxLength(100)),
    size: z.number({ error: '缺少文件大小' }).check(z.int(), z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER)),
    sha256: z.string({ error: '缺少文件校验码' }).check(z.regex(/^[0-9a-f]{64}$/, { error: '文件校验码不对' })),
    purpose: z.enum(FILE_PURPOSE_KEYS as [FilePurposeKey, ...FilePurposeKey[]], { error: '请选择这是什么材料' }),
  }),
  z.object({
    action: z.literal('chunk'),
    uploadId: uploadIdInput,
    index: z.number({ error: '缺少分块序号' }).check(z.int(), z.minimum(0), z.maximum(MAX_CHUNKS)),
    data: z
      .string({ error: '缺少上传内容' })
      .check(z.maxLength(4 * Math.ceil(MAX_CHUNK_BYTES / 3), { error: '一次上传的内容太多了' }), z.regex(BASE64, { error: '上传的内容不对' })),
  }),
  z.object({ action: z.literal('status'), uploadId: uploadIdInput }),
  z.object({ action: z.literal('finish'), uploadId: uploadIdInput }),
  z.object({ action: z.literal('url'), fileId: fileIdInput }),
  z.object({ action: z.literal('remove'), fileId: fileIdInput }),
])
export type FilesEvent = z.infer<typeof filesEvent>

export interface UploadStatus {
  uploadId: string
  chunkSize: number
  chunkCount: number
  /** Chunk indexes the server holds, ascending. */
  received: number[]
  /** Set once finished: the document's id. */
  fileId: string | null
}

export interface FinishedFile {
  fileId: string
  name: string
  mime: FileMime
  size: number
}

export interface FileUrl {
  url: string
  expiresIn: number
  name: string
  mime: FileMime
}

/** What a file can be attached to (a request of another area). */
export interface AttachTarget {
  type: string
  id: string
}
