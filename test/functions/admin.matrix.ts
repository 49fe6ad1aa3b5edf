/**
 * Authorization matrix rows of the `admin` function (see test/support/matrix.ts), plus the few helpers
 * the staff-area tests (admin*.test.ts, session.matrix.ts) share.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { MatrixContext, MatrixRow } from '../support/matrix'
import type { TestRuntime } from '../support/runtime'
import type { Envelope } from '../../src/domain/envelope'
import type { CreatedInvite, OrgReply } from '../../src/domain/staff/staff.schema'
import { demoId } from '../../emulator/runtime/seed'

// ---- shared helpers ------------------------------------------------------------------------------

export const ZHAO = 'o-demo-zhao' // admin, no org
export const LIU = 'o-demo-liu' // federation staff of org-fed
export const ZHANG = 'o-demo-zhang' // grassroots staff of org-fengda
export const WANG = 'o-demo-wang' // grassroots staff of org-school
export const LAOLI = 'o-demo-laoli' // worker

export const USER_IDS = { zhang: demoId('user-grassroots'), wang: demoId('user-grassroots2'), liu: demoId('user-federation'), zhao: demoId('user-admin') }

export const ok = <T>(r: Envelope<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`)
  return r.data
}

export const errorCode = (r: unknown): string | null => {
  const e = r as Envelope<unknown>
  return e.ok ? null : e.error.code
}

/** Sets process.env.UNION_INDEX_KEY to the runtime's key, so a test can plant invites as the function stores them. */
export function useIndexKeyOf(rt: TestRuntime): void {
  const secrets = JSON.parse(readFileSync(join(rt.dataDir, 'secrets.json'), 'utf8')) as { indexKey: string }
  process.env.UNION_INDEX_KEY = secrets.indexKey
}

/** An invite created by the seeded admin (default: grassroots staff of 兴旺国际建材城联合工会). */
export async function createInviteAsAdmin(
  rt: Pick<TestRuntime, 'invokeAs'>,
  fields: Record<string, unknown> = { role: 'grassroots_staff', orgId: 'org-xingwang' },
): Promise<CreatedInvite> {
  return ok((await rt.invokeAs(ZHAO, 'admin', { action: 'createInvite', ...fields })) as Envelope<CreatedInvite>)
}

let planted = 0

/** A staff member who is nobody's matrix caller, to be revoked. */
export async function plantStaff(rt: TestRuntime, role = 'grassroots_staff', orgId: string | null = 'org-newforms'): Promise<string> {
  const id = `planted-staff-${process.pid}-${++planted}`
  const now = new Date()
  await rt.emulator.db.insert('users', { _id: id, openid: `o-${id}`, role, orgId, profile: { name: '孙立新', phone: '13900001111' }, createdAt: now, updatedAt: now })
  return id
}

// ---- matrix rows ---------------------------------------------------------------------------------

let orgNo = 0
/** A unique org name for one matrix cell (names are unique among siblings). */
const matrixOrgName = () => `矩阵测试工会${process.pid}-${++orgNo}`

/** A fresh 基层工会 under the federation, made by the admin (so rows never change the seeded tree). */
export async function freshOrg(ctx: MatrixContext, parentId = 'org-fed'): Promise<OrgReply['org']> {
  const r = (await ctx.call('admin', 'admin', { action: 'createOrg', name: matrixOrgName(), kind: 'grassroots', parentId })) as Envelope<OrgReply>
  return ok(r).org
}

const createdInviteId = async (ctx: MatrixContext) => ok((await ctx.call('admin', 'admin', { action: 'createInvite', role: 'grassroots_staff', orgId: 'org-school' })) as Envelope<CreatedInvite>).invite.id

export const rows: MatrixRow[] = [
  { fn: 'admin', action: 'listOrgs', event: () => ({ action: 'listOrgs' }), allowed: ['grassrootsX', 'grassrootsY', 'federation', 'admin'] },
  {
    fn: 'admin',
    action: 'createInvite',
    note: 'grassroots-staff invite for org X',
    event: () => ({ action: 'createInvite', role: 'grassroots_staff', orgId: 'org-fengda' }),
    allowed: ['admin'],
  },
  {
    fn: 'admin',
    action: 'createInvite',
    note: 'admin invite',
    event: () => ({ action: 'createInvite', role: 'admin' }),
    allowed: ['admin'],
  },
  { fn: 'admin', action: 'listInvites', event: () => ({ action: 'listInvites' }), allowed: ['admin'] },
  {
    fn: 'admin',
    action: 'cancelInvite',
    note: 'a fresh pending invite',
    event: async (ctx) => ({ action: 'cancelInvite', inviteId: await createdInviteId(ctx) }),
    allowed: ['admin'],
  },
  { fn: 'admin', action: 'listStaff', event: () => ({ action: 'listStaff' }), allowed: ['federation', 'admin'] },
  {
    fn: 'admin',
    action: 'createOrg',
    note: 'a new 基层工会 under the federation',
    event: () => ({ action: 'createOrg', name: matrixOrgName(), kind: 'grassroots', parentId: 'org-fed', formedAt: '2025-06-01' }),
    allowed: ['admin'],
  },
  {
    fn: 'admin',
    action: 'updateOrg',
    note: 'rename a fresh org',
    event: async (ctx) => {
      const org = await freshOrg(ctx)
      return { action: 'updateOrg', id: org.id, version: org.version, name: matrixOrgName() }
    },
    allowed: ['admin'],
  },
  {
    fn: 'admin',
    action: 'moveOrg',
    note: 'a fresh org moved under 兴旺国际建材城联合工会',
    event: async (ctx) => {
      const org = await freshOrg(ctx)
      return { action: 'moveOrg', id: org.id, version: org.version, parentId: 'org-xingwang' }
    },
    allowed: ['admin'],
  },
  { fn: 'admin', action: 'ruleHistory', event: () => ({ action: 'ruleHistory', tableId: 'legalAid' }), allowed: ['admin'] },
  {
    fn: 'admin',
    action: 'revokeStaff',
    note: 'a grassroots staff member of another org (planted for each caller)',
    event: async (ctx) => ({ action: 'revokeStaff', userId: await plantStaff(ctx.rt), reason: 'left_post' }),
    allowed: ['admin'],
  },
]
