// Replies of the `membership` function for the staff page tests, and a fake backend keyed by
// `function.action`.
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import type { ApplicationDetail, ApplicationRow } from '../../src/domain/membership/membership.schema'
import type { Envelope } from '../../src/domain/envelope'
import type { callFunction } from '../../src/services/transport'
import { okReply } from './fixtures'

export type Handler = (data: Record<string, unknown>) => Envelope<unknown> | Promise<Envelope<unknown>>

/** Answers each call from `handlers`; an unexpected call fails the test. */
export function routeCalls(call: jest.MockedFunction<typeof callFunction>, handlers: Record<string, Handler>) {
  call.mockImplementation(async (name, data) => {
    const h = handlers[`${name}.${String(data.action)}`]
    if (!h) throw new Error(`unexpected ${name}.${String(data.action)}`)
    return (await h(data)) as never
  })
}

/** The events sent for one action, in order. */
export const sent = (call: jest.MockedFunction<typeof callFunction>, action: string) => call.mock.calls.filter(([, d]) => d.action === action).map(([, d]) => d)

/** A NutUI button by its words. */
export const button = (text: string) => screen.getByText(text, { selector: 'taro-button-core, taro-button-core *' })

/** Runs the file's tests as this Taro build (`process.env.TARO_ENV`), restoring it afterwards. */
export function asTaroEnv(env: NonNullable<typeof process.env.TARO_ENV>) {
  const real = process.env.TARO_ENV
  beforeEach(() => {
    process.env.TARO_ENV = env
  })
  afterAll(() => {
    process.env.TARO_ENV = real
  })
}

export const tap = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el)
  })
}

/** Types into the Taro input with this aria-label (its inner <input> appears a tick after mounting). */
export const type = async (label: string, value: string) => {
  const el = await waitFor(() => {
    const found = document.querySelector(`[aria-label="${label}"] input`) as HTMLInputElement
    expect(found).toBeTruthy()
    return found
  })
  await act(async () => {
    fireEvent.input(el, { target: { value } })
  })
}

/** The n-th date picker of the page answering with a day. */
export const pickDate = async (n: number, day: string) => {
  const picker = document.querySelectorAll('taro-picker-core')[n]
  await act(async () => {
    fireEvent(picker, new CustomEvent('change', { detail: { value: day } }))
  })
}

/** The question (label, box, problem in red) around the box with this aria-label. */
export const fieldOf = (label: string) => screen.getByLabelText(label).closest('.field') as HTMLElement

export const ROW_LATE: ApplicationRow = {
  id: 'app-1',
  state: 'submitted',
  stateLabel: '工会审核中',
  version: 3,
  name: '王小明',
  employmentType: 'migrant',
  employmentTypeLabel: '农民工（进城务工）',
  employerName: '上海宏建建筑劳务有限公司',
  orgId: 'org-shanghai',
  orgName: '驻上海农民工维权服务站',
  submittedAt: '2026-11-02T01:30:00.000Z',
  dueDate: '2026-11-20',
  dueText: '已超过 2 个工作日',
  overdue: true,
  migrant: true,
}

export const ROW_ON_TIME: ApplicationRow = {
  ...ROW_LATE,
  id: 'app-2',
  version: 1,
  name: '刘芳',
  employmentType: 'new_forms',
  employmentTypeLabel: '新就业形态（外卖、快递、网约车、货车司机等）',
  employerName: '美团外卖广丰站点',
  orgId: 'org-newforms',
  orgName: '新就业形态行业工会联合会',
  submittedAt: '2026-11-20T02:00:00.000Z',
  dueDate: '2026-12-11',
  dueText: '还剩 3 个工作日',
  overdue: false,
  migrant: false,
}

export const DETAIL: ApplicationDetail = {
  ...ROW_LATE,
  maskedIdNumber: '3623**********0018',
  maskedPhone: '138****1234',
  age: 24,
  sexLabel: '男',
  incomeSourceLabel: '靠工资或干活挣的钱（包括跑单、计件）',
  platformLabel: null,
  occupation: '建筑工',
  employerDistrict: null,
  employerAddress: '上海市浦东新区',
  workPlaceLabel: '在上海工作',
  remoteUnionLabel: '上海服务站（离我近，方便见面）',
  workCity: null,
  routeWhy: '你在上海工作，选了由上海服务站办理。',
  askedItems: [],
  askNote: null,
  history: [{ at: '2026-11-02T01:30:00.000Z', label: '交了申请', who: '王小明', note: null }],
  proofPhotos: [{ fileId: 'f-1', url: 'https://tmp.example/f-1.jpg' }],
  actions: ['approve', 'reject', 'ask', 'reassign'],
  reassignTargets: [{ id: 'org-fed', name: '广丰区总工会', kindLabel: '总工会' }],
}

export const decided = (state: ApplicationDetail['state'], stateLabel: string): ApplicationDetail => ({ ...DETAIL, state, stateLabel, version: DETAIL.version + 1, dueText: null, overdue: false, actions: [] })

export const page = <T,>(items: T[], nextCursor: number | null = null) => okReply({ items, nextCursor })
