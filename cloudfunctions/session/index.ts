import { defineFunction } from '../_lib/handler'
import { findOrCreateUser } from '../_lib/users.repo'
import { findOrg } from '../_lib/orgs.repo'
import { findInviteByCodeHash, hashInviteCode } from '../_lib/invites.repo'
import { auditWrongCode, redeemInvite, takeCodeTry } from '../_lib/staff.repo'
import { fail, ok, failWith } from '../../src/domain/envelope'
import { maskName, maskPhone } from '../../src/domain/privacy/mask'
import { ROLE_LABELS, sessionEvent, type Me } from '../../src/domain/session/session.schema'
import { STAFF_ERR, tooManyTriesMessage, type RedeemResult } from '../../src/domain/staff/staff.schema'

const tooManyTries = (minutes: number) => fail(STAFF_ERR.INVITE_TOO_MANY_TRIES.code, tooManyTriesMessage(minutes))

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

    // Workers only: staff already have a role (an admin revokes it first to change it).
    redeemInvite: {
      access: ['worker'],
      async run({ caller, input, now }) {
        const user = caller.user ?? (await findOrCreateUser(caller.openid)).user
        const slot = await takeCodeTry(user._id, now)
        if (!slot.ok) return tooManyTries(slot.waitMinutes)

        const invite = await findInviteByCodeHash(hashInviteCode(input.code))
        if (!invite) {
          await auditWrongCode(caller, user._id, slot.guard)
          return failWith(STAFF_ERR.INVITE_INVALID)
        }

        const outcome = await redeemInvite(caller, user._id, invite._id, now)
        if (!outcome.ok) {
          switch (outcome.reason) {
            case 'used':
              return failWith(STAFF_ERR.INVITE_USED)
            case 'expired':
              return failWith(STAFF_ERR.INVITE_EXPIRED)
            case 'cancelled':
              return failWith(STAFF_ERR.INVITE_CANCELLED)
            case 'already_staff':
              return failWith(STAFF_ERR.ALREADY_STAFF)
            case 'gone':
              return failWith(STAFF_ERR.INVITE_INVALID)
          }
        }
        const org = outcome.orgId ? await findOrg(outcome.orgId) : null
        const result: RedeemResult = { role: outcome.role, roleLabel: ROLE_LABELS[outcome.role], org: org ? { id: org._id, name: org.name } : null }
        return ok(result)
      },
    },
  },
})
