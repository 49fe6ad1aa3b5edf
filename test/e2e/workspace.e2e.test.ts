/**
 * 待办事项 and 数据 end to end on the h5 build served by the real runtime (issue 8). A worker asks to join
 * 江西丰达机械's union; nobody there answers in time. The runtime's hourly timer, fired at the morning after
 * the last day, moves the application up to the federation. 总工会 刘干事 sees on 工作台 how many items were
 * escalated, opens 待办事项 → 超期上报, finds it (masked name, the union, 已超过 … 个工作日), approves it, and
 * on 数据 the year's 发展会员 is one more than before — read from the counters the decision updated.
 *
 * Its own runtime: the timer escalates every overdue item of the runtime it fires on.
 */
import type { Page } from 'playwright-core'
import { addDays, shanghaiDate } from '../../src/domain/calendar/working-days'
import { CONSENT_POLICIES } from '../../src/domain/consent/consent'
import { newIdempotencyKey } from '../../src/domain/requests/idempotency'
import { applicationFor, freshIdNumber } from '../functions/membership.matrix'
import { WAIT_MS, button, current, overflows, story, postJson, toastGone } from './support/ui'

const FEDERATION = '总工会 刘干事'
const NAME = '孙大勇'
const MASKED = '孙*勇'
const UNION = '江西丰达机械有限公司工会'
const YEAR = shanghaiDate(new Date()).slice(0, 4)

const { base, openPhone, still, showingFailures } = story('workspace', { ownRuntime: true })

const post = <T>(path: string, body: unknown, token?: string) => postJson<T>(base(), path, body, token)

type Reply = { ok: boolean; data?: Record<string, unknown>; error?: unknown }
async function fn(token: string, name: string, event: Record<string, unknown>): Promise<Record<string, unknown>> {
  const r = await post<Reply>(`/api/fn/${name}`, event, token)
  if (!r.ok) throw new Error(`${name}.${String(event.action)}: ${JSON.stringify(r.error)}`)
  return r.data ?? {}
}

/** 发展会员 as the 数据 page shows it (e.g. "3,012 人"), as a number. */
async function recruited(page: Page): Promise<number> {
  const line = current(page).getByRole('listitem', { name: /^发展会员：/ })
  await line.waitFor()
  const label = (await line.getAttribute('aria-label')) ?? ''
  return Number(label.replace(/^发展会员：/, '').replace(/[^\d]/g, ''))
}

async function openFigures(page: Page): Promise<void> {
  await page.goto(`${base()}/#/subpackages/staff/pages/home/index`)
  await current(page).getByRole('button', { name: '数据' }).tap()
  await page.waitForURL(/staff\/pages\/figures\/index/)
  await current(page).getByText(`${YEAR} 年的数据`, { exact: true }).first().waitFor()
}

test('an application left unanswered escalates to the federation, which approves it; 发展会员 goes up by one', () => showingFailures(async () => {
  // ---- 1. A new worker asks to join 江西丰达机械's union (through the same functions the app calls). ----
  const { token } = await post<{ token: string }>('/__dev/session', { key: 'new' })
  await fn(token, 'privacy', { action: 'grantConsent', category: 'id_number', policyVersion: CONSENT_POLICIES.id_number.version })
  const idNumber = freshIdNumber()
  await fn(token, 'privacy', { action: 'setIdNumber', idNumber })
  const applied = await fn(token, 'membership', { action: 'apply', key: newIdempotencyKey(), application: applicationFor(idNumber, { name: NAME }) })
  const number = String(applied.id).slice(-6).toUpperCase()
  const due = String(applied.dueDate)

  // ---- 2. 刘干事 reads this year's 发展会员 before. ---------------------------------------------------
  const fed = await openPhone(FEDERATION)
  await openFigures(fed)
  const before = await recruited(fed)
  expect(await overflows(fed)).toBe(false)
  await still(fed, '01-figures-before')

  // ---- 3. Nobody at the union answers: the hourly timer runs the morning after the last day. -------
  const swept = await post<{ ok: boolean; data: { escalated: number } }>('/__dev/timer', { fn: 'workspace', at: `${addDays(due, 1)}T01:05:00Z` })
  expect(swept.ok).toBe(true)
  expect(swept.data.escalated).toBeGreaterThanOrEqual(1)

  // ---- 4. 工作台 says items were escalated; 待办事项 → 超期上报 lists it. --------------------------------
  await fed.goto(`${base()}/#/subpackages/staff/pages/home/index`)
  const tile = current(fed).getByRole('button', { name: '待办事项' })
  await tile.waitFor()
  await current(fed).getByText(/件超期上报/).waitFor()
  await still(fed, '02-home')
  await tile.tap()
  await fed.waitForURL(/staff\/pages\/work\/index/)
  await current(fed).getByRole('tab', { name: '超期上报' }).tap()
  const row = current(fed).getByRole('listitem', { name: `入会 ${number}` })
  await row.waitFor()
  const text = await row.innerText()
  expect(text).toContain(MASKED)
  expect(text).toContain(UNION)
  expect(text).toContain('超期上报')
  expect(text).not.toContain(NAME)
  expect(await overflows(fed)).toBe(false)
  await still(fed, '03-escalated')

  // ---- 5. She opens it and approves it. -------------------------------------------------------------
  await row.tap()
  await fed.waitForURL(/members-review\/index/)
  await button(fed, '批准入会').tap()
  const approve = fed.getByRole('dialog', { name: `批准 ${MASKED} 入会？` }).or(fed.getByRole('dialog', { name: /^批准 .* 入会？$/ }))
  await approve.first().locator('taro-button-core', { hasText: '批准入会' }).tap()
  await current(fed).getByText(/✅ 已批准 .* 入会/).waitFor()
  await toastGone(fed)
  await still(fed, '04-approved')

  // ---- 6. It left the queue, and 数据 counts it. ------------------------------------------------------
  await fed.goto(`${base()}/#/subpackages/staff/pages/work/index`)
  await current(fed).getByRole('tab', { name: '超期上报' }).tap()
  await current(fed).getByRole('listitem', { name: `入会 ${number}` }).waitFor({ state: 'detached' })
  await openFigures(fed)
  await fed.waitForFunction(
    async (want) => {
      const el = Array.from(document.querySelectorAll('[aria-label^="发展会员："]')).pop()
      return Number((el?.getAttribute('aria-label') ?? '').replace(/^发展会员：/, '').replace(/[^\d]/g, '')) === want
    },
    before + 1,
    { timeout: WAIT_MS },
  )
  expect(await recruited(fed)).toBe(before + 1)
  await still(fed, '05-figures-after')
}))
