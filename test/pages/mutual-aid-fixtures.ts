// Replies of the `mutualAid` function for the staff page tests (amounts in fen).
import type { ClaimReview, ClaimRow, EnrollmentRow } from '../../src/domain/mutual-aid/mutual-aid.api'
import type { OrgView } from '../../src/domain/staff/staff.schema'
import { staff } from './fixtures'

export const grassroots = { ...staff, org: { id: 'org-fengda', name: '江西丰达机械有限公司工会' } }
export const federation = { ...staff, role: 'federation_staff' as const, roleLabel: '总工会工作人员', org: { id: 'org-fed', name: '广丰区总工会' } }

const org = (id: string, name: string, kind: OrgView['kind'], kindLabel: string, depth: number): OrgView => ({ id, name, kind, kindLabel, parentId: depth ? 'org-fed' : null, depth })
export const FED_ORG = org('org-fed', '广丰区总工会', 'federation', '总工会', 0)
export const FENGDA = org('org-fengda', '江西丰达机械有限公司工会', 'grassroots', '基层工会', 1)
export const SCHOOL = org('org-school', '广丰中学工会', 'grassroots', '基层工会', 1)

export const CLAIM_OLD: ClaimRow = {
  id: 'claim-1',
  state: 'grassroots_checked',
  stateLabel: '材料已核对，等总工会审批',
  version: 4,
  name: '李国强',
  maskedIdNumber: '3623**********0011',
  orgId: 'org-fengda',
  orgName: '江西丰达机械有限公司工会',
  planName: '住院医疗',
  kind: 'inpatient',
  eventDate: '2026-09-03',
  submittedAt: '2026-10-08T01:30:00.000Z',
  computedFen: 427500,
  approvedFen: null,
}

export const CLAIM_NEW: ClaimRow = {
  ...CLAIM_OLD,
  id: 'claim-2',
  state: 'approved',
  stateLabel: '已批准，等待打款',
  version: 2,
  name: '刘芳',
  maskedIdNumber: '3623**********0022',
  orgId: 'org-school',
  orgName: '广丰中学工会',
  planName: '女职工特殊疾病',
  kind: 'female_special',
  eventDate: '2026-10-20',
  submittedAt: '2026-11-02T02:00:00.000Z',
  computedFen: 600000,
  approvedFen: 550050,
}

/** A claim checked by the grassroots union, as the federation reads it. */
export const REVIEW: ClaimReview = {
  ...CLAIM_OLD,
  // as the function words them (claimFacts): the plan and the event date come first
  facts: [
    { label: '保障项目', value: '住院医疗' },
    { label: '入院日期', value: '2026年9月3日' },
    { label: '出院日期', value: '2026年9月13日（住院 10 天）' },
    { label: '自付金额', value: '9,200 元' },
  ],
  assessment: {
    eligible: true,
    reasons: [],
    payoutFen: 427500,
    steps: ['自付 9,200 元 − 起付线 650 元 = 8,550 元', '8,550 元 × 50% = 4,275 元'],
    capApplied: null,
    coverageText: '保障中（2026年1月1日 到 2026年12月31日）',
    window: { lastDay: '2028-09-02', text: '2028年9月2日前都可以申请', warn: false, open: true },
    documents: [
      { code: 'invoice', label: '住院收费票据（发票）', provided: 2 },
      { code: 'discharge_summary', label: '出院小结（出院记录）', provided: 1 },
      { code: 'settlement_sheet', label: '医保结算单或费用清单', provided: 0 },
    ],
    missingDocuments: ['settlement_sheet'],
    maxFen: 427500,
    annualRemainingFen: 2000000,
    refusal: null,
  },
  documentFiles: [
    {
      code: 'invoice',
      label: '住院收费票据（发票）',
      files: [
        { fileId: 'f1', url: 'https://tmp.example/f1.jpg', mime: 'image/jpeg' },
        { fileId: 'f2', url: 'https://tmp.example/f2.jpg', mime: 'image/jpeg' },
      ],
    },
    { code: 'discharge_summary', label: '出院小结（出院记录）', files: [{ fileId: 'f3', url: 'https://tmp.example/f3.pdf', mime: 'application/pdf' }] },
  ],
  bankCardTail: '尾号 1111',
  history: [
    { at: '2026-10-08T01:30:00.000Z', label: '交了申请', who: '李国强', note: null },
    { at: '2026-10-09T03:00:00.000Z', label: '基层工会核对了材料', who: '江西丰达机械有限公司工会', note: '发票原件看过了' },
  ],
  actions: ['approve', 'override', 'ask', 'reject'],
}

export const ENROLLED: EnrollmentRow = {
  id: 'e-1',
  name: '李国强',
  maskedIdNumber: '3623**********0011',
  orgId: 'org-fengda',
  orgName: '江西丰达机械有限公司工会',
  planId: 'inpatient',
  planName: '住院医疗',
  shares: 1,
  termStart: '2026-01-01',
  termEnd: '2099-12-31',
}
