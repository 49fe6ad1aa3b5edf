// What the 入会 pages type and keep: the work fields shared by the wizard, 补充材料 and 转会, turned into
// the contract's input, and their drafts (field errors and keys: src/services/forms.ts).
import type { ApplicationFormView, EmployerInput } from '../../domain/membership/membership.schema'
import type { District, EmploymentType, IncomeSource, PlatformCode, RemoteUnion, WorkPlace } from '../../domain/membership/membership.constants'
import { draftStore } from '../../services/drafts'
export { errorFor, formErrors, freshKey, keptOnPhone, keyFor, withoutErrors, type SendKey } from '../../services/forms'

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

// ---- transfers ---------------------------------------------------------------------------------------

/** The newest transfer request (the reply does not promise an order). */
export function latestTransfer<T extends { requestedAt: string }>(transfers: T[]): T | null {
  return transfers.reduce<T | null>((latest, t) => (!latest || t.requestedAt > latest.requestedAt ? t : latest), null)
}
