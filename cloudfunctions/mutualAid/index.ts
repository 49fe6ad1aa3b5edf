/**
 * 职工互助保障 (RULES.md §3, §5; TRUST.md "Money and decisions"): workers see which plans cover them,
 * check a claim before submitting (eligibility and the payout with its arithmetic, computed here from the
 * rule version of the event date), submit with documents and the bank card, and follow the claim; staff
 * import units' enrollment lists, review claims in two steps (grassroots checks, the federation approves
 * the computed amount or overrides it), mark them paid and export them; admins keep the rule tables.
 * The annual cap and "one payout per event" live on one ledger per member, plan and year, written in the
 * approving transaction. The contract is src/domain/mutual-aid/CONTRACT.md.
 */
import { defineFunction, deny, type Caller } from '../_lib/handler'
import { database } from '../_lib/cloud'
import { auditRecord, writeAudit } from '../_lib/audit.repo'
import { undecidedClaim } from '../_lib/undecided'
import { checkTexts } from '../_lib/content-security'
import { requireConsent } from '../_lib/consents.repo'
import { assertKeys, blindIndex, decrypt, encrypt, randomId } from '../_lib/crypto'
import { attachedUrls, attachFiles, findFilesByIds, type Tx as FilesTx } from '../_lib/files.repo'
import { findOrg, findOrgsByIds, type OrgRecord } from '../_lib/orgs.repo'
import { listStaff } from '../_lib/staff.repo'
import { decide, REQUEST_ERRORS, submitOnce, type DecideOptions } from '../_lib/requests'
import { heldInScope, listOwn, ownerOf, ownRequest, reachesPath, requestScope, scopedPage, scopeOf } from '../_lib/stations.requests'
import { inTransaction, Rollback, txGet, type Tx } from '../_lib/transaction'
import { recordRuleVersion } from '../_lib/rule-versions'
import { decodeBase64, readSpreadsheet } from '../_lib/stations.import'
import { pathOf, plainReader } from '../_lib/membership.repo'
import { aidAsked, ASK_NOTE, claimRejectText, outboxItem, replyBy } from '../_lib/notify.messages'
import type { OutboxItem } from '../_lib/outbox'
import {
  addOnceGuard,
  allClaims,
  CLAIM_TYPE,
  CLAIMS,
  claimLockIn,
  ENROLLMENTS,
  enrollmentsByIds,
  enrollmentsOf,
  IMPORTS,
  ledgerIn,
  listEnrollments,
  loadVersions,
  memberKeyOf,
  onceGuardIn,
  releaseClaimLock,
  saveVersion,
  setClaimLock,
  writeLedger,
  type ClaimRecord,
  type EnrollmentRecord,
} from '../_lib/mutual-aid.repo'
import {
  assessView,
  byPlanOrder,
  claimFacts,
  claimRow,
  claimsExportName,
  claimsWorkbook,
  claimView,
  claimTimeline,
  enrollmentRow,
  groupBankCard,
  myPlanCoverage,
  planView,
  reviewActions,
  type AidContext,
} from '../_lib/mutual-aid.views'
import { fail, failWith, ok, type Envelope } from '../../src/domain/envelope'
import { ERR } from '../../src/domain/errors'
import { canReachOrg, staffActor } from '../../src/domain/auth/scope'
import { CONTENT_RISKY } from '../../src/domain/privacy/content-check'
import { PRIVACY_ERR } from '../../src/domain/privacy/privacy.schema'
import { maskIdNumber } from '../../src/domain/privacy/mask'
import { parseIdNumber } from '../../src/domain/identity/idcard'
import { FILE_PURPOSES, cleanFileName } from '../../src/domain/files/files.schema'
import { importErrorSummary } from '../../src/domain/stations/station.import'
import { shanghaiDate } from '../../src/domain/calendar/working-days'
import { EXPORT_MAX_ROWS } from '../../src/domain/membership/membership.constants'
import {
  applyApproval,
  applyPayment,
  assessClaim,
  coverageOn,
  eventKeyOf,
  ledgerYearOf,
  missingDocuments,
  overrideProblem,
  ruleVersionOn,
  versionEditable,
  yuan,
  type ClaimFacts,
  type PlanRuleVersion,
} from '../../src/domain/mutual-aid/mutual-aid.rules'
import { claimMachine, type ClaimAction } from '../../src/domain/mutual-aid/mutual-aid.machine'
import type { Actor } from '../../src/domain/requests/state-machine'
import { asRuleVersion, checkEnrollmentSheet, enrollmentKey, type ImportRowError } from '../../src/domain/mutual-aid/mutual-aid.schema'
import {
  CLAIM_STATE_LABELS,
  DOC_KIND_LABELS,
  DOC_KIND_PURPOSES,
  IMPORT_MAX_ROWS,
  MUTUAL_AID_ERR,
  OVERRIDE_REASONS,
  type ClaimState,
  type DocKind,
} from '../../src/domain/mutual-aid/mutual-aid.constants'
import {
  mutualAidEvent,
  type ClaimQueueFilter,
  type ClaimReview,
  type CoverageReply,
  type DecisionReply,
  type ImportReply,
  type MyPlanCoverage,
  type Page,
  type RulesReply,
  type SubmitClaimReply,
} from '../../src/domain/mutual-aid/mutual-aid.api'

const STAFF = ['grassroots_staff', 'federation_staff', 'admin'] as const
const PAYERS = ['federation_staff', 'admin'] as const
const FN = 'mutualAid'

