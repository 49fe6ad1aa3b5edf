import fc from 'fast-check'
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { findPersonalNumbers } from '../../src/domain/privacy/redact'
import type { Envelope } from '../../src/domain/envelope'
import type { Me } from '../../src/domain/session/session.schema'
import { demoId } from '../../emulator/runtime/seed'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

const call = (openid: string | null, event: unknown) => rt.invokeAs(openid, 'session', event) as Promise<Envelope<Me>>
const me = (openid: string | null, extra: Record<string, unknown> = {}) => call(openid, { action: 'me', ...extra })

describe('session function through the real wx-server-sdk', () => {
  test('without an OPENID it refuses and writes nothing', async () => {
    const before = await rt.snapshot()
    expect(await me(null)).toEqual({ ok: false, error: { code: 'AUTH.UNAUTHENTICATED', message: expect.any(String) } })
    expect(await rt.snapshot()).toEqual(before)
  })

  test('first call creates the worker record, later calls find it', async () => {
    const first = await me('o-test-first')
    expect(first).toEqual({
      ok: true,
      data: { userId: expect.any(String), role: 'worker', roleLabel: '职工', displayName: '微信用户', maskedPhone: null, org: null, isNew: true },
    })
    const second = await me('o-test-first')
    expect(second.ok && second.data.isNew).toBe(false)
    expect(second.ok && first.ok && second.data.userId).toBe(first.ok && first.data.userId)
    expect(await rt.emulator.db.find('users', { openid: 'o-test-first' })).toHaveLength(1)
  })

  test('20 concurrent first calls create exactly one record', async () => {
    const replies = await Promise.all(Array.from({ length: 20 }, () => me('o-test-burst')))
    expect(replies.every((r) => r.ok)).toBe(true)
    expect(new Set(replies.map((r) => r.ok && r.data.userId)).size).toBe(1)
    expect(replies.filter((r) => r.ok && r.data.isNew)).toHaveLength(1)
    expect(await rt.emulator.db.find('users', { openid: 'o-test-burst' })).toHaveLength(1)
  }, 30000)

  test('a seeded staff member sees role, org and masked identity only', async () => {
    const r = await me('o-demo-zhang')
    expect(r).toEqual({
      ok: true,
      data: {
        userId: demoId('user-grassroots'),
        role: 'grassroots_staff',
        roleLabel: '基层工会工作人员',
        displayName: '张*东',
        maskedPhone: '139****1111',
        org: { id: 'org-fengda', name: '江西丰达机械有限公司工会' },
        isNew: false,
      },
    })
    expect(findPersonalNumbers(JSON.stringify(r))).toEqual([])
  })

  test('identity injected in the event is ignored', async () => {
    const plain = await me('o-demo-laoli')
    for (const injected of [
      { openid: 'o-demo-zhao' },
      { _openid: 'o-demo-zhao', OPENID: 'o-demo-zhao' },
      { role: 'admin', isStaff: true, isAdmin: true },
      { userInfo: { openId: 'o-demo-zhao', appId: 'x' } },
    ]) {
      expect(await me('o-demo-laoli', injected)).toEqual(plain)
    }
    expect(plain.ok && plain.data.role).toBe('worker')
  })

  test.each([
    ['missing action', {}, 'REQUEST.UNKNOWN_ACTION'],
    ['unknown action', { action: 'dropDatabase' }, 'REQUEST.UNKNOWN_ACTION'],
    ['operator injection', { action: { $gt: '' } }, 'REQUEST.UNKNOWN_ACTION'],
    ['prototype key', { action: '__proto__' }, 'REQUEST.UNKNOWN_ACTION'],
    ['array event', [1, 2], 'VALIDATION.INVALID'],
    ['huge string', { action: 'me', note: 'x'.repeat(300 * 1024) }, 'REQUEST.TOO_LARGE'],
  ])('invalid event (%s) → clear error, zero writes', async (_name, event, code) => {
    const before = await rt.snapshot()
    const r = await call('o-test-invalid', event)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe(code)
      expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/)
      expect(JSON.stringify(r)).not.toMatch(/at .*\.js|Error:|stack/i)
    }
    expect(await rt.snapshot()).toEqual(before)
  })

  test('fuzzed events never crash, always answer with an envelope and write nothing', async () => {
    const before = await rt.snapshot()
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (event) => {
        const r = (await call('o-test-fuzz', event)) as Envelope<unknown>
        if (r.ok) return false
        return typeof r.error.code === 'string' && !/stack|at \//.test(JSON.stringify(r))
      }),
      { numRuns: 60 },
    )
    expect(await rt.snapshot()).toEqual(before)
  }, 60000)
})
