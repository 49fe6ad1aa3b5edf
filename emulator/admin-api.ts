/**
 * The CloudBase admin endpoint (`POST /admin?env=…&seqId=…`) as @cloudbase/node-sdk 3.17.2 /
 * @cloudbase/database 1.4.3 (inside wx-server-sdk 4.0.2) call it. The TC3 signature is ignored.
 * Every reply is HTTP 200 JSON — `{ requestId, data… }` or `{ code, message, requestId }`, which the
 * SDK turns into an error — except a successful `wx.openApi`, which answers protobuf bytes.
 */
import { randomUUID } from 'crypto'
import type { IncomingMessage, ServerResponse } from 'http'
import type { Engine } from './db/engine'
import { aggregate, committed, count, find, insert, modify, remove, type View } from './db/operations'
import type { TransactionManager } from './db/transactions'
import { decodeEJSON, decodeEJSONObject, encodeEJSON, isPlainObject, type Doc } from './ejson'
import { CloudBaseError, invalidParam } from './errors'
import { BodyTooLargeError, parseMultipart, readBody, sendJson } from './http-util'
import { API_NOT_FOUND, type OpenApiService } from './openapi'
import { decodeCommApiData, encodeCommOpenApiResp } from './protobuf'
import type { StorageService } from './storage'

const MAX_BODY_BYTES = 20 * 1024 * 1024
const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1000
const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,127}$/

export interface AdminContext {
  engine: Engine
  transactions: TransactionManager
  storage: StorageService
  openapi: OpenApiService
  invokeFunction?: (name: string, data: unknown) => Promise<unknown>
}

type Body = Record<string, unknown>

/** What an action returns: merged into the reply next to requestId, or raw bytes. */
type ActionResult = Doc | { raw: Buffer; contentType: string }

function str(body: Body, field: string): string {
  const v = body[field]
  if (typeof v !== 'string' || v === '') throw invalidParam(`${field} must be a non-empty string`)
  return v
}

function bool(body: Body, field: string, fallback: boolean): boolean {
  const v = body[field]
  if (v === undefined || v === null) return fallback
  if (typeof v === 'boolean') return v
  if (v === 'true' || v === 'false') return v === 'true'
  throw invalidParam(`${field} must be a boolean`)
}

function nonNegativeInt(body: Body, field: string): number | undefined {
  const v = body[field]
  if (v === undefined || v === null) return undefined
  const n = typeof v === 'string' ? Number(v) : v
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw invalidParam(`${field} must be a non-negative integer`)
  return n
}

export class AdminApi {
  private readonly ctx: AdminContext

  constructor(ctx: AdminContext) {
    this.ctx = ctx
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID()
    let action = '(none)'
    try {
      if (req.method !== 'POST') throw new CloudBaseError('INVALID_ACTION', `the admin endpoint only accepts POST (got ${req.method})`)
      const body = await this.readRequest(req)
      action = typeof body.action === 'string' ? body.action : '(none)'
      const result = await this.dispatch(action, body)
      if ('raw' in result && Buffer.isBuffer(result.raw)) {
        res.writeHead(200, { 'content-type': String(result.contentType), 'content-length': result.raw.length })
        res.end(result.raw)
        return
      }
      sendJson(res, 200, { ...result, requestId })
    } catch (e) {
      const err = e instanceof CloudBaseError ? e : new CloudBaseError('SYS_ERR', `emulator failed on ${action}: ${(e as Error)?.message ?? String(e)}`)
      if (!(e instanceof CloudBaseError)) console.error(`[emulator] ${action} failed`, e)
      if (!res.headersSent) sendJson(res, 200, { code: err.code, message: err.message, requestId })
      else res.destroy()
    }
  }

  private async readRequest(req: IncomingMessage): Promise<Body> {
    let raw: Buffer
    try {
      raw = await readBody(req, MAX_BODY_BYTES)
    } catch (e) {
      if (e instanceof BodyTooLargeError) throw invalidParam(e.message)
      throw e
    }
    const contentType = req.headers['content-type'] ?? ''
    if (/multipart\/form-data/i.test(contentType)) {
      const body: Body = {}
      for (const [name, part] of parseMultipart(raw, contentType)) {
        body[name] = part.contentType === 'application/octet-stream' || name === 'requestData' ? part.data : part.data.toString('utf8')
      }
      return body
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(raw.toString('utf8'))
    } catch {
      throw invalidParam('request body is not JSON')
    }
    if (!isPlainObject(parsed)) throw invalidParam('request body must be a JSON object')
    return parsed
  }

