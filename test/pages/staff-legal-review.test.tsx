// One 法律援助 case: what the worker said and saw, evidence, the audited name/phone reveal, and every
// decision by `actions`, checked with the contract's inputs before it is sent.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Review from '../../src/subpackages/staff/pages/legal-review/index'
import { callFunction } from '../../src/services/transport'
import { DECLINE_REASONS, INFO_ITEMS, REFERRALS } from '../../src/domain/legal-aid/legal-aid.constants'
import type { CaseReview } from '../../src/domain/legal-aid/legal-aid.api'
import type { Envelope } from '../../src/domain/envelope'
import { errReply, okReply } from './fixtures'
import { asTaroEnv, button, type Handler, routeCalls, sent, tap, type } from './membership-fixtures'
import { federation } from './mutual-aid-fixtures'
import { ACTIVE, REVIEW } from './legal-aid-fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () =>
  jest.requireActual('./taro.mock').taroWith({
    useRouter: jest.fn(() => ({ params: { id: 'case-1' } })),
    downloadFile: jest.fn(() => Promise.resolve({ tempFilePath: 'wxfile://tmp/f2.pdf', statusCode: 200 })),
    openDocument: jest.fn(() => Promise.resolve({ errMsg: 'openDocument:ok' })),
    navigateBack: jest.fn(() => Promise.resolve({ errMsg: 'navigateBack:ok' })),
  }),
)

const call = callFunction as jest.MockedFunction<typeof callFunction>

/** `reviews` are answered in turn (the last one repeats). */
function backend(reviews: CaseReview[], more: Record<string, Handler> = {}) {
  let n = 0
  routeCalls(call, {
    'session.me': () => okReply(federation),
    'legalAid.review': () => okReply(reviews[Math.min(n++, reviews.length - 1)]),
    ...more,
  })
}

const after = (state: CaseReview['state'], stateLabel: string, extra: Partial<CaseReview> = {}): CaseReview => ({ ...REVIEW, state, stateLabel, version: REVIEW.version + 1, actions: [], ...extra })
const decided = (reply: Envelope<unknown> = okReply({ id: 'case-1', state: 'accepted', version: 4 })) => ({ 'legalAid.decide': () => reply })
const sheet = () => screen.getByRole('dialog')
const open = async (action: string) => {
  await screen.findByText('办理')
  await tap(button(action))
  return sheet()
}
const alerts = (el: HTMLElement) => within(el).queryAllByRole('alert').map((a) => a.textContent)
const steps = () => sent(call, 'decide').map((d) => ({ version: d.version, step: d.step }))

/** Types into the Taro textarea with this aria-label. */
async function typeLong(label: string, value: string) {
  const el = await waitFor(() => {
    const found = document.querySelector(`[aria-label="${label}"] textarea`) as HTMLTextAreaElement
    expect(found).toBeTruthy()
    return found
  })
  await act(async () => {
    fireEvent.input(el, { target: { value } })
  })
}

asTaroEnv('weapp')
beforeEach(() => jest.clearAllMocks())

test('shows the worker’s words, key facts, employer, what he saw about eligibility and limitation, evidence and the timeline', async () => {
  backend([REVIEW])
  render(<Review />)
  expect(await screen.findByText(/我在工地干了八个月/)).toBeTruthy()
  expect(call).toHaveBeenCalledWith('legalAid', { action: 'review', id: 'case-1' })
  expect(screen.getByText('仲裁时效很快就到')).toBeTruthy()
  expect(screen.getByText('36,000 元')).toBeTruthy()
  expect(screen.getByText('12 人')).toBeTruthy()
  expect(screen.getByText('2025年12月10日')).toBeTruthy()
  expect(screen.getByText('91310117MA1J3K4L5P')).toBeTruthy()
  expect(screen.getByText('上海市松江区九亭镇')).toBeTruthy()
  expect(screen.getByText('没有填')).toBeTruthy()
  expect(screen.getByText('✅ 符合免费法律援助的条件')).toBeTruthy()
  expect(screen.getByText('你是农民工，追讨工资，不需要经济困难证明。')).toBeTruthy()
  expect(screen.getByRole('alert').textContent).toBe('请在 2026年12月10日 前申请劳动仲裁，只剩 18 天了！')
  expect(screen.getByText('证据材料（3 份）')).toBeTruthy()
  expect(screen.getByText('劳动合同、工资条等证明（2 份）')).toBeTruthy()
  expect(screen.getByText('其他材料（1 份）')).toBeTruthy()
  expect(screen.getAllByLabelText('照片 1，点一下看大图')).toHaveLength(2)
  expect(screen.getByText('交了求助')).toBeTruthy()
  expect(screen.getByText('王*明')).toBeTruthy()

  // weapp: a PDF is downloaded and opened in the viewer.
  await tap(screen.getByText('📄 打开第 1 个 PDF 文件'))
  expect(Taro.downloadFile).toHaveBeenCalledWith({ url: 'https://tmp.example/f2.pdf' })
  expect(Taro.openDocument).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/f2.pdf', fileType: 'pdf' })
})

