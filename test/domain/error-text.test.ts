// Every error code a function (or the app itself) can answer with reaches the worker as a plain sentence:
// Chinese, 你 not 您, no technical words, and something to do next (请 / 可以 / 再 / 重新 / 不用 …).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { errorText } from '../../src/services/errors'
import { ERR } from '../../src/domain/errors'
import { MEMBERSHIP_ERR } from '../../src/domain/membership/membership.constants'
import { STATION_ERR } from '../../src/domain/stations/station.constants'
import { FILE_ERR } from '../../src/domain/files/files.schema'
import { ORG_ERR, STAFF_ERR } from '../../src/domain/staff/staff.schema'
import { LEGAL_AID_ERR } from '../../src/domain/legal-aid/legal-aid.constants'
import { MUTUAL_AID_ERR } from '../../src/domain/mutual-aid/mutual-aid.constants'
import { PRIVACY_ERR } from '../../src/domain/privacy/privacy.schema'
import { CONTENT_RISKY } from '../../src/domain/privacy/content-check'
import { CONSENT_ERR, CONSENT_POLICIES, STALE_VERSION_MESSAGE, consentRequiredMessage, type ConsentCategory } from '../../src/domain/consent/consent'

const ROOT = join(__dirname, '../..')

type Pair = { code: string; message: string; from: string }

const TABLES: Record<string, Record<string, { code: string; message: string }>> = {
  ERR,
  MEMBERSHIP_ERR,
  STATION_ERR,
  FILE_ERR,
  STAFF_ERR,
  ORG_ERR,
  LEGAL_AID_ERR,
  MUTUAL_AID_ERR,
  PRIVACY_ERR,
  CONTENT: { CONTENT_RISKY },
}

function tablePairs(): Pair[] {
  const pairs: Pair[] = []
  for (const [name, table] of Object.entries(TABLES)) {
    for (const [key, e] of Object.entries(table)) pairs.push({ code: e.code, message: e.message, from: `${name}.${key}` })
  }
  for (const category of Object.keys(CONSENT_POLICIES) as ConsentCategory[]) {
    for (const renewed of [false, true]) pairs.push({ code: CONSENT_ERR.REQUIRED, message: consentRequiredMessage(category, renewed), from: `consentRequiredMessage(${category})` })
  }
  pairs.push({ code: CONSENT_ERR.STALE_VERSION, message: STALE_VERSION_MESSAGE, from: 'STALE_VERSION_MESSAGE' })
  return pairs
}

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path))
    else if (/\.tsx?$/.test(name) && !/\.d\.ts$/.test(name)) out.push(path)
  }
  return out
}

const SOURCES = ['cloudfunctions', 'src', 'emulator'].flatMap((d) => sourceFiles(join(ROOT, d))).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }))

