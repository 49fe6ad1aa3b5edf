// Replies of the `mutualAid` function for the 互助保障 page tests (the fake backend is join.fixtures' `backend`).
import { act, fireEvent } from '@testing-library/react'
import { CONSENT_POLICIES, type ConsentCategory, type ConsentView } from '../../src/domain/consent/consent'
import type { AssessReply, ClaimView, CoverageReply, MyPlanCoverage, PlanView } from '../../src/domain/mutual-aid/mutual-aid.api'

export const consent = (category: ConsentCategory, status: ConsentView['status']): ConsentView => ({
  category,
  label: CONSENT_POLICIES[category].label,
  purpose: CONSENT_POLICIES[category].purpose,
  withdrawEffect: CONSENT_POLICIES[category].withdrawEffect,
  currentVersion: CONSENT_POLICIES[category].version,
  status,
  policyVersion: status === 'never' ? null : CONSENT_POLICIES[category].version,
  grantedAt: status === 'never' ? null : '2026-11-22T02:00:00.000Z',
  withdrawnAt: null,
})

export const consents = (medical: ConsentView['status'] = 'granted', bankCard: ConsentView['status'] = 'granted', id: ConsentView['status'] = 'granted') => ({
  consents: [consent('id_number', id), consent('medical_documents', medical), consent('bank_card', bankCard)],
})

export const INPATIENT: MyPlanCoverage = {
  planId: 'plan-inpatient',
  kind: 'inpatient',
  name: '职工住院医疗互助保障',
  shares: 1,
  termStart: '2026-01-01',
  termEnd: '2026-12-31',
  status: 'full',
  statusText: '保障中',
  waitDaysLeft: 0,
  annualCapFen: 2_000_000,
  usedFen: 427_500,
  remainingFen: 1_572_500,
}

export const CRITICAL: MyPlanCoverage = {
  ...INPATIENT,
  planId: 'plan-critical',
  kind: 'critical_illness',
  name: '职工重大疾病互助保障',
  shares: 2,
  termStart: '2026-11-01',
  termEnd: '2027-10-31',
  status: 'waiting',
  statusText: '等待期（还要等 12 天）',
  waitDaysLeft: 12,
  annualCapFen: 4_000_000,
  usedFen: 0,
  remainingFen: 4_000_000,
}

export const ACCIDENT: MyPlanCoverage = { ...INPATIENT, planId: 'plan-accident', kind: 'accident', name: '职工意外伤害互助保障', annualCapFen: 1_360_000, usedFen: 0, remainingFen: 1_360_000 }
export const FEMALE: MyPlanCoverage = { ...INPATIENT, planId: 'plan-female', kind: 'female_special', name: '女职工特殊疾病互助保障', annualCapFen: 600_000, usedFen: 0, remainingFen: 600_000 }

const view = (p: MyPlanCoverage, summary: string[], documents: PlanView['documents'] = []): PlanView => ({ planId: p.planId, kind: p.kind, name: p.name, summary, documents })

export const PLAN_VIEWS: PlanView[] = [
  view(INPATIENT, ['自付超过起付线的部分补助 50%，每次住院最多 8,000 元']),
  { ...view(CRITICAL, ['第一次确诊清单里的重大疾病，每份 10,000 元']), diseases: [{ code: 'malignant_tumor', label: '恶性肿瘤' }, { code: 'acute_mi', label: '急性心肌梗塞' }] } as PlanView,
  view(ACCIDENT, ['意外受伤住院每天 20 元；伤残按等级']),
  { ...view(FEMALE, ['女职工特殊疾病按类别补助']), classDiseases: { class1: '乳腺癌、宫颈癌等女性特有的恶性肿瘤' } } as PlanView,
]

export const OTHER_PLAN: PlanView = view(FEMALE, ['女职工确诊清单里的特殊疾病，按类别给一笔钱', '第一类 6,000 元'])

export const coverage = (patch: Partial<CoverageReply> = {}): CoverageReply => ({ identityMissing: false, plans: [INPATIENT, CRITICAL], otherPlans: [OTHER_PLAN], ...patch })

export const DOCS = [
  { code: 'invoice', label: '住院收费票据（发票）' },
  { code: 'discharge_summary', label: '出院小结（出院记录）' },
  { code: 'bank_card', label: '本人银行卡（有卡号的一面）' },
] as const

export const ASSESS_OK: AssessReply = {
  eligible: true,
  reasons: [],
  payoutFen: 427_500,
  steps: ['自付 9,200 元 − 起付线 650 元 = 8,550 元 × 50% = 4,275 元'],
  capApplied: null,
  coverageText: '住院那天在保障期内',
  window: { lastDay: '2028-03-05', text: '还有 829 天可以申请（2028年3月5日截止）', warn: false, open: true },
  documents: DOCS.map((d) => ({ ...d, provided: 0 })),
  missingDocuments: DOCS.map((d) => d.code),
}

export const CLAIM: ClaimView = {
  id: 'claim-1',
  state: 'submitted',
  stateLabel: '基层工会核对材料中',
  version: 1,
  planId: 'plan-inpatient',
  planName: '职工住院医疗互助保障',
  kind: 'inpatient',
  eventDate: '2026-03-05',
  submittedAt: '2026-11-23T02:00:00.000Z',
  computedFen: 427_500,
  approvedFen: null,
  steps: ['自付 9,200 元 − 起付线 650 元 = 8,550 元 × 50% = 4,275 元'],
  askedDocuments: [],
  askNote: null,
  rejection: null,
  override: null,
  payment: null,
  bankCardTail: '尾号 1111',
  windowLastDay: '2028-03-05',
  documents: [
    { code: 'invoice', label: '住院收费票据（发票）', count: 2 },
    { code: 'bank_card', label: '本人银行卡（有卡号的一面）', count: 1 },
  ],
  history: [{ at: '2026-11-23T02:00:00.000Z', label: '交了申请', who: '你', note: null }],
  canWithdraw: true,
  canResubmit: false,
}

/** The phone's date picker (the n-th on the page) answering with a day. */
export const pickDate = async (n: number, day: string) => {
  const picker = document.querySelectorAll('taro-picker-core')[n]
  await act(async () => {
    fireEvent(picker, new CustomEvent('change', { detail: { value: day } }))
  })
}

/** A valid test card number (Luhn). */
export const CARD = '6222021234567890128'
