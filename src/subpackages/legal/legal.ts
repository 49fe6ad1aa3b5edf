// Words, marks and drafts shared by the 法律援助 pages.
import type { PickerPhoto } from '../../components/PhotoPicker'
import { EVIDENCE_PURPOSES, REFERRALS, type CaseState, type Referral } from '../../domain/legal-aid/legal-aid.constants'
import type { LimitationStatus } from '../../domain/legal-aid/legal-aid.rules'
import { draftStore } from '../../services/drafts'

/** Drafts of the 法律援助 pages (the request wizard, what is added to a case). */
export const legalDrafts = draftStore('legal:draft:')
export const APPLY_DRAFT = 'apply'

/** The 职工服务热线. */
export const HOTLINE = '12351'

export const STATE_ICON: Record<CaseState, string> = {
  submitted: '📨',
  under_review: '⏳',
  needs_info: '📝',
  accepted: '👍',
  in_progress: '🤝',
  closed: '🎉',
  declined: '⛔',
  withdrawn: '↩️',
}

export const STATE_TONE: Record<CaseState, string> = {
  submitted: '',
  under_review: '',
  needs_info: 'state--bad',
  accepted: 'state--good',
  in_progress: 'state--good',
  closed: 'state--good',
  declined: 'state--bad',
  withdrawn: '',
}

/** Near, urgent or passed: the last day to apply for arbitration is shown as a red warning. */
export const limitationWarns = (status: LimitationStatus): boolean => status === 'near' || status === 'urgent' || status === 'passed'

/** The purposes evidence is uploaded with, what to photograph for each, and whether it needs a separate consent. */
export type EvidencePurpose = 'work_proof' | 'medical_record' | 'other'
export const EVIDENCE_GROUPS: ReadonlyArray<{ purpose: EvidencePurpose; label: string; hint: string }> = (
  [
    { purpose: 'work_proof', label: '干活和欠钱的证据', hint: '工资条、欠条、劳动合同、工牌、考勤表、记工本、和老板的聊天记录截图。' },
    { purpose: 'medical_record', label: '看病的材料', hint: '病历、诊断证明、住院记录；有工伤认定书的也拍上。' },
    { purpose: 'other', label: '其他照片', hint: '比如辞退通知、单位门口、干活的地方。' },
  ] as const
).filter((g) => EVIDENCE_PURPOSES.includes(g.purpose))

export type EvidenceFiles = Partial<Record<EvidencePurpose, PickerPhoto[]>>

/** Every uploaded file id, in the order of the groups. */
export const evidenceIds = (files: EvidenceFiles): string[] => EVIDENCE_GROUPS.flatMap((g) => (files[g.purpose] ?? []).map((p) => p.id))

/** Where else to go, with its phone when it has one. */
export const referralOf = (code: Referral) => REFERRALS.find((r) => r.code === code) ?? null
