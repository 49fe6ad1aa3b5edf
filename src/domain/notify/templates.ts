/**
 * The subscribe message templates (issue 9): each kind's WeChat field layout, the limits WeChat puts on
 * each field type, and `buildMessage`, which fits values into them. Pure: pages read the template ids
 * from here (the client asks for them by id), cloud functions build every message with it.
 *
 * A message shows on a lock screen and passes through WeChat's servers: it never carries an ID, bank
 * card or phone number — every value goes through `redact` and long runs of digits are dropped.
 */
import templateIdConfig from '../../../config/subscribe-templates.json'
import { addDays, shanghaiDate } from '../calendar/working-days'
import { redact } from '../privacy/redact'
import { TEMPLATE_KEYS, type TemplateKey } from './notify.api'

/** WeChat's keyword types this app uses (the field name is the type plus its position: thing1, phrase2 …). */
export const FIELD_TYPES = ['thing', 'phrase', 'name', 'character_string', 'number', 'amount', 'date', 'time'] as const
export type FieldType = (typeof FIELD_TYPES)[number]

export interface TemplateField {
  /** WeChat's keyword name, e.g. `thing1`. */
  readonly field: string
  /** The keyword's title as the template shows it. */
  readonly label: string
}

/** Each kind's keywords, in the order the template shows them (pick templates with these keywords in 公共模板库). */
export const TEMPLATE_LAYOUTS = {
  status_changed: [
    { field: 'thing1', label: '事项' },
    { field: 'phrase2', label: '状态' },
    { field: 'thing3', label: '办理单位' },
    { field: 'time4', label: '更新时间' },
    { field: 'thing5', label: '下一步' },
  ],
  needs_info: [
    { field: 'thing1', label: '事项' },
    { field: 'thing2', label: '要补什么' },
    { field: 'date3', label: '请在这天前' },
    { field: 'thing4', label: '备注' },
  ],
  decided: [
    { field: 'thing1', label: '事项' },
    { field: 'phrase2', label: '结果' },
    { field: 'thing3', label: '办理单位' },
    { field: 'thing4', label: '说明' },
  ],
  paid: [
    { field: 'thing1', label: '事项' },
    { field: 'amount2', label: '金额' },
    { field: 'date3', label: '打款日期' },
    { field: 'thing4', label: '说明' },
  ],
  reminder: [
    { field: 'thing1', label: '事项' },
    { field: 'date2', label: '截止日期' },
    { field: 'thing3', label: '要做什么' },
  ],
  staff_digest: [
    { field: 'thing1', label: '待办' },
    { field: 'number2', label: '已超期' },
    { field: 'thing3', label: '说明' },
  ],
} as const satisfies Record<TemplateKey, readonly TemplateField[]>

export type FieldOf<K extends TemplateKey> = (typeof TEMPLATE_LAYOUTS)[K][number]['field']
/** Text; a number (amount: fen); a date as YYYY-MM-DD or a Date; a time as a Date or an ISO string. */
export type FieldValue = string | number | Date
export type TemplateValues<K extends TemplateKey> = Record<FieldOf<K>, FieldValue>
export interface BuiltMessage<K extends TemplateKey = TemplateKey> {
  data: Record<FieldOf<K>, string>
}

/** WeChat's limits per keyword type (characters). */
export const FIELD_LIMITS: Record<FieldType, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  character_string: 32,
  number: 32,
  amount: 11,
  date: 20,
  time: 20,
}

// --------------------------------------------------------------------------------------------------
// Template ids (configuration): the client asks for these, the server sends with them

/** key → WeChat template id, from `config/subscribe-templates.json` (local demo ids until the real ones are set). */
export const TEMPLATE_IDS: Readonly<Record<TemplateKey, string>> = Object.fromEntries(
  TEMPLATE_KEYS.map((k) => [k, (templateIdConfig as Partial<Record<string, string>>)[k] ?? `local-${k}`]),
) as Record<TemplateKey, string>

/** The template ids to pass to `requestSubscribeMessage` (at most 3 per call, WeChat's limit). */
export const templateIdsFor = (keys: readonly TemplateKey[]): string[] => keys.map((k) => TEMPLATE_IDS[k])

