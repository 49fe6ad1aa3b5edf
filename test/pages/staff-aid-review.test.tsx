// One 互助保障 claim: facts, the recomputed arithmetic, documents, the card tail, and the decisions by role.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Review from '../../src/subpackages/staff/pages/aid-review/index'
import { callFunction } from '../../src/services/transport'
import { shanghaiDate } from '../../src/domain/calendar/working-days'
import { CLAIM_REJECT_REASONS, MUTUAL_AID_ERR } from '../../src/domain/mutual-aid/mutual-aid.constants'
import type { ClaimReview } from '../../src/domain/mutual-aid/mutual-aid.api'
import type { Envelope } from '../../src/domain/envelope'
import { errReply, okReply } from './fixtures'
import { button, type Handler, routeCalls, sent, tap, type } from './membership-fixtures'
import { federation, grassroots, REVIEW } from './mutual-aid-fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => {
  const base = jest.requireActual('./taro.mock')
  const extra = {
    useRouter: jest.fn(() => ({ params: { id: 'claim-1' } })),
    downloadFile: jest.fn(() => Promise.resolve({ tempFilePath: 'wxfile://tmp/f3.pdf', statusCode: 200 })),
    openDocument: jest.fn(() => Promise.resolve({ errMsg: 'openDocument:ok' })),
  }
  return { __esModule: true, ...base, ...extra, default: { ...base.default, ...extra } }
})

const call = callFunction as jest.MockedFunction<typeof callFunction>

/** `reviews` are answered in turn (the last one repeats). */
function backend(me: typeof federation | typeof grassroots, reviews: ClaimReview[], more: Record<string, Handler> = {}) {
  let n = 0
  routeCalls(call, {
    'session.me': () => okReply(me),
    'mutualAid.claimReview': () => okReply(reviews[Math.min(n++, reviews.length - 1)]),
    ...more,
  })
}

const after = (state: ClaimReview['state'], stateLabel: string, extra: Partial<ClaimReview> = {}): ClaimReview => ({ ...REVIEW, state, stateLabel, version: REVIEW.version + 1, actions: [], ...extra })
const sheet = () => screen.getByRole('dialog')
const open = async (action: string) => {
  await screen.findByText('办理')
  await tap(button(action))
  return sheet()
}
const decided = (reply: Envelope<unknown> = okReply({ id: 'claim-1', state: 'approved', version: 5 })) => ({ 'mutualAid.decideClaim': () => reply })

beforeEach(() => jest.clearAllMocks())

test('federation: the facts, the arithmetic, cap left, documents (photos and a PDF), card tail, timeline and its four decisions', async () => {
  backend(federation, [REVIEW])
  render(<Review />)
  expect(await screen.findByText('按规定能补助 4,275 元')).toBeTruthy()
  expect(call).toHaveBeenCalledWith('mutualAid', { action: 'claimReview', id: 'claim-1' })
  expect(screen.getByText('身份证 3623**********0011')).toBeTruthy()
  expect(screen.getByText('2026年9月3日')).toBeTruthy()
  expect(screen.getByText('9,200 元')).toBeTruthy()
  const steps = within(screen.getByRole('list', { name: '怎么算出来的' })).getAllByRole('listitem')
  expect(steps.map((s) => s.textContent)).toEqual(['自付 9,200 元 − 起付线 650 元 = 8,550 元', '8,550 元 × 50% = 4,275 元'])
  expect(screen.getByText('20,000 元')).toBeTruthy()
  expect(screen.getByText('住院收费票据（发票）（2 份）')).toBeTruthy()
  expect(screen.getByLabelText('照片 2，点一下看大图')).toBeTruthy()
  expect(screen.getByText('还缺：医保结算单或费用清单')).toBeTruthy()
  expect(screen.getByText('尾号 1111')).toBeTruthy()
  expect(screen.getByText('“发票原件看过了”')).toBeTruthy()
  for (const action of ['批准 4,275 元', '改金额批准', '请他补材料', '不能补助']) expect(button(action)).toBeTruthy()
  expect(screen.queryByText('审核通过（交总工会）')).toBeNull()

  // weapp: a PDF is downloaded and opened in the viewer.
  await tap(screen.getByText('📄 打开第 1 个 PDF 文件'))
  expect(Taro.downloadFile).toHaveBeenCalledWith({ url: 'https://tmp.example/f3.pdf' })
  expect(Taro.openDocument).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/f3.pdf', fileType: 'pdf' })
})

