import { createHmac, timingSafeEqual } from 'node:crypto'
import QRCode from 'qrcode'
import { derivedKey } from './crypto'
import { CARD_QR_PREFIX } from '../../src/domain/membership/membership.constants'
import { parseMemberNo } from '../../src/domain/membership/membership.rules'

/**
 * The member card's QR code: `union-member:c1.<memberNo>.<cardVersion>.<mac>`. The MAC (HMAC-SHA256,
 * first 16 bytes, base64url) covers the membership id, the member number and the card version, so a
 * code cannot be made up, and a reissued card (transfer) makes older codes verify as outdated. The
 * membership id (a blind index) stays on the server; the code shows only what the card prints.
 */
const FORMAT = 'c1'
const DOMAIN = 'union-member-card'
const MAC_CHARS = 22

const macOf = (membershipId: string, memberNo: string, cardVersion: number) =>
  createHmac('sha256', derivedKey('union-member-card-key/v1'))
    .update(`${DOMAIN}\u0000${FORMAT}\u0000${membershipId}\u0000${memberNo}\u0000${cardVersion}`, 'utf8')
    .digest()
    .subarray(0, 16)
    .toString('base64url')

export function cardQrText(m: { _id: string; memberNo: string; cardVersion: number }): string {
  return `${CARD_QR_PREFIX}${FORMAT}.${m.memberNo}.${m.cardVersion}.${macOf(m._id, m.memberNo, m.cardVersion)}`
}

export interface CardToken {
  memberNo: string
  cardVersion: number
  mac: string
}

/** Whether scanned text claims to be a member card (our prefix or token shape), even a damaged or forged one. */
export const looksLikeCard = (text: string): boolean => text.trim().startsWith(CARD_QR_PREFIX) || text.trim().startsWith(`${FORMAT}.`)

/** Reads the scanned text; null when it is not in our format. */
export function parseCardToken(text: string): CardToken | null {
  let s = text.trim()
  if (s.startsWith(CARD_QR_PREFIX)) s = s.slice(CARD_QR_PREFIX.length)
  const parts = s.split('.')
  if (parts.length !== 4 || parts[0] !== FORMAT) return null
  const [, no, version, mac] = parts
  const memberNo = parseMemberNo(no)
  if (!memberNo || memberNo !== no) return null
  if (!/^[1-9]\d{0,5}$/.test(version)) return null
  if (mac.length !== MAC_CHARS || !/^[A-Za-z0-9_-]+$/.test(mac)) return null
  return { memberNo, cardVersion: Number(version), mac }
}

/** Constant-time check that the token was issued for this membership (any card version). */
export function tokenMatches(t: CardToken, m: { _id: string; memberNo: string }): boolean {
  const expected = Buffer.from(macOf(m._id, m.memberNo, t.cardVersion), 'utf8')
  const given = Buffer.from(t.mac, 'utf8')
  return given.length === expected.length && timingSafeEqual(expected, given)
}

export const qrDataUrl = (text: string): Promise<string> => QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 400 })
