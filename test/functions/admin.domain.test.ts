/** Pure rules of the staff area: the org tree, invite codes, invite states and the wrong-code guard. */
import fc from 'fast-check'
import { ancestorsOf, childrenOf, ORG_KIND_LABELS, ORG_KINDS, subtreeOf, treeOrder, type OrgKind, type OrgNode } from '../../src/domain/org/org'
import { codeFromBytes, displayCode, formatTypedCode, INVITE_CODE_ALPHABET, inviteCodeInput, isCanonicalCode, normalizeCode } from '../../src/domain/staff/invite-code'
import {
  createInviteFields,
  guardAfterTry,
  guardWaitMinutes,
  inviteState,
  orgKindFitsRole,
  INVITE_MAX_WRONG_TRIES,
} from '../../src/domain/staff/staff.schema'
import { DEMO_ORGS } from '../../emulator/runtime/seed'

const demo: OrgNode[] = DEMO_ORGS.map((o) => ({ id: o._id, name: o.name, kind: o.kind as OrgKind, parentId: o.parentId, path: [...o.path] }))

/** A random tree: each org's parent is an earlier org (or none). */
const trees = fc.array(fc.tuple(fc.nat(), fc.constantFrom(...ORG_KINDS), fc.boolean()), { minLength: 1, maxLength: 30 }).map((specs) => {
  const orgs: OrgNode[] = []
  specs.forEach(([pick, kind, root], i) => {
    const parent = i === 0 || root ? null : orgs[pick % orgs.length]
    orgs.push({ id: `o${i}`, name: `工会${i}`, kind, parentId: parent?.id ?? null, path: parent ? [...parent.path, parent.id] : [] })
  })
  return orgs
})

describe('org tree', () => {
  test('kinds have Chinese labels', () => {
    expect(ORG_KIND_LABELS).toEqual({ federation: '总工会', grassroots: '基层工会', joint: '联合工会', industry: '行业工会联合会', station: '服务站' })
  })

  test('demo tree: children, subtree, ancestors, order', () => {
    expect(childrenOf(demo, 'org-fed').map((o) => o.id)).toHaveLength(5)
    expect(subtreeOf(demo, 'org-fed')).toHaveLength(6)
    expect(subtreeOf(demo, 'org-school').map((o) => o.id)).toEqual(['org-school'])
    expect(ancestorsOf(demo, demo[3]).map((o) => o.name)).toEqual(['广丰区总工会'])
    expect(treeOrder([...demo].reverse()).map((o) => o.id)).toEqual(['org-fed', 'org-school', 'org-fengda', 'org-xingwang', 'org-newforms', 'org-shanghai'])
  })

  test('property: a parent comes before its children, every org once; subtree = self + those with it in path', () => {
    fc.assert(
      fc.property(trees, (orgs) => {
        const ordered = treeOrder(orgs)
        const at = new Map(ordered.map((o, i) => [o.id, i]))
        expect(ordered).toHaveLength(orgs.length)
        for (const o of orgs) if (o.parentId) expect(at.get(o.parentId)!).toBeLessThan(at.get(o.id)!)
        for (const o of orgs) {
          const sub = subtreeOf(orgs, o.id).map((s) => s.id)
          expect(sub).toContain(o.id)
          for (const s of subtreeOf(orgs, o.id)) expect(s.id === o.id || ancestorsOf(orgs, s).some((a) => a.id === o.id)).toBe(true)
        }
      }),
    )
  })

  test('which orgs fit which role', () => {
    expect(ORG_KINDS.filter((k) => orgKindFitsRole('federation_staff', k))).toEqual(['federation'])
    expect(ORG_KINDS.filter((k) => orgKindFitsRole('grassroots_staff', k))).toEqual(['grassroots', 'joint', 'industry', 'station'])
    expect(ORG_KINDS.filter((k) => orgKindFitsRole('admin', k))).toEqual([])
  })
})

