/**
 * 工会法律援助 (RULES.md §2, §5; issue 7): workers keep a draft on the server, check a request before
 * submitting (eligibility in plain words, the last day to apply for arbitration, which union will hold
 * it, the review deadline), submit it with their evidence and follow the case; staff in scope triage the
 * queue (urgent first, recomputed on every read), ask for what is missing, accept with the forms of help
 * and a helper, decline with a coded reason and a referral, hand a case to another union (异地协作),
 * record progress and close it with the outcome and the money recovered, and export the cases; admins
 * keep the rule table. Messages go to the worker only — the employer is never contacted. The contract
 * is src/domain/legal-aid/CONTRACT.md.
 */
import { defineFunction, deny, type Caller } from '../_lib/handler'
import { database } from '../_lib/cloud'
import { auditRecord, writeAudit } from '../_lib/audit.repo'
import { undecidedCase } from '../_lib/undecided'
import { checkTexts } from '../_lib/content-security'
import { requireConsent } from '../_lib/consents.repo'
import { randomId } from '../_lib/crypto'
import { attachedUrls, attachFiles, findFilesByIds } from '../_lib/files.repo'
import { findOrg, findOrgsByIds, listReachableOrgs, type OrgRecord } from '../_lib/orgs.repo'
import { decide, submitOnce, type DecideOptions } from '../_lib/requests'
import { findRequest, heldInScope, listOwn, ownerOf, ownRequest, reachesPath, requestScope, scopedPage, scopeOf } from '../_lib/stations.requests'
import { inTransaction, Rollback, type Tx } from '../_lib/transaction'
import { recordRuleVersion } from '../_lib/rule-versions'
import { pathOf, workCalendar } from '../_lib/membership.repo'
import { ASK_NOTE, legalAsked, outboxItem, replyBy } from '../_lib/notify.messages'
import type { OutboxItem } from '../_lib/outbox'
import {
  allCases,
  applicantOf,
  CASE_TYPE,
  caseLockId,
  CASES,
  findDraft,
  holderOf,
  loadLegalRules,
  openCaseIn,
  releaseCaseLock,
  removeDraftIn,
  saveDraft,
  saveLegalRules,
  setCaseLock,
  type CaseStep,
  type LegalCaseRecord,
} from '../_lib/legal-aid.repo'
import { caseRow, casesExportName, casesWorkbook, caseReview, caseView, checkNotes, orgIdsOfCase, reviewClock, triageOf, type LegalContext } from '../_lib/legal-aid.views'
import { fail, failWith, ok, type Envelope } from '../../src/domain/envelope'
import { ERR } from '../../src/domain/errors'
import type * as z from '../../src/domain/zod'
import { staffActor } from '../../src/domain/auth/scope'
import type { Actor } from '../../src/domain/requests/state-machine'
import { CONTENT_RISKY } from '../../src/domain/privacy/content-check'
import { groupPhone } from '../../src/domain/privacy/mask'
import { FILE_ERR, FILE_PURPOSES } from '../../src/domain/files/files.schema'
import { dateLabel, shanghaiDate, shanghaiDateParts } from '../../src/domain/calendar/working-days'
import { EXPORT_MAX_ROWS } from '../../src/domain/membership/membership.constants'
import { yuan } from '../../src/domain/mutual-aid/mutual-aid.rules'
import { asLegalAidRules, EVIDENCE_PURPOSES } from '../../src/domain/legal-aid/legal-aid.schema'
import { checkLegalAidEligibility, compareTriage, limitationDate, reviewDeadline, urgency } from '../../src/domain/legal-aid/legal-aid.rules'
import { caseMachine, type CaseAction } from '../../src/domain/legal-aid/legal-aid.machine'
import {
  ACTIVE_CASE_STATES,
  CASE_STATE_LABELS,
  DISPUTE_TYPE_LABELS,
  FINAL_CASE_STATES,
  HELPER_KIND_LABELS,
  LEGAL_AID_ERR,
  OUTCOME_KIND_LABELS,
  REFERRALS,
  type CaseState,
} from '../../src/domain/legal-aid/legal-aid.constants'
import {
  caseDecision,
  legalAidEvent,
  type CaseQueueFilter,
  type CaseRow,
  type CaseView,
  type CheckReply,
  type DecisionReply,
  type DraftReply,
  type ExportReply,
  type Page,
  type RulesReply,
  type SubmitReply,
} from '../../src/domain/legal-aid/legal-aid.api'

