/**
 * 入会 (RULES.md §1, §5): workers check and apply (routed to the right union, never through the
 * employer), follow their application, show a member card with a QR code and ask for a transfer;
 * staff in scope review the queue, decide, reassign, verify cards, list and export members, and accept
 * transfers; admins keep the holiday calendar. The contract is src/domain/membership/CONTRACT.md.
 */
import { defineFunction, deny, type Caller } from '../_lib/handler'
import { database } from '../_lib/cloud'
import { auditRecord, writeAudit } from '../_lib/audit.repo'
import { undecidedApplication } from '../_lib/undecided'
import { checkTexts } from '../_lib/content-security'
import { requireConsent } from '../_lib/consents.repo'
import { assertKeys, blindIndex, decrypt, encrypt, randomId } from '../_lib/crypto'
import { attachedUrls, attachFiles } from '../_lib/files.repo'
import { findIdentityByOwner, setIdentity, type IdentityRecord } from '../_lib/identities.repo'
import { findOrg, listReachableOrgs, type OrgRecord } from '../_lib/orgs.repo'
import { decide, REQUEST_ERRORS, submitOnce, type DecideOptions, type RequestBase } from '../_lib/requests'
import { heldInScope, ownerOf, ownRequest, requestScope, scopedPage, scopeOf } from '../_lib/stations.requests'
import { inTransaction, Rollback, txGet, type Tx } from '../_lib/transaction'
import { recordRuleVersion } from '../_lib/rule-versions'
import { cardQrText, looksLikeCard, parseCardToken, qrDataUrl, tokenMatches } from '../_lib/membership.card'
import { exportFileName, membersWorkbook } from '../_lib/membership.export'
import { ASK_NOTE, membershipAsked, outboxItem, replyBy, shortLabel, transferRejectText } from '../_lib/notify.messages'
import {
  activeMembershipOf,
  allMembers,
  APPLICATIONS,
  latestApplicationOf,
  listMembers,
  loadCalendars,
  loadRules,
  membershipByMemberNo,
  MEMBERSHIPS,
  nextMemberSeq,
  orgsOf,
  pathOf,
  personIn,
  plainReader,
  readDoc,
  routeWork,
  sameWork,
  saveCalendar,
  searchEmployers,
  setPerson,
  TRANSFERS,
  transfersOf,
  workCalendar,
  type ApplicationRecord,
  type MembershipRecord,
  type PersonRecord,
  type TransferRecord,
  type WorkInput,
} from '../_lib/membership.repo'
import {
  applicationDetail,
  applicationRow,
  applicationView,
  memberRow,
  membershipTimeline,
  orgIdsOf,
  routeView,
  transferRow,
  transferView,
  type ViewContext,
} from '../_lib/membership.views'
import { fail, failWith, ok, type Envelope } from '../../src/domain/envelope'
import { ERR } from '../../src/domain/errors'
import { canReachOrg, staffActor } from '../../src/domain/auth/scope'
import type { Actor } from '../../src/domain/requests/state-machine'
import { CONTENT_RISKY } from '../../src/domain/privacy/content-check'
import { PRIVACY_ERR } from '../../src/domain/privacy/privacy.schema'
import { groupPhone, maskIdNumber, maskName } from '../../src/domain/privacy/mask'
import { parseIdNumber } from '../../src/domain/identity/idcard'
import { dateLabel, deadlineAfter, shanghaiDate, shanghaiDateParts } from '../../src/domain/calendar/working-days'
import { checkEligibility, EMPLOYER_NOT_TOLD, formatMemberNo, parseMemberNo, type EligibilityIssue, type MembershipRules } from '../../src/domain/membership/membership.rules'
import { applicationMachine, transferMachine, type ApplicationAction, type TransferAction } from '../../src/domain/membership/membership.machine'
import {
  APPLICATION_STATE_LABELS,
  CARD_CHECK_LABELS,
  EXPORT_MAX_ROWS,
  MEMBERSHIP_ERR,
  REJECT_REASONS,
  membershipEvent,
  type ApplicationData,
  type ApplicationState,
  type CardCheck,
  type CardCheckReply,
  type CheckReply,
  type ContactReply,
  type DecisionReply,
  type EmployerOption,
  type ExportReply,
  type MemberCardView,
  type MemberRow,
  type MineReply,
  type Page,
  type SettingsReply,
  type SubmitReply,
  type TransferRow,
  type TransferState,
  type TransferView,
} from '../../src/domain/membership/membership.schema'

const STAFF = ['grassroots_staff', 'federation_staff', 'admin'] as const
const OPEN: ApplicationState[] = ['submitted', 'needs_info']
const DECIDED: ApplicationState[] = ['approved', 'rejected', 'withdrawn']
const APPLICATION_TYPE = 'membershipApplication'
const TRANSFER_TYPE = 'membershipTransfer'

async function viewContext(now: Date, orgIds?: Array<string | null | undefined>): Promise<ViewContext> {
  const [orgs, cal] = await Promise.all([
    orgIds ? orgsOf(orgIds) : listReachableOrgs({ role: 'admin', orgId: null }).then((all) => new Map(all.map((o) => [o._id, o]))),
    workCalendar(),
  ])
  return { orgs, cal, now }
}

