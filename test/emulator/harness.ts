/**
 * Test harness: an emulator on 127.0.0.1 and the real wx-server-sdk pointed at it, in the jest process.
 * wx-server-sdk reads TCB_CONTEXT_CNFG on every request, but init() only once per module instance, and
 * every jest test file gets its own module registry — so one emulator + one SDK instance per file.
 */
import * as fs from 'fs'
import * as os from 'os'
import * as path from 'path'
import { startEmulatorServer, type EmulatorOptions, type EmulatorServer, type Manifest } from '../../emulator'

type Doc = Record<string, unknown>
type WxTypings = typeof import('wx-server-sdk')
type WxTypedDatabase = ReturnType<WxTypings['database']>

/*
 * wx-server-sdk's bundled typings describe the old callback/promise unions (`Promise<T> | void`) and miss
 * a few commands, so the tests describe the promise API as it behaves at runtime (read from its source).
 */
export interface SdkQuery {
  where(query: object): SdkQuery
  orderBy(field: string, direction: 'asc' | 'desc'): SdkQuery
  skip(n: number): SdkQuery
  limit(n: number): SdkQuery
  field(projection: object): SdkQuery
  get(): Promise<{ data: Doc[] }>
  count(): Promise<{ total: number }>
  update(options: { data: object; multi?: boolean }): Promise<{ stats: { updated: number } }>
  remove(options?: { multi?: boolean }): Promise<{ stats: { removed: number } }>
}

export interface SdkDocument {
  field(projection: object): SdkDocument
  /** in a transaction `data` is null for a missing document (with throwOnNotFound: false) */
  get(): Promise<{ data: Doc | null }>
  set(options: { data: object }): Promise<{ _id: unknown; stats: { updated: number; created: number } }>
  update(options: { data: object }): Promise<{ stats: { updated: number } }>
  remove(options?: object): Promise<{ stats: { removed: number } }>
}

export interface SdkAggregate {
  geoNear(spec: object): SdkAggregate
  match(query: object): SdkAggregate
  group(spec: object): SdkAggregate
  lookup(spec: object): SdkAggregate
  project(spec: object): SdkAggregate
  sort(spec: object): SdkAggregate
  limit(n: number): SdkAggregate
  skip(n: number): SdkAggregate
  unwind(spec: string | object): SdkAggregate
  sortByCount(expr: string | object): SdkAggregate
  end(): Promise<{ list: Doc[] }>
}

export interface SdkCollection extends SdkQuery {
  doc(id: string | number): SdkDocument
  add(options: { data: object | object[] }): Promise<{ _id?: string; _ids?: string[] }>
  aggregate(): SdkAggregate
}

export interface SdkTransaction {
  collection(name: string): SdkCollection
  commit(): Promise<unknown>
  rollback(reason?: unknown): Promise<unknown>
}

export type SdkCommand = WxTypedDatabase['command'] & {
  expr(aggregateExpression: unknown): object
  geoWithin(options: { geometry?: unknown; centerSphere?: unknown }): object
}

export interface WxDatabase {
  command: SdkCommand
  Geo: WxTypedDatabase['Geo']
  RegExp: WxTypedDatabase['RegExp']
  serverDate(options?: { offset?: number }): object
  collection(name: string): SdkCollection
  createCollection(name: string): Promise<unknown>
  startTransaction(): Promise<SdkTransaction>
  runTransaction<T>(callback: (transaction: SdkTransaction) => Promise<T>, times?: number): Promise<T>
}

export interface WxCloud {
  DYNAMIC_CURRENT_ENV: symbol
  init(config?: object): void
  database(config?: object): WxDatabase
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  getTempFileURL(options: { fileList: Array<string | { fileID: string; maxAge: number }> }): Promise<{
    fileList: Array<{ fileID: string; status: number; errMsg: string; tempFileURL: string; maxAge: number }>
  }>
  downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer }>
  deleteFile(options: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; status: number }> }>
  callFunction(options: { name: string; data?: object }): Promise<{ result: unknown }>
  callOpenAPI(options: { api: string; data: object }): Promise<{ result: unknown }>
  /** proxy: openapi.<namespace>.<api>(data) resolves to WeChat's reply in camelCase plus errCode / errMsg */
  openapi: Record<string, Record<string, (data: object) => Promise<Doc & { errCode: number; errMsg: string }>>>
}

export const TEST_MANIFEST: Manifest = {
  collections: {
    items: { permission: 'ADMINONLY', indexes: [{ name: 'sku_1', keys: { sku: 1 }, unique: true }] },
    members: {
      permission: 'ADMINONLY',
      indexes: [
        { name: 'idHash_1', keys: { idHash: 1 }, unique: true },
        { name: 'org_year_no', keys: { org: 1, year: 1, no: 1 }, unique: true },
      ],
    },
    counters: { permission: 'ADMINONLY' },
    ledger: { permission: 'ADMINONLY' },
    pages: { permission: 'ADMINONLY', indexes: [{ name: 'batch_1', keys: { batch: 1 } }] },
    stations: { permission: 'READONLY', indexes: [{ name: 'location_2dsphere', keys: { location: '2dsphere' } }] },
    noGeo: { permission: 'ADMINONLY' },
    load: { permission: 'ADMINONLY' },
  },
}

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `emu-${prefix}-`))
}

/** The environment of a cloud function process, pointed at `adminUrl`. */
export function pointSdkAt(adminUrl: string): void {
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: adminUrl })
  process.env.TENCENTCLOUD_SECRETID = 'local'
  process.env.TENCENTCLOUD_SECRETKEY = 'local'
  process.env.SCF_NAMESPACE = 'local-env'
  process.env.TENCENTCLOUD_RUNENV = 'SCF'
  // only silences the SDK's "missing TENCENTCLOUD_REGION" console noise
  process.env.TENCENTCLOUD_REGION = 'ap-shanghai'
  // the SDK arms a 3 s "slow request" timer per database call and never clears it when the call fails
  // at the network level (the kill -9 test), which would keep jest alive and print warnings
  process.env.SILENCE = 'true'
}

export function loadSdk(): WxCloud {
   
  const cloud = require('wx-server-sdk') as WxCloud
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  return cloud
}

export interface Harness {
  emu: EmulatorServer
  cloud: WxCloud
  db: WxDatabase
  dataDir: string
  stop(): Promise<void>
}

export async function startHarness(name: string, opts: Partial<Omit<EmulatorOptions, 'publicBaseUrl'>> = {}): Promise<Harness> {
  const dataDir = makeTempDir(name)
  const emu = await startEmulatorServer({ dataDir, manifest: TEST_MANIFEST, ...opts })
  pointSdkAt(emu.adminUrl)
  const cloud = loadSdk()
  return {
    emu,
    cloud,
    db: cloud.database(),
    dataDir,
    async stop() {
      await emu.stop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error & { errCode?: number; errMsg?: string; code?: string }> {
  try {
    await p
  } catch (e) {
    return e as Error & { errCode?: number; errMsg?: string; code?: string }
  }
  throw new Error('expected the call to fail, but it succeeded')
}
