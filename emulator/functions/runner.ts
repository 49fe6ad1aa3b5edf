import { Worker } from 'node:worker_threads'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Runs built cloud functions the way CloudBase does: each instance is a worker thread with its own
 * process.env (so getWXContext() sees only its caller), one invocation per instance at a time,
 * several instances per function in parallel, and a timeout from the function's config.json.
 */
export interface RunnerOptions {
  /** Where built function folders are; several folders are searched in order. */
  functionsDir: string | string[]
  adminUrl: string
  envId: string
  maxInstancesPerFunction?: number
  /** Overrides every function's config.json timeout (seconds). */
  timeoutSeconds?: number
  /** Keep function output out of this process's stdout/stderr (it is still recorded in `logs()`). */
  quiet?: boolean
  /** Extra environment of every instance (the function keys CloudBase would hold as env variables). */
  env?: Record<string, string>
}

export interface InvokeContext {
  /** The WeChat user, set only for calls from the mini-program (or the local h5 bridge). */
  openid?: string
  appid?: string
  source?: string
}

export class FunctionInvokeError extends Error {
  constructor(
    readonly code: 'FUNCTIONS_NOT_FOUND' | 'FUNCTIONS_TIME_LIMIT_EXCEEDED' | 'FUNCTIONS_EXECUTE_FAIL',
    message: string,
  ) {
    super(message)
  }
}

