/**
 * Org management through the real `admin` function on the emulator: create, rename, 新组建日期 (and the
 * 新组建工会 counters it feeds), move with the paths of the subtree and of the records that keep them,
 * the refusals, the audit and the version copies.
 */
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import type { Envelope } from '../../src/domain/envelope'
import type { OrgMoveReply, OrgReply, OrgTreeView } from '../../src/domain/staff/staff.schema'
import { errorCode, LIU, ok, ZHANG, ZHAO } from './admin.matrix'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
}, 30000)
afterAll(() => rt?.stop())

type Doc = Record<string, unknown>
const admin = <T = unknown>(openid: string | null, event: unknown) => rt.invokeAs(openid, 'admin', event) as Promise<Envelope<T>>
const find = async (collection: string, query: Record<string, unknown>) => (await rt.emulator.db.find(collection, query)) as Doc[]
const one = async (collection: string, id: string) => (await find(collection, { _id: id }))[0]
const listOrgs = async () => ok(await admin<{ orgs: OrgTreeView[] }>(ZHAO, { action: 'listOrgs' })).orgs

let n = 0
const uniqueName = (base: string) => `${base}${++n}号`

async function create(fields: { name?: string; kind?: string; parentId?: string; formedAt?: string | null } = {}): Promise<OrgTreeView> {
  const event = { action: 'createOrg', name: fields.name ?? uniqueName('测试工会'), kind: fields.kind ?? 'grassroots', parentId: fields.parentId ?? 'org-fed', ...('formedAt' in fields ? { formedAt: fields.formedAt } : {}) }
  return ok(await admin<OrgReply>(ZHAO, event)).org
}

/** 新组建工会 of an org in a year: the sum over its counter shards. */
async function orgsFormed(orgId: string, year: number): Promise<number> {
  const docs = (await find('figures', { orgId, year })) as Array<{ counts?: { orgsFormed?: number } }>
  return docs.reduce((sum, d) => sum + (d.counts?.orgsFormed ?? 0), 0)
}