test('the buttons are the case’s `actions`: a new case, then an active one with its helper', async () => {
  backend([REVIEW])
  const { unmount } = render(<Review />)
  await screen.findByText('办理')
  for (const label of ['开始审核', '受理', '请他补充', '不受理', '转给别的工会']) expect(button(label)).toBeTruthy()
  for (const label of ['记进展', '办结', '指派帮忙的人', '改派帮忙的人']) expect(screen.queryByText(label)).toBeNull()
  unmount()

  backend([ACTIVE])
  render(<Review />)
  await screen.findByText('办理')
  for (const label of ['改派帮忙的人', '记进展', '办结', '转给别的工会']) expect(button(label)).toBeTruthy()
  for (const label of ['开始审核', '受理', '请他补充', '不受理']) expect(screen.queryByText(label)).toBeNull()
  expect(screen.getByText('工会法律工作者')).toBeTruthy()
  await tap(button('📞 打给周律'))
  expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0793-2612345' })
})

test('nothing to do: the state in words instead of buttons', async () => {
  backend([after('needs_info', '需要你补充材料', { askedItems: [{ code: 'wage_proof', label: INFO_ITEMS[3].label }] })])
  render(<Review />)
  expect(await screen.findByText('正在等他补充材料，补好后会回到待审核。')).toBeTruthy()
  expect(screen.getByText(`• ${INFO_ITEMS[3].label}`)).toBeTruthy()
})

test('查看姓名电话: the server gives them (and records it); then 拨打 dials', async () => {
  backend([REVIEW], { 'legalAid.revealApplicant': () => okReply({ name: '王小明', phone: '138 0793 1234' }) })
  render(<Review />)
  expect(await screen.findByText(/看姓名和电话会记下是谁、什么时候看的/)).toBeTruthy()
  await tap(button('查看姓名电话'))
  expect(sent(call, 'revealApplicant')).toEqual([{ action: 'revealApplicant', id: 'case-1' }])
  expect(screen.getByText('王小明')).toBeTruthy()
  expect(screen.getByText('138 0793 1234')).toBeTruthy()
  expect(screen.getByText(/已经记下你查看了他的姓名和电话/)).toBeTruthy()
  expect(Taro.makePhoneCall).not.toHaveBeenCalled()
  await tap(button('📞 拨打 138 0793 1234'))
  expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13807931234' })
})

test('开始审核 sends the version; a second tap while sending does nothing', async () => {
  let answer: (r: Envelope<unknown>) => void = () => undefined
  backend([REVIEW, after('under_review', '工会正在审核', { actions: ['accept', 'ask', 'decline', 'handover'] })], { 'legalAid.decide': () => new Promise((resolve) => (answer = resolve)) })
  render(<Review />)
  const s = await open('开始审核')
  await tap(within(s).getByText('开始审核'))
  await tap(within(s).getByText('正在办理…'))
  expect(sent(call, 'decide')).toEqual([{ action: 'decide', id: 'case-1', version: 3, step: { decision: 'startReview' } }])
  answer(okReply({ id: 'case-1', state: 'under_review', version: 4 }))
  expect(await screen.findByText('✅ 已开始审核，他会看到「工会正在审核」')).toBeTruthy()
  await waitFor(() => expect(screen.queryByText('开始审核')).toBeNull())
  expect(button('受理')).toBeTruthy()
  expect(sent(call, 'decide')).toHaveLength(1)
})

test('请他补充 needs at least one item (the contract’s message); several go in the list order with the note', async () => {
  backend([REVIEW, after('needs_info', '需要你补充材料')], decided())
  render(<Review />)
  const s = await open('请他补充')
  await tap(within(s).getByText('发给他'))
  expect(alerts(s)[0]).toBe('请至少选一样要补的材料')
  expect(sent(call, 'decide')).toEqual([])

  await tap(within(s).getByText(INFO_ITEMS[3].label))
  await tap(within(s).getByText(INFO_ITEMS[0].label))
  await type('还想对他说的（可以不写）', ' 工资条拍清楚月份 ')
  await tap(within(s).getByText('发给他'))
  expect(steps()).toEqual([{ version: 3, step: { decision: 'ask', input: { items: ['employer_full_name', 'wage_proof'], note: '工资条拍清楚月份' } } }])
  expect(await screen.findByText('✅ 已请他补充，他补好后会回到待审核')).toBeTruthy()
})

