/**
 * _lib/content-security.ts against the emulator's msgSecCheck (word list emulator/runtime/content-words.json),
 * through the real wx-server-sdk in this process, as a cloud function would call it.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, startTestRuntime, type TestRuntime } from '../support/runtime'
import { pointSdkAt } from '../emulator/harness'
import { CONTENT_CHECK_MAX_CHARS, CONTENT_RISKY, splitForCheck, worseOf } from '../../src/domain/privacy/content-check'

type Lib = typeof import('../../cloudfunctions/_lib/content-security')
const words = JSON.parse(readFileSync(join(ROOT, 'emulator/runtime/content-words.json'), 'utf8')) as { risky: string[]; review: string[] }

let rt: TestRuntime
let checkText: Lib['checkText']

beforeAll(async () => {
  rt = await startTestRuntime({ seed: false })
  pointSdkAt(`${rt.url}/admin`)
  checkText = (require('../../cloudfunctions/_lib/content-security') as Lib).checkText
}, 30000)
afterAll(() => rt?.stop())

test.each(words.risky)('risky word %s → risky', async (word) => {
  expect(await checkText('o-demo-laoli', `老板说可以帮我${word}，是真的吗`, 'comment')).toEqual({ verdict: 'risky', label: 21000 })
})

test.each(words.review)('review word %s → review (stored with a flag)', async (word) => {
  expect(await checkText('o-demo-laoli', `工地上有人让我去${word}`, 'forum')).toEqual({ verdict: 'review', label: 21000 })
})

test('ordinary requests for help pass', async () => {
  expect(await checkText('o-demo-xiaowang', '工地欠我三个月工资，老板不接电话，我该怎么办？', 'comment')).toEqual({ verdict: 'pass', label: 100 })
  expect(await checkText('o-demo-xiaowang', '', 'profile')).toEqual({ verdict: 'pass', label: 100 })
})

test('a long text is checked piece by piece and the strictest answer wins', async () => {
  const long = '我想咨询工伤认定。'.repeat(400) + words.risky[0]
  expect(long.length).toBeGreaterThan(CONTENT_CHECK_MAX_CHARS)
  expect(splitForCheck(long).length).toBeGreaterThan(1)
  expect((await checkText('o-demo-laoli', long, 'socialLog')).verdict).toBe('risky')
  const mixed = words.review[0] + '。'.repeat(CONTENT_CHECK_MAX_CHARS) + '谢谢'
  expect((await checkText('o-demo-laoli', mixed, 'comment')).verdict).toBe('review')
})

test('splitting never cuts a character in half', () => {
  const text = '😀'.repeat(3000)
  const parts = splitForCheck(text)
  expect(parts.join('')).toBe(text)
  expect(parts.every((p) => Array.from(p).length <= CONTENT_CHECK_MAX_CHARS && !/^[\uDC00-\uDFFF]/.test(p))).toBe(true)
  expect(worseOf({ verdict: 'review', label: 1 }, { verdict: 'pass', label: 100 }).verdict).toBe('review')
})

test('when the check itself fails, the text is flagged for review, not refused', async () => {
  pointSdkAt('http://127.0.0.1:9/admin')
  const log = jest.spyOn(console, 'error').mockImplementation(() => {})
  try {
    expect(await checkText('o-demo-laoli', '我的电话 13807931234', 'comment')).toEqual({ verdict: 'review', label: 0 })
    const lines = log.mock.calls.map((c) => c.join(' ')).filter((l) => l.includes('content-security'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).not.toContain('13807931234')
  } finally {
    log.mockRestore()
    pointSdkAt(`${rt.url}/admin`)
  }
}, 20000)

test('the refusal callers give is plain', () => {
  expect(CONTENT_RISKY).toEqual({ code: 'CONTENT.RISKY', message: '这段话里有不合适的内容，请改一改再提交' })
})
