// src/services/upload.ts: chunking, retries with backoff, saved progress and resuming — against an
// in-memory stand-in of the `files` function behind a mocked transport.
import { createHash } from 'node:crypto'
import { callFunction } from '../../src/services/transport'
import { pendingUploads, resumeUpload, uploadBytes, type SavedUpload, type UploadDeps, type UploadProgress } from '../../src/services/upload'
import { sha256Hex } from '../../src/domain/files/sha256'
import { base64ToBytes } from '../../src/domain/files/base64'
import type { Envelope } from '../../src/domain/envelope'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
const call = callFunction as jest.MockedFunction<typeof callFunction>

const CHUNK = 1000
const jpeg = (size: number) => {
  const b = new Uint8Array(size)
  for (let i = 0; i < size; i++) b[i] = (i * 31 + 7) & 255
  b.set([0xff, 0xd8, 0xff], 0)
  return b
}
const ok = <T,>(data: T): Envelope<T> => ({ ok: true, data })
const err = (code: string): Envelope<never> => ({ ok: false, error: { code, message: code } })
const NET = err('NET.UNAVAILABLE')

/** The `files` function, in memory, with knobs to lose things. */
class FakeFiles {
  uploads = new Map<string, { size: number; sha256: string; chunks: Map<number, Uint8Array>; fileId: string | null; status: 'open' | 'failed' }>()
  calls: Array<Record<string, unknown>> = []
  /** Returns a reply to use instead of the real one (fault injection). */
  fault: (event: Record<string, unknown>, n: number) => Envelope<unknown> | null = () => null
  next = 0

  handle = async (_name: string, event: Record<string, unknown>): Promise<Envelope<unknown>> => {
    this.calls.push(event)
    const injected = this.fault(event, this.calls.length)
    if (injected) return injected
    const u = this.uploads.get(String(event.uploadId))
    const status = (id: string) => {
      const x = this.uploads.get(id)!
      const count = Math.ceil(x.size / CHUNK)
      return { uploadId: id, chunkSize: CHUNK, chunkCount: count, received: x.fileId ? [...Array(count).keys()] : [...x.chunks.keys()].sort((a, b) => a - b), fileId: x.fileId }
    }
    switch (event.action) {
      case 'begin': {
        for (const [id, x] of this.uploads) if (x.sha256 === event.sha256 && x.status === 'open' && !x.fileId) return ok(status(id))
        const id = `u${++this.next}`
        this.uploads.set(id, { size: Number(event.size), sha256: String(event.sha256), chunks: new Map(), fileId: null, status: 'open' })
        return ok(status(id))
      }
      case 'chunk': {
        if (!u) return err('UPLOAD.NOT_FOUND')
        if (u.status === 'failed') return err('UPLOAD.FAILED')
        u.chunks.set(Number(event.index), base64ToBytes(String(event.data)))
        return ok({ index: event.index, received: true })
      }
      case 'status':
        return u ? ok(status(String(event.uploadId))) : err('UPLOAD.NOT_FOUND')
      case 'finish': {
        if (!u) return err('UPLOAD.NOT_FOUND')
        if (u.fileId) return ok({ fileId: u.fileId, name: 'x', mime: 'image/jpeg', size: u.size })
        const count = Math.ceil(u.size / CHUNK)
        if (u.chunks.size < count) return err('UPLOAD.INCOMPLETE')
        const all = new Uint8Array(u.size)
        for (const [i, c] of u.chunks) all.set(c, i * CHUNK)
        if (createHash('sha256').update(all).digest('hex') !== u.sha256) {
          u.status = 'failed'
          return err('UPLOAD.CHECKSUM_MISMATCH')
        }
        u.fileId = `f-${event.uploadId}`
        return ok({ fileId: u.fileId, name: 'x', mime: 'image/jpeg', size: u.size })
      }
    }
    return err('REQUEST.UNKNOWN_ACTION')
  }
}

let server: FakeFiles
let store: Map<string, unknown>
let sleeps: number[]
const deps = (): Partial<UploadDeps> => ({
  storage: { get: (k) => store.get(k) ?? '', set: (k, v) => void store.set(k, JSON.parse(JSON.stringify(v))), remove: (k) => void store.delete(k), keys: () => [...store.keys()] },
  sleep: async (ms) => void sleeps.push(ms),
  random: () => 0.5,
  sha256: async (b) => sha256Hex(b),
  localCopy: null,
})
const chunkCalls = () => server.calls.filter((c) => c.action === 'chunk').map((c) => c.index)
const saved = () => [...store.values()][0] as SavedUpload | undefined

beforeEach(() => {
  server = new FakeFiles()
  store = new Map()
  sleeps = []
  call.mockReset()
  call.mockImplementation(server.handle as typeof callFunction)
})