/** A staff step as parsed (the decline's referral filled in, the outcome's amount in fen). */
type CaseDecisionInput = z.output<typeof caseDecision>

const STAFF = ['grassroots_staff', 'federation_staff', 'admin'] as const
const FN = 'legalAid'
/** Open cases triaged in one queue read (all of them in scope, page by page). */
const QUEUE_MAX = 5000

const QUEUE_STATES: Record<CaseQueueFilter, readonly CaseState[] | null> = {
  review: ['submitted', 'under_review'],
  needs_info: ['needs_info'],
  active: ACTIVE_CASE_STATES,
  done: FINAL_CASE_STATES,
  all: null,
}
/** Filters ordered by urgency; the others (cases that ended, everything) newest first. */
const TRIAGED: readonly CaseQueueFilter[] = ['review', 'needs_info', 'active']

async function legalContext(now: Date, orgIds: Array<string | null | undefined> | 'all'): Promise<LegalContext> {
  const [orgs, cal, rules] = await Promise.all([
    orgIds === 'all'
      ? listReachableOrgs({ role: 'admin', orgId: null }).then((all) => new Map(all.map((o) => [o._id, o])))
      : findOrgsByIds(orgIds.filter((id): id is string => typeof id === 'string')),
    workCalendar(),
    loadLegalRules(),
  ])
  return { orgs, cal, rules, now }
}

/** Free text staff or the worker will read (facts, the employer's name and address, notes): WeChat content security. Names and numbers are not sent. */
const textsRisky = (caller: Caller, texts: Array<string | null | undefined>) => checkTexts(caller.openid, texts, 'comment')

/** The files attached with a request or a resubmission: the separate consent of any sensitive kind among them (medical records). */
async function evidenceConsent(caller: Caller, fileIds: readonly string[]): Promise<Envelope<never> | null> {
  if (!fileIds.length) return null
  const files = await findFilesByIds(fileIds)
  const categories = new Set([...files.values()].filter((f) => f.ownerOpenid === caller.openid).flatMap((f) => FILE_PURPOSES[f.purpose]?.consent ?? []))
  for (const category of categories) {
    const refused = await requireConsent(caller.openid, category)
    if (refused) return refused
  }
  return null
}

/** Attaches the caller's evidence to the case inside the transaction; refuses files not theirs, of another purpose or attached elsewhere. */
async function attachEvidence(caller: Caller, fileIds: readonly string[], caseId: string, tx: Tx, field: string): Promise<Envelope<null>> {
  if (!fileIds.length) return ok(null)
  const r = await attachFiles(caller.openid, fileIds, { type: CASE_TYPE, id: caseId }, tx, { purposes: EVIDENCE_PURPOSES })
  if (r.ok) return ok(null)
  const message = r.error.code === FILE_ERR.WRONG_PURPOSE.code ? FILE_ERR.WRONG_PURPOSE.message : LEGAL_AID_ERR.EVIDENCE_INVALID.message
  return fail(LEGAL_AID_ERR.EVIDENCE_INVALID.code, message, { [field]: message })
}

const stepWith = (doc: Pick<LegalCaseRecord, 'version' | 'steps'>, action: CaseAction, note: string | null | undefined, extra: Partial<CaseStep> = {}) => ({
  steps: [...(doc.steps ?? []), { version: doc.version + 1, action, note: note ?? null, ...extra }],
})

