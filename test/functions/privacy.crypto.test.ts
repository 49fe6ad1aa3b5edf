/** _lib/crypto.ts: AES-256-GCM with the key from the environment, keyed blind indexes, random ids. */
import fc from 'fast-check'
import { randomBytes } from 'node:crypto'
import { assertKeys, blindIndex, CryptoConfigError, decrypt, DecryptError, encrypt, randomId } from '../../cloudfunctions/_lib/crypto'

const DATA_KEY = randomBytes(32).toString('hex')
const INDEX_KEY = randomBytes(32).toString('hex')

beforeEach(() => {
  process.env.UNION_DATA_KEY = DATA_KEY
  process.env.UNION_INDEX_KEY = INDEX_KEY
})

const ID = '11010519491231002X'

describe('encrypt / decrypt', () => {
  test('round-trips any text, in a compact versioned form', () => {
    const token = encrypt(ID)
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/)
    expect(token).not.toContain(ID)
    expect(decrypt(token)).toBe(ID)
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ maxLength: 40 }), (text, ctx) => decrypt(encrypt(text, ctx), ctx) === text))
  })

  test('the same value encrypts differently every time (random IV)', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => encrypt(ID)))
    expect(tokens.size).toBe(50)
    const ivs = new Set([...tokens].map((t) => t.split('.')[1]))
    expect(ivs.size).toBe(50)
  })

  test('any change to IV, tag or ciphertext is detected', () => {
    const token = encrypt(ID)
    const [v, iv, tag, ct] = token.split('.')
    const flip = (s: string, i: number) => {
      const b = Buffer.from(s, 'base64url')
      b[i % b.length] ^= 1
      return b.toString('base64url')
    }
    for (const bad of [
      [v, flip(iv, 0), tag, ct],
      [v, iv, flip(tag, 3), ct],
      [v, iv, tag, flip(ct, 5)],
      [v, iv, tag, ct.slice(0, -2)],
      ['v2', iv, tag, ct],
      [v, iv, tag],
    ]) {
      expect(() => decrypt(bad.join('.'))).toThrow(DecryptError)
    }
    expect(() => decrypt('')).toThrow(DecryptError)
    expect(() => decrypt('not a token')).toThrow(DecryptError)
  })

  test('a ciphertext bound to one context does not open in another', () => {
    const token = encrypt(ID, 'identity-a')
    expect(decrypt(token, 'identity-a')).toBe(ID)
    expect(() => decrypt(token, 'identity-b')).toThrow(DecryptError)
    expect(() => decrypt(token)).toThrow(DecryptError)
  })

  test('another key cannot decrypt, and the error never carries the value', () => {
    const token = encrypt(ID)
    process.env.UNION_DATA_KEY = randomBytes(32).toString('hex')
    let message = ''
    try {
      decrypt(token)
    } catch (err) {
      message = String((err as Error).message)
    }
    expect(message).toMatch(/changed|another key/)
    expect(message).not.toContain(ID)
  })
})

describe('keys come only from the environment', () => {
  test.each([
    ['missing', undefined],
    ['empty', ''],
    ['too short', randomBytes(16).toString('hex')],
    ['too long', randomBytes(33).toString('hex')],
    ['not hex', 'z'.repeat(64)],
  ])('UNION_DATA_KEY %s → a clear configuration error', (_name, value) => {
    if (value === undefined) delete process.env.UNION_DATA_KEY
    else process.env.UNION_DATA_KEY = value
    expect(() => encrypt('x')).toThrow(CryptoConfigError)
    expect(() => encrypt('x')).toThrow(/UNION_DATA_KEY/)
    expect(() => assertKeys()).toThrow(CryptoConfigError)
  })

  test('UNION_INDEX_KEY missing or malformed → a clear configuration error', () => {
    delete process.env.UNION_INDEX_KEY
    expect(() => blindIndex('id', ID)).toThrow(/UNION_INDEX_KEY/)
    process.env.UNION_INDEX_KEY = 'abc'
    expect(() => blindIndex('id', ID)).toThrow(CryptoConfigError)
  })
})

describe('blindIndex', () => {
  test('deterministic per key, 64 hex, and never the value itself', () => {
    const a = blindIndex('id', ID)
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(blindIndex('id', ID)).toBe(a)
    expect(a).not.toContain('19491231')
  })

  test('domain-separated by kind and by key', () => {
    const value = '4111111111111111'
    expect(blindIndex('id', value)).not.toBe(blindIndex('card', value))
    const before = blindIndex('card', value)
    process.env.UNION_INDEX_KEY = randomBytes(32).toString('hex')
    expect(blindIndex('card', value)).not.toBe(before)
  })

  test('different values give different indexes', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (x, y) => x === y || blindIndex('id', x) !== blindIndex('id', y)))
  })
})

test('randomId: 32 hex, unique, never 11 digits in a row', () => {
  const ids = Array.from({ length: 5000 }, randomId)
  expect(new Set(ids).size).toBe(ids.length)
  for (const id of ids) {
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    expect(id).not.toMatch(/\d{11}/)
  }
})