test('grassroots: only 审核通过 / 请他补材料 / 不能补助, no full card number; 审核通过 sends the version', async () => {
  const checked = after('grassroots_checked', '材料已核对，等总工会审批')
  backend(grassroots, [{ ...REVIEW, state: 'submitted', stateLabel: '基层工会核对材料中', actions: ['check', 'ask', 'reject'] }, checked], decided(okReply({ id: 'claim-1', state: 'grassroots_checked', version: 5 })))
  render(<Review />)
  await screen.findByText('办理')
  expect(['审核通过（交总工会）', '请他补材料', '不能补助'].map((t) => button(t).textContent)).toHaveLength(3)
  expect(screen.queryByText(/^批准/)).toBeNull()
  expect(screen.queryByText('改金额批准')).toBeNull()
  expect(screen.queryByText('标记已打款')).toBeNull()
  expect(screen.queryByText('查看完整卡号')).toBeNull()

  const s = await open('审核通过（交总工会）')
  await type('说明（可以不写，申请人也能看到）', ' 原件核对过 ')
  await tap(within(s).getByText('交给总工会'))
  expect(sent(call, 'decideClaim')).toEqual([{ action: 'decideClaim', id: 'claim-1', version: 4, decision: 'check', note: '原件核对过' }])
  expect(await screen.findByText('✅ 已核对，交给总工会审批金额')).toBeTruthy()
  expect(await screen.findByText('材料已经核对过了，正在等总工会审批金额。')).toBeTruthy()
})

test('批准 shows the computed amount and its arithmetic; a second tap while sending does nothing', async () => {
  let answer: (r: Envelope<unknown>) => void = () => undefined
  backend(federation, [REVIEW, after('approved', '已批准，等待打款', { approvedFen: 427500 })], { 'mutualAid.decideClaim': () => new Promise((resolve) => (answer = resolve)) })
  render(<Review />)
  const s = await open('批准 4,275 元')
  expect(within(s).getByText('批准补助 4,275 元？')).toBeTruthy()
  expect(within(s).getByText('8,550 元 × 50% = 4,275 元')).toBeTruthy()
  expect(within(s).getByText(/批准后记入他今年的额度（批准前还剩 20,000 元）/)).toBeTruthy()
  await tap(within(s).getByText('批准'))
  await tap(within(s).getByText('正在办理…'))
  expect(sent(call, 'decideClaim')).toEqual([{ action: 'decideClaim', id: 'claim-1', version: 4, decision: 'approve' }])
  answer(okReply({ id: 'claim-1', state: 'approved', version: 5, approvedFen: 427500 }))
  expect(await screen.findByText('✅ 已批准 4,275 元，等待打款')).toBeTruthy()
  await waitFor(() => expect(screen.getByText('已经批准了，正在等总工会打款。')).toBeTruthy())
  expect(sent(call, 'decideClaim')).toHaveLength(1)
})

test('批准 is not offered to confirm when the rules pay nothing; the sheet says to use 不能补助', async () => {
  const none = { ...REVIEW, assessment: { ...REVIEW.assessment, eligible: false, payoutFen: 0, maxFen: 0, reasons: ['出事那天还在等待期内'], refusal: 'waiting_period' as const } }
  backend(federation, [none])
  render(<Review />)
  expect(await screen.findByText('按规定这次不能补助')).toBeTruthy()
  const s = await open('批准')
  expect(within(s).getByRole('alert').textContent).toContain('出事那天还在等待期内')
  await tap(within(s).getByText('批准'))
  expect(sent(call, 'decideClaim')).toEqual([])
})

