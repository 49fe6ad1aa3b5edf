/**
 * Local CloudBase emulator: the admin HTTP API that the real wx-server-sdk 4.0.2 talks to when a process
 * runs with TCB_CONTEXT_CNFG={"URL":"http://127.0.0.1:PORT/admin"} (plus TENCENTCLOUD_SECRETID/KEY,
 * SCF_NAMESPACE and TENCENTCLOUD_RUNENV=SCF), backed by a durable local database, file storage and
 * open-API stand-ins. Durability: see db/wal.ts (EMULATOR_FSYNC=1 adds an fsync per write).
 */
import * as fs from 'fs'
import * as http from 'http'
import type { AddressInfo } from 'net'
import { AdminApi } from './admin-api'
import { Engine, type CollectionDef } from './db/engine'
import type { IndexSpec } from './db/indexes'
import { LocalDb } from './db/local-db'
import { TransactionManager } from './db/transactions'
import { OpenApiService, OUTBOX_COLLECTION, type OutboxMessage, type WordList } from './openapi'
import { FILES_COLLECTION, StorageService, type StoredFile } from './storage'

export { CloudBaseError, type CloudBaseErrorCode } from './errors'
export { LocalDb, type LocalFindOptions, type LocalUpdateOptions, type LocalUpdateResult } from './db/local-db'
export type { OutboxMessage, StoredFile, WordList }

export interface Manifest {
  collections: Record<
    string,
    {
      permission: 'ADMINONLY' | 'ADMINWRITE' | 'READONLY' | 'PRIVATE'
      description?: string
      indexes?: Array<{ name: string; keys: Record<string, 1 | -1 | '2dsphere'>; unique?: boolean }>
    }
  >
}

export interface EmulatorOptions {
  /** created if missing; all durable state lives here */
  dataDir: string
  manifest: Manifest
  /** default 'local-env' */
  envId?: string
  /** for security.msgSecCheck */
  wordList?: { risky: string[]; review: string[] }
  /** backs functions.invokeFunction; absent → CloudBase-shaped error */
  invokeFunction?: (name: string, data: unknown) => Promise<unknown>
  /** e.g. 'http://127.0.0.1:8080' — used to build upload/download URLs */
  publicBaseUrl: () => string
  /** open transactions are aborted after this long (default 10 000 ms) */
  transactionTimeoutMs?: number
}

export interface Outbox {
  /** every accepted subscribeMessage.send, oldest first */
  list(): OutboxMessage[]
  clear(): void
  /** from now on, subscribeMessage.send to this openid answers errcode 43101 (user refused) */
  refuse(openid: string): void
  /** undo refuse() */
  allow(openid: string): void
}

export interface Emulator {
  /** Handles /admin (the SDK's endpoint) and the storage upload/download paths under /__storage/. Returns false when the request is not for it. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean>
  /** in-process access for seeding and tests — same engine, same durability, same index checks */
  db: LocalDb
  outbox: Outbox
  /** metadata of stored files */
  storage: { list(): StoredFile[]; get(fileID: string): StoredFile | null }
  close(): Promise<void>
}

const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,127}$/
const PERMISSIONS = ['ADMINONLY', 'ADMINWRITE', 'READONLY', 'PRIVATE']

function validateManifest(manifest: Manifest): Record<string, CollectionDef> {
  if (!manifest || typeof manifest !== 'object' || !manifest.collections || typeof manifest.collections !== 'object') {
    throw new Error('emulator manifest needs a "collections" object')
  }
  for (const [name, def] of Object.entries(manifest.collections)) {
    if (!COLLECTION_NAME.test(name)) throw new Error(`manifest: invalid collection name '${name}'`)
    if (!PERMISSIONS.includes(def?.permission)) throw new Error(`manifest: collection ${name} needs a permission (${PERMISSIONS.join(', ')})`)
    const names = new Set<string>()
    for (const index of def.indexes ?? []) {
      const spec = index as IndexSpec
      if (typeof spec.name !== 'string' || spec.name === '' || names.has(spec.name)) {
        throw new Error(`manifest: collection ${name} has an index without a unique name`)
      }
      names.add(spec.name)
      const keys = Object.entries(spec.keys ?? {})
      if (keys.length === 0 || keys.some(([, dir]) => dir !== 1 && dir !== -1 && dir !== '2dsphere')) {
        throw new Error(`manifest: index ${name}.${spec.name} needs keys with 1, -1 or '2dsphere'`)
      }
      if (spec.unique && keys.some(([, dir]) => dir === '2dsphere')) throw new Error(`manifest: index ${name}.${spec.name} cannot be unique and 2dsphere`)
    }
  }
  return manifest.collections
}

