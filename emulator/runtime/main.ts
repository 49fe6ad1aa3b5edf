import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startRuntime } from './server'
import type { Manifest } from '../index'

/** `npm start`: the whole product on one machine — h5 app, cloud functions, database, storage, open APIs. */
async function main() {
  const root = resolve(process.env.PROJECT_ROOT ?? process.cwd())
  const port = Number(process.env.PORT ?? 8080)
  const dataDir = resolve(process.env.DATA_DIR ?? join(root, '.data'))
  const manifest = JSON.parse(readFileSync(join(root, 'cloudfunctions/database.manifest.json'), 'utf8')) as Manifest
  const words = JSON.parse(readFileSync(join(root, 'emulator/runtime/content-words.json'), 'utf8')) as { risky: string[]; review: string[] }
  const runtime = await startRuntime({
    port,
    dataDir,
    manifest,
    functionsDir: join(root, 'build/cloudfunctions'),
    h5Dir: join(root, 'dist-h5'),
    seed: true,
    demoYear: true,
    timers: true,
    wordList: { risky: words.risky, review: words.review },
  })
  console.log(`\n  工会服务小程序 · local runtime`)
  console.log(`  App:      ${runtime.url}/`)
  console.log(`  Sign in:  ${runtime.url}/__dev/signin`)
  console.log(`  Outbox:   ${runtime.url}/__dev/outbox`)
  console.log(`  Admin API for wx-server-sdk: TCB_CONTEXT_CNFG={"URL":"${runtime.url}/admin"}`)
  console.log(`  Data:     ${dataDir}\n`)
  console.log(`RUNTIME READY ${runtime.url}`)
  const stop = () => {
    void runtime.stop().finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