/** Free text staff will read (employer, job, notes): WeChat content security; names and numbers are not sent. */
const textsRisky = (caller: Caller, texts: Array<string | null | undefined>) => checkTexts(caller.openid, texts, 'profile')
const workTexts = (w: WorkInput) => [w.employer.kind === 'other' ? w.employer.name : null, w.employer.kind === 'other' ? w.employer.address : null, w.occupation, w.workCity]
const riskyReply = () => failWith(CONTENT_RISKY)

const stepNote = (doc: { version: number; steps?: ApplicationRecord['steps'] }, note: string | undefined, toOrgId?: string) => ({
  steps: [...(doc.steps ?? []), { version: doc.version + 1, note: note ?? null, ...(toOrgId ? { toOrgId } : {}) }],
})

// ---------------------------------------------------------------------------------------------------
// The person behind an ID number

interface PersonFacts {
  person: PersonRecord | null
  membership: MembershipRecord | null
  memberOrgName: string | null
  /** An open application or a membership of this person belongs to another WeChat account. */
  takenByOther: boolean
}

/** Reads the person's links and membership (doc gets: inside a transaction they make concurrent applies conflict). */
async function personFacts(reader: Tx, personKey: string, openid: string): Promise<PersonFacts> {
  const person = await personIn(reader, personKey)
  const membership = await txGet<MembershipRecord>(reader, MEMBERSHIPS, personKey)
  const active = membership?.status === 'active' ? membership : null
  const org = active ? await txGet<OrgRecord>(reader, 'orgs', active.orgId) : null
  const open = person?.openApplicationId ? await txGet<ApplicationRecord>(reader, APPLICATIONS, person.openApplicationId) : null
  const takenByOther = (active !== null && active.ownerOpenid !== openid) || (open !== null && open.ownerOpenid !== openid)
  return { person, membership: active, memberOrgName: active ? (org?.name ?? '工会') : null, takenByOther }
}

const NO_FACTS: PersonFacts = { person: null, membership: null, memberOrgName: null, takenByOther: false }

const ISSUE_FIELDS: Partial<Record<EligibilityIssue['code'], string>> = {
  UNDER_AGE: 'application.idNumber',
  NOT_WAGE_EARNER: 'application.incomeSource',
  CHARTER_NOT_ACCEPTED: 'application.charterAccepted',
}

function issuesOf(app: Pick<ApplicationData, 'incomeSource' | 'charterAccepted'>, birth: { year: number; month: number; day: number }, facts: PersonFacts, now: Date, rules: MembershipRules) {
  return checkEligibility(
    {
      birthDate: birth,
      today: shanghaiDateParts(now),
      incomeSource: app.incomeSource,
      charterAccepted: app.charterAccepted,
      memberOf: facts.memberOrgName ? { orgName: facts.memberOrgName } : null,
      openApplication: !!facts.person?.openApplicationId,
    },
    rules,
  )
}

/** The refusal for eligibility issues: already a member / already applied, else every issue in plain words. */
function refusal(issues: EligibilityIssue[]): Envelope<never> {
  if (issues[0].code === 'ALREADY_MEMBER') return failWith(MEMBERSHIP_ERR.ALREADY_MEMBER)
  if (issues[0].code === 'APPLICATION_OPEN') return failWith(MEMBERSHIP_ERR.APPLICATION_OPEN)
  const fields = Object.fromEntries(issues.flatMap((i) => (ISSUE_FIELDS[i.code] ? [[ISSUE_FIELDS[i.code]!, i.message]] : [])))
  return fail(MEMBERSHIP_ERR.NOT_ELIGIBLE.code, issues.map((i) => i.message).join(''), fields)
}

/** The ID number's person key; refuses a number another account holds, or one that differs from the caller's stored one. */
async function personKeyFor(caller: Caller, idNumber: string): Promise<Envelope<{ personKey: string; value: string; birth: { year: number; month: number; day: number }; sex: 'male' | 'female' }>> {
  assertKeys()
  const parsed = parseIdNumber(idNumber)
  if (!parsed.ok) return failWith(ERR.INVALID, { 'application.idNumber': ERR.INVALID.message })
  const personKey = blindIndex('id', parsed.info.value)
  const mine = await findIdentityByOwner(caller.openid)
  if (mine && mine._id !== personKey) return failWith(MEMBERSHIP_ERR.ID_MISMATCH, { 'application.idNumber': MEMBERSHIP_ERR.ID_MISMATCH.message })
  const holder = await readDoc<IdentityRecord>('identities', personKey)
  if (holder && holder.ownerOpenid !== caller.openid) return failWith(MEMBERSHIP_ERR.ID_TAKEN, { 'application.idNumber': MEMBERSHIP_ERR.ID_TAKEN.message })
  return ok({ personKey, value: parsed.info.value, birth: parsed.info.birthDate, sex: parsed.info.sex })
}

/** What check and apply share: the consent, the person behind the ID number, the rule table and the route. */
async function prepareApplication(caller: Caller, app: ApplicationData) {
  const refused = await requireConsent(caller.openid, 'id_number')
  if (refused) return refused
  const person = await personKeyFor(caller, app.idNumber)
  if (!person.ok) return person
  const rules = await loadRules()
  const routed = await routeWork(app, rules)
  if (!routed.ok) return routed
  return ok({ person: person.data, rules, routed: routed.data })
}