describe('invite codes', () => {
  test('the alphabet has 32 symbols and none of I, L, O, U', () => {
    expect(new Set(INVITE_CODE_ALPHABET).size).toBe(32)
    expect(INVITE_CODE_ALPHABET).not.toMatch(/[ILOU]/)
  })

  test('property: any 8 bytes give a canonical code; shown, typed sloppily and parsed back it is the same', () => {
    const sloppy = (shown: string) => ` ${shown.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l')} `
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        const code = codeFromBytes(bytes)
        expect(isCanonicalCode(code)).toBe(true)
        expect(displayCode(code)).toMatch(/^.{4}-.{4}$/)
        expect(normalizeCode(displayCode(code))).toBe(code)
        expect(inviteCodeInput.parse(sloppy(displayCode(code)))).toBe(code)
      }),
    )
  })

  test('every symbol is reachable and equally likely per byte', () => {
    const seen = new Map<string, number>()
    for (let b = 0; b < 256; b++) {
      const c = codeFromBytes([b, 0, 0, 0, 0, 0, 0, 0])[0]
      seen.set(c, (seen.get(c) ?? 0) + 1)
    }
    expect(seen.size).toBe(32)
    expect(new Set(seen.values())).toEqual(new Set([8]))
  })

  test('typing: upper case, a dash after four, at most eight characters', () => {
    expect(formatTypedCode('k7pm')).toBe('K7PM')
    expect(formatTypedCode('k7pm3')).toBe('K7PM-3')
    expect(formatTypedCode('K7PM-3QXD')).toBe('K7PM-3QXD')
    expect(formatTypedCode('k7 pm-3q xd99')).toBe('K7PM-3QXD')
    expect(formatTypedCode('邀请码k7')).toBe('K7')
  })

  test('bad input is refused with the format hint', () => {
    for (const bad of ['', 'K7PM', 'K7PM-3QXDX', 'K7PM-3QXU', 'K7PM-3QX!']) {
      const r = inviteCodeInput.safeParse(bad)
      expect(r.success).toBe(false)
    }
  })
})

describe('invite state and the wrong-code guard', () => {
  const now = new Date('2026-11-22T08:00:00Z')
  test('expired follows from the clock; used and cancelled are stored', () => {
    expect(inviteState({ status: 'pending', expiresAt: new Date(now.getTime() + 1) }, now)).toBe('pending')
    expect(inviteState({ status: 'pending', expiresAt: now }, now)).toBe('expired')
    expect(inviteState({ status: 'used', expiresAt: new Date(now.getTime() + 1) }, now)).toBe('used')
    expect(inviteState({ status: 'cancelled', expiresAt: new Date(0) }, now)).toBe('cancelled')
  })

  test('five tries per ten minutes, counted from the first', () => {
    let guard = null as ReturnType<typeof guardAfterTry> | null
    for (let i = 1; i <= INVITE_MAX_WRONG_TRIES; i++) {
      expect(guardWaitMinutes(guard, now)).toBe(0)
      guard = guardAfterTry(guard, new Date(now.getTime() + i * 1000))
    }
    expect(guard).toEqual({ since: new Date(now.getTime() + 1000), count: 5 })
    expect(guardWaitMinutes(guard, new Date(now.getTime() + 60_000))).toBe(10)
    expect(guardWaitMinutes(guard, new Date(now.getTime() + 9.5 * 60_000))).toBe(1)
    const later = new Date(now.getTime() + 11 * 60_000)
    expect(guardWaitMinutes(guard, later)).toBe(0)
    expect(guardAfterTry(guard, later)).toEqual({ since: later, count: 1 })
  })

  test('invite form: org needed for staff roles, none for admins', () => {
    expect(createInviteFields.safeParse({ role: 'grassroots_staff', orgId: 'org-xingwang' }).success).toBe(true)
    expect(createInviteFields.safeParse({ role: 'admin' }).success).toBe(true)
    expect(createInviteFields.safeParse({ role: 'federation_staff' }).error?.issues[0]).toMatchObject({ path: ['orgId'], message: '请选择工会' })
    expect(createInviteFields.safeParse({ role: 'admin', orgId: 'org-fed' }).error?.issues[0].path).toEqual(['orgId'])
  })
})