type StepOptions = Pick<DecideOptions<CaseState, CaseAction, LegalCaseRecord>, 'reason' | 'patch' | 'notify'>

/** One transition of a case (decide(): compare-and-set on state and the version the person saw, audit, outbox). */
const caseStep = (caller: Caller, input: { id: string; version: number }, action: CaseAction, actorFor: (doc: LegalCaseRecord) => Actor | null, o: StepOptions) =>
  decide({ caller, collection: CASES, id: input.id, machine: caseMachine, action, actorFor, expectedVersion: input.version, ...o })

/** The subscribe message of a staff step, to the worker only (never to the employer or anyone else). */
function caseMessage(step: CaseDecisionInput, target: OrgRecord | null, orgName: string | null | undefined) {
  return (doc: LegalCaseRecord): OutboxItem[] => {
    const page = `subpackages/legal/pages/case/index?id=${doc._id}`
    const subject = `${DISPUTE_TYPE_LABELS[doc.ruleFacts.disputeType]}求助`
    const unit = orgName || '工会'
    const now = new Date()
    const status = (phrase: string, next: string, by = unit) => [outboxItem(doc.ownerOpenid, 'status_changed', page, { thing1: subject, phrase2: phrase, thing3: by, time4: now, thing5: next })]
    const decided = (phrase: string, explained: string) => [outboxItem(doc.ownerOpenid, 'decided', page, { thing1: subject, phrase2: phrase, thing3: unit, thing4: explained })]
    switch (step.decision) {
      case 'ask': {
        const lastDay = doc.limitation?.lastDay ?? null
        return [outboxItem(doc.ownerOpenid, 'needs_info', page, { thing1: subject, thing2: legalAsked(step.input.items ?? []), date3: replyBy(now, lastDay), thing4: ASK_NOTE })]
      }
      case 'accept':
        return status('已受理', step.input.helper ? `已安排${HELPER_KIND_LABELS[step.input.helper.kind]}帮你` : '工会会安排人帮你')
      case 'assign':
        return status('已安排', `${HELPER_KIND_LABELS[step.input.helper.kind]}会联系你`)
      case 'handover':
        return status('已转交', '新的工会接着办', target?.name ?? '其他工会')
      case 'progress':
        return status('有新进展', '打开小程序看进展')
      case 'decline':
        return decided('未受理', `可以找${REFERRALS.find((r) => r.code === step.input.referral)?.label ?? '职工服务热线'}`)
      case 'close':
        return decided('已办结', step.input.recoveredFen > 0 ? `追回 ${yuan(step.input.recoveredFen)}` : OUTCOME_KIND_LABELS[step.input.kind])
      default:
        return []
    }
  }
}

/** The free text of a staff step that others will read: its note, and the helper's firm or union. */
function stepTexts(step: CaseDecisionInput): Array<string | undefined> {
  if (step.decision === 'startReview') return []
  const i = step.input as { note?: string; helper?: { org?: string } }
  return [i.note, i.helper?.org]
}

