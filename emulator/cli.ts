/**
 * `node cli.js --data DIR --port N --manifest FILE [--env ID] [--words FILE]`
 * Starts the emulator on 127.0.0.1 and prints `EMULATOR READY <port>` once it accepts requests.
 * `--words` names a JSON file `{ "risky": [...], "review": [...] }` for security.msgSecCheck.
 */
import * as fs from 'fs'
import { startEmulatorServer, type Manifest } from './index'

function parseArgs(argv: string[]): Map<string, string> {
  const args = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i])
    if (!m) throw new Error(`unexpected argument ${argv[i]}`)
    const value = m[2] ?? argv[++i]
    if (value === undefined) throw new Error(`--${m[1]} needs a value`)
    args.set(m[1], value)
  }
  return args
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const dataDir = args.get('data')
  const manifestPath = args.get('manifest')
  if (!dataDir || !manifestPath) throw new Error('usage: cli --data DIR --port N --manifest FILE [--env ID] [--words FILE]')
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest
  const words = args.get('words')
  const server = await startEmulatorServer({
    dataDir,
    manifest,
    port: Number(args.get('port') ?? 0),
    envId: args.get('env'),
    wordList: words ? (JSON.parse(fs.readFileSync(words, 'utf8')) as { risky: string[]; review: string[] }) : undefined,
  })
  const shutdown = (): void => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
  process.stdout.write(`EMULATOR READY ${server.port}\n`)
}

main().catch(e => {
  process.stderr.write(`emulator failed to start: ${(e as Error).message}\n`)
  process.exit(1)
})
