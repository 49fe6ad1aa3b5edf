import { database } from './cloud'
import type { Caller } from './handler'

export interface AuditEntry {
  /** `area.verb`, e.g. `role.grant`, `membership.approve`, `privacy.reveal`, `auth.denied`. */
  action: string
  target: { type: string; id: string }
  /** The org whose staff may read this entry (subtree scoping). */
  orgId?: string | null
  from?: string
  to?: string
  /** Coded reason, never free text with personal data. */
  reason?: string
  detail?: Record<string, string | number | boolean | null>
}

/** Anything with `collection(name).add({ data })`: the database or an open transaction. */
type Writer = { collection(name: string): { add(arg: { data: Record<string, unknown> }): Promise<unknown> } }

export function auditRecord(caller: Pick<Caller, 'openid' | 'role' | 'user'> | null, entry: AuditEntry, at: Date) {
  return {
    ...entry,
    orgId: entry.orgId ?? null,
    actor: caller ? { openid: caller.openid, role: caller.role, orgId: caller.user?.orgId ?? null } : { openid: null, role: 'system', orgId: null },
    at,
  }
}

/** Writes one audit entry; pass the transaction to make it part of the change it records. */
export async function writeAudit(caller: Pick<Caller, 'openid' | 'role' | 'user'> | null, entry: AuditEntry, writer?: Writer): Promise<void> {
  const w = (writer ?? database()) as Writer
  await w.collection('audit').add({ data: auditRecord(caller, entry, new Date()) })
}
