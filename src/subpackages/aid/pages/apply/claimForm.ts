// The claim wizard's form: what is typed per plan kind, kept as a draft, turned into the contract's
// ClaimInput and judged by the same schema the function uses.
import type { PickerPhoto } from '../../../../components/PhotoPicker'
import type { FieldErrors } from '../../../../domain/envelope'
import type { MyPlanCoverage } from '../../../../domain/mutual-aid/mutual-aid.api'
import { claimInput, type ClaimInput } from '../../../../domain/mutual-aid/mutual-aid.schema'
import {
  ACCIDENT_BENEFITS,
  EVENT_CAUSES,
  FEMALE_CLASS_LABELS,
  type AccidentBenefit,
  type DocKind,
  type EventCause,
  type FemaleClass,
} from '../../../../domain/mutual-aid/mutual-aid.constants'
import { toFieldErrors } from '../../../../domain/validation'
import { freshKey, type SendKey } from '../../../../services/forms'
import { EVENT_DATE_LABEL, fullDate } from '../../format'

export type Step = 1 | 2 | 3 | 4 | 5
export const STEP_TITLES = ['选保障', '出了什么事', '交材料', '银行卡', '看一看再提交'] as const

/** A plan the worker can claim from: their coverage, the plan's plain description, and the lists the wizard offers (PlanView). */
export interface WizardPlan extends MyPlanCoverage {
  summary: string[]
  diseases?: Array<{ code: string; label: string }>
  classDiseases?: Partial<Record<FemaleClass, string>>
}

/** Everything any plan kind asks, as typed ('' = not answered). Only the plan's own fields are sent. */
export interface Facts {
  eventDate: string
  admissionDate: string
  dischargeDate: string
  cause: EventCause | ''
  /** Yuan as typed: the schema parses it exactly. */
  selfPaid: string
  disease: string
  benefit: AccidentBenefit | ''
  /** 伤残等级 '1' … '10'. */
  grade: string
  femaleClass: FemaleClass | ''
}

export const emptyFacts = (): Facts => ({ eventDate: '', admissionDate: '', dischargeDate: '', cause: '', selfPaid: '', disease: '', benefit: '', grade: '', femaleClass: '' })

/**
 * The wizard's draft. The bank card number is never kept in it (storage on the phone is plain text and a
 * phone may be shared): after the app was closed the worker types the card number again.
 */
export interface ClaimDraft {
  step: Step
  planId: string
  facts: Facts
  /** The documents the server listed for these facts (kept so a restored draft can go on uploading). */
  docList: Array<{ code: DocKind; label: string }>
  /** Uploaded files per document (their ids are what counts; a preview may not survive a restart). */
  docs: Partial<Record<DocKind, PickerPhoto[]>>
  note: string
  /** The idempotency key and the content (card masked) it was last sent with. */
  send: SendKey
  /** A card number had been typed (a restored draft asks for it again). */
  cardTyped: boolean
}

/**
 * A saved draft (or none) for these plans. `planParam` is the plan the worker tapped 申请补助 on: it wins
 * over the draft's plan (what was typed stays; the documents are listed again for the new plan).
 */
export function restoreDraft(saved: Partial<ClaimDraft> | null, plans: readonly WizardPlan[], planParam: string | undefined): ClaimDraft {
  const known = (id: string | undefined): id is string => Boolean(id && plans.some((p) => p.planId === id))
  const planId = known(planParam) ? planParam : known(saved?.planId) ? saved.planId : ''
  const samePlan = planId !== '' && planId === saved?.planId
  const docList = samePlan ? (saved?.docList ?? []) : []
  // without the card number the last step cannot be shown; documents need the list the server gave
  const furthest: Step = docList.length ? 4 : 2
  const step: Step = !planId ? 1 : samePlan && saved?.step ? (Math.min(saved.step, furthest) as Step) : 2
  return {
    note: '',
    docs: {},
    cardTyped: false,
    ...saved,
    planId,
    step,
    docList,
    facts: { ...emptyFacts(), ...saved?.facts },
    send: saved?.send?.key ? saved.send : freshKey(),
  }
}

const opt = (s: string) => s.trim() || undefined

/** The claim as the contract takes it (unanswered fields left out, for the schema to name them). */
export function claimOf(plan: Pick<WizardPlan, 'planId' | 'kind'>, f: Facts, documents: Partial<Record<DocKind, string[]>> = {}): Record<string, unknown> {
  const base = { planId: plan.planId, kind: plan.kind, eventDate: opt(f.eventDate), documents }
  switch (plan.kind) {
    case 'inpatient':
      return { ...base, dischargeDate: opt(f.dischargeDate), cause: f.cause || undefined, selfPaid: opt(f.selfPaid) }
    case 'critical_illness':
      return { ...base, disease: f.disease || undefined }
    case 'accident':
      return {
        ...base,
        benefit: f.benefit || undefined,
        ...(f.benefit === 'allowance' ? { admissionDate: opt(f.admissionDate), dischargeDate: opt(f.dischargeDate) } : {}),
        ...(f.benefit === 'disability' ? { grade: f.grade ? Number(f.grade) : undefined } : {}),
      }
    case 'female_special':
      return { ...base, femaleClass: f.femaleClass || undefined }
  }
}

/** The claim judged by the contract's schema: the input to send, or the problems per field. */
export function validateClaim(raw: Record<string, unknown>): { ok: true; claim: ClaimInput } | { ok: false; errors: FieldErrors } {
  const parsed = claimInput.safeParse(raw)
  // what passed the schema is a ClaimInput: send what was typed (the function parses the same way)
  return parsed.success ? { ok: true, claim: raw as ClaimInput } : { ok: false, errors: toFieldErrors(parsed.error) }
}

/** Which step asks a field the server named (`claim.` taken off already). */
export function stepOfField(field: string): Step {
  if (field === 'planId' || field === 'kind') return 1
  if (field.startsWith('documents')) return 3
  if (field === 'bankCard') return 4
  if (field === 'note' || field === '_') return 5
  return 2
}

/** What the worker said happened, one line each, for the last step. */
export function factLines(plan: WizardPlan, f: Facts): string[] {
  const label = (list: ReadonlyArray<{ code: string; label: string }>, code: string) => list.find((x) => x.code === code)?.label ?? ''
  const lines = [f.eventDate ? `${EVENT_DATE_LABEL[plan.kind]}：${fullDate(f.eventDate)}` : '']
  switch (plan.kind) {
    case 'inpatient':
      lines.push(f.dischargeDate ? `出院日期：${fullDate(f.dischargeDate)}` : '', `住院是因为：${label(EVENT_CAUSES, f.cause)}`, `自己付的钱：${f.selfPaid.trim()} 元`)
      break
    case 'critical_illness':
      lines.push(`确诊的病：${label(plan.diseases ?? [], f.disease)}`)
      break
    case 'accident':
      lines.push(`申请：${label(ACCIDENT_BENEFITS, f.benefit)}`)
      if (f.benefit === 'allowance') lines.push(`住院：${fullDate(f.admissionDate)} 到 ${fullDate(f.dischargeDate)}`)
      if (f.benefit === 'disability') lines.push(`伤残等级：${f.grade} 级`)
      break
    case 'female_special':
      lines.push(f.femaleClass ? `疾病类别：${FEMALE_CLASS_LABELS[f.femaleClass]}` : '')
      break
  }
  return lines.filter(Boolean)
}
