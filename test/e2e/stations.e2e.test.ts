/**
 * 爱心驿站 end to end on the h5 build served by the real runtime: 老李 finds the nearest open station
 * with a microwave, checks in with the code staff print (read from the staff QR page), reports a broken
 * water dispenser; 总工会 刘干事 (the host org's staff) resolves it; 老李 sees it fixed. Plus the list's
 * first results on a throttled "Fast 3G" network, and screenshots at 360 px and at 320 px with larger text.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { BASE, SHOTS } from './support/browser'
import { current, story } from './support/ui'

const LIST = '/#/subpackages/stations/pages/list/index'
const MY_REPORTS = '/#/subpackages/stations/pages/reports/index'
/** Near 白鹤中大道 in 广丰 (the browser reports WGS-84; the pages treat it as approximate). */
const WHERE = { longitude: 118.19, latitude: 28.44 }

const { openPhone, still } = story('stations')
const WORKER = '职工 老李'
const STAFF = '总工会 刘干事'

const button = (page: Page, text: string | RegExp) => page.locator('taro-button-core:visible', { hasText: text })

// Shared between the steps below (they run in order).
let station = ''
let code = ''

test('Fast 3G: the list shows its first results (cold cache, location granted)', async () => {
  // signed in at full speed; then the list loads cold on the throttled connection
  const page = await openPhone(WORKER, 360, { geolocation: WHERE })
  const context = page.context()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  // 150 ms latency, 1.6 Mbps down, 750 kbps up (bytes per second)
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 })
  let bytes = 0
  const urls = new Map<string, string>()
  const sizes: Array<{ url: string; kb: number }> = []
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => {
    urls.set(e.requestId, e.request.url)
  })
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    bytes += e.encodedDataLength
    sizes.push({ url: (urls.get(e.requestId) ?? '?').replace(BASE(), ''), kb: Math.round(e.encodedDataLength / 1024) })
  })

  const t0 = Date.now()
  await page.goto(`${BASE()}${LIST}`)
  const find = button(page, '找附近的驿站')
  await find.waitFor({ timeout: 60000 })
  const tButton = Date.now()
  await find.tap()
  await page.locator('.station-card').first().waitFor({ timeout: 60000 })
  const tResults = Date.now()

  const result = {
    network: { latencyMs: 150, downKbps: 1600, upKbps: 750 },
    firstResultsMs: tResults - t0,
    pageReadyMs: tButton - t0,
    resultsAfterTapMs: tResults - tButton,
    transferredKB: Math.round(bytes / 1024),
    largest: sizes.sort((a, b) => b.kb - a.kb).slice(0, 6),
    measuredAt: new Date().toISOString(),
  }
  console.log(`Fast 3G: first station results after ${result.firstResultsMs} ms (page ready ${result.pageReadyMs} ms, results ${result.resultsAfterTapMs} ms after the tap, ${result.transferredKB} KB transferred)`)
  writeFileSync(join(SHOTS, 'stations-fast3g.json'), JSON.stringify(result, null, 2) + '\n')
  expect(result.firstResultsMs).toBeLessThan(60000)
  await context.close()
}, 150000)

