import { database, getDocs, isDuplicateKeyError } from './cloud'
import type { Role } from '../../src/domain/session/session.schema'

export interface UserRecord {
  _id: string
  /** Owner identity, always from getWXContext().OPENID. Unique. */
  openid: string
  role: Role
  /** The union org a staff role belongs to; null for workers and admins. */
  orgId: string | null
  profile: { name?: string; phone?: string }
  createdAt: Date
  updatedAt: Date
}

const users = () => database().collection('users')

export async function findUserByOpenid(openid: string): Promise<UserRecord | null> {
  const [user] = await getDocs<UserRecord>(users().where({ openid }).limit(1))
  return user ?? null
}

/** Creates the worker record on first contact; a concurrent first call loses on the unique index and reads the winner. */
export async function findOrCreateUser(openid: string): Promise<{ user: UserRecord; created: boolean }> {
  const existing = await findUserByOpenid(openid)
  if (existing) return { user: existing, created: false }
  const db = database()
  const record = { openid, role: 'worker' as Role, orgId: null, profile: {}, createdAt: db.serverDate(), updatedAt: db.serverDate() }
  try {
    await users().add({ data: record })
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err
    const winner = await findUserByOpenid(openid)
    if (!winner) throw err
    return { user: winner, created: false }
  }
  const user = await findUserByOpenid(openid)
  if (!user) throw new Error('user record vanished after insert')
  return { user, created: true }
}