/** The kind of a template id (what `requestSubscribeMessage` answered for), or null. */
export const templateKeyOf = (templateId: string): TemplateKey | null => TEMPLATE_KEYS.find((k) => TEMPLATE_IDS[k] === templateId) ?? null

// --------------------------------------------------------------------------------------------------
// "Please reply by": no rule sets a time to answer a request for more information

/**
 * Days we ask a worker to answer "需要补材料" in (our assumption — RULES.md sets none; the request stays
 * open after it). A real deadline that comes first (the claim window, the arbitration limitation) wins.
 */
export const ASK_REPLY_DAYS = 15

/** The date a "needs info" message asks for an answer by (YYYY-MM-DD, Shanghai). */
export function replyBy(askedAt: Date, lastDay?: string | null): string {
  const asked = shanghaiDate(askedAt)
  const by = addDays(asked, ASK_REPLY_DAYS)
  return lastDay && lastDay >= asked && lastDay < by ? lastDay : by
}

// --------------------------------------------------------------------------------------------------
// Fitting values into fields

export const fieldTypeOf = (field: string): FieldType => {
  const type = field.replace(/\d+$/, '')
  if (!(FIELD_TYPES as readonly string[]).includes(type)) throw new Error(`NOTIFY.FIELD_TYPE: unknown keyword type of ${field}`)
  return type as FieldType
}

// Full-width digits (and Ｘ) would show as a number without matching the patterns.
const asciiDigits = (s: string) => s.replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
const REDACT_MARKS = /\[(?:id|phone|number)\]/g
/** 11 or more digits, whatever separates them (phone, ID and card numbers are 11–19 digits). */
const LONG_DIGITS = /\d(?:[\s\-_.·/]*\d){10,}[Xx]?/g

/** Drops anything that looks like an ID, bank card or phone number (not masked: dropped). */
export function withoutPersonalNumbers(text: string): string {
  let out = asciiDigits(text)
  for (;;) {
    const next = redact(out).replace(REDACT_MARKS, '').replace(LONG_DIGITS, '')
    if (next === out) return out
    out = next
  }
}

const chars = (s: string) => Array.from(s)
const HAN = /\p{Script=Han}/u
const cut = (s: string, n: number) => chars(s).slice(0, n).join('')
/** Cut to `n` characters, the last one '…' when something was cut. */
const cutWithEllipsis = (s: string, n: number) => (chars(s).length > n ? `${cut(s, n - 1).trimEnd()}…` : s)
const pad2 = (n: number) => String(n).padStart(2, '0')

function shanghaiParts(at: Date): { y: number; m: number; d: number; hh: number; mm: number } {
  const t = new Date(at.getTime() + 8 * 3_600_000)
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), hh: t.getUTCHours(), mm: t.getUTCMinutes() }
}

function dateOf(value: FieldValue, field: string): { y: number; m: number; d: number } {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number)
    return { y, m, d }
  }
  const at = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : new Date(NaN)
  if (Number.isNaN(at.getTime())) throw new Error(`NOTIFY.FIELD_INVALID: ${field} is not a date`)
  return shanghaiParts(at)
}

function timeOf(value: FieldValue, field: string): string {
  const at = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : new Date(NaN)
  if (Number.isNaN(at.getTime())) throw new Error(`NOTIFY.FIELD_INVALID: ${field} is not a time`)
  const p = shanghaiParts(at)
  return `${p.y}年${p.m}月${p.d}日 ${pad2(p.hh)}:${pad2(p.mm)}`
}

function amountOf(value: FieldValue, field: string): string {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0 || value >= 1e12) throw new Error(`NOTIFY.FIELD_INVALID: ${field} is not an amount in fen`)
    return `${(value / 100).toFixed(2)}元`
  }
  const s = String(value)
  if (!/^\d{1,10}(?:\.\d{1,2})?元$/.test(s)) throw new Error(`NOTIFY.FIELD_INVALID: ${field} is not an amount`)
  return s
}

/** What a field shows when nothing of its value may be shown. */
const FALLBACK: Record<FieldType, string> = { thing: '无', phrase: '无', name: '无', character_string: '-', number: '0', amount: '0.00元', date: '', time: '' }