test('老李 finds the nearest open station with a microwave, opens it, and checks in with the printed code', async () => {
  const worker = await openPhone(WORKER, 360, { geolocation: WHERE, hard: true })
  await worker.getByText('你好，李*国').waitFor()
  await worker.getByRole('button', { name: '爱心驿站' }).tap()
  await worker.waitForURL(/subpackages\/stations\/pages\/list\/index/)
  await button(worker, '找附近的驿站').waitFor()
  await still(worker, 'list-start')

  await button(worker, '找附近的驿站').tap()
  await worker.locator('.station-card').first().waitFor()
  await still(worker, 'list-nearby')
  await current(worker).getByText('按设施筛选（热水、微波炉…）▾').tap()
  await current(worker).getByRole('checkbox', { name: /热饭/ }).tap()
  await current(worker).getByRole('checkbox', { name: /只看现在开门的/ }).tap()
  await worker.waitForFunction(() => document.querySelectorAll('.station-card').length > 0 && !document.querySelector('[aria-busy=true]'))
  const first = worker.locator('.station-card').first()
  station = (await first.locator('.station-card__name').innerText()).trim()
  expect(await first.innerText()).toContain('热饭（微波炉）')
  expect(await first.locator('.open-line').getAttribute('class')).toMatch(/open-line--(open|soon)/)
  expect(station).toBe('白鹤中大道爱心驿站')
  await still(worker, 'list-filtered', '.list-filters')

  await first.tap()
  await worker.waitForURL(/subpackages\/stations\/pages\/detail\/index/)
  await worker.locator('.detail-head__name', { hasText: station }).waitFor()
  await worker.locator('.detail-head .open-line__text', { hasText: '24小时开放' }).waitFor()
  await still(worker, 'detail')

  // Staff print the code: 总工会 刘干事 opens 驿站管理 → the station → 签到码 (h5 shows its text for testing).
  const staff = await openPhone(STAFF, 360, { geolocation: WHERE })
  await staff.getByText('📋 工作台').tap()
  await staff.getByText('驿站管理').tap()
  await staff.waitForURL(/subpackages\/staff\/pages\/stations\/index/)
  await staff.locator('[aria-label="查找驿站"] input').fill(station)
  await button(staff, '查找').tap()
  const row = staff.locator('.manage-row', { hasText: station })
  await row.waitFor()
  await still(staff, 'staff-list')
  await row.locator('taro-button-core', { hasText: '签到码' }).tap()
  await staff.waitForURL(/stations-qr\/index/)
  const qrText = staff.locator('.qr-text__value')
  await qrText.waitFor()
  code = (await qrText.innerText()).trim()
  expect(code).toMatch(/^union-station:s1\./)
  await staff.locator('.qr-card__img img, img.qr-card__img').first().waitFor()
  await still(staff, 'staff-qr')

  // 老李 pastes the code (h5 cannot scan), is counted, and rates the visit.
  await worker.locator('[aria-label="签到码"] input').fill(code)
  await button(worker, /^签到$/).tap()
  await worker.getByText('✅ 签到成功').waitFor()
  await worker.getByText(`签到成功，欢迎来到${station}！`).waitFor()
  await worker.getByRole('radio', { name: '5 星' }).tap()
  await button(worker, '提交打分（5 星）').tap()
  await worker.getByText('谢谢你的打分！').waitFor()
  await still(worker, 'checked-in', '.checkin')

  // A second scan within two hours is not counted again, and says so.
  await worker.reload()
  await worker.locator('[aria-label="签到码"] input').fill(code)
  await button(worker, /^签到$/).tap()
  await worker.getByText('👋 已经签到过了').waitFor()
  await worker.getByText('这次你已经打过 5 星了，谢谢！').waitFor()
  await still(worker, 'checked-in-again', '.checkin')

  await staff.context().close()
  await worker.context().close()
}, 600000)

