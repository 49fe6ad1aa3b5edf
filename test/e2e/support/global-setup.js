// Starts build/runtime/main.js (what `npm start` runs) on a random loopback port with a fresh data dir.
const { spawn } = require('node:child_process')
const { mkdtempSync } = require('node:fs')
const { tmpdir } = require('node:os')
const { join } = require('node:path')

module.exports = async function globalSetup() {
  const root = join(__dirname, '../../..')
  const dataDir = mkdtempSync(join(tmpdir(), 'union-e2e-'))
  const child = spawn(process.execPath, [join(root, 'build/runtime/main.js')], {
    cwd: root,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, PROJECT_ROOT: root },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error('runtime did not start in 30 s:\n' + out)), 30000)
    child.stdout.on('data', (chunk) => {
      out += chunk
      const m = /RUNTIME READY (\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.on('exit', (code) => reject(new Error(`runtime exited with ${code}:\n${out}`)))
  })
  child.stdout.resume()
  process.env.E2E_URL = url
  process.env.E2E_DATA_DIR = dataDir
  globalThis.__E2E_RUNTIME__ = child
}
