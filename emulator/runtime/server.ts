import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import { randomBytes } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { createEmulator, type Emulator, type Manifest } from '../index'
import { createFunctionRunner, FunctionInvokeError, type FunctionRunner } from '../functions/runner'
import { DEMO_USERS, seedDemoData } from './seed'
import { seedDemoYear, seedEncrypt } from './seed-year'
import { signInPage } from './signin-page'
import { isLocalHost, isLoopback, issueToken, verifyToken } from './dev-session'
import { loadOrCreateSecrets } from './secrets'
import { outboxPage } from './outbox-page'

export interface RuntimeOptions {
  port: number
  dataDir: string
  manifest: Manifest
  functionsDir: string | string[]
  /** The h5 build to serve at `/`; optional (tests of functions need none). */
  h5Dir?: string
  envId?: string
  seed?: boolean
  /** Also seed a whole past year of records at the scale of the seed reports (npm start; slow for tests). */
  demoYear?: boolean
  /** Run functions' timer triggers (config.json `triggers`) every hour, as CloudBase would. */
  timers?: boolean
  wordList?: { risky: string[]; review: string[] }
  functionTimeoutSeconds?: number
}

export interface Runtime {
  url: string
  port: number
  emulator: Emulator
  runner: FunctionRunner
  /** Calls a function as the mini-program would for this user (or with no user). */
  invokeAs(openid: string | null, name: string, event: unknown): Promise<unknown>
  tokenFor(openid: string): string
  stop(): Promise<void>
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

const MAX_BODY = 1024 * 1024

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json; charset=utf-8') {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' })
  res.end(text)
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new RangeError('body too large')
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  return text ? JSON.parse(text) : {}
}

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg'])
/** Gzipped static files by path and mtime: phones on weak networks download a third of the bytes. */
const gzipCache = new Map<string, { mtimeMs: number; body: Buffer }>()

function gzipped(file: string): Buffer {
  const mtimeMs = statSync(file).mtimeMs
  const hit = gzipCache.get(file)
  if (hit && hit.mtimeMs === mtimeMs) return hit.body
  const body = gzipSync(readFileSync(file), { level: 9 })
  gzipCache.set(file, { mtimeMs, body })
  return body
}

function serveStatic(root: string, req: IncomingMessage, res: ServerResponse) {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
  const file = normalize(join(root, path === '/' ? 'index.html' : path))
  if (!file.startsWith(root + sep) && file !== root) return send(res, 403, 'forbidden', 'text/plain')
  const target = existsSync(file) && statSync(file).isFile() ? file : join(root, 'index.html')
  if (!existsSync(target)) return send(res, 404, 'h5 build missing: run `npm start` (it builds dist-h5)', 'text/plain; charset=utf-8')
  const type = TYPES[extname(target)] ?? 'application/octet-stream'
  const headers: Record<string, string> = { 'content-type': type, 'cache-control': target.endsWith('index.html') ? 'no-store' : 'max-age=300', vary: 'accept-encoding' }
  if (COMPRESSIBLE.has(extname(target)) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    res.writeHead(200, { ...headers, 'content-encoding': 'gzip' })
    return res.end(gzipped(target))
  }
  res.writeHead(200, headers)
  res.end(readFileSync(target))
}

