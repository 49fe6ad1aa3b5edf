import { fail, isEnvelope, ok } from '../../src/domain/envelope'
import * as z from '../../src/domain/zod'
import { toFieldErrors } from '../../src/domain/validation'
import { sessionEvent } from '../../src/domain/session/session.schema'

describe('envelope', () => {
  test('ok and fail build the two shapes', () => {
    expect(ok({ a: 1 })).toEqual({ ok: true, data: { a: 1 } })
    expect(fail('X.Y', '说明')).toEqual({ ok: false, error: { code: 'X.Y', message: '说明' } })
    expect(fail('X.Y', '说明', { name: '请填写姓名' })).toEqual({ ok: false, error: { code: 'X.Y', message: '说明', fieldErrors: { name: '请填写姓名' } } })
  })
  test.each([
    [{ ok: true, data: null }, true],
    [{ ok: false, error: { code: 'A.B', message: 'm' } }, true],
    [{ ok: true }, false],
    [{ ok: false, error: { code: 1, message: 'm' } }, false],
    [null, false],
    ['ok', false],
  ])('isEnvelope(%j) = %s', (x, expected) => expect(isEnvelope(x)).toBe(expected))
})

describe('validation', () => {
  test('field errors are keyed by path, first message wins', () => {
    const schema = z.object({ name: z.string().check(z.minLength(2, '请填写姓名')), items: z.array(z.object({ n: z.number('请填数字') })) })
    const r = schema.safeParse({ name: 'a', items: [{ n: 'x' }] })
    expect(r.success).toBe(false)
    if (!r.success) expect(toFieldErrors(r.error)).toEqual({ name: '请填写姓名', 'items.0.n': '请填数字' })
  })
  test('zod is jitless: schemas never compile code (mini-programs forbid eval)', () => {
    const spy = jest.spyOn(globalThis, 'Function')
    z.object({ a: z.string(), b: z.number() }).safeParse({ a: 'x', b: 1 })
    expect(spy).not.toHaveBeenCalled()
    spy.mockRestore()
  })
  test('session event accepts only known actions and drops unknown keys', () => {
    expect(sessionEvent.parse({ action: 'me', openid: 'x', role: 'admin' })).toEqual({ action: 'me' })
    expect(sessionEvent.safeParse({ action: 'drop' }).success).toBe(false)
  })
})
