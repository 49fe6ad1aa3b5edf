import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'node:http'
import { gunzipSync } from 'node:zlib'
import { startRuntime, type Runtime } from '../../emulator/runtime/server'
import { loadManifest, ROOT } from '../support/runtime'

let rt: Runtime
let dir: string
const script = `console.log(${JSON.stringify('工会'.repeat(2000))})`

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'union-static-'))
  const h5 = join(dir, 'h5')
  mkdirSync(join(h5, 'js'), { recursive: true })
  writeFileSync(join(h5, 'index.html'), '<!doctype html><title>工会服务</title>')
  writeFileSync(join(h5, 'js', 'app.js'), script)
  rt = await startRuntime({ port: 0, dataDir: join(dir, 'data'), manifest: loadManifest(), functionsDir: join(ROOT, 'build/cloudfunctions'), h5Dir: h5 })
}, 30000)
afterAll(async () => {
  await rt?.stop()
  rmSync(dir, { recursive: true, force: true })
})

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${rt.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
      .on('error', reject)
      .end()
  })
}

test('serves the h5 app gzipped to clients that accept it, plain to others', async () => {
  const zipped = await get('/js/app.js', { 'accept-encoding': 'gzip, deflate' })
  expect(zipped.headers['content-encoding']).toBe('gzip')
  expect(gunzipSync(zipped.body).toString()).toBe(script)
  expect(zipped.body.length).toBeLessThan(Buffer.byteLength(script) / 10)
  const plain = await get('/js/app.js')
  expect(plain.headers['content-encoding']).toBeUndefined()
  expect(plain.body.toString()).toBe(script)
})

test('unknown paths fall back to index.html (hash router); paths cannot escape the folder', async () => {
  expect((await get('/pages/whatever')).body.toString()).toContain('工会服务')
  expect((await get('/../../etc/passwd')).body.toString()).not.toContain('root:')
})