const IDENTITY_MISSING = { code: PRIVACY_ERR.IDENTITY_NOT_FOUND.code, message: '请先在「我的信息」里填写身份证号：工会按身份证号查你参加的保障' }

type Docs = Partial<Record<DocKind, string[]>>

const noteRisky = (caller: Caller, note: string | undefined) => checkTexts(caller.openid, [note], 'profile')

async function aidContext(now: Date, orgIds: Array<string | null | undefined>): Promise<AidContext> {
  return { orgs: await findOrgsByIds(orgIds.filter((id): id is string => typeof id === 'string')), now }
}

const stepNote = (doc: Pick<ClaimRecord, 'version' | 'steps'>, note: string | undefined) => ({ steps: [...(doc.steps ?? []), { version: doc.version + 1, note: note ?? null }] })

// ---------------------------------------------------------------------------------------------------
// Judging a claim (the same code before submitting, on submission, in review and on approval)

interface JudgeInput {
  memberKey: string
  planId: string
  facts: ClaimFacts
  /** The window is judged on this day: today for a new claim, the submission day afterwards. */
  today: string | Date
  versions: PlanRuleVersion[]
  enrollments: EnrollmentRecord[]
  /** Judge as if this (approved) claim were not booked yet: what review of a decided claim shows. */
  without?: ClaimRecord
}

/** Reads the member's ledger of the event's year and the once-only guard through `reader` (a transaction or the database) and assesses. */
async function judge(reader: Tx, j: JudgeInput) {
  const { key, once } = eventKeyOf(j.facts)
  let ledger = await ledgerIn(reader, j.memberKey, j.planId, ledgerYearOf(j.facts.eventDate))
  const guard = once ? await onceGuardIn(reader, j.memberKey, j.planId, key) : null
  const w = j.without
  if (w && w.approvedFen !== null && ledger.events.includes(w.eventKey)) {
    ledger = { ...ledger, approvedFen: ledger.approvedFen - w.approvedFen, paidFen: Math.max(0, ledger.paidFen - (w.paidFen ?? 0)), events: ledger.events.filter((e) => e !== w.eventKey) }
  }
  const paidOnce = guard && guard.claimId !== w?._id ? [key] : []
  const result = assessClaim({ versions: j.versions, enrollments: j.enrollments, planId: j.planId, claim: j.facts, today: j.today, ledger, paidOnce })
  return { result, ledger }
}

/** The version of each plan in force on a day, in the order of the plan kinds. */
const inForceOn = (versions: PlanRuleVersion[], day: Date) => [...new Set(versions.map((v) => v.planId))].flatMap((id) => ruleVersionOn(versions, id, day) ?? []).sort(byPlanOrder)

const planMissing = (versions: PlanRuleVersion[], planId: string) =>
  versions.some((v) => v.planId === planId) ? null : failWith(MUTUAL_AID_ERR.PLAN_NOT_FOUND, { 'claim.planId': MUTUAL_AID_ERR.PLAN_NOT_FOUND.message })

/** An assessment that could not be made (no rule version that day, a future date, a plan of another kind), on its field. */
const cannotAssess = (e: { code: string; message: string }) => fail(e.code, e.message, { [e.code === MUTUAL_AID_ERR.PLAN_NOT_FOUND.code ? 'claim.planId' : 'claim.eventDate']: e.message })

const notEligible = (reasons: string[]) => fail(MUTUAL_AID_ERR.NOT_ELIGIBLE.code, reasons.join('；') || MUTUAL_AID_ERR.NOT_ELIGIBLE.message)

/** Medical documents among those attached need the separate medical consent (the `files` purposes say which). */
const attachesMedical = (docs: Docs) => (Object.entries(docs) as Array<[DocKind, string[]]>).some(([kind, ids]) => ids.length > 0 && FILE_PURPOSES[DOC_KIND_PURPOSES[kind]].consent === 'medical_documents')

async function consentsFor(caller: Caller, docs: Docs, bankCard: boolean): Promise<Envelope<never> | null> {
  if (bankCard) {
    const refused = await requireConsent(caller.openid, 'bank_card')
    if (refused) return refused
  }
  return attachesMedical(docs) ? requireConsent(caller.openid, 'medical_documents') : null
}

/** Attaches the caller's uploads to the claim, each kind only with files uploaded for that kind's purpose (inside the transaction). */
async function attachDocuments(caller: Caller, docs: Docs, claimId: string, tx: Tx): Promise<Envelope<unknown>> {
  for (const [kind, ids] of Object.entries(docs) as Array<[DocKind, string[]]>) {
    if (!ids.length) continue
    const r = await attachFiles(caller.openid, ids, { type: CLAIM_TYPE, id: claimId }, tx as unknown as FilesTx, { purposes: [DOC_KIND_PURPOSES[kind]] })
    if (!r.ok) return r
  }
  return ok(null)
}

function docsMissing(missing: DocKind[]): Envelope<never> {
  const labels = missing.map((d) => DOC_KIND_LABELS[d])
  return fail(MUTUAL_AID_ERR.DOCS_MISSING.code, `${MUTUAL_AID_ERR.DOCS_MISSING.message}：${labels.join('、')}`, Object.fromEntries(missing.map((d) => [`claim.documents.${d}`, `请上传${DOC_KIND_LABELS[d]}`])))
}

