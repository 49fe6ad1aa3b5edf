// npm test: every check, in order, with one summary. Exit 1 if anything failed.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, existsSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildFunctions } from './build-functions.mjs'
import { buildRuntime } from './build-runtime.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const artefacts = join(root, 'artefacts')
mkdirSync(artefacts, { recursive: true })
const started = Date.now()
const results = []
let passed = 0
let failed = 0

/** `quiet` steps (the Taro builds draw progress bars) show their output only when they fail. */
function run(label, cmd, args, { env = {}, quiet = false } = {}) {
  const t0 = Date.now()
  console.log(`\n▶ ${label}`)
  const r = spawnSync(cmd, args, { cwd: root, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } })
  const ok = r.status === 0
  if (quiet && !ok) console.log(`${r.stdout ?? ''}\n${r.stderr ?? ''}`.split('\n').slice(-60).join('\n'))
  results.push({ label, ok, seconds: (Date.now() - t0) / 1000 })
  return ok
}

/** A step that is one check (lint, typecheck, build) counts as one test. */
function check(label, cmd, args, opts) {
  const ok = run(label, cmd, args, opts)
  if (ok) passed++
  else failed++
  return ok
}

function jest(label, args, report) {
  const out = join(artefacts, report)
  run(label, process.execPath, [join(root, 'node_modules/jest/bin/jest.js'), '--json', `--outputFile=${out}`, ...args])
  if (!existsSync(out)) {
    failed++
    return
  }
  const r = JSON.parse(readFileSync(out, 'utf8'))
  passed += r.numPassedTests
  failed += r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0)
}

const npx = (bin) => join(root, 'node_modules/.bin', bin)

check('lint (eslint)', npx('eslint'), ['.'])
check('typecheck (tsc --noEmit, strict)', npx('tsc'), ['--noEmit', '-p', '.'])
await buildFunctions()
await buildRuntime()
jest('unit, emulator, cloud-function and page tests (jest)', ['--ci'], 'jest.json')
if (check('weapp build (taro build --type weapp)', npx('taro'), ['build', '--type', 'weapp'], { quiet: true })) {
  const t0 = Date.now()
  console.log('\n▶ weapp check (miniprogram-ci compile + size budget + vm smoke)')
  const r = spawnSync(process.execPath, [join(root, 'scripts/check-weapp.mjs')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  process.stdout.write(r.stdout ?? '')
  const m = /weapp: (\d+) passed, (\d+) failed/.exec(r.stdout ?? '')
  results.push({ label: 'weapp check', ok: r.status === 0 && !!m, seconds: (Date.now() - t0) / 1000 })
  if (m) {
    passed += Number(m[1])
    failed += Number(m[2])
  } else failed++
}
if (check('h5 build (taro build --type h5)', npx('taro'), ['build', '--type', 'h5'], { quiet: true })) {
  jest('end-to-end in chromium (playwright-core)', ['-c', 'jest.e2e.config.js', '--ci'], 'e2e.json')
}

const seconds = ((Date.now() - started) / 1000).toFixed(0)
console.log('\nSummary')
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.label}  (${r.seconds.toFixed(1)} s)`)
console.log(`  wall time ${seconds} s`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 && results.every((r) => r.ok) ? 0 : 1)