test('改金额批准 refuses more than the maximum and needs a reason; then sends fen, the reason and the note', async () => {
  backend(federation, [REVIEW, after('approved', '已批准，等待打款', { approvedFen: 400050 })], decided(okReply({ id: 'claim-1', state: 'approved', version: 5, approvedFen: 400050 })))
  render(<Review />)
  const s = await open('改金额批准')
  expect(within(s).getByText('最多 4,275 元；按规定算的是 4,275 元')).toBeTruthy()
  const confirm = () => tap(within(sheet()).getByText('按这个金额批准'))

  await type('批准多少钱（元）', '4275.01')
  await confirm()
  expect(within(s).getByRole('alert').textContent).toBe('批准的金额不能超过这次最多能补助的 4,275 元')
  await type('批准多少钱（元）', '4000.505')
  await confirm()
  expect(within(s).getByRole('alert').textContent).toBe('金额最多写到分，小数点后最多两位')
  await type('批准多少钱（元）', '4000.50')
  await confirm()
  expect(within(s).getByRole('alert').textContent).toBe('请选为什么改金额')
  await tap(within(s).getByText('其他原因（见说明）'))
  await confirm()
  expect(within(s).getByRole('alert').textContent).toBe('选了「其他原因」，请写一句说明')
  expect(sent(call, 'decideClaim')).toEqual([])

  await tap(within(s).getByText('有的费用不在补助范围（比如自费药、陪护费）'))
  await type('说明（可以不写，他也会看到）', '护工费 274.5 元不在范围')
  await confirm()
  expect(sent(call, 'decideClaim')).toEqual([
    { action: 'decideClaim', id: 'claim-1', version: 4, decision: 'override', amountFen: 400050, overrideReason: 'ineligible_items', note: '护工费 274.5 元不在范围' },
  ])
  expect(await screen.findByText('✅ 已批准 4,000.50 元，等待打款')).toBeTruthy()
})

test('CAP_EXCEEDED: the message shows, the claim is read again and the new amount appears', async () => {
  const smaller = { ...REVIEW, version: 5, assessment: { ...REVIEW.assessment, payoutFen: 150000, maxFen: 150000, annualRemainingFen: 150000, capApplied: 'annual' as const } }
  backend(federation, [REVIEW, smaller], decided(errReply(MUTUAL_AID_ERR.CAP_EXCEEDED.code, MUTUAL_AID_ERR.CAP_EXCEEDED.message)))
  render(<Review />)
  const s = await open('批准 4,275 元')
  await tap(within(s).getByText('批准'))
  expect(await screen.findByText(`${MUTUAL_AID_ERR.CAP_EXCEEDED.message}。已经帮你刷新，下面是最新的情况。`)).toBeTruthy()
  expect(screen.queryByRole('dialog')).toBeNull()
  expect(sent(call, 'claimReview')).toHaveLength(2)
  expect(await screen.findByText('按规定能补助 1,500 元')).toBeTruthy()
  expect(screen.getByText('已经按他今年剩下的额度封顶。')).toBeTruthy()
  expect(button('批准 1,500 元')).toBeTruthy()
})

test('someone else decided first (REQUEST.ALREADY_DECIDED): message and reload; a plain failure stays in the sheet', async () => {
  backend(federation, [REVIEW], decided(errReply('NET.UNAVAILABLE', 'x')))
  const { unmount } = render(<Review />)
  let s = await open('批准 4,275 元')
  await tap(within(s).getByText('批准'))
  expect(within(sheet()).getByRole('alert').textContent).toBe('网络不太好，请检查网络后再试一次')
  expect(sent(call, 'claimReview')).toHaveLength(1)
  unmount()

  backend(federation, [REVIEW, after('approved', '已批准，等待打款')], decided(errReply('REQUEST.ALREADY_DECIDED', '这件事已经有人处理过了')))
  render(<Review />)
  s = await open('批准 4,275 元')
  await tap(within(s).getByText('批准'))
  expect(await screen.findByText('这件事已经有人处理过了。已经帮你刷新，下面是最新的情况。')).toBeTruthy()
  expect(await screen.findByText('已经批准了，正在等总工会打款。')).toBeTruthy()
})

test('请他补材料: the plan’s documents come first, the missing one already ticked; needs at least one; sends the items in list order', async () => {
  backend(federation, [REVIEW, after('needs_docs', '需要补充材料')], decided())
  render(<Review />)
  const s = await open('请他补材料')
  expect(within(s).getByText('这个保障要的 · 已交 2 份')).toBeTruthy()
  const ticked = () => within(s).getAllByRole('checkbox').filter((c) => c.getAttribute('aria-checked') === 'true')
  expect(within(s).getAllByRole('checkbox')[0].textContent).toContain('住院收费票据（发票）')
  expect(ticked().map((c) => c.textContent)).toEqual(['✓医保结算单或费用清单这个保障要的 · 还没交'])
  await tap(within(s).getByText('医保结算单或费用清单'))
  await tap(within(s).getByText('发给他'))
  expect(within(s).getByRole('alert').textContent).toBe('请至少选一样材料，让他知道要补什么')
  await tap(within(s).getByText('医保结算单或费用清单'))
  await tap(within(s).getByText('身份证正反面'))
  await tap(within(s).getByText('发给他'))
  expect(sent(call, 'decideClaim')).toEqual([{ action: 'decideClaim', id: 'claim-1', version: 4, decision: 'ask', items: ['settlement_sheet', 'id_card'] }])
  expect(await screen.findByText('正在等他补材料，补好后会回到待处理。')).toBeTruthy()
})

