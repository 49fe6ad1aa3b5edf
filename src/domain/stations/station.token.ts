/**
 * The check-in token inside a station's QR code: `s1.<stationId>.<keyVersion>.<mac>`, shown as
 * `union-station:<token>`. The MAC (HMAC-SHA256 over `tokenMessage`, first 16 bytes, base64url) is
 * computed on the server with a key derived from UNION_INDEX_KEY (cloudfunctions/_lib/stations.token.ts);
 * this file only builds and reads the text, so the format is tested without keys.
 * `keyVersion` is the station's QR key version: renewing the code bumps it and old prints stop working.
 */
import { QR_PREFIX } from './station.schema'

export const TOKEN_FORMAT = 's1'
/** Domain separation: this MAC can never be confused with a blind index or another token kind. */
export const TOKEN_DOMAIN = 'union-station-checkin'
export const MAC_CHARS = 22 // 16 bytes in base64url

export interface StationToken {
  stationId: string
  keyVersion: number
  mac: string
}

const STATION_ID = /^[A-Za-z0-9_-]{1,64}$/

/** The exact bytes the MAC covers. */
export function tokenMessage(stationId: string, keyVersion: number): string {
  return `${TOKEN_DOMAIN}\u0000${TOKEN_FORMAT}\u0000${stationId}\u0000${keyVersion}`
}

export function formatToken(t: StationToken): string {
  return `${TOKEN_FORMAT}.${t.stationId}.${t.keyVersion}.${t.mac}`
}

/** Whether the scanned text claims to be a station code (our prefix or our token shape), even a forged one. */
export function looksLikeStationCode(text: string): boolean {
  const s = text.trim()
  return s.startsWith(QR_PREFIX) || s.startsWith(`${TOKEN_FORMAT}.`)
}

/** Reads `union-station:<token>` or a bare token; null when it is not in our format. */
export function parseToken(text: string): StationToken | null {
  let s = text.trim()
  if (s.startsWith(QR_PREFIX)) s = s.slice(QR_PREFIX.length)
  const parts = s.split('.')
  if (parts.length !== 4 || parts[0] !== TOKEN_FORMAT) return null
  const [, stationId, version, mac] = parts
  if (!STATION_ID.test(stationId)) return null
  if (!/^[1-9]\d{0,5}$/.test(version)) return null
  if (mac.length !== MAC_CHARS || !/^[A-Za-z0-9_-]+$/.test(mac)) return null
  return { stationId, keyVersion: Number(version), mac }
}
