import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

// Issue 10: the worker pages say 你, never 您 (plain and the same everywhere). Staff-only code
// (the staff subpackage, spreadsheet imports) may keep its own register.
const ROOT = join(__dirname, '../..')
const STAFF_ONLY = [/^src\/subpackages\/staff\//, /\.import\.ts$/]

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sources(path)
    return /\.(ts|tsx)$/.test(e.name) ? [path] : []
  })
}

test('no worker-facing source says 您', () => {
  const files = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'cloudfunctions/_lib')).filter((f) => f.endsWith('.views.ts'))]
  expect(files.length).toBeGreaterThan(100)
  const found = files
    .map((f) => relative(ROOT, f).replace(/\\/g, '/'))
    .filter((f) => !STAFF_ONLY.some((re) => re.test(f)))
    .flatMap((f) =>
      readFileSync(join(ROOT, f), 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${f}:${i + 1}` }))
        .filter((l) => l.line.includes('您'))
        .map((l) => `${l.at}: ${l.line.trim().slice(0, 80)}`),
    )
  expect(found).toEqual([])
})