const pad = (n: number) => String(n).padStart(2, '0')
const isoDay = (d: { year: number; month: number; day: number }) => `${d.year}-${pad(d.month)}-${pad(d.day)}`

// ---------------------------------------------------------------------------------------------------
// Views that read more

async function proofPhotos(a: ApplicationRecord) {
  return a.proofFileIds?.length ? attachedUrls(a.proofFileIds, { type: APPLICATION_TYPE, id: a._id }) : []
}

async function cardView(m: MembershipRecord, c: ViewContext): Promise<MemberCardView> {
  const qrText = cardQrText(m)
  return {
    name: m.name,
    maskedIdNumber: m.maskedId,
    memberNo: m.memberNo,
    orgName: c.orgs.get(m.orgId)?.name ?? '工会',
    joinedDate: m.joinedDate,
    qrText,
    qrDataUrl: await qrDataUrl(qrText),
    cardVersion: m.cardVersion,
    history: membershipTimeline(m, c),
  }
}

async function settingsReply(now: Date): Promise<SettingsReply> {
  const [rules, calendars] = await Promise.all([loadRules(), loadCalendars()])
  const year = shanghaiDateParts(now).year
  return { rules, calendars, missingYears: [year, year + 1].filter((y) => !calendars.some((c) => c.year === y)) }
}

const submitReply = (a: Pick<ApplicationRecord, '_id' | 'state' | 'version' | 'dueDate'>, orgName: string, now: Date): SubmitReply => ({
  id: a._id,
  state: a.state,
  stateLabel: APPLICATION_STATE_LABELS[a.state],
  version: a.version,
  orgName,
  dueDate: a.dueDate,
  dueLabel: dateLabel(a.dueDate, now),
})

type StepOptions<S extends string, A extends string, D extends RequestBase<S>> = Pick<DecideOptions<S, A, D>, 'reason' | 'patch' | 'notify'>

/** One transition of an application (decide(): compare-and-set on state and the version the person saw, audit, outbox). */
const applicationStep = (caller: Caller, input: { id: string; version: number }, action: ApplicationAction, actorFor: (doc: ApplicationRecord) => Actor | null, o: StepOptions<ApplicationState, ApplicationAction, ApplicationRecord>) =>
  decide({ caller, collection: APPLICATIONS, id: input.id, machine: applicationMachine, action, actorFor, expectedVersion: input.version, ...o })

/** One transition of a transfer. */
const transferStep = (caller: Caller, input: { id: string; version: number }, action: TransferAction, actorFor: (doc: TransferRecord) => Actor | null, o: StepOptions<TransferState, TransferAction, TransferRecord>) =>
  decide({ caller, collection: TRANSFERS, id: input.id, machine: transferMachine, action, actorFor, expectedVersion: input.version, ...o })

/** Clears the person's link to a request that has just ended (inside the deciding transaction). */
async function unlink(tx: Tx, personKey: string, field: 'openApplicationId' | 'openTransferId', id: string, now: Date) {
  const p = await personIn(tx, personKey)
  if (p && p[field] === id) await setPerson(tx, personKey, p, { [field]: null }, now)
}

/** 入会 messages, to the applicant only: decided (approved / rejected) or needs info. */
function applicationMessages(doc: ApplicationRecord, to: ApplicationState, o: { orgName: string; reason?: string; items: readonly string[] }) {
  const page = 'subpackages/join/pages/status/index'
  if (to === 'needs_info') {
    const now = new Date()
    return [outboxItem(doc.ownerOpenid, 'needs_info', page, { thing1: '入会申请', thing2: membershipAsked(o.items), date3: replyBy(now), thing4: ASK_NOTE })]
  }
  if (to !== 'approved' && to !== 'rejected') return []
  const explained = to === 'approved' ? '打开小程序看会员证' : shortLabel(REJECT_REASONS.find((x) => x.code === o.reason)?.label ?? '') || '打开小程序看原因'
  return [outboxItem(doc.ownerOpenid, 'decided', page, { thing1: '入会申请', phrase2: to === 'approved' ? '已入会' : '没有通过', thing3: o.orgName, thing4: explained })]
}

async function staffPage<R, V>(caller: Caller, fn: string, collection: string, states: string[] | null, input: { cursor?: number; pageSize?: number }, view: (r: R, c: ViewContext, actor: ReturnType<typeof staffActor>) => V, now: Date): Promise<Envelope<Page<V>>> {
  const scope = requestScope(caller)
  if (!scope) return deny(caller, { type: 'function', id: `membership.${fn}` })
  const where = { ...scope, ...(states ? { state: database().command.in(states) } : {}) }
  const c = await viewContext(now)
  const actor = staffActor(scopeOf(caller))
  return ok(await scopedPage<R, V>(collection, where, input, (r) => view(r, c, actor), 'asc'))
}