const mergeDocs = (a: Docs, b: Docs): Docs => {
  const out: Docs = { ...a }
  for (const [kind, ids] of Object.entries(b) as Array<[DocKind, string[]]>) out[kind] = [...new Set([...(out[kind] ?? []), ...ids])]
  return out
}

// ---------------------------------------------------------------------------------------------------
// Steps of a claim

type StepOptions = Pick<DecideOptions<ClaimState, ClaimAction, ClaimRecord>, 'reason' | 'patch' | 'notify'>

/** One transition of a claim (decide(): compare-and-set on state and the version the person saw, audit, outbox). */
const claimStep = (caller: Caller, input: { id: string; version: number }, action: ClaimAction, actorFor: (doc: ClaimRecord) => Actor | null, o: StepOptions) =>
  decide({ caller, collection: CLAIMS, id: input.id, machine: claimMachine, action, actorFor, expectedVersion: input.version, ...o })

/** The subscribe message of a step, to the claimant only (never to the unit or anyone else). */
const claimMessage =
  (o: { orgName: string | null | undefined; amountFen: () => number | null; items?: readonly string[]; rejectReason?: string | null; paidDate?: string }) =>
  (doc: ClaimRecord, to: ClaimState): OutboxItem[] => {
    const page = `subpackages/aid/pages/claim/index?id=${doc._id}`
    const subject = doc.planName
    const unit = o.orgName || '工会'
    const now = new Date()
    const amount = o.amountFen()
    switch (to) {
      case 'needs_docs':
        return [outboxItem(doc.ownerOpenid, 'needs_info', page, { thing1: subject, thing2: aidAsked(o.items ?? []), date3: replyBy(now, doc.windowLastDay), thing4: ASK_NOTE })]
      case 'grassroots_checked':
        return [outboxItem(doc.ownerOpenid, 'status_changed', page, { thing1: subject, phrase2: '基层已核对', thing3: unit, time4: now, thing5: '等总工会审批' })]
      case 'approved':
        return [outboxItem(doc.ownerOpenid, 'decided', page, { thing1: subject, phrase2: '已批准', thing3: unit, thing4: amount !== null ? `补助 ${(amount / 100).toFixed(2)}元，等打款` : '打开小程序看补助多少' })]
      case 'rejected':
        return [outboxItem(doc.ownerOpenid, 'decided', page, { thing1: subject, phrase2: '未通过', thing3: unit, thing4: claimRejectText(o.rejectReason) })]
      case 'paid':
        return amount !== null ? [outboxItem(doc.ownerOpenid, 'paid', page, { thing1: subject, amount2: amount, date3: o.paidDate ?? now, thing4: '补助已打款，请查收' })] : []
      default:
        return []
    }
  }

/** An org the staff member reaches; an unknown one or one out of scope is an audited refusal. */
async function reachableOrg(caller: Caller, orgId: string): Promise<Envelope<OrgRecord>> {
  const org = await findOrg(orgId)
  if (!org || !canReachOrg(scopeOf(caller), { id: org._id, path: org.path })) return deny(caller, { type: 'org', id: orgId })
  return ok(org)
}

/** Staff reach of a list, narrowed to one reachable org when asked. */
async function scopeWhere(caller: Caller, orgId: string | undefined, what: string): Promise<Envelope<Record<string, unknown>>> {
  const scope = requestScope(caller)
  if (!scope) return deny(caller, { type: 'function', id: `${FN}.${what}` })
  if (!orgId) return ok(scope)
  const org = await reachableOrg(caller, orgId)
  return org.ok ? ok({ ...scope, orgId }) : org
}

/** Queue filters: grassroots work on submitted claims; the federation on checked ones and on those of unions without staff here. */
async function queueWhere(caller: Caller, filter: ClaimQueueFilter): Promise<Record<string, unknown>> {
  const _ = database().command
  switch (filter) {
    case 'needs_docs':
      return { state: 'needs_docs' }
    case 'approved':
      return { state: 'approved' }
    case 'done':
      return { state: _.in(['paid', 'rejected', 'withdrawn']) }
    case 'all':
      return {}
    case 'todo': {
      if (caller.role === 'grassroots_staff') return { state: 'submitted' }
      const staffed = [...new Set((await listStaff(null)).filter((u) => u.role === 'grassroots_staff' && u.orgId).map((u) => u.orgId as string))]
      return _.or([{ state: 'grassroots_checked' }, { state: 'submitted', orgId: _.nin(staffed) }]) as unknown as Record<string, unknown>
    }
  }
}

// ---------------------------------------------------------------------------------------------------