describe('create', () => {
  test('admin adds an org with a 新组建日期: listed in tree order, one version, one audit entry, counted in that year', async () => {
    const org = await create({ name: '洋口镇总工会', kind: 'federation', formedAt: '2025-03-08' })
    expect(org).toEqual({ id: expect.stringMatching(/^org-/), name: '洋口镇总工会', kind: 'federation', kindLabel: '总工会', parentId: 'org-fed', depth: 1, formedAt: '2025-03-08', version: 1 })
    const listed = await listOrgs()
    expect(listed[0]).toEqual({ id: 'org-fed', name: '广丰区总工会', kind: 'federation', kindLabel: '总工会', parentId: null, depth: 0, formedAt: null, version: 1 })
    expect(listed.find((o) => o.id === org.id)).toEqual(org)
    expect(await one('orgs', org.id)).toMatchObject({ path: ['org-fed'], version: 1, createdAt: expect.any(Date), updatedAt: expect.any(Date) })

    expect(await find('orgVersions', { orgId: org.id })).toEqual([
      expect.objectContaining({ orgId: org.id, version: 1, change: 'create', name: '洋口镇总工会', kind: 'federation', parentId: 'org-fed', path: ['org-fed'], formedAt: '2025-03-08', byOpenid: ZHAO, at: expect.any(Date) }),
    ])
    expect(await find('audit', { action: 'org.create', 'target.id': org.id })).toEqual([
      expect.objectContaining({ to: '洋口镇总工会', orgId: org.id, actor: expect.objectContaining({ openid: ZHAO, role: 'admin' }), detail: { kind: 'federation', parentId: 'org-fed', formedAt: '2025-03-08' } }),
    ])
    expect(await orgsFormed(org.id, 2025)).toBe(1)

    // without a date: not counted anywhere
    const plain = await create()
    expect(plain.formedAt).toBeNull()
    expect(await find('figures', { orgId: plain.id })).toEqual([])
  })

  test('refused: a name taken among siblings (fine under another parent), a bad name, a future date, an unknown parent', async () => {
    const taken = await admin(ZHAO, { action: 'createOrg', name: '江西丰达机械有限公司工会', kind: 'grassroots', parentId: 'org-fed' })
    expect(taken).toEqual({
      ok: false,
      error: { code: 'ORG.NAME_TAKEN', message: '同一个上级工会下面已经有这个名字的工会了，请换一个名字', fieldErrors: { name: '同一个上级工会下面已经有这个名字的工会了，请换一个名字' } },
    })
    // surrounding spaces do not make a different name
    expect(errorCode(await admin(ZHAO, { action: 'createOrg', name: ' 江西丰达机械有限公司工会 ', kind: 'grassroots', parentId: 'org-fed' }))).toBe('ORG.NAME_TAKEN')
    const below = await create({ name: '江西丰达机械有限公司工会', parentId: 'org-xingwang' })
    expect(below.depth).toBe(2)

    const short = await admin(ZHAO, { action: 'createOrg', name: '工', kind: 'grassroots', parentId: 'org-fed' })
    expect(short).toMatchObject({ ok: false, error: { code: 'VALIDATION.INVALID', fieldErrors: { name: '工会的名字至少 2 个字' } } })
    const long = await admin(ZHAO, { action: 'createOrg', name: '工'.repeat(41), kind: 'grassroots', parentId: 'org-fed' })
    expect(long).toMatchObject({ ok: false, error: { fieldErrors: { name: '工会的名字最多 40 个字' } } })
    const kind = await admin(ZHAO, { action: 'createOrg', name: '某某工会', kind: 'club', parentId: 'org-fed' })
    expect(kind).toMatchObject({ ok: false, error: { fieldErrors: { kind: '请选择工会的类型' } } })
    const future = await admin(ZHAO, { action: 'createOrg', name: '某某工会', kind: 'grassroots', parentId: 'org-fed', formedAt: '2999-01-01' })
    expect(future).toMatchObject({ ok: false, error: { fieldErrors: { formedAt: '新组建日期不能晚于今天' } } })
    const badDate = await admin(ZHAO, { action: 'createOrg', name: '某某工会', kind: 'grassroots', parentId: 'org-fed', formedAt: '2025-02-30' })
    expect(badDate).toMatchObject({ ok: false, error: { fieldErrors: { formedAt: '日期不对，请重新选择' } } })
    const parent = await admin(ZHAO, { action: 'createOrg', name: '某某工会', kind: 'grassroots', parentId: 'org-nowhere' })
    expect(parent).toMatchObject({ ok: false, error: { code: 'ORG.NOT_FOUND', fieldErrors: { parentId: '没有找到这个上级工会，请重新选择' } } })
    expect(await find('orgs', { name: '某某工会' })).toEqual([])
  })

  test('two admins adding the same name under one parent at once: exactly one is kept', async () => {
    const name = uniqueName('同名工会')
    const replies = await Promise.all([0, 1, 2].map(() => admin(ZHAO, { action: 'createOrg', name, kind: 'grassroots', parentId: 'org-fed' })))
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    expect(replies.map(errorCode).filter(Boolean)).toEqual(['ORG.NAME_TAKEN', 'ORG.NAME_TAKEN'])
    expect(await find('orgs', { name })).toHaveLength(1)
  })
})

