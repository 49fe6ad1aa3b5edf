import * as z from '../zod'

/**
 * Separate consent (PIPL §29, TRUST.md) before sensitive personal data is collected. Each category has a
 * plain purpose, what withdrawing means, and the current policy version; a consent given to an older
 * version no longer counts and the worker is asked again.
 */
export const CONSENT_CATEGORIES = ['id_number', 'medical_documents', 'bank_card'] as const
export type ConsentCategory = (typeof CONSENT_CATEGORIES)[number]

export const consentCategory = z.enum(CONSENT_CATEGORIES, { error: '请选择要同意的是哪一项' })

export interface ConsentPolicy {
  category: ConsentCategory
  /** What is collected, e.g. 身份证号. */
  label: string
  /** Why, in words a worker understands. */
  purpose: string
  /** What happens on withdrawal (shown before the worker confirms). */
  withdrawEffect: string
  /** Bumped whenever the wording or the use changes. */
  version: string
}

export const CONSENT_POLICIES: Record<ConsentCategory, ConsentPolicy> = {
  id_number: {
    category: 'id_number',
    label: '身份证号',
    purpose: '用来确认是你本人，办入会和互助保障时核对身份、算年龄。身份证号加密保存，页面上只显示一部分。',
    withdrawEffect: '撤回后，我们会删掉存着的身份证号，也不再收集。以后办入会、互助保障，要重新同意并填写。',
    version: '2026-11-22',
  },
  medical_documents: {
    category: 'medical_documents',
    label: '病历和医疗票据',
    purpose: '申请互助保障补助或法律援助时，用来核对你生病、住院、受伤的情况和花了多少钱。只有办你这件事的工会工作人员能看。',
    withdrawEffect: '撤回后，不能再上传病历和票据；还没交给工会的会删掉；已经交给工会办事的，按规定保留到事情办完。',
    version: '2026-11-22',
  },
  bank_card: {
    category: 'bank_card',
    label: '银行卡',
    purpose: '互助保障补助批下来后，用来把钱打到你的银行卡上。卡号加密保存，页面上只显示最后 4 位。',
    withdrawEffect: '撤回后，不再收集你的银行卡；还没交给工会的银行卡照片会删掉。',
    version: '2026-11-22',
  },
}

export const isCurrentPolicyVersion = (category: ConsentCategory, version: string): boolean => CONSENT_POLICIES[category].version === version

export const CONSENT_ERR = {
  REQUIRED: 'CONSENT.REQUIRED',
  STALE_VERSION: 'CONSENT.STALE_VERSION',
} as const

/** What to tell a worker when a collection needs consent they have not given (or gave to an old version). */
export function consentRequiredMessage(category: ConsentCategory, renewed = false): string {
  const { label } = CONSENT_POLICIES[category]
  return renewed
    ? `关于${label}的说明更新了。请先看一看新的说明，点「同意」后再办。`
    : `办这件事要用到你的${label}。请先看一看为什么要用，点「同意」后再办。`
}

export const STALE_VERSION_MESSAGE = '说明已经更新了，请重新打开页面，看一看新的说明再同意'

/** What a consent looks like to its owner. */
export interface ConsentView {
  category: ConsentCategory
  label: string
  purpose: string
  withdrawEffect: string
  currentVersion: string
  /** granted = agreed to the current version; outdated = agreed to an older one; withdrawn; never. */
  status: 'granted' | 'outdated' | 'withdrawn' | 'never'
  /** The version of the last agreement, if any. */
  policyVersion: string | null
  /** ISO times. */
  grantedAt: string | null
  withdrawnAt: string | null
}

export interface ConsentHistoryItem {
  category: ConsentCategory
  label: string
  policyVersion: string
  grantedAt: string
  withdrawnAt: string | null
}

/** The state of one category from the active record (if any) and the latest ended one. */
export function consentView(
  category: ConsentCategory,
  active: { policyVersion: string; grantedAt: Date } | null,
  lastEnded: { policyVersion: string; grantedAt: Date; withdrawnAt: Date } | null,
): ConsentView {
  const p = CONSENT_POLICIES[category]
  const base = { category, label: p.label, purpose: p.purpose, withdrawEffect: p.withdrawEffect, currentVersion: p.version }
  if (active) {
    return {
      ...base,
      status: active.policyVersion === p.version ? 'granted' : 'outdated',
      policyVersion: active.policyVersion,
      grantedAt: active.grantedAt.toISOString(),
      withdrawnAt: null,
    }
  }
  if (lastEnded) {
    return {
      ...base,
      status: 'withdrawn',
      policyVersion: lastEnded.policyVersion,
      grantedAt: lastEnded.grantedAt.toISOString(),
      withdrawnAt: lastEnded.withdrawnAt.toISOString(),
    }
  }
  return { ...base, status: 'never', policyVersion: null, grantedAt: null, withdrawnAt: null }
}
