import type * as z from './zod'
import type { FieldErrors } from './envelope'

/** One message per field path (`a.b.0`), the first issue wins; form-level issues go under `_`. */
export function toFieldErrors(error: z.core.$ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_'
    if (!(key in out)) out[key] = issue.message
  }
  return out
}