test('受理 needs a form of help; a helper named now must have a name and a phone that works', async () => {
  backend([REVIEW, after('accepted', '工会已受理')], decided())
  render(<Review />)
  const s = await open('受理')
  await tap(within(s).getByText('受理'))
  expect(alerts(s)[0]).toBe('请至少选一种帮助方式')

  await tap(within(s).getByText('代理劳动仲裁或打官司'))
  await tap(within(s).getByText('法律咨询'))
  await tap(within(s).getByText('现在就指派帮忙的人'))
  await tap(within(s).getByText('受理'))
  expect(alerts(s)).toEqual(['请选择是律师还是工会法律工作者', '请填写姓名', '电话要填 11 位手机号，或带区号的座机（比如 0793-2612345）', '有填得不对的地方，请看上面的红字'])
  expect(sent(call, 'decide')).toEqual([])

  await tap(within(s).getByText('律师'))
  await type('姓名', '陈明')
  await type('工作电话', '139 0793 0000')
  await type('单位（可以不写）', '广丰明正律师事务所')
  await tap(within(s).getByText('受理'))
  expect(steps()).toEqual([
    {
      version: 3,
      step: {
        decision: 'accept',
        input: { helpForms: ['consultation', 'representation'], helper: { kind: 'lawyer', name: '陈明', phone: '13907930000', org: '广丰明正律师事务所' } },
      },
    },
  ])
  expect(await screen.findByText('✅ 已受理，由律师 陈明 帮他办')).toBeTruthy()
})

test('不受理 needs a coded reason; shows what he will read and the default referral; 其他原因 needs a note', async () => {
  backend([REVIEW, after('declined', '工会没有受理')], decided(okReply({ id: 'case-1', state: 'declined', version: 4 })))
  render(<Review />)
  const s = await open('不受理')
  await tap(within(s).getByText('确认不受理'))
  expect(alerts(s)[0]).toBe('请选择不受理的原因')
  expect(within(s).queryAllByRole('radio', { checked: true })).toHaveLength(0)

  const inspection = DECLINE_REASONS.find((r) => r.code === 'inspection_better')!
  await tap(within(s).getByText(inspection.label))
  expect(within(s).getByText(`他会看到：${inspection.label}。${inspection.next}`)).toBeTruthy()
  const checkedReferral = () => within(within(s).getByRole('radiogroup', { name: '建议他去哪里' })).getByRole('radio', { checked: true })
  expect(checkedReferral().textContent).toContain('劳动保障监察（人社局） 12333')
  expect(checkedReferral().textContent).toContain('这个原因通常建议去这里。')

  await tap(within(s).getByText('其他原因（见说明）'))
  expect(checkedReferral().textContent).toContain('职工服务热线 12351')
  await tap(within(s).getByText('确认不受理'))
  expect(alerts(s)[0]).toBe('选「其他原因」时，请写一句说明')
  expect(sent(call, 'decide')).toEqual([])

  const court = REFERRALS.find((r) => r.code === 'court')!
  await tap(within(s).getByText(`${court.label} ${court.phone}`))
  await type('写给他的说明', '已经在法院起诉了')
  await tap(within(s).getByText('确认不受理'))
  expect(steps()).toEqual([{ version: 3, step: { decision: 'decline', input: { reason: 'other', referral: 'court', note: '已经在法院起诉了' } } }])
  expect(await screen.findByText('✅ 已告诉他不受理的原因和可以去哪里')).toBeTruthy()
  expect(await screen.findByText('这件求助已经办完了：工会没有受理。')).toBeTruthy()
})

test('转给别的工会 explains 异地协作, needs a union, sends the target and leaves the case to them', async () => {
  backend([REVIEW], decided(okReply({ id: 'case-1', state: 'submitted', version: 4 })))
  render(<Review />)
  const s = await open('转给别的工会')
  expect(within(s).getByText(/异地协作：他在外地打工，单位在哪里，就转给那里的工会/)).toBeTruthy()
  await tap(within(s).getByText('转过去'))
  expect(alerts(s)[0]).toBe('请选要转给哪个工会')
  await tap(within(s).getByText('驻上海农民工维权服务站'))
  await type('转的原因（可以不写）', '单位在上海松江')
  await tap(within(s).getByText('转过去'))
  expect(steps()).toEqual([{ version: 3, step: { decision: 'handover', input: { toOrgId: 'org-sh', note: '单位在上海松江' } } }])
  expect(await screen.findByText('✅ 已转给「驻上海农民工维权服务站」办理')).toBeTruthy()
  expect(sent(call, 'review')).toHaveLength(1)
  await tap(button('回到法律援助列表'))
  expect(Taro.navigateBack).toHaveBeenCalled()
})