test('sends every chunk in order through the transport, reports progress up to 1, and forgets the saved progress', async () => {
  const bytes = jpeg(2500)
  const progress: UploadProgress[] = []
  const r = await uploadBytes({ bytes, name: '工资条.jpg', mime: 'image/jpeg', purpose: 'work_proof' }, { deps: deps(), onProgress: (p) => progress.push(p) })
  expect(r).toEqual({ ok: true, data: { fileId: 'f-u1', name: 'x', mime: 'image/jpeg', size: 2500 } })
  expect(call.mock.calls.every(([name]) => name === 'files')).toBe(true)
  expect(server.calls.map((c) => c.action)).toEqual(['begin', 'chunk', 'chunk', 'chunk', 'finish'])
  expect(server.calls[0]).toEqual({ action: 'begin', name: '工资条.jpg', mime: 'image/jpeg', size: 2500, sha256: sha256Hex(bytes), purpose: 'work_proof' })
  expect(chunkCalls()).toEqual([0, 1, 2])
  const fractions = progress.map((p) => p.fraction)
  expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
  expect(progress[progress.length - 1]).toEqual({ phase: 'done', fraction: 1 })
  expect(progress.map((p) => p.phase)).toEqual(['preparing', 'uploading', 'uploading', 'uploading', 'finishing', 'done'])
  expect(store.size).toBe(0)
})

test('a chunk that fails on the network is retried with growing waits', async () => {
  let failures = 0
  server.fault = (e) => (e.action === 'chunk' && e.index === 1 && failures++ < 3 ? NET : null)
  const r = await uploadBytes({ bytes: jpeg(2500), name: 'a.jpg', mime: 'image/jpeg', purpose: 'work_proof' }, { deps: deps() })
  expect(r.ok).toBe(true)
  expect(chunkCalls()).toEqual([0, 1, 1, 1, 1, 2])
  expect(sleeps).toEqual([500, 1000, 2000])
})

test('a thrown transport error counts as a network error, too', async () => {
  let thrown = false
  call.mockImplementation(async (name, event) => {
    if (!thrown && event.action === 'chunk') {
      thrown = true
      throw new Error('socket hang up')
    }
    return server.handle(name, event)
  })
  expect((await uploadBytes({ bytes: jpeg(1500), name: 'a.jpg', mime: 'image/jpeg', purpose: 'work_proof' }, { deps: deps() })).ok).toBe(true)
  expect(sleeps).toHaveLength(1)
})

test('after giving up, the progress is kept; the next try (app restarted) asks the server and sends only what is missing', async () => {
  const bytes = jpeg(4200)
  server.fault = (e) => (e.action === 'chunk' && Number(e.index) >= 2 ? NET : null)
  const first = await uploadBytes({ bytes, name: 'a.jpg', mime: 'image/jpeg', purpose: 'medical_invoice' }, { deps: deps(), attempts: 3 })
  expect(first).toMatchObject({ ok: false, error: { code: 'NET.UNAVAILABLE' } })
  expect(saved()).toMatchObject({ uploadId: 'u1', received: [0, 1], size: 4200, purpose: 'medical_invoice', name: 'a.jpg' })
  expect(pendingUploads(deps())).toHaveLength(1)

  // a new app start: fresh deps, same phone storage
  server.fault = () => null
  server.calls = []
  const second = await uploadBytes({ bytes, name: 'a.jpg', mime: 'image/jpeg', purpose: 'medical_invoice' }, { deps: deps() })
  expect(second.ok).toBe(true)
  expect(server.calls.map((c) => c.action)).toEqual(['status', 'chunk', 'chunk', 'chunk', 'finish'])
  expect(chunkCalls()).toEqual([2, 3, 4])
  expect(store.size).toBe(0)
})

test('chunks the server lost: finish says incomplete, the missing ones are sent again', async () => {
  let lost = false
  server.fault = (e) => {
    if (e.action === 'finish' && !lost) {
      lost = true
      server.uploads.get('u1')!.chunks.delete(1)
    }
    return null
  }
  const r = await uploadBytes({ bytes: jpeg(2500), name: 'a.jpg', mime: 'image/jpeg', purpose: 'work_proof' }, { deps: deps() })
  expect(r.ok).toBe(true)
  expect(server.calls.map((c) => c.action)).toEqual(['begin', 'chunk', 'chunk', 'chunk', 'finish', 'status', 'chunk', 'finish'])
  expect(chunkCalls()).toEqual([0, 1, 2, 1])
})

test('a saved upload the server no longer has starts again from the beginning', async () => {
  store.set(`upload:work_proof:${sha256Hex(jpeg(1500))}`, { key: `upload:work_proof:${sha256Hex(jpeg(1500))}`, uploadId: 'gone', received: [0], size: 1500, chunkSize: CHUNK, name: 'a.jpg', mime: 'image/jpeg', purpose: 'work_proof', localPath: null, savedAt: 0 })
  const r = await uploadBytes({ bytes: jpeg(1500), name: 'a.jpg', mime: 'image/jpeg', purpose: 'work_proof' }, { deps: deps() })
  expect(r.ok).toBe(true)
  expect(server.calls.map((c) => c.action)).toEqual(['status', 'begin', 'chunk', 'chunk', 'finish'])
})

