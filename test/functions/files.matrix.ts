/** Authorization matrix rows of the `files` function, plus upload helpers the files and privacy tests share. */
import { createHash, randomBytes } from 'node:crypto'
import type { CallerKey, MatrixContext, MatrixRow } from '../support/matrix'
import { CHUNK_SIZE } from '../../src/domain/files/files.schema'

type Reply = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } }
/** Calls the `files` function as one fixed caller. */
export type FilesCall = (event: Record<string, unknown>) => Promise<unknown>

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** Bytes that look like the given type to the server's magic-number check. */
export function sampleBytes(mime: 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf', size: number): Buffer {
  const head =
    mime === 'image/jpeg'
      ? Buffer.from([0xff, 0xd8, 0xff, 0xe0])
      : mime === 'image/png'
        ? Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
        : mime === 'image/webp'
          ? Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBP')])
          : Buffer.from('%PDF-1.4\n')
  return Buffer.concat([head, randomBytes(Math.max(0, size - head.length))]).subarray(0, size)
}

export interface UploadOptions {
  name?: string
  mime?: 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf'
  purpose?: string
  /** Send only these chunk indexes (default: all). */
  only?: number[]
}

const expectOk = (r: unknown, what: string): Record<string, unknown> => {
  const reply = r as Reply
  if (!reply.ok) throw new Error(`${what} failed: ${JSON.stringify(reply.error)}`)
  return reply.data ?? {}
}

/** begin + every chunk (or `only` some); returns the uploadId. */
export async function startUpload(call: FilesCall, bytes: Buffer, opts: UploadOptions = {}): Promise<string> {
  const begin = expectOk(
    await call({ action: 'begin', name: opts.name ?? '工资条.jpg', mime: opts.mime ?? 'image/jpeg', size: bytes.length, sha256: sha256(bytes), purpose: opts.purpose ?? 'work_proof' }),
    'begin',
  )
  const uploadId = begin.uploadId as string
  const count = Math.ceil(bytes.length / CHUNK_SIZE)
  for (let i = 0; i < count; i++) {
    if (opts.only && !opts.only.includes(i)) continue
    expectOk(await call({ action: 'chunk', uploadId, index: i, data: bytes.subarray(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE).toString('base64') }), `chunk ${i}`)
  }
  return uploadId
}

/** A whole upload; returns the files document id. */
export async function uploadFile(call: FilesCall, bytes: Buffer, opts: UploadOptions = {}): Promise<string> {
  const uploadId = await startUpload(call, bytes, opts)
  return expectOk(await call({ action: 'finish', uploadId }), 'finish').fileId as string
}

const asCaller = (ctx: MatrixContext, caller: CallerKey): FilesCall => (event) => ctx.call(caller, 'files', event)

/** Marks a file as attached to a request, as another area's function would through attachFiles. */
function attach(ctx: MatrixContext, fileId: string) {
  ctx.rt.emulator.db.update('files', { _id: fileId }, { $set: { attachedTo: { type: 'probe', id: 'matrix-request', at: new Date() } } })
}

/** Lazily made, reused across the callers of one row (keeps workerA under the open-upload limit). */
function once<T>(make: (ctx: MatrixContext) => Promise<T>): (ctx: MatrixContext) => Promise<T> {
  let value: Promise<T> | null = null
  return (ctx) => (value ??= make(ctx))
}

