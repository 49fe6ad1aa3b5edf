/**
 * 我的办理 end to end on the h5 build served by the real runtime (issue 9). 外卖骑手 阿芳 is on her unit's
 * 互助保障 list and has claimed an inpatient stay (made through the function bridge: the claim wizard has its
 * own story in mutual-aid.e2e). 基层工会 张主席 asks for the second page of the discharge summary. The
 * runtime's outbox holds the "needs info" message — to 阿芳 only, opening her claim. 阿芳 opens 我的 →
 * 我的办理: at the top, 要你做的事 says exactly what to add, what the union wrote and by when; she taps
 * 去补充材料, photographs the paper on the claim page and sends it. Back on 我的办理 (on a 320 px phone) the
 * claim has left 要你做的事 and waits for the union again.
 *
 * Its own runtime: 阿芳 gets an ID number, consents and an enrollment that other stories must not see.
 */
import type { Page } from 'playwright-core'
import { addDays } from '../../src/domain/calendar/working-days'
import type { Call } from '../functions/membership.matrix'
import { insuredWorker, stay, submitEvent, today, uploadDocs } from '../functions/mutualAid.matrix'
import { CALLERS } from '../support/matrix'
import { PAPER_PNG, button, current, overflows, story, postJson, toastGone } from './support/ui'

const WORKER = '外卖骑手 阿芳'
const WORKER_OPENID = 'o-demo-afang'
const UNIT = '江西丰达机械有限公司工会'
const ASKED = '出院小结（出院记录）'
const NOTE = '出院小结只拍了第一页，请把第二页也拍上来'

const { base, openPhone, still, showingFailures, outbox } = story('track', { ownRuntime: true })

type Reply = { ok: boolean; data?: Record<string, unknown>; error?: unknown }

const post = <T>(path: string, body: unknown, token?: string) => postJson<T>(base(), path, body, token)

/** Calls functions through the runtime's bridge as the demo users (by openid, as the test helpers do). */
async function bridge(): Promise<Call> {
  const keys: Record<string, string> = { [WORKER_OPENID]: 'rider', [CALLERS.admin]: 'admin', [CALLERS.grassrootsX]: 'grassroots' }
  const tokens = new Map<string, string>()
  for (const [openid, key] of Object.entries(keys)) {
    const s = await post<{ token: string; openid: string }>('/__dev/session', { key })
    expect(s.openid).toBe(openid)
    tokens.set(openid, s.token)
  }
  return async (openid, name, event) => {
    const token = openid ? tokens.get(openid) : undefined
    if (openid && !token) throw new Error(`no session for ${openid}`)
    return post<Reply>(`/api/fn/${name}`, event, token)
  }
}

const must = (r: unknown, what: string): Record<string, unknown> => {
  const reply = r as Reply
  if (!reply.ok) throw new Error(`${what}: ${JSON.stringify(reply.error)}`)
  return reply.data ?? {}
}

