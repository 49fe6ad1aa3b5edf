import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { TEMPLATE_KEYS, type TemplateKey } from '../../src/domain/notify/notify.api'
import {
  ASK_REPLY_DAYS,
  buildMessage,
  fieldFits,
  fieldTypeOf,
  fitField,
  replyBy,
  TEMPLATE_IDS,
  TEMPLATE_LAYOUTS,
  templateIdsFor,
  templateKeyOf,
  withoutPersonalNumbers,
  type FieldValue,
} from '../../src/domain/notify/templates'
import { findPersonalNumbers } from '../../src/domain/privacy/redact'

const ROOT = join(__dirname, '../..')

describe('the registry', () => {
  test('every kind has a layout and a template id in config/subscribe-templates.json (local demo ids)', () => {
    const config = JSON.parse(readFileSync(join(ROOT, 'config/subscribe-templates.json'), 'utf8')) as Record<string, string>
    expect(Object.keys(config).sort()).toEqual([...TEMPLATE_KEYS].sort())
    expect(Object.keys(TEMPLATE_LAYOUTS).sort()).toEqual([...TEMPLATE_KEYS].sort())
    for (const k of TEMPLATE_KEYS) expect(TEMPLATE_IDS[k]).toBe(`local-${k}`)
    expect(templateIdsFor(['decided', 'needs_info'])).toEqual(['local-decided', 'local-needs_info'])
    expect(templateKeyOf('local-paid')).toBe('paid')
    expect(templateKeyOf('nope')).toBeNull()
  })

  test('the layouts as agreed', () => {
    const fields = (k: TemplateKey) => TEMPLATE_LAYOUTS[k].map((f) => `${f.field} ${f.label}`)
    expect(fields('status_changed')).toEqual(['thing1 事项', 'phrase2 状态', 'thing3 办理单位', 'time4 更新时间', 'thing5 下一步'])
    expect(fields('needs_info')).toEqual(['thing1 事项', 'thing2 要补什么', 'date3 请在这天前', 'thing4 备注'])
    expect(fields('decided')).toEqual(['thing1 事项', 'phrase2 结果', 'thing3 办理单位', 'thing4 说明'])
    expect(fields('paid')).toEqual(['thing1 事项', 'amount2 金额', 'date3 打款日期', 'thing4 说明'])
    expect(fields('reminder')).toEqual(['thing1 事项', 'date2 截止日期', 'thing3 要做什么'])
    expect(fields('staff_digest')).toEqual(['thing1 待办', 'number2 已超期', 'thing3 说明'])
    for (const k of TEMPLATE_KEYS) for (const f of TEMPLATE_LAYOUTS[k]) expect(() => fieldTypeOf(f.field)).not.toThrow()
  })
})

