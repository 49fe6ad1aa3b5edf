/** Authorization matrix rows of the `privacy` function (every action on the caller's own data, plus the staff-only reveal). */
import type { CallerKey, MatrixContext, MatrixRow } from '../support/matrix'
import { CONSENT_POLICIES } from '../../src/domain/consent/consent'
import { checkCharacter } from '../../src/domain/identity/idcard'
import { DEMO_USERS, demoId } from '../../emulator/runtime/seed'

/** A valid 18-digit ID (RULES.md §6) for test person number `n` (0–999), born 1980-01-01. */
export function testIdNumber(n: number, area = '110105', birth = '19800101'): string {
  const first17 = `${area}${birth}${String(n).padStart(3, '0')}`
  return first17 + checkCharacter(first17)
}

const SIGNED_IN: CallerKey[] = ['workerA', 'workerB', 'grassrootsX', 'grassrootsY', 'federation', 'admin']
const CALLER_NUMBER: Record<CallerKey, number> = { anonymous: 900, workerA: 901, workerB: 902, grassrootsX: 903, grassrootsY: 904, federation: 905, admin: 906 }

async function agree(ctx: MatrixContext, caller: CallerKey, category: keyof typeof CONSENT_POLICIES) {
  if (caller === 'anonymous') return
  await ctx.call(caller, 'privacy', { action: 'grantConsent', category, policyVersion: CONSENT_POLICIES[category].version })
}

/**
 * The closeAccount row really closes workerA and workerB. After each attempt the demo records are put
 * back (same `_id`, openid, role, org and profile as seeded), so the next caller and later rows find them.
 */
function restoreDemoUsers(ctx: MatrixContext) {
  const db = ctx.rt.emulator.db
  for (const u of DEMO_USERS) {
    const _id = demoId(`user-${u.key}`)
    const record = db.findOne('users', { _id })
    if (!record || record.openid === u.openid) continue
    db.remove('users', { openid: u.openid, _id: { $ne: _id } })
    db.update('users', { _id }, { $set: { openid: u.openid, role: u.role, orgId: u.orgId, profile: { ...u.profile } }, $unset: { closedAt: '' } })
  }
}

export const rows: MatrixRow[] = [
  {
    fn: 'privacy',
    action: 'consentStatus',
    note: 'own consents',
    event: () => ({ action: 'consentStatus' }),
    allowed: SIGNED_IN,
  },
  {
    fn: 'privacy',
    action: 'grantConsent',
    note: 'own consent',
    event: () => ({ action: 'grantConsent', category: 'medical_documents', policyVersion: CONSENT_POLICIES.medical_documents.version }),
    allowed: SIGNED_IN,
  },
  {
    fn: 'privacy',
    action: 'withdrawConsent',
    note: 'own consent',
    event: async (ctx, caller) => {
      await agree(ctx, caller, 'bank_card')
      return { action: 'withdrawConsent', category: 'bank_card' }
    },
    allowed: SIGNED_IN,
  },
  {
    fn: 'privacy',
    action: 'setIdNumber',
    note: 'own ID number (each caller a different one), after agreeing',
    event: async (ctx, caller) => {
      await agree(ctx, caller, 'id_number')
      return { action: 'setIdNumber', idNumber: testIdNumber(CALLER_NUMBER[caller]) }
    },
    allowed: SIGNED_IN,
  },
  {
    fn: 'privacy',
    action: 'myData',
    note: 'own data',
    event: () => ({ action: 'myData' }),
    allowed: SIGNED_IN,
  },
  {
    fn: 'privacy',
    action: 'closeAccount',
    note: 'own account; staff must first lose their role through an admin',
    event: () => ({ action: 'closeAccount', confirm: '注销' }),
    allowed: ['workerA', 'workerB'],
    after: (ctx) => restoreDemoUsers(ctx),
  },
  {
    fn: 'privacy',
    action: 'revealIdNumber',
    note: "workerA's full ID number",
    event: async (ctx) => {
      await agree(ctx, 'workerA', 'id_number')
      await ctx.call('workerA', 'privacy', { action: 'setIdNumber', idNumber: testIdNumber(CALLER_NUMBER.workerA) })
      return { action: 'revealIdNumber', userId: demoId('user-worker'), purpose: 'identity_check' }
    },
    allowed: ['federation', 'admin'],
  },
]
