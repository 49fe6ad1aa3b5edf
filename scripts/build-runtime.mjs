// Bundles the local runtime (emulator + function runner + h5 bridge) into build/runtime/main.js.
import { build } from 'esbuild'
import { join, dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

export async function buildRuntime() {
  await build({
    entryPoints: [join(root, 'emulator/runtime/main.ts'), join(root, 'emulator/cli.ts')],
    outdir: join(root, 'build/runtime'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  })
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await buildRuntime()
