/** 居民身份证 (GB 11643-1999): 6-digit area, 8-digit birth date, 3-digit sequence, ISO 7064 MOD 11-2 check character. */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export type IdCardProblem = 'EMPTY' | 'LENGTH' | 'CHARACTERS' | 'DATE' | 'CHECK_DIGIT'

export interface IdCardInfo {
  /** Normalised: 18 characters, upper-case X. */
  value: string
  birthDate: { year: number; month: number; day: number }
  sex: 'male' | 'female'
  areaCode: string
}

/** Trims, removes inner spaces, turns full-width digits and x into ASCII, upper-cases X. */
export function normaliseIdNumber(input: string): string {
  return input
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/[\uFF38\uFF58]/g, 'X')
    .replace(/[\s\u3000-]/g, '')
    .toUpperCase()
}

export function checkCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK[sum % 11]
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
  return day <= days[month - 1]
}

export function parseIdNumber(input: string): { ok: true; info: IdCardInfo } | { ok: false; problem: IdCardProblem } {
  const value = normaliseIdNumber(input)
  if (value === '') return { ok: false, problem: 'EMPTY' }
  if (value.length !== 18) return { ok: false, problem: 'LENGTH' }
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'CHARACTERS' }
  const year = Number(value.slice(6, 10))
  const month = Number(value.slice(10, 12))
  const day = Number(value.slice(12, 14))
  if (year < 1850 || !isValidDate(year, month, day)) return { ok: false, problem: 'DATE' }
  if (checkCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'CHECK_DIGIT' }
  return {
    ok: true,
    info: { value, birthDate: { year, month, day }, sex: Number(value[16]) % 2 === 1 ? 'male' : 'female', areaCode: value.slice(0, 6) },
  }
}

export const ID_PROBLEM_MESSAGES: Record<IdCardProblem, string> = {
  EMPTY: '请填写身份证号',
  LENGTH: '身份证号应该是 18 位，请数一数',
  CHARACTERS: '身份证号只能是数字，最后一位可能是 X',
  DATE: '身份证号里的出生日期不对，请再核对一下',
  CHECK_DIGIT: '身份证号好像有一位写错了，请对照身份证再核对一下',
}

/** Whole years of age on a calendar date (both in the same time zone, e.g. Asia/Shanghai). */
export function ageOn(birth: { year: number; month: number; day: number }, on: { year: number; month: number; day: number }): number {
  const beforeBirthday = on.month < birth.month || (on.month === birth.month && on.day < birth.day)
  return on.year - birth.year - (beforeBirthday ? 1 : 0)
}
