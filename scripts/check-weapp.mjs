// Offline checks of the built mini-program (run after `npx taro build --type weapp`):
//   1. WeChat's own miniprogram-ci compiles dist/ (json checks) and reports package sizes;
//      the main package must stay under the budget, and each worker subpackage under its own
//      (what a worker on a weak network downloads on first opening a service; ADR 0010).
//   2. The local sign-in shim and the h5 transport are absent from dist/.
//   3. vm smoke test: app.js and every page in dist/app.json load in a fake mini-program
//      runtime and register exactly one Page()/Component(); then the app launches and each page
//      is loaded and must render (setData with text) without throwing. wx.cloud answers every
//      call with NET.UNAVAILABLE, so pages that ask the backend render their error state.
// Prints one line per check and ends with `weapp: N passed, M failed`. Exit code 1 on failure.
import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const DIST = path.join(ROOT, 'dist')
const MAIN_BUDGET_KB = 600
/** Worker subpackages (staff is not downloaded by workers). Classic zod alone put ~450 KB into each. */
const WORKER_SUBPACKAGE_BUDGET_KB = 320
const STAFF_SUBPACKAGE = 'subpackages/staff/'
const STEP_TIMEOUT_MS = 40_000
const FORBIDDEN = ['x-dev-session', 'devSession', '/api/fn/', '__dev']

let passed = 0
let failed = 0
const ok = (msg) => { passed++; console.log(`ok    ${msg}`) }
const bad = (msg) => { failed++; console.log(`FAIL  ${msg}`) }
const info = (msg) => console.log(`      ${msg}`)
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`

function finish() {
  console.log(`weapp: ${passed} passed, ${failed} failed`)
  // miniprogram-ci forks helpers that may keep the event loop alive.
  process.exit(failed ? 1 : 0)
}

// Whole-script guard: never hang CI.
setTimeout(() => {
  bad('timed out after 90 s')
  finish()
}, 90_000).unref()

function withTimeout(promise, what) {
  let timer
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${STEP_TIMEOUT_MS / 1000} s`)), STEP_TIMEOUT_MS)
    }),
  ]).finally(() => clearTimeout(timer))
}

function listFiles(dir) {
  const out = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...listFiles(full))
    else out.push(full)
  }
  return out
}

// ---------------------------------------------------------------------------------------------
if (!fs.existsSync(path.join(DIST, 'app.json'))) {
  bad('dist/app.json missing: run `npx taro build --type weapp` first')
  finish()
}
const appJson = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
const pages = [
  ...(appJson.pages ?? []),
  ...(appJson.subPackages ?? appJson.subpackages ?? []).flatMap((sp) => sp.pages.map((p) => path.posix.join(sp.root, p))),
]
const files = listFiles(DIST)
const totalBytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0)
info(`dist/: ${files.length} files, ${kb(totalBytes)}; ${pages.length} pages`)

