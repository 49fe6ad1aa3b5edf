/**
 * Storage through the real wx-server-sdk: uploadFile → getTempFileURL → fetch → downloadFile →
 * deleteFile, expiring signed URLs, overwrite, and the browser-style form upload.
 */
import * as fs from 'fs'
import * as path from 'path'
import { rejection, startHarness, type Harness } from './harness'

let h: Harness

const BUCKET = '6c6f-local-env-1300000000'

beforeAll(async () => {
  h = await startHarness('storage')
})

afterAll(async () => {
  await h.stop()
})

type TempFile = { fileID: string; status: number; tempFileURL: string; maxAge: number }

async function tempUrl(fileID: string, maxAge = 60): Promise<TempFile> {
  const res = (await h.cloud.getTempFileURL({ fileList: [{ fileID, maxAge }] })) as { fileList: TempFile[] }
  return res.fileList[0]
}

test('upload → temp URL → fetch the bytes → download → delete', async () => {
  const bytes = Buffer.from('%PDF-1.4 证明材料 \u0000\u0001\u0002')
  const started = Date.now()
  const up = await h.cloud.uploadFile({ cloudPath: 'claims/u1/证明.pdf', fileContent: bytes })
  expect(up.fileID).toBe(`cloud://local-env.${BUCKET}/claims/u1/证明.pdf`)

  const meta = h.emu.storage.get(up.fileID)!
  expect(meta).toMatchObject({ cloudPath: 'claims/u1/证明.pdf', size: bytes.length, contentType: 'application/pdf', uploader: null })
  expect(meta.uploadedAt.getTime()).toBeGreaterThanOrEqual(started - 1000)

  const t = await tempUrl(up.fileID, 60)
  expect(t).toMatchObject({ fileID: up.fileID, status: 0, maxAge: 60 })
  expect(t.tempFileURL.startsWith(`${h.emu.url}/__storage/`)).toBe(true)
  const expires = Number(new URL(encodeURI(t.tempFileURL)).searchParams.get('expires'))
  // seconds, like the `t=` of real temporary URLs
  expect(Math.abs(expires * 1000 - (Date.now() + 60_000))).toBeLessThan(5000)
  const fetched = await fetch(encodeURI(t.tempFileURL))
  expect(fetched.status).toBe(200)
  expect(fetched.headers.get('content-type')).toBe('application/pdf')
  expect(Buffer.from(await fetched.arrayBuffer())).toEqual(bytes)

  const down = await h.cloud.downloadFile({ fileID: up.fileID })
  expect(Buffer.from(down.fileContent as Buffer)).toEqual(bytes)

  const missing = `cloud://local-env.${BUCKET}/claims/u1/none.pdf`
  const del = (await h.cloud.deleteFile({ fileList: [up.fileID, missing] })) as { fileList: Array<{ fileID: string; status: number }> }
  expect(del.fileList.map(f => [f.fileID, f.status])).toEqual([
    [up.fileID, 0],
    [missing, -503003],
  ])
  expect(h.emu.storage.get(up.fileID)).toBeNull()
  expect((await fetch(encodeURI(t.tempFileURL))).status).toBe(404)
  expect((await tempUrl(up.fileID)).status).toBe(-503003)
  expect(fs.readdirSync(path.join(h.dataDir, 'storage', 'blobs'))).toEqual([])
})

test('temp URLs expire after maxAge and cannot be altered', async () => {
  const up = await h.cloud.uploadFile({ cloudPath: 'tmp/a.txt', fileContent: Buffer.from('hello') })
  const short = await tempUrl(up.fileID, 0.05)
  const expiresAt = Number(new URL(short.tempFileURL).searchParams.get('expires')) * 1000
  await new Promise(r => setTimeout(r, Math.max(0, expiresAt - Date.now()) + 50))
  expect((await fetch(short.tempFileURL)).status).toBe(403)

  const ok = await tempUrl(up.fileID, 60)
  const url = new URL(ok.tempFileURL)
  url.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 1000))
  expect((await fetch(url)).status).toBe(403)
  const other = new URL(ok.tempFileURL.replace('/tmp/a.txt', '/tmp/b.txt'))
  expect((await fetch(other)).status).toBe(403)
  const res = await fetch(ok.tempFileURL)
  expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
  expect(await res.text()).toBe('hello')
})

test('uploading to the same cloudPath replaces the file', async () => {
  const first = await h.cloud.uploadFile({ cloudPath: 'avatars/x.png', fileContent: Buffer.from('one') })
  const second = await h.cloud.uploadFile({ cloudPath: 'avatars/x.png', fileContent: Buffer.from('second') })
  expect(second.fileID).toBe(first.fileID)
  expect(await (await fetch((await tempUrl(first.fileID)).tempFileURL)).text()).toBe('second')
  expect(h.emu.storage.list().filter(f => f.cloudPath === 'avatars/x.png')).toHaveLength(1)
})

test('bad cloud paths are refused', async () => {
  const e = await rejection(h.cloud.uploadFile({ cloudPath: 'a/../../etc/passwd', fileContent: Buffer.from('x') }))
  expect(e.message).toMatch(/INVALID_PARAM/)
})

test('form upload (POST with a file field) to the upload URL records the uploader when given', async () => {
  const meta = (await (
    await fetch(h.emu.adminUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'storage.getUploadMetadata', path: 'forms/f.jpg' }),
    })
  ).json()) as { data: { url: string; fileId: string } }
  const form = new FormData()
  form.append('key', 'forms/f.jpg')
  form.append('file', new Blob([Buffer.from([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }), 'f.jpg')
  const res = await fetch(meta.data.url, { method: 'POST', body: form, headers: { 'x-wx-openid': 'openid-A' } })
  expect(res.status).toBe(200)
  expect(h.emu.storage.get(meta.data.fileId)).toMatchObject({ size: 3, contentType: 'image/jpeg', uploader: 'openid-A' })
  const tampered = meta.data.url.replace('forms/f.jpg', 'forms/g.jpg')
  expect((await fetch(tampered, { method: 'PUT', body: 'x' })).status).toBe(403)
})
