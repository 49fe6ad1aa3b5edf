// Replies of the `legalAid` function for the staff page tests (amounts in fen, in the server's words).
import type { CaseReview, CaseRow } from '../../src/domain/legal-aid/legal-aid.api'
import { TRIAGE_FLAG_LABELS, type TriageFlag } from '../../src/domain/legal-aid/legal-aid.constants'

const flag = (code: TriageFlag) => ({ code, label: TRIAGE_FLAG_LABELS[code] })

/** A migrant worker's unpaid wages, many co-workers, arbitration deadline close: top of the queue. */
export const CASE_URGENT: CaseRow = {
  id: 'case-1',
  state: 'submitted',
  stateLabel: '已收到，等工会审核',
  version: 3,
  maskedName: '王*明',
  disputeLabel: '欠薪',
  employerName: '上海宏建建筑劳务有限公司',
  orgId: 'org-fed',
  orgName: '广丰区总工会',
  submittedAt: '2026-11-20T01:30:00.000Z',
  amountText: '36,000 元',
  workersAffected: 12,
  migrant: true,
  score: 30,
  flags: [flag('limitation_urgent'), flag('group'), flag('migrant_wage_or_injury')],
  limitationLastDay: '2026-12-10',
  limitationStatus: 'urgent',
  dueText: '还剩 5 个工作日',
  overdue: false,
}

/** An older, calmer case: hardship only, review late. */
export const CASE_LATE: CaseRow = {
  ...CASE_URGENT,
  id: 'case-2',
  version: 1,
  state: 'under_review',
  stateLabel: '工会正在审核',
  maskedName: '刘*',
  disputeLabel: '合同/辞退',
  employerName: '江西丰达机械有限公司',
  orgId: 'org-fengda',
  orgName: '江西丰达机械有限公司工会',
  submittedAt: '2026-11-02T02:00:00.000Z',
  amountText: null,
  workersAffected: 1,
  migrant: false,
  score: 1,
  flags: [flag('hardship')],
  limitationLastDay: '2027-10-31',
  limitationStatus: 'ok',
  dueText: '已超过 2 个工作日',
  overdue: true,
}

export const REVIEW: CaseReview = {
  ...CASE_URGENT,
  facts: '我在工地干了八个月，\n老板说工程款没结，三个月工资一直拖着不给。',
  employer: { name: '上海宏建建筑劳务有限公司', creditCode: '91310117MA1J3K4L5P', address: '上海市松江区九亭镇', contact: null },
  keyFacts: [
    { label: '进单位的日期', value: '2025年3月1日' },
    { label: '离开单位的日期', value: '2025年12月10日' },
    { label: '想要什么', value: '讨回欠的工资' },
  ],
  eligibility: {
    eligible: true,
    basis: 'migrant_wage_or_injury',
    needsProof: [],
    message: '你是农民工，追讨工资，不需要经济困难证明。',
    proofText: [],
    help: 'legal_aid',
    askIncome: false,
  },
  limitation: {
    lastDay: '2026-12-10',
    basis: '从离开单位的那天（2025年12月10日）算一年（劳动争议调解仲裁法第二十七条）',
    status: 'urgent',
    daysLeft: 18,
    message: '请在 2026年12月10日 前申请劳动仲裁，只剩 18 天了！',
    notes: [],
  },
  evidence: [
    { fileId: 'f1', url: 'https://tmp.example/f1.jpg', mime: 'image/jpeg', purpose: 'work_proof' },
    { fileId: 'f2', url: 'https://tmp.example/f2.pdf', mime: 'application/pdf', purpose: 'work_proof' },
    { fileId: 'f3', url: 'https://tmp.example/f3.jpg', mime: 'image/jpeg', purpose: 'other' },
  ],
  helper: null,
  outcome: null,
  history: [{ at: '2026-11-20T01:30:00.000Z', label: '交了求助', who: '王*明', note: null }],
  askedItems: [],
  actions: ['startReview', 'ask', 'accept', 'decline', 'handover'],
  handoverTargets: [
    { id: 'org-sh', name: '驻上海农民工维权服务站', kindLabel: '服务站' },
    { id: 'org-fengda', name: '江西丰达机械有限公司工会', kindLabel: '基层工会' },
  ],
}

/** The same case accepted, with a union legal officer helping. */
export const ACTIVE: CaseReview = {
  ...REVIEW,
  state: 'in_progress',
  stateLabel: '正在帮你办理',
  version: 6,
  dueText: null,
  helper: { kind: 'union_legal_officer', kindLabel: '工会法律工作者', name: '周律', phone: '0793-2612345', org: '广丰区总工会' },
  actions: ['assign', 'progress', 'close', 'handover'],
}
