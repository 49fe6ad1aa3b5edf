/** Masking for replies and screens (TRUST.md): a reply never carries a full name, phone or ID number. */
import { BANK_CARD_PATTERN, ID_NUMBER_PATTERN, MOBILE_PATTERN } from './redact'

export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length === 0) return ''
  if (chars.length === 1) return '*'
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

/** `13812345678` → `138****5678`; anything not 11 digits is fully hidden. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  if (digits.length !== 11) return '*'.repeat(Math.max(digits.length, 4))
  return `${digits.slice(0, 3)}****${digits.slice(7)}`
}

/** ID: first 3 + last 4, birth date hidden. */
export function maskIdNumber(id: string): string {
  const s = id.trim().toUpperCase()
  if (s.length < 8) return '*'.repeat(s.length)
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`
}

/** Bank card: last 4 only. */
export function maskBankCard(card: string): string {
  const digits = card.replace(/\D/g, '')
  return `**** ${digits.slice(-4)}`
}

/**
 * A phone number a person reads and dials, never a long digit run: a mobile in groups `138 0793 1234`,
 * a landline with its area code `0793-2612345`; anything else as given.
 */
export function groupPhone(phone: string): string {
  const p = phone.replace(/[\s（）()]/g, '')
  if (/^1\d{10}$/.test(p)) return `${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}`
  if (/^0\d{9,11}$/.test(p)) {
    const area = /^0[12]/.test(p) ? 3 : 4
    return `${p.slice(0, area)}-${p.slice(area)}`
  }
  return p
}

/** Free text with every ID, phone or card-like number in it masked (what staff read of a worker's words). */
export function maskNumbersIn(text: string): string {
  return text
    .replace(new RegExp(ID_NUMBER_PATTERN.source, 'g'), (m) => maskIdNumber(m))
    .replace(new RegExp(MOBILE_PATTERN.source, 'g'), (m) => maskPhone(m))
    .replace(new RegExp(BANK_CARD_PATTERN.source, 'g'), (m) => maskBankCard(m).replace(' ', ''))
}
