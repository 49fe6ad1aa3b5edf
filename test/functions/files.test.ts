/**
 * The `files` function through the real wx-server-sdk on the emulator: chunked resumable upload,
 * verification, private storage, temporary links, ownership (denials audited), removal, attachFiles,
 * limits and fuzzing. Every reply is scanned for ID, card and phone numbers.
 */
import fc from 'fast-check'
import { randomBytes } from 'node:crypto'
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { pointSdkAt } from '../emulator/harness'
import { findPersonalNumbers } from '../../src/domain/privacy/redact'
import type { Envelope } from '../../src/domain/envelope'
import { CHUNK_SIZE, MAX_FILE_BYTES, MAX_OPEN_UPLOADS, MAX_UNATTACHED_FILES, type FileUrl, type FinishedFile, type UploadStatus } from '../../src/domain/files/files.schema'
import { CONSENT_POLICIES } from '../../src/domain/consent/consent'
import { sampleBytes, sha256, startUpload, uploadFile, type FilesCall } from './files.matrix'

let rt: TestRuntime
const replies: unknown[] = []

beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

type Reply<T = unknown> = Envelope<T>

async function call<T = unknown>(openid: string | null, event: unknown): Promise<Reply<T>> {
  const r = (await rt.invokeAs(openid, 'files', event)) as Reply<T>
  replies.push(r)
  return r
}
const as = (openid: string): FilesCall => (event) => call(openid, event)
const errorOf = (r: Reply) => (r.ok ? null : r.error.code)
const dataOf = <T,>(r: Reply<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}`)
  return r.data
}
const chunkOf = (bytes: Buffer, i: number) => bytes.subarray(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE).toString('base64')
const begin = (openid: string, bytes: Buffer, extra: Record<string, unknown> = {}) =>
  call<UploadStatus>(openid, { action: 'begin', name: '工资条.jpg', mime: 'image/jpeg', size: bytes.length, sha256: sha256(bytes), purpose: 'work_proof', ...extra })
const deniedCount = (openid: string, type: string) => rt.emulator.db.count('audit', { action: 'auth.denied', 'actor.openid': openid, 'target.type': type })

const LAOLI = 'o-demo-laoli'
const XIAOWANG = 'o-demo-xiaowang'

describe('upload → private storage → temporary link', () => {
  test('happy path: the bytes round-trip through a 300 s link; the path is random and chunks are gone', async () => {
    const bytes = sampleBytes('image/jpeg', 2 * CHUNK_SIZE + 1234)
    const started = dataOf(await begin(LAOLI, bytes, { name: 'C:\\相册\\李建国 工资条.jpg' }))
    expect(started).toEqual({ uploadId: expect.stringMatching(/^[0-9a-f]{32}$/), chunkSize: CHUNK_SIZE, chunkCount: 3, received: [], fileId: null })
    for (let i = 0; i < 3; i++) expect(dataOf(await call(LAOLI, { action: 'chunk', uploadId: started.uploadId, index: i, data: chunkOf(bytes, i) }))).toEqual({ index: i, received: true })
    expect(dataOf(await call<UploadStatus>(LAOLI, { action: 'status', uploadId: started.uploadId })).received).toEqual([0, 1, 2])

    const done = dataOf(await call<FinishedFile>(LAOLI, { action: 'finish', uploadId: started.uploadId }))
    expect(done).toEqual({ fileId: expect.stringMatching(/^[0-9a-f]{32}$/), name: '李建国 工资条.jpg', mime: 'image/jpeg', size: bytes.length })
    const doc = rt.emulator.db.findOne('files', { _id: done.fileId })!
    expect(doc).toEqual({
      _id: done.fileId,
      ownerOpenid: LAOLI,
      fileID: expect.stringMatching(/^cloud:\/\/[^/]+\/private\/[0-9a-f]{32}\/[0-9a-f]{16}\.jpg$/),
      name: '李建国 工资条.jpg',
      mime: 'image/jpeg',
      size: bytes.length,
      purpose: 'work_proof',
      createdAt: expect.any(Date),
      attachedTo: null,
    })
    expect(String(doc.fileID)).not.toContain('李')
    expect(rt.emulator.db.count('uploadChunks', { uploadId: started.uploadId })).toBe(0)
    expect(rt.emulator.db.findOne('uploads', { _id: started.uploadId })).toMatchObject({ status: 'done', fileId: done.fileId })

    const link = dataOf(await call<FileUrl>(LAOLI, { action: 'url', fileId: done.fileId }))
    expect(link).toMatchObject({ expiresIn: 300, name: '李建国 工资条.jpg', mime: 'image/jpeg' })
    expect(link.url).not.toContain('cloud://')
    // the emulator's `expires` is in seconds, like the `t=` of CloudBase links
    const expires = Number(new URL(encodeURI(link.url)).searchParams.get('expires')) * 1000
    expect(expires - Date.now()).toBeLessThanOrEqual(301_000)
    expect(expires - Date.now()).toBeGreaterThan(290_000)
    expect(link.url).not.toMatch(/\d{11}/)
    const res = await fetch(encodeURI(link.url))
    expect(res.status).toBe(200)
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(bytes))
  })

  test('finish is idempotent, also when five run at once: one document, one stored copy', async () => {
    const bytes = sampleBytes('application/pdf', CHUNK_SIZE + 10)
    const uploadId = await startUpload(as(LAOLI), bytes, { mime: 'application/pdf', name: '合同.pdf' })
    const storedBefore = rt.emulator.storage.list().length
    const rs = await Promise.all(Array.from({ length: 5 }, () => call<FinishedFile>(LAOLI, { action: 'finish', uploadId })))
    const ids = new Set(rs.map((r) => dataOf(r).fileId))
    expect(ids.size).toBe(1)
    const [fileId] = [...ids]
    expect(rt.emulator.db.count('files', { _id: fileId })).toBe(1)
    expect(rt.emulator.storage.list().length).toBe(storedBefore + 1)
    expect(dataOf(await call<FinishedFile>(LAOLI, { action: 'finish', uploadId })).fileId).toBe(fileId)
    expect(dataOf(await call<UploadStatus>(LAOLI, { action: 'status', uploadId }))).toMatchObject({ fileId, received: [0, 1] })
  }, 30000)

  test('the largest allowed file (8 MB, 64 chunks) goes through', async () => {
    const bytes = sampleBytes('image/png', MAX_FILE_BYTES)
    const fileId = await uploadFile(as(XIAOWANG), bytes, { mime: 'image/png', name: '大图.png' })
    const link = dataOf(await call<FileUrl>(XIAOWANG, { action: 'url', fileId }))
    const res = await fetch(encodeURI(link.url))
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(bytes))
  }, 60000)

  test.each([
    ['image/webp', 'webp'],
    ['application/pdf', 'pdf'],
  ] as const)('%s is accepted and stored as .%s', async (mime, ext) => {
    const fileId = await uploadFile(as(LAOLI), sampleBytes(mime, 500), { mime, name: `材料.${ext}` })
    expect(String(rt.emulator.db.findOne('files', { _id: fileId })!.fileID)).toMatch(new RegExp(`\\.${ext}$`))
  })
})

describe('resuming', () => {
  test('after a network loss: status tells what is missing, the rest is sent, finish succeeds', async () => {
    const bytes = sampleBytes('image/jpeg', 4 * CHUNK_SIZE + 7)
    const uploadId = await startUpload(as(LAOLI), bytes, { only: [0, 2] })
    expect(errorOf(await call(LAOLI, { action: 'finish', uploadId }))).toBe('UPLOAD.INCOMPLETE')
    expect(dataOf(await call<UploadStatus>(LAOLI, { action: 'status', uploadId })).received).toEqual([0, 2])
    // the phone lost its own record too: beginning the same bytes again finds the same upload
    const again = dataOf(await begin(LAOLI, bytes))
    expect(again).toMatchObject({ uploadId, received: [0, 2], fileId: null })
    for (const i of [1, 3, 4]) dataOf(await call(LAOLI, { action: 'chunk', uploadId, index: i, data: chunkOf(bytes, i) }))
    const done = dataOf(await call<FinishedFile>(LAOLI, { action: 'finish', uploadId }))
    const res = await fetch(encodeURI(dataOf(await call<FileUrl>(LAOLI, { action: 'url', fileId: done.fileId })).url))
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(bytes))
  })

  test('chunks the server lost are reported missing and can be sent again; resending a chunk is idempotent', async () => {
    const bytes = sampleBytes('image/jpeg', 3 * CHUNK_SIZE)
    const uploadId = await startUpload(as(LAOLI), bytes)
    dataOf(await call(LAOLI, { action: 'chunk', uploadId, index: 1, data: chunkOf(bytes, 1) }))
    expect(rt.emulator.db.count('uploadChunks', { uploadId })).toBe(3)
    rt.emulator.db.remove('uploadChunks', { uploadId, index: { $in: [0, 2] } })
    expect(dataOf(await call<UploadStatus>(LAOLI, { action: 'status', uploadId })).received).toEqual([1])
    expect(errorOf(await call(LAOLI, { action: 'finish', uploadId }))).toBe('UPLOAD.INCOMPLETE')
    for (const i of [0, 2]) dataOf(await call(LAOLI, { action: 'chunk', uploadId, index: i, data: chunkOf(bytes, i) }))
    expect(dataOf(await call<FinishedFile>(LAOLI, { action: 'finish', uploadId })).size).toBe(bytes.length)
  })

  test('an expired upload is refused, and cleared when the next upload begins', async () => {
    const bytes = sampleBytes('image/jpeg', 100)
    const uploadId = await startUpload(as('o-test-expiry'), bytes, { only: [] })
    rt.emulator.db.update('uploads', { _id: uploadId }, { $set: { expiresAt: new Date(Date.now() - 1000) } })
    expect(errorOf(await call('o-test-expiry', { action: 'chunk', uploadId, index: 0, data: chunkOf(bytes, 0) }))).toBe('UPLOAD.EXPIRED')
    expect(errorOf(await call('o-test-expiry', { action: 'status', uploadId }))).toBe('UPLOAD.EXPIRED')
    dataOf(await begin('o-test-expiry', sampleBytes('image/jpeg', 200)))
    expect(rt.emulator.db.findOne('uploads', { _id: uploadId })).toBeNull()
    expect(errorOf(await call('o-test-expiry', { action: 'status', uploadId }))).toBe('UPLOAD.NOT_FOUND')
  })
})

describe('verification and limits', () => {
  test('a wrong sha256 is refused; the upload is dropped with its chunks and nothing is stored', async () => {
    const bytes = sampleBytes('image/jpeg', CHUNK_SIZE + 5)
    const started = dataOf(await begin(LAOLI, bytes, { sha256: sha256(Buffer.from('something else')) }))
    for (let i = 0; i < 2; i++) dataOf(await call(LAOLI, { action: 'chunk', uploadId: started.uploadId, index: i, data: chunkOf(bytes, i) }))
    const stored = rt.emulator.storage.list().length
    expect(errorOf(await call(LAOLI, { action: 'finish', uploadId: started.uploadId }))).toBe('UPLOAD.CHECKSUM_MISMATCH')
    expect(rt.emulator.storage.list().length).toBe(stored)
    expect(rt.emulator.db.count('uploadChunks', { uploadId: started.uploadId })).toBe(0)
    expect(errorOf(await call(LAOLI, { action: 'chunk', uploadId: started.uploadId, index: 0, data: chunkOf(bytes, 0) }))).toBe('UPLOAD.FAILED')
    expect(errorOf(await call(LAOLI, { action: 'finish', uploadId: started.uploadId }))).toBe('UPLOAD.FAILED')
  })

  test('bytes that are not what the type says are refused', async () => {
    const bytes = Buffer.concat([Buffer.from('<html><script>'), randomBytes(100)])
    const started = dataOf(await begin(LAOLI, bytes, { mime: 'image/png', name: 'x.png' }))
    dataOf(await call(LAOLI, { action: 'chunk', uploadId: started.uploadId, index: 0, data: chunkOf(bytes, 0) }))
    expect(errorOf(await call(LAOLI, { action: 'finish', uploadId: started.uploadId }))).toBe('FILE.TYPE_MISMATCH')
  })

  test.each([
    ['too big', { size: MAX_FILE_BYTES + 1 }, 'FILE.TOO_LARGE'],
    ['huge', { size: 2 ** 40 }, 'FILE.TOO_LARGE'],
    ['empty', { size: 0 }, 'FILE.EMPTY'],
    ['gif', { mime: 'image/gif' }, 'FILE.TYPE_NOT_ALLOWED'],
    ['html', { mime: 'text/html' }, 'FILE.TYPE_NOT_ALLOWED'],
    ['word', { mime: 'application/msword' }, 'FILE.TYPE_NOT_ALLOWED'],
    ['negative size', { size: -1 }, 'VALIDATION.INVALID'],
    ['fractional size', { size: 1.5 }, 'VALIDATION.INVALID'],
    ['bad sha', { sha256: 'xyz' }, 'VALIDATION.INVALID'],
    ['unknown purpose', { purpose: 'selfie' }, 'VALIDATION.INVALID'],
    ['no name', { name: '' }, 'VALIDATION.INVALID'],
  ])('begin refuses %s (%j) with %s and writes nothing', async (_n, extra, code) => {
    const before = await rt.snapshot()
    const r = await call(LAOLI, { action: 'begin', name: 'a.jpg', mime: 'image/jpeg', size: 1000, sha256: 'a'.repeat(64), purpose: 'work_proof', ...extra })
    expect(errorOf(r)).toBe(code)
    if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(await rt.snapshot()).toEqual(before)
  })

  test('medical documents need the medical consent first', async () => {
    const who = 'o-test-medical'
    const bytes = sampleBytes('image/jpeg', 100)
    expect(await begin(who, bytes, { purpose: 'medical_record' })).toEqual({
      ok: false,
      error: { code: 'CONSENT.REQUIRED', message: expect.stringContaining('病历和医疗票据'), fieldErrors: { consent: 'medical_documents' } },
    })
    await rt.invokeAs(who, 'privacy', { action: 'grantConsent', category: 'medical_documents', policyVersion: CONSENT_POLICIES.medical_documents.version })
    expect((await begin(who, bytes, { purpose: 'medical_record' })).ok).toBe(true)
    expect(errorOf(await begin(who, bytes, { purpose: 'bank_card_photo' }))).toBe('CONSENT.REQUIRED')
  })

  test('chunks: out of range, wrong length, bad base64, too large', async () => {
    const bytes = sampleBytes('image/jpeg', 2 * CHUNK_SIZE + 100)
    const { uploadId } = dataOf(await begin(LAOLI, bytes))
    const before = await rt.snapshot()
    const send = (index: unknown, data: unknown) => call(LAOLI, { action: 'chunk', uploadId, index, data })
    expect(errorOf(await send(3, chunkOf(bytes, 0)))).toBe('UPLOAD.CHUNK_OUT_OF_RANGE')
    expect(errorOf(await send(64, chunkOf(bytes, 0)))).toBe('UPLOAD.CHUNK_OUT_OF_RANGE')
    expect(errorOf(await send(65, chunkOf(bytes, 0)))).toBe('VALIDATION.INVALID')
    expect(errorOf(await send(-1, chunkOf(bytes, 0)))).toBe('VALIDATION.INVALID')
    expect(errorOf(await send(0.5, chunkOf(bytes, 0)))).toBe('VALIDATION.INVALID')
    expect(errorOf(await send(2, chunkOf(bytes, 0)))).toBe('UPLOAD.CHUNK_SIZE')
    expect(errorOf(await send(0, chunkOf(bytes, 2)))).toBe('UPLOAD.CHUNK_SIZE')
    expect(errorOf(await send(0, '!!!not base64!!!'))).toBe('VALIDATION.INVALID')
    expect(errorOf(await send(0, randomBytes(MAX_FILE_BYTES / 32 + 3).toString('base64')))).toBe('REQUEST.TOO_LARGE')
    expect(errorOf(await call(LAOLI, { action: 'chunk', uploadId: 'f'.repeat(32), index: 0, data: 'AAAA' }))).toBe('UPLOAD.NOT_FOUND')
    expect(await rt.snapshot()).toEqual(before)
  })

  test(`at most ${MAX_OPEN_UPLOADS} unfinished uploads and ${MAX_UNATTACHED_FILES} unused files per person`, async () => {
    const who = 'o-test-limits'
    for (let i = 0; i < MAX_OPEN_UPLOADS; i++) dataOf(await begin(who, sampleBytes('image/jpeg', 100)))
    expect(errorOf(await begin(who, sampleBytes('image/jpeg', 100)))).toBe('UPLOAD.TOO_MANY')
    rt.emulator.db.remove('uploads', { ownerOpenid: who })
    rt.emulator.db.insert(
      'files',
      Array.from({ length: MAX_UNATTACHED_FILES }, (_, i) => ({ ownerOpenid: who, fileID: `cloud://x/limits/${i}`, name: 'a', mime: 'image/jpeg', size: 1, purpose: 'other', createdAt: new Date(), attachedTo: null })),
    )
    expect(errorOf(await begin(who, sampleBytes('image/jpeg', 100)))).toBe('FILE.TOO_MANY')
  })
})

