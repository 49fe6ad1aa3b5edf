// What the worker forms share: field errors per field, idempotency keys per content, the words for a
// send that did not get through, and the move to the top of a wizard's next step.
import Taro from '@tarojs/taro'
import type { AppError, FieldErrors } from '../domain/envelope'
import { canonicalJson, newIdempotencyKey } from '../domain/requests/idempotency-key'
import { errorText } from './errors'

// ---- field errors ----------------------------------------------------------------------------------

/** The first message for `field` or anything under it (`employer` → `employer.name`). */
export function errorFor(errors: FieldErrors, field: string): string | undefined {
  return errors[field] ?? Object.entries(errors).find(([k]) => k.startsWith(`${field}.`))?.[1]
}

/** Errors without those of `fields` (and anything under them): what changed is no longer wrong. */
export function withoutErrors(errors: FieldErrors, fields: string[]): FieldErrors {
  const next: FieldErrors = {}
  for (const [k, v] of Object.entries(errors)) if (!fields.some((f) => k === f || k.startsWith(`${f}.`))) next[k] = v
  return next
}

/** The server's field errors name the event's paths (`application.name`): keep the form's part. */
export function formErrors(fieldErrors: FieldErrors | undefined, prefix: string): FieldErrors {
  const out: FieldErrors = {}
  for (const [k, v] of Object.entries(fieldErrors ?? {})) out[k.startsWith(`${prefix}.`) ? k.slice(prefix.length + 1) : k] = v
  return out
}

// ---- idempotency -------------------------------------------------------------------------------------

/** The key of a submission and the content it was last sent with (null: never sent). */
export interface SendKey {
  key: string
  sentFor: string | null
}

export const freshKey = (): SendKey => ({ key: newIdempotencyKey(), sentFor: null })

/** The same content keeps its key (a retry is the same request); changed content gets a new one. */
export function keyFor(current: SendKey, content: unknown): SendKey {
  const fingerprint = canonicalJson(content)
  if (current.sentFor === null || current.sentFor === fingerprint) return { key: current.key, sentFor: fingerprint }
  return { key: newIdempotencyKey(), sentFor: fingerprint }
}

/** A send that did not get through (network, timeout): what happened, and that nothing is lost. */
export function keptOnPhone(error: AppError | undefined, button: string): string {
  return `${error ? errorText(error) : '网络不太好，请再试一次'}。你填的内容已经保存在手机上，网络好了再点“${button}”。`
}

// ---- wizards ---------------------------------------------------------------------------------------

/** A wizard's next (or earlier) step starts at the top of the page. */
export const toTop = (): void => {
  Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
}