export const main = defineFunction({
  name: FN,
  event: mutualAidEvent,
  actions: {
    // --- worker -------------------------------------------------------------------------------

    plans: {
      access: 'signed-in',
      async run({ now }) {
        return ok({ plans: inForceOn(await loadVersions(), now).map(planView) })
      },
    },

    coverage: {
      access: 'signed-in',
      async run({ caller, now }) {
        const versions = await loadVersions()
        const inForce = inForceOn(versions, now)
        const memberKey = await memberKeyOf(caller.openid)
        if (!memberKey) return ok<CoverageReply>({ identityMissing: true, plans: [], otherPlans: inForce.map(planView) })
        const enrollments = await enrollmentsOf(memberKey)
        const today = shanghaiDate(now)
        const year = Number(today.slice(0, 4))
        const plans: MyPlanCoverage[] = []
        for (const planId of [...new Set(enrollments.map((e) => e.planId))]) {
          const terms = enrollments.filter((e) => e.planId === planId)
          const rule = ruleVersionOn(versions, planId, today) ?? ruleVersionOn(versions, planId, terms[0].termStart)
          if (!rule) continue
          const cov = coverageOn(enrollments, planId, today, 'illness', rule)
          plans.push(myPlanCoverage(rule, terms, cov, await ledgerIn(plainReader(), memberKey, planId, year), today, now))
        }
        const order = new Map(inForce.map((r, i) => [r.planId, i]))
        plans.sort((a, b) => (order.get(a.planId) ?? 99) - (order.get(b.planId) ?? 99))
        return ok<CoverageReply>({ identityMissing: false, plans, otherPlans: inForce.filter((r) => !plans.some((p) => p.planId === r.planId)).map(planView) })
      },
    },

    assess: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        const memberKey = await memberKeyOf(caller.openid)
        if (!memberKey) return failWith(IDENTITY_MISSING)
        const { planId, facts, documents } = input.claim
        const [versions, enrollments] = await Promise.all([loadVersions(), enrollmentsOf(memberKey)])
        const missing = planMissing(versions, planId)
        if (missing) return missing
        const { result } = await judge(plainReader(), { memberKey, planId, facts, today: now, versions, enrollments })
        if (!result.ok) return cannotAssess(result)
        return ok(assessView(result.value, documents))
      },
    },

    submit: {
      access: 'signed-in',
      async run({ caller, input }) {
        assertKeys()
        const { planId, facts, documents } = input.claim
        const refused = await consentsFor(caller, documents, true)
        if (refused) return refused
        const memberKey = await memberKeyOf(caller.openid)
        if (!memberKey) return failWith(IDENTITY_MISSING)
        const [versions, enrollments] = await Promise.all([loadVersions(), enrollmentsOf(memberKey)])
        const missing = planMissing(versions, planId)
        if (missing) return missing
        const content = await noteRisky(caller, input.note)
        if (content.risky) return failWith(CONTENT_RISKY)
        const card = input.bankCard
        const payload = { claim: input.claim, card: blindIndex('card', card), note: input.note ?? null }
        return submitOnce<SubmitClaimReply>(caller, `${FN}.submit`, input.key, payload, async (tx, at) => {
          const { key } = eventKeyOf(facts)
          const lock = await claimLockIn(tx, memberKey, planId, key)
          if (lock?.openClaimId) return failWith(MUTUAL_AID_ERR.CLAIM_OPEN)
          const { result } = await judge(tx, { memberKey, planId, facts, today: at, versions, enrollments })
          if (!result.ok) return cannotAssess(result)
          const a = result.value
          if (!a.eligible || !a.payout || !a.coverage.enrollment) return a.refusal === 'already_paid' ? failWith(MUTUAL_AID_ERR.ALREADY_PAID) : notEligible(a.reasons)
          const lacking = missingDocuments(a.documents, documents)
          if (lacking.length) return docsMissing(lacking)
          const term = a.coverage.enrollment
          const unit = enrollments.find((e) => e.planId === planId && e.termStart === term.termStart)!
          const id = randomId()
          const attached = await attachDocuments(caller, documents, id, tx)
          if (!attached.ok) return attached as Envelope<never>
          const record: ClaimRecord = {
            _id: id,
            type: CLAIM_TYPE,
            ownerOpenid: caller.openid,
            orgId: unit.orgId,
            orgPath: unit.orgPath,
            state: 'submitted',
            version: 1,
            createdAt: at,
            updatedAt: at,
            history: [],
            memberKey,
            name: unit.name,
            maskedId: unit.maskedId,
            planId,
            planName: a.rule.name,
            kind: a.rule.kind,
            ruleFrom: a.rule.effectiveFrom,
            facts,
            eventDate: facts.eventDate,
            eventKey: a.payout.eventKey,
            once: a.payout.once,
            ledgerYear: ledgerYearOf(facts.eventDate),
            shares: term.shares,
            computedFen: a.payout.payoutFen,
            computedSteps: a.payout.steps,
            windowLastDay: a.window.lastDay,
            windowDueAt: a.window.dueAt,
            documents,
            bankCardEnc: encrypt(card, id),
            bankCardTail: card.slice(-4),
            note: input.note ?? null,
            flagged: content.review,
            ...undecidedClaim(),
          }
          await tx.collection(CLAIMS).add({ data: { ...record } })
          await setClaimLock(tx, record, id, at)
          await tx.collection('audit').add({
            data: auditRecord(caller, { action: `${CLAIM_TYPE}.submit`, target: { type: CLAIM_TYPE, id }, orgId: unit.orgId, to: 'submitted', detail: { planId, computedFen: record.computedFen } }, at),
          })
          return ok({ id, state: record.state, stateLabel: CLAIM_STATE_LABELS[record.state], version: 1, computedFen: record.computedFen })
        })
      },
    },

    myClaims: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        const size = input.pageSize ?? 20
        const offset = input.cursor ?? 0
        const docs = await listOwn<ClaimRecord>(CLAIMS, caller.openid, offset, size + 1)
        const ctx = await aidContext(now, docs.flatMap((c) => [c.orgId, ...(c.history ?? []).map((h) => h.orgId)]))
        return ok<Page<ReturnType<typeof claimView>>>({ items: docs.slice(0, size).map((c) => claimView(c, ctx)), nextCursor: docs.length > size ? offset + size : null })
      },
    },

    claimDetail: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        const own = await ownRequest<ClaimRecord>(caller, CLAIMS, CLAIM_TYPE, input.id)
        if (!own.ok) return own
        const c = own.data
        return ok(claimView(c, await aidContext(now, [c.orgId, ...(c.history ?? []).map((h) => h.orgId)])))
      },
    },

    resubmit: {
      access: 'signed-in',
      async run({ caller, input }) {
        const own = await ownRequest<ClaimRecord>(caller, CLAIMS, CLAIM_TYPE, input.id)
        if (!own.ok) return own
        const refused = await consentsFor(caller, input.documents, false)
        if (refused) return refused
        const content = await noteRisky(caller, input.note)
        if (content.risky) return failWith(CONTENT_RISKY)
        const r = await claimStep(caller, input, 'resubmit', ownerOf(caller), {
          async patch(doc, at, tx) {
            const lacking = missingDocuments(doc.askedDocuments, input.documents)
            if (lacking.length) throw new Rollback(docsMissing(lacking))
            const attached = await attachDocuments(caller, input.documents, doc._id, tx)
            if (!attached.ok) throw new Rollback(attached as Envelope<never>)
            return { documents: mergeDocs(doc.documents, input.documents), askedDocuments: [], askNote: null, flagged: content.review || doc.flagged, ...stepNote(doc, input.note) }
          },
        })
        if (!r.ok) return r
        return ok<SubmitClaimReply>({ id: r.data.id, state: r.data.state, stateLabel: CLAIM_STATE_LABELS[r.data.state], version: r.data.version, computedFen: own.data.computedFen })
      },
    },

    withdraw: {
      access: 'signed-in',
      async run({ caller, input }) {
        const own = await ownRequest<ClaimRecord>(caller, CLAIMS, CLAIM_TYPE, input.id)
        if (!own.ok) return own
        return claimStep(caller, input, 'withdraw', ownerOf(caller), {
          async patch(doc, at, tx) {
            await releaseClaimLock(tx, doc, at)
            return { decidedAt: at }
          },
        }) as Promise<Envelope<DecisionReply>>
      },
    },

    // --- staff: enrollments ---------------------------------------------------------------------

    importEnrollments: {
      access: STAFF,
      async run({ caller, input, now }) {
        assertKeys()
        const reached = await reachableOrg(caller, input.orgId)
        if (!reached.ok) return reached
        const org = reached.data
        const bytes = decodeBase64(input.contentBase64)
        if (!bytes || bytes.length === 0) return failWith(MUTUAL_AID_ERR.IMPORT_FILE_BAD)
        const read = await readSpreadsheet(input.fileName, bytes)
        if (!read.ok) return failWith(MUTUAL_AID_ERR.IMPORT_FILE_BAD)
        if (!read.table || read.table.rows.length === 0) return failWith(MUTUAL_AID_ERR.IMPORT_EMPTY)
        if (read.table.rows.length > IMPORT_MAX_ROWS) return failWith(MUTUAL_AID_ERR.IMPORT_TOO_LARGE)
        const versions = await loadVersions()
        const rowsInvalid = (errors: ImportRowError[]) =>
          fail(MUTUAL_AID_ERR.IMPORT_ROWS_INVALID.code, importErrorSummary(errors), Object.fromEntries(errors.map((e) => [`row:${e.row}:${e.column}`, e.message])))
        // every row is checked before anything is written
        const checked = checkEnrollmentSheet(read.table, versions)
        if (!checked.ok) return rowsInvalid(checked.errors)
        const rows = checked.rows.map((r) => {
          const memberKey = blindIndex('id', r.idNumber)
          return { ...r, memberKey, maskedId: maskIdNumber(r.idNumber), key: enrollmentKey(memberKey, r.planId, r.termStart) }
        })
        const path = pathOf(org)
        const plan = (existing: Map<string, EnrollmentRecord>) => {
          const foreign = rows.filter((r) => existing.has(r.key) && !reachesPath(caller, existing.get(r.key)!.orgPath))
          const changed = rows.filter((r) => {
            const cur = existing.get(r.key)
            return !cur || cur.name !== r.name || cur.shares !== r.shares || cur.termEnd !== r.termEnd || cur.orgId !== org._id
          })
          const created = changed.filter((r) => !existing.has(r.key)).length
          return { foreign, changed, counts: { created, updated: changed.length - created, unchanged: rows.length - changed.length } }
        }
        const foreignErrors = (foreign: typeof rows) => rowsInvalid(foreign.map((r) => ({ row: r.row, column: '身份证号', message: '这个人的这项保障已经由别的单位工会登记了，请核对' })))
        const existing = await enrollmentsByIds(rows.map((r) => r.key))
        const first = plan(existing)
        if (first.foreign.length) return foreignErrors(first.foreign)
        if (input.dryRun) return ok<ImportReply>({ dryRun: true, rows: rows.length, ...first.counts })

        // all rows in one transaction: every row is written or none
        const importId = randomId()
        try {
          const counts = await inTransaction(async (tx) => {
            // the rows to write are read again inside the transaction (a concurrent import of them conflicts)
            const current = new Map(existing)
            for (const r of first.changed) {
              const doc = await txGet<EnrollmentRecord>(tx, ENROLLMENTS, r.key)
              if (doc) current.set(r.key, doc)
              else current.delete(r.key)
            }
            const p = plan(current)
            if (p.foreign.length) throw new Rollback(foreignErrors(p.foreign))
            for (const r of p.changed) {
              const cur = current.get(r.key)
              const data: Omit<EnrollmentRecord, '_id'> = {
                rowId: cur?.rowId ?? randomId(),
                memberKey: r.memberKey,
                name: r.name,
                maskedId: r.maskedId,
                orgId: org._id,
                orgPath: path,
                planId: r.planId,
                shares: r.shares,
                termStart: r.termStart,
                termEnd: r.termEnd,
                importId,
                createdAt: cur?.createdAt ?? now,
                updatedAt: now,
              }
              await tx.collection(ENROLLMENTS).doc(r.key).set({ data: { ...data } })
            }
            await tx.collection(IMPORTS).add({ data: { _id: importId, orgId: org._id, orgPath: path, fileName: cleanFileName(input.fileName), byOpenid: caller.openid, rows: rows.length, ...p.counts, at: now } })
            await tx.collection('audit').add({ data: auditRecord(caller, { action: 'mutualAid.import', target: { type: 'aidImport', id: importId }, orgId: org._id, detail: { rows: rows.length, ...p.counts } }, now) })
            return p.counts
          })
          return ok<ImportReply>({ dryRun: false, rows: rows.length, ...counts })
        } catch (e) {
          if (e instanceof Rollback) return e.reply
          throw e
        }
      },
    },

    enrollments: {
      access: STAFF,
      async run({ caller, input, now }) {
        const scope = await scopeWhere(caller, input.orgId, 'enrollments')
        if (!scope.ok) return scope
        const q = input.q || undefined
        const id = q ? parseIdNumber(q) : null
        const filter = id?.ok ? { memberKey: blindIndex('id', id.info.value) } : { name: q }
        const size = input.pageSize ?? 20
        const offset = input.cursor ?? 0
        const [docs, versions] = await Promise.all([listEnrollments(scope.data, filter, offset, size + 1), loadVersions()])
        const ctx = await aidContext(now, docs.map((e) => e.orgId))
        const names = new Map(versions.map((v) => [v.planId, v.name]))
        return ok({ items: docs.slice(0, size).map((e) => enrollmentRow(e, ctx, names)), nextCursor: docs.length > size ? offset + size : null })
      },
    },

    // --- staff: claims --------------------------------------------------------------------------

    claimQueue: {
      access: STAFF,
      async run({ caller, input, now }) {
        const scope = requestScope(caller)
        if (!scope) return deny(caller, { type: 'function', id: `${FN}.claimQueue` })
        const states = await queueWhere(caller, input.filter ?? 'todo')
        const where = Object.keys(scope).length ? database().command.and([scope, states]) : states
        const page = await scopedPage<ClaimRecord, ClaimRecord>(CLAIMS, where as Record<string, unknown>, input, (c) => c, 'asc')
        const ctx = await aidContext(now, page.items.map((c) => c.orgId))
        return ok({ items: page.items.map((c) => claimRow(c, ctx)), nextCursor: page.nextCursor })
      },
    },

    claimReview: {
      access: STAFF,
      async run({ caller, input, now }) {
        const held = await heldInScope<ClaimRecord>(caller, CLAIMS, CLAIM_TYPE, input.id)
        if (!held.ok) return held
        const c = held.data
        const [versions, enrollments] = await Promise.all([loadVersions(), enrollmentsOf(c.memberKey)])
        const decided = c.state === 'approved' || c.state === 'paid'
        const { result } = await judge(plainReader(), { memberKey: c.memberKey, planId: c.planId, facts: c.facts, today: shanghaiDate(c.createdAt), versions, enrollments, without: decided ? c : undefined })
        if (!result.ok) return fail(result.code, result.message)
        const a = result.value
        const ctx = await aidContext(now, [c.orgId, ...(c.history ?? []).map((h) => h.orgId)])
        const fileIds = Object.values(c.documents).flat() as string[]
        const [urls, files] = await Promise.all([attachedUrls(fileIds, { type: CLAIM_TYPE, id: c._id }), findFilesByIds(fileIds)])
        const url = new Map(urls.map((u) => [u.fileId, u.url]))
        const documentFiles = (Object.entries(c.documents) as Array<[DocKind, string[]]>)
          .filter(([, ids]) => ids.length > 0)
          .map(([code, ids]) => ({ code, label: DOC_KIND_LABELS[code], files: ids.flatMap((fileId) => (url.has(fileId) ? [{ fileId, url: url.get(fileId)!, mime: files.get(fileId)?.mime ?? 'image/jpeg' }] : [])) }))
        return ok<ClaimReview>({
          ...claimRow(c, ctx),
          facts: claimFacts(c, a.rule),
          assessment: { ...assessView(a, c.documents), maxFen: a.payout?.maxFen ?? 0, annualRemainingFen: a.payout?.annualRemainingFen ?? 0, refusal: a.refusal },
          documentFiles,
          bankCardTail: `尾号 ${c.bankCardTail}`,
          history: claimTimeline(c, ctx, '申请人'),
          actions: reviewActions(c, staffActor(scopeOf(caller))),
        })
      },
    },

    decideClaim: {
      access: STAFF,
      async run({ caller, input }) {
        const held = await heldInScope<ClaimRecord>(caller, CLAIMS, CLAIM_TYPE, input.id)
        if (!held.ok) return held
        if ((await noteRisky(caller, input.note)).risky) return failWith(CONTENT_RISKY)
        const actor = staffActor(scopeOf(caller))
        const booking = input.decision === 'approve' || input.decision === 'override'
        const [versions, enrollments] = booking ? await Promise.all([loadVersions(), enrollmentsOf(held.data.memberKey)]) : [[], []]
        const items = input.decision === 'ask' ? [...new Set(input.items ?? [])] : []
        const reason =
          input.decision === 'reject' ? input.rejectReason : input.decision === 'override' ? input.overrideReason : input.decision === 'ask' && items.length ? items.join(',') : undefined
        let approvedFen: number | null = null
        const r = await claimStep(caller, input, input.decision, () => actor, {
          reason,
          async patch(doc, at, tx) {
            const base = { ...stepNote(doc, input.note), decidedBy: caller.openid }
            if (input.decision === 'check') return base
            if (input.decision === 'ask') return { ...base, askedDocuments: items, askNote: input.note ?? null }
            await releaseClaimLock(tx, doc, at)
            if (input.decision === 'reject') return { ...base, rejectReason: input.rejectReason ?? null, rejectNote: input.note ?? null, decidedAt: at }
            const booked = await bookApproval(tx, doc, { versions, enrollments, amountFen: input.decision === 'override' ? (input.amountFen ?? null) : undefined, at })
            approvedFen = booked.amountFen
            const override = input.decision === 'override' ? OVERRIDE_REASONS.find((o) => o.code === input.overrideReason) : undefined
            return {
              ...base,
              approvedFen: booked.amountFen,
              approvedSteps: override ? [...booked.steps, `工会核定补助 ${yuan(booked.amountFen)}（${override.label}）`] : booked.steps,
              overrideReason: override?.code ?? null,
              overrideNote: override ? (input.note ?? null) : null,
              decidedAt: at,
            }
          },
          notify: claimMessage({ orgName: caller.org?.name, amountFen: () => approvedFen, items, rejectReason: input.decision === 'reject' ? input.rejectReason : null }),
        })
        if (!r.ok) return r
        return ok<DecisionReply>({ ...r.data, ...(approvedFen !== null ? { approvedFen } : {}) })
      },
    },

    markPaid: {
      access: PAYERS,
      async run({ caller, input, now }) {
        const held = await heldInScope<ClaimRecord>(caller, CLAIMS, CLAIM_TYPE, input.id)
        if (!held.ok) return held
        if (input.paidDate > shanghaiDate(now)) return failWith(MUTUAL_AID_ERR.FUTURE_DATE, { paidDate: MUTUAL_AID_ERR.FUTURE_DATE.message })
        if (input.paidDate < shanghaiDate(held.data.createdAt)) return fail(ERR.INVALID.code, '打款日期不能早于申请日期，请核对', { paidDate: '打款日期不能早于申请日期，请核对' })
        const actor = staffActor(scopeOf(caller))
        let paidFen: number | null = null
        const r = await claimStep(caller, input, 'markPaid', () => actor, {
          async patch(doc, at, tx) {
            const ledger = await ledgerIn(tx, doc.memberKey, doc.planId, doc.ledgerYear)
            const paid = applyPayment(ledger, doc.eventKey, doc.approvedFen ?? 0)
            if (!paid.ok) throw await refusal(tx, doc, failWith(MUTUAL_AID_ERR.AMOUNT_INVALID))
            await writeLedger(tx, paid.ledger, at)
            paidFen = doc.approvedFen
            return { paymentRef: input.paymentRef, paidDate: input.paidDate, paidFen: doc.approvedFen, decidedBy: caller.openid }
          },
          notify: claimMessage({ orgName: caller.org?.name, amountFen: () => paidFen, paidDate: input.paidDate }),
        })
        if (!r.ok) return r
        return ok<DecisionReply>({ ...r.data, ...(paidFen !== null ? { approvedFen: paidFen } : {}) })
      },
    },

    revealBankCard: {
      access: PAYERS,
      async run({ caller, input }) {
        const held = await heldInScope<ClaimRecord>(caller, CLAIMS, CLAIM_TYPE, input.id)
        if (!held.ok) return held
        await writeAudit(caller, { action: 'privacy.reveal', target: { type: CLAIM_TYPE, id: input.id }, orgId: held.data.orgId, reason: 'mutual_aid_payment', detail: { field: 'bank_card' } })
        return ok({ bankCard: groupBankCard(decrypt(held.data.bankCardEnc, held.data._id)) })
      },
    },

    exportClaims: {
      access: STAFF,
      async run({ caller, input, now }) {
        const scope = await scopeWhere(caller, input.orgId, 'exportClaims')
        if (!scope.ok) return scope
        const claims = await allClaims({ ...scope.data, ...(input.year ? { ledgerYear: input.year } : {}) }, EXPORT_MAX_ROWS)
        const content = await claimsWorkbook(claims, await aidContext(now, claims.map((c) => c.orgId)))
        await writeAudit(caller, {
          action: 'mutualAid.export',
          target: { type: 'aidClaimExport', id: input.orgId ?? 'scope' },
          orgId: input.orgId ?? caller.user?.orgId ?? null,
          detail: { rows: claims.length, year: input.year ?? null, capped: claims.length >= EXPORT_MAX_ROWS },
        })
        return ok({ fileName: claimsExportName(input.year, shanghaiDate(now)), contentBase64: content.toString('base64'), rows: claims.length })
      },
    },

    // --- rule tables ----------------------------------------------------------------------------

    rules: {
      access: STAFF,
      async run({ now }) {
        return ok<RulesReply>({ versions: await loadVersions(), today: shanghaiDate(now) })
      },
    },

    saveRuleVersion: {
      access: ['admin'],
      async run({ caller, input, now }) {
        const rule = asRuleVersion(input.rule)
        const today = shanghaiDate(now)
        const locked = () => failWith(MUTUAL_AID_ERR.RULE_LOCKED, { 'rule.effectiveFrom': MUTUAL_AID_ERR.RULE_LOCKED.message })
        // a version in force judges claims: it is frozen, and a new one may not reach back into the past
        if (!versionEditable(rule, today)) return locked()
        const other = (await loadVersions()).find((v) => v.planId === rule.planId && v.kind !== rule.kind)
        if (other) return fail(ERR.INVALID.code, `「${other.name}」是另一种保障，不能改成别的类型；请新建一个保障项目`, { 'rule.kind': '同一个保障项目不能改类型' })
        try {
          await inTransaction(async (tx) => {
            const { existing } = await saveVersion(tx, rule, now, caller.openid)
            if (existing && !versionEditable(existing, today)) throw new Rollback(locked())
            const version = await recordRuleVersion(tx, 'mutualAid', rule, caller, now)
            await tx.collection('audit').add({
              data: auditRecord(caller, { action: 'mutualAid.saveRuleVersion', target: { type: 'aidPlan', id: `${rule.planId}_${rule.effectiveFrom}` }, detail: { created: existing === null, version } }, now),
            })
          })
        } catch (e) {
          if (e instanceof Rollback) return e.reply
          throw e
        }
        return ok<RulesReply>({ versions: await loadVersions(), today })
      },
    },
  },
})