const openTrack = async (page: Page) => {
  await page.locator('.weui-tabbar__item').filter({ hasText: '我的' }).tap()
  await page.waitForURL(/#\/pages\/mine\/index/)
  // the 我的 row (首页's tile of the same name stays in the DOM behind it)
  await page.getByText(/我的办理（交过的申请办到哪了）/).tap()
  await page.waitForURL(/subpackages\/track\/pages\/index\/index/)
}

test('the union asks 阿芳 for a paper; the message reaches her only; 我的办理 says what to add and she adds it', () => showingFailures(async () => {
  const before = new Set((await outbox()).map((m) => m.id))
  const call = await bridge()

  // ---- 1. 阿芳 is on 丰达's list and claims a stay with every document (through the functions). --------
  await insuredWorker(call, WORKER_OPENID, { name: '陈芳' })
  const docs = await uploadDocs(call, WORKER_OPENID)
  const claim = must(await call(WORKER_OPENID, 'mutualAid', submitEvent(stay(addDays(today(), -20), '9200', docs))), 'submit claim')
  const claimId = String(claim.id)
  const number = claimId.slice(-6).toUpperCase()
  // on WeChat the submit tap asked which messages she allows (h5 has no such sheet): what her phone reports
  await call(WORKER_OPENID, 'notify', { action: 'subscribe', results: { needs_info: 'accept', decided: 'accept', paid: 'accept' } })

  // ---- 2. 张主席 asks for the second page of the discharge summary. ------------------------------------
  must(await call(CALLERS.grassrootsX, 'mutualAid', { action: 'decideClaim', id: claimId, version: 1, decision: 'ask', items: ['discharge_summary'], note: NOTE }), 'ask')

  // ---- 3. The outbox: a message to 阿芳 only, opening her claim, about what to add. --------------------
  const sent = (await outbox()).filter((m) => !before.has(m.id))
  expect(sent.length).toBeGreaterThanOrEqual(1)
  expect(new Set(sent.map((m) => m.touser))).toEqual(new Set([WORKER_OPENID]))
  const asked = sent.filter((m) => String(m.page ?? '').includes(`subpackages/aid/pages/claim/index?id=${claimId}`))
  expect(asked.length).toBeGreaterThanOrEqual(1)
  // the template keys are becoming kinds (needs_info …): only the words are checked, loosely
  expect(asked.map((m) => JSON.stringify(m.data)).join('\n')).toMatch(/补|出院小结/)

  // ---- 4. 阿芳 opens 我的 → 我的办理: 要你做的事 says what to add, what the union wrote, by when. ------------
  const worker = await openPhone(WORKER, 360, { hard: true })
  await openTrack(worker)
  const todo = current(worker).getByRole('list', { name: '要你做的事' })
  const card = todo.getByRole('listitem', { name: `互助保障 ${number}` })
  await card.waitFor()
  await current(worker).getByText('要你做的事（1 件）').waitFor()
  const text = await card.innerText()
  expect(text).toContain(`· ${ASKED}`)
  expect(text).toContain(`工会说：“${NOTE}”`)
  expect(text).toMatch(/这个申请的期限到 (\d+年)?\d+月\d+日，请在这之前交上来/)
  expect(text).toContain(`办理的工会：${UNIT}`)
  expect(await overflows(worker)).toBe(false)
  await still(worker, '01-todo')

  // ---- 5. She taps 去补充材料: her claim, the one paper asked for; a photo, 交给工会. -------------------------
  await card.locator('taro-button-core', { hasText: '去补充材料' }).tap()
  await worker.waitForURL(new RegExp(`subpackages/aid/pages/claim/index\\?id=${claimId}`))
  await current(worker).getByText(`· ${ASKED}`).waitFor()
  const picker = current(worker).locator('.photo-picker').filter({ has: worker.locator('.field-label', { hasText: ASKED }) })
  await picker.locator('input[type=file]').setInputFiles({ name: '出院小结第二页.png', mimeType: 'image/png', buffer: PAPER_PNG })
  await picker.locator('[aria-label="照片 1"]').waitFor()
  await still(worker, '02-add-paper', '.aid-resubmit')
  await button(worker, '交给工会').tap()
  await current(worker).locator('.state', { hasText: '基层工会核对材料中' }).waitFor()
  await toastGone(worker)

  // ---- 6. On a narrow phone, 我的办理: nothing waits for her; the claim is with the union again. ----------
  const narrow = await openPhone(WORKER, 320)
  await openTrack(narrow)
  const running = current(narrow).getByRole('list', { name: '办理中' })
  const row = running.getByRole('listitem', { name: `互助保障 ${number}` })
  await row.getByText('单位工会在核对材料').waitFor()
  expect(await row.innerText()).toMatch(/单位工会在 \d+月\d+日 前核对完材料/)
  expect(await current(narrow).getByRole('list', { name: '要你做的事' }).count()).toBe(0)
  expect(await overflows(narrow)).toBe(false)
  await still(narrow, '03-back-with-union-320')

  // ---- 7. The claim's history, in plain words, oldest first. ------------------------------------------
  await row.tap()
  await narrow.waitForURL(/subpackages\/track\/pages\/detail\/index\?type=aidClaim/)
  const steps = current(narrow).getByRole('list', { name: '办理经过' }).getByRole('listitem')
  await steps.nth(2).waitFor()
  const labels = await steps.allInnerTexts()
  expect(labels[0]).toContain('交了申请')
  expect(labels[1]).toContain('工会请你补充材料')
  expect(labels[1]).toContain(UNIT)
  expect(labels[2]).toContain('你补充了材料')
  expect(await overflows(narrow)).toBe(false)
  await still(narrow, '04-history-320')

  await Promise.all([worker.context().close(), narrow.context().close()])
}), 600000)
