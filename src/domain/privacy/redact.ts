// Patterns of personal numbers that must never reach logs, errors, messages or URLs (TRUST.md).
// A number inside a longer letters-and-digits token (a hex record id) is not a personal number.
export const ID_NUMBER_PATTERN = /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g
export const MOBILE_PATTERN = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g
export const BANK_CARD_PATTERN = /(?<![0-9A-Za-z])\d{12,19}(?![0-9A-Za-z])/g

const RULES: Array<[RegExp, string]> = [
  [ID_NUMBER_PATTERN, '[id]'],
  [MOBILE_PATTERN, '[phone]'],
  [BANK_CARD_PATTERN, '[number]'],
]

/** Every ID, phone or card-like number in the text, each counted once (most specific pattern first). */
export function findPersonalNumbers(text: string): string[] {
  const found: string[] = []
  let rest = text
  for (const [pattern, mark] of RULES) {
    const re = new RegExp(pattern.source, 'g')
    found.push(...(rest.match(re) ?? []))
    rest = rest.replace(re, mark)
  }
  return found
}

/** Replaces anything that looks like an ID, card or phone number. */
export function redact(text: string): string {
  return RULES.reduce((acc, [pattern, mark]) => acc.replace(new RegExp(pattern.source, 'g'), mark), text)
}
