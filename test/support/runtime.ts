import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startRuntime, type Runtime } from '../../emulator/runtime/server'
import type { Manifest } from '../../emulator/index'
const { testBuildDirs } = require('./build-dirs') as { testBuildDirs(): { functions: string; testFunctions: string } }

export const ROOT = join(__dirname, '..', '..')

/** The product's manifest plus the collections of test-only fixture functions (test/fixtures/functions). */
export function loadManifest(): Manifest {
  const product = JSON.parse(readFileSync(join(ROOT, 'cloudfunctions/database.manifest.json'), 'utf8')) as Manifest
  const fixtures = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/functions/manifest.json'), 'utf8')) as Manifest
  return { collections: { ...product.collections, ...fixtures.collections } }
}

export interface TestRuntime extends Runtime {
  dataDir: string
  /** Every document of every declared collection, for "nothing was written" checks. */
  snapshot(): Promise<Record<string, unknown[]>>
}

/** The whole local runtime (emulator + real functions through wx-server-sdk) on a random loopback port. */
export async function startTestRuntime(opts: { seed?: boolean; demoYear?: boolean } = {}): Promise<TestRuntime> {
  const dataDir = mkdtempSync(join(tmpdir(), 'union-rt-'))
  const manifest = loadManifest()
  const words = JSON.parse(readFileSync(join(ROOT, 'emulator/runtime/content-words.json'), 'utf8'))
  const runtime = await startRuntime({
    port: 0,
    dataDir,
    manifest,
    functionsDir: [testBuildDirs().functions, testBuildDirs().testFunctions],
    seed: opts.seed ?? true,
    demoYear: opts.demoYear,
    wordList: { risky: words.risky, review: words.review },
  })
  return {
    ...runtime,
    dataDir,
    async snapshot() {
      const out: Record<string, unknown[]> = {}
      for (const name of Object.keys(manifest.collections)) out[name] = await runtime.emulator.db.find(name, {})
      return out
    },
    async stop() {
      await runtime.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