// The instance body. The function module loads once per instance (a warm start after the first call).
const INSTANCE_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const mod = require(workerData.entry)
parentPort.on('message', async ({ id, event, env }) => {
  for (const key of Object.keys(process.env)) if (key.startsWith('WX_') || key === 'TCB_SOURCE') delete process.env[key]
  Object.assign(process.env, env)
  try {
    const result = await mod.main(event, { request_id: id })
    parentPort.postMessage({ id, ok: true, json: JSON.stringify(result === undefined ? null : result) })
  } catch (err) {
    parentPort.postMessage({ id, ok: false, message: err && err.message ? String(err.message) : String(err) })
  }
})
`

interface Instance {
  worker: Worker
  busy: boolean
}

interface Pool {
  dir: string
  instances: Instance[]
  waiting: Array<() => void>
  timeoutMs: number
}

let sequence = 0

export function createFunctionRunner(opts: RunnerOptions) {
  const pools = new Map<string, Pool>()
  const max = opts.maxInstancesPerFunction ?? 4
  const dirs = Array.isArray(opts.functionsDir) ? opts.functionsDir : [opts.functionsDir]
  const baseEnv: Record<string, string> = {
    ...(process.env as Record<string, string>),
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: opts.adminUrl }),
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    TENCENTCLOUD_RUNENV: 'SCF',
    // Without a region the SDK logs an error on every call; SILENCE stops it leaving 3 s timers behind.
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SILENCE: 'true',
    SCF_NAMESPACE: opts.envId,
    TCB_ENV: opts.envId,
    ...opts.env,
  }
  let closed = false
  /** The last lines functions printed (what CloudBase's log would hold), for the log scanner in tests. */
  const logLines: string[] = []
  const LOG_LIMIT = 5000

  function capture(name: string, from: NodeJS.ReadableStream, to: NodeJS.WritableStream) {
    from.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8')
      for (const line of text.split('\n')) if (line) logLines.push(`[${name}] ${line}`)
      if (logLines.length > LOG_LIMIT) logLines.splice(0, logLines.length - LOG_LIMIT)
      if (!opts.quiet) to.write(text)
    })
  }

  function poolFor(name: string): Pool {
    let pool = pools.get(name)
    if (pool) return pool
    const dir = dirs.map((d) => join(d, name)).find((d) => existsSync(join(d, 'index.js')))
    if (!/^[A-Za-z][\w-]{0,63}$/.test(name) || !dir) {
      throw new FunctionInvokeError('FUNCTIONS_NOT_FOUND', `cloud function "${name}" does not exist`)
    }
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { timeout?: number }
    pool = { dir, instances: [], waiting: [], timeoutMs: 1000 * (opts.timeoutSeconds ?? config.timeout ?? 3) }
    pools.set(name, pool)
    return pool
  }

  async function acquire(name: string, pool: Pool): Promise<Instance> {
    for (;;) {
      const idle = pool.instances.find((i) => !i.busy)
      if (idle) {
        idle.busy = true
        return idle
      }
      if (pool.instances.length < max) {
        const worker = new Worker(INSTANCE_SOURCE, {
          eval: true,
          env: baseEnv,
          workerData: { entry: join(pool.dir, 'index.js') },
          stdout: true,
          stderr: true,
        })
        worker.unref()
        capture(name, worker.stdout, process.stdout)
        capture(name, worker.stderr, process.stderr)
        const instance = { worker, busy: true }
        pool.instances.push(instance)
        return instance
      }
      await new Promise<void>((resolve) => pool.waiting.push(resolve))
    }
  }

  function release(pool: Pool, instance: Instance, discard: boolean) {
    if (discard) {
      pool.instances = pool.instances.filter((i) => i !== instance)
      void instance.worker.terminate()
    } else {
      instance.busy = false
    }
    pool.waiting.shift()?.()
  }

  async function invoke(name: string, event: unknown, ctx: InvokeContext = {}): Promise<unknown> {
    if (closed) throw new FunctionInvokeError('FUNCTIONS_EXECUTE_FAIL', 'runner is closed')
    const pool = poolFor(name)
    const instance = await acquire(name, pool)
    const id = `${Date.now().toString(36)}-${(sequence++).toString(36)}`
    const env: Record<string, string> = ctx.openid
      ? {
          WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
          WX_OPENID: ctx.openid,
          WX_APPID: ctx.appid ?? 'wx-local-app',
          WX_UNIONID: '',
          TCB_SOURCE: ctx.source ?? 'wx_client',
        }
      : { WX_CONTEXT_KEYS: '', TCB_SOURCE: ctx.source ?? 'scf' }

    return new Promise((resolve, reject) => {
      let settled = false
      const finish = (discard: boolean, fn: () => void) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        instance.worker.off('message', onMessage)
        instance.worker.off('error', onError)
        instance.worker.off('exit', onExit)
        release(pool, instance, discard)
        fn()
      }
      const onMessage = (msg: { id: string; ok: boolean; json?: string; message?: string }) => {
        if (msg.id !== id) return
        if (msg.ok) finish(false, () => resolve(JSON.parse(msg.json ?? 'null')))
        else finish(false, () => reject(new FunctionInvokeError('FUNCTIONS_EXECUTE_FAIL', msg.message ?? 'function failed')))
      }
      const onError = (err: Error) => finish(true, () => reject(new FunctionInvokeError('FUNCTIONS_EXECUTE_FAIL', err.message)))
      const onExit = () => finish(true, () => reject(new FunctionInvokeError('FUNCTIONS_EXECUTE_FAIL', 'instance exited')))
      const timer = setTimeout(
        () => finish(true, () => reject(new FunctionInvokeError('FUNCTIONS_TIME_LIMIT_EXCEEDED', `cloud function "${name}" timed out after ${pool.timeoutMs} ms`))),
        pool.timeoutMs,
      )
      instance.worker.on('message', onMessage)
      instance.worker.on('error', onError)
      instance.worker.on('exit', onExit)
      instance.worker.postMessage({ id, event, env })
    })
  }

  async function close() {
    closed = true
    const all = [...pools.values()].flatMap((p) => p.instances)
    pools.clear()
    await Promise.all(all.map((i) => i.worker.terminate()))
  }

  return { invoke, close, logs: () => [...logLines] }
}

export type FunctionRunner = ReturnType<typeof createFunctionRunner>
