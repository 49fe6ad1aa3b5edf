import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Keys of one local data dir, generated on first start. In production the two function keys are set
 * as environment variables of each cloud function (README: Deploy) and never committed.
 */
export interface LocalSecrets {
  /** Signs the local sign-in shim's tokens. */
  devSession: Buffer
  /** What cloud functions see as their environment: AES-256-GCM key and blind-index HMAC key (hex). */
  functionEnv: { UNION_DATA_KEY: string; UNION_INDEX_KEY: string }
}

export function loadOrCreateSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'secrets.json')
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true })
    const fresh = { devSession: randomBytes(32).toString('hex'), dataKey: randomBytes(32).toString('hex'), indexKey: randomBytes(32).toString('hex') }
    writeFileSync(file, JSON.stringify(fresh, null, 2) + '\n', { mode: 0o600 })
  }
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { devSession: string; dataKey: string; indexKey: string }
  return { devSession: Buffer.from(raw.devSession, 'hex'), functionEnv: { UNION_DATA_KEY: raw.dataKey, UNION_INDEX_KEY: raw.indexKey } }
}
