/**
 * Benchmark of the staff workspace at scale (issue 8; not a test: it prints figures).
 *
 *   npm run bench:workspace -- [--items 100000] [--records 1000000] [--runs 5] [--functions build/cloudfunctions]
 *
 * Starts the local runtime in-process (127.0.0.1, a free port, a temporary data dir, the demo seed),
 * builds the cloud functions first when the folder has no `workspace` function, then:
 *  (a) inserts `items` open work items straight into the emulator's database (spread over the demo
 *      orgs, a fifth overdue, shaped like projectWorkItem's output) and times the first page of
 *      `{ action: 'queue' }` for the federation (待我处理, 全部下级, overdue) and a grassroots union;
 *  (b) inserts `records` counted records (60 % station visits, 30 % memberships, 10 % mutual-aid terms,
 *      shaped so figures.rules.ts `contributions()` counts them), rebuilds the counters with the
 *      function's own timer (`rebuild`), then times `{ action: 'figures' }` against one
 *      `{ action: 'reconcile' }` (which recomputes every counter from every record).
 * Each time is the median of `runs` calls after one warm-up call, measured around runtime.invokeAs
 * (worker thread + wx-server-sdk + the emulator over HTTP).
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { startRuntime, timerEventFor, type Runtime } from '../emulator/runtime/server'
import type { Manifest } from '../emulator/index'
import { DEMO_ORGS, DEMO_STATIONS, demoId } from '../emulator/runtime/seed'
import { addDays, shanghaiDate } from '../src/domain/calendar/working-days'
import { formatMemberNo } from '../src/domain/membership/membership.rules'
import { addMonths } from '../src/domain/mutual-aid/mutual-aid.rules'
import { NO_DUE, WORK_TYPES, WORK_TYPE_LABELS, workItemId, type WorkItemData } from '../src/domain/workspace/work-item'
import { shanghaiMonth } from '../src/domain/stations/station.rules'
import { prng } from '../emulator/runtime/prng'

/** The project root: the nearest folder up from here with the project's package.json (the bundle runs from node_modules/.cache). */
function projectRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'cloudfunctions', 'database.manifest.json'))) return dir
    if (dirname(dir) === dir) return process.cwd()
  }
}
const root = projectRoot()
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback
}
const ITEMS = Number(arg('items', '100000'))
const RECORDS = Number(arg('records', '1000000'))
const RUNS = Number(arg('runs', '5'))
const FUNCTIONS = resolve(root, arg('functions', 'build/cloudfunctions'))
const FEDERATION = 'o-demo-liu'
const GRASSROOTS = 'o-demo-zhang'

const rnd = prng(8)
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1))
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]
const hexId = (name: string) => createHash('md5').update(name).digest('hex')

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const rows: Array<[string, string]> = []
const note = (label: string, value: string) => {
  rows.push([label, value])
  console.log(`  ${label.padEnd(58)} ${value}`)
}

async function timedCall(rt: Runtime, openid: string, event: Record<string, unknown>): Promise<{ ms: number; reply: { ok: boolean; data?: unknown; error?: unknown } }> {
  const t0 = process.hrtime.bigint()
  const reply = (await rt.invokeAs(openid, 'workspace', event)) as { ok: boolean; data?: unknown; error?: unknown }
  const took = ms(t0)
  if (!reply.ok) throw new Error(`workspace ${JSON.stringify(event)} failed: ${JSON.stringify(reply.error)}`)
  return { ms: took, reply }
}

/** One warm-up call, then the median of RUNS calls. */
async function medianCall(rt: Runtime, openid: string, event: Record<string, unknown>): Promise<{ ms: number; reply: { ok: boolean; data?: unknown } }> {
  await timedCall(rt, openid, event)
  const times: number[] = []
  let last: { ok: boolean; data?: unknown } = { ok: false }
  for (let i = 0; i < RUNS; i++) {
    const r = await timedCall(rt, openid, event)
    times.push(r.ms)
    last = r.reply
  }
  return { ms: median(times), reply: last }
}

function insertBatches(rt: Runtime, collection: string, total: number, make: (i: number) => Record<string, unknown>, batch = 5000): number {
  const t0 = process.hrtime.bigint()
  for (let start = 0; start < total; start += batch) {
    rt.emulator.db.insert(collection, Array.from({ length: Math.min(batch, total - start) }, (_, j) => make(start + j)))
  }
  return ms(t0)
}

// ---------------------------------------------------------------------------------------------------

const GRASSROOTS_ORGS = DEMO_ORGS.filter((o) => o.parentId === 'org-fed').map((o) => o._id)

