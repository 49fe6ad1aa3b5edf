import { countOwnedRecords } from '../_lib/owned-records'
import { defineFunction } from '../_lib/handler'
import { assertKeys } from '../_lib/crypto'
import { consentOverview, grantConsent, listConsentRecords, requireConsent, withdrawConsent } from '../_lib/consents.repo'
import { deleteIdentityInTx, findIdentityByOwner, getIdentity, revealIdNumber, setIdentity } from '../_lib/identities.repo'
import { countOpenUploads, deleteOpenUploads, deleteUnattachedFiles, listFilesOf } from '../_lib/files.repo'
import { writeAudit } from '../_lib/audit.repo'
import { closeAccount, findUserById } from './account.repo'
import { ok, failWith } from '../../src/domain/envelope'
import { FILE_PURPOSES, purposesNeeding } from '../../src/domain/files/files.schema'
import { maskName, maskPhone } from '../../src/domain/privacy/mask'
import { KEPT_AFTER_CLOSING, PRIVACY_ERR, privacyEvent, type MyData } from '../../src/domain/privacy/privacy.schema'
import { isStaffRole } from '../../src/domain/auth/scope'
import { ROLE_LABELS } from '../../src/domain/session/session.schema'

const iso = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : v ? new Date(String(v)).toISOString() : null)

/**
 * 我的信息与隐私: consents, the ID number, "see what is held", closing the account — every action on
 * the caller's own data only — and, for federation staff and admins, an audited look at a full ID number.
 */
export const main = defineFunction({
  name: 'privacy',
  event: privacyEvent,
  actions: {
    consentStatus: {
      access: 'signed-in',
      async run({ caller }) {
        return ok({ consents: consentOverview(await listConsentRecords(caller.openid)).consents })
      },
    },

    grantConsent: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        return grantConsent(caller, input.category, input.policyVersion, now)
      },
    },

    withdrawConsent: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        const { category } = input
        // Withdrawal stops collection and deletes what is not yet in use (PIPL §47).
        const identity = category === 'id_number' ? await findIdentityByOwner(caller.openid) : null
        const withdrawn = await withdrawConsent(caller, category, now, identity ? (tx) => deleteIdentityInTx(tx, identity) : undefined)
        const purposes = purposesNeeding(category)
        const deletedFiles = purposes.length ? await deleteUnattachedFiles(caller.openid, purposes) : 0
        if (purposes.length) await deleteOpenUploads(caller.openid, purposes)
        const consent = consentOverview(await listConsentRecords(caller.openid)).consents.find((c) => c.category === category)
        return ok({ consent, withdrawn, identityDeleted: identity !== null, deletedFiles })
      },
    },

    setIdNumber: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        assertKeys()
        const refused = await requireConsent(caller.openid, 'id_number')
        if (refused) return refused
        return setIdentity(caller.openid, input.idNumber, caller, now)
      },
    },

    myData: {
      access: 'signed-in',
      async run({ caller, now }) {
        const [identity, records, files, uploadsInProgress, owned] = await Promise.all([
          getIdentity(caller.openid),
          listConsentRecords(caller.openid),
          listFilesOf(caller.openid),
          countOpenUploads(caller.openid, now),
          countOwnedRecords(caller.openid),
        ])
        const { consents, history } = consentOverview(records)
        const user = caller.user
        const data: MyData = {
          generatedAt: now.toISOString(),
          account: {
            shortUserId: user ? user._id.slice(-8) : null,
            roleLabel: ROLE_LABELS[caller.role],
            isStaff: isStaffRole(caller.role),
            orgName: caller.org?.name ?? null,
            createdAt: user ? iso(user.createdAt) : null,
          },
          profile: {
            name: user?.profile?.name ? maskName(user.profile.name) : null,
            phone: user?.profile?.phone ? maskPhone(user.profile.phone) : null,
          },
          identity,
          consents,
          consentHistory: history,
          files: files
            .sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime())
            .map((f) => ({
              fileId: f._id,
              name: f.name,
              mime: f.mime,
              size: f.size,
              purposeLabel: FILE_PURPOSES[f.purpose]?.label ?? '材料',
              createdAt: iso(f.createdAt) ?? '',
              attached: f.attachedTo !== null,
            })),
          uploadsInProgress,
          records: owned,
          keptAfterClosing: KEPT_AFTER_CLOSING,
        }
        return ok(data)
      },
    },

    closeAccount: {
      // Staff first lose their role through an admin; the handler refuses them (audited).
      access: ['worker'],
      async run({ caller, now }) {
        return ok(await closeAccount(caller, now))
      },
    },

    revealIdNumber: {
      access: ['federation_staff', 'admin'],
      async run({ caller, input }) {
        assertKeys()
        const subject = await findUserById(input.userId)
        if (!subject) {
          await writeAudit(caller, { action: 'privacy.reveal', target: { type: 'user', id: input.userId }, reason: input.purpose, detail: { found: false } })
          return failWith(PRIVACY_ERR.USER_NOT_FOUND)
        }
        return revealIdNumber(caller, subject.openid, input.purpose)
      },
    },
  },
})