test('改派 and 记进展 send the helper and the note; an empty note is refused', async () => {
  backend([ACTIVE], decided(okReply({ id: 'case-1', state: 'in_progress', version: 7 })))
  render(<Review />)
  let s = await open('改派帮忙的人')
  expect(within(s).getByText(/现在是工会法律工作者 周律/)).toBeTruthy()
  await tap(within(s).getByText('工会法律工作者'))
  await type('姓名', '吴芳')
  await type('工作电话', '0793-2612346')
  await tap(within(s).getByText('指派'))
  expect(steps()).toEqual([{ version: 6, step: { decision: 'assign', input: { helper: { kind: 'union_legal_officer', name: '吴芳', phone: '0793-2612346' } } } }])
  expect(await screen.findByText('✅ 已指派工会法律工作者 吴芳，他能看到名字和电话')).toBeTruthy()

  s = await open('记进展')
  await tap(within(s).getByText('记下'))
  expect(alerts(s)[0]).toBe('请填进展')
  await typeLong('进展', '已经陪他去仲裁委立案，12月3日开庭')
  await tap(within(s).getByText('记下'))
  expect(steps()[1]).toEqual({ version: 6, step: { decision: 'progress', input: { note: '已经陪他去仲裁委立案，12月3日开庭' } } })
  expect(await screen.findByText('✅ 已记下进展，他能看到')).toBeTruthy()
})

test('办结 sends the outcome with the amount in fen and the workers helped', async () => {
  backend([ACTIVE, after('closed', '已办结')], decided(okReply({ id: 'case-1', state: 'closed', version: 7 })))
  render(<Review />)
  const s = await open('办结')
  await tap(within(s).getByText('办结'))
  expect(alerts(s).slice(0, 2)).toEqual(['请选择办理结果', '请填金额'])

  await tap(within(s).getByText('未能追回'))
  await type('追回了多少钱（元）', '12000')
  expect(within(s).getByText(/就是 12,000 元/)).toBeTruthy()
  await tap(within(s).getByText('办结'))
  expect(alerts(s)[0]).toBe('选了「未能追回」，追回金额请填 0；追回了一部分，请选具体怎么办结的')

  await tap(within(s).getByText('调解成功'))
  await type('帮了几个人', '')
  await tap(within(s).getByText('办结'))
  expect(alerts(s)[0]).toBe('请填帮了几个人')
  await type('帮了几个人', '12')
  await type('说明（可以不写，他也会看到）', '仲裁调解，单位当场付清')
  await tap(within(s).getByText('办结'))
  expect(steps()).toEqual([{ version: 6, step: { decision: 'close', input: { kind: 'mediated', recovered: 1200000, workersHelped: 12, note: '仲裁调解，单位当场付清' } } }])
  expect(await screen.findByText('✅ 已办结：调解成功，追回 12,000 元，帮了 12 个人')).toBeTruthy()
  expect(await screen.findByText('这件求助已经办完了：已办结。')).toBeTruthy()
})

test('REQUEST.STALE: the message shows and the case is read again; a plain failure stays in the sheet with the field’s message', async () => {
  routeCalls(call, {
    'session.me': () => okReply(federation),
    'legalAid.review': () => okReply(REVIEW),
    'legalAid.decide': () => ({ ok: false, error: { code: 'VALIDATION.FAILED', message: 'x', fieldErrors: { 'step.input.note': '说明里有不合适的内容，请改一改' } } }),
  })
  const { unmount } = render(<Review />)
  let s = await open('请他补充')
  await tap(within(s).getByText(INFO_ITEMS[0].label))
  await type('还想对他说的（可以不写）', '某些话')
  await tap(within(s).getByText('发给他'))
  expect(alerts(sheet())).toEqual(['说明里有不合适的内容，请改一改', '填写的内容有误，请看红字提示后改一下'])
  expect(sent(call, 'review')).toHaveLength(1)
  unmount()

  call.mockClear()
  backend([REVIEW, after('accepted', '工会已受理')], decided(errReply('REQUEST.STALE', '这件求助刚被别人改过了')))
  render(<Review />)
  s = await open('开始审核')
  await tap(within(s).getByText('开始审核'))
  expect(await screen.findByText('这件求助刚被别人改过了。已经帮你刷新，下面是最新的情况。')).toBeTruthy()
  expect(screen.queryByRole('dialog')).toBeNull()
  expect(sent(call, 'review')).toHaveLength(2)
  expect(await screen.findByText('这件求助现在：工会已受理。你这里没有要办的事。')).toBeTruthy()
})

test('a failed read offers 重试', async () => {
  routeCalls(call, { 'session.me': () => okReply(federation), 'legalAid.review': () => errReply('LEGAL_AID.CASE_NOT_FOUND', '没有找到这件求助，请刷新后再看') })
  render(<Review />)
  expect(await screen.findByText('没能读到这件求助')).toBeTruthy()
  expect(screen.getByText('没有找到这件求助，请刷新后再看')).toBeTruthy()
  backend([REVIEW])
  await tap(button('重试'))
  expect(await screen.findByText(/我在工地干了八个月/)).toBeTruthy()
})
