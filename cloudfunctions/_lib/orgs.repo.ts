import { database, getDocs } from './cloud'

export type OrgKind = 'federation' | 'grassroots' | 'joint' | 'industry' | 'station'

export interface OrgRecord {
  _id: string
  name: string
  kind: OrgKind
  parentId: string | null
  /** Ancestor ids from the root down, for subtree queries. */
  path: string[]
}

export async function findOrg(id: string): Promise<OrgRecord | null> {
  const [org] = await getDocs<OrgRecord>(database().collection('orgs').where({ _id: id }).limit(1))
  return org ?? null
}
