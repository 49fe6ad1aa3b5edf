import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFunctionRunner, FunctionInvokeError, type FunctionRunner } from '../../emulator/functions/runner'

const sdkPath = join(__dirname, '../../node_modules/wx-server-sdk')
let dir: string
let runner: FunctionRunner

function fn(name: string, body: string, timeout = 2) {
  mkdirSync(join(dir, name), { recursive: true })
  writeFileSync(join(dir, name, 'index.js'), `const cloud = require(${JSON.stringify(sdkPath)})\n${body}`)
  writeFileSync(join(dir, name, 'config.json'), JSON.stringify({ timeout }))
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'union-fns-'))
  fn('whoami', `exports.main = async (event) => { await new Promise(r => setTimeout(r, event.delay || 0)); return { ctx: cloud.getWXContext(), pid: require('worker_threads').threadId } }`)
  fn('slow', `exports.main = () => new Promise(r => setTimeout(r, 5000))`, 1)
  fn('boom', `exports.main = async () => { throw new Error('boom') }`)
  fn('quit', `exports.main = async () => { process.exit(3) }`)
  runner = createFunctionRunner({ functionsDir: dir, adminUrl: 'http://127.0.0.1:9/admin', envId: 'test-env', maxInstancesPerFunction: 3 })
})
afterAll(async () => {
  await runner.close()
  rmSync(dir, { recursive: true, force: true })
})

test('each invocation sees only its own caller, even with instances reused in parallel', async () => {
  const ids = Array.from({ length: 12 }, (_, i) => `o-user-${i}`)
  const replies = (await Promise.all(ids.map((openid, i) => runner.invoke('whoami', { delay: (i % 3) * 20 }, { openid })))) as Array<{ ctx: Record<string, string>; pid: number }>
  replies.forEach((r, i) => expect(r.ctx.OPENID).toBe(ids[i]))
  expect(new Set(replies.map((r) => r.pid)).size).toBeLessThanOrEqual(3)
  expect(new Set(replies.map((r) => r.pid)).size).toBeGreaterThan(1)
})

test('a call without a user has no OPENID even on an instance that served one', async () => {
  await runner.invoke('whoami', {}, { openid: 'o-before' })
  const r = (await runner.invoke('whoami', {}, {})) as { ctx: Record<string, string> }
  expect(r.ctx.OPENID).toBeUndefined()
})

test('timeout, thrown error and exit are reported, and the function keeps serving', async () => {
  await expect(runner.invoke('slow', {})).rejects.toMatchObject({ code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED' })
  await expect(runner.invoke('boom', {})).rejects.toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL', message: 'boom' })
  await expect(runner.invoke('quit', {})).rejects.toBeInstanceOf(FunctionInvokeError)
  await expect(runner.invoke('missing', {})).rejects.toMatchObject({ code: 'FUNCTIONS_NOT_FOUND' })
  await expect(runner.invoke('../whoami', {})).rejects.toMatchObject({ code: 'FUNCTIONS_NOT_FOUND' })
  const r = (await runner.invoke('whoami', {}, { openid: 'o-after' })) as { ctx: Record<string, string> }
  expect(r.ctx.OPENID).toBe('o-after')
}, 15000)