/** Extra fields a staff step writes with its transition (inside decide()'s transaction: database work only). */
async function stepPatch(caller: Caller, step: CaseDecisionInput, target: OrgRecord | null, doc: LegalCaseRecord, at: Date, tx: Tx): Promise<Record<string, unknown>> {
  const by = { decidedBy: caller.openid }
  switch (step.decision) {
    case 'startReview':
      return { ...by, ...stepWith(doc, 'startReview', null) }
    case 'ask':
      return { ...by, ...stepWith(doc, 'ask', step.input.note), askedItems: step.input.items, askNote: step.input.note ?? null }
    case 'accept': {
      const helper = step.input.helper ?? null
      return { ...by, ...stepWith(doc, 'accept', step.input.note), helpForms: step.input.helpForms, acceptedAt: at, assignStart: at, helper, assignedAt: helper ? at : null }
    }
    case 'decline':
      await releaseCaseLock(tx, doc, at)
      return { ...by, ...stepWith(doc, 'decline', step.input.note), decline: { reason: step.input.reason, referral: step.input.referral, note: step.input.note ?? null } }
    case 'assign':
      return { ...by, ...stepWith(doc, 'assign', step.input.note), helper: step.input.helper, assignedAt: at }
    case 'handover': {
      // read again in the transaction: another hand-over may have moved it there meanwhile
      if (!target || target._id === doc.orgId) throw new Rollback(failWith(LEGAL_AID_ERR.HANDOVER_SAME_ORG, { 'step.input.toOrgId': LEGAL_AID_ERR.HANDOVER_SAME_ORG.message }))
      const accepted = ACTIVE_CASE_STATES.includes(doc.state)
      // the receiving union's clock starts now: reviewing an undecided case, naming its own helper for an accepted one
      const clock = accepted ? { helper: null, assignedAt: null, assignStart: at } : { reviewStart: at }
      return { ...by, ...stepWith(doc, 'handover', step.input.note, { toOrgId: target._id }), orgId: target._id, orgPath: pathOf(target), ...clock }
    }
    case 'progress':
      if (!doc.helper) throw new Rollback(failWith(LEGAL_AID_ERR.HELPER_REQUIRED))
      return { ...by, ...stepWith(doc, 'progress', step.input.note) }
    case 'close': {
      await releaseCaseLock(tx, doc, at)
      const { kind, recoveredFen, workersHelped, note } = step.input
      return { ...by, ...stepWith(doc, 'close', note), outcome: { kind, recoveredFen, workersHelped, note: note ?? null }, closedAt: at, closedYear: shanghaiDateParts(at).year }
    }
  }
}

/** The coded reason a step records in the history and the audit (never free text). */
function stepReason(step: CaseDecisionInput): string | undefined {
  if (step.decision === 'ask') return step.input.items.join(',')
  if (step.decision === 'decline') return step.input.reason
  if (step.decision === 'close') return step.input.kind
  return undefined
}

const submitReply = (c: LegalCaseRecord, ctx: LegalContext): SubmitReply => ({
  id: c._id,
  state: c.state,
  stateLabel: CASE_STATE_LABELS[c.state],
  version: c.version,
  orgName: ctx.orgs.get(c.orgId)?.name ?? '工会',
  reviewDueDate: reviewClock(c, ctx).dueDate ?? '',
})

// ---------------------------------------------------------------------------------------------------

