/**
 * WeChat open APIs behind `cloud.openapi.*` (action `wx.openApi`: a multipart form whose `requestData`
 * is a protobuf CommApiData of key → JSON pairs, keys already snake_case; the reply is a protobuf
 * CommOpenApiResp carrying the WeChat JSON) and the deprecated `cloud.callOpenAPI` (action `wx.api`,
 * JSON in and out).
 *
 * Implemented: subscribeMessage.send (recorded durably in the outbox; errcode 43101 for openids marked
 * as refusing) and security.msgSecCheck (v1 and v2, decided by the configured word lists). Any other API
 * answers errorCode -604100 ("API not found"), which wx-server-sdk raises as an error with that errCode.
 */
import { randomBytes } from 'crypto'
import type { Doc } from './ejson'
import { cloneValue, isPlainObject } from './ejson'
import type { Engine } from './db/engine'
import { valueKey } from './db/indexes'

export const OUTBOX_COLLECTION = '__outbox'
export const API_NOT_FOUND = -604100

export interface OutboxMessage {
  id: string
  api: 'subscribeMessage.send'
  touser: string
  templateId: string
  page?: string
  data: Record<string, unknown>
  miniprogramState?: string
  lang?: string
  /** ISO time the emulator accepted the message */
  time: string
}

export interface WordList {
  risky: string[]
  review: string[]
}

/** WeChat's JSON reply: errcode 0 on success. */
export type WxReply = { errcode: number; errmsg: string } & Record<string, unknown>

export class OpenApiService {
  private readonly engine: Engine
  private readonly words: WordList
  private readonly refused = new Set<string>()

  constructor(engine: Engine, words: WordList | undefined) {
    this.engine = engine
    this.words = {
      risky: (words?.risky ?? []).filter(w => w.length > 0).map(w => w.toLowerCase()),
      review: (words?.review ?? []).filter(w => w.length > 0).map(w => w.toLowerCase()),
    }
  }

  /** The WeChat reply for `apiName`, or undefined when the API is not emulated. */
  call(apiName: string, payload: Doc): WxReply | undefined {
    switch (apiName) {
      case 'subscribeMessage.send':
        return this.subscribeMessageSend(payload)
      case 'security.msgSecCheck':
        return this.msgSecCheck(payload)
      default:
        return undefined
    }
  }

  refuse(openid: string): void {
    this.refused.add(openid)
  }

  allow(openid: string): void {
    this.refused.delete(openid)
  }

  outbox(): OutboxMessage[] {
    return this.engine.all(OUTBOX_COLLECTION).map(d => {
      const m = cloneValue(d)
      const out: OutboxMessage = {
        id: String(m._id),
        api: 'subscribeMessage.send',
        touser: String(m.touser),
        templateId: String(m.templateId),
        data: isPlainObject(m.data) ? m.data : {},
        time: m.time instanceof Date ? m.time.toISOString() : String(m.time),
      }
      if (typeof m.page === 'string') out.page = m.page
      if (typeof m.miniprogramState === 'string') out.miniprogramState = m.miniprogramState
      if (typeof m.lang === 'string') out.lang = m.lang
      return out
    })
  }

  clearOutbox(): void {
    this.engine.clearCollection(OUTBOX_COLLECTION, true)
  }

  private subscribeMessageSend(p: Doc): WxReply {
    const touser = p.touser
    const templateId = p.template_id ?? p.templateId
    if (typeof touser !== 'string' || touser === '') return { errcode: 40003, errmsg: 'invalid openid' }
    if (typeof templateId !== 'string' || templateId === '') return { errcode: 40037, errmsg: 'invalid template_id' }
    if (!isPlainObject(p.data)) return { errcode: 47003, errmsg: 'argument invalid! data is required' }
    for (const [key, item] of Object.entries(p.data)) {
      if (!isPlainObject(item) || item.value === undefined) return { errcode: 47003, errmsg: `argument invalid! data.${key}.value is empty` }
    }
    if (p.page !== undefined && typeof p.page !== 'string') return { errcode: 47003, errmsg: 'argument invalid! page' }
    if (this.refused.has(touser)) return { errcode: 43101, errmsg: 'user refuse to accept the msg' }
    const id = randomBytes(16).toString('hex')
    const doc: Doc = { _id: id, touser, templateId, data: cloneValue(p.data), time: new Date() }
    if (typeof p.page === 'string') doc.page = p.page
    const state = p.miniprogram_state ?? p.miniprogramState
    if (typeof state === 'string') doc.miniprogramState = state
    if (typeof p.lang === 'string') doc.lang = p.lang
    this.engine.commit([{ coll: OUTBOX_COLLECTION, idKey: valueKey(id), doc }])
    return { errcode: 0, errmsg: 'ok', msgid: parseInt(id.slice(0, 12), 16) }
  }

  private match(content: string): { suggest: 'pass' | 'review' | 'risky'; keyword?: string } {
    const text = content.toLowerCase()
    const risky = this.words.risky.find(w => text.includes(w))
    if (risky) return { suggest: 'risky', keyword: risky }
    const review = this.words.review.find(w => text.includes(w))
    if (review) return { suggest: 'review', keyword: review }
    return { suggest: 'pass' }
  }

  private msgSecCheck(p: Doc): WxReply {
    if (typeof p.content !== 'string') return { errcode: 47003, errmsg: 'argument invalid! content is required' }
    const verdict = this.match(p.content)
    if (Number(p.version) !== 2) {
      return verdict.suggest === 'risky' ? { errcode: 87014, errmsg: 'risky content' } : { errcode: 0, errmsg: 'ok' }
    }
    if (typeof p.openid !== 'string' || p.openid === '') return { errcode: 40003, errmsg: 'invalid openid' }
    if (![1, 2, 3, 4].includes(Number(p.scene))) return { errcode: 47003, errmsg: 'argument invalid! scene must be 1, 2, 3 or 4' }
    // 100 = normal; keyword hits carry 21000 ("other"): the word lists have no categories
    const label = verdict.suggest === 'pass' ? 100 : 21000
    const detail: Doc = { strategy: 'keyword', errcode: 0, suggest: verdict.suggest, label }
    if (verdict.keyword) detail.keyword = verdict.keyword
    return {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: verdict.suggest, label },
      detail: [detail, { strategy: 'content_model', errcode: 0, suggest: verdict.suggest, label, prob: verdict.suggest === 'pass' ? 0 : 90 }],
      trace_id: randomBytes(12).toString('hex'),
    }
  }
}