const CODE = /'([A-Z][A-Z_]*\.[A-Z][A-Z_]*)'/g
/** `{ code: 'X', message: '…' }` and `fail('X', '…')` written out in the source (tables in cloud functions, app-made errors). */
const LITERAL_PAIR = /(?:code:\s*'([A-Z][A-Z_]*\.[A-Z][A-Z_]*)',\s*message:\s*|fail\(\s*'([A-Z][A-Z_]*\.[A-Z][A-Z_]*)',\s*)(['`])((?:(?!\3).)*)\3/g

function scannedPairs(): Pair[] {
  const pairs: Pair[] = []
  for (const { path, text } of SOURCES) {
    for (const m of text.matchAll(LITERAL_PAIR)) pairs.push({ code: m[1] ?? m[2], message: m[4].replace(/\$\{[^}]*\}/g, '2000'), from: path })
  }
  return pairs
}

/** Every `'AREA.REASON'` string in the functions and the app. */
function allCodes(): Set<string> {
  const codes = new Set<string>()
  for (const { text } of SOURCES) {
    for (const m of text.matchAll(CODE)) codes.add(m[1])
  }
  return codes
}

// What a reader can do next, said in words a primary-school reader knows.
const ACTION = /(?<![申邀])请|可以|重新|不用|先|问一问|联系|打 ?12351|刷新|换一|(?<!不能|不可以)再(试|扫|传|看|改|申请|打开|输入|来)/
// Allowed Latin: file kinds and sizes named as the phone shows them.
const LATIN_OK = /\b(JPG|PNG|WEBP|PDF|MB|Excel|CSV|xlsx|xls|X)\b|\.xlsx|\.xls/g
const JARGON = /参数|异常|非法|无效|失败码|服务器|接口|权限不足|token|session|null|undefined/i

/** Why a sentence is not yet plain, or '' when it is. */
function notPlain(sentence: string): string {
  if (!/[\u4e00-\u9fff]/.test(sentence)) return 'no Chinese'
  if (sentence.includes('您')) return 'says 您 (we say 你)'
  if (JARGON.test(sentence)) return 'technical word'
  if (/[A-Za-z]{2,}/.test(sentence.replace(LATIN_OK, ''))) return 'English word'
  if (!ACTION.test(sentence)) return 'says nothing to do next'
  return ''
}

// Only the local test runtime answers it (never a phone); the fallback sentence is checked instead.
const DEV_ONLY = new Set(['AUTH.LOOPBACK_ONLY'])

const pairs = [...tablePairs(), ...scannedPairs()]
const codes = allCodes()

test('the scan finds the codes of every area (the lists below are not empty by mistake)', () => {
  expect(codes.size).toBeGreaterThan(100)
  for (const area of ['AUTH', 'MEMBERSHIP', 'LEGAL_AID', 'MUTUAL_AID', 'STATION', 'FILE', 'UPLOAD', 'CONSENT', 'REQUEST', 'SYS', 'NET']) {
    expect([...codes].some((c) => c.startsWith(`${area}.`))).toBe(true)
  }
  expect(pairs.length).toBeGreaterThan(120)
})

test('every code has at least one sentence of its own (a table, the function, or the app)', () => {
  const said = new Set(pairs.map((p) => p.code))
  const silent = [...codes].filter((c) => !said.has(c) && errorText({ code: c, message: '' }) === errorText({ code: 'NO.SUCH_CODE', message: '' }))
  expect(silent).toEqual([])
})

test('every sentence a worker can be shown is plain and says what to do next', () => {
  const bad: string[] = []
  for (const p of pairs) {
    if (DEV_ONLY.has(p.code)) continue
    const why = notPlain(errorText(p))
    if (why) bad.push(`${p.code} (${p.from}): ${errorText(p)} — ${why}`)
  }
  expect(bad).toEqual([])
})

test('a reply with no Chinese sentence still gets a plain one', () => {
  const bad: string[] = []
  for (const code of codes) {
    for (const message of ['', 'x', 'internal error']) {
      const why = notPlain(errorText({ code, message }))
      if (why) bad.push(`${code} «${message}»: ${errorText({ code, message })} — ${why}`)
    }
  }
  expect(bad).toEqual([])
})

test('the check itself bites', () => {
  expect(notPlain('没有找到这个驿站，可能已经撤掉了')).toBe('says nothing to do next')
  expect(notPlain('已经超过了申请期限，不能再申请')).toBe('says nothing to do next')
  expect(notPlain('这次已经打过分了，谢谢您')).toBe('says 您 (we say 你)')
  expect(notPlain('参数错误，请重试')).toBe('technical word')
  expect(notPlain('Internal error, 请重试')).toBe('English word')
  expect(notPlain('local runtime only')).toBe('no Chinese')
  expect(notPlain('没有找到这个驿站，请回到驿站列表再看')).toBe('')
})

test('the coverage in numbers', () => {
  const said = new Set(pairs.map((p) => p.code))
  console.log(`error codes: ${codes.size}; with their own sentence: ${[...codes].filter((c) => said.has(c)).length}; sentences checked: ${pairs.length}`)
  expect(said.size).toBeGreaterThan(0)
})
