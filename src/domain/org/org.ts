/** The union org tree (RULES.md §5): a county federation and the unions below it. Pure helpers over plain data. */

export const ORG_KINDS = ['federation', 'grassroots', 'joint', 'industry', 'station'] as const
export type OrgKind = (typeof ORG_KINDS)[number]

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  federation: '总工会',
  grassroots: '基层工会',
  joint: '联合工会',
  industry: '行业工会联合会',
  station: '服务站',
}

/** An org as the tree helpers need it; `path` holds the ancestor ids, root first. */
export interface OrgNode {
  id: string
  name: string
  kind: OrgKind
  parentId: string | null
  path: readonly string[]
}

export const isOrgKind = (value: unknown): value is OrgKind => typeof value === 'string' && (ORG_KINDS as readonly string[]).includes(value)

/** Direct children of `id`. */
export function childrenOf<T extends OrgNode>(orgs: readonly T[], id: string): T[] {
  return orgs.filter((o) => o.parentId === id)
}

/** `id` itself and every org below it (found through `path`, so any depth). */
export function subtreeOf<T extends OrgNode>(orgs: readonly T[], id: string): T[] {
  return orgs.filter((o) => o.id === id || o.path.includes(id))
}

/** The ancestors of `org`, root first; ids missing from `orgs` are skipped. */
export function ancestorsOf<T extends OrgNode>(orgs: readonly T[], org: Pick<OrgNode, 'path'>): T[] {
  const byId = new Map(orgs.map((o) => [o.id, o]))
  return org.path.map((id) => byId.get(id)).filter((o): o is T => o !== undefined)
}

export const depthOf = (org: Pick<OrgNode, 'path'>): number => org.path.length

const kindRank = (kind: OrgKind) => ORG_KINDS.indexOf(kind)

/**
 * Depth-first order (a parent before its children; siblings by kind, then name), the order a picker
 * shows. Orgs whose parent is not in the list start their own branch, so a subtree lists cleanly.
 */
export function treeOrder<T extends OrgNode>(orgs: readonly T[]): T[] {
  const ids = new Set(orgs.map((o) => o.id))
  const bySibling = (a: T, b: T) => kindRank(a.kind) - kindRank(b.kind) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  const out: T[] = []
  const seen = new Set<string>()
  const visit = (org: T) => {
    if (seen.has(org.id)) return
    seen.add(org.id)
    out.push(org)
    childrenOf(orgs, org.id).sort(bySibling).forEach(visit)
  }
  orgs
    .filter((o) => o.parentId === null || !ids.has(o.parentId))
    .sort((a, b) => depthOf(a) - depthOf(b) || bySibling(a, b))
    .forEach(visit)
  return out
}