describe('fitting values to field types', () => {
  test('thing: at most 20 characters, cut with …', () => {
    expect(fitField('thing1', '入会申请')).toBe('入会申请')
    const long = '江西丰达机械有限公司工会联合会第三分会办公室'
    expect(Array.from(long).length).toBeGreaterThan(20)
    const cut = fitField('thing3', long)
    expect(Array.from(cut)).toHaveLength(20)
    expect(cut).toBe('江西丰达机械有限公司工会联合会第三分会…')
    expect(fitField('thing1', 'x'.repeat(20))).toBe('x'.repeat(20))
    expect(fitField('thing1', '  两个\n\t空格  ')).toBe('两个 空格')
    expect(fitField('thing1', '')).toBe('无')
  })

  test('phrase: at most 5 Chinese characters, nothing else', () => {
    expect(fitField('phrase2', '已入会')).toBe('已入会')
    expect(fitField('phrase2', '不需要维修')).toBe('不需要维修')
    expect(fitField('phrase2', '需要补充更多材料')).toBe('需要补充更')
    expect(fitField('phrase2', 'OK 通过!')).toBe('通过')
    expect(fitField('phrase2', 'OK')).toBe('无')
  })

  test('name, character_string, number', () => {
    expect(fitField('name1', '李建国')).toBe('李建国')
    expect(fitField('name1', '欧阳李建国张三丰王五赵六')).toBe('欧阳李建国张三丰王五')
    expect(fitField('name1', 'Li Jianguo')).toBe('LiJianguo')
    expect(fitField('character_string1', 'AB-12 34 中文')).toBe('AB-1234')
    expect(fitField('character_string1', 'x'.repeat(40))).toBe('x'.repeat(32))
    expect(fitField('number2', 12)).toBe('12')
    expect(fitField('number2', '共 3 件')).toBe('3')
    expect(fitField('number2', 0)).toBe('0')
  })

  test('amount from fen, date and time in Shanghai', () => {
    expect(fitField('amount2', 395_000)).toBe('3950.00元')
    expect(fitField('amount2', 5)).toBe('0.05元')
    expect(fitField('amount2', '3950.00元')).toBe('3950.00元')
    expect(() => fitField('amount2', -1)).toThrow(/NOTIFY.FIELD_INVALID/)
    expect(() => fitField('amount2', '3950')).toThrow(/NOTIFY.FIELD_INVALID/)
    expect(fitField('date3', '2026-11-22')).toBe('2026年11月22日')
    expect(fitField('date3', '2026-01-05')).toBe('2026年1月5日')
    // 2026-11-22 16:30 UTC is the 23rd in Shanghai
    expect(fitField('date3', new Date('2026-11-22T16:30:00Z'))).toBe('2026年11月23日')
    expect(fitField('time4', new Date('2026-11-22T06:05:00Z'))).toBe('2026年11月22日 14:05')
    expect(fitField('time4', '2026-11-22T06:05:00Z')).toBe('2026年11月22日 14:05')
    expect(() => fitField('date3', 'tomorrow')).toThrow(/NOTIFY.FIELD_INVALID/)
    // a fitted value fits again unchanged
    for (const [f, v] of [['amount2', 395_000], ['date3', '2026-01-05'], ['time4', new Date()]] as const) expect(fitField(f, fitField(f, v))).toBe(fitField(f, v))
    expect(() => fitField('colour1', 'red')).toThrow(/NOTIFY.FIELD_TYPE/)
  })

  test('fitting is idempotent and every fitted value fits', () => {
    fc.assert(
      fc.property(fc.constantFrom('thing1', 'phrase2', 'name3', 'character_string4', 'number5'), fc.oneof(fc.string({ maxLength: 60 }), fc.string({ maxLength: 30, unit: 'binary' }), fc.string({ maxLength: 30, unit: 'grapheme' })), (field, text) => {
        const once = fitField(field, text)
        return fitField(field, once) === once && fieldFits(field, once)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('never a personal number', () => {
  const phone = fc.tuple(fc.constantFrom('13', '15', '17', '18', '19'), fc.stringMatching(/^\d{9}$/)).map(([a, b]) => a + b)
  const idNumber = fc.tuple(fc.stringMatching(/^[1-9]\d{5}$/), fc.integer({ min: 1950, max: 2009 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.stringMatching(/^\d{3}[\dX]$/)).map(
    ([area, y, m, d, tail]) => `${area}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${tail}`,
  )
  const card = fc.stringMatching(/^62\d{14,17}$/)
  const spaced = fc.tuple(phone, fc.constantFrom(' ', '-', ' - ', '  ')).map(([p, sep]) => `${p.slice(0, 3)}${sep}${p.slice(3, 7)}${sep}${p.slice(7)}`)
  const fullWidth = phone.map((p) => p.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))))
  const secret = fc.oneof(phone, idNumber, card, spaced, fullWidth)
  const filler = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ maxLength: 8, unit: 'binary' }), fc.constantFrom('电话', '身份证', '卡号', 'tel', 'ID:', 'abc', '（', '）', ' ', '\n', '', '号码是'), fc.stringMatching(/^\d{0,6}$/))
  const text = fc.array(fc.oneof(secret, filler), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''))
  const digitsOnly = (s: string) => s.replace(/\D/g, '')
  const LONG_RUN = /\d(?:[\s\-_.·/]*\d){10,}/

  test('withoutPersonalNumbers drops every ID, card and phone number, whatever surrounds it', () => {
    fc.assert(
      fc.property(text, (t) => {
        const out = withoutPersonalNumbers(t)
        return findPersonalNumbers(out).length === 0 && !LONG_RUN.test(out)
      }),
      { numRuns: 3000 },
    )
  })

  test('no field of any built message carries one (random values in every field of every kind)', () => {
    const values = (k: TemplateKey) =>
      fc.tuple(...TEMPLATE_LAYOUTS[k].map((f) => valueFor(fieldTypeOf(f.field)))).map((vs) => Object.fromEntries(TEMPLATE_LAYOUTS[k].map((f, i) => [f.field, vs[i]])) as Record<string, FieldValue>)
    const valueFor = (type: string): fc.Arbitrary<FieldValue> => {
      if (type === 'amount') return fc.integer({ min: 0, max: 99_999_999_99 })
      if (type === 'date') return fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
      if (type === 'time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
      if (type === 'number') return fc.oneof(fc.integer({ min: 0, max: 100_000 }), text, phone.map(Number))
      return text
    }
    for (const k of TEMPLATE_KEYS) {
      fc.assert(
        fc.property(values(k), (v) => {
          const { data } = buildMessage(k, v as never)
          const all = Object.values(data as Record<string, string>)
          return (
            findPersonalNumbers(JSON.stringify(data)).length === 0 &&
            all.every((s) => !LONG_RUN.test(s)) &&
            Object.entries(data as Record<string, string>).every(([f, s]) => fieldFits(f, s))
          )
        }),
        { numRuns: 400 },
      )
    }
  })

  test('a masked number and short numbers stay (they are not personal numbers)', () => {
    expect(fitField('thing1', '电话 139****5678')).toBe('电话 139****5678')
    expect(fitField('thing1', '追回 12,000 元')).toBe('追回 12,000 元')
    expect(fitField('thing1', '电话 13912345678 请回')).toBe('电话  请回')
    expect(fitField('thing1', '身份证36110319900101123X')).toBe('身份证')
    expect(digitsOnly(fitField('number2', '13912345678'))).toBe('0')
    // filtering a type's characters can bring digits together: checked again after
    expect(fitField('character_string1', 'ab 1391234 中 5678')).toBe('ab')
  })
})

describe('buildMessage', () => {
  test('a full message, every field fitted', () => {
    const { data } = buildMessage('decided', { thing1: '入会申请', phrase2: '已入会', thing3: '江西丰达机械有限公司工会', thing4: '打开小程序看会员证' })
    expect(data).toEqual({ thing1: '入会申请', phrase2: '已入会', thing3: '江西丰达机械有限公司工会', thing4: '打开小程序看会员证' })
    expect(buildMessage('paid', { thing1: '职工住院医疗互助保障', amount2: 395_000, date3: '2026-11-22', thing4: '补助已打款，请查收' }).data).toEqual({
      thing1: '职工住院医疗互助保障',
      amount2: '3950.00元',
      date3: '2026年11月22日',
      thing4: '补助已打款，请查收',
    })
  })

  test('throws on a missing or unknown field', () => {
    expect(() => buildMessage('decided', { thing1: '入会申请', phrase2: '已入会', thing3: '工会' } as never)).toThrow(/NOTIFY.FIELD_MISSING: decided.thing4/)
    expect(() => buildMessage('reminder', { thing1: 'x', date2: '2026-11-22', thing3: 'y', thing4: 'z' } as never)).toThrow(/NOTIFY.FIELD_UNKNOWN/)
    expect(() => buildMessage('nope' as TemplateKey, {} as never)).toThrow(/NOTIFY.TEMPLATE_UNKNOWN/)
  })

  test('"reply by": 15 days after the ask, or a real last day that comes first', () => {
    const asked = new Date('2026-11-22T02:00:00Z')
    expect(ASK_REPLY_DAYS).toBe(15)
    expect(replyBy(asked)).toBe('2026-12-07')
    expect(replyBy(asked, '2026-11-30')).toBe('2026-11-30')
    expect(replyBy(asked, '2027-06-01')).toBe('2026-12-07')
    // a last day already past is no deadline to tell
    expect(replyBy(asked, '2026-11-01')).toBe('2026-12-07')
  })
})
