// Bundles each cloud function (cloudfunctions/<name>/index.ts) into build/cloudfunctions/<name>/,
// a folder that deploys as it is: index.js, package.json (wx-server-sdk pinned), config.json.
import { build } from 'esbuild'
import { readdirSync, existsSync, mkdirSync, writeFileSync, copyFileSync, readFileSync, rmSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const functionsSrcDir = join(root, 'cloudfunctions')
export const functionsOutDir = join(root, 'build', 'cloudfunctions')
/** Functions that exist only to test shared server code (never deployed). */
export const testFunctionsSrcDir = join(root, 'test', 'fixtures', 'functions')
export const testFunctionsOutDir = join(root, 'build', 'test-functions')

export function functionNames(src = functionsSrcDir) {
  return readdirSync(src, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(join(src, d.name, 'index.ts')))
    .map((d) => d.name)
}

export async function buildFunctions({ quiet = false, src = functionsSrcDir, outDir = functionsOutDir } = {}) {
  const sdkVersion = JSON.parse(readFileSync(join(root, 'node_modules/wx-server-sdk/package.json'), 'utf8')).version
  const names = functionNames(src)
  rmSync(outDir, { recursive: true, force: true })
  await Promise.all(
    names.map(async (name) => {
      const out = join(outDir, name)
      mkdirSync(out, { recursive: true })
      await build({
        entryPoints: [join(src, name, 'index.ts')],
        outfile: join(out, 'index.js'),
        bundle: true,
        platform: 'node',
        target: 'node16',
        format: 'cjs',
        external: ['wx-server-sdk'],
        minify: false,
        legalComments: 'none',
        logLevel: 'warning',
      })
      const pkg = { name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': sdkVersion } }
      writeFileSync(join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n')
      const config = join(src, name, 'config.json')
      if (!existsSync(config)) throw new Error(`${name}/config.json is missing`)
      copyFileSync(config, join(out, 'config.json'))
    }),
  )
  if (!quiet) console.log(`built ${names.length} cloud function(s) into ${outDir}: ${names.join(', ')}`)
  return names
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildFunctions().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