test('不能补助: the rules’ reason is chosen for you, the worker’s next step is shown, the code is sent', async () => {
  const refused = { ...REVIEW, assessment: { ...REVIEW.assessment, refusal: 'below_deductible' as const } }
  backend(federation, [refused, after('rejected', '没有通过')], decided())
  render(<Review />)
  const s = await open('不能补助')
  const reason = CLAIM_REJECT_REASONS.find((r) => r.code === 'below_deductible')!
  expect(within(s).getByText(`他会看到：${reason.label}。${reason.next}`)).toBeTruthy()
  await tap(within(s).getByText('其他原因（见说明）'))
  await tap(within(s).getByText('确认不能补助'))
  expect(within(s).getByRole('alert').textContent).toBe('选了「其他原因」，请写一句说明给他')
  await tap(within(s).getByText(reason.label))
  await tap(within(s).getByText('确认不能补助'))
  expect(sent(call, 'decideClaim')).toEqual([{ action: 'decideClaim', id: 'claim-1', version: 4, decision: 'reject', rejectReason: 'below_deductible' }])
  expect(await screen.findByText('这份申请已经办完了：没有通过。')).toBeTruthy()
})

test('标记已打款 needs the payment reference and sends it with the date picked', async () => {
  const approved = after('approved', '已批准，等待打款', { version: 5, approvedFen: 427500, actions: ['markPaid'] })
  const yesterday = shanghaiDate(Date.now() - 86_400_000)
  backend(federation, [approved, after('paid', '已打款', { version: 6 })], { 'mutualAid.markPaid': () => okReply({ id: 'claim-1', state: 'paid', version: 6 }) })
  render(<Review />)
  const s = await open('标记已打款')
  expect(within(s).getByText('打款 4,275 元，打到尾号 1111 的卡。')).toBeTruthy()
  await type('转账流水号', '12')
  await tap(within(s).getByText('确认已打款'))
  expect(within(s).getByRole('alert').textContent).toBe('请填转账流水号（至少 4 位），在银行回单上')
  await type('转账流水号', ' GF20261120-0007 ')
  await act(async () => {
    fireEvent(document.querySelector('taro-picker-core') as Element, new CustomEvent('change', { detail: { value: yesterday } }))
  })
  await tap(within(s).getByText('确认已打款'))
  expect(sent(call, 'markPaid')).toEqual([{ action: 'markPaid', id: 'claim-1', version: 5, paymentRef: 'GF20261120-0007', paidDate: yesterday }])
  expect(await screen.findByText('✅ 已记下打款，他会看到“已打款”')).toBeTruthy()
  expect(await screen.findByText('这份申请已经办完了：已打款。')).toBeTruthy()
})

test('查看完整卡号 (federation): the server gives the number and records the view', async () => {
  backend(federation, [REVIEW], { 'mutualAid.revealBankCard': () => okReply({ bankCard: '4111 1111 1111 1111' }) })
  render(<Review />)
  expect(await screen.findByText(/看完整卡号会记下是谁、什么时候看的/)).toBeTruthy()
  await tap(button('查看完整卡号'))
  expect(sent(call, 'revealBankCard')).toEqual([{ action: 'revealBankCard', id: 'claim-1' }])
  expect(screen.getByText('4111 1111 1111 1111')).toBeTruthy()
  expect(screen.getByText('已经记下你查看了完整卡号。')).toBeTruthy()
  expect(screen.queryByText('查看完整卡号')).toBeNull()
})

test('a failed read offers 重试', async () => {
  routeCalls(call, { 'session.me': () => okReply(federation), 'mutualAid.claimReview': () => errReply(MUTUAL_AID_ERR.CLAIM_NOT_FOUND.code, MUTUAL_AID_ERR.CLAIM_NOT_FOUND.message) })
  render(<Review />)
  expect(await screen.findByText('没能读到这份申请')).toBeTruthy()
  expect(screen.getByText(MUTUAL_AID_ERR.CLAIM_NOT_FOUND.message)).toBeTruthy()
  backend(federation, [REVIEW])
  await tap(button('重试'))
  expect(await screen.findByText('按规定能补助 4,275 元')).toBeTruthy()
})