test('老李 reports a broken water dispenser; 刘干事 resolves it; 老李 sees it fixed', async () => {
  expect(station).not.toBe('')
  const worker = await openPhone(WORKER, 360, { geolocation: WHERE, hard: true })
  await worker.goto(`${BASE()}${LIST}`)
  await button(worker, '找附近的驿站').tap()
  await worker.locator('.station-card', { hasText: station }).first().tap()
  await worker.locator('.detail-head__name', { hasText: station }).waitFor()
  await button(worker, '我要报修').tap()
  await worker.waitForURL(/subpackages\/stations\/pages\/report\/index/)
  await button(worker, '提交报修').tap()
  await worker.getByText('请先选一下哪里坏了').waitFor()
  await worker.getByRole('radio', { name: /饮水机坏了/ }).tap()
  await worker.locator('[aria-label="说明"] textarea').fill('饮水机不出热水，早上没法泡面')
  await worker.getByText('已写 14 字，最多 300 字').waitFor()
  await still(worker, 'report-form')
  await button(worker, '提交报修').tap()
  await worker.getByText('✅ 报修已提交').waitFor()
  await still(worker, 'report-sent')
  await button(worker, '看我报修的事').tap()
  await worker.waitForURL(/subpackages\/stations\/pages\/reports\/index/)
  const mine = worker.locator('.my-report', { hasText: '饮水机坏了' })
  await mine.waitFor()
  await mine.getByText('等工作人员来看').waitFor()
  await still(worker, 'my-reports-open')

  // 刘干事 (staff of 广丰区总工会, the host org) closes it from 报修处理.
  const staff = await openPhone(STAFF, 360, { geolocation: WHERE })
  await staff.getByText('📋 工作台').tap()
  await staff.getByText('驿站管理').tap()
  await staff.locator('.manage-tile', { hasText: '报修处理' }).tap()
  await staff.waitForURL(/stations-reports\/index/)
  const item = staff.locator('.staff-report', { hasText: station }).filter({ hasText: '饮水机坏了' })
  await item.waitFor()
  await still(staff, 'staff-reports')
  await item.locator('taro-button-core', { hasText: '已修好' }).tap()
  const dialog = staff.getByRole('dialog')
  await dialog.locator('[aria-label="回复"] input').fill('已经换了新的饮水机')
  await still(staff, 'staff-resolve')
  await dialog.locator('taro-button-core', { hasText: '已修好' }).tap()
  await dialog.waitFor({ state: 'detached' })
  await item.waitFor({ state: 'detached' })

  // 老李 opens 我报修的事 again: fixed, with the staff's words.
  await worker.goto(`${BASE()}${MY_REPORTS}`)
  const fixed = worker.locator('.my-report', { hasText: '饮水机坏了' })
  await fixed.getByText('已修好').waitFor()
  await fixed.getByText('工作人员说：已经换了新的饮水机').waitFor()
  await still(worker, 'my-reports-fixed')

  await staff.context().close()
  await worker.context().close()
}, 600000)

test('老李 suggests a site from where he stands; 刘干事 accepts it; 老李 sees the answer', async () => {
  const worker = await openPhone(WORKER, 360, { geolocation: WHERE })
  await worker.goto(`${BASE()}${LIST}`)
  await worker.getByText('💡 推荐一个新驿站的地方').tap()
  await worker.waitForURL(/subpackages\/stations\/pages\/suggestions\/index/)
  await worker.getByText('你还没有推荐过。').waitFor()
  await button(worker, '推荐新地点').tap()
  await worker.waitForURL(/subpackages\/stations\/pages\/suggest\/index/)
  await button(worker, '提交推荐').tap()
  await worker.getByText('请选择位置').waitFor()
  await button(worker, '用我现在的位置').tap()
  await worker.getByText(/位置选好了/).waitFor()
  await worker.locator('[aria-label="地址"] input').fill('丰溪路菜市场北门')
  await worker.locator('[aria-label="为什么建在这里"] textarea').fill('早上环卫工人和送菜的师傅很多，附近没有地方喝热水')
  await still(worker, 'suggest-form')
  await button(worker, '提交推荐').tap()
  await worker.getByText('✅ 推荐已提交').waitFor()
  await button(worker, '看我推荐的地方').tap()
  await worker.locator('.my-suggestion', { hasText: '丰溪路菜市场北门' }).getByText(/已提交，等待答复/).waitFor()

  const staff = await openPhone(STAFF, 360, { geolocation: WHERE })
  await staff.getByText('📋 工作台').tap()
  await staff.getByText('驿站管理').tap()
  await staff.locator('.manage-tile', { hasText: '推荐地点' }).tap()
  const item = staff.locator('.staff-report', { hasText: '丰溪路菜市场北门' })
  await item.waitFor()
  await item.locator('taro-button-core', { hasText: /^采纳$/ }).tap()
  const dialog = staff.getByRole('dialog')
  await dialog.locator('[role=radio]', { hasText: '会去现场看一看' }).tap()
  await still(staff, 'staff-suggestion-accept')
  await dialog.locator('taro-button-core', { hasText: /^采纳$/ }).tap()
  await dialog.waitFor({ state: 'detached' })
  await item.waitFor({ state: 'detached' })

  await worker.reload()
  const answered = worker.locator('.my-suggestion', { hasText: '丰溪路菜市场北门' })
  await answered.getByText(/已采纳/).waitFor()
  await answered.getByText('原因：会去现场看一看').waitFor()
  await still(worker, 'my-suggestions')
  await staff.context().close()
  await worker.context().close()
}, 150000)