/**
 * The Rollback for a refusal found on the ledger inside a decision's transaction. A transaction reads what
 * is committed when it reads, so the ledger may already hold a concurrent decision of this very claim:
 * then the claim has moved on too, and the answer is "already decided", not a refusal of the money.
 */
async function refusal(tx: Tx, doc: ClaimRecord, reply: Envelope<never>): Promise<Rollback> {
  const current = await txGet<ClaimRecord>(tx, CLAIMS, doc._id)
  if (current && current.version !== doc.version) return new Rollback(failWith(claimMachine.finals.includes(current.state) || current.state === 'approved' ? REQUEST_ERRORS.ALREADY_DECIDED : REQUEST_ERRORS.STALE))
  return new Rollback(reply)
}

/**
 * Books an approval inside decide()'s transaction (database work only): the payout recomputed from the
 * rule version of the event date and the ledger as read now; an override must fit under what this event
 * may still pay; the ledger, and the guard of a once-only event, are written with the claim — or the
 * whole decision rolls back with CAP_EXCEEDED / ALREADY_PAID when another approval took the room.
 */
async function bookApproval(
  tx: Tx,
  doc: ClaimRecord,
  o: { versions: PlanRuleVersion[]; enrollments: EnrollmentRecord[]; amountFen: number | null | undefined; at: Date },
): Promise<{ amountFen: number; steps: string[] }> {
  const { result, ledger } = await judge(tx, { memberKey: doc.memberKey, planId: doc.planId, facts: doc.facts, today: shanghaiDate(doc.createdAt), versions: o.versions, enrollments: o.enrollments })
  const refuse = (reply: Envelope<never>) => refusal(tx, doc, reply)
  if (!result.ok) throw await refuse(fail(result.code, result.message))
  const a = result.value
  const p = a.payout
  if (!p || !a.coverage.covered) throw await refuse(notEligible(a.reasons))
  if (p.refusal === 'already_paid') throw await refuse(failWith(MUTUAL_AID_ERR.ALREADY_PAID))
  if (p.refusal === 'annual_cap_reached') throw await refuse(failWith(MUTUAL_AID_ERR.CAP_EXCEEDED))
  let amount: number
  if (o.amountFen === undefined) {
    if (!a.eligible) throw await refuse(notEligible(a.reasons))
    amount = p.payoutFen
  } else {
    const field = (e: { code: string; message: string }, message = e.message) => refuse(fail(e.code, message, { amountFen: message }))
    if (o.amountFen === null) throw await field(MUTUAL_AID_ERR.AMOUNT_INVALID, '请填批准的金额')
    if (o.amountFen > 0 && o.amountFen > p.annualRemainingFen) throw await field(MUTUAL_AID_ERR.CAP_EXCEEDED)
    const problem = overrideProblem(o.amountFen, p)
    if (problem) throw await field(o.amountFen > 0 ? MUTUAL_AID_ERR.OVERRIDE_TOO_HIGH : MUTUAL_AID_ERR.AMOUNT_INVALID, problem)
    amount = o.amountFen
  }
  const booked = applyApproval(ledger, p.eventKey, amount, p.annualCapFen)
  if (!booked.ok) throw await refuse(fail(booked.code, booked.message))
  if (p.once) {
    if (await onceGuardIn(tx, doc.memberKey, doc.planId, p.eventKey)) throw await refuse(failWith(MUTUAL_AID_ERR.ALREADY_PAID))
    await addOnceGuard(tx, { ...doc, eventKey: p.eventKey }, o.at)
  }
  await writeLedger(tx, booked.ledger, o.at)
  return { amountFen: amount, steps: p.steps }
}