describe('ownership', () => {
  let fileOfLaoli: string
  beforeAll(async () => {
    fileOfLaoli = await uploadFile(as(LAOLI), sampleBytes('image/jpeg', 1000))
  })

  test("another person's upload: chunk, status and finish are refused and audited", async () => {
    const bytes = sampleBytes('image/jpeg', 100)
    const uploadId = await startUpload(as(LAOLI), bytes, { only: [] })
    for (const event of [
      { action: 'chunk', uploadId, index: 0, data: chunkOf(bytes, 0) },
      { action: 'status', uploadId },
      { action: 'finish', uploadId },
    ]) {
      const before = deniedCount(XIAOWANG, 'upload')
      expect(errorOf(await call(XIAOWANG, event))).toBe('AUTH.FORBIDDEN')
      expect(deniedCount(XIAOWANG, 'upload')).toBe(before + 1)
    }
    expect(rt.emulator.db.count('uploadChunks', { uploadId })).toBe(0)
  })

  test.each(['o-demo-xiaowang', 'o-demo-zhang', 'o-demo-wang', 'o-demo-liu', 'o-demo-zhao'])("%s cannot open or remove laoli's unattached file (audited)", async (openid) => {
    for (const action of ['url', 'remove']) {
      const before = deniedCount(openid, 'file')
      const r = await call(openid, { action, fileId: fileOfLaoli })
      expect(errorOf(r)).toBe('AUTH.FORBIDDEN')
      expect(JSON.stringify(r)).not.toMatch(/https?:|cloud:/)
      expect(deniedCount(openid, 'file')).toBe(before + 1)
    }
    expect(rt.emulator.db.findOne('files', { _id: fileOfLaoli })).not.toBeNull()
  })

  test('once attached to a request, federation staff and admins may open it (audited), grassroots staff and other workers may not', async () => {
    const fileId = await uploadFile(as(LAOLI), sampleBytes('image/jpeg', 1000))
    rt.emulator.db.update('files', { _id: fileId }, { $set: { attachedTo: { type: 'claim', id: 'claim-9', at: new Date() } } })
    for (const openid of ['o-demo-liu', 'o-demo-zhao']) {
      const r = await call<FileUrl>(openid, { action: 'url', fileId })
      expect(r.ok).toBe(true)
      expect(rt.emulator.db.find('audit', { action: 'file.view', 'actor.openid': openid, 'target.id': fileId })).toEqual([
        expect.objectContaining({ detail: { attachedType: 'claim', attachedId: 'claim-9' } }),
      ])
    }
    for (const openid of ['o-demo-xiaowang', 'o-demo-zhang']) expect(errorOf(await call(openid, { action: 'url', fileId }))).toBe('AUTH.FORBIDDEN')
    expect((await call(LAOLI, { action: 'url', fileId })).ok).toBe(true)
    expect(rt.emulator.db.count('audit', { action: 'file.view', 'actor.openid': LAOLI })).toBe(0)
    expect(errorOf(await call(LAOLI, { action: 'remove', fileId }))).toBe('FILE.ATTACHED')
  })

  test('the owner removes an unattached file: document and bytes go; removing again says not found', async () => {
    const fileId = await uploadFile(as(LAOLI), sampleBytes('image/jpeg', 1000))
    const storageId = rt.emulator.db.findOne('files', { _id: fileId })!.fileID as string
    expect(dataOf(await call(LAOLI, { action: 'remove', fileId }))).toEqual({ removed: true })
    expect(rt.emulator.db.findOne('files', { _id: fileId })).toBeNull()
    expect(rt.emulator.storage.get(storageId)).toBeNull()
    expect(errorOf(await call(LAOLI, { action: 'remove', fileId }))).toBe('FILE.NOT_FOUND')
    expect(errorOf(await call(LAOLI, { action: 'url', fileId }))).toBe('FILE.NOT_FOUND')
  })
})

