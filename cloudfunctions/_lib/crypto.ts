import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto'

/**
 * Field encryption and blind indexes (TRUST.md). Keys come only from the function's environment:
 * UNION_DATA_KEY (AES-256-GCM) and UNION_INDEX_KEY (HMAC-SHA256), 32 bytes each as 64 hex characters.
 * A ciphertext is `v1.<iv>.<tag>.<ciphertext>` in base64url: 12-byte random IV, 16-byte auth tag.
 */
export class CryptoConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CryptoConfigError'
  }
}

const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16

function keyFromEnv(name: 'UNION_DATA_KEY' | 'UNION_INDEX_KEY'): Buffer {
  const hex = process.env[name]
  if (!hex) throw new CryptoConfigError(`${name} is not set: give the function a 32-byte key as 64 hex characters`)
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new CryptoConfigError(`${name} must be 32 bytes written as 64 hex characters`)
  return Buffer.from(hex, 'hex')
}

/** Fails fast (e.g. at the start of an action) when a key is missing or malformed. */
export function assertKeys(): void {
  keyFromEnv('UNION_DATA_KEY')
  keyFromEnv('UNION_INDEX_KEY')
}

/**
 * Encrypts UTF-8 text. `context` (additional authenticated data, e.g. the record's id) binds the
 * ciphertext to where it is stored: copied elsewhere, it no longer decrypts.
 */
export function encrypt(plaintext: string, context = ''): string {
  const key = keyFromEnv('UNION_DATA_KEY')
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(Buffer.from(context, 'utf8'))
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  const tag = cipher.getAuthTag()
  return [VERSION, iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join('.')
}

export class DecryptError extends Error {
  constructor() {
    super('ciphertext is malformed, was changed, or belongs to another key or context')
    this.name = 'DecryptError'
  }
}

/** Decrypts what `encrypt` produced with the same context; throws DecryptError on any tampering. */
export function decrypt(token: string, context = ''): string {
  const key = keyFromEnv('UNION_DATA_KEY')
  const parts = token.split('.')
  if (parts.length !== 4 || parts[0] !== VERSION) throw new DecryptError()
  const [, ivText, tagText, ctText] = parts
  const iv = Buffer.from(ivText, 'base64url')
  const tag = Buffer.from(tagText, 'base64url')
  const ct = Buffer.from(ctText, 'base64url')
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES || iv.toString('base64url') !== ivText || ct.toString('base64url') !== ctText) {
    throw new DecryptError()
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
    decipher.setAAD(Buffer.from(context, 'utf8'))
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8')
  } catch {
    throw new DecryptError()
  }
}

/** Kinds of blind index; each is a separate HMAC domain so equal values of different kinds never collide. */
export type BlindIndexKind = 'id' | 'card' | 'openid'

/**
 * Keyed blind index of an already normalised value: HMAC-SHA256(UNION_INDEX_KEY, kind ‖ 0x00 ‖ value),
 * 64 hex characters. Equal values give equal indexes (uniqueness, lookup); without the key nothing can
 * be guessed back, not even from the small space of ID numbers.
 */
export function blindIndex(kind: BlindIndexKind, normalisedValue: string): string {
  const key = keyFromEnv('UNION_INDEX_KEY')
  return createHmac('sha256', key).update(`union-blind-index:${kind}\u0000${normalisedValue}`, 'utf8').digest('hex')
}

/**
 * A random id of 32 hex characters for documents and storage paths. Ids with 11 or more digits in a
 * row are drawn again, so no id ever looks like a phone or card number to the reply and log scanners.
 */
export function randomId(): string {
  for (;;) {
    const id = randomBytes(16).toString('hex')
    if (!/\d{11}/.test(id)) return id
  }
}

/**
 * A MAC key of its own for each kind of signed token (station check-in, member card), derived from
 * UNION_INDEX_KEY with a label: a token MAC can never equal a blind index or another kind's MAC.
 */
export function derivedKey(label: string): Buffer {
  return createHmac('sha256', keyFromEnv('UNION_INDEX_KEY')).update(label, 'utf8').digest()
}

/** Unkeyed SHA-256 hex of text, for stable document ids derived from non-secret values (e.g. an openid). */
export const sha256Text = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')
