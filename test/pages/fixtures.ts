import type { Me } from '../../src/domain/session/session.schema'
import type { Envelope } from '../../src/domain/envelope'

export const worker: Me = {
  userId: 'u_7f3a9c21d4e8',
  role: 'worker',
  roleLabel: '职工',
  displayName: '李*明',
  maskedPhone: '138****5678',
  org: { id: 'org-sanitation', name: '城关镇环卫所工会' },
  isNew: false,
}

export const staff: Me = {
  ...worker,
  userId: 'u_0b12aa77c901',
  role: 'grassroots_staff',
  roleLabel: '基层工会工作人员',
  displayName: '张*华',
}

export const okReply = <T,>(data: T): Envelope<T> => ({ ok: true, data })
export const errReply = (code: string, message: string): Envelope<never> => ({ ok: false, error: { code, message } })
