import { redact } from '../../src/domain/privacy/redact'

/** Structured, redacted logs: no personal numbers, no stack in replies (stacks stay in the log only). */
export function logError(fn: string, action: string, err: unknown): void {
  const detail = err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err)
  console.error(JSON.stringify({ level: 'error', fn, action, detail: redact(detail) }))
}
