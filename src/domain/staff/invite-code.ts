import * as z from '../zod'

/**
 * One-time invite codes: 8 characters of Crockford's base32 (no I, L, O or U), shown as `K7PM-3QXD`.
 * Typing is forgiving: lower case, spaces and dashes are fine, and O / I / L are read as 0 / 1 / 1.
 */
export const INVITE_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const INVITE_CODE_LENGTH = 8
/** `XXXX-XXXX`. */
export const INVITE_CODE_DISPLAY_LENGTH = INVITE_CODE_LENGTH + 1

/** Eight random bytes (or more) → a code; 32 symbols divide 256, so every symbol is equally likely. */
export function codeFromBytes(bytes: ArrayLike<number>): string {
  if (bytes.length < INVITE_CODE_LENGTH) throw new RangeError('need 8 random bytes')
  let out = ''
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) out += INVITE_CODE_ALPHABET[bytes[i] & 31]
  return out
}

/** The canonical form: upper case, no separators, O→0, I/L→1. Does not check the result. */
export function normalizeCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-_.·—]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
}

export const isCanonicalCode = (code: string): boolean =>
  code.length === INVITE_CODE_LENGTH && Array.from(code).every((c) => INVITE_CODE_ALPHABET.includes(c))

/** `K7PM3QXD` → `K7PM-3QXD`. */
export const displayCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`

/**
 * What the input box shows while someone types: upper case, only code characters, a dash after the
 * fourth, at most 8 characters. O / I / L are kept as typed letters until submit (then read as 0 / 1).
 */
export function formatTypedCode(input: string): string {
  const chars = input.toUpperCase().replace(/[^0-9A-Z]/g, '').slice(0, INVITE_CODE_LENGTH)
  return chars.length > 4 ? `${chars.slice(0, 4)}-${chars.slice(4)}` : chars
}

export const INVITE_CODE_HINT = '邀请码是 8 位字母和数字，例如 K7PM-3QXD'

/** The code as the session function and the redeem page accept it; parses to the canonical form. */
export const inviteCodeInput = z
  .pipe(z.string({ error: '请输入邀请码' }).check(z.maxLength(40, { error: INVITE_CODE_HINT })), z.transform(normalizeCode))
  .check(z.refine(isCanonicalCode, { error: INVITE_CODE_HINT }))