export const main = defineFunction({
  name: 'membership',
  event: membershipEvent,
  actions: {
    // --- worker -------------------------------------------------------------------------------

    employers: {
      access: 'signed-in',
      async run({ input }) {
        const list = await searchEmployers(input.q || undefined, 20)
        const orgs = await orgsOf(list.map((e) => e.unionOrgId))
        const employers: EmployerOption[] = list.map((e) => ({
          id: e._id,
          name: e.name,
          district: e.district ?? null,
          unionName: e.unionOrgId ? (orgs.get(e.unionOrgId)?.name ?? null) : null,
        }))
        return ok({ employers })
      },
    },

    check: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        const app = input.application
        const prepared = await prepareApplication(caller, app)
        if (!prepared.ok) return prepared
        const { person, rules, routed } = prepared.data
        const facts = await personFacts(plainReader(), person.personKey, caller.openid)
        if (facts.takenByOther) return failWith(MEMBERSHIP_ERR.ID_TAKEN)
        const issues = issuesOf(app, person.birth, facts, now, rules)
        const { route, org, work } = routed
        const c: ViewContext = { orgs: new Map([[org._id, org]]), cal: await workCalendar(), now }
        const due = deadlineAfter(c.cal, now, rules.replyWorkingDays)
        return ok<CheckReply>({
          eligible: issues.length === 0,
          issues,
          route: issues.length === 0 ? routeView(route.orgId, c, work) : null,
          offerTransfer: issues.some((i) => i.code === 'ALREADY_MEMBER'),
          replyWorkingDays: rules.replyWorkingDays,
          dueDate: due.dueDate,
          dueLabel: dateLabel(due.dueDate, now),
          privacyNote: EMPLOYER_NOT_TOLD,
        })
      },
    },

    apply: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        const app = input.application
        const prepared = await prepareApplication(caller, app)
        if (!prepared.ok) return prepared
        const { person, rules, routed } = prepared.data
        const content = await textsRisky(caller, workTexts(app))
        if (content.risky) return riskyReply()
        const identity = await setIdentity(caller.openid, person.value, caller, now)
        if (!identity.ok) return identity.error.code === PRIVACY_ERR.IDENTITY_TAKEN.code ? failWith(MEMBERSHIP_ERR.ID_TAKEN) : identity
        const cal = await workCalendar()
        const { personKey, value, birth, sex } = person
        const { org, work } = routed
        return submitOnce(caller, 'membership.apply', input.key, app, async (tx, at) => {
          const facts = await personFacts(tx, personKey, caller.openid)
          if (facts.takenByOther) return failWith(MEMBERSHIP_ERR.ID_TAKEN)
          const issues = issuesOf(app, birth, facts, at, rules)
          if (issues.length) return refusal(issues)
          const id = randomId()
          const record: ApplicationRecord = {
            _id: id,
            type: APPLICATION_TYPE,
            ownerOpenid: caller.openid,
            orgId: org._id,
            orgPath: pathOf(org),
            state: 'submitted',
            version: 1,
            createdAt: at,
            updatedAt: at,
            history: [],
            ...work,
            personKey,
            idEnc: encrypt(value, id),
            maskedId: maskIdNumber(value),
            birthDate: isoDay(birth),
            sex,
            name: app.name,
            phone: app.phone,
            incomeSource: app.incomeSource,
            dueDate: deadlineAfter(cal, at, rules.replyWorkingDays).dueDate,
            flagged: content.review,
            ...undecidedApplication(),
          }
          await tx.collection(APPLICATIONS).add({ data: { ...record } })
          await setPerson(tx, personKey, facts.person, { openApplicationId: id }, at)
          await tx.collection('audit').add({
            data: auditRecord(caller, { action: `${APPLICATION_TYPE}.submit`, target: { type: APPLICATION_TYPE, id }, orgId: org._id, to: 'submitted', detail: { route: work.routeReason } }, at),
          })
          return ok(submitReply(record, org.name, at))
        })
      },
    },

    mine: {
      access: 'signed-in',
      async run({ caller, now }) {
        const [membership, application, transfers, rules] = await Promise.all([
          activeMembershipOf(caller.openid),
          latestApplicationOf(caller.openid),
          transfersOf(caller.openid, 10),
          loadRules(),
        ])
        const ids = [...(membership ? orgIdsOf(membership) : []), ...(application ? orgIdsOf(application) : []), ...transfers.flatMap(orgIdsOf)]
        const c = await viewContext(now, ids)
        return ok<MineReply>({
          member: membership ? await cardView(membership, c) : null,
          application: application ? applicationView(application, c, await proofPhotos(application)) : null,
          transfers: transfers.map((t) => transferView(t, c)),
          replyWorkingDays: rules.replyWorkingDays,
          minAge: rules.minAge,
        })
      },
    },

    resubmit: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        const own = await ownRequest<ApplicationRecord>(caller, APPLICATIONS, APPLICATION_TYPE, input.id)
        if (!own.ok) return own
        const current = own.data
        const changes = input.changes
        const rules = await loadRules()
        // only the income source can make a resubmission ineligible (the ID number, so the age, stays)
        const [y, m, d] = current.birthDate.split('-').map(Number)
        const issues = issuesOf({ ...changes, charterAccepted: true }, { year: y, month: m, day: d }, NO_FACTS, now, rules)
        if (issues.length) return refusal(issues)
        const routed = await routeWork(changes, rules)
        if (!routed.ok) return routed
        const content = await textsRisky(caller, [...workTexts(changes), input.note])
        if (content.risky) return riskyReply()
        // the same work facts keep the union (also one staff chose); changed ones are routed again
        const reroute = sameWork(changes, current) ? null : routed.data
        const org = reroute?.org ?? (await findOrg(current.orgId))
        const cal = await workCalendar()
        const proof = input.proofFileIds ?? []
        let dueDate = current.dueDate
        const r = await applicationStep(caller, input, 'resubmit', ownerOf(caller), {
          async patch(doc, at, tx) {
            if (proof.length) {
              const attached = await attachFiles(caller.openid, proof, { type: APPLICATION_TYPE, id: doc._id }, tx, { purposes: ['work_proof'] })
              if (!attached.ok) throw new Rollback(attached as Envelope<never>)
            }
            dueDate = deadlineAfter(cal, at, rules.replyWorkingDays).dueDate
            const work = reroute
              ? { ...reroute.work, orgId: reroute.org._id, orgPath: pathOf(reroute.org), reassigned: false }
              : { ...routed.data.work, routeReason: doc.routeReason }
            return {
              ...work,
              name: changes.name,
              phone: changes.phone ?? doc.phone,
              incomeSource: changes.incomeSource,
              flagged: content.review || doc.flagged === true,
              dueDate,
              proofFileIds: [...new Set([...(doc.proofFileIds ?? []), ...proof])],
              ...stepNote(doc, input.note),
            }
          },
        })
        if (!r.ok) return r
        return ok(submitReply({ _id: r.data.id, state: r.data.state, version: r.data.version, dueDate }, org?.name ?? '工会', now))
      },
    },

    withdraw: {
      access: 'signed-in',
      async run({ caller, input }) {
        const own = await ownRequest<ApplicationRecord>(caller, APPLICATIONS, APPLICATION_TYPE, input.id)
        if (!own.ok) return own
        return applicationStep(caller, input, 'withdraw', ownerOf(caller), {
          async patch(doc, at, tx) {
            await unlink(tx, doc.personKey, 'openApplicationId', doc._id, at)
            return {}
          },
        }) as Promise<Envelope<DecisionReply>>
      },
    },

    card: {
      access: 'signed-in',
      async run({ caller, now }) {
        const m = await activeMembershipOf(caller.openid)
        if (!m) return failWith(MEMBERSHIP_ERR.NOT_MEMBER)
        return ok(await cardView(m, await viewContext(now, orgIdsOf(m))))
      },
    },

    checkTransfer: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        const m = await activeMembershipOf(caller.openid)
        if (!m) return failWith(MEMBERSHIP_ERR.NOT_MEMBER)
        const routed = await routeWork(input.target, await loadRules())
        if (!routed.ok) return routed
        if (routed.data.org._id === m.orgId) return failWith(MEMBERSHIP_ERR.SAME_ORG)
        return ok(routeView(routed.data.org._id, await viewContext(now, [routed.data.org._id]), routed.data.work))
      },
    },

    requestTransfer: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        const m = await activeMembershipOf(caller.openid)
        if (!m) return failWith(MEMBERSHIP_ERR.NOT_MEMBER)
        const routed = await routeWork(input.target, await loadRules())
        if (!routed.ok) return routed
        const { org, work } = routed.data
        if (org._id === m.orgId) return failWith(MEMBERSHIP_ERR.SAME_ORG)
        const content = await textsRisky(caller, workTexts(input.target))
        if (content.risky) return riskyReply()
        const c = await viewContext(now, [org._id, m.orgId])
        return submitOnce(caller, 'membership.transfer', input.key, { target: input.target, reason: input.reason }, async (tx, at) => {
          const current = await txGet<MembershipRecord>(tx, MEMBERSHIPS, m._id)
          const person = await personIn(tx, m._id)
          if (!current || current.status !== 'active' || current.ownerOpenid !== caller.openid) return failWith(MEMBERSHIP_ERR.NOT_MEMBER)
          if (person?.openTransferId) return failWith(MEMBERSHIP_ERR.TRANSFER_OPEN)
          if (current.orgId === org._id) return failWith(MEMBERSHIP_ERR.SAME_ORG)
          const id = randomId()
          const record: TransferRecord = {
            _id: id,
            type: TRANSFER_TYPE,
            ownerOpenid: caller.openid,
            orgId: org._id,
            orgPath: pathOf(org),
            state: 'requested',
            version: 1,
            createdAt: at,
            updatedAt: at,
            history: [],
            ...work,
            membershipId: current._id,
            membershipVersion: current.version,
            memberNo: current.memberNo,
            name: current.name,
            maskedId: current.maskedId,
            fromOrgId: current.orgId,
            fromOrgPath: current.orgPath,
            reason: input.reason,
            flagged: content.review,
            rejectReason: null,
            rejectNote: null,
            steps: [],
            decidedAt: null,
          }
          await tx.collection(TRANSFERS).add({ data: { ...record } })
          await setPerson(tx, current._id, person, { openTransferId: id, membershipId: current._id }, at)
          await tx.collection('audit').add({
            data: auditRecord(caller, { action: `${TRANSFER_TYPE}.request`, target: { type: TRANSFER_TYPE, id }, orgId: org._id, to: 'requested', detail: { fromOrgId: current.orgId } }, at),
          })
          return ok<TransferView>(transferView(record, c))
        })
      },
    },

    withdrawTransfer: {
      access: 'signed-in',
      async run({ caller, input }) {
        const own = await ownRequest<TransferRecord>(caller, TRANSFERS, TRANSFER_TYPE, input.id)
        if (!own.ok) return own
        return transferStep(caller, input, 'withdraw', ownerOf(caller), {
          async patch(doc, at, tx) {
            await unlink(tx, doc.membershipId, 'openTransferId', doc._id, at)
            return { decidedAt: at }
          },
        }) as Promise<Envelope<DecisionReply>>
      },
    },

    // --- staff --------------------------------------------------------------------------------

    queue: {
      access: STAFF,
      async run({ caller, input, now }) {
        const filter = input.filter ?? 'open'
        const states = filter === 'submitted' ? ['submitted'] : filter === 'open' ? OPEN : filter === 'needs_info' ? ['needs_info'] : filter === 'decided' ? DECIDED : null
        return staffPage<ApplicationRecord, ReturnType<typeof applicationRow>>(caller, 'queue', APPLICATIONS, states, input, (a, c) => applicationRow(a, c), now)
      },
    },

    detail: {
      access: STAFF,
      async run({ caller, input, now }) {
        const held = await heldInScope<ApplicationRecord>(caller, APPLICATIONS, APPLICATION_TYPE, input.id)
        if (!held.ok) return held
        const a = held.data
        const allOrgs = await listReachableOrgs({ role: 'admin', orgId: null })
        const c: ViewContext = { orgs: new Map(allOrgs.map((o) => [o._id, o])), cal: await workCalendar(), now }
        return ok(applicationDetail(a, c, staffActor(scopeOf(caller)), await proofPhotos(a), allOrgs))
      },
    },

    decide: {
      access: STAFF,
      async run({ caller, input }) {
        const held = await heldInScope<ApplicationRecord>(caller, APPLICATIONS, APPLICATION_TYPE, input.id)
        if (!held.ok) return held
        if ((await textsRisky(caller, [input.note])).risky) return riskyReply()
        const actor = staffActor(scopeOf(caller))
        const rules = await loadRules()
        const orgName = (await findOrg(held.data.orgId))?.name ?? '工会'
        const items = input.decision === 'ask' ? [...new Set(input.items ?? [])] : []
        const reason = input.decision === 'reject' ? input.reason : input.decision === 'ask' && items.length ? items.join(',') : undefined
        let memberNo: string | undefined
        const r = await applicationStep(caller, input, input.decision, () => actor, {
          reason,
          async patch(doc, at, tx) {
            const base = { ...stepNote(doc, input.note), decidedBy: caller.openid }
            if (input.decision === 'ask') return { ...base, askedItems: items, askNote: input.note ?? null }
            if (input.decision === 'reject') {
              await unlink(tx, doc.personKey, 'openApplicationId', doc._id, at)
              return { ...base, rejectReason: input.reason ?? null, rejectNote: input.note ?? null, decidedAt: at }
            }
            memberNo = await approve(tx, doc, rules, at)
            return { ...base, memberNo, decidedAt: at }
          },
          notify: (doc, to) => applicationMessages(doc, to, { orgName, reason: input.decision === 'reject' ? input.reason : undefined, items }),
        })
        if (!r.ok) return r
        return ok<DecisionReply>({ ...r.data, ...(r.data.state === 'approved' && memberNo ? { memberNo } : {}) })
      },
    },

    reassign: {
      access: STAFF,
      async run({ caller, input }) {
        const held = await heldInScope<ApplicationRecord>(caller, APPLICATIONS, APPLICATION_TYPE, input.id)
        if (!held.ok) return held
        const to = await findOrg(input.toOrgId)
        if (!to) return failWith(MEMBERSHIP_ERR.ORG_NOT_FOUND, { toOrgId: MEMBERSHIP_ERR.ORG_NOT_FOUND.message })
        if (to._id === held.data.orgId) return fail(ERR.INVALID.code, '申请已经在这个工会了，请选另一个工会', { toOrgId: '申请已经在这个工会了，请选另一个工会' })
        if ((await textsRisky(caller, [input.note])).risky) return riskyReply()
        const [rules, cal] = await Promise.all([loadRules(), workCalendar()])
        const actor = staffActor(scopeOf(caller))
        return applicationStep(caller, input, 'reassign', () => actor, {
          patch: (doc, at) => ({
            orgId: to._id,
            orgPath: pathOf(to),
            reassigned: true,
            // the new union's deadline starts now
            dueDate: deadlineAfter(cal, at, rules.replyWorkingDays).dueDate,
            ...stepNote(doc, input.note, to._id),
          }),
        }) as Promise<Envelope<DecisionReply>>
      },
    },

    revealContact: {
      access: STAFF,
      async run({ caller, input }) {
        const held = await heldInScope<ApplicationRecord>(caller, APPLICATIONS, APPLICATION_TYPE, input.id)
        if (!held.ok) return held
        await writeAudit(caller, { action: 'privacy.reveal', target: { type: APPLICATION_TYPE, id: input.id }, orgId: held.data.orgId, reason: 'contact_applicant', detail: { field: 'phone' } })
        return ok<ContactReply>({ phone: groupPhone(held.data.phone) })
      },
    },

    verifyCard: {
      access: STAFF,
      async run({ caller, input }) {
        let m: MembershipRecord | null = null
        let check: CardCheck
        let via: 'qr' | 'number'
        let refusedAs: string | null = null
        if (input.code) {
          via = 'qr'
          const token = parseCardToken(input.code)
          if (!token && !looksLikeCard(input.code)) return failWith(MEMBERSHIP_ERR.CARD_INVALID, { code: MEMBERSHIP_ERR.CARD_INVALID.message })
          const found = token ? await membershipByMemberNo(token.memberNo) : null
          if (!token || !found || !tokenMatches(token, found)) {
            check = 'unknown'
            refusedAs = !token ? 'malformed' : found ? 'forged' : 'not_found'
          } else {
            m = found
            check = found.status !== 'active' ? 'ended' : token.cardVersion !== found.cardVersion ? 'outdated' : 'current'
          }
        } else if (input.memberNo) {
          via = 'number'
          const memberNo = parseMemberNo(input.memberNo)
          const message = '会员编号不对，请对照会员证再输入一遍'
          if (!memberNo) return fail(ERR.INVALID.code, message, { memberNo: message })
          m = await membershipByMemberNo(memberNo)
          check = !m ? 'unknown' : m.status !== 'active' ? 'ended' : 'current'
        } else {
          const message = '请扫会员证上的二维码，或者输入会员编号'
          return fail(ERR.INVALID.code, message, { memberNo: message })
        }
        await writeAudit(caller, {
          action: 'membership.verifyCard',
          target: { type: 'membership', id: m?.memberNo ?? 'unknown' },
          orgId: m?.orgId ?? null,
          reason: refusedAs ?? undefined,
          detail: { check, via },
        })
        const org = m ? await findOrg(m.orgId) : null
        return ok<CardCheckReply>({
          check,
          label: CARD_CHECK_LABELS[check],
          memberNo: m?.memberNo ?? null,
          maskedName: m ? maskName(m.name) : null,
          orgName: m ? (org?.name ?? '工会') : null,
          joinedDate: m?.joinedDate ?? null,
        })
      },
    },

    members: {
      access: STAFF,
      async run({ caller, input, now }) {
        const scope = await memberScope(caller, input.orgId)
        if (!scope.ok) return scope
        const size = input.pageSize ?? 20
        const offset = input.cursor ?? 0
        const docs = await listMembers(scope.data, input.orgId, input.q || undefined, offset, size + 1)
        const c = await viewContext(now, docs.map((m) => m.orgId))
        return ok<Page<MemberRow>>({ items: docs.slice(0, size).map((m) => memberRow(m, c)), nextCursor: docs.length > size ? offset + size : null })
      },
    },

    exportMembers: {
      access: STAFF,
      async run({ caller, input, now }) {
        const scope = await memberScope(caller, input.orgId)
        if (!scope.ok) return scope
        const docs = await allMembers(scope.data, input.orgId, EXPORT_MAX_ROWS)
        const c = await viewContext(now, docs.map((m) => m.orgId))
        const rows = docs.map((m) => memberRow(m, c))
        const content = await membersWorkbook(rows)
        await writeAudit(caller, {
          action: 'membership.export',
          target: { type: 'memberExport', id: input.orgId ?? 'scope' },
          orgId: input.orgId ?? caller.user?.orgId ?? null,
          detail: { rows: rows.length, capped: rows.length >= EXPORT_MAX_ROWS },
        })
        return ok<ExportReply>({ fileName: exportFileName(shanghaiDate(now)), contentBase64: content.toString('base64'), rows: rows.length })
      },
    },

    transfers: {
      access: STAFF,
      async run({ caller, input, now }) {
        const filter = input.filter ?? 'open'
        const states = filter === 'open' ? ['requested'] : filter === 'decided' ? ['accepted', 'rejected', 'withdrawn'] : null
        return staffPage<TransferRecord, TransferRow>(caller, 'transfers', TRANSFERS, states, input, (t, c, actor) => transferRow(t, c, actor), now)
      },
    },

    decideTransfer: {
      access: STAFF,
      async run({ caller, input }) {
        const held = await heldInScope<TransferRecord>(caller, TRANSFERS, TRANSFER_TYPE, input.id)
        if (!held.ok) return held
        if ((await textsRisky(caller, [input.note])).risky) return riskyReply()
        const actor = staffActor(scopeOf(caller))
        const toName = (await findOrg(held.data.orgId))?.name ?? '工会'
        return transferStep(caller, input, input.decision, () => actor, {
          reason: input.decision === 'reject' ? input.reason : undefined,
          async patch(doc, at, tx) {
            await unlink(tx, doc.membershipId, 'openTransferId', doc._id, at)
            const base = { ...stepNote(doc, input.note), decidedAt: at, decidedBy: caller.openid }
            if (input.decision === 'reject') return { ...base, rejectReason: input.reason ?? null, rejectNote: input.note ?? null }
            await moveMembership(tx, doc, at)
            return base
          },
          notify: (doc, to) =>
            to === 'accepted' || to === 'rejected'
              ? [
                  outboxItem(doc.ownerOpenid, 'decided', 'subpackages/join/pages/card/index', {
                    thing1: '转会申请',
                    phrase2: to === 'accepted' ? '已转入' : '没有接收',
                    thing3: toName,
                    thing4: to === 'accepted' ? '打开小程序看新的会员证' : transferRejectText(input.decision === 'reject' ? input.reason : null),
                  }),
                ]
              : [],
        }) as Promise<Envelope<DecisionReply>>
      },
    },

    // --- rule tables --------------------------------------------------------------------------

    settings: {
      access: STAFF,
      async run({ now }) {
        return ok(await settingsReply(now))
      },
    },

    setCalendar: {
      access: ['admin'],
      async run({ caller, input, now }) {
        const cal = input.calendar
        // The calendar, its numbered version and the audit entry are kept together or not at all.
        await inTransaction(async (tx) => {
          const saved = await saveCalendar(tx, cal, now, caller.openid)
          const version = await recordRuleVersion(tx, 'calendar', saved, caller, now)
          await tx.collection('audit').add({
            data: auditRecord(caller, { action: 'membership.setCalendar', target: { type: 'calendar', id: String(cal.year) }, detail: { holidays: saved.holidays.length, workdays: saved.workdays.length, version } }, now),
          })
        })
        return ok(await settingsReply(now))
      },
    },
  },
})