  private async dispatch(action: string, body: Body): Promise<ActionResult> {
    switch (action) {
      case 'database.getDocument':
        return this.getDocument(body)
      case 'database.insertDocument':
        return this.insertDocument(body)
      case 'database.modifyDocument':
        return this.modifyDocument(body, false)
      case 'database.modifyAndReturnDoc':
        return this.modifyDocument(body, true)
      case 'database.removeDocument':
        return this.removeDocument(body)
      case 'database.calculateDocument':
        return this.calculateDocument(body)
      case 'database.aggregateDocuments':
        return this.aggregateDocuments(body)
      case 'database.addCollection': {
        const name = str(body, 'collectionName')
        if (!COLLECTION_NAME.test(name)) throw invalidParam(`invalid collection name '${name}'`)
        this.ctx.engine.createCollection(name)
        return { data: {} }
      }
      case 'database.startTransaction':
        return { transactionId: this.ctx.transactions.start().id }
      case 'database.commitTransaction':
        this.ctx.transactions.commit(body.transactionId)
        return {}
      case 'database.abortTransaction':
        this.ctx.transactions.abort(body.transactionId)
        return {}
      case 'functions.invokeFunction':
        return this.invokeFunction(body)
      case 'storage.getUploadMetadata':
        return { data: this.ctx.storage.getUploadMetadata(body) }
      case 'storage.batchGetDownloadUrl':
        return { data: this.ctx.storage.batchGetDownloadUrl(body) }
      case 'storage.batchDeleteFile':
        return { data: this.ctx.storage.batchDeleteFile(body) }
      case 'wx.openApi':
        return this.wxOpenApi(body)
      case 'wx.api':
        return this.wxApi(body)
      default:
        throw new CloudBaseError('INVALID_ACTION', `the emulator does not implement action '${action}'`)
    }
  }

  private collection(body: Body): string {
    const name = str(body, 'collectionName')
    this.ctx.engine.assertCollection(name)
    return name
  }

  private query(body: Body, now: number): Doc {
    const query = decodeEJSONObject(body.query, now, 'query')
    if (body.queryType === 'DOC' && query._id === undefined) throw invalidParam('a DOC query needs an _id')
    return query
  }

  /** Runs `op` in the request's transaction, or against the committed state (committing its writes). */
  private run<T>(body: Body, op: (view: View) => T): T {
    const tx = body.transactionId
    if (tx !== undefined && tx !== null && tx !== '') return op(this.ctx.transactions.view(tx))
    return committed(this.ctx.engine, op)
  }

  private getDocument(body: Body): Doc {
    const now = Date.now()
    const coll = this.collection(body)
    const query = this.query(body, now)
    const offset = nonNegativeInt(body, 'offset') ?? 0
    const requested = nonNegativeInt(body, 'limit')
    // the SDK itself clamps to 1000 and defaults to 100; do the same for other callers
    const limit = body.queryType === 'DOC' ? 1 : Math.min(requested || DEFAULT_LIMIT, MAX_LIMIT)
    const order = decodeEJSONObject(body.order, now, 'order')
    for (const [field, dir] of Object.entries(order)) {
      if (dir !== 1 && dir !== -1) throw invalidParam(`order of '${field}' must be 1 or -1`)
    }
    const projection = decodeEJSONObject(body.projection, now, 'projection')
    const docs = this.run(body, view => find(view, coll, query, { order, skip: offset, limit, projection }))
    return { data: { list: docs.map(encodeEJSON), offset, limit } }
  }

  private insertDocument(body: Body): Doc {
    const now = Date.now()
    const coll = this.collection(body)
    const raw = Array.isArray(body.data) ? body.data : [body.data]
    const docs = raw.map((item, i) => (typeof item === 'string' ? decodeEJSON(item, now, `data[${i}]`) : item))
    const ids = this.run(body, view => insert(view, coll, docs))
    return { data: { insertedIds: ids } }
  }

  private modifyDocument(body: Body, returnDoc: boolean): Doc {
    const now = Date.now()
    const coll = this.collection(body)
    const query = this.query(body, now)
    const data = decodeEJSONObject(body.data, now, 'data')
    const opts = {
      multi: returnDoc ? false : bool(body, 'multi', false),
      merge: returnDoc ? true : bool(body, 'merge', true),
      upsert: returnDoc ? false : bool(body, 'upsert', false),
    }
    const r = this.run(body, view => modify(view, coll, query, data, opts))
    if (returnDoc) return { data: { updated: r.updated, doc: r.doc ? encodeEJSON(r.doc) : null } }
    return { data: { updated: r.updated, upsert_id: r.upsertedId ?? null } }
  }