export async function startRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const host = '127.0.0.1'
  const envId = opts.envId ?? 'local-env'
  const secrets = loadOrCreateSecrets(opts.dataDir)
  const secret = secrets.devSession
  let port = opts.port
  let runner: FunctionRunner | null = null

  const emulator = await createEmulator({
    dataDir: opts.dataDir,
    manifest: opts.manifest,
    envId,
    wordList: opts.wordList,
    publicBaseUrl: () => `http://${host}:${port}`,
    invokeFunction: (name, data) => runner!.invoke(name, data, { source: 'scf' }),
  })

  async function bridge(name: string, req: IncomingMessage, res: ServerResponse) {
    let event: unknown
    try {
      event = await readJson(req)
    } catch {
      return send(res, 400, { ok: false, error: { code: 'REQUEST.BAD_BODY', message: '提交的内容有问题，请重试' } })
    }
    const openid = verifyToken(secret, req.headers['x-dev-session'] as string | undefined)
    // Timer events belong to the scheduler, never to a browser (handler.ts honours them without an OPENID).
    if (typeof event === 'object' && event !== null && 'Type' in event) {
      return send(res, 400, { ok: false, error: { code: 'REQUEST.BAD_BODY', message: '提交的内容有问题，请重试' } })
    }
    try {
      const result = await runner!.invoke(name, event, openid ? { openid } : {})
      send(res, 200, result)
    } catch (err) {
      if (err instanceof FunctionInvokeError && err.code === 'FUNCTIONS_NOT_FOUND') {
        return send(res, 404, { ok: false, error: { code: 'REQUEST.UNKNOWN_FUNCTION', message: '这个功能暂时用不了，请更新小程序后再试' } })
      }
      const timeout = err instanceof FunctionInvokeError && err.code === 'FUNCTIONS_TIME_LIMIT_EXCEEDED'
      send(res, 502, {
        ok: false,
        error: timeout
          ? { code: 'SYS.TIMEOUT', message: '办理超时了，请稍后再试一次' }
          : { code: 'SYS.INTERNAL', message: '系统开小差了，请稍后再试一次' },
      })
    }
  }

  /** Fires a function's timer at a chosen time (`{ fn, at?, message? }`): deadlines and escalation without waiting. */
  async function fireTimer(req: IncomingMessage, res: ServerResponse) {
    const body = (await readJson(req).catch(() => ({}))) as { fn?: unknown; at?: unknown; message?: unknown }
    const at = typeof body.at === 'string' ? new Date(body.at) : new Date()
    if (typeof body.fn !== 'string' || !/^[A-Za-z][\w-]{0,63}$/.test(body.fn) || Number.isNaN(at.getTime())) return send(res, 400, { error: 'fn and an ISO time are needed' })
    send(res, 200, await runner!.invoke(body.fn, timerEventFor('hourly', typeof body.message === 'string' ? body.message : '', at), {}))
  }

  async function devSession(req: IncomingMessage, res: ServerResponse) {
    const body = (await readJson(req).catch(() => ({}))) as { key?: unknown }
    const user = DEMO_USERS.find((u) => u.key === body.key)
    const openid = user ? user.openid : body.key === 'new' ? `o-new-${randomBytes(6).toString('hex')}` : null
    if (!openid) return send(res, 400, { error: 'unknown demo user' })
    send(res, 200, { token: issueToken(secret, openid), openid })
  }

  const server = createServer((req, res) => {
    void (async () => {
      try {
        if (await emulator.handle(req, res)) return
        const url = new URL(req.url ?? '/', 'http://x')
        const local = isLoopback(req.socket.remoteAddress) && isLocalHost(req.headers.host)
        if (url.pathname.startsWith('/api/fn/') || url.pathname.startsWith('/__dev')) {
          if (!local) return send(res, 403, { ok: false, error: { code: 'AUTH.LOOPBACK_ONLY', message: 'local runtime only' } })
        }
        const fn = /^\/api\/fn\/([A-Za-z][\w-]{0,63})$/.exec(url.pathname)
        if (fn && req.method === 'POST') return await bridge(fn[1], req, res)
        if (url.pathname === '/__dev/signin' && req.method === 'GET') return send(res, 200, signInPage(DEMO_USERS), 'text/html; charset=utf-8')
        if (url.pathname === '/__dev/session' && req.method === 'POST') return await devSession(req, res)
        if (url.pathname === '/__dev/timer' && req.method === 'POST') return await fireTimer(req, res)
        if (url.pathname === '/__dev/outbox.json') return send(res, 200, emulator.outbox.list())
        if (url.pathname === '/__dev/outbox') return send(res, 200, outboxPage(emulator.outbox.list()), 'text/html; charset=utf-8')
        if (req.method === 'GET' && opts.h5Dir) return serveStatic(opts.h5Dir, req, res)
        send(res, 404, { error: 'not found' })
      } catch (err) {
        if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'SYS.INTERNAL', message: '系统开小差了，请稍后再试一次' } })
        console.error('runtime error', err instanceof Error ? err.message : err)
      }
    })()
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, host, () => resolve())
  })
  const address = server.address()
  port = typeof address === 'object' && address ? address.port : opts.port
  const url = `http://${host}:${port}`

  runner = createFunctionRunner({
    functionsDir: opts.functionsDir,
    adminUrl: `${url}/admin`,
    envId,
    timeoutSeconds: opts.functionTimeoutSeconds,
    env: secrets.functionEnv,
  })
  if (opts.seed) {
    await seedDemoData(seedTarget(emulator))
    if (opts.demoYear) await seedDemoYear(seedTarget(emulator), seedEncrypt(secrets.functionEnv.UNION_DATA_KEY))
    // Seeded records bypass the functions: project them into the staff queue and the year-end counters.
    await runner.invoke('workspace', timerEventFor('hourly', 'rebuild'), {})
  }
  const timers = opts.timers ? startTimers(runner, opts.functionsDir) : null

  return {
    url,
    port,
    emulator,
    runner,
    invokeAs: (openid, name, event) => runner!.invoke(name, event, openid ? { openid } : {}),
    tokenFor: (openid) => issueToken(secret, openid),
    async stop() {
      if (timers) clearInterval(timers)
      await runner!.close()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await emulator.close()
    },
  }
}

function seedTarget(emulator: Emulator) {
  return {
    async insertMissing(collection: string, docs: Array<Record<string, unknown> & { _id: string }>) {
      let inserted = 0
      for (const doc of docs) {
        const found = await emulator.db.find(collection, { _id: doc._id })
        if (found.length) continue
        await emulator.db.insert(collection, doc)
        inserted++
      }
      return inserted
    },
  }
}

export { readJson as _readJsonForTests }

/** The event CloudBase passes a function on a timer trigger. */
export const timerEventFor = (trigger: string, message = '', at = new Date()) => ({ Type: 'Timer', TriggerName: trigger, Time: at.toISOString(), Message: message })

/** Every function with a timer trigger runs once an hour (the product's triggers are hourly). */
function startTimers(runner: FunctionRunner, functionsDir: string | string[]): NodeJS.Timeout {
  const dirs = Array.isArray(functionsDir) ? functionsDir : [functionsDir]
  const withTimers: Array<{ name: string; trigger: string }> = []
  for (const dir of dirs) {
    if (!existsSync(dir)) continue
    for (const name of readdirSync(dir)) {
      const config = join(dir, name, 'config.json')
      if (!existsSync(config)) continue
      const triggers = (JSON.parse(readFileSync(config, 'utf8')) as { triggers?: Array<{ name: string; type: string }> }).triggers ?? []
      for (const t of triggers) if (t.type === 'timer') withTimers.push({ name, trigger: t.name })
    }
  }
  const tick = () => {
    for (const t of withTimers) runner.invoke(t.name, timerEventFor(t.trigger), {}).catch((err: unknown) => console.error('timer', t.name, err instanceof Error ? err.message : err))
  }
  const handle = setInterval(tick, 3_600_000)
  handle.unref()
  setTimeout(tick, 5_000).unref()
  return handle
}
