import fc from 'fast-check'
import { groupPhone, maskBankCard, maskIdNumber, maskName, maskNumbersIn, maskPhone } from '../../src/domain/privacy/mask'
import { findPersonalNumbers, redact } from '../../src/domain/privacy/redact'

describe('masking', () => {
  test.each([
    ['李建国', '李*国'],
    ['陈芳', '陈*'],
    ['欧阳娜娜', '欧**娜'],
    ['王', '*'],
    ['  张卫东 ', '张*东'],
  ])('name %s → %s', (input, expected) => expect(maskName(input)).toBe(expected))

  test('phone keeps 3 + 4 digits', () => {
    expect(maskPhone('13807931234')).toBe('138****1234')
    expect(maskPhone('138 0793 1234')).toBe('138****1234')
    expect(maskPhone('12345')).toBe('*****')
  })

  test('ID keeps first 3 and last 4, hiding the birth date', () => {
    expect(maskIdNumber('11010519491231002x')).toBe('110***********002X')
    expect(maskIdNumber('11010519491231002X')).not.toContain('19491231')
  })

  test('bank card keeps last 4', () => expect(maskBankCard('4111 1111 1111 1111')).toBe('**** 1111'))

  test('a phone to dial is grouped, never one long digit run', () => {
    expect(groupPhone('13807931234')).toBe('138 0793 1234')
    expect(groupPhone('07932612345')).toBe('0793-2612345')
    expect(groupPhone('010 12345678')).toBe('010-12345678')
    expect(groupPhone('0793-2612351')).toBe('0793-2612351')
    expect(groupPhone('12351')).toBe('12351')
    fc.assert(fc.property(fc.stringMatching(/^(1[3-9]\d{9}|0[1-9]\d{9,10})$/), (p) => findPersonalNumbers(groupPhone(p)).length === 0))
  })

  test('numbers inside free text are masked, the words kept', () => {
    expect(maskNumbersIn('包工头电话13912345678，身份证11010519491231002X，卡6222021234567890123，欠了8550元')).toBe(
      '包工头电话139****5678，身份证110***********002X，卡****0123，欠了8550元',
    )
  })

  test('no masked value is still a personal number', () => {
    const idLike = fc.stringMatching(/^[1-9]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|1\d|2[0-8])\d{3}[\dX]$/)
    fc.assert(fc.property(idLike, (id) => findPersonalNumbers(maskIdNumber(id)).length === 0))
    const phone = fc.stringMatching(/^1[3-9]\d{9}$/)
    fc.assert(fc.property(phone, (p) => findPersonalNumbers(maskPhone(p)).length === 0))
  })
})

describe('redaction', () => {
  test('finds and replaces ID, phone and card numbers inside text', () => {
    const text = 'id 11010519491231002X phone 13807931234 card 6222021234567890123 ok 2026'
    expect(findPersonalNumbers(text)).toHaveLength(3)
    expect(redact(text)).toBe('id [id] phone [phone] card [number] ok 2026')
  })
  test('ignores digits inside record ids', () => {
    expect(findPersonalNumbers('id a186035222946720bc and p18603522294672f')).toEqual([])
    expect(findPersonalNumbers('卡号6222021234567890123，电话:13807931234')).toHaveLength(2)
  })
  test('leaves ordinary numbers alone', () => {
    expect(findPersonalNumbers('金额 8550 元, 2026-11-22, 订单 12345')).toEqual([])
  })
})