export const main = defineFunction({
  name: FN,
  event: legalAidEvent,
  actions: {
    // --- worker -------------------------------------------------------------------------------

    saveDraft: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        await saveDraft(caller.openid, input.draft, now)
        return ok<DraftReply>({ draft: input.draft, savedAt: now.toISOString() })
      },
    },

    getDraft: {
      access: 'signed-in',
      async run({ caller }) {
        const d = await findDraft(caller.openid)
        return ok<DraftReply>({ draft: d?.draft ?? null, savedAt: d ? new Date(d.savedAt).toISOString() : null })
      },
    },

    check: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        const facts = input.request.ruleFacts
        const [rules, holder, cal] = await Promise.all([loadLegalRules(), holderOf(caller.openid), workCalendar()])
        if (!holder) return failWith(ERR.INTERNAL)
        const t = urgency({ submittedAt: now, facts }, now, rules)
        const due = reviewDeadline(now, [], cal, rules, now).dueDate as string
        return ok<CheckReply>({
          eligibility: checkLegalAidEligibility(facts, rules),
          limitation: t.limitation,
          orgName: holder.org.name,
          reviewDueDate: due,
          reviewDueLabel: dateLabel(due, now),
          notes: checkNotes(holder, t, facts.workersAffected),
        })
      },
    },

    submit: {
      access: 'signed-in',
      async run({ caller, input }) {
        const r = input.request
        const content = await textsRisky(caller, [r.facts, r.employer.name, r.employer.address])
        if (content.risky) return failWith(CONTENT_RISKY)
        const refused = await evidenceConsent(caller, r.evidenceFileIds)
        if (refused) return refused
        const [rules, holder, applicant, cal] = await Promise.all([loadLegalRules(), holderOf(caller.openid), applicantOf(caller), workCalendar()])
        if (!holder) return failWith(ERR.INTERNAL)
        const lockId = caseLockId(caller.openid, r.ruleFacts.disputeType, r.employer.name)
        return submitOnce<SubmitReply>(caller, `${FN}.submit`, input.key, r, async (tx, at) => {
          if (await openCaseIn(tx, lockId, caller.openid, FINAL_CASE_STATES)) return failWith(LEGAL_AID_ERR.CASE_OPEN)
          const id = randomId()
          const attached = await attachEvidence(caller, r.evidenceFileIds, id, tx, 'request.evidenceFileIds')
          if (!attached.ok) return attached
          const record: LegalCaseRecord = {
            _id: id,
            type: CASE_TYPE,
            ownerOpenid: caller.openid,
            orgId: holder.org._id,
            orgPath: holder.orgPath,
            heldAs: holder.heldAs,
            state: 'submitted',
            version: 1,
            createdAt: at,
            updatedAt: at,
            history: [],
            applicant,
            employer: r.employer,
            facts: r.facts,
            evidenceFileIds: r.evidenceFileIds,
            ruleFacts: r.ruleFacts,
            // judged now and kept with the rule values used; never a refusal (not eligible = consultation, a passed limitation = a warning)
            eligibility: checkLegalAidEligibility(r.ruleFacts, rules),
            limitation: limitationDate(r.ruleFacts, at, rules),
            rules,
            year: shanghaiDateParts(at).year,
            flagged: content.review,
            ...undecidedCase(),
            reviewStart: at,
            lockId,
          }
          await tx.collection(CASES).add({ data: { ...record } })
          await setCaseLock(tx, lockId, id, at)
          await removeDraftIn(tx, caller.openid)
          await tx.collection('audit').add({
            data: auditRecord(
              caller,
              { action: `${CASE_TYPE}.submit`, target: { type: CASE_TYPE, id }, orgId: holder.org._id, to: 'submitted', detail: { disputeType: r.ruleFacts.disputeType, evidence: r.evidenceFileIds.length, flagged: content.review } },
              at,
            ),
          })
          return ok(submitReply(record, { orgs: new Map([[holder.org._id, holder.org]]), cal, rules, now: at }))
        })
      },
    },

    myCases: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        const size = input.pageSize ?? 20
        const offset = input.cursor ?? 0
        const docs = await listOwn<LegalCaseRecord>(CASES, caller.openid, offset, size + 1)
        const ctx = await legalContext(now, docs.flatMap(orgIdsOfCase))
        return ok<Page<CaseView>>({ items: docs.slice(0, size).map((c) => caseView(c, ctx)), nextCursor: docs.length > size ? offset + size : null })
      },
    },

    caseDetail: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        const own = await ownRequest<LegalCaseRecord>(caller, CASES, CASE_TYPE, input.id)
        if (!own.ok) return own
        return ok<CaseView>(caseView(own.data, await legalContext(now, orgIdsOfCase(own.data))))
      },
    },

    resubmit: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        const own = await ownRequest<LegalCaseRecord>(caller, CASES, CASE_TYPE, input.id)
        if (!own.ok) return own
        const files = [...new Set(input.evidenceFileIds ?? [])]
        const addition = input.addition || undefined
        if (!addition && files.length === 0) {
          const message = '请写上补充的话，或者传上要补的材料'
          return fail(ERR.INVALID.code, message, { addition: message })
        }
        const content = await textsRisky(caller, [addition])
        if (content.risky) return failWith(CONTENT_RISKY)
        const refused = await evidenceConsent(caller, files)
        if (refused) return refused
        const r = await caseStep(caller, input, 'resubmit', ownerOf(caller), {
          async patch(doc, _at, tx) {
            const attached = await attachEvidence(caller, files, doc._id, tx, 'evidenceFileIds')
            if (!attached.ok) throw new Rollback(attached as Envelope<never>)
            return {
              evidenceFileIds: [...new Set([...doc.evidenceFileIds, ...files])],
              flagged: content.review || doc.flagged,
              ...stepWith(doc, 'resubmit', addition, { files: files.length }),
            }
          },
        })
        if (!r.ok) return r
        // the review clock resumes: the deadline moves by the working days spent waiting
        const c = (await findRequest<LegalCaseRecord>(CASES, r.data.id)) as LegalCaseRecord
        return ok<SubmitReply>(submitReply(c, await legalContext(now, [c.orgId])))
      },
    },

    withdraw: {
      access: 'signed-in',
      async run({ caller, input }) {
        const own = await ownRequest<LegalCaseRecord>(caller, CASES, CASE_TYPE, input.id)
        if (!own.ok) return own
        return caseStep(caller, input, 'withdraw', ownerOf(caller), {
          async patch(doc, at, tx) {
            await releaseCaseLock(tx, doc, at)
            return stepWith(doc, 'withdraw', null)
          },
        }) as Promise<Envelope<DecisionReply>>
      },
    },

    // --- staff --------------------------------------------------------------------------------

    queue: {
      access: STAFF,
      async run({ caller, input, now }) {
        const scope = requestScope(caller)
        if (!scope) return deny(caller, { type: 'function', id: `${FN}.queue` })
        const filter = input.filter ?? 'review'
        const states = QUEUE_STATES[filter]
        const where = { ...scope, ...(states ? { state: database().command.in([...states]) } : {}) }
        if (!TRIAGED.includes(filter)) {
          const page = await scopedPage<LegalCaseRecord, LegalCaseRecord>(CASES, where, input, (c) => c, 'desc')
          const ctx = await legalContext(now, page.items.map((c) => c.orgId))
          return ok<Page<CaseRow>>({ items: page.items.map((c) => caseRow(c, ctx)), nextCursor: page.nextCursor })
        }
        // urgency changes with the date: every case in scope is triaged now, then one page is cut
        const rules = await loadLegalRules()
        const triaged = (await allCases(where, QUEUE_MAX)).map((c) => ({ c, t: triageOf(c, rules, now) }))
        triaged.sort((a, b) => compareTriage(a.t, b.t))
        const size = input.pageSize ?? 20
        const offset = input.cursor ?? 0
        const slice = triaged.slice(offset, offset + size)
        const ctx = await legalContext(now, slice.map((x) => x.c.orgId))
        return ok<Page<CaseRow>>({ items: slice.map(({ c, t }) => caseRow(c, ctx, t)), nextCursor: triaged.length > offset + size ? offset + size : null })
      },
    },

    review: {
      access: STAFF,
      async run({ caller, input, now }) {
        const held = await heldInScope<LegalCaseRecord>(caller, CASES, CASE_TYPE, input.id)
        if (!held.ok) return held
        const c = held.data
        const [ctx, urls, files] = await Promise.all([legalContext(now, 'all'), attachedUrls(c.evidenceFileIds, { type: CASE_TYPE, id: c._id }), findFilesByIds(c.evidenceFileIds)])
        const evidence = urls.map((u) => ({ fileId: u.fileId, url: u.url, mime: files.get(u.fileId)?.mime ?? 'image/jpeg', purpose: files.get(u.fileId)?.purpose ?? 'other' }))
        return ok(caseReview(c, ctx, { staff: staffActor(scopeOf(caller)), evidence, allOrgs: [...ctx.orgs.values()] }))
      },
    },

    decide: {
      access: STAFF,
      async run({ caller, input }) {
        const held = await heldInScope<LegalCaseRecord>(caller, CASES, CASE_TYPE, input.id)
        if (!held.ok) return held
        const step = input.step
        if ((await textsRisky(caller, stepTexts(step))).risky) return failWith(CONTENT_RISKY)
        let target: OrgRecord | null = null
        if (step.decision === 'handover') {
          const field = 'step.input.toOrgId'
          target = await findOrg(step.input.toOrgId)
          if (!target) return failWith(LEGAL_AID_ERR.HANDOVER_TARGET_NOT_FOUND, { [field]: LEGAL_AID_ERR.HANDOVER_TARGET_NOT_FOUND.message })
          if (target._id === held.data.orgId) return failWith(LEGAL_AID_ERR.HANDOVER_SAME_ORG, { [field]: LEGAL_AID_ERR.HANDOVER_SAME_ORG.message })
        }
        const staff = staffActor(scopeOf(caller))
        // the scope is checked again on the record read in the transaction (a hand-over may have moved it out)
        return caseStep(caller, input, step.decision, (doc) => (reachesPath(caller, doc.orgPath) ? staff : null), {
          reason: stepReason(step),
          patch: (doc, at, tx) => stepPatch(caller, step, target, doc, at, tx),
          notify: caseMessage(step, target, caller.org?.name),
        }) as Promise<Envelope<DecisionReply>>
      },
    },

    revealApplicant: {
      access: STAFF,
      async run({ caller, input }) {
        const held = await heldInScope<LegalCaseRecord>(caller, CASES, CASE_TYPE, input.id)
        if (!held.ok) return held
        const a = held.data.applicant
        await writeAudit(caller, { action: 'privacy.reveal', target: { type: CASE_TYPE, id: input.id }, orgId: held.data.orgId, reason: 'legal_aid_contact', detail: { field: 'name_phone' } })
        return ok({ name: a.name ?? '微信用户', phone: a.phone ? groupPhone(a.phone) : '' })
      },
    },

    exportCases: {
      access: STAFF,
      async run({ caller, input, now }) {
        const scope = requestScope(caller)
        if (!scope) return deny(caller, { type: 'function', id: `${FN}.exportCases` })
        const cases = await allCases({ ...scope, ...(input.year ? { year: input.year } : {}) }, EXPORT_MAX_ROWS)
        const content = await casesWorkbook(cases, await legalContext(now, cases.map((c) => c.orgId)))
        await writeAudit(caller, {
          action: 'legalAid.export',
          target: { type: 'legalCaseExport', id: caller.user?.orgId ?? 'all' },
          orgId: caller.user?.orgId ?? null,
          detail: { rows: cases.length, year: input.year ?? null, capped: cases.length >= EXPORT_MAX_ROWS },
        })
        return ok<ExportReply>({ fileName: casesExportName(input.year, shanghaiDate(now)), contentBase64: content.toString('base64'), rows: cases.length })
      },
    },

    // --- rule table ---------------------------------------------------------------------------

    rules: {
      access: STAFF,
      async run() {
        return ok<RulesReply>({ rules: await loadLegalRules() })
      },
    },

    saveRules: {
      access: ['admin'],
      async run({ caller, input, now }) {
        const rules = asLegalAidRules(input.rules)
        await inTransaction(async (tx) => {
          await saveLegalRules(tx, rules, now, caller.openid)
          const version = await recordRuleVersion(tx, 'legalAid', rules, caller, now)
          await tx.collection('audit').add({ data: auditRecord(caller, { action: 'legalAid.saveRules', target: { type: 'ruleTable', id: 'legalAid' }, detail: { ...rules, version } }, now) })
        })
        return ok<RulesReply>({ rules: await loadLegalRules() })
      },
    },
  },
})