function workItem(i: number, now: Date): Record<string, unknown> {
  const type = WORK_TYPES[i % WORK_TYPES.length]
  const holder = rnd() < 0.1 ? 'org-fed' : pick(GRASSROOTS_ORGS)
  const federationStep = holder === 'org-fed' || (type === 'aidClaim' && rnd() < 0.5)
  const requestId = hexId(`bench-request-${i}`)
  const created = new Date(now.getTime() - int(0, 60 * 24 * 60) * 60_000)
  const today = shanghaiDate(now)
  // a fifth overdue, a tenth without a deadline, the rest due within six weeks
  const r = rnd()
  const dueDate = r < 0.1 ? null : r < 0.3 ? addDays(today, -int(1, 30)) : addDays(today, int(0, 40))
  const applicant = `${pick(['张', '王', '李', '刘', '陈'])}*${pick(['', '*'])}`
  const summary = pick(['江西丰达机械有限公司', '职工住院医疗互助保障', '欠薪 · 上饶市丰合建筑劳务有限公司', '白鹤中大道爱心驿站 · 饮水机坏了'])
  const item: WorkItemData = {
    type,
    requestId,
    ownerOpenid: `o-bench-w${i % 20_000}`,
    open: true,
    waiting: 'staff',
    state: 'submitted',
    step: '待审核',
    orgId: holder,
    orgPath: holder === 'org-fed' ? ['org-fed'] : ['org-fed', holder],
    actOrgId: federationStep ? 'org-fed' : holder,
    actPath: federationStep ? ['org-fed'] : ['org-fed', holder],
    applicant,
    summary,
    createdAt: created,
    since: created,
    dueDate,
    dueKey: dueDate ?? NO_DUE,
    search: [requestId.slice(-6).toUpperCase(), WORK_TYPE_LABELS[type], applicant, summary].join(' ').toLowerCase(),
    decidedAt: null,
    decidedOrgId: null,
    decidedInTime: null,
    escalated: false,
    escalatedAt: null,
    escalatedTo: null,
  }
  return { _id: workItemId(type, requestId), ...item, updatedAt: created }
}

const STATIONS = DEMO_STATIONS.map((s) => ({ id: demoId(`station-${s.key}`), hostOrgId: s.data.hostOrgId }))
const YEAR_START = Date.parse('2025-01-01T00:00:00+08:00')
const inYear = () => new Date(YEAR_START + int(0, 364 * 24 * 60 + 1439) * 60_000)

function visit(i: number): Record<string, unknown> {
  const s = pick(STATIONS)
  const at = inYear()
  return { _id: hexId(`bench-visit-${i}`), stationId: s.id, ownerOpenid: `o-bench-v${i % 50_000}`, at, month: shanghaiMonth(at.getTime()), hostOrgId: s.hostOrgId, stars: null }
}

function membership(i: number): Record<string, unknown> {
  const orgId = pick(GRASSROOTS_ORGS)
  const joinedAt = rnd() < 0.15 ? new Date(YEAR_START - int(1, 360) * 86_400_000) : inYear()
  const year = Number(shanghaiDate(joinedAt).slice(0, 4))
  const migrant = rnd() < 0.45
  return {
    _id: hexId(`bench-person-${i}`),
    ownerOpenid: `o-bench-m${i}`,
    name: `${pick(['张', '王', '李', '刘', '陈'])}${pick(['伟', '芳', '强', '敏', '军'])}`,
    idEnc: 'BENCH_NOT_ENCRYPTED',
    maskedId: `362***********${String(i % 10_000).padStart(4, '0')}`,
    birthDate: '1985-06-01',
    sex: rnd() < 0.4 ? 'female' : 'male',
    memberNo: formatMemberNo('BM', year, i + 1),
    orgId,
    orgPath: ['org-fed', orgId],
    status: 'active',
    cardVersion: 1,
    version: 1,
    joinedAt,
    joinedDate: shanghaiDate(joinedAt),
    employmentType: migrant ? 'migrant' : 'full_time',
    migrant,
    applicationId: `bench:${i}`,
    history: [{ at: joinedAt, kind: 'joined', orgId, fromOrgId: null }],
    createdAt: joinedAt,
    updatedAt: joinedAt,
  }
}

