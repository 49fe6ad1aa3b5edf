import fc from 'fast-check'
import { ageOn, checkCharacter, normaliseIdNumber, parseIdNumber } from '../../src/domain/identity/idcard'
import { isBankCard, isMobile, luhnValid } from '../../src/domain/identity/numbers'

describe('身份证', () => {
  test.each(['11010519491231002X', '440524188001010014', '34052419800101001X', '810000199408230021'])('%s is valid', (id) => {
    expect(parseIdNumber(id)).toMatchObject({ ok: true, info: { value: id } })
  })

  test('normalises spaces, full-width digits and lower-case x', () => {
    expect(normaliseIdNumber(' １１０１０５ 19491231002ｘ ')).toBe('11010519491231002X')
    expect(parseIdNumber('11010519491231002x')).toMatchObject({ ok: true })
  })

  test.each([
    ['', 'EMPTY'],
    ['1101051949123100', 'LENGTH'],
    ['11010519491231002Y', 'CHARACTERS'],
    ['110105194902300028', 'DATE'],
    ['110105194913010021', 'DATE'],
    ['110105190002290025', 'DATE'],
    ['110105194912310021', 'CHECK_DIGIT'],
  ])('%s → %s', (id, problem) => expect(parseIdNumber(id)).toEqual({ ok: false, problem }))

  test('reads birth date and sex', () => {
    const r = parseIdNumber('11010519491231002X')
    expect(r.ok && r.info.birthDate).toEqual({ year: 1949, month: 12, day: 31 })
    expect(r.ok && r.info.sex).toBe('female')
    const m = parseIdNumber('440524188001010014')
    expect(m.ok && m.info.sex).toBe('male')
  })

  test('changing any one digit is caught by the check character', () => {
    const base = '11010519491231002X'
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const d = (Number(base[pos]) + delta) % 10
        const changed = base.slice(0, pos) + d + base.slice(pos + 1)
        return parseIdNumber(changed).ok === false
      }),
    )
  })

  test('every generated number with its computed check character parses', () => {
    const body = fc
      .tuple(fc.integer({ min: 110000, max: 659999 }), fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }))
      .map(([area, d, seq]) => `${area}${d.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`)
    fc.assert(fc.property(body, (b) => parseIdNumber(b + checkCharacter(b)).ok))
  })

  test('age: the day before the 16th birthday is 15, the birthday is 16', () => {
    const birth = { year: 2010, month: 11, day: 22 }
    expect(ageOn(birth, { year: 2026, month: 11, day: 21 })).toBe(15)
    expect(ageOn(birth, { year: 2026, month: 11, day: 22 })).toBe(16)
    expect(ageOn({ year: 2008, month: 2, day: 29 }, { year: 2024, month: 2, day: 28 })).toBe(15)
    expect(ageOn({ year: 2008, month: 2, day: 29 }, { year: 2024, month: 2, day: 29 })).toBe(16)
  })
})

describe('mobile and bank card', () => {
  test.each([
    ['13807931234', true],
    ['138 0793 1234', true],
    ['12807931234', false],
    ['1380793123', false],
  ])('isMobile(%s) = %s', (n, ok) => expect(isMobile(n)).toBe(ok))

  test.each([
    ['4111111111111111', true],
    ['4111 1111 1111 1111', true],
    ['79927398710', false],
    ['79927398713', false], // Luhn-valid but too short for a card
    ['4111111111111112', false],
  ])('isBankCard(%s) = %s', (n, ok) => expect(isBankCard(n)).toBe(ok))

  test('the textbook Luhn number passes the bare check', () => expect(luhnValid('79927398713')).toBe(true))

  test('Luhn catches every single-digit typo', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const card = '4111111111111111'
        const changed = card.slice(0, pos) + ((Number(card[pos]) + delta) % 10) + card.slice(pos + 1)
        return !luhnValid(changed)
      }),
    )
  })
})
