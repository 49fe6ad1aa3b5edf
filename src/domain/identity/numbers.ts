/** Mobile and bank-card checks (RULES.md §6). Luhn proves a typo-free number, not an account. */

export function normaliseDigits(input: string): string {
  return input.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48)).replace(/[\s\u3000-]/g, '')
}

export function isMobile(input: string): boolean {
  return /^1[3-9]\d{9}$/.test(normaliseDigits(input))
}

export function luhnValid(digits: string): boolean {
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return sum % 10 === 0
}

export function isBankCard(input: string): boolean {
  const digits = normaliseDigits(input)
  return /^\d{12,19}$/.test(digits) && luhnValid(digits)
}
