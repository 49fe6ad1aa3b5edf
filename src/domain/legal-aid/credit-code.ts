/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and 31 letters-and-digits without I, O, Z, S, V;
 * the last is a check character: 31 − (Σ value × 3^i mod 31) mod 31, i = 0…16. Any one wrong character or
 * two swapped neighbours are caught (31 is prime). It proves a typo-free code, not a registered employer.
 */

const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export type CreditCodeProblem = 'EMPTY' | 'LENGTH' | 'CHARACTERS' | 'CHECK'

/** Full-width to ASCII, spaces and dashes out, upper case. */
export function normaliseCreditCode(input: string): string {
  return input.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase()
}

/** The check character of the first 17 characters (all from the code's alphabet). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CHARS.indexOf(first17[i]) * WEIGHTS[i]
  return CHARS[(31 - (sum % 31)) % 31]
}

export function creditCodeProblem(input: string): CreditCodeProblem | null {
  const code = normaliseCreditCode(input)
  if (code === '') return 'EMPTY'
  if (code.length !== 18) return 'LENGTH'
  if (![...code].every((c) => CHARS.includes(c))) return 'CHARACTERS'
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'CHECK'
}

export const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, string> = {
  EMPTY: '请填统一社会信用代码，不知道可以不填',
  LENGTH: '统一社会信用代码是 18 位，请数一数；不知道可以不填',
  CHARACTERS: '统一社会信用代码只有数字和大写字母（没有 I、O、Z、S、V），请对照营业执照核对',
  CHECK: '统一社会信用代码好像有一位写错了，请对照营业执照再核对；不知道可以不填',
}
