// Bundles the local runtime (emulator + function runner + h5 bridge) into build/runtime/main.js.
import { build } from 'esbuild'
import { join, dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

export async function buildRuntime() {
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'warning' }
  await Promise.all([
    build({ ...common, entryPoints: [join(root, 'emulator/runtime/main.ts')], outfile: join(root, 'build/runtime/main.js') }),
    build({ ...common, entryPoints: [join(root, 'emulator/cli.ts')], outfile: join(root, 'build/runtime/emulator-cli.js') }),
  ])
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildRuntime()
