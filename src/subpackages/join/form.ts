// What the 入会 pages type and keep: the work fields shared by the wizard, 补充材料 and 转会, turned into
// the contract's input; field errors per field; drafts and idempotency keys per content.
import type { AppError, FieldErrors } from '../../domain/envelope'
import type { ApplicationFormView, EmployerInput } from '../../domain/membership/membership.schema'
import type { District, EmploymentType, IncomeSource, PlatformCode, RemoteUnion, WorkPlace } from '../../domain/membership/membership.constants'
import { canonicalJson, newIdempotencyKey } from '../../domain/requests/idempotency-key'
import { draftStore } from '../../services/drafts'
import { errorText } from '../../services/errors'

export const joinDrafts = draftStore('join:draft:')

/** The employer as the picker holds it: picked from the list (with what the list said) or typed. */
export type EmployerChoice =
  | { kind: 'known'; employerId: string; name: string; district?: string | null; unionName?: string | null }
  | { kind: 'other'; name: string; district: District | ''; address: string }
  | null

/** Where and how the person works (the contract's `workFields`), as typed. '' = not chosen yet. */
export interface WorkForm {
  workPlace: WorkPlace | ''
  remoteUnion: RemoteUnion | ''
  workCity: string
  employer: EmployerChoice
  employmentType: EmploymentType | ''
  platform: PlatformCode | ''
  occupation: string
}

export const emptyWork = (): WorkForm => ({ workPlace: '', remoteUnion: '', workCity: '', employer: null, employmentType: '', platform: '', occupation: '' })

/**
 * Whether to ask which union handles it. Mirrors `refineWork` in membership.schema.ts, which requires
 * `remoteUnion` for Shanghai only (the page has no rule table to call `asksRemoteUnion` with).
 */
export const asksWhichUnion = (workPlace: WorkForm['workPlace']): boolean => workPlace === 'shanghai'

/** The 乡镇/街道 of a typed employer matters (and is asked) only for work in the county. */
export const asksDistrict = (workPlace: WorkForm['workPlace']): boolean => workPlace === 'local' || workPlace === ''

const opt = (s: string) => s.trim() || undefined

export function employerInput(e: EmployerChoice, workPlace: WorkForm['workPlace']): EmployerInput | undefined {
  if (!e) return undefined
  if (e.kind === 'known') return { kind: 'known', employerId: e.employerId }
  const district = asksDistrict(workPlace) && e.district ? e.district : undefined
  const address = opt(e.address)
  return { kind: 'other', name: e.name, ...(district ? { district } : {}), ...(address ? { address } : {}) }
}

/** The form as the contract's work fields, unchosen ones left out, for the zod schema to judge. */
export function workInput(f: WorkForm): Record<string, unknown> {
  return {
    workPlace: f.workPlace || undefined,
    ...(asksWhichUnion(f.workPlace) ? { remoteUnion: f.remoteUnion || undefined } : {}),
    ...(f.workPlace === 'elsewhere' ? { workCity: opt(f.workCity) } : {}),
    employer: employerInput(f.employer, f.workPlace),
    employmentType: f.employmentType || undefined,
    ...(f.employmentType === 'new_forms' ? { platform: f.platform || undefined } : {}),
    occupation: f.occupation,
  }
}

/** What the worker filled in before (an application in needs_info), ready to change. */
export function workFromView(v: ApplicationFormView): WorkForm {
  const e = v.employer
  return {
    workPlace: v.workPlace,
    remoteUnion: v.remoteUnion ?? '',
    workCity: v.workCity ?? '',
    employer:
      e.kind === 'known'
        ? { kind: 'known', employerId: e.employerId, name: v.employerName }
        : { kind: 'other', name: e.name, district: e.district ?? '', address: e.address ?? '' },
    employmentType: v.employmentType,
    platform: v.platform ?? '',
    occupation: v.occupation,
  }
}

export type IncomeChoice = IncomeSource | ''

// ---- field errors ----------------------------------------------------------------------------------

/** The first message for `field` or anything under it (`employer` → `employer.name`). */
export function errorFor(errors: FieldErrors, field: string): string | undefined {
  return errors[field] ?? Object.entries(errors).find(([k]) => k.startsWith(`${field}.`))?.[1]
}

/** Errors without those of `fields` (and anything under them): what changed is no longer wrong. */
export function withoutErrors(errors: FieldErrors, fields: string[]): FieldErrors {
  const next: FieldErrors = {}
  for (const [k, v] of Object.entries(errors)) if (!fields.some((f) => k === f || k.startsWith(`${f}.`))) next[k] = v
  return next
}

/** The server's field errors name the event's paths (`application.name`): keep the form's part. */
export function formErrors(fieldErrors: FieldErrors | undefined, prefix: string): FieldErrors {
  const out: FieldErrors = {}
  for (const [k, v] of Object.entries(fieldErrors ?? {})) out[k.startsWith(`${prefix}.`) ? k.slice(prefix.length + 1) : k] = v
  return out
}

// ---- idempotency -------------------------------------------------------------------------------------

/** The key of a submission and the content it was last sent with (null: never sent). */
export interface SendKey {
  key: string
  sentFor: string | null
}

export const freshKey = (): SendKey => ({ key: newIdempotencyKey(), sentFor: null })

/** The same content keeps its key (a retry is the same request); changed content gets a new one. */
export function keyFor(current: SendKey, content: unknown): SendKey {
  const fingerprint = canonicalJson(content)
  if (current.sentFor === null || current.sentFor === fingerprint) return { key: current.key, sentFor: fingerprint }
  return { key: newIdempotencyKey(), sentFor: fingerprint }
}

// ---- transfers ---------------------------------------------------------------------------------------

/** The newest transfer request (the reply does not promise an order). */
export function latestTransfer<T extends { requestedAt: string }>(transfers: T[]): T | null {
  return transfers.reduce<T | null>((latest, t) => (!latest || t.requestedAt > latest.requestedAt ? t : latest), null)
}

/** A send that did not get through (network, timeout): what happened, and that nothing is lost. */
export function keptOnPhone(error: AppError | undefined, button: string): string {
  return `${error ? errorText(error) : '网络不太好，请再试一次'}。你填的内容已经保存在手机上，网络好了再点“${button}”。`
}
