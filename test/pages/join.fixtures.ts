// Replies of the `membership` function for the 入会 page tests, and a fake backend routing by function.action.
import { act, fireEvent, waitFor } from '@testing-library/react'
import type { Envelope } from '../../src/domain/envelope'
import type { ConsentView } from '../../src/domain/consent/consent'
import type { ApplicationView, CheckReply, EmployerOption, MemberCardView, MineReply, TransferView } from '../../src/domain/membership/membership.schema'
import { callFunction } from '../../src/services/transport'
import { okReply } from './fixtures'

export const call = callFunction as jest.MockedFunction<typeof callFunction>

export type Handler = (data: Record<string, unknown>) => Envelope<unknown> | Promise<Envelope<unknown>>

/** Routes `name.action` to a handler; anything else fails the test. */
export function backend(handlers: Record<string, Handler>) {
  call.mockImplementation(async (name, data) => {
    const h = handlers[`${name}.${String(data.action)}`]
    if (!h) throw new Error(`unexpected ${name}.${String(data.action)}`)
    return (await h(data)) as never
  })
}

/** What was sent to `action`, in order. */
export const sent = (action: string) => call.mock.calls.filter(([, d]) => d.action === action).map(([, d]) => d)

export const tap = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el)
  })
}

export const inputOf = async (label: string) =>
  waitFor(() => {
    const el = document.querySelector(`[aria-label="${label}"] input, [aria-label="${label}"] textarea`) as HTMLInputElement
    expect(el).toBeTruthy()
    return el
  })

export const type = async (label: string, value: string) => {
  const el = await inputOf(label)
  await act(async () => {
    fireEvent.input(el, { target: { value } })
  })
}

export const idConsent = (status: ConsentView['status']): ConsentView => ({
  category: 'id_number',
  label: '身份证号',
  purpose: '用来确认是你本人',
  withdrawEffect: '撤回后删掉',
  currentVersion: '2026-11-22',
  status,
  policyVersion: status === 'never' ? null : '2026-11-22',
  grantedAt: status === 'never' ? null : '2026-11-22T02:00:00.000Z',
  withdrawnAt: null,
})

export const EMPLOYERS: EmployerOption[] = [
  { id: 'emp-xingwang', name: '兴旺建材有限公司', district: '芦林街道', unionName: '兴旺国际建材城联合工会' },
  { id: 'emp-hongda', name: '宏达鞋业有限公司', district: '洋口镇', unionName: null },
]

export const CHECK_OK: CheckReply = {
  eligible: true,
  issues: [],
  route: { orgId: 'org-xingwang', orgName: '兴旺国际建材城联合工会', reason: 'EMPLOYER_UNION', why: '「兴旺建材有限公司」有自己的工会，由「兴旺国际建材城联合工会」办理。' },
  offerTransfer: false,
  replyWorkingDays: 15,
  dueDate: '2026-12-14',
  dueLabel: '12月14日',
  privacyNote: '工会不会通知你的单位，单位不会知道你申请了入会。',
}

export const APPLICATION: ApplicationView = {
  id: 'app-1',
  state: 'submitted',
  stateLabel: '工会审核中',
  version: 1,
  orgId: 'org-xingwang',
  orgName: '兴旺国际建材城联合工会',
  routeWhy: '「兴旺建材有限公司」有自己的工会，由「兴旺国际建材城联合工会」办理。',
  submittedAt: '2026-11-23T12:00:00.000Z',
  dueDate: '2026-12-14',
  dueLabel: '12月14日',
  dueText: '还剩 12 个工作日',
  overdue: false,
  askedItems: [],
  askNote: null,
  rejection: null,
  history: [{ at: '2026-11-23T12:00:00.000Z', label: '交了申请', who: '你', note: null }],
  form: {
    name: '王小明',
    maskedIdNumber: '110***********002X',
    maskedPhone: '138****1234',
    incomeSource: 'wages',
    employer: { kind: 'known', employerId: 'emp-xingwang' },
    employerName: '兴旺建材有限公司',
    employmentType: 'full_time',
    occupation: '普工',
    workPlace: 'local',
  },
  proofPhotos: [],
  canWithdraw: true,
  canResubmit: false,
}

export const CARD: MemberCardView = {
  name: '王小明',
  maskedIdNumber: '110***********002X',
  memberNo: 'GF20260000017',
  orgName: '兴旺国际建材城联合工会',
  joinedDate: '2026-11-25',
  qrText: 'union-member:tok123',
  qrDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
  cardVersion: 1,
  history: [{ at: '2026-11-25T02:00:00.000Z', label: '批准入会', who: '兴旺国际建材城联合工会', note: null }],
}

export const TRANSFER: TransferView = {
  id: 'tr-1',
  state: 'requested',
  stateLabel: '等新工会接收',
  version: 1,
  fromOrgName: '兴旺国际建材城联合工会',
  toOrgName: '广丰区新就业形态行业工会联合会',
  why: '外卖、快递、网约车等新就业形态劳动者，由「广丰区新就业形态行业工会联合会」办理，不用通过平台或站点。',
  reasonLabel: '换了工作单位',
  requestedAt: '2026-12-01T02:00:00.000Z',
  decidedAt: null,
  rejection: null,
  history: [{ at: '2026-12-01T02:00:00.000Z', label: '申请转会', who: '你', note: null }],
  canWithdraw: true,
}

export const mine = (patch: Partial<MineReply> = {}): Envelope<MineReply> =>
  okReply({ member: null, application: null, transfers: [], replyWorkingDays: 15, minAge: 16, ...patch })
