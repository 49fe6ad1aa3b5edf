import { createHmac, timingSafeEqual } from 'node:crypto'
import { derivedKey } from './crypto'
import { formatToken, MAC_CHARS, parseToken, tokenMessage } from '../../src/domain/stations/station.token'

/**
 * Signing and checking station check-in tokens. The MAC key is derived from UNION_INDEX_KEY with its
 * own label, so a token MAC can never equal a blind index of any value (domain separation).
 */
const macKey = () => derivedKey('union-station-token-key/v1')

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
