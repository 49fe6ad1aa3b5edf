/**
 * Spreadsheet import of stations, the pure part: the column template, CSV text → cells, and every row
 * checked with the same `stationInput` schema as the form. Problems come back per row and column in
 * plain Chinese; the server imports nothing unless every row is right (all or nothing).
 *
 * Natural key: name + address (see `naturalKey`). A row whose key matches a station updates it
 * (photos and temporary closures, which the template has no columns for, are kept).
 */
import type * as z from '../zod'
import { parseHoursText } from './hours-text'
import { naturalKey } from './station.rules'
import { AMENITIES, stationInput, STATION_STATUSES, type AmenityCode, type ImportRowError, type StationData, type StationStatus } from './station.schema'

export interface ImportColumn {
  key: ColumnKey
  title: string
  required: boolean
  /** Other headings people use for the same column. */
  aliases: string[]
  /** What to write, for the template's second row and error messages. */
  example: string
}

type ColumnKey = 'name' | 'address' | 'district' | 'lng' | 'lat' | 'hours' | 'amenities' | 'capacity' | 'hostOrg' | 'managerName' | 'managerPhone' | 'stars' | 'status' | 'intro'

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { key: 'name', title: '名称', required: true, aliases: ['驿站名称', '站点名称', '驿站'], example: '白鹤中大道爱心驿站' },
  { key: 'address', title: '地址', required: true, aliases: ['详细地址', '驿站地址'], example: '广丰区白鹤中大道 88 号' },
  { key: 'district', title: '乡镇街道', required: true, aliases: ['乡镇/街道', '乡镇', '街道', '所在乡镇', '所在乡镇街道', '区域'], example: '永丰街道' },
  { key: 'lng', title: '经度', required: true, aliases: ['经度gcj02', '经度gcj-02', 'lng', '东经'], example: '118.1912' },
  { key: 'lat', title: '纬度', required: true, aliases: ['纬度gcj02', '纬度gcj-02', 'lat', '北纬'], example: '28.4401' },
  { key: 'hours', title: '开放时间', required: true, aliases: ['开放时段', '营业时间', '服务时间'], example: '每天 06:00-21:00' },
  { key: 'amenities', title: '设施', required: true, aliases: ['服务设施', '服务项目', '设施设备', '功能'], example: '饮水、热饭、如厕、充电' },
  { key: 'capacity', title: '容纳人数', required: true, aliases: ['可容纳人数', '人数', '容量'], example: '12' },
  { key: 'hostOrg', title: '主办工会', required: true, aliases: ['主办单位', '所属工会', '建设单位'], example: '广丰区总工会' },
  { key: 'managerName', title: '联系人', required: true, aliases: ['负责人', '管理员', '站长'], example: '李站长' },
  { key: 'managerPhone', title: '联系电话', required: true, aliases: ['电话', '手机', '值班电话', '联系方式'], example: '0793-2612345' },
  { key: 'stars', title: '星级', required: false, aliases: ['星级评定'], example: '3' },
  { key: 'status', title: '状态', required: false, aliases: ['开放状态'], example: '正常开放' },
  { key: 'intro', title: '简介', required: false, aliases: ['介绍', '备注', '说明'], example: '环卫工人、快递员、外卖骑手都可以来歇脚' },
]

const TITLE: Record<ColumnKey, string> = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.title])) as Record<ColumnKey, string>

/** Words people write for each amenity (besides its label). */
export const AMENITY_ALIASES: Record<AmenityCode, string[]> = {
  water: ['饮水', '喝水', '热水', '开水', '饮用水', '饮水机'],
  meal_heating: ['热饭', '微波炉', '加热', '热饭微波炉'],
  toilet: ['如厕', '厕所', '卫生间', '洗手间'],
  charging: ['充电', '手机充电'],
  climate: ['空调', '取暖', '暖气', '降温', '风扇', '空调取暖'],
  first_aid: ['药箱', '医药箱', '急救箱', '应急药箱'],
  aed: ['aed', '除颤仪'],
  legal: ['法律服务', '法律咨询', '法律援助', '维权'],
  rest: ['休息', '歇脚', '桌椅'],
  reading: ['阅读', '书报', '图书', '书籍'],
  fridge: ['冰箱'],
  wifi: ['无线网络', 'wifi', '无线网'],
  battery_swap: ['换电', '换电池'],
  meals: ['爱心餐', '优惠餐', '免费餐'],
  haircut: ['理发', '义剪'],
}

