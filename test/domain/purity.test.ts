import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

// The architecture rule "src/domain imports nothing from Taro or wx-server-sdk" is enforced by ESLint; prove the rule bites.
test('ESLint refuses Taro, wx-server-sdk, raw zod and I/O imports in src/domain', () => {
  const root = join(__dirname, '../..')
  const code = [
    "import Taro from '@tarojs/taro'",
    "import * as cloud from 'wx-server-sdk'",
    "import { z } from 'zod'",
    "import { readFileSync } from 'node:fs'",
    'export const all = [Taro, cloud, z, readFileSync]',
  ].join('\n')
  const r = spawnSync(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', 'src/domain/probe.ts', '--format', 'json'], {
    cwd: root,
    input: code,
    encoding: 'utf8',
  })
  const [result] = JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string }> }>
  expect(result.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toHaveLength(4)
}, 30000)
