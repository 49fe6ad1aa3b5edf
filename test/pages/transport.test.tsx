// The transport is plain TS; it lives with the page tests because it needs a browser-like global scope.
import Taro from '@tarojs/taro'
import { callFunction } from '../../src/services/transport'

const realEnv = process.env.TARO_ENV
const fetchMock = jest.fn()

beforeEach(() => {
  jest.clearAllMocks()
  fetchMock.mockReset()
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
  window.localStorage.clear()
})

afterEach(() => {
  process.env.TARO_ENV = realEnv
  jest.useRealTimers()
})

const textReply = (body: string) => ({ text: () => Promise.resolve(body) })

describe('h5', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'h5'
  })

  test('POSTs the event to /api/fn/<name> and returns the envelope', async () => {
    fetchMock.mockResolvedValueOnce(textReply(JSON.stringify({ ok: true, data: { a: 1 } })))
    await expect(callFunction('session', { action: 'me' })).resolves.toEqual({ ok: true, data: { a: 1 } })
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/fn/session')
    expect(init.method).toBe('POST')
    expect(init.body).toBe('{"action":"me"}')
    expect(init.headers).toEqual({ 'content-type': 'application/json' })
  })

  test('sends the dev session token when there is one', async () => {
    window.localStorage.setItem('devSession', 'tok123')
    fetchMock.mockResolvedValueOnce(textReply(JSON.stringify({ ok: false, error: { code: 'X.Y', message: 'm' } })))
    await expect(callFunction('session', {})).resolves.toEqual({ ok: false, error: { code: 'X.Y', message: 'm' } })
    expect(fetchMock.mock.calls[0][1].headers['x-dev-session']).toBe('tok123')
  })

  test.each([['<html>404</html>'], ['{"hello":1}'], ['']])('non-envelope reply %p -> SYS.BAD_REPLY', async (body) => {
    fetchMock.mockResolvedValueOnce(textReply(body))
    const r = await callFunction('session', {})
    expect(r.ok === false && r.error.code).toBe('SYS.BAD_REPLY')
  })

  test('network failure -> NET.UNAVAILABLE', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    await expect(callFunction('session', {})).resolves.toEqual({
      ok: false,
      error: { code: 'NET.UNAVAILABLE', message: '网络不太好，请检查网络后再试一次' },
    })
  })

  test('gives up after 15 s -> NET.UNAVAILABLE', async () => {
    jest.useFakeTimers()
    fetchMock.mockImplementationOnce(
      (_url: string, init: { signal: AbortSignal }) =>
        new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted')))),
    )
    const pending = callFunction('session', {})
    jest.advanceTimersByTime(14999)
    let settled = false
    void pending.then(() => (settled = true))
    await Promise.resolve()
    expect(settled).toBe(false)
    jest.advanceTimersByTime(1)
    const r = await pending
    expect(r.ok === false && r.error.code).toBe('NET.UNAVAILABLE')
  })
})

describe('weapp', () => {
  const cf = Taro.cloud.callFunction as unknown as jest.Mock

  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
  })

  test('calls the cloud function and returns res.result', async () => {
    cf.mockResolvedValueOnce({ result: { ok: true, data: 7 } })
    await expect(callFunction('session', { action: 'me' })).resolves.toEqual({ ok: true, data: 7 })
    expect(cf).toHaveBeenCalledWith({ name: 'session', data: { action: 'me' } })
    expect(fetchMock).not.toHaveBeenCalled()
  })

  test('a result that is not an envelope -> SYS.BAD_REPLY', async () => {
    cf.mockResolvedValueOnce({ result: 'oops' })
    const r = await callFunction('session', {})
    expect(r.ok === false && r.error.code).toBe('SYS.BAD_REPLY')
  })

  test('function crash -> SYS.BAD_REPLY; network error -> NET.UNAVAILABLE', async () => {
    cf.mockRejectedValueOnce({ errMsg: 'cloud.callFunction:fail Error: errCode: -504002 functions execute fail' })
    const crash = await callFunction('session', {})
    expect(crash.ok === false && crash.error.code).toBe('SYS.BAD_REPLY')
    cf.mockRejectedValueOnce({ errMsg: 'cloud.callFunction:fail request:fail' })
    const net = await callFunction('session', {})
    expect(net.ok === false && net.error.code).toBe('NET.UNAVAILABLE')
  })
})
