import fc from 'fast-check'
import { randomBytes } from 'node:crypto'
import { formatToken, looksLikeStationCode, parseToken, tokenMessage } from '../../src/domain/stations/station.token'
import { QR_PREFIX } from '../../src/domain/stations/station.schema'
import { signStationToken, verifyStationToken } from '../../cloudfunctions/_lib/stations.token'
import { blindIndex } from '../../cloudfunctions/_lib/crypto'

const KEY_A = 'a'.repeat(64)
const KEY_B = 'b'.repeat(64)
const ID = '931b2948f228ea85e95926d0b805a10c'

beforeEach(() => {
  process.env.UNION_INDEX_KEY = KEY_A
})
afterAll(() => {
  delete process.env.UNION_INDEX_KEY
})

describe('format', () => {
  test('round trip, with or without the QR prefix and stray spaces', () => {
    const t = { stationId: ID, keyVersion: 3, mac: 'A'.repeat(22) }
    const text = formatToken(t)
    expect(text).toBe(`s1.${ID}.3.${'A'.repeat(22)}`)
    expect(parseToken(text)).toEqual(t)
    expect(parseToken(` ${QR_PREFIX}${text}\n`)).toEqual(t)
  })

  test.each([
    ['empty', ''],
    ['a web address', 'https://example.com/s1'],
    ['wrong format version', `s2.${ID}.1.${'A'.repeat(22)}`],
    ['version 0', `s1.${ID}.0.${'A'.repeat(22)}`],
    ['version with a sign', `s1.${ID}.-1.${'A'.repeat(22)}`],
    ['short mac', `s1.${ID}.1.${'A'.repeat(21)}`],
    ['mac with a bad character', `s1.${ID}.1.${'A'.repeat(21)}=`],
    ['id with a dot', `s1.a.b.1.${'A'.repeat(22)}`],
    ['operator-like id', `s1.$gt.1.${'A'.repeat(22)}`],
  ])('%s is not a token', (_n, text) => expect(parseToken(text)).toBeNull())

  test('the MAC message is domain-separated and unambiguous', () => {
    expect(tokenMessage(ID, 1)).toMatch(/^union-station-checkin\u0000s1\u0000/)
    expect(tokenMessage('ab', 12)).not.toBe(tokenMessage('ab1', 2))
  })

  test('what counts as a (possibly forged) station code', () => {
    expect(looksLikeStationCode(`${QR_PREFIX}anything`)).toBe(true)
    expect(looksLikeStationCode('s1.x')).toBe(true)
    expect(looksLikeStationCode('https://weixin.qq.com/')).toBe(false)
  })
})

describe('sign and verify', () => {
  test('a signed token verifies and names its station and key version', () => {
    const token = signStationToken(ID, 2)
    expect(verifyStationToken(token)).toEqual({ ok: true, stationId: ID, keyVersion: 2 })
    expect(verifyStationToken(`${QR_PREFIX}${token}`)).toEqual({ ok: true, stationId: ID, keyVersion: 2 })
  })

  test('any edited character is refused as forged', () => {
    const token = signStationToken(ID, 1)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: token.length - 1 }), fc.constantFrom(...'0123456789abcdefABCDEF_-'.split('')), (i, ch) => {
        if (token[i] === ch || token[i] === '.') return
        const edited = token.slice(0, i) + ch + token.slice(i + 1)
        const r = verifyStationToken(edited)
        expect(r.ok).toBe(false)
      }),
      { numRuns: 300 },
    )
  })

  test('another station id or key version with the same MAC is refused', () => {
    const mac = signStationToken(ID, 1).split('.')[3]
    expect(verifyStationToken(formatToken({ stationId: 'ae7086fd00548f2d03e5a86b3c7b1b2f', keyVersion: 1, mac }))).toEqual({ ok: false, reason: 'forged' })
    expect(verifyStationToken(formatToken({ stationId: ID, keyVersion: 2, mac }))).toEqual({ ok: false, reason: 'forged' })
  })

  test('a token made with another key is refused; garbage is malformed', () => {
    process.env.UNION_INDEX_KEY = KEY_B
    const foreign = signStationToken(ID, 1)
    process.env.UNION_INDEX_KEY = KEY_A
    expect(verifyStationToken(foreign)).toEqual({ ok: false, reason: 'forged' })
    expect(verifyStationToken(`s1.${ID}.1.${randomBytes(16).toString('base64url')}`)).toEqual({ ok: false, reason: 'forged' })
    expect(verifyStationToken('not a token')).toEqual({ ok: false, reason: 'malformed' })
  })

  test('the MAC key is derived, so a token never equals a blind index of the same text', () => {
    const mac = signStationToken(ID, 1).split('.')[3]
    const blind = Buffer.from(blindIndex('id', tokenMessage(ID, 1)), 'hex').subarray(0, 16).toString('base64url')
    expect(mac).not.toBe(blind)
  })

  test('refuses to sign without a proper key', () => {
    process.env.UNION_INDEX_KEY = 'short'
    expect(() => signStationToken(ID, 1)).toThrow(/UNION_INDEX_KEY/)
  })
})