const fold = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s*＊]/g, '')
const AMENITY_WORDS = new Map<string, AmenityCode>()
for (const a of AMENITIES) {
  AMENITY_WORDS.set(fold(a.label), a.code)
  for (const w of AMENITY_ALIASES[a.code]) AMENITY_WORDS.set(fold(w), a.code)
}

/** 饮水、热饭（微波炉）/ 充电 → codes; unknown words listed so the row error can name them. */
export function parseAmenities(text: string): { codes: AmenityCode[]; unknown: string[] } {
  const codes: AmenityCode[] = []
  const unknown: string[] = []
  const whole = AMENITY_WORDS.get(fold(text))
  if (whole) return { codes: [whole], unknown }
  for (const raw of text.normalize('NFKC').split(/[、,，;；/|\s]+/)) {
    const word = fold(raw)
    if (!word) continue
    const code = AMENITY_WORDS.get(word) ?? AMENITY_WORDS.get(word.replace(/[()（）]/g, ''))
    if (code) {
      if (!codes.includes(code)) codes.push(code)
    } else unknown.push(raw)
  }
  return { codes, unknown }
}

const STATUS_WORDS: Record<string, StationStatus> = { '': 'open', 正常开放: 'open', 开放: 'open', 正常: 'open', 开放中: 'open', 暂停开放: 'temporarily_closed', 暂停: 'temporarily_closed', 临时关闭: 'temporarily_closed', 关闭: 'temporarily_closed' }

// ---------------------------------------------------------------------------------------------------
// CSV

/** RFC 4180 CSV (quotes, doubled quotes, CRLF or LF, new lines inside quotes), comma or tab separated. Records in order. */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '')
  const firstLine = src.slice(0, src.search(/\r?\n|$/))
  const sep = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ','
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  let i = 0
  while (i < src.length) {
    const ch = src[i]
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
        i++
        continue
      }
      field += ch
      i++
      continue
    }
    if (ch === '"' && field === '') {
      quoted = true
      i++
    } else if (ch === sep) {
      record.push(field)
      field = ''
      i++
    } else if (ch === '\r' || ch === '\n') {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1
    } else {
      field += ch
      i++
    }
  }
  if (field !== '' || record.length) {
    record.push(field)
    records.push(record)
  }
  return records
}

// ---------------------------------------------------------------------------------------------------
// Rows

/** A sheet as cells of text; `row` is the number the spreadsheet shows (the header is usually row 1). */
export interface ImportTable {
  header: { row: number; cells: string[] }
  rows: Array<{ row: number; cells: string[] }>
}

/** Records (first non-empty one = header) → table with spreadsheet row numbers; blank rows are skipped. */
export function tableOf(records: string[][]): ImportTable | null {
  const numbered = records.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => c.trim()) })).filter((r) => r.cells.some((c) => c !== ''))
  if (numbered.length === 0) return null
  const [header, ...rows] = numbered
  return { header, rows }
}

export interface HostOrgRef {
  id: string
  name: string
}

export interface ImportedRow {
  row: number
  station: StationData
  naturalKey: string
}

/** `forbidden`: rows naming an org that exists but is outside the importing staff's scope (an authorization refusal). */
export type ImportCheck = { ok: true; rows: ImportedRow[] } | { ok: false; errors: ImportRowError[]; forbidden: ImportRowError[] }

const headingKey = (s: string) =>
  fold(s)
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[（）()\-_:：]/g, '')

