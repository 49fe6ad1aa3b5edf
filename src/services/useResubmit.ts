import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { AppError, Envelope } from '../domain/envelope'
import { errorText, isTransient } from './errors'
import { keptOnPhone } from './forms'

/** The request changed since the page read it: show the news and read it again. */
const STALE = new Set(['REQUEST.STALE', 'REQUEST.ALREADY_DECIDED', 'REQUEST.ILLEGAL_TRANSITION', 'MUTUAL_AID.STALE'])

export interface SendProblem {
  text: string
  /** 刷新 helps (the request changed meanwhile). */
  stale?: boolean
}

/**
 * Sending what the union asked for (补充材料), one send at a time. Done: the draft goes (`clear`), a
 * toast, back to the top and `onDone` (the page reads the request again); no second send of this
 * version. A lost network or a changed request becomes `problem`; any other refusal is handed back.
 */
export function useResubmit(clear: () => void, onDone: () => void) {
  const sending = useRef(false)
  const [busy, setBusy] = useState(false)
  const [sent, setSent] = useState(false)
  const [problem, setProblem] = useState<SendProblem | null>(null)

  const send = async (call: () => Promise<Envelope<unknown>>): Promise<AppError | null> => {
    if (sending.current || sent) return null
    sending.current = true
    setBusy(true)
    setProblem(null)
    const r = await call().catch(() => null)
    sending.current = false
    setBusy(false)
    if (r?.ok) {
      clear()
      setSent(true)
      void Taro.showToast({ title: '已经交给工会了', icon: 'success' })
      // the new state is shown at the top of the page
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 })
      onDone()
      return null
    }
    if (!r || isTransient(r.error)) setProblem({ text: keptOnPhone(r?.error, '交给工会') })
    else if (STALE.has(r.error.code)) setProblem({ text: errorText(r.error), stale: true })
    else return r.error
    return null
  }

  return { busy, sent, problem, setProblem, send }
}
