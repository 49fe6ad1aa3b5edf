import type ExcelJS from 'exceljs'
import { parseCsv, tableOf, type ImportTable } from '../../src/domain/stations/station.import'

/**
 * Reading an uploaded spreadsheet into text cells: .xlsx through exceljs (first sheet), .csv as UTF-8
 * (with or without BOM) or, when that is not valid UTF-8, GB18030/GBK — what Excel on a Chinese Windows
 * saves. Old .xls files are refused with a hint to save as .xlsx.
 */
export type ReadResult = { ok: true; table: ImportTable | null } | { ok: false; reason: 'bad_file' | 'old_xls' }

const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04
const isOle = (b: Buffer) => b.length > 8 && b.readUInt32BE(0) === 0xd0cf11e0

/** Strict base64: the decoder would silently skip anything else. */
export function decodeBase64(text: string): Buffer | null {
  const s = text.replace(/\s+/g, '').replace(/^data:[\w/.+-]+;base64,/, '')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 === 1) return null
  return Buffer.from(s, 'base64')
}

export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

/** Text of any exceljs cell value: numbers as written, rich text joined, formulas by result, dates as YYYY-MM-DD HH:MM. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)))
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (value instanceof Date) return value.toISOString().slice(0, 16).replace('T', ' ')
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; result?: ExcelJS.CellValue; text?: string; error?: string }
    if (v.richText) return v.richText.map((r) => r.text).join('')
    if ('result' in v) return cellText(v.result ?? null)
    if (typeof v.text === 'string') return v.text
    if (v.error) return ''
  }
  return String(value)
}

/** exceljs is large: loaded on the first import, not on every cold start of the function. */
const excel = async (): Promise<typeof ExcelJS> => ((await import('exceljs')) as unknown as { default: typeof ExcelJS }).default

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const wb = new (await excel()).Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  const sheet = wb.worksheets.find((s) => s.state !== 'hidden' && s.actualRowCount > 0) ?? wb.worksheets[0]
  if (!sheet) return []
  const records: string[][] = []
  const width = sheet.columnCount
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = []
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value).trim())
    records[rowNumber - 1] = cells
  })
  // rows exceljs skipped stay empty, so record index + 1 is still the row number Excel shows
  for (let i = 0; i < records.length; i++) records[i] = records[i] ?? []
  return records
}

export async function readSpreadsheet(fileName: string, bytes: Buffer): Promise<ReadResult> {
  if (isOle(bytes) || /\.xls$/i.test(fileName)) return { ok: false, reason: 'old_xls' }
  try {
    if (isZip(bytes)) return { ok: true, table: tableOf(await readXlsx(bytes)) }
    const text = decodeText(bytes)
    if (text.includes('\u0000')) return { ok: false, reason: 'bad_file' }
    return { ok: true, table: tableOf(parseCsv(text)) }
  } catch {
    return { ok: false, reason: 'bad_file' }
  }
}

/** An .xlsx with the given rows on one sheet (template downloads and tests). */
export async function writeXlsx(rows: Array<Array<string | number>>, sheetName = '驿站'): Promise<Buffer> {
  const wb = new (await excel()).Workbook()
  const sheet = wb.addWorksheet(sheetName)
  for (const r of rows) sheet.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}
