/** Pure rules of private documents (src/domain/files): chunk arithmetic, type sniffing, sha256, base64, names, limits. */
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { backoffMs, chunkCount, chunkRange, expectedChunkLength, missingChunks, progressOf } from '../../src/domain/files/chunks'
import { sniffMime } from '../../src/domain/files/sniff'
import { Sha256, sha256Hex } from '../../src/domain/files/sha256'
import { base64ToBytes, bytesToBase64 } from '../../src/domain/files/base64'
import { CHUNK_SIZE, MAX_CHUNKS, MAX_FILE_BYTES, cleanFileName, fileLimitProblem, filesEvent, purposesNeeding } from '../../src/domain/files/files.schema'
import { findPersonalNumbers } from '../../src/domain/privacy/redact'

describe('chunks', () => {
  test('ranges tile the file exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_FILE_BYTES }), fc.integer({ min: 4096, max: 300_000 }), (size, chunk) => {
        const n = chunkCount(size, chunk)
        let next = 0
        for (let i = 0; i < n; i++) {
          const { start, end } = chunkRange(i, size, chunk)
          if (start !== next || end <= start || end - start !== expectedChunkLength(i, size, chunk)) return false
          next = end
        }
        return next === size && expectedChunkLength(n, size, chunk) === -1 && expectedChunkLength(-1, size, chunk) === -1
      }),
    )
  })

  test('an 8 MB file is 64 chunks, the most a chunk index may name', () => {
    expect(chunkCount(MAX_FILE_BYTES, CHUNK_SIZE)).toBe(64)
    expect(MAX_CHUNKS).toBe(64)
    expect(chunkCount(0, CHUNK_SIZE)).toBe(0)
  })

  test('missing chunks and progress', () => {
    expect(missingChunks(5, [3, 0, 3])).toEqual([1, 2, 4])
    expect(progressOf([], 2500, 1000)).toBe(0)
    expect(progressOf([2], 2500, 1000)).toBe(0.2)
    expect(progressOf([0, 1, 2, 2], 2500, 1000)).toBe(1)
    expect(progressOf([7], 2500, 1000)).toBe(0)
  })

  test('backoff doubles, is capped and jittered ±20 %', () => {
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffMs(a, 0.5))).toEqual([500, 1000, 2000, 4000, 8000, 8000])
    expect(backoffMs(0, 0)).toBe(400)
    expect(backoffMs(0, 1)).toBe(600)
  })
})

describe('type sniffing', () => {
  test.each([
    [[0xff, 0xd8, 0xff, 0xe1], 'image/jpeg'],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/png'],
    [[...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBP')], 'image/webp'],
    [[...Buffer.from('%PDF-1.7')], 'application/pdf'],
    [[...Buffer.from('GIF89a')], null],
    [[...Buffer.from('<svg')], null],
    [[...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WAVE')], null],
    [[0xff, 0xd8], null],
    [[], null],
  ])('%j → %s', (bytes, mime) => {
    expect(sniffMime(new Uint8Array(bytes))).toBe(mime)
  })
})

describe('sha256 and base64 in plain JS', () => {
  test('sha256 equals node crypto, in one piece or many', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 1, max: 200 }), (bytes, step) => {
        const expected = createHash('sha256').update(bytes).digest('hex')
        const h = new Sha256()
        for (let i = 0; i < bytes.length; i += step) h.update(bytes.subarray(i, i + step))
        return sha256Hex(bytes) === expected && h.hex() === expected
      }),
    )
    expect(sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })

  test('base64 equals node Buffer both ways, and refuses garbage', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (bytes) => {
        const text = bytesToBase64(bytes)
        return text === Buffer.from(bytes).toString('base64') && Buffer.from(base64ToBytes(text)).equals(Buffer.from(bytes))
      }),
    )
    expect(() => base64ToBytes('abc')).toThrow()
    expect(() => base64ToBytes('ab!d')).toThrow()
    expect(() => base64ToBytes('中文中文')).toThrow()
  })
})

describe('names and limits', () => {
  test('names lose folders, control characters and personal numbers, and stay short', () => {
    expect(cleanFileName('C:\\Users\\li\\工资条.jpg')).toBe('工资条.jpg')
    expect(cleanFileName('/storage/emulated/0/DCIM/发票\u0000.jpg')).toBe('发票.jpg')
    expect(cleanFileName('身份证 11010519491231002X 正面.jpg')).toBe('身份证 [id] 正面.jpg')
    expect(cleanFileName('   ')).toBe('材料')
    expect(Array.from(cleanFileName('长'.repeat(300))).length).toBe(80)
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (raw) => findPersonalNumbers(cleanFileName(raw)).length === 0 && Array.from(cleanFileName(raw)).length <= 80))
  })

  test('type and size limits', () => {
    expect(fileLimitProblem('image/jpeg', MAX_FILE_BYTES)).toBeNull()
    expect(fileLimitProblem('application/pdf', 1)).toBeNull()
    expect(fileLimitProblem('image/jpeg', MAX_FILE_BYTES + 1)?.code).toBe('FILE.TOO_LARGE')
    expect(fileLimitProblem('image/jpeg', 0)?.code).toBe('FILE.EMPTY')
    expect(fileLimitProblem('image/heic', 10)?.code).toBe('FILE.TYPE_NOT_ALLOWED')
  })

  test('purposes name the consent they need', () => {
    expect(purposesNeeding('medical_documents').sort()).toEqual(['medical_invoice', 'medical_record'])
    expect(purposesNeeding('bank_card')).toEqual(['bank_card_photo'])
    expect(purposesNeeding('id_number')).toEqual(['id_card_photo'])
  })

  test('the event schema keeps only known fields and cleans the name', () => {
    const r = filesEvent.safeParse({ action: 'begin', name: 'a/b/c.jpg', mime: 'image/jpeg', size: 5, sha256: 'a'.repeat(64), purpose: 'other', openid: 'x', role: 'admin' })
    expect(r.success && r.data).toEqual({ action: 'begin', name: 'c.jpg', mime: 'image/jpeg', size: 5, sha256: 'a'.repeat(64), purpose: 'other' })
  })
})
