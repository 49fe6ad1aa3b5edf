// Asking for subscribe messages (订阅消息) at the moment they matter: WeChat shows its "allow messages?"
// sheet only from a tap, and each "allow" lets the union send one message of that kind. Pages call
// `askToSubscribe` inside the submit tap, before anything is awaited; the send goes on at once and never
// waits for the answer. What the person chose is reported to `notify.subscribe`. Nothing on h5.
import { useCallback, useRef } from 'react'
import Taro from '@tarojs/taro'
import type { SubscribeResult, TemplateKey } from '../domain/notify/notify.api'
import { TEMPLATE_IDS } from '../domain/notify/templates'
import { callFunction } from './transport'

/** WeChat takes at most this many templates in one request. */
export const MAX_TEMPLATES_PER_ASK = 3

/** The kinds to ask for at each moment, most important first (only the first three are asked). */
export const SUBSCRIBE_MOMENTS = {
  /** 入会, 法律援助, 驿站报修 sent. */
  submit: ['status_changed', 'needs_info', 'decided'],
  /** 互助保障 claim sent: the money matters more than a step in between. */
  submitClaim: ['needs_info', 'decided', 'paid', 'status_changed'],
  /** What the union asked for was added (补充材料). */
  resubmit: ['status_changed', 'decided'],
  /** 我的办理 → 开启到期提醒: claim windows, renewals, arbitration deadlines, unanswered asks. */
  remind: ['reminder', 'needs_info', 'decided'],
  /** Staff 待办事项 → 每天早上提醒我: the daily digest of due-soon and overdue items. */
  staffDigest: ['staff_digest'],
} as const satisfies Record<string, readonly TemplateKey[]>
export type SubscribeMoment = keyof typeof SUBSCRIBE_MOMENTS

const IDS: Partial<Record<TemplateKey, string>> = TEMPLATE_IDS
const ANSWERS: readonly string[] = ['accept', 'reject', 'ban', 'filter'] satisfies readonly SubscribeResult[]

/** WeChat's answer (template id → accept / reject …) as kinds. */
export function resultsByKind(kinds: readonly TemplateKey[], answer: unknown): Partial<Record<TemplateKey, SubscribeResult>> {
  const out: Partial<Record<TemplateKey, SubscribeResult>> = {}
  if (typeof answer !== 'object' || answer === null) return out
  const byId = answer as Record<string, unknown>
  for (const kind of kinds) {
    const id = IDS[kind]
    const said = id ? byId[id] : undefined
    if (typeof said === 'string' && ANSWERS.includes(said)) out[kind] = said as SubscribeResult
  }
  return out
}

/**
 * Shows WeChat's subscribe sheet for `moment` (weapp only) and reports the answer. Call it first thing in
 * a tap handler, before any `await`; it returns at once and never throws: a refusal, a missing template
 * or a lost network only means fewer messages. Resolves once the answer is reported (for tests).
 */
export function askToSubscribe(moment: SubscribeMoment): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve()
  const kinds = SUBSCRIBE_MOMENTS[moment].filter((k) => !!IDS[k]).slice(0, MAX_TEMPLATES_PER_ASK)
  if (kinds.length === 0) return Promise.resolve()
  let asked: Promise<unknown>
  try {
    asked = Promise.resolve(Taro.requestSubscribeMessage({ tmplIds: kinds.map((k) => IDS[k] as string) } as Parameters<typeof Taro.requestSubscribeMessage>[0]))
  } catch {
    return Promise.resolve()
  }
  return asked
    .then(async (answer) => {
      const results = resultsByKind(kinds, answer)
      if (Object.keys(results).length > 0) await callFunction('notify', { action: 'subscribe', results })
    })
    .catch(() => undefined)
}

/** Whether this build can ask at all (WeChat only): pages hide a "提醒我" button elsewhere. */
export const canAskToSubscribe = (): boolean => process.env.TARO_ENV === 'weapp'

/**
 * `ask()` for a page's submit tap: asks once per page visit (a second tap after a failed send does not
 * show the sheet again). Same rules as askToSubscribe: call it before any `await`, never wait for it.
 */
export function useSubscribeAsk(moment: SubscribeMoment): () => void {
  const asked = useRef(false)
  return useCallback(() => {
    if (asked.current) return
    asked.current = true
    void askToSubscribe(moment)
  }, [moment])
}