describe('library functions for other functions (attachFiles, temporaryUrl)', () => {
  type Lib = typeof import('../../cloudfunctions/_lib/files.repo')
  let lib: Lib
  beforeAll(() => {
    pointSdkAt(`${rt.url}/admin`)
    lib = require('../../cloudfunctions/_lib/files.repo') as Lib
  })

  test("attaches only the caller's own, unattached files; all or nothing", async () => {
    const mine1 = await uploadFile(as(LAOLI), sampleBytes('image/jpeg', 500))
    const mine2 = await uploadFile(as(LAOLI), sampleBytes('image/jpeg', 500))
    const theirs = await uploadFile(as(XIAOWANG), sampleBytes('image/jpeg', 500))
    const target = { type: 'claim', id: 'claim-attach-1' }

    expect(await lib.attachFiles(LAOLI, [mine1, theirs], target)).toEqual({ ok: false, error: { code: 'FILE.NOT_YOURS', message: expect.any(String) } })
    expect(await lib.attachFiles(LAOLI, [mine1, 'f'.repeat(32)], target)).toMatchObject({ ok: false, error: { code: 'FILE.NOT_YOURS' } })
    expect(await lib.attachFiles(LAOLI, [mine1, '{"$ne":null}'], target)).toMatchObject({ ok: false, error: { code: 'FILE.NOT_YOURS' } })
    expect(rt.emulator.db.find('files', { _id: { $in: [mine1, mine2, theirs] }, attachedTo: { $ne: null } })).toEqual([])

    expect(await lib.attachFiles(LAOLI, [mine1, mine2, mine1], target)).toEqual({ ok: true, data: { attached: [mine1, mine2] } })
    expect(rt.emulator.db.findOne('files', { _id: mine1 })).toMatchObject({ attachedTo: { type: 'claim', id: 'claim-attach-1', at: expect.any(Date) } })
    // a retried submission attaching again to the same record is fine; another record is not
    expect((await lib.attachFiles(LAOLI, [mine1], target)).ok).toBe(true)
    expect(await lib.attachFiles(LAOLI, [mine2], { type: 'claim', id: 'claim-attach-2' })).toMatchObject({ ok: false, error: { code: 'FILE.ALREADY_ATTACHED' } })
    // the other owner cannot attach laoli's file either
    expect(await lib.attachFiles(XIAOWANG, [mine1], { type: 'claim', id: 'x' })).toMatchObject({ ok: false, error: { code: 'FILE.NOT_YOURS' } })
  })

  test('no temporary link looks like a personal number to the scanners, and none lives over 300 s', async () => {
    const fileId = await uploadFile(as(LAOLI), sampleBytes('image/jpeg', 300))
    const file = (await lib.findFile(fileId))!
    // 200 different expiry times give 200 different signatures (random hex: digits inside it are no phone number)
    for (let maxAge = 100; maxAge < 300; maxAge++) {
      const url = await lib.temporaryUrl(file, maxAge)
      expect(findPersonalNumbers(url)).toEqual([])
    }
    const longest = Number(new URL(await lib.temporaryUrl(file, 86400)).searchParams.get('expires')) * 1000 - Date.now()
    expect(longest).toBeLessThanOrEqual(301_000)
  }, 60000)
})

