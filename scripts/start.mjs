// npm start: build what is needed, then run the local runtime (h5 app + cloud functions + CloudBase emulator).
import { spawn, spawnSync } from 'node:child_process'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildFunctions } from './build-functions.mjs'
import { buildRuntime } from './build-runtime.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const skipH5 = process.argv.includes('--no-h5-build')

await buildFunctions()
await buildRuntime()
if (!skipH5) {
  console.log('building the h5 app (about 30 s)…')
  const r = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  if (r.status !== 0) {
    console.error('h5 build failed')
    process.exit(1)
  }
}
const child = spawn(process.execPath, [join(root, 'build/runtime/main.js')], { cwd: root, stdio: 'inherit', env: { ...process.env, PROJECT_ROOT: root } })
const forward = (sig) => child.kill(sig)
process.on('SIGINT', forward)
process.on('SIGTERM', forward)
child.on('exit', (code) => process.exit(code ?? 0))
