import { hoursLines, parseHoursText } from '../../src/domain/stations/hours-text'
import { checkImport, importErrorSummary, importFieldErrors, importTemplate, parseAmenities, parseCsv, tableOf, type ImportTable } from '../../src/domain/stations/station.import'
import { importErrorsOf, weeklyHours } from '../../src/domain/stations/station.schema'
import type { WeeklyHours } from '../../src/domain/stations/hours'

const ORGS = [
  { id: 'org-fed', name: '广丰区总工会' },
  { id: 'org-fengda', name: '江西丰达机械有限公司工会' },
  { id: 'org-school', name: '广丰区实验小学工会' },
]

describe('CSV', () => {
  test('quotes, doubled quotes, commas and new lines inside quotes, CRLF, BOM', () => {
    const text = '\uFEFF名称,简介\r\n"白鹤,驿站","说""好""的\n第二行"\r\n末行,x'
    expect(parseCsv(text)).toEqual([
      ['名称', '简介'],
      ['白鹤,驿站', '说"好"的\n第二行'],
      ['末行', 'x'],
    ])
  })

  test('tab separated (copied from a sheet) and a trailing new line', () => {
    expect(parseCsv('a\tb\n1\t2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ])
  })

  test('blank rows are skipped but row numbers stay those of the sheet', () => {
    const t = tableOf([['名称'], [''], ['甲'], [], ['乙']])!
    expect(t.header.row).toBe(1)
    expect(t.rows.map((r) => r.row)).toEqual([3, 5])
    expect(tableOf([[''], []])).toBeNull()
  })
})

describe('hours as text', () => {
  const days = (list: Array<[number, string]>): WeeklyHours['days'] =>
    Object.fromEntries(list.map(([d, r]) => [d, r.split(',').map((x) => ({ open: x.split('-')[0], close: x.split('-')[1] }))]))
  test.each<[string, WeeklyHours]>([
    ['24小时', { allDay: true, days: {} }],
    ['全天', { allDay: true, days: {} }],
    ['每天 06:00-21:00', { allDay: false, days: days([1, 2, 3, 4, 5, 6, 7].map((d) => [d, '06:00-21:00'])) }],
    ['6:00～21:00', { allDay: false, days: days([1, 2, 3, 4, 5, 6, 7].map((d) => [d, '06:00-21:00'])) }],
    ['每天 10:00-次日02:00', { allDay: false, days: days([1, 2, 3, 4, 5, 6, 7].map((d) => [d, '10:00-02:00'])) }],
    [
      '周一至周五 08:00-11:30,13:30-18:00；周六 09:00-12:00',
      { allDay: false, days: { ...days([1, 2, 3, 4, 5].map((d) => [d, '08:00-11:30,13:30-18:00'])), ...days([[6, '09:00-12:00']]) } },
    ],
    ['星期一到星期三：08:00-12:00', { allDay: false, days: days([1, 2, 3].map((d) => [d, '08:00-12:00'])) }],
    ['工作日 08:00-17:00；周末 09:00-12:00', { allDay: false, days: days([...[1, 2, 3, 4, 5].map((d) => [d, '08:00-17:00'] as [number, string]), [6, '09:00-12:00'], [7, '09:00-12:00']]) }],
    ['每天 06:00-21:00；周日 休息', { allDay: false, days: days([1, 2, 3, 4, 5, 6].map((d) => [d, '06:00-21:00'])) }],
    ['周一、周三、周五 07:00-19:00', { allDay: false, days: days([1, 3, 5].map((d) => [d, '07:00-19:00'])) }],
    ['周一至周五　０８：００－１７：００', { allDay: false, days: days([1, 2, 3, 4, 5].map((d) => [d, '08:00-17:00'])) }],
  ])('%s', (text, hours) => {
    expect(parseHoursText(text)).toEqual({ ok: true, hours })
  })

  test.each(['', '早上开门', '周八 08:00-12:00', '周五至周一 08:00-12:00', '每天 8点到9点', '每天 08:00'])('%s is refused with an example', (text) => {
    const r = parseHoursText(text)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toContain('每天 06:00-21:00')
  })

  test.each<[WeeklyHours, string[]]>([
    [{ allDay: true, days: {} }, ['24小时开放']],
    [{ allDay: false, days: days([1, 2, 3, 4, 5, 6, 7].map((d) => [d, '06:00-21:00'])) }, ['每天 06:00-21:00']],
    [
      { allDay: false, days: { ...days([1, 2, 3, 4, 5].map((d) => [d, '08:00-11:30,13:30-18:00'])), ...days([[6, '09:00-12:00']]) } },
      ['周一至周五 08:00-11:30、13:30-18:00', '周六 09:00-12:00', '周日 休息'],
    ],
    [{ allDay: false, days: days([[5, '22:00-02:00'], [6, '22:00-02:00']]) }, ['周一至周四 休息', '周五、周六 22:00-次日02:00', '周日 休息']],
  ])('lines for the detail page %#', (hours, lines) => {
    expect(hoursLines(hours)).toEqual(lines)
    // and the lines read back as the same hours
    expect(parseHoursText(lines.join('；'))).toEqual({ ok: true, hours })
  })
})

test('amenity words: labels, everyday words, repeats, unknown words', () => {
  expect(parseAmenities('饮水、热饭（微波炉）、厕所/充电  AED,wifi')).toEqual({ codes: ['water', 'meal_heating', 'toilet', 'charging', 'aed', 'wifi'], unknown: [] })
  expect(parseAmenities('空调/取暖')).toEqual({ codes: ['climate'], unknown: [] })
  expect(parseAmenities('热水，开水，桑拿')).toEqual({ codes: ['water'], unknown: ['桑拿'] })
})

describe('rows', () => {
  const HEADER = ['名称', '地址', '乡镇街道', '经度', '纬度', '开放时间', '设施', '容纳人数', '主办工会', '联系人', '联系电话', '星级', '状态', '简介']
  const good = ['白鹤中大道爱心驿站', '广丰区白鹤中大道 88 号', '永丰街道', '118.1912', '28.4398', '24小时', '饮水、热饭、如厕', '12', '广丰区总工会', '吴站长', '0793-2612351', '4', '正常开放', '']
  const table = (...rows: string[][]): ImportTable => ({ header: { row: 1, cells: HEADER }, rows: rows.map((cells, i) => ({ row: i + 2, cells })) })
  const withCell = (title: string, value: string, base = good) => base.map((c, i) => (HEADER[i] === title ? value : c))

  test('a good row becomes station data with its natural key', () => {
    const r = checkImport(table(good), ORGS)
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.rows[0]).toMatchObject({
        row: 2,
        naturalKey: '白鹤中大道爱心驿站|广丰区白鹤中大道88号',
        station: { name: '白鹤中大道爱心驿站', location: { lng: 118.1912, lat: 28.4398 }, hours: { allDay: true }, amenities: ['water', 'meal_heating', 'toilet'], capacity: 12, stars: 4, status: 'open', hostOrgId: 'org-fed' },
      })
    }
  })

  test('headings may differ a little (aliases, stars, notes in brackets) and optional columns may be missing', () => {
    const header = ['驿站名称*', '详细地址', '所在乡镇', '经度（GCJ-02）', '纬度(GCJ-02)', '营业时间', '服务设施', '可容纳人数', '主办单位', '负责人', '电话']
    const r = checkImport({ header: { row: 1, cells: header }, rows: [{ row: 2, cells: good.slice(0, 11) }] }, ORGS)
    expect(r.ok).toBe(true)
  })

  test('the template reads back as a valid file', () => {
    const [header, example] = importTemplate()
    const r = checkImport({ header: { row: 1, cells: header }, rows: [{ row: 2, cells: example }] }, ORGS)
    expect(r).toMatchObject({ ok: true })
  })

  test('a missing required column is reported on the header row', () => {
    const r = checkImport({ header: { row: 1, cells: HEADER.filter((h) => h !== '经度') }, rows: [{ row: 2, cells: good }] }, ORGS)
    expect(r).toEqual({ ok: false, forbidden: [], errors: [{ row: 1, column: '经度', message: '缺少"经度"这一列，请用模板的表头' }] })
  })

  test.each<[string, string, string, RegExp]>([
    ['name empty', '名称', '', /请填驿站名称/],
    ['address too short', '地址', '广丰', /地址至少 4 个字/],
    ['district empty', '乡镇街道', '', /乡镇或街道/],
    ['longitude not a number', '经度', '东经118度', /经度要填数字/],
    ['longitude empty', '经度', '', /请填经度/],
    ['latitude out of China', '纬度', '88.5', /不在国内/],
    ['hours unreadable', '开放时间', '白天开', /看不懂/],
    ['hours overlap', '开放时间', '每天 08:00-12:00,11:00-18:00', /不能重叠/],
    ['hours 25:00', '开放时间', '每天 08:00-25:00', /00:00 到 24:00/],
    ['unknown amenity', '设施', '饮水、桑拿', /桑拿/],
    ['no amenity', '设施', '', /至少选一项/],
    ['capacity not a number', '容纳人数', '很多', /容纳人数要填数字/],
    ['capacity 0', '容纳人数', '0', /至少能容纳 1 人/],
    ['unknown host org', '主办工会', '不存在的工会', /找不到/],
    ['bad phone', '联系电话', '12345678', /11 位手机号/],
    ['bad stars', '星级', '七星', /0 到 5/],
    ['bad status', '状态', '拆了', /正常开放/],
  ])('%s → row 2, column %s', (_n, column, value, message) => {
    const r = checkImport(table(withCell(column, value)), ORGS)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.errors).toHaveLength(1)
      expect(r.errors[0]).toMatchObject({ row: 2, column })
      expect(r.errors[0].message).toMatch(message)
    }
  })

  test('swapped longitude and latitude are named as such', () => {
    const r = checkImport(table(withCell('纬度', '118.1912', withCell('经度', '28.4398'))), ORGS)
    expect(!r.ok && r.errors).toEqual([{ row: 2, column: '经度', message: expect.stringContaining('填反了') }])
  })

  test('every bad row is reported, with its row number; good rows in between do not hide them', () => {
    const second = withCell('地址', '广丰区丰溪路 1 号', withCell('名称', '丰溪驿站'))
    const r = checkImport(table(withCell('经度', 'x'), second, withCell('容纳人数', '-3', withCell('名称', '第三个驿站')), withCell('开放时间', '?', withCell('名称', '第四个驿站'))), ORGS)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.errors.map((e) => [e.row, e.column])).toEqual([
        [2, '经度'],
        [4, '容纳人数'],
        [5, '开放时间'],
      ])
      expect(importErrorSummary(r.errors)).toBe('第 2、4、5 行有问题，一行都没有导入。请改好后重新上传')
      expect(importErrorsOf(importFieldErrors(r.errors))).toEqual(r.errors)
    }
  })

  test('several problems in one row are all reported', () => {
    const r = checkImport(table(withCell('联系电话', 'x', withCell('设施', '桑拿', withCell('经度', '')))), ORGS)
    expect(!r.ok && r.errors.map((e) => e.column)).toEqual(['经度', '设施', '联系电话'])
  })

  test('the same station twice in one file is reported on the later row', () => {
    const r = checkImport(table(good, withCell('容纳人数', '20')), ORGS)
    expect(!r.ok && r.errors).toEqual([{ row: 3, column: '名称', message: '和第 2 行是同一个驿站（名称和地址都一样），请删掉一行' }])
  })

  test('an org outside the importing staff scope is a forbidden row', () => {
    const r = checkImport(table(withCell('主办工会', '广丰区实验小学工会')), ORGS, (id) => id === 'org-fengda')
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.forbidden).toEqual([{ row: 2, column: '主办工会', message: '"广丰区实验小学工会"不归您管理，您不能为它导入驿站' }])
      expect(r.errors).toEqual(r.forbidden)
    }
  })

  test('the host org may also be given by id; stars as ★; 暂停开放', () => {
    const row = withCell('状态', '暂停开放', withCell('星级', '★★★', withCell('主办工会', 'org-fengda')))
    const r = checkImport(table(row), ORGS)
    expect(r.ok && r.rows[0].station).toMatchObject({ hostOrgId: 'org-fengda', stars: 3, status: 'temporarily_closed' })
  })

  test('hours the text parser accepts still go through the schema', () => {
    const parsed = parseHoursText('每天 08:00-08:00')
    expect(parsed.ok).toBe(true)
    if (parsed.ok) expect(weeklyHours.safeParse(parsed.hours).success).toBe(false)
  })
})
