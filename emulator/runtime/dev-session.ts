import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The local sign-in shim: a signed token standing for a WeChat OPENID. It exists only in this runtime,
 * which binds to loopback; in WeChat the identity comes from the platform and nothing like this ships.
 */
const sign = (secret: Buffer, openid: string) => createHmac('sha256', secret).update(`dev-session:${openid}`).digest('base64url')

export function issueToken(secret: Buffer, openid: string): string {
  return `${Buffer.from(openid, 'utf8').toString('base64url')}.${sign(secret, openid)}`
}

export function verifyToken(secret: Buffer, token: string | undefined): string | null {
  if (!token) return null
  const [idPart, mac] = token.split('.')
  if (!idPart || !mac) return null
  const openid = Buffer.from(idPart, 'base64url').toString('utf8')
  if (!/^[\w-]{1,64}$/.test(openid)) return null
  const expected = Buffer.from(sign(secret, openid))
  const given = Buffer.from(mac)
  return expected.length === given.length && timingSafeEqual(expected, given) ? openid : null
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false
  return address === '::1' || /^(::ffff:)?127\./.test(address)
}

/** Refuses DNS-rebinding: a loopback socket reached through a foreign Host name. */
export function isLocalHost(host: string | undefined): boolean {
  if (!host) return false
  return /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i.test(host)
}
