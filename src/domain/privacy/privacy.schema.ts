import * as z from '../zod'
import { consentCategory, type ConsentHistoryItem, type ConsentView } from '../consent/consent'
import { ID_PROBLEM_MESSAGES, parseIdNumber } from '../identity/idcard'
import { CLOSE_CONFIRM_WORD } from './my-data'

/** The ID number as a form and the `privacy` function accept it: validated, normalised (RULES.md §6). */
export const idNumberInput = z.pipe(
  z.string({ error: ID_PROBLEM_MESSAGES.EMPTY }).check(
    z.maxLength(40, { error: ID_PROBLEM_MESSAGES.LENGTH }),
    z.superRefine((value: string, ctx) => {
      const parsed = parseIdNumber(value)
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: ID_PROBLEM_MESSAGES[parsed.problem] })
    }),
  ),
  z.transform((value: string) => {
    const parsed = parseIdNumber(value)
    return parsed.ok ? parsed.info.value : value
  }),
)

/** Why a staff member looks at a full ID number; recorded in the audit (a code, never free text). */
export const REVEAL_PURPOSES = ['membership_review', 'mutual_aid_review', 'legal_aid_review', 'identity_check'] as const
export type RevealPurpose = (typeof REVEAL_PURPOSES)[number]

export { CLOSE_CONFIRM_WORD }

export const privacyEvent = z.discriminatedUnion('action', [
  z.object({ action: z.literal('consentStatus') }),
  z.object({ action: z.literal('grantConsent'), category: consentCategory, policyVersion: z.string({ error: '缺少说明的版本' }).check(z.minLength(1), z.maxLength(40)) }),
  z.object({ action: z.literal('withdrawConsent'), category: consentCategory }),
  z.object({ action: z.literal('setIdNumber'), idNumber: idNumberInput }),
  z.object({ action: z.literal('myData') }),
  z.object({
    action: z.literal('closeAccount'),
    confirm: z.literal(CLOSE_CONFIRM_WORD, { error: `请输入“${CLOSE_CONFIRM_WORD}”两个字，确认要注销` }),
  }),
  z.object({
    action: z.literal('revealIdNumber'),
    userId: z.string({ error: '缺少用户编号' }).check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, { error: '用户编号不对' })),
    purpose: z.enum(REVEAL_PURPOSES, { error: '请选择查看的原因' }),
  }),
])
export type PrivacyEvent = z.infer<typeof privacyEvent>

export const PRIVACY_ERR = {
  IDENTITY_TAKEN: { code: 'IDENTITY.TAKEN', message: '这个身份证号已经被另一个微信账号使用。如果是你本人，请联系工会工作人员' },
  IDENTITY_NOT_FOUND: { code: 'IDENTITY.NOT_FOUND', message: '这个人还没有填写身份证号，请让他先在小程序里填写' },
  USER_NOT_FOUND: { code: 'USER.NOT_FOUND', message: '没有找到这个人，请核对用户编号' },
} as const

/** The caller's ID as they see it: never the full number, never the birth date in it. */
export interface MaskedIdentity {
  /** e.g. `110***********002X`. */
  maskedIdNumber: string
  /** Kept for age rules; only the year is shown. */
  birthYear: number
  sexLabel: '男' | '女'
  savedAt: string
}

export interface MyFile {
  fileId: string
  name: string
  mime: string
  size: number
  purposeLabel: string
  createdAt: string
  /** True once handed in with a request (then it is kept with that request). */
  attached: boolean
}

/** Everything held about the caller (PIPL §45 "see and copy"), masked as stored or shown. */
export interface MyData {
  generatedAt: string
  account: {
    /** Last 8 characters, enough to read out to staff. */
    shortUserId: string | null
    roleLabel: string
    isStaff: boolean
    orgName: string | null
    createdAt: string | null
  }
  profile: { name: string | null; phone: string | null }
  identity: MaskedIdentity | null
  consents: ConsentView[]
  consentHistory: ConsentHistoryItem[]
  files: MyFile[]
  uploadsInProgress: number
  /** Records of other services (驿站签到, 报修 …) kept for this person, counted. */
  records: Array<{ label: string; count: number }>
  /** What stays after closing the account, in plain words. */
  keptAfterClosing: string[]
}

export interface RevealedId {
  /** The full number in groups of 6-8-4 (area, birth date, sequence) so staff can read it against the card. */
  idNumber: string
  purpose: RevealPurpose
}

export interface CloseResult {
  closedAt: string
  deletedFiles: number
  keptFiles: number
}

/** What closing an account keeps (and why); the page shows the same list. */
export const KEPT_AFTER_CLOSING = [
  '已经交给工会办事的材料和记录（比如互助保障的发钱记录），按国家规定要保留，会去掉你的微信账号信息后保存。',
  '谁在什么时候办了什么事的操作记录（不含身份证号、手机号），用来保证办事公平，按规定保留。',
]

/** `110105194912310029` → `110105 19491231 0029`. */
export const groupIdNumber = (id: string): string => `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`
