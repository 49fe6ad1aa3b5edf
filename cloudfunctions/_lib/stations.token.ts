import { createHmac, timingSafeEqual } from 'node:crypto'
import { CryptoConfigError } from './crypto'
import { formatToken, MAC_CHARS, parseToken, tokenMessage } from '../../src/domain/stations/station.token'

/**
 * Signing and checking station check-in tokens. The MAC key is derived from UNION_INDEX_KEY with its
 * own label, so a token MAC can never equal a blind index of any value (domain separation).
 */
function macKey(): Buffer {
  const hex = process.env.UNION_INDEX_KEY
  if (!hex || !/^[0-9a-fA-F]{64}$/.test(hex)) throw new CryptoConfigError('UNION_INDEX_KEY must be 32 bytes written as 64 hex characters')
  return createHmac('sha256', Buffer.from(hex, 'hex')).update('union-station-token-key/v1', 'utf8').digest()
}

function macOf(stationId: string, keyVersion: number): string {
  return createHmac('sha256', macKey()).update(tokenMessage(stationId, keyVersion), 'utf8').digest().subarray(0, 16).toString('base64url')
}

export function signStationToken(stationId: string, keyVersion: number): string {
  return formatToken({ stationId, keyVersion, mac: macOf(stationId, keyVersion) })
}

export type TokenCheck = { ok: true; stationId: string; keyVersion: number } | { ok: false; reason: 'malformed' | 'forged' }

/** Verifies the MAC in constant time. Whether the key version is still current is the caller's check. */
export function verifyStationToken(text: string): TokenCheck {
  const t = parseToken(text)
  if (!t) return { ok: false, reason: 'malformed' }
  const expected = Buffer.from(macOf(t.stationId, t.keyVersion), 'utf8')
  const given = Buffer.from(t.mac, 'utf8')
  if (given.length !== MAC_CHARS || !timingSafeEqual(expected, given)) return { ok: false, reason: 'forged' }
  return { ok: true, stationId: t.stationId, keyVersion: t.keyVersion }
}