/**
 * One value fitted to its field's type: thing ≤ 20 (cut with '…'), phrase ≤ 5 Chinese characters,
 * name ≤ 10 Chinese characters (or 20 letters), character_string ≤ 32 letters/digits/symbols, number
 * ≤ 32 digits, amount `3950.00元` (from fen), date `2026年11月22日`, time `2026年11月22日 14:05`.
 * Idempotent: a fitted value fits unchanged.
 */
export function fitField(field: string, value: FieldValue): string {
  const type = fieldTypeOf(field)
  const formatted = type === 'amount' || type === 'date' || type === 'time'
  // already fitted (an outbox record is fitted again when stored)
  if (formatted && typeof value === 'string' && fieldFits(field, value)) return value
  if (type === 'amount') return amountOf(value, field)
  if (type === 'date') {
    const p = dateOf(value, field)
    return `${p.y}年${p.m}月${p.d}日`
  }
  if (type === 'time') return timeOf(value, field)
  const raw = typeof value === 'number' ? (Number.isFinite(value) ? String(Math.round(value)) : '') : value instanceof Date ? timeOf(value, field) : String(value)
  const text = withoutPersonalNumbers(raw.replace(/[\p{Cc}\u2028\u2029]/gu, ' ').replace(/\s+/g, ' ').trim())
  let out: string
  switch (type) {
    case 'thing':
      out = cutWithEllipsis(text, FIELD_LIMITS.thing)
      break
    case 'phrase':
      out = cut(chars(text).filter((c) => HAN.test(c)).join(''), FIELD_LIMITS.phrase)
      break
    case 'name':
      out = HAN.test(text) ? cut(chars(text).filter((c) => HAN.test(c)).join(''), FIELD_LIMITS.name) : cut(text.replace(/[^A-Za-z]/g, ''), 20)
      break
    case 'character_string':
      out = cut(text.replace(/[^\x21-\x7e]/g, ''), FIELD_LIMITS.character_string)
      break
    case 'number':
      out = cut(text.replace(/\D/g, ''), FIELD_LIMITS.number)
      break
  }
  // filtering may bring digits together: check again
  out = withoutPersonalNumbers(out).trim()
  return out === '' ? FALLBACK[type] : out
}

/**
 * The `data` of a subscribe message of kind `key`, every field fitted to WeChat's limits. Throws on a
 * missing field (a bug: every kind's fields are required).
 */
export function buildMessage<K extends TemplateKey>(key: K, values: TemplateValues<K>): BuiltMessage<K> {
  const layout = TEMPLATE_LAYOUTS[key] as readonly TemplateField[] | undefined
  if (!layout) throw new Error(`NOTIFY.TEMPLATE_UNKNOWN: ${String(key)}`)
  const given = values as Record<string, FieldValue | null | undefined>
  const data: Record<string, string> = {}
  for (const { field } of layout) {
    const v = given[field]
    if (v === undefined || v === null) throw new Error(`NOTIFY.FIELD_MISSING: ${key}.${field}`)
    data[field] = fitField(field, v)
  }
  const extra = Object.keys(given).filter((f) => !layout.some((l) => l.field === f))
  if (extra.length) throw new Error(`NOTIFY.FIELD_UNKNOWN: ${key}.${extra.join(',')}`)
  return { data: data as Record<FieldOf<K>, string> }
}

/** Whether a field's value is within its type's limits (what the tests check of every stored message). */
export function fieldFits(field: string, value: string): boolean {
  const type = fieldTypeOf(field)
  const n = chars(value).length
  switch (type) {
    case 'thing':
      return n >= 1 && n <= FIELD_LIMITS.thing
    case 'phrase':
      return n >= 1 && n <= FIELD_LIMITS.phrase && chars(value).every((c) => HAN.test(c))
    case 'name':
      return (n >= 1 && n <= FIELD_LIMITS.name && chars(value).every((c) => HAN.test(c))) || /^[A-Za-z]{1,20}$/.test(value)
    case 'character_string':
      return /^[\x21-\x7e]{1,32}$/.test(value)
    case 'number':
      return /^\d{1,32}$/.test(value)
    case 'amount':
      return /^\d{1,10}(?:\.\d{1,2})?元$/.test(value)
    case 'date':
      return /^\d{4}年\d{1,2}月\d{1,2}日$/.test(value)
    case 'time':
      return /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/.test(value)
  }
}
