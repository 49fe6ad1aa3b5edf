// Forms started on this phone and not sent yet (还没交的草稿). The wizards keep them in storage under
// their own names (join/form.ts `joinDrafts` 'apply', aid/format.ts `aidDrafts` 'claim', legal/legal.ts
// `legalDrafts` 'apply'); other subpackages cannot be imported from here, so the names are repeated.
import { draftStore } from '../../services/drafts'
import { DISPUTE_TYPE_LABELS } from '../../domain/legal-aid/legal-aid.constants'
import type { ServerDraftView } from '../../domain/requests/my-requests.api'
import { DRAFT_PAGES, type DraftKind } from '../../domain/requests/my-requests.api'

export const PHONE_DRAFTS: Record<DraftKind, { store: ReturnType<typeof draftStore>; name: string }> = {
  membershipApplication: { store: draftStore('join:draft:'), name: 'apply' },
  aidClaim: { store: draftStore('aid:draft:'), name: 'claim' },
  legalAidCase: { store: draftStore('legal:draft:'), name: 'apply' },
}

export interface DraftRow {
  kind: DraftKind
  /** 入会申请, 法律援助求助 … */
  title: string
  /** What it is about, when known (the kind of dispute). */
  what: string | null
  link: string
}

const TITLES: Record<DraftKind, string> = { membershipApplication: '入会申请', aidClaim: '互助保障补助申请', legalAidCase: '法律援助求助' }

const filled = (v: unknown): boolean => (typeof v === 'string' ? v.trim() !== '' : v !== null && v !== undefined && v !== false)
const anyFilled = (o: unknown): boolean => typeof o === 'object' && o !== null && Object.values(o as Record<string, unknown>).some((v) => (typeof v === 'object' && v !== null ? anyFilled(v) : filled(v)))

/** Whether a saved form holds anything the worker typed or chose (the send key and the step do not count). */
const STARTED: Record<DraftKind, (d: Record<string, unknown>) => boolean> = {
  membershipApplication: (d) => filled(d.name) || filled(d.phone) || filled(d.incomeSource) || d.idTyped === true || anyFilled(d.work),
  aidClaim: (d) => filled(d.planId),
  legalAidCase: (d) => filled(d.disputeType) || filled(d.facts) || filled((d.employer as { name?: unknown } | undefined)?.name),
}

const disputeOf = (code: unknown): string | null => (typeof code === 'string' ? ((DISPUTE_TYPE_LABELS as Record<string, string>)[code] ?? null) : null)

/**
 * The drafts to continue: those on this phone, and the server's 法律援助 draft (saved from any phone) when
 * the phone has none of that kind.
 */
export function draftRows(server: ServerDraftView | null): DraftRow[] {
  const rows: DraftRow[] = []
  for (const kind of Object.keys(PHONE_DRAFTS) as DraftKind[]) {
    const { store, name } = PHONE_DRAFTS[kind]
    const saved = store.load<Record<string, unknown>>(name)
    if (saved && STARTED[kind](saved)) rows.push({ kind, title: TITLES[kind], what: kind === 'legalAidCase' ? disputeOf(saved.disputeType) : null, link: DRAFT_PAGES[kind] })
  }
  if (server && !rows.some((r) => r.kind === server.kind)) rows.push({ kind: server.kind, title: TITLES[server.kind], what: server.what, link: server.link })
  return rows
}
