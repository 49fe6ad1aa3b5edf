// The only caller of the backend. weapp: CloudBase callFunction; h5 (local runtime only): HTTP.
import Taro from '@tarojs/taro'
import { fail, isEnvelope, type Envelope } from '../domain/envelope'

const TIMEOUT_MS = 15000

export const NET_UNAVAILABLE = 'NET.UNAVAILABLE'
export const SYS_BAD_REPLY = 'SYS.BAD_REPLY'

const netDown = (): Envelope<never> => fail(NET_UNAVAILABLE, '网络不太好，请检查网络后再试一次')
const badReply = (): Envelope<never> => fail(SYS_BAD_REPLY, '服务出了点问题，请稍后再试')

export async function callFunction<T>(name: string, data: Record<string, unknown>): Promise<Envelope<T>> {
  // Keep every h5-only string inside this guard: DefinePlugin turns it into `false` on weapp and
  // the whole block is dropped from the bundle (scripts/check-weapp.mjs greps dist/ for it).
  if (process.env.TARO_ENV === 'h5') {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    const token = window.localStorage.getItem('devSession')
    if (token) headers['x-dev-session'] = token
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS)
    let text: string
    try {
      const res = await fetch((process.env.TARO_APP_API_BASE || '') + '/api/fn/' + encodeURIComponent(name), {
        method: 'POST',
        headers,
        body: JSON.stringify(data),
        signal: controller.signal,
      })
      text = await res.text()
    } catch {
      return netDown()
    } finally {
      clearTimeout(timer)
    }
    try {
      const body: unknown = JSON.parse(text)
      return isEnvelope(body) ? (body as Envelope<T>) : badReply()
    } catch {
      return badReply()
    }
  }

  if (process.env.TARO_ENV === 'weapp') {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS)
    })
    try {
      const res = await Promise.race([Taro.cloud.callFunction({ name, data }), timeout])
      if (res === 'timeout') return netDown()
      return isEnvelope(res.result) ? (res.result as Envelope<T>) : badReply()
    } catch (err) {
      // -504002: the function itself crashed; anything else is the network or the platform.
      const msg = String((err as { errMsg?: string } | null)?.errMsg ?? err)
      return msg.includes('-504002') ? badReply() : netDown()
    } finally {
      clearTimeout(timer)
    }
  }

  return fail('SYS.UNSUPPORTED', '这个功能在这里用不了')
}