test('an already finished upload is recognised without sending anything again', async () => {
  const bytes = jpeg(1200)
  expect((await uploadBytes({ bytes, name: 'a.jpg', mime: 'image/jpeg', purpose: 'work_proof' }, { deps: deps() })).ok).toBe(true)
  // the reply of finish was lost: the phone still has its record
  store.set(`upload:work_proof:${sha256Hex(bytes)}`, { key: `upload:work_proof:${sha256Hex(bytes)}`, uploadId: 'u1', received: [0, 1], size: 1200, chunkSize: CHUNK, name: 'a.jpg', mime: 'image/jpeg', purpose: 'work_proof', localPath: null, savedAt: 0 })
  server.calls = []
  const r = await uploadBytes({ bytes, name: 'a.jpg', mime: 'image/jpeg', purpose: 'work_proof' }, { deps: deps() })
  expect(r).toEqual({ ok: true, data: { fileId: 'f-u1', name: 'a.jpg', mime: 'image/jpeg', size: 1200 } })
  expect(server.calls.map((c) => c.action)).toEqual(['status'])
})

test('a damaged transfer (checksum) gets one full new try', async () => {
  let damaged = false
  server.fault = (e) => {
    if (e.action === 'chunk' && e.index === 0 && !damaged) {
      damaged = true
      const bad = new Uint8Array(CHUNK)
      server.uploads.get(String(e.uploadId))!.chunks.set(0, bad)
      return ok({ index: 0, received: true })
    }
    return null
  }
  const r = await uploadBytes({ bytes: jpeg(1500), name: 'a.jpg', mime: 'image/jpeg', purpose: 'work_proof' }, { deps: deps() })
  expect(r.ok).toBe(true)
  expect(server.calls.map((c) => c.action)).toEqual(['begin', 'chunk', 'chunk', 'finish', 'begin', 'chunk', 'chunk', 'finish'])
})

test('business refusals are returned at once, without retries', async () => {
  server.fault = (e) => (e.action === 'begin' ? err('CONSENT.REQUIRED') : null)
  const r = await uploadBytes({ bytes: jpeg(100), name: 'a.jpg', mime: 'image/jpeg', purpose: 'medical_record' }, { deps: deps() })
  expect(r).toMatchObject({ ok: false, error: { code: 'CONSENT.REQUIRED' } })
  expect(server.calls).toHaveLength(1)
  expect(sleeps).toEqual([])
})

test.each([
  ['too big', 8 * 1024 * 1024 + 1, 'image/jpeg', 'FILE.TOO_LARGE'],
  ['wrong type', 100, 'image/gif', 'FILE.TYPE_NOT_ALLOWED'],
  ['empty', 0, 'image/jpeg', 'FILE.EMPTY'],
])('%s is refused on the phone, before any call', async (_n, size, mime, code) => {
  const r = await uploadBytes({ bytes: new Uint8Array(size), name: 'a', mime, purpose: 'other' }, { deps: deps() })
  expect(r).toMatchObject({ ok: false, error: { code } })
  expect(call).not.toHaveBeenCalled()
})

test('the server decides the chunk size', async () => {
  // The fake answers chunkSize 1000: 2500 bytes go as 1000 + 1000 + 500.
  expect((await uploadBytes({ bytes: jpeg(2500), name: 'a.jpg', mime: 'image/jpeg', purpose: 'other' }, { deps: deps() })).ok).toBe(true)
  const sizes = server.calls.filter((c) => c.action === 'chunk').map((c) => base64ToBytes(String(c.data)).length)
  expect(sizes).toEqual([1000, 1000, 500])
})

test('resumeUpload without a local copy asks to pick the file again', async () => {
  const r = await resumeUpload({ key: 'k', uploadId: 'u', name: 'a.jpg', mime: 'image/jpeg', purpose: 'other', size: 1, chunkSize: CHUNK, received: [], localPath: null, savedAt: 0 }, { deps: deps() })
  expect(r).toMatchObject({ ok: false, error: { code: 'UPLOAD.PICK_AGAIN' } })
})

test('resumeUpload reads the local copy (weapp) and continues', async () => {
  const bytes = jpeg(2100)
  const copies = new Map<string, Uint8Array>()
  const withCopy = (): Partial<UploadDeps> => ({
    ...deps(),
    localCopy: {
      save: async (key, b) => {
        copies.set(`/usr/${key}`, b)
        return `/usr/${key}`
      },
      read: async (path) => copies.get(path)!,
      remove: (path) => void copies.delete(path),
    },
  })
  server.fault = (e) => (e.action === 'chunk' && e.index === 2 ? NET : null)
  expect((await uploadBytes({ bytes, name: 'a.jpg', mime: 'image/jpeg', purpose: 'other' }, { deps: withCopy(), attempts: 1 })).ok).toBe(false)
  const [pending] = pendingUploads(withCopy())
  expect(pending.localPath).toMatch(/^\/usr\//)
  server.fault = () => null
  expect((await resumeUpload(pending, { deps: withCopy() })).ok).toBe(true)
  expect(copies.size).toBe(0)
  expect(store.size).toBe(0)
})