// 1. miniprogram-ci ------------------------------------------------------------------------------
async function checkWithMiniprogramCi() {
  // Its one network call (a white-list fetch) fails harmlessly; silence its chatter.
  const quiet = ['log', 'info', 'warn', 'error'].map((k) => [k, console[k]])
  const mute = () => { for (const [k] of quiet) console[k] = () => {} }
  const unmute = () => { for (const [k, fn] of quiet) console[k] = fn }

  const require = createRequire(import.meta.url)
  let ci
  try {
    mute()
    ci = require('miniprogram-ci')
    // Send that call to a closed local port so it fails at once instead of waiting on DNS.
    if (typeof ci.proxy === 'function') ci.proxy('http://127.0.0.1:9')
  } catch (err) {
    unmute()
    bad(`miniprogram-ci not loadable: ${err.message}`)
    return
  }
  unmute()
  // Offline: any key string works for compile/check; attr() would ask WeChat's servers.
  // The project root (with project.config.json -> miniprogramRoot dist/) is what DevTools opens.
  const project = new ci.Project({
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath: ROOT,
    privateKey: 'offline-check-no-key',
    ignores: ['node_modules/**/*'],
  })
  project.attr = async () => ci.DefaultProjectAttr

  try {
    mute()
    const compiled = await withTimeout(
      ci.getCompiledResult({ project, version: '0.0.0', setting: { es6: false, minify: false }, onProgressUpdate: () => {} }),
      'getCompiledResult',
    )
    unmute()
    const missing = pages.filter((p) => !(`${p}.js` in compiled) || !(`${p}.wxml` in compiled))
    if (missing.length) bad(`miniprogram-ci compiled result lacks pages: ${missing.join(', ')}`)
    else ok(`miniprogram-ci getCompiledResult: ${Object.keys(compiled).length} files, all ${pages.length} pages present`)
  } catch (err) {
    unmute()
    bad(`miniprogram-ci getCompiledResult: ${String(err?.message ?? err).split('\n')[0]}`)
  }

  let quality
  try {
    mute()
    quality = await withTimeout(ci.checkCodeQuality(project), 'checkCodeQuality')
    unmute()
  } catch (err) {
    unmute()
    bad(`miniprogram-ci checkCodeQuality: ${String(err?.message ?? err).split('\n')[0]}`)
    return
  }
  const size = quality.find((q) => q.name === 'PACKAGE_SIZE_LIMIT')
  const mainBytes = size?.detail?.__APP__
  if (typeof mainBytes !== 'number') {
    bad('checkCodeQuality: no PACKAGE_SIZE_LIMIT.__APP__ in the report')
  } else {
    for (const [name, bytes] of Object.entries(size.detail)) {
      if (name === '__APP__') continue
      if (name === STAFF_SUBPACKAGE) info(`subpackage ${name}: ${kb(bytes)} (staff only)`)
      else if (bytes > WORKER_SUBPACKAGE_BUDGET_KB * 1024) bad(`worker subpackage ${name}: ${kb(bytes)} (budget ${WORKER_SUBPACKAGE_BUDGET_KB} KB)`)
      else ok(`worker subpackage ${name}: ${kb(bytes)} (budget ${WORKER_SUBPACKAGE_BUDGET_KB} KB)`)
    }
    const msg = `main package ${kb(mainBytes)} (budget ${MAIN_BUDGET_KB} KB)`
    if (mainBytes > MAIN_BUDGET_KB * 1024) bad(msg)
    else ok(msg)
  }
  for (const q of quality) {
    if (q.name === 'PACKAGE_SIZE_LIMIT') continue
    info(`code quality ${q.success ? 'pass' : 'WARN'} ${q.name}${q.success ? '' : `: ${q.text}`}`)
  }
}

// 2. forbidden strings ---------------------------------------------------------------------------
function checkForbidden() {
  const texts = files
    .filter((f) => /\.(js|json|wxml|wxss|wxs)$/.test(f))
    .map((f) => [path.relative(DIST, f), fs.readFileSync(f, 'utf8')])
  for (const needle of FORBIDDEN) {
    const hits = texts.filter(([, t]) => t.includes(needle)).map(([f]) => f)
    if (hits.length) bad(`dist/ contains "${needle}" (local sign-in shim / h5 transport leaked): ${hits.join(', ')}`)
    else ok(`dist/ free of "${needle}"`)
  }
}

