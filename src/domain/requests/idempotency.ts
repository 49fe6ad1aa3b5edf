import { z } from '../zod'

/** Every submission carries a client-generated key (TRUST.md): a retry with it returns the first result. */
export const idempotencyKey = z
  .string('缺少提交编号，请刷新后重试')
  .regex(/^[A-Za-z0-9_-]{8,64}$/, '提交编号不对，请刷新后重试')

/** Canonical JSON (sorted keys) so the same payload always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (value instanceof Date) return JSON.stringify(value.toISOString())
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

/** A fresh key for the client (not security-relevant: it only de-duplicates one person's retries). */
export function newIdempotencyKey(random: () => number = Math.random): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'
  let key = ''
  for (let i = 0; i < 20; i++) key += alphabet[Math.floor(random() * alphabet.length)]
  return key
}
