/** Masking for replies and screens (TRUST.md): a reply never carries a full name, phone or ID number. */

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