  private removeDocument(body: Body): Doc {
    const coll = this.collection(body)
    const query = this.query(body, Date.now())
    const deleted = this.run(body, view => remove(view, coll, query, bool(body, 'multi', false)))
    return { data: { deleted } }
  }

  private calculateDocument(body: Body): Doc {
    const coll = this.collection(body)
    const query = this.query(body, Date.now())
    return { data: { total: this.run(body, view => count(view, coll, query)) } }
  }

  private aggregateDocuments(body: Body): Doc {
    const now = Date.now()
    const coll = this.collection(body)
    if (!Array.isArray(body.stages)) throw invalidParam('stages must be an array')
    const pipeline = body.stages.map((stage: unknown, i): Doc => {
      if (!isPlainObject(stage) || typeof stage.stageKey !== 'string') throw invalidParam(`stages[${i}] needs stageKey and stageValue`)
      const value = typeof stage.stageValue === 'string' ? decodeEJSON(stage.stageValue, now, `stages[${i}].stageValue`) : stage.stageValue
      return { [stage.stageKey]: value }
    })
    return { data: { list: aggregate(this.ctx.engine, coll, pipeline).map(encodeEJSON) } }
  }

  private async invokeFunction(body: Body): Promise<Doc> {
    const name = str(body, 'function_name')
    let data: unknown = {}
    if (typeof body.request_data === 'string' && body.request_data !== '') {
      try {
        data = JSON.parse(body.request_data)
      } catch {
        throw invalidParam('request_data is not JSON')
      }
    }
    if (!this.ctx.invokeFunction) {
      throw new CloudBaseError('FUNCTIONS_REQUEST_FAIL', `cannot call function '${name}': this emulator was started without an invokeFunction handler`)
    }
    let result: unknown
    try {
      result = await this.ctx.invokeFunction(name, data)
    } catch (e) {
      if (e instanceof CloudBaseError) throw e
      const code = (e as { code?: unknown } | null)?.code
      const message = `function '${name}' failed: ${(e as Error)?.message ?? String(e)}`
      if (typeof code === 'string' && /^FUNCTIONS_[A-Z_]+$/.test(code)) throw new CloudBaseError(code as `FUNCTIONS_${string}`, message)
      throw new CloudBaseError('FUNCTIONS_EXECUTE_FAIL', message)
    }
    return { data: { response_data: JSON.stringify(result === undefined ? null : result) } }
  }

  private openApiPayload(pairs: Array<{ key: string; value: Buffer }>): Doc {
    const payload: Doc = {}
    for (const { key, value } of pairs) {
      try {
        payload[key] = JSON.parse(value.toString('utf8'))
      } catch {
        payload[key] = value.toString('utf8')
      }
    }
    return payload
  }

  private wxOpenApi(body: Body): ActionResult {
    const apiName = str(body, 'apiName')
    const requestData = body.requestData
    if (!Buffer.isBuffer(requestData)) throw invalidParam('requestData must be protobuf bytes')
    let payload: Doc
    try {
      payload = this.openApiPayload(decodeCommApiData(requestData).pairs)
    } catch (e) {
      throw invalidParam(`requestData is not a CommApiData message: ${(e as Error).message}`)
    }
    const reply = this.ctx.openapi.call(apiName, payload)
    const resp = reply
      ? encodeCommOpenApiResp({ respData: Buffer.from(JSON.stringify(reply)), contentType: 'application/json; charset=utf-8' })
      : encodeCommOpenApiResp({ errorCode: API_NOT_FOUND })
    return { raw: resp, contentType: 'application/octet-stream' }
  }

  private wxApi(body: Body): Doc {
    const apiName = str(body, 'apiName')
    let payload: unknown = {}
    if (typeof body.requestData === 'string' && body.requestData !== '') {
      try {
        payload = JSON.parse(body.requestData)
      } catch {
        throw invalidParam('requestData is not JSON')
      }
    }
    if (!isPlainObject(payload)) throw invalidParam('requestData must be a JSON object')
    const reply = this.ctx.openapi.call(apiName, payload) ?? { errcode: API_NOT_FOUND, errmsg: `API ${apiName} not found` }
    return { data: { responseData: JSON.stringify(reply) } }
  }
}