/** Staff scope of member lists, narrowed to one reachable org when asked (another org: audited refusal). */
async function memberScope(caller: Caller, orgId: string | undefined): Promise<Envelope<Record<string, unknown>>> {
  const scope = requestScope(caller)
  if (!scope) return deny(caller, { type: 'function', id: 'membership.members' })
  if (orgId) {
    const org = await findOrg(orgId)
    if (!org || !canReachOrg(scopeOf(caller), { id: org._id, path: org.path })) return deny(caller, { type: 'org', id: orgId })
  }
  return ok(scope)
}

/**
 * Approval inside decide()'s transaction (database work only): the next member number from the
 * year's counter, the membership, the person's links. Returns the member number.
 */
async function approve(tx: Tx, doc: ApplicationRecord, rules: MembershipRules, at: Date): Promise<string> {
  const existing = await txGet<MembershipRecord>(tx, MEMBERSHIPS, doc.personKey)
  // made from this application: a concurrent approval committed while this one was reading
  if (existing?.status === 'active') throw new Rollback(failWith(existing.applicationId === doc._id ? REQUEST_ERRORS.ALREADY_DECIDED : MEMBERSHIP_ERR.ALREADY_MEMBER))
  const year = shanghaiDateParts(at).year
  const memberNo = existing?.memberNo ?? formatMemberNo(rules.memberNoPrefix, year, await nextMemberSeq(tx, rules.memberNoPrefix, year, at))
  const value = decrypt(doc.idEnc, doc._id)
  const membership: Omit<MembershipRecord, '_id'> = {
    ownerOpenid: doc.ownerOpenid,
    name: doc.name,
    idEnc: encrypt(value, doc.personKey),
    maskedId: doc.maskedId,
    birthDate: doc.birthDate,
    sex: doc.sex,
    memberNo,
    orgId: doc.orgId,
    orgPath: doc.orgPath,
    status: 'active',
    cardVersion: (existing?.cardVersion ?? 0) + 1,
    version: (existing?.version ?? 0) + 1,
    joinedAt: at,
    joinedDate: shanghaiDate(at),
    employmentType: doc.employmentType,
    migrant: doc.migrant,
    applicationId: doc._id,
    history: [...(existing?.history ?? []), { at, kind: 'joined', orgId: doc.orgId, fromOrgId: null }],
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  }
  await tx.collection(MEMBERSHIPS).doc(doc.personKey).set({ data: { ...membership } })
  const person = await personIn(tx, doc.personKey)
  await setPerson(tx, doc.personKey, person, { openApplicationId: null, membershipId: doc.personKey }, at)
  return memberNo
}

/** Accepting a transfer (inside its transaction): the membership moves unless it changed since the request; the card is reissued. */
async function moveMembership(tx: Tx, t: TransferRecord, at: Date): Promise<void> {
  const m = await txGet<MembershipRecord>(tx, MEMBERSHIPS, t.membershipId)
  if (!m || m.status !== 'active' || m.version !== t.membershipVersion) throw new Rollback(failWith(REQUEST_ERRORS.STALE))
  await tx.collection(MEMBERSHIPS).doc(m._id).update({
    data: {
      orgId: t.orgId,
      orgPath: t.orgPath,
      cardVersion: m.cardVersion + 1,
      version: m.version + 1,
      employmentType: t.employmentType,
      migrant: t.migrant,
      history: [...m.history, { at, kind: 'transferred', orgId: t.orgId, fromOrgId: m.orgId }],
      updatedAt: at,
    },
  })
}
