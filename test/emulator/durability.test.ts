/**
 * Durability: the bundled CLI is killed with SIGKILL in the middle of a concurrent write load driven by
 * the real wx-server-sdk, restarted on the same data directory, and must still hold every acknowledged
 * write; a torn last log line is tolerated; compaction and reopening keep everything.
 */
import { spawn, type ChildProcess } from 'child_process'
import { buildSync } from 'esbuild'
import * as fs from 'fs'
import * as path from 'path'
import { createEmulator, startEmulatorServer } from '../../emulator'
import { Engine } from '../../emulator/db/engine'
import { valueKey } from '../../emulator/db/indexes'
import { loadSdk, makeTempDir, pointSdkAt, TEST_MANIFEST, type WxCloud } from './harness'


const work = makeTempDir('durability')
const cliPath = path.join(work, 'cli.js')
const manifestPath = path.join(work, 'manifest.json')
const dataDir = path.join(work, 'data')
let cloud: WxCloud
let child: ChildProcess | undefined

function startCli(): Promise<{ proc: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [cliPath, '--data', dataDir, '--port', '0', '--manifest', manifestPath], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    const timer = setTimeout(() => reject(new Error(`emulator did not start: ${err}`)), 10_000)
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const m = /EMULATOR READY (\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({ proc, port: Number(m[1]) })
      }
    })
    proc.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
    proc.on('exit', code => {
      clearTimeout(timer)
      if (!/EMULATOR READY/.test(out)) reject(new Error(`emulator exited with ${code}: ${err}`))
    })
  })
}

async function restart(): Promise<void> {
  const { proc, port } = await startCli()
  child = proc
  pointSdkAt(`http://127.0.0.1:${port}/admin`)
}

function killHard(): Promise<void> {
  const proc = child!
  child = undefined
  return new Promise(resolve => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve()
    proc.once('exit', () => resolve())
    proc.kill('SIGKILL')
  })
}

async function storedIds(): Promise<Set<string>> {
  const res = await cloud.database().collection('load').limit(1000).get()
  return new Set(res.data.map(d => String(d._id)))
}