function columnIndexes(header: string[]): { index: Partial<Record<ColumnKey, number>>; errors: ImportRowError[] } {
  const index: Partial<Record<ColumnKey, number>> = {}
  const errors: ImportRowError[] = []
  header.forEach((cell, i) => {
    const k = headingKey(cell)
    if (!k) return
    const col = IMPORT_COLUMNS.find((c) => headingKey(c.title) === k || c.aliases.some((a) => headingKey(a) === k))
    if (col && index[col.key] === undefined) index[col.key] = i
  })
  for (const c of IMPORT_COLUMNS) {
    if (c.required && index[c.key] === undefined) errors.push({ row: 0, column: c.title, message: `缺少"${c.title}"这一列，请用模板的表头` })
  }
  return { index, errors }
}

/** Which column a schema issue belongs to. */
function columnOfPath(path: readonly PropertyKey[]): string {
  const [a, b] = path.map(String)
  switch (a) {
    case 'location':
      return b === 'lat' ? TITLE.lat : TITLE.lng
    case 'hours':
      return TITLE.hours
    case 'hostOrgId':
      return TITLE.hostOrg
    case 'manager':
      return b === 'phone' ? TITLE.managerPhone : TITLE.managerName
    default:
      return a in TITLE ? TITLE[a as ColumnKey] : TITLE.name
  }
}

const numberCell = (s: string) => (/^[-+]?\d+(\.\d+)?$/.test(s.replace(/,/g, '')) ? Number(s.replace(/,/g, '')) : NaN)

function starsOf(s: string): number {
  if (s === '' || s === '未评' || s === '无') return 0
  const stars = (s.match(/[★☆*]/g) ?? []).length
  if (stars && /^[★☆*\s]+$/.test(s)) return (s.match(/★/g) ?? []).length || stars
  const m = /^([0-5一二三四五])\s*(星|星级)?$/.exec(s)
  if (!m) return NaN
  return /\d/.test(m[1]) ? Number(m[1]) : '一二三四五'.indexOf(m[1]) + 1
}

/**
 * Checks every row (never stops at the first problem) and returns either all rows as station data or
 * every problem with its row number and column. `orgs` are all orgs (a host org cell may hold an org's
 * full name or its id); `canHost` says which of them the importing staff may host stations for.
 */
