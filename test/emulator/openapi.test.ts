/**
 * Open APIs and function calls through the real wx-server-sdk: subscribeMessage.send into the durable
 * outbox, security.msgSecCheck v1/v2, unknown APIs, cloud.callOpenAPI, cloud.callFunction.
 */
import * as fs from 'fs'
import { startEmulatorServer } from '../../emulator'
import { makeTempDir, rejection, startHarness, TEST_MANIFEST, type Harness } from './harness'

let h: Harness
const calls: Array<{ name: string; data: unknown }> = []

beforeAll(async () => {
  h = await startHarness('openapi', {
    wordList: { risky: ['赌博'], review: ['维权群'] },
    invokeFunction: async (name, data) => {
      calls.push({ name, data })
      if (name === 'broken') throw new Error('handler exploded')
      if (name === 'missing') throw Object.assign(new Error('no such function'), { code: 'FUNCTIONS_NOT_FOUND' })
      if (name === 'nothing') return undefined
      return { ok: true, echo: data }
    },
  })
})

afterAll(async () => {
  await h.stop()
})

beforeEach(() => h.emu.outbox.clear())

const send = (data: Record<string, unknown>): Promise<{ errCode: number; errMsg: string; msgid?: number }> =>
  h.cloud.openapi.subscribeMessage.send(data)

test('subscribeMessage.send is recorded in the outbox', async () => {
  const before = Date.now()
  const res = await send({
    touser: 'openid-1',
    templateId: 'TPL_CLAIM_DECIDED',
    page: 'pages/claims/detail?id=c1',
    data: { thing1: { value: '互助金申请' }, phrase2: { value: '已通过' } },
    miniprogramState: 'developer',
  })
  expect(res).toMatchObject({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' })
  const [msg, ...rest] = h.emu.outbox.list()
  expect(rest).toEqual([])
  expect(msg).toMatchObject({
    api: 'subscribeMessage.send',
    touser: 'openid-1',
    templateId: 'TPL_CLAIM_DECIDED',
    page: 'pages/claims/detail?id=c1',
    data: { thing1: { value: '互助金申请' }, phrase2: { value: '已通过' } },
    miniprogramState: 'developer',
  })
  expect(Date.parse(msg.time)).toBeGreaterThanOrEqual(before - 1000)
})

test('a user who refused gets 43101 and nothing is recorded; allow() undoes it', async () => {
  h.emu.outbox.refuse('openid-2')
  const e = await rejection(send({ touser: 'openid-2', templateId: 'T', data: { thing1: { value: 'x' } } }))
  expect(e.errCode).toBe(43101)
  expect(e.message).toMatch(/user refuse to accept the msg/)
  expect(h.emu.outbox.list()).toEqual([])
  h.emu.outbox.allow('openid-2')
  await send({ touser: 'openid-2', templateId: 'T', data: { thing1: { value: 'x' } } })
  expect(h.emu.outbox.list()).toHaveLength(1)
})

test('invalid sends are refused like WeChat does', async () => {
  expect((await rejection(send({ templateId: 'T', data: {} }))).errCode).toBe(40003)
  expect((await rejection(send({ touser: 'o', data: {} }))).errCode).toBe(40037)
  expect((await rejection(send({ touser: 'o', templateId: 'T', data: { thing1: 'no value object' } }))).errCode).toBe(47003)
  expect(h.emu.outbox.list()).toEqual([])
})

test('msgSecCheck v2: risky, review, pass', async () => {
  type Verdict = { result: { suggest: string; label: number }; traceId: string; errCode: number }
  const check = async (content: string): Promise<Verdict> =>
    (await h.cloud.openapi.security.msgSecCheck({ content, version: 2, scene: 2, openid: 'openid-1' })) as unknown as Verdict
  const risky = await check('来参加赌博吧')
  expect(risky.result).toEqual({ suggest: 'risky', label: 21000 })
  expect(risky.traceId).toMatch(/^[0-9a-f]+$/)
  expect((await check('加入我们的维权群')).result).toEqual({ suggest: 'review', label: 21000 })
  const pass = await check('我想咨询工伤认定')
  expect(pass).toMatchObject({ errCode: 0, result: { suggest: 'pass', label: 100 } })
  expect((await rejection(h.cloud.openapi.security.msgSecCheck({ content: 'x', version: 2, scene: 9, openid: 'o' }))).errCode).toBe(47003)
})

test('msgSecCheck v1 answers 87014 for risky content', async () => {
  expect((await rejection(h.cloud.openapi.security.msgSecCheck({ content: '赌博' }))).errCode).toBe(87014)
  expect(await h.cloud.openapi.security.msgSecCheck({ content: '你好' })).toMatchObject({ errCode: 0 })
})

test('an API the emulator does not know fails with -604100', async () => {
  const e = await rejection(h.cloud.openapi.wxacode.getUnlimited({ scene: 'a=1' }))
  expect(e.errCode).toBe(-604100)
})

test('the deprecated cloud.callOpenAPI (wx.api) reaches the same handlers', async () => {
  const res = (await h.cloud.callOpenAPI({ api: 'security.msgSecCheck', data: { content: '赌博', version: 2, scene: 1, openid: 'o' } })) as {
    result: { result: { suggest: string } }
  }
  expect(res.result.result.suggest).toBe('risky')
})

test('callFunction goes to the invokeFunction handler', async () => {
  const res = await h.cloud.callFunction({ name: 'echo', data: { a: 1, s: '中文' } })
  expect(res.result).toEqual({ ok: true, echo: { a: 1, s: '中文' } })
  expect(calls).toContainEqual({ name: 'echo', data: { a: 1, s: '中文' } })
  expect((await h.cloud.callFunction({ name: 'nothing' })).result).toBeNull()
  const e = await rejection(h.cloud.callFunction({ name: 'broken', data: {} }))
  // node-sdk throws the CloudBase error as an Error, which wx-server-sdk reports with errCode -1
  expect(e.message).toMatch(/callFunction:fail \[FUNCTIONS_EXECUTE_FAIL\] function 'broken' failed: handler exploded/)
  // a FUNCTIONS_* code on the handler's error is passed on
  expect((await rejection(h.cloud.callFunction({ name: 'missing' }))).message).toMatch(/\[FUNCTIONS_NOT_FOUND\]/)
})

test('without an invokeFunction handler callFunction gets a CloudBase error', async () => {
  const dataDir = makeTempDir('nofn')
  const bare = await startEmulatorServer({ dataDir, manifest: TEST_MANIFEST })
  try {
    const res = await fetch(bare.adminUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'functions.invokeFunction', function_name: 'x', request_data: '{}' }),
    })
    expect(await res.json()).toMatchObject({ code: 'FUNCTIONS_REQUEST_FAIL', message: expect.stringContaining("'x'") })
  } finally {
    await bare.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
})