describe('hostile events', () => {
  const ACTIONS = ['begin', 'chunk', 'status', 'finish', 'url', 'remove']

  test.each([
    ['operator as uploadId', { action: 'status', uploadId: { $ne: null } }],
    ['operator as fileId', { action: 'url', fileId: { $gt: '' } }],
    ['regex-like fileId', { action: 'remove', fileId: '.*' }],
    ['operator as size', { action: 'begin', name: 'a.jpg', mime: 'image/jpeg', size: { $gt: 0 }, sha256: 'a'.repeat(64), purpose: 'other' }],
    ['array mime', { action: 'begin', name: 'a.jpg', mime: ['image/jpeg'], size: 10, sha256: 'a'.repeat(64), purpose: 'other' }],
    ['deep nesting', { action: 'chunk', uploadId: JSON.parse('['.repeat(300) + ']'.repeat(300)), index: 0, data: '' }],
    ['huge name', { action: 'begin', name: '名'.repeat(100000), mime: 'image/jpeg', size: 10, sha256: 'a'.repeat(64), purpose: 'other' }],
  ])('%s → a clear refusal, nothing written', async (_n, event) => {
    const before = await rt.snapshot()
    for (const openid of ['o-test-hostile', 'o-demo-zhao']) {
      const r = await call(openid, event)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/)
    }
    expect(await rt.snapshot()).toEqual(before)
  })

  test('fuzzed events never crash, always answer with an envelope, and write nothing', async () => {
    const before = await rt.snapshot()
    const event = fc.oneof(
      fc.anything(),
      fc.record({ action: fc.constantFrom(...ACTIONS) }).chain((base) =>
        fc
          .dictionary(fc.constantFrom('name', 'mime', 'size', 'sha256', 'purpose', 'uploadId', 'index', 'data', 'fileId'), fc.oneof(fc.anything(), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 }), fc.nat()))
          .map((extra) => ({ ...extra, ...base })),
      ),
    )
    await fc.assert(
      fc.asyncProperty(event, async (e) => {
        const r = await call('o-test-fuzz', e)
        if (typeof r !== 'object' || r === null || typeof r.ok !== 'boolean') return false
        if (/\bat [\w.<>]+ \(|node_modules|\.js:\d+/.test(JSON.stringify(r))) return false
        return !r.ok && /[\u4e00-\u9fa5]/.test(r.error.message)
      }),
      { numRuns: 150 },
    )
    expect(await rt.snapshot()).toEqual(before)
  }, 120000)
})

test('no reply carries an ID, card or phone number, temporary links included', () => {
  expect(replies.length).toBeGreaterThan(100)
  expect(replies.flatMap((r) => findPersonalNumbers(JSON.stringify(r)))).toEqual([])
})
