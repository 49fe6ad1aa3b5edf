import { defineFunction } from '../_lib/handler'
import { findOrCreateUser } from '../_lib/users.repo'
import { findOrg } from '../_lib/orgs.repo'
import { ok } from '../../src/domain/envelope'
import { maskName, maskPhone } from '../../src/domain/privacy/mask'
import { ROLE_LABELS, sessionEvent, type Me } from '../../src/domain/session/session.schema'

export const main = defineFunction({
  name: 'session',
  event: sessionEvent,
  actions: {
    me: {
      access: 'signed-in',
      async run({ caller }) {
        const { user, created } = caller.user ? { user: caller.user, created: false } : await findOrCreateUser(caller.openid)
        const org = caller.user ? caller.org : user.orgId ? await findOrg(user.orgId) : null
        const me: Me = {
          userId: user._id,
          role: user.role,
          roleLabel: ROLE_LABELS[user.role],
          displayName: user.profile.name ? maskName(user.profile.name) : '微信用户',
          maskedPhone: user.profile.phone ? maskPhone(user.profile.phone) : null,
          org: org ? { id: org._id, name: org.name } : null,
          isNew: created,
        }
        return ok(me)
      },
    },
  },
})
