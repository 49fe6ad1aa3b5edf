// One application: masked facts, the audited phone reveal, and the four decisions with their rules.
import { render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Review from '../../src/subpackages/staff/pages/members-review/index'
import { callFunction } from '../../src/services/transport'
import { INFO_ITEMS, REJECT_REASONS } from '../../src/domain/membership/membership.constants'
import type { ApplicationDetail } from '../../src/domain/membership/membership.schema'
import type { Envelope } from '../../src/domain/envelope'
import { errReply, okReply, staff } from './fixtures'
import { button, decided, DETAIL, type Handler, routeCalls, sent, tap, type } from './membership-fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro.mock')
  const extra = { useRouter: jest.fn(() => ({ params: { id: 'app-1' } })) }
  return { __esModule: true, ...base, ...extra, default: { ...base.default, ...extra } }
})

const call = callFunction as jest.MockedFunction<typeof callFunction>

/** `details` are answered in turn (the last one repeats). */
function backend(details: ApplicationDetail[], more: Record<string, Handler> = {}) {
  let n = 0
  routeCalls(call, {
    'session.me': () => okReply(staff),
    'membership.detail': () => okReply(details[Math.min(n++, details.length - 1)]),
    ...more,
  })
}

const sheet = () => screen.getByRole('dialog')
const open = async (action: string) => {
  await screen.findByText('办理')
  await tap(button(action))
  return sheet()
}

beforeEach(() => jest.clearAllMocks())

test('shows the masked facts, why it came here, photos and the timeline', async () => {
  backend([DETAIL])
  render(<Review />)
  expect(await screen.findByText('3623**********0018')).toBeTruthy()
  expect(call).toHaveBeenCalledWith('membership', { action: 'detail', id: 'app-1' })
  expect(screen.getByText('24 岁')).toBeTruthy()
  expect(screen.getByText('138****1234')).toBeTruthy()
  expect(screen.getByText('上海宏建建筑劳务有限公司')).toBeTruthy()
  expect(screen.getByText('为什么交给「驻上海农民工维权服务站」')).toBeTruthy()
  expect(screen.getByText('你在上海工作，选了由上海服务站办理。')).toBeTruthy()
  expect(screen.getByText('⚠ 已超过 2 个工作日')).toBeTruthy()
  expect(screen.getByLabelText('照片 1，点一下看大图')).toBeTruthy()
  expect(screen.getByText('交了申请')).toBeTruthy()
  for (const action of ['批准入会', '请他补充', '不通过', '转给别的工会']) expect(button(action)).toBeTruthy()
})

test('查看完整号码并拨打: the server gives the number (and records it), then the phone dials', async () => {
  backend([DETAIL], { 'membership.revealContact': () => okReply({ phone: '138 0793 1234' }) })
  render(<Review />)
  await tap(await screen.findByText('📞 查看完整号码并拨打'))
  expect(sent(call, 'revealContact')).toEqual([{ action: 'revealContact', id: 'app-1' }])
  expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13807931234' })
  expect(screen.getByText('138 0793 1234')).toBeTruthy()
  expect(screen.getByText(/会记下是谁、什么时候看的/)).toBeTruthy()
})

test('不通过 needs a coded reason; the sheet shows what the worker will read; version is sent', async () => {
  backend([DETAIL, decided('rejected', '没有通过')], { 'membership.decide': () => okReply({ id: 'app-1', state: 'rejected', version: 4 }) })
  render(<Review />)
  const s = await open('不通过')
  await tap(within(s).getByText('确认不通过'))
  expect(within(s).getByRole('alert').textContent).toContain('请选一个原因')
  expect(sent(call, 'decide')).toEqual([])

  const reason = REJECT_REASONS.find((r) => r.code === 'cannot_contact')!
  await tap(within(s).getByText(reason.label))
  expect(within(s).getByText(`他会看到：${reason.label}。${reason.next}`)).toBeTruthy()
  await type('写给他的说明（可以不写）', '  打了三次都没接  ')
  await tap(within(s).getByText('确认不通过'))
  expect(sent(call, 'decide')).toEqual([{ action: 'decide', id: 'app-1', version: 3, decision: 'reject', reason: 'cannot_contact', note: '打了三次都没接' }])
  expect(await screen.findByText('✅ 已告诉他没有通过和原因')).toBeTruthy()
  expect(screen.queryByRole('dialog')).toBeNull()
  expect(screen.getByText('这份申请已经办完了：没有通过。')).toBeTruthy()
})

test('「其他原因」 also needs a note', async () => {
  backend([DETAIL])
  render(<Review />)
  const s = await open('不通过')
  await tap(within(s).getByText('其他原因（见说明）'))
  await tap(within(s).getByText('确认不通过'))
  expect(within(s).getByRole('alert').textContent).toBe('选了「其他原因」，请写一句说明给他')
  expect(sent(call, 'decide')).toEqual([])
})