test('staff import a spreadsheet (a bad row is named, nothing imported), then edit the new station and print its code', async () => {
  const header = '名称,地址,乡镇街道,经度,纬度,开放时间,设施,容纳人数,主办工会,联系人,联系电话'
  const row = (hours: string) => `丰溪菜市场爱心驿站,广丰区丰溪路菜市场北门,丰溪街道,118.2051,28.4350,${hours},饮水、热饭、如厕,8,广丰区总工会,刘站长,0793-2612399`
  const csv = (hours: string) => ({ name: 'stations.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n${row(hours)}\n`, 'utf8') })

  const staff = await openPhone(STAFF, 360, { geolocation: WHERE })
  await staff.getByText('📋 工作台').tap()
  await staff.getByText('驿站管理').tap()
  await staff.locator('.manage-tile', { hasText: '批量导入' }).tap()
  await staff.waitForURL(/stations-import\/index/)
  await staff.locator('input.import-file').setInputFiles(csv('每天早上六点到晚上八点'))
  const problem = staff.locator('.import-error', { hasText: '第 2 行' })
  await problem.waitFor()
  expect(await problem.innerText()).toContain('开放时间')
  await still(staff, 'staff-import-errors', '.import-errors')

  await staff.locator('input.import-file').setInputFiles(csv('每天 06:00-20:00'))
  await staff.getByText('✅ 检查通过：一共 1 行').waitFor()
  await staff.getByText('新建 1 个，更新 0 个，没有变化 0 个。').waitFor()
  await button(staff, '确认导入').tap()
  await staff.getByText('✅ 导入好了').waitFor()
  await still(staff, 'staff-import-done')

  await staff.goto(`${BASE()}/#/subpackages/staff/pages/stations/index`)
  await staff.locator('[aria-label="查找驿站"] input').fill('丰溪菜市场')
  await button(staff, '查找').tap()
  const imported = staff.locator('.manage-row', { hasText: '丰溪菜市场爱心驿站' })
  await imported.waitFor()
  await imported.locator('taro-button-core', { hasText: '修改' }).tap()
  await staff.waitForURL(/stations-edit\/index/)
  const capacity = staff.locator('[aria-label="能同时容纳多少人"] input')
  await capacity.waitFor()
  expect(await capacity.inputValue()).toBe('8')
  await capacity.fill('')
  await button(staff, /^保存$/).tap()
  await staff.getByText('有 1 处要改一改，请看红字').waitFor()
  await staff.locator('.field--bad', { hasText: '请填能容纳多少人' }).waitFor()
  await still(staff, 'staff-edit-error', '.field--bad')
  await capacity.fill('10')
  await staff.getByRole('switch', { name: '24小时开放' }).tap()
  await button(staff, /^保存$/).tap()
  await staff.getByText('✅ 保存好了').waitFor()
  await button(staff, '打印签到二维码').tap()
  await staff.waitForURL(/stations-qr\/index/)
  await staff.locator('.qr-text__value').waitFor()
  await staff.locator('.qr-card__name', { hasText: '丰溪菜市场爱心驿站' }).waitFor()

  // 签到统计 of the station 老李 checked in at earlier.
  await staff.goto(`${BASE()}/#/subpackages/staff/pages/stations/index`)
  await staff.locator('[aria-label="查找驿站"] input').fill(station)
  await button(staff, '查找').tap()
  const baihe = staff.locator('.manage-row', { hasText: station })
  await baihe.getByText(/本月签到 1 人次/).waitFor()
  await baihe.locator('taro-button-core', { hasText: '签到统计' }).tap()
  await staff.getByText('一共来过 1 人次').waitFor()
  await still(staff, 'staff-stats')
  await staff.context().close()
}, 180000)