const openUploadOfA = once((ctx) => startUpload(asCaller(ctx, 'workerA'), sampleBytes('image/jpeg', CHUNK_SIZE + 100), { only: [0] }))
const completeUploadOfA = once((ctx) => startUpload(asCaller(ctx, 'workerA'), sampleBytes('application/pdf', 3000), { mime: 'application/pdf', name: '合同.pdf' }))
const fileOfA = once((ctx) => uploadFile(asCaller(ctx, 'workerA'), sampleBytes('image/png', 5000), { mime: 'image/png', name: '工资条.png' }))
const attachedFileOfA = once(async (ctx) => {
  const id = await uploadFile(asCaller(ctx, 'workerA'), sampleBytes('image/jpeg', 4000))
  attach(ctx, id)
  return id
})
/** workerA's 报修 photo attached to a report held by org X (org-fengda, under org-fed). */
const reportPhotoOfA = once(async (ctx) => {
  const id = await uploadFile(asCaller(ctx, 'workerA'), sampleBytes('image/jpeg', 2500), { purpose: 'report_photo' })
  const reportId = `matrix-report-${id.slice(0, 8)}`
  ctx.rt.emulator.db.insert('stationReports', { _id: reportId, type: 'stationReport', ownerOpenid: 'o-demo-laoli', orgId: 'org-fengda', orgPath: ['org-fed', 'org-fengda'], stationId: 'matrix-station', stationName: '矩阵驿站', problem: 'other', text: null, flagged: false, state: 'submitted', version: 1, replyReason: null, replyNote: null, photoFileIds: [id], createdAt: new Date(), updatedAt: new Date() })
  ctx.rt.emulator.db.update('files', { _id: id }, { $set: { attachedTo: { type: 'stationReport', id: reportId, at: new Date() } } })
  return id
})
const spareFileOfA = once((ctx) => uploadFile(asCaller(ctx, 'workerA'), sampleBytes('image/jpeg', 2000)))

const SIGNED_IN: CallerKey[] = ['workerA', 'workerB', 'grassrootsX', 'grassrootsY', 'federation', 'admin']

export const rows: MatrixRow[] = [
  {
    fn: 'files',
    action: 'begin',
    note: 'anyone signed in starts their own upload',
    event: () => ({ action: 'begin', name: '工资条.jpg', mime: 'image/jpeg', size: 1000, sha256: randomBytes(32).toString('hex'), purpose: 'work_proof' }),
    allowed: SIGNED_IN,
  },
  {
    fn: 'files',
    action: 'begin',
    note: 'a station photo: staff only (workers refused, audited)',
    event: () => ({ action: 'begin', name: '驿站.jpg', mime: 'image/jpeg', size: 1000, sha256: randomBytes(32).toString('hex'), purpose: 'station_photo' }),
    allowed: ['grassrootsX', 'grassrootsY', 'federation', 'admin'],
  },
  {
    fn: 'files',
    action: 'begin',
    note: 'a 报修 photo: anyone signed in, no consent',
    event: () => ({ action: 'begin', name: '坏了.jpg', mime: 'image/jpeg', size: 1000, sha256: randomBytes(32).toString('hex'), purpose: 'report_photo' }),
    allowed: SIGNED_IN,
  },
  {
    fn: 'files',
    action: 'chunk',
    note: "a chunk of workerA's upload",
    event: async (ctx) => ({ action: 'chunk', uploadId: await openUploadOfA(ctx), index: 1, data: Buffer.alloc(100, 7).toString('base64') }),
    allowed: ['workerA'],
  },
  {
    fn: 'files',
    action: 'status',
    note: "workerA's upload",
    event: async (ctx) => ({ action: 'status', uploadId: await openUploadOfA(ctx) }),
    allowed: ['workerA'],
  },
  {
    fn: 'files',
    action: 'finish',
    note: "workerA's complete upload",
    event: async (ctx) => ({ action: 'finish', uploadId: await completeUploadOfA(ctx) }),
    allowed: ['workerA'],
  },
  {
    fn: 'files',
    action: 'url',
    note: "workerA's own file, not attached to anything",
    event: async (ctx) => ({ action: 'url', fileId: await fileOfA(ctx) }),
    allowed: ['workerA'],
  },
  {
    fn: 'files',
    action: 'url',
    note: "workerA's file attached to a request of another area (federation and admin)",
    event: async (ctx) => ({ action: 'url', fileId: await attachedFileOfA(ctx) }),
    allowed: ['workerA', 'federation', 'admin'],
  },
  {
    fn: 'files',
    action: 'url',
    note: "workerA's 报修 photo on a report of org X: the owner and staff whose scope reaches org X",
    event: async (ctx) => ({ action: 'url', fileId: await reportPhotoOfA(ctx) }),
    allowed: ['workerA', 'grassrootsX', 'federation', 'admin'],
  },
  {
    fn: 'files',
    action: 'remove',
    note: "workerA's unattached file",
    event: async (ctx, caller) => ({
      action: 'remove',
      fileId: caller === 'workerA' ? await uploadFile(asCaller(ctx, 'workerA'), sampleBytes('image/jpeg', 1500)) : await spareFileOfA(ctx),
    }),
    allowed: ['workerA'],
  },
]
