/** The one reply shape of every cloud function. Business errors are returned, never thrown. */
export type FieldErrors = Record<string, string>

export interface AppError {
  /** `AREA.REASON`, e.g. `AUTH.UNAUTHENTICATED`. */
  code: string
  /** Plain Chinese sentence: what happened and what to do next. */
  message: string
  fieldErrors?: FieldErrors
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: AppError }

export const ok = <T>(data: T): Envelope<T> => ({ ok: true, data })

export const fail = (code: string, message: string, fieldErrors?: FieldErrors): Envelope<never> =>
  fieldErrors ? { ok: false, error: { code, message, fieldErrors } } : { ok: false, error: { code, message } }

/** `fail` from a `{ code, message }` entry of an error table. */
export const failWith = (e: { code: string; message: string }, fieldErrors?: FieldErrors): Envelope<never> => fail(e.code, e.message, fieldErrors)

export function isEnvelope(x: unknown): x is Envelope<unknown> {
  if (typeof x !== 'object' || x === null) return false
  const r = x as Record<string, unknown>
  if (r.ok === true) return 'data' in r
  if (r.ok !== false || typeof r.error !== 'object' || r.error === null) return false
  const e = r.error as Record<string, unknown>
  return typeof e.code === 'string' && typeof e.message === 'string'
}
