import { readdirSync, readFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { ROOT, startTestRuntime, type TestRuntime } from '../support/runtime'
import { isLocalHost, isLoopback, issueToken, verifyToken } from '../../emulator/runtime/dev-session'

const SHIM_MARKERS = ['x-dev-session', 'devSession', '__dev', '/api/fn/', 'o-demo-']

function post(url: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = ''
      res.on('data', (c) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.on('error', reject)
    req.end(JSON.stringify(body))
  })
}

describe('local sign-in shim', () => {
  let rt: TestRuntime
  beforeAll(async () => {
    rt = await startTestRuntime()
  }, 30000)
  afterAll(() => rt?.stop())

  test('is absent from every built cloud function', () => {
    const dir = join(ROOT, 'build/cloudfunctions')
    const names = readdirSync(dir)
    expect(names.length).toBeGreaterThan(0)
    for (const name of names) {
      const code = readFileSync(join(dir, name, 'index.js'), 'utf8')
      for (const marker of SHIM_MARKERS) expect({ name, marker, found: code.includes(marker) }).toEqual({ name, marker, found: false })
    }
  })

  test('the runtime listens on loopback only', () => {
    expect(rt.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  test('a signed-in h5 call reaches the function as that OPENID', async () => {
    const session = await post(rt.url, '/__dev/session', { key: 'grassroots' })
    const { token } = JSON.parse(session.body)
    const r = await post(rt.url, '/api/fn/session', { action: 'me' }, { 'x-dev-session': token })
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, data: { role: 'grassroots_staff' } })
  })

  test('a forged or missing token means no identity at all', async () => {
    const forged = `${Buffer.from('o-demo-zhao').toString('base64url')}.AAAA`
    for (const headers of [{}, { 'x-dev-session': forged }, { 'x-dev-session': 'garbage' }] as Array<Record<string, string>>) {
      const r = await post(rt.url, '/api/fn/session', { action: 'me' }, headers)
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'AUTH.UNAUTHENTICATED' } })
    }
  })

  test('refuses a request that arrives under a foreign Host name (DNS rebinding)', async () => {
    const r = await post(rt.url, '/__dev/session', { key: 'admin' }, { host: 'evil.example:80' })
    expect(r.status).toBe(403)
    const f = await post(rt.url, '/api/fn/session', { action: 'me' }, { host: 'union.example.com' })
    expect(f.status).toBe(403)
  })

  test('a timer event never comes in from a browser; the developer fires timers on the loopback-only /__dev/timer', async () => {
    const timer = { Type: 'Timer', TriggerName: 'hourly', Time: '2030-01-01T01:00:00Z', Message: 'rebuild' }
    const r = await post(rt.url, '/api/fn/workspace', timer)
    expect(r.status).toBe(400)
    expect((await post(rt.url, '/__dev/timer', { fn: 'workspace', at: '2030-01-01T01:00:00Z' }, { host: 'evil.example:80' })).status).toBe(403)
    expect((await post(rt.url, '/__dev/timer', { fn: '../x' })).status).toBe(400)
    const fired = await post(rt.url, '/__dev/timer', { fn: 'workspace', at: '2030-01-01T01:00:00Z' })
    expect(JSON.parse(fired.body)).toMatchObject({ ok: true, data: { escalated: expect.any(Number) } })
  })

  test('unknown function → a plain error, not a crash', async () => {
    const r = await post(rt.url, '/api/fn/nope', {})
    expect(r.status).toBe(404)
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'REQUEST.UNKNOWN_FUNCTION' } })
  })
})

describe('guards', () => {
  test.each([
    ['127.0.0.1', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.5', false],
    ['192.168.1.2', false],
    ['::ffff:10.0.0.5', false],
    [undefined, false],
  ])('isLoopback(%s) = %s', (addr, expected) => expect(isLoopback(addr)).toBe(expected))

  test.each([
    ['127.0.0.1:8080', true],
    ['localhost:8080', true],
    ['[::1]:8080', true],
    ['evil.example', false],
    ['127.0.0.1.evil.example', false],
    [undefined, false],
  ])('isLocalHost(%s) = %s', (host, expected) => expect(isLocalHost(host)).toBe(expected))

  test('tokens verify only with the key that signed them', () => {
    const a = Buffer.alloc(32, 1)
    const b = Buffer.alloc(32, 2)
    const t = issueToken(a, 'o-user')
    expect(verifyToken(a, t)).toBe('o-user')
    expect(verifyToken(b, t)).toBeNull()
    expect(verifyToken(a, t + 'x')).toBeNull()
  })
})