export async function createEmulator(opts: EmulatorOptions): Promise<Emulator> {
  const envId = opts.envId ?? 'local-env'
  const collections = validateManifest(opts.manifest)
  fs.mkdirSync(opts.dataDir, { recursive: true })
  const engine = new Engine({
    dir: opts.dataDir,
    envId,
    collections,
    internalCollections: [FILES_COLLECTION, OUTBOX_COLLECTION],
    fsync: process.env.EMULATOR_FSYNC === '1',
  })
  const transactions = new TransactionManager(engine, opts.transactionTimeoutMs)
  let storage: StorageService
  try {
    storage = new StorageService({ dataDir: opts.dataDir, engine, envId, publicBaseUrl: opts.publicBaseUrl })
  } catch (e) {
    transactions.close()
    engine.close()
    throw e
  }
  const openapi = new OpenApiService(engine, opts.wordList)
  const admin = new AdminApi({ engine, transactions, storage, openapi, invokeFunction: opts.invokeFunction })
  let closed = false

  return {
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://emulator.local')
      if (closed) return false
      if (url.pathname === '/admin' || url.pathname === '/admin/') {
        await admin.handle(req, res)
        return true
      }
      if (url.pathname.startsWith('/__storage/')) {
        try {
          if (await storage.handleHttp(req, res, url)) return true
        } catch (e) {
          console.error('[emulator] storage request failed', e)
          if (!res.headersSent) {
            res.writeHead(500, { 'content-type': 'text/plain' })
            res.end('storage error')
          } else res.destroy()
          return true
        }
        res.writeHead(404, { 'content-type': 'text/plain' })
        res.end('not found')
        return true
      }
      return false
    },
    db: new LocalDb(engine),
    outbox: {
      list: () => openapi.outbox(),
      clear: () => openapi.clearOutbox(),
      refuse: openid => openapi.refuse(openid),
      allow: openid => openapi.allow(openid),
    },
    storage: {
      list: () => storage.list(),
      get: fileID => storage.get(fileID),
    },
    async close() {
      if (closed) return
      closed = true
      transactions.close()
      engine.close()
    },
  }
}

export interface EmulatorServer extends Emulator {
  url: string
  port: number
  adminUrl: string
  stop(): Promise<void>
}

/** Convenience for tests: an http server on 127.0.0.1 (port 0 = random) serving only the emulator. */
export async function startEmulatorServer(opts: Omit<EmulatorOptions, 'publicBaseUrl'> & { port?: number }): Promise<EmulatorServer> {
  let baseUrl = ''
  const { port: wantedPort, ...rest } = opts
  const emulator = await createEmulator({ ...rest, publicBaseUrl: () => baseUrl })
  const server = http.createServer((req, res) => {
    emulator.handle(req, res).then(
      handled => {
        if (!handled) {
          res.writeHead(404, { 'content-type': 'text/plain' })
          res.end('not found')
        }
      },
      e => {
        console.error('[emulator] request failed', e)
        if (!res.headersSent) res.writeHead(500).end()
        else res.destroy()
      },
    )
  })
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(wantedPort ?? 0, '127.0.0.1', () => resolve())
    })
  } catch (e) {
    await emulator.close()
    throw e
  }
  const port = (server.address() as AddressInfo).port
  baseUrl = `http://127.0.0.1:${port}`
  let stopped = false
  return {
    ...emulator,
    url: baseUrl,
    port,
    adminUrl: `${baseUrl}/admin`,
    async stop() {
      if (stopped) return
      stopped = true
      await new Promise<void>(resolve => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await emulator.close()
    },
  }
}