export function checkImport(table: ImportTable, orgs: readonly HostOrgRef[], canHost: (orgId: string) => boolean = () => true): ImportCheck {
  const { index, errors } = columnIndexes(table.header.cells)
  if (errors.length) return { ok: false, errors: errors.map((e) => ({ ...e, row: table.header.row })), forbidden: [] }
  const orgByKey = new Map<string, string>()
  for (const o of orgs) {
    orgByKey.set(fold(o.name), o.id)
    orgByKey.set(fold(o.id), o.id)
  }
  const out: ImportedRow[] = []
  const all: ImportRowError[] = []
  const forbidden: ImportRowError[] = []
  const seen = new Map<string, number>()
  for (const { row, cells } of table.rows) {
    const cell = (k: ColumnKey) => (index[k] === undefined ? '' : (cells[index[k]!] ?? '').trim())
    const rowErrors: ImportRowError[] = []
    const add = (k: ColumnKey | string, message: string) => {
      const column = k in TITLE ? TITLE[k as ColumnKey] : k
      if (!rowErrors.some((e) => e.column === column)) rowErrors.push({ row, column, message })
    }

    let lng = numberCell(cell('lng'))
    let lat = numberCell(cell('lat'))
    if (cell('lng') === '') add('lng', '请填经度，比如 118.19')
    else if (Number.isNaN(lng)) add('lng', '经度要填数字，比如 118.19')
    if (cell('lat') === '') add('lat', '请填纬度，比如 28.44')
    else if (Number.isNaN(lat)) add('lat', '纬度要填数字，比如 28.44')
    if (lng >= 3 && lng <= 54 && lat >= 73 && lat <= 136) {
      add('lng', '经度和纬度好像填反了：经度在前，是 118 左右的数；纬度是 28 左右的数')
      ;[lng, lat] = [lat, lng]
    }

    const hoursText = parseHoursText(cell('hours'))
    if (!hoursText.ok) add('hours', hoursText.message)

    const amenities = parseAmenities(cell('amenities'))
    if (amenities.unknown.length) add('amenities', `看不懂这些设施："${amenities.unknown.join('、')}"。可以写：${AMENITIES.map((a) => a.label).join('、')}`)

    const capacityText = cell('capacity').replace(/人$/, '')
    const capacity = numberCell(capacityText)
    if (capacityText === '') add('capacity', '请填能容纳多少人，比如 12')
    else if (Number.isNaN(capacity)) add('capacity', '容纳人数要填数字，比如 12')

    const hostOrgId = orgByKey.get(fold(cell('hostOrg')))
    if (cell('hostOrg') === '') add('hostOrg', '请填主办工会的全称')
    else if (!hostOrgId) add('hostOrg', `找不到"${cell('hostOrg')}"。请填系统里的工会全称`)
    else if (!canHost(hostOrgId)) {
      add('hostOrg', `"${cell('hostOrg')}"不归您管理，您不能为它导入驿站`)
      forbidden.push(rowErrors[rowErrors.length - 1])
    }

    const stars = starsOf(cell('stars'))
    if (Number.isNaN(stars)) add('stars', '星级要填 0 到 5 的数字，没评星就空着')
    const status = STATUS_WORDS[cell('status').replace(/\s+/g, '')] ?? (STATION_STATUSES as readonly string[]).find((s) => s === cell('status'))
    if (!status) add('status', '状态要填"正常开放"或"暂停开放"，空着就是正常开放')

    const candidate = {
      name: cell('name'),
      address: cell('address'),
      district: cell('district'),
      location: { lng, lat },
      hours: hoursText.ok ? hoursText.hours : { allDay: true, days: {} },
      closures: [],
      amenities: amenities.codes,
      capacity: Number.isNaN(capacity) ? 1 : capacity,
      stars: Number.isNaN(stars) ? 0 : stars,
      hostOrgId: hostOrgId ?? 'unknown',
      manager: { name: cell('managerName'), phone: cell('managerPhone') },
      photos: [],
      status: status ?? 'open',
      intro: cell('intro') || undefined,
    }
    const parsed = stationInput.safeParse(candidate)
    if (!parsed.success) {
      for (const issue of (parsed.error as z.core.$ZodError).issues) {
        const column = columnOfPath(issue.path)
        // a cell we already explained (e.g. 经度 not a number) keeps its first, more precise message
        if (!rowErrors.some((e) => e.column === column)) add(column, issue.message)
      }
    }
    if (parsed.success && rowErrors.length === 0) {
      const key = naturalKey(parsed.data.name, parsed.data.address)
      const first = seen.get(key)
      if (first !== undefined) add('name', `和第 ${first} 行是同一个驿站（名称和地址都一样），请删掉一行`)
      else {
        seen.set(key, row)
        out.push({ row, station: parsed.data, naturalKey: key })
      }
    }
    all.push(...rowErrors)
  }
  if (all.length) return { ok: false, errors: all, forbidden }
  return { ok: true, rows: out }
}

/** The STATION.IMPORT_ROWS_INVALID fieldErrors: `<row>:<column>` → message (see `importErrorsOf`). */
export function importFieldErrors(errors: readonly ImportRowError[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of errors) {
    const key = `${e.row}:${e.column}`
    if (!(key in out)) out[key] = e.message
  }
  return out
}

/** A one-line summary: 第 3、5、9 行有问题. */
export function importErrorSummary(errors: readonly ImportRowError[]): string {
  const rows = [...new Set(errors.map((e) => e.row))].sort((a, b) => a - b)
  const shown = rows.slice(0, 10).join('、')
  return `第 ${shown}${rows.length > 10 ? ` 等 ${rows.length} ` : ' '}行有问题，一行都没有导入。请改好后重新上传`
}

/** The template: header row and one example row, for a CSV or an Excel sheet. */
export function importTemplate(): string[][] {
  return [IMPORT_COLUMNS.map((c) => (c.required ? c.title : `${c.title}（可不填）`)), IMPORT_COLUMNS.map((c) => c.example)]
}
