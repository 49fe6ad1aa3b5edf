import * as z from '../zod'

/** Every submission carries a client-generated key (TRUST.md): a retry with it returns the first result. */
export const idempotencyKey = z
  .string('缺少提交编号，请刷新后重试')
  .check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, '提交编号不对，请刷新后重试'))

export { canonicalJson, newIdempotencyKey } from './idempotency-key'
