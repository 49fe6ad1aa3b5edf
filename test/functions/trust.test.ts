/**
 * TRUST.md's cross-cutting tests over every cloud function that exists: fuzzed events, identity
 * injection, the authorization matrix (rows from test/functions/*.matrix.ts) and a scan of every reply
 * and function log line for ID, card and phone numbers.
 */
import fc from 'fast-check'
import { readdirSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, startTestRuntime, type TestRuntime } from '../support/runtime'
import { ALL_CALLERS, CALLERS, type CallerKey, type MatrixRow, type MatrixContext } from '../support/matrix'
import { isEnvelope, type Envelope } from '../../src/domain/envelope'
import { findPersonalNumbers } from '../../src/domain/privacy/redact'

let rt: TestRuntime
const replies: unknown[] = []

beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

async function call(openid: string | null, fn: string, event: unknown): Promise<Envelope<unknown>> {
  const r = (await rt.invokeAs(openid, fn, event)) as Envelope<unknown>
  replies.push(r)
  return r
}

/** Product functions and the test fixtures, each with the action names its handler declares. */
function functionsWithActions(): Array<{ name: string; actions: string[] }> {
  const out: Array<{ name: string; actions: string[] }> = []
  for (const dir of [join(ROOT, 'cloudfunctions'), join(ROOT, 'test/fixtures/functions')]) {
    for (const name of readdirSync(dir)) {
      if (name.startsWith('_') || name.endsWith('.json')) continue
       
      const mod = require(join(dir, name, 'index.ts')) as { main: { actionNames: string[] } }
      out.push({ name, actions: mod.main.actionNames })
    }
  }
  return out
}

function matrixRows(): MatrixRow[] {
  const dir = join(ROOT, 'test/functions')
  return readdirSync(dir)
    .filter((f) => f.endsWith('.matrix.ts'))
    .flatMap((f) => (require(join(dir, f)) as { rows: MatrixRow[] }).rows)
}

const FUNCTIONS = functionsWithActions()
const ROWS = matrixRows()

const denialCodes = ['AUTH.UNAUTHENTICATED', 'AUTH.FORBIDDEN']
const isDenied = (r: Envelope<unknown>) => !r.ok && (denialCodes.includes(r.error.code) || /NOT_FOUND$/.test(r.error.code))

test('every function and action is covered by the authorization matrix', () => {
  const covered = new Set(ROWS.map((r) => `${r.fn}.${r.action}`))
  const missing = FUNCTIONS.flatMap((f) => f.actions.map((a) => `${f.name}.${a}`)).filter((k) => !covered.has(k))
  expect(missing).toEqual([])
})