// 3. vm smoke test -------------------------------------------------------------------------------
function makeRuntime() {
  const calls = { App: 0, Page: 0, Component: 0, lastPage: null, cloudInit: [], cloudCalls: [] }
  const asyncOk = () => Promise.resolve({ errMsg: 'ok' })
  const known = {
    getSystemInfoSync: () => ({ platform: 'devtools', windowWidth: 375, windowHeight: 667, pixelRatio: 2, screenWidth: 375, screenHeight: 667, SDKVersion: '3.7.12', language: 'zh_CN', version: '8.0.50', fontSizeSetting: 16 }),
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2, screenWidth: 375, screenHeight: 667, statusBarHeight: 20 }),
    getDeviceInfo: () => ({ platform: 'devtools', system: 'Android 10' }),
    getAppBaseInfo: () => ({ SDKVersion: '3.7.12', language: 'zh_CN', fontSizeSetting: 16 }),
    getMenuButtonBoundingClientRect: () => ({ top: 24, bottom: 56, left: 280, right: 367, width: 87, height: 32 }),
    getStorageSync: () => '',
    canIUse: () => true,
    nextTick: (fn) => setTimeout(fn, 0),
    cloud: {
      init: (opts) => { calls.cloudInit.push(opts) },
      callFunction: (opts) => {
        calls.cloudCalls.push(opts?.name)
        return Promise.resolve({ result: { ok: false, error: { code: 'NET.UNAVAILABLE', message: 'offline' } } })
      },
    },
    env: { USER_DATA_PATH: 'wxfile://usr' },
  }
  // Unknown wx APIs: Sync ones return {}, others resolve ok; nothing throws at load time.
  const wx = new Proxy(known, {
    get(target, key) {
      if (key in target) return target[key]
      if (typeof key !== 'string') return undefined
      if (key === 'webpackJsonp') return undefined
      return key.endsWith('Sync') ? () => ({}) : asyncOk
    },
    set(target, key, value) {
      target[key] = value
      return true
    },
  })
  const appInstance = {}
  const sandbox = {
    wx,
    console,
    setTimeout, clearTimeout, setInterval, clearInterval,
    Promise, Date, Math, JSON,
    __wxConfig: { envVersion: 'develop', platform: 'devtools', appLaunchInfo: {}, accountInfo: { miniProgram: { appId: 'touristappid' } } },
    App: (cfg) => { calls.App++; Object.assign(appInstance, cfg) },
    Page: (cfg) => { calls.Page++; calls.lastPage = cfg },
    Component: () => { calls.Component++ },
    Behavior: (b) => b,
    getApp: () => appInstance,
    getCurrentPages: () => [],
    requirePlugin: () => ({}),
    requireMiniProgram: () => ({}),
  }
  sandbox.global = sandbox
  sandbox.globalThis = sandbox
  const context = vm.createContext(sandbox)

  // CommonJS the way the mini-program runtime does it: paths relative to dist/, one instance each.
  const cache = new Map()
  function load(file) {
    const abs = path.resolve(DIST, file.endsWith('.js') ? file : `${file}.js`)
    if (!abs.startsWith(DIST + path.sep)) throw new Error(`require outside dist/: ${file}`)
    if (cache.has(abs)) return cache.get(abs).exports
    const module = { exports: {} }
    cache.set(abs, module)
    const code = fs.readFileSync(abs, 'utf8')
    const fn = vm.runInContext(`(function (module, exports, require) {${code}\n})`, context, { filename: abs })
    const localRequire = (spec) => load(path.relative(DIST, path.resolve(path.dirname(abs), spec)))
    fn(module, module.exports, localRequire)
    return module.exports
  }
  return { calls, load, appInstance }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function smokeTest() {
  const { calls, load, appInstance } = makeRuntime()
  const asyncErrors = []
  const onAsyncError = (err) => asyncErrors.push(err)
  process.on('uncaughtException', onAsyncError)
  process.on('unhandledRejection', onAsyncError)
  const firstLine = (err) => String(err?.stack ?? err).split('\n').slice(0, 2).join(' | ')

  try {
    load('app.js')
    if (calls.App === 1) ok('vm: app.js registers App() once')
    else bad(`vm: app.js called App() ${calls.App} times`)
    info(`vm: wx.cloud.init ${JSON.stringify(calls.cloudInit)}`)
    appInstance.onLaunch?.call(appInstance, { path: pages[0], query: {}, scene: 1001 })
    appInstance.onShow?.call(appInstance, { path: pages[0], query: {}, scene: 1001 })
  } catch (err) {
    bad(`vm: app.js threw: ${firstLine(err)}`)
    return
  }

  for (const page of pages) {
    const before = calls.Page + calls.Component
    let cfg
    try {
      load(`${page}.js`)
      const n = calls.Page + calls.Component - before
      cfg = calls.lastPage
      if (n === 1) ok(`vm: ${page} registers one Page/Component`)
      else bad(`vm: ${page} registered ${n} Page/Component calls (want 1)`)
    } catch (err) {
      bad(`vm: ${page} threw on load: ${firstLine(err)}`)
      continue
    }
    if (!cfg?.onLoad) continue

    // Mount the page the way the mini-program runtime would and collect what it renders.
    const texts = []
    const inst = Object.assign({}, cfg, { route: page, __wxWebviewId__: 1 })
    inst.setData = (data, cb) => {
      JSON.stringify(data, (k, v) => {
        if (k === 'v' && typeof v === 'string' && v.trim()) texts.push(v)
        return v
      })
      cb?.()
    }
    asyncErrors.length = 0
    calls.cloudCalls.length = 0
    try {
      cfg.onLoad.call(inst, {})
      cfg.onShow?.call(inst)
      cfg.onReady?.call(inst)
      await sleep(300)
      if (asyncErrors.length) bad(`vm: ${page} render error: ${firstLine(asyncErrors[0])}`)
      else if (!texts.length) bad(`vm: ${page} rendered no text`)
      else {
        const cloud = calls.cloudCalls.length ? `; cloud calls: ${calls.cloudCalls.join(', ')}` : ''
        ok(`vm: ${page} renders ${texts.length} text nodes${cloud}`)
      }
      cfg.onUnload?.call(inst)
    } catch (err) {
      bad(`vm: ${page} threw while rendering: ${firstLine(err)}`)
    }
  }
  await sleep(50)
  process.off('uncaughtException', onAsyncError)
  process.off('unhandledRejection', onAsyncError)
}

// ---------------------------------------------------------------------------------------------
checkForbidden()
await smokeTest()
await checkWithMiniprogramCi()
finish()
