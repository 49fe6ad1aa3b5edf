// Replies of the `legalAid` function for the 法律援助 page tests (the fake backend is join.fixtures' `backend`).
import type { CaseView, CheckReply } from '../../src/domain/legal-aid/legal-aid.api'
import type { Eligibility, Limitation } from '../../src/domain/legal-aid/legal-aid.rules'

export const MIGRANT_WAGES: Eligibility = {
  eligible: true,
  basis: 'migrant_wage_or_injury',
  needsProof: [],
  proofText: [],
  message: '你是农民工，追讨工资，不需要经济困难证明。',
  help: 'legal_aid',
  askIncome: false,
}

export const ASK_INCOME: Eligibility = {
  eligible: false,
  basis: null,
  needsProof: [],
  proofText: [],
  message: '要讨的钱达到了 1,000 元。家里每人每月收入低于 1,850 元的，可以免费代理；请填上家里每人每月的收入再看一看。你可以照样提交。',
  help: 'consultation',
  askIncome: true,
}

export const INCOME_OK: Eligibility = {
  eligible: true,
  basis: 'hardship_income',
  needsProof: ['income_proof'],
  proofText: ['家庭经济困难证明：村（居）委会或乡镇（街道）开的家庭收入证明，或者低保证、特困证'],
  message: '要讨的钱 12,000 元，达到了 1,000 元；家里每人每月收入 900 元，低于本地最低工资 1,850 元，符合法律援助条件。',
  help: 'legal_aid',
  askIncome: false,
}

export const LIMIT_OK: Limitation = {
  lastDay: '2027-03-01',
  basis: '讨工资从离开单位那天（2026年3月1日）算起一年（劳动争议调解仲裁法第二十七条）。',
  status: 'ok',
  daysLeft: 99,
  message: '请在 2027年3月1日 前申请劳动仲裁。',
  notes: [],
}

export const LIMIT_URGENT: Limitation = {
  ...LIMIT_OK,
  lastDay: '2026-12-10',
  status: 'urgent',
  daysLeft: 18,
  message: '请在 2026年12月10日 前申请劳动仲裁，只剩 18 天了！请马上提交，工会会优先处理。',
}

export const CHECK: CheckReply = {
  eligibility: MIGRANT_WAGES,
  limitation: LIMIT_OK,
  orgName: '广丰区总工会',
  reviewDueDate: '2026-12-03',
  reviewDueLabel: '12月3日',
  notes: [],
}

export const CASE: CaseView = {
  id: 'case-1',
  state: 'submitted',
  stateLabel: '已收到，等工会审核',
  version: 1,
  disputeType: 'wages',
  disputeLabel: '欠薪',
  employerName: '宏达建筑劳务有限公司',
  orgName: '广丰区总工会',
  submittedAt: '2026-11-23T02:00:00.000Z',
  reviewDueDate: '2026-12-03',
  dueText: '还剩 7 个工作日',
  eligibility: MIGRANT_WAGES,
  limitation: LIMIT_OK,
  askedItems: [],
  askNote: null,
  decline: null,
  helpForms: [],
  helper: null,
  outcome: null,
  history: [{ at: '2026-11-23T02:00:00.000Z', label: '交了求助', who: '你', note: null }],
  evidenceCount: 1,
  canWithdraw: true,
  canResubmit: false,
}

/** A valid 统一社会信用代码 (GB 32100-2015 check character). */
export const CREDIT_CODE = '91350100M000100Y43'
