// 转会: where the member moves to (the wizard's place and job fields), the receiving union and why before
// sending, one request with a key, the open request's state and withdrawing it.
import { act, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import TransferPage from '../../src/subpackages/join/pages/transfer/index'
import { JOIN_PAGE } from '../../src/services/membership'
import type { Envelope } from '../../src/domain/envelope'
import type { TransferView } from '../../src/domain/membership/membership.schema'
import { errReply, okReply } from './fixtures'
import { backend, CARD, EMPLOYERS, mine, sent, tap, TRANSFER } from './join.fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => jest.requireActual('./taro.mock').taroWith())

const taro = Taro as unknown as { __store: Map<string, unknown>; showModal: jest.Mock }
const ROUTE = { orgId: 'org-newforms', orgName: '广丰区新就业形态行业工会联合会', reason: 'NEW_FORMS_INDUSTRY', why: TRANSFER.why }
const radio = (name: string | RegExp) => screen.getByRole('radio', { name })

async function fillTarget() {
  await tap(await screen.findByRole('radio', { name: '在本区（广丰）工作' }))
  await tap(await screen.findByRole('radio', { name: '宏达鞋业有限公司' }))
  await tap(radio(/新就业形态/))
  await tap(radio('美团'))
  await tap(radio('外卖骑手'))
  await tap(radio('换了工作单位'))
}

beforeEach(() => {
  jest.clearAllMocks()
  taro.__store.clear()
})

test('missing answers are named; the receiving union and why are shown before 申请转会; one request with a key, then its state', async () => {
  let transfers: TransferView[] = []
  let release: (v: Envelope<unknown>) => void = () => {}
  backend({
    'membership.mine': () => mine({ member: CARD, transfers }),
    'membership.employers': () => okReply({ employers: EMPLOYERS }),
    'membership.checkTransfer': () => okReply(ROUTE),
    'membership.requestTransfer': () =>
      new Promise((r) => {
        release = r
      }),
  })
  render(<TransferPage />)
  expect(await screen.findByText(/你现在是「兴旺国际建材城联合工会」的会员/)).toBeTruthy()
  await tap(screen.getByText('看看转到哪个工会'))
  expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(['请选择在哪里工作', '请选择在哪个单位工作', '请选择用工方式', '请填写做什么工作', '请选择为什么转会'])
  expect(sent('checkTransfer')).toHaveLength(0)

  await fillTarget()
  await tap(screen.getByText('看看转到哪个工会'))
  expect(await screen.findByText('🏠 广丰区新就业形态行业工会联合会')).toBeTruthy()
  expect(screen.getByText(TRANSFER.why)).toBeTruthy()
  const target = { workPlace: 'local', employer: { kind: 'known', employerId: 'emp-hongda' }, employmentType: 'new_forms', platform: 'meituan', occupation: '外卖骑手' }
  expect(sent('checkTransfer')).toEqual([{ action: 'checkTransfer', target }])

  const submit = screen.getByText('申请转会')
  await tap(submit)
  await tap(screen.getByText('正在提交…'))
  transfers = [TRANSFER]
  await act(async () => {
    release(okReply(TRANSFER))
  })
  expect(sent('requestTransfer')).toEqual([{ action: 'requestTransfer', key: expect.stringMatching(/^[A-Za-z0-9]{20}$/), target, reason: 'job_change' }])
  expect(await screen.findByText('⏳ 等新工会接收')).toBeTruthy()
  expect(screen.getByText('从「兴旺国际建材城联合工会」转到「广丰区新就业形态行业工会联合会」 · 换了工作单位')).toBeTruthy()
  expect(taro.__store.has('join:draft:transfer')).toBe(false)
})

test('changing an answer after the check asks to check again; the same union is refused in plain words', async () => {
  backend({
    'membership.mine': () => mine({ member: CARD }),
    'membership.employers': () => okReply({ employers: EMPLOYERS }),
    'membership.checkTransfer': () => errReply('MEMBERSHIP.SAME_ORG', '新工会和你现在的工会是同一个，不用转会'),
  })
  render(<TransferPage />)
  await fillTarget()
  await tap(screen.getByText('看看转到哪个工会'))
  expect((await screen.findByRole('alert')).textContent).toBe('新工会和你现在的工会是同一个，不用转会')
  expect(screen.queryByText('重试')).toBeNull()
  expect(screen.queryByText('申请转会')).toBeNull()
  await tap(radio('快递员'))
  expect(screen.queryByRole('alert')).toBeNull()
})

test('a lost network keeps the answers and the key; the retry is the same request', async () => {
  backend({
    'membership.mine': () => mine({ member: CARD }),
    'membership.employers': () => okReply({ employers: EMPLOYERS }),
    'membership.checkTransfer': () => okReply(ROUTE),
    'membership.requestTransfer': () => errReply('NET.UNAVAILABLE', 'x'),
  })
  const first = render(<TransferPage />)
  await fillTarget()
  await tap(screen.getByText('看看转到哪个工会'))
  await tap(await screen.findByText('申请转会'))
  expect(await screen.findByText(/你填的内容已经保存在手机上/)).toBeTruthy()
  first.unmount()
  render(<TransferPage />)
  expect((await screen.findByRole('radio', { name: '换了工作单位' })).getAttribute('aria-checked')).toBe('true')
  expect(screen.getByText('✓ 宏达鞋业有限公司')).toBeTruthy()
  await tap(screen.getByText('看看转到哪个工会'))
  await tap(await screen.findByText('申请转会'))
  await waitFor(() => expect(sent('requestTransfer')).toHaveLength(2))
  const [a, b] = sent('requestTransfer')
  expect(b.key).toBe(a.key)
})

test('an open transfer shows where it is and can be withdrawn after a confirmation', async () => {
  let transfers: TransferView[] = [TRANSFER]
  backend({
    'membership.mine': () => mine({ member: CARD, transfers }),
    'membership.withdrawTransfer': () => {
      transfers = [{ ...TRANSFER, state: 'withdrawn', stateLabel: '已撤回', canWithdraw: false }]
      return okReply({ id: 'tr-1', state: 'withdrawn', version: 2 })
    },
  })
  render(<TransferPage />)
  expect(await screen.findByText('⏳ 等新工会接收')).toBeTruthy()
  expect(screen.getByRole('list', { name: '办理经过' }).textContent).toContain('申请转会')
  await tap(screen.getByText('撤回转会申请'))
  expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回转会申请？', content: '撤回以后，你还是「兴旺国际建材城联合工会」的会员。' }))
  expect(sent('withdrawTransfer')).toEqual([{ action: 'withdrawTransfer', id: 'tr-1', version: 1 }])
  expect(await screen.findByText('看看转到哪个工会')).toBeTruthy()
})

test('someone who is not a member is sent to 入会', async () => {
  backend({ 'membership.mine': () => mine() })
  render(<TransferPage />)
  expect(await screen.findByText('你还不是工会会员')).toBeTruthy()
  await tap(screen.getByText('申请入会'))
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: JOIN_PAGE })
})