describe('update', () => {
  test('rename and 新组建日期: versioned, audited with from/to, the counters follow the date; a stale version is refused', async () => {
    const org = await create({ formedAt: '2025-05-01' })
    expect(await orgsFormed(org.id, 2025)).toBe(1)

    const renamed = ok(await admin<OrgReply>(ZHAO, { action: 'updateOrg', id: org.id, version: 1, name: '丰溪街道联合工会' })).org
    expect(renamed).toMatchObject({ name: '丰溪街道联合工会', version: 2, formedAt: '2025-05-01' })
    // the page still holds version 1: refused, nothing changed
    expect(await admin(ZHAO, { action: 'updateOrg', id: org.id, version: 1, name: '别的名字' })).toEqual({
      ok: false,
      error: { code: 'ORG.STALE', message: '这个工会刚刚被别人改过了，请刷新后再改' },
    })

    // move the date into another year, then clear it
    const moved = ok(await admin<OrgReply>(ZHAO, { action: 'updateOrg', id: org.id, version: 2, formedAt: '2024-11-30' })).org
    expect(moved).toMatchObject({ name: '丰溪街道联合工会', version: 3, formedAt: '2024-11-30' })
    expect([await orgsFormed(org.id, 2025), await orgsFormed(org.id, 2024)]).toEqual([0, 1])
    const cleared = ok(await admin<OrgReply>(ZHAO, { action: 'updateOrg', id: org.id, version: 3, formedAt: null })).org
    expect(cleared.formedAt).toBeNull()
    expect([await orgsFormed(org.id, 2025), await orgsFormed(org.id, 2024)]).toEqual([0, 0])

    const versions = (await find('orgVersions', { orgId: org.id })).sort((a, b) => (a.version as number) - (b.version as number))
    expect(versions.map((v) => [v.version, v.change, v.name, v.formedAt])).toEqual([
      [1, 'create', org.name, '2025-05-01'],
      [2, 'update', '丰溪街道联合工会', '2025-05-01'],
      [3, 'update', '丰溪街道联合工会', '2024-11-30'],
      [4, 'update', '丰溪街道联合工会', null],
    ])
    const audits = (await find('audit', { action: 'org.update', 'target.id': org.id })).sort((a, b) => Number(a.to) - Number(b.to))
    expect(audits.map((a) => [a.from, a.to, a.detail])).toEqual([
      ['1', '2', { nameFrom: org.name, nameTo: '丰溪街道联合工会', formedAtFrom: '2025-05-01', formedAtTo: '2025-05-01' }],
      ['2', '3', { nameFrom: '丰溪街道联合工会', nameTo: '丰溪街道联合工会', formedAtFrom: '2025-05-01', formedAtTo: '2024-11-30' }],
      ['3', '4', { nameFrom: '丰溪街道联合工会', nameTo: '丰溪街道联合工会', formedAtFrom: '2024-11-30', formedAtTo: null }],
    ])
  })

  test('refused: a sibling name, an unknown org, nothing to change; old orgs without a version count as version 1', async () => {
    const org = await create()
    expect(errorCode(await admin(ZHAO, { action: 'updateOrg', id: org.id, version: 1, name: '广丰区实验小学工会' }))).toBe('ORG.NAME_TAKEN')
    expect(errorCode(await admin(ZHAO, { action: 'updateOrg', id: 'org-nowhere', version: 1, name: '某某工会' }))).toBe('ORG.NOT_FOUND')
    expect(await admin(ZHAO, { action: 'updateOrg', id: org.id, version: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION.INVALID', fieldErrors: { _: '没有要修改的内容' } } })
    // a seeded org (no version field) renamed with version 1
    const school = ok(await admin<OrgReply>(ZHAO, { action: 'updateOrg', id: 'org-school', version: 1, formedAt: '2025-09-01' })).org
    expect(school).toMatchObject({ id: 'org-school', version: 2, formedAt: '2025-09-01', name: '广丰区实验小学工会' })
    ok(await admin(ZHAO, { action: 'updateOrg', id: 'org-school', version: 2, formedAt: null }))
  })
})

describe('move', () => {
  /** A branch A > B > C under the federation, with a request held by C, a station hosted by B and their work items. */
  async function branch() {
    const a = await create({ kind: 'joint', name: uniqueName('甲联合工会') })
    const b = await create({ parentId: a.id, name: uniqueName('乙工会') })
    const c = await create({ parentId: b.id, name: uniqueName('丙工会') })
    const now = new Date()
    const oldC = ['org-fed', a.id, b.id, c.id]
    const request = `req-${c.id}`
    await rt.emulator.db.insert('memberApplications', { _id: request, type: 'membershipApplication', orgId: c.id, orgPath: oldC, state: 'submitted', createdAt: now })
    await rt.emulator.db.insert('memberTransfers', { _id: `tr-${c.id}`, type: 'membershipTransfer', orgId: 'org-fengda', orgPath: ['org-fed', 'org-fengda'], fromOrgId: c.id, fromOrgPath: oldC, createdAt: now })
    await rt.emulator.db.insert('stations', { _id: `st-${b.id}`, name: '乙驿站', naturalKey: `乙驿站-${b.id}`, hostOrgId: b.id, hostOrgPath: ['org-fed', a.id, b.id], createdAt: now })
    await rt.emulator.db.insert('workItems', [
      { _id: `membershipApplication:${request}`, type: 'membershipApplication', requestId: request, orgId: c.id, orgPath: oldC, actOrgId: c.id, actPath: oldC, createdAt: now },
      // held by C but waiting at the federation: actPath stays [root]
      { _id: `aidClaim:claim-${c.id}`, type: 'aidClaim', requestId: `claim-${c.id}`, orgId: c.id, orgPath: oldC, actOrgId: 'org-fed', actPath: ['org-fed'], createdAt: now },
    ])
    return { a, b, c, request }
  }

  test('moving A under T rewrites the paths of A, its subtree, the request, the transfer, the station and the work items; audit + version', async () => {
    const { a, b, c, request } = await branch()
    const t = await create({ kind: 'industry', name: uniqueName('丁行业工会') })
    const other = await find('memberApplications', {})

    const reply = ok(await admin<OrgMoveReply>(ZHAO, { action: 'moveOrg', id: a.id, version: 1, parentId: t.id }))
    expect(reply).toEqual({
      org: { ...a, parentId: t.id, depth: 2, version: 2 },
      moved: true,
      descendants: 2,
      rewritten: { memberApplications: 1, memberTransfers: 1, workItems: 2, stations: 1 },
      total: 5,
    })
    expect((await one('orgs', a.id)).path).toEqual(['org-fed', t.id])
    expect((await one('orgs', b.id)).path).toEqual(['org-fed', t.id, a.id])
    expect((await one('orgs', c.id)).path).toEqual(['org-fed', t.id, a.id, b.id])
    const newC = ['org-fed', t.id, a.id, b.id, c.id]
    expect((await one('memberApplications', request)).orgPath).toEqual(newC)
    expect(await one('memberTransfers', `tr-${c.id}`)).toMatchObject({ orgPath: ['org-fed', 'org-fengda'], fromOrgPath: newC })
    expect((await one('stations', `st-${b.id}`)).hostOrgPath).toEqual(['org-fed', t.id, a.id, b.id])
    expect(await one('workItems', `membershipApplication:${request}`)).toMatchObject({ orgPath: newC, actPath: newC })
    expect(await one('workItems', `aidClaim:claim-${c.id}`)).toMatchObject({ orgPath: newC, actPath: ['org-fed'] })
    // records elsewhere untouched
    for (const doc of other.filter((d) => d._id !== request)) expect(await one('memberApplications', doc._id as string)).toEqual(doc)

    // the admin's list shows the new tree order: T, then A, B, C below it
    const ids = (await listOrgs()).map((o) => o.id)
    expect(ids.slice(ids.indexOf(t.id), ids.indexOf(t.id) + 4)).toEqual([t.id, a.id, b.id, c.id])

    expect(await find('audit', { action: 'org.move', 'target.id': a.id })).toEqual([
      expect.objectContaining({ from: 'org-fed', to: t.id, orgId: a.id, actor: expect.objectContaining({ openid: ZHAO }), detail: { version: 2, descendants: 2 } }),
    ])
    expect(await find('orgVersions', { orgId: a.id, version: 2 })).toEqual([expect.objectContaining({ change: 'move', parentId: t.id, path: ['org-fed', t.id], byOpenid: ZHAO })])
  })

  test('a retry after a crash between the org move and the records finishes the job, and then changes nothing', async () => {
    const { a, c, request } = await branch()
    const t = await create({ name: uniqueName('戊工会') })
    ok(await admin(ZHAO, { action: 'moveOrg', id: a.id, version: 1, parentId: t.id }))
    const newC = (await one('memberApplications', request)).orgPath
    // as if the function had stopped right after the org transaction
    await rt.emulator.db.update('memberApplications', { _id: request }, { $set: { orgPath: ['org-fed', a.id, 'x', c.id] } })
    await rt.emulator.db.update('workItems', { _id: `membershipApplication:${request}` }, { $set: { actPath: ['org-fed', a.id, 'x', c.id] } })

    const retry = ok(await admin<OrgMoveReply>(ZHAO, { action: 'moveOrg', id: a.id, version: 1, parentId: t.id }))
    expect(retry).toMatchObject({ moved: false, descendants: 0, rewritten: { memberApplications: 1, workItems: 1 }, total: 2, org: { version: 2 } })
    expect((await one('memberApplications', request)).orgPath).toEqual(newC)
    expect((await one('workItems', `membershipApplication:${request}`)).actPath).toEqual(newC)
    expect(ok(await admin<OrgMoveReply>(ZHAO, { action: 'moveOrg', id: a.id, version: 2, parentId: t.id }))).toMatchObject({ moved: false, rewritten: {}, total: 0 })
    // no second version or audit entry for the retries
    expect(await find('orgVersions', { orgId: a.id })).toHaveLength(2)
    expect(await find('audit', { action: 'org.move', 'target.id': a.id })).toHaveLength(1)
  })

  test('refused: under itself or its own subtree, the root, a stale version, a sibling with the same name, unknown orgs', async () => {
    const { a, b, c } = await branch()
    const cycle = await admin(ZHAO, { action: 'moveOrg', id: a.id, version: 1, parentId: c.id })
    expect(cycle).toEqual({
      ok: false,
      error: { code: 'ORG.CYCLE', message: '不能把工会移到它自己或它下面的工会下面，请换一个上级工会', fieldErrors: { parentId: '不能把工会移到它自己或它下面的工会下面，请换一个上级工会' } },
    })
    expect(errorCode(await admin(ZHAO, { action: 'moveOrg', id: a.id, version: 1, parentId: a.id }))).toBe('ORG.CYCLE')
    expect(errorCode(await admin(ZHAO, { action: 'moveOrg', id: b.id, version: 1, parentId: c.id }))).toBe('ORG.CYCLE')
    expect(await admin(ZHAO, { action: 'moveOrg', id: 'org-fed', version: 1, parentId: a.id })).toEqual({ ok: false, error: { code: 'ORG.ROOT', message: '总工会是最上面的一级，不能移动。要调整的话，请移动它下面的工会' } })

    ok(await admin(ZHAO, { action: 'updateOrg', id: c.id, version: 1, name: uniqueName('丙工会改名') }))
    expect(errorCode(await admin(ZHAO, { action: 'moveOrg', id: c.id, version: 1, parentId: 'org-fed' }))).toBe('ORG.STALE')

    const twin = await create({ name: (await one('orgs', b.id)).name as string, parentId: 'org-xingwang' })
    expect(twin.parentId).toBe('org-xingwang')
    expect(errorCode(await admin(ZHAO, { action: 'moveOrg', id: b.id, version: 1, parentId: 'org-xingwang' }))).toBe('ORG.NAME_TAKEN')
    expect(errorCode(await admin(ZHAO, { action: 'moveOrg', id: 'org-nowhere', version: 1, parentId: 'org-fed' }))).toBe('ORG.NOT_FOUND')
    expect(await admin(ZHAO, { action: 'moveOrg', id: b.id, version: 1, parentId: 'org-nowhere' })).toMatchObject({ ok: false, error: { code: 'ORG.NOT_FOUND', fieldErrors: { parentId: expect.any(String) } } })

    // nothing moved
    expect((await one('orgs', a.id)).path).toEqual(['org-fed'])
    expect((await one('orgs', c.id)).path).toEqual(['org-fed', a.id, b.id])
    expect(await find('audit', { action: 'org.move', 'target.id': { $in: [a.id, b.id, c.id] } })).toEqual([])
  })

  test('two admins moving X under Y and Y under X at once: one wins, the tree never gets a loop', async () => {
    for (let round = 0; round < 4; round++) {
      const x = await create({ name: uniqueName('甲') })
      const y = await create({ name: uniqueName('乙') })
      const replies = await Promise.all([
        admin(ZHAO, { action: 'moveOrg', id: x.id, version: 1, parentId: y.id }),
        admin(ZHAO, { action: 'moveOrg', id: y.id, version: 1, parentId: x.id }),
      ])
      expect(replies.filter((r) => r.ok)).toHaveLength(1)
      expect(replies.map(errorCode).filter(Boolean)[0]).toMatch(/^ORG\.(CYCLE|STALE)$/)
      const [dx, dy] = [await one('orgs', x.id), await one('orgs', y.id)]
      const loop = (dx.path as string[]).includes(y.id) && (dy.path as string[]).includes(x.id)
      expect(loop).toBe(false)
    }
  })
})

describe('access', () => {
  test('federation and grassroots staff are refused every change, and each refusal is audited', async () => {
    const events = [
      { action: 'createOrg', name: '越权工会', kind: 'grassroots', parentId: 'org-fed' },
      { action: 'updateOrg', id: 'org-fengda', version: 1, name: '越权改名' },
      { action: 'moveOrg', id: 'org-fengda', version: 1, parentId: 'org-xingwang' },
      { action: 'ruleHistory', tableId: 'legalAid' },
    ]
    for (const who of [LIU, ZHANG]) {
      for (const event of events) {
        expect(errorCode(await admin(who, event))).toBe('AUTH.FORBIDDEN')
        expect(await find('audit', { action: 'auth.denied', 'actor.openid': who, 'target.id': `admin.${event.action}` })).toHaveLength(1)
      }
    }
    expect(errorCode(await admin(null, events[0]))).toBe('AUTH.UNAUTHENTICATED')
    expect(await find('orgs', { name: { $in: ['越权工会', '越权改名'] } })).toEqual([])
    expect((await one('orgs', 'org-fengda')).parentId).toBe('org-fed')
  })
})