test('请他补充 needs at least one item; several go in the list order', async () => {
  backend([DETAIL, { ...decided('needs_info', '需要补充材料') }], { 'membership.decide': () => okReply({ id: 'app-1', state: 'needs_info', version: 4 }) })
  render(<Review />)
  const s = await open('请他补充')
  await tap(within(s).getByText('发给他'))
  expect(within(s).getByRole('alert').textContent).toBe('请至少选一项，让他知道要补充什么')
  expect(sent(call, 'decide')).toEqual([])

  const [proof, , , occupation] = INFO_ITEMS
  await tap(within(s).getByText(occupation.label))
  await tap(within(s).getByText(proof.label))
  expect(within(s).getAllByRole('checkbox').filter((c) => c.getAttribute('aria-checked') === 'true')).toHaveLength(2)
  await tap(within(s).getByText('发给他'))
  expect(sent(call, 'decide')).toEqual([{ action: 'decide', id: 'app-1', version: 3, decision: 'ask', items: ['work_proof', 'occupation'] }])
  expect(await screen.findByText('正在等他补充材料，补好后会回到待处理。')).toBeTruthy()
})

test('批准入会 asks to confirm and shows the member number; a second tap while sending does nothing', async () => {
  let answer: (r: Envelope<unknown>) => void = () => undefined
  backend([DETAIL, decided('approved', '已入会')], { 'membership.decide': () => new Promise((resolve) => (answer = resolve)) })
  render(<Review />)
  const s = await open('批准入会')
  expect(within(s).getByText('批准 王小明 入会？')).toBeTruthy()
  expect(within(s).getByText(/不会通知他的单位/)).toBeTruthy()
  await tap(within(s).getByText('批准入会'))
  await tap(within(s).getByText('正在办理…'))
  expect(sent(call, 'decide')).toEqual([{ action: 'decide', id: 'app-1', version: 3, decision: 'approve' }])
  answer(okReply({ id: 'app-1', state: 'approved', version: 4, memberNo: 'GF2026000123' }))
  expect(await screen.findByText('GF2026000123')).toBeTruthy()
  expect(screen.getByText('✅ 已批准 王小明 入会')).toBeTruthy()
  await waitFor(() => expect(screen.getByText('这份申请已经办完了：已入会。')).toBeTruthy())
  expect(sent(call, 'decide')).toHaveLength(1)
})

test('someone else decided first: the message shows and the application is read again', async () => {
  backend([DETAIL, decided('approved', '已入会')], {
    'membership.decide': () => errReply('REQUEST.ALREADY_DECIDED', '这件事已经有人处理过了，请刷新看看最新结果'),
  })
  render(<Review />)
  const s = await open('批准入会')
  await tap(within(s).getByText('批准入会'))
  expect(await screen.findByText('这件事已经有人处理过了，请刷新看看最新结果。已经帮你刷新，下面是最新的情况。')).toBeTruthy()
  expect(screen.queryByRole('dialog')).toBeNull()
  expect(sent(call, 'detail')).toHaveLength(2)
  expect(await screen.findByText('这份申请已经办完了：已入会。')).toBeTruthy()
  expect(screen.queryByText('批准入会', { selector: 'taro-button-core, taro-button-core *' })).toBeNull()
})

test('a plain failure stays in the sheet to try again', async () => {
  backend([DETAIL], { 'membership.decide': () => errReply('NET.UNAVAILABLE', 'x') })
  render(<Review />)
  const s = await open('批准入会')
  await tap(within(s).getByText('批准入会'))
  expect(within(sheet()).getByRole('alert').textContent).toBe('网络不太好，请检查网络后再试一次')
  expect(sent(call, 'detail')).toHaveLength(1)
})

test('转给别的工会 picks a target and sends the version and note', async () => {
  backend([DETAIL, { ...DETAIL, orgId: 'org-fed', orgName: '广丰区总工会', actions: [] }], {
    'membership.reassign': () => okReply({ id: 'app-1', state: 'submitted', version: 4 }),
  })
  render(<Review />)
  const s = await open('转给别的工会')
  await tap(within(s).getByText('转过去'))
  expect(within(s).getByRole('alert').textContent).toBe('请选一个工会')
  await tap(within(s).getByText('广丰区总工会'))
  await type('转的原因（可以不写）', '他想由老家办理')
  await tap(within(s).getByText('转过去'))
  expect(sent(call, 'reassign')).toEqual([{ action: 'reassign', id: 'app-1', version: 3, toOrgId: 'org-fed', note: '他想由老家办理' }])
  expect(await screen.findByText('✅ 已转给「广丰区总工会」办理')).toBeTruthy()
})