const PLANS = ['plan-inpatient', 'plan-accident', 'plan-critical', 'plan-female']
function enrollment(i: number): Record<string, unknown> {
  const orgId = pick(GRASSROOTS_ORGS)
  const memberKey = hexId(`bench-member-${Math.floor(i / 2)}`)
  const planId = PLANS[i % 2 === 0 ? 0 : int(1, 3)]
  const termStart = `2025-${String(int(1, 12)).padStart(2, '0')}-01`
  const at = new Date(Date.parse(`${termStart}T09:00:00+08:00`) - 5 * 86_400_000)
  return {
    _id: `${memberKey}_${planId}_${termStart}`,
    rowId: hexId(`bench-row-${i}`),
    memberKey,
    name: '王芳',
    maskedId: '362***********0000',
    orgId,
    orgPath: ['org-fed', orgId],
    planId,
    shares: 1,
    termStart,
    termEnd: addDays(addMonths(termStart, 12), -1),
    importId: hexId(`bench-import-${orgId}`),
    createdAt: at,
    updatedAt: at,
  }
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(join(FUNCTIONS, 'workspace', 'index.js'))) {
    console.log(`building the cloud functions into ${FUNCTIONS} …`)
    const r = spawnSync(process.execPath, [join(root, 'scripts/build-functions.mjs')], { cwd: root, stdio: 'inherit' })
    if (r.status !== 0) throw new Error('building the functions failed')
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-workspace-'))
  const manifest = JSON.parse(readFileSync(join(root, 'cloudfunctions/database.manifest.json'), 'utf8')) as Manifest
  const words = JSON.parse(readFileSync(join(root, 'emulator/runtime/content-words.json'), 'utf8')) as { risky: string[]; review: string[] }
  let t0 = process.hrtime.bigint()
  const rt = await startRuntime({ port: 0, dataDir, manifest, functionsDir: FUNCTIONS, seed: true, wordList: words, functionTimeoutSeconds: 3600 })
  console.log(`\nworkspace benchmark — runtime at ${rt.url} (started with the demo seed in ${ms(t0).toFixed(0)} ms), median of ${RUNS} runs\n`)
  try {
    // (a) the queue over many open items
    const now = new Date()
    note(`insert ${ITEMS.toLocaleString('en-US')} open workItems (in-process, batches of 5,000)`, `${insertBatches(rt, 'workItems', ITEMS, (i) => workItem(i, now)).toFixed(0)} ms`)
    const queueCases: Array<[string, string, Record<string, unknown>]> = [
      ['queue 待我处理 (mine) — federation', FEDERATION, { view: 'mine' }],
      ['queue 全部下级 (subtree) — federation', FEDERATION, { view: 'subtree' }],
      ['queue subtree, overdue — federation', FEDERATION, { view: 'subtree', flag: 'overdue' }],
      ['queue mine, overdue — federation', FEDERATION, { view: 'mine', flag: 'overdue' }],
      ['queue 待我处理 (mine) — grassroots 丰达', GRASSROOTS, { view: 'mine' }],
      ['queue mine, overdue — grassroots 丰达', GRASSROOTS, { view: 'mine', flag: 'overdue' }],
    ]
    for (const [label, openid, filter] of queueCases) {
      const r = await medianCall(rt, openid, { action: 'queue', ...filter })
      const items = (r.reply.data as { items: unknown[] }).items
      note(`${label}: first page (${items.length} rows)`, `${r.ms.toFixed(1)} ms`)
    }

    // (b) the year-end figures over many records
    const visits = Math.round(RECORDS * 0.6)
    const memberships = Math.round(RECORDS * 0.3)
    const enrollments = RECORDS - visits - memberships
    t0 = process.hrtime.bigint()
    insertBatches(rt, 'stationVisits', visits, visit)
    insertBatches(rt, 'memberships', memberships, membership)
    insertBatches(rt, 'aidEnrollments', enrollments, enrollment)
    note(`insert ${RECORDS.toLocaleString('en-US')} records (${visits} visits, ${memberships} members, ${enrollments} terms)`, `${ms(t0).toFixed(0)} ms`)
    t0 = process.hrtime.bigint()
    const rebuilt = (await rt.runner.invoke('workspace', timerEventFor('hourly', 'rebuild'), {})) as { ok: boolean; data?: { items: number; cells: number } }
    if (!rebuilt.ok) throw new Error(`rebuild failed: ${JSON.stringify(rebuilt)}`)
    note(`rebuild counters (timer 'rebuild': ${rebuilt.data?.cells} cells from every record)`, `${ms(t0).toFixed(0)} ms`)
    const figures = await medianCall(rt, FEDERATION, { action: 'figures', year: 2025 })
    const f = (figures.reply.data as { org: { figures: Record<string, number> } }).org.figures
    note(`figures 2025 — federation (visits ${f.stationVisits}, recruited ${f.membersRecruited}, enrolled ${f.aidEnrolled})`, `${figures.ms.toFixed(1)} ms`)
    t0 = process.hrtime.bigint()
    const reconciled = await timedCall(rt, FEDERATION, { action: 'reconcile' })
    const rec = reconciled.reply.data as { records: number; differences: unknown[] }
    note(`reconcile — once (${rec.records} records read, ${rec.differences.length} differences)`, `${reconciled.ms.toFixed(0)} ms`)
    note('reconcile ÷ figures', `${(reconciled.ms / figures.ms).toFixed(0)} ×`)
  } finally {
    await rt.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  console.log('\n| step | time |\n|---|---|')
  for (const [label, value] of rows) console.log(`| ${label} | ${value} |`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
