import { BSONRegExp, EJSON } from 'bson'
import { invalidParam } from './errors'

export type Doc = Record<string, unknown>

export function isPlainObject(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object') return false
  const proto = Object.getPrototypeOf(v) as unknown
  return proto === Object.prototype || proto === null
}

/** MongoDB regex options → JS RegExp flags (`x` has no JS equivalent and is dropped). */
function jsFlags(options: string): string {
  return [...new Set(options.split(''))].filter(f => 'imsu'.includes(f)).join('')
}

/**
 * Replaces wire-only values by what the engine stores and queries with:
 * `{ $tcb_server_date: { offset } }` (db.serverDate) → Date(now + offset), BSONRegExp → RegExp.
 */
export function resolveWireValues(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map(v => resolveWireValues(v, now))
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, jsFlags(value.options))
  if (!isPlainObject(value)) return value
  const keys = Object.keys(value)
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = value.$tcb_server_date
    const offset = isPlainObject(spec) ? Number(spec.offset ?? 0) : 0
    return new Date(now + (Number.isFinite(offset) ? offset : 0))
  }
  const out: Doc = {}
  for (const k of keys) out[k] = resolveWireValues(value[k], now)
  return out
}

/** Parses an EJSON string from the SDK (canonical, `relaxed:false` on its side) into engine values. */
export function decodeEJSON(text: string, now: number, what: string): unknown {
  let parsed: unknown
  try {
    parsed = EJSON.parse(text, { relaxed: true })
  } catch (e) {
    throw invalidParam(`${what} is not valid EJSON: ${(e as Error).message}`)
  }
  return resolveWireValues(parsed, now)
}

export function decodeEJSONObject(text: unknown, now: number, what: string): Doc {
  if (text === undefined || text === null || text === '') return {}
  const value = typeof text === 'string' ? decodeEJSON(text, now, what) : resolveWireValues(text, now)
  if (!isPlainObject(value)) throw invalidParam(`${what} must be an object`)
  return value
}

/** Canonical EJSON, the way the SDK itself stringifies (and what it parses back). */
export function encodeEJSON(value: unknown): string {
  return EJSON.stringify(value, { relaxed: false })
}

/**
 * Deep copy of plain objects, arrays, Dates and RegExps; BSON value classes are immutable and shared.
 * Object fields holding `undefined` are dropped, as they are on the wire and in the log.
 */
export function cloneValue<T>(value: T): T {
  if (Array.isArray(value)) return value.map(v => cloneValue(v)) as unknown as T
  if (value instanceof Date) return new Date(value.getTime()) as unknown as T
  if (value instanceof RegExp) return new RegExp(value.source, value.flags) as unknown as T
  if (isPlainObject(value)) {
    const out: Doc = {}
    for (const k of Object.keys(value)) if (value[k] !== undefined) out[k] = cloneValue(value[k])
    return out as T
  }
  return value
}