describe('fuzzed events', () => {
  test.each(FUNCTIONS.map((f) => [f.name, f.actions] as const))('%s: never a crash or a non-envelope reply, no stack, nothing written', async (name, actions) => {
    const before = await rt.snapshot()
    const targeted = fc.oneof(
      fc.anything(),
      fc.record({ action: fc.constantFrom(...actions) }, { requiredKeys: ['action'] }).chain((base) =>
        fc.dictionary(fc.string({ maxLength: 12 }), fc.oneof(fc.anything(), fc.constant({ $gt: '' }), fc.constant({ $ne: null }), fc.string({ minLength: 300, maxLength: 2000 }))).map((extra) => ({ ...extra, ...base })),
      ),
      fc.constantFrom<unknown>(
        { action: { $gt: '' } },
        { action: actions[0], id: { $ne: null } },
        { action: actions[0], _id: { $exists: true } },
        { action: actions[0], nested: JSON.parse('['.repeat(200) + ']'.repeat(200)) },
        { action: actions[0], text: 'x'.repeat(400 * 1024) },
        { action: '__proto__' },
        { action: 'constructor' },
      ),
    )
    for (const openid of ['o-fuzz-stranger', CALLERS.admin]) {
      await fc.assert(
        fc.asyncProperty(targeted, async (event) => {
          const r = await call(openid, name, event)
          if (!isEnvelope(r)) return false
          const text = JSON.stringify(r)
          if (/\bat [\w.<>]+ \(|node_modules|\.js:\d+/.test(text)) return false
          // a random event that happened to be valid may succeed, but only for reads
          return r.ok ? true : typeof r.error.message === 'string' && /[\u4e00-\u9fa5]/.test(r.error.message)
        }),
        { numRuns: 40 },
      )
    }
    const after = await rt.snapshot()
    // a first call may create the caller's own user record (session.me); nothing else may change
    delete before.users
    delete after.users
    delete after.audit
    delete before.audit
    // a valid `reconcile` only reads records; its report is a log like the audit
    delete after.figureChecks
    delete before.figureChecks
    expect(after).toEqual(before)
  }, 120000)
})

const ctx: MatrixContext = {
  get rt() {
    return rt
  },
  call: (caller: CallerKey, fn: string, event: Record<string, unknown>) => call(CALLERS[caller], fn, event),
}

const INJECTED = { openid: CALLERS.admin, _openid: CALLERS.admin, OPENID: CALLERS.admin, role: 'admin', isStaff: true, isAdmin: true, userInfo: { openId: CALLERS.admin, appId: 'wx' } }

describe('authorization matrix', () => {
  const cells: Array<Record<string, string>> = []
  afterAll(() => {
    mkdirSync(join(ROOT, 'artefacts'), { recursive: true })
    writeFileSync(join(ROOT, 'artefacts/authorization-matrix.json'), JSON.stringify(cells, null, 1))
  })

  test.each(ROWS.map((r) => [`${r.fn}.${r.action}`, r] as const))('%s', async (_label, row) => {
    for (const caller of ALL_CALLERS) {
      const openid = CALLERS[caller]
      const allowed = row.allowed.includes(caller)
      const event = await row.event(ctx, caller)
      const deniedBefore = openid ? rt.emulator.db.count('audit', { action: 'auth.denied', 'actor.openid': openid }) : 0
      const r = await call(openid, row.fn, event)
      cells.push({ action: `${row.fn}.${row.action}`, caller, expected: allowed ? 'allow' : 'deny', got: r.ok ? 'allow' : r.error.code })
      expect({ caller, ok: r.ok, code: r.ok ? null : r.error.code }).toEqual({ caller, ok: allowed, code: allowed ? null : expect.any(String) })
      if (!allowed) {
        expect({ caller, denied: isDenied(r) }).toEqual({ caller, denied: true })
        if (!r.ok && r.error.code === 'AUTH.FORBIDDEN') {
          expect({ caller, audited: rt.emulator.db.count('audit', { action: 'auth.denied', 'actor.openid': openid }) }).toEqual({ caller, audited: deniedBefore + 1 })
        }
        // identity claimed in the event never turns a refusal into a success
        const injected = await call(openid, row.fn, { ...(await row.event(ctx, caller)), ...INJECTED })
        expect({ caller, injectedOk: injected.ok }).toEqual({ caller, injectedOk: false })
      }
      await row.after?.(ctx, caller)
    }
  }, 120000)
})

test('after all matrix rows, every caller still has the seeded role (rows undo what they change)', async () => {
  const expected: Record<string, string> = { workerA: 'worker', workerB: 'worker', grassrootsX: 'grassroots_staff', grassrootsY: 'grassroots_staff', federation: 'federation_staff', admin: 'admin' }
  for (const [who, role] of Object.entries(expected)) {
    const me = (await call(CALLERS[who as CallerKey], 'session', { action: 'me' })) as Envelope<{ role: string }>
    expect({ who, role: me.ok && me.data.role }).toEqual({ who, role })
  }
})

test('no reply and no function log line carries an ID, card or phone number', () => {
  expect(replies.length).toBeGreaterThan(100)
  const leaks = [...replies.map((r) => JSON.stringify(r)), ...rt.runner.logs()].flatMap((t) => findPersonalNumbers(t))
  expect(leaks).toEqual([])
})