beforeAll(() => {
  buildSync({
    entryPoints: [path.join(__dirname, '../../emulator/cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: cliPath,
    logLevel: 'error',
  })
  fs.writeFileSync(manifestPath, JSON.stringify(TEST_MANIFEST))
  cloud = loadSdk()
})

afterAll(async () => {
  if (child) await killHard()
  fs.rmSync(work, { recursive: true, force: true })
})

test('every acknowledged insert survives kill -9 in the middle of a concurrent load', async () => {
  await restart()
  const db = cloud.database()
  const acked: string[] = []
  let next = 0
  let killed: Promise<void> | undefined
  const worker = async (): Promise<void> => {
    while (next < 300) {
      const i = next++
      try {
        await db.collection('load').add({ data: { _id: `k${i}`, i, payload: 'x'.repeat(200) } })
        acked.push(`k${i}`)
        if (acked.length === 120) killed = killHard()
      } catch {
        if (killed) return
        throw new Error(`insert k${i} failed before the kill`)
      }
    }
  }
  await Promise.all(Array.from({ length: 16 }, worker))
  await killed
  expect(acked.length).toBeGreaterThanOrEqual(120)
  expect(acked.length).toBeLessThan(300)

  await restart()
  const ids = await storedIds()
  const lost = acked.filter(id => !ids.has(id))
  if (process.env.TRUST_LOG) console.log(`kill -9 durability: ${acked.length} acknowledged, ${ids.size} stored after restart, ${lost.length} lost`)
  expect(lost).toEqual([])
  // the restarted emulator takes writes again
  await db.collection('load').add({ data: { _id: 'after-restart', i: -1 } })
  expect((await storedIds()).has('after-restart')).toBe(true)
}, 30_000)

test('a torn last log line is dropped; the records before it are kept', async () => {
  const db = cloud.database()
  await db.collection('load').add({ data: { _id: 'before-tear-1' } })
  await db.collection('counters').add({ data: { _id: 'c', n: 0 } })
  await db.runTransaction(async (t: Awaited<ReturnType<typeof db.startTransaction>>) => {
    await t.collection('counters').doc('c').update({ data: { n: 7 } })
    await t.collection('load').add({ data: { _id: 'from-transaction' } })
  })
  await killHard()
  const wal = path.join(dataDir, 'db', 'wal.jsonl')
  expect(fs.statSync(wal).size).toBeGreaterThan(0)
  fs.appendFileSync(wal, '{"s":{"$numberInt":"999999"},"m":[{"c":"load","k":"s:torn","d":{"_id":"to')

  await restart()
  const ids = await storedIds()
  expect(ids.has('before-tear-1')).toBe(true)
  expect(ids.has('from-transaction')).toBe(true)
  expect(ids.has('torn')).toBe(false)
  expect((await db.collection('counters').doc('c').get()).data?.n).toBe(7)
  await db.collection('load').add({ data: { _id: 'after-tear' } })
  await killHard()
  await restart()
  expect((await storedIds()).has('after-tear')).toBe(true)
  await killHard()
}, 30_000)

describe('in-process', () => {
  test('files, outbox messages and collections created at runtime survive a restart', async () => {
    const dir = makeTempDir('reopen')
    const first = await startEmulatorServer({ dataDir: dir, manifest: TEST_MANIFEST })
    await expect(createEmulator({ dataDir: dir, manifest: TEST_MANIFEST, publicBaseUrl: () => '' })).rejects.toThrow(/in use/)
    pointSdkAt(first.adminUrl)
    const up = await cloud.uploadFile({ cloudPath: 'keep/me.txt', fileContent: Buffer.from('kept') })
    await cloud.openapi.subscribeMessage.send({ touser: 'o1', templateId: 'T', data: { thing1: { value: 'v' } } })
    await cloud.database().createCollection('runtimeMade')
    await cloud.database().collection('runtimeMade').add({ data: { _id: 'r1', at: new Date(7) } })
    await first.stop()

    const second = await startEmulatorServer({ dataDir: dir, manifest: TEST_MANIFEST })
    pointSdkAt(second.adminUrl)
    expect(second.storage.get(up.fileID)).toMatchObject({ cloudPath: 'keep/me.txt', size: 4 })
    const url = ((await cloud.getTempFileURL({ fileList: [up.fileID] })) as { fileList: Array<{ tempFileURL: string }> }).fileList[0].tempFileURL
    expect(await (await fetch(url)).text()).toBe('kept')
    expect(second.outbox.list()).toMatchObject([{ touser: 'o1', templateId: 'T', data: { thing1: { value: 'v' } } }])
    expect(second.db.collections()).toContain('runtimeMade')
    expect(second.db.findOne('runtimeMade', { _id: 'r1' })).toEqual({ _id: 'r1', at: new Date(7) })
    await second.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  test('the log is compacted into a snapshot past its size limit; reopening restores everything', () => {
    const dir = makeTempDir('compact')
    const open = (): Engine => new Engine({ dir, envId: 'e', collections: TEST_MANIFEST.collections, compactBytes: 4096 })
    const engine = open()
    for (let i = 0; i < 200; i++) engine.commit([{ coll: 'load', idKey: valueKey(`d${i}`), doc: { _id: `d${i}`, i } }])
    engine.commit([{ coll: 'load', idKey: valueKey('d5'), doc: null }])
    expect(engine.walBytes).toBeLessThan(4096)
    expect(fs.existsSync(path.join(dir, 'db', 'snapshot.jsonl'))).toBe(true)
    engine.close()
    const reopened = open()
    expect(reopened.count('load')).toBe(199)
    expect(reopened.get('load', valueKey('d199'))).toEqual({ _id: 'd199', i: 199 })
    expect(reopened.get('load', valueKey('d5'))).toBeUndefined()
    reopened.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  test('damage before the last line stops the open instead of losing data', () => {
    const dir = makeTempDir('damaged')
    const engine = new Engine({ dir, envId: 'e', collections: TEST_MANIFEST.collections, compactBytes: 1 << 30 })
    engine.commit([{ coll: 'load', idKey: valueKey('a'), doc: { _id: 'a' } }])
    engine.close()
    const wal = path.join(dir, 'db', 'wal.jsonl')
    fs.writeFileSync(wal, 'garbage\n' + fs.readFileSync(wal, 'utf8'))
    expect(() => new Engine({ dir, envId: 'e', collections: TEST_MANIFEST.collections })).toThrow(/damaged at line 1/)
    fs.rmSync(dir, { recursive: true, force: true })
  })

  test('a manifest whose unique index the stored data violates is refused', async () => {
    const dir = makeTempDir('violates')
    const loose = { collections: { people: { permission: 'ADMINONLY' as const } } }
    const first = await createEmulator({ dataDir: dir, manifest: loose, publicBaseUrl: () => '' })
    first.db.insert('people', [{ phoneHash: 'same' }, { phoneHash: 'same' }])
    await first.close()
    const strict = { collections: { people: { permission: 'ADMINONLY' as const, indexes: [{ name: 'phone', keys: { phoneHash: 1 as const }, unique: true }] } } }
    await expect(createEmulator({ dataDir: dir, manifest: strict, publicBaseUrl: () => '' })).rejects.toThrow(/violates unique index phone/)
    fs.rmSync(dir, { recursive: true, force: true })
  })

  test('unknown collections are refused by LocalDb too', async () => {
    const dir = makeTempDir('unknown')
    const emu = await createEmulator({ dataDir: dir, manifest: TEST_MANIFEST, publicBaseUrl: () => '' })
    expect(() => emu.db.insert('nope', {})).toThrow(/DATABASE_COLLECTION_NOT_EXIST/)
    expect(() => emu.db.find('__outbox')).toThrow(/DATABASE_COLLECTION_NOT_EXIST/)
    await emu.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
