import { database } from './cloud'

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
  const res = await database().collection('orgs').where({ _id: id }).limit(1).get()
  return (res.data[0] as OrgRecord | undefined) ?? null
}
