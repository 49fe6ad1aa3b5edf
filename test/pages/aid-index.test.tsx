// 我的保障: each plan with shares, term, status (waiting days), this year's cap used and left; the ID
// number asked after consent when none is held; plans the worker is not in; errors with 重试.
import { render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import CoveragePage from '../../src/subpackages/aid/pages/index/index'
import { AID_CLAIM_NEW_PAGE, AID_CLAIMS_PAGE } from '../../src/services/mutual-aid'
import { errReply, okReply } from './fixtures'
import { backend, sent, tap, type } from './join.fixtures'
import { consent, coverage, INPATIENT } from './aid.fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () => jest.requireActual('./taro.mock').taroWith())

const ID = '11010519491231002X'

beforeEach(() => {
  jest.clearAllMocks()
})

test('each plan: shares, term, status with the waiting days left, and this year’s money used and left as a bar and numbers', async () => {
  backend({ 'mutualAid.coverage': () => okReply(coverage()) })
  render(<CoveragePage />)
  const inpatient = await screen.findByLabelText('职工住院医疗互助保障')
  expect(within(inpatient).getByText('保障中')).toBeTruthy()
  expect(within(inpatient).getByText('1 份 · 2026年1月1日 到 2026年12月31日')).toBeTruthy()
  expect(within(inpatient).getByText('今年最多补助 20,000 元')).toBeTruthy()
  expect(within(inpatient).getByText('已经用了 4,275 元')).toBeTruthy()
  expect(within(inpatient).getByText('还剩 15,725 元')).toBeTruthy()
  expect(within(inpatient).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('21')

  const critical = screen.getByLabelText('职工重大疾病互助保障')
  expect(within(critical).getByText('等待期（还要等 12 天）')).toBeTruthy()
  expect(within(critical).getByText('2 份 · 2026年11月1日 到 2027年10月31日')).toBeTruthy()
  expect(within(critical).getByText('已经用了 0 元')).toBeTruthy()

  await tap(within(inpatient).getByText('申请补助'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${AID_CLAIM_NEW_PAGE}?planId=plan-inpatient` })
  await tap(screen.getByText('我的申请'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: AID_CLAIMS_PAGE })
})

test('plans the worker is not in: "你还没参加，可以问一问单位工会" with what they pay', async () => {
  backend({ 'mutualAid.coverage': () => okReply(coverage({ plans: [INPATIENT] })) })
  render(<CoveragePage />)
  expect(await screen.findByText('你还没参加的保障')).toBeTruthy()
  expect(screen.getByText('你还没参加，可以问一问单位工会。')).toBeTruthy()
  expect(screen.getByText('女职工特殊疾病互助保障')).toBeTruthy()
  expect(screen.getByText('· 第一类 6,000 元')).toBeTruthy()
})

test('not in any plan: says so in plain words, no bar', async () => {
  backend({ 'mutualAid.coverage': () => okReply(coverage({ plans: [], otherPlans: [] })) })
  render(<CoveragePage />)
  expect(await screen.findByText('没有找到你参加的保障')).toBeTruthy()
  expect(screen.getByText(/你还没参加，可以问一问单位工会/)).toBeTruthy()
  expect(screen.queryByRole('progressbar')).toBeNull()
})

test('no ID number held: why, consent first, then the number (checked before sending); the plans appear after', async () => {
  let saved = false
  backend({
    'mutualAid.coverage': () => okReply(saved ? coverage() : coverage({ identityMissing: true, plans: [], otherPlans: [] })),
    'privacy.consentStatus': () => okReply({ consents: [consent('id_number', 'never')] }),
    'privacy.grantConsent': () => okReply(consent('id_number', 'granted')),
    'privacy.setIdNumber': () => {
      saved = true
      return okReply({ maskedIdNumber: '110***********002X', birthYear: 1949, sexLabel: '女', savedAt: '2026-11-23T02:00:00.000Z' })
    },
  })
  render(<CoveragePage />)
  expect(await screen.findByText('先要确认你是谁')).toBeTruthy()
  expect(await screen.findByText('查互助保障要用到你的身份证号')).toBeTruthy()
  expect(document.querySelector('[aria-label="身份证号"]')).toBeNull()

  await tap(screen.getByText('我同意'))
  expect(sent('grantConsent')).toEqual([{ action: 'grantConsent', category: 'id_number', policyVersion: '2026-11-22' }])
  await type('身份证号', '110105194912310021')
  await tap(screen.getByText('保存并查看'))
  expect(screen.getByRole('alert').textContent).toBe('身份证号好像有一位写错了，请对照身份证再核对一下')
  expect(sent('setIdNumber')).toHaveLength(0)

  await type('身份证号', ID)
  await tap(screen.getByText('保存并查看'))
  expect(sent('setIdNumber')).toEqual([{ action: 'setIdNumber', idNumber: ID }])
  expect(await screen.findByLabelText('职工住院医疗互助保障')).toBeTruthy()
  expect(screen.queryByText('先要确认你是谁')).toBeNull()
})

test('a failed read shows the plain error; 重试 reads again', async () => {
  backend({ 'mutualAid.coverage': () => errReply('NET.UNAVAILABLE', 'x') })
  render(<CoveragePage />)
  expect(await screen.findByText('没能读到你的保障')).toBeTruthy()
  backend({ 'mutualAid.coverage': () => okReply(coverage()) })
  await tap(screen.getByText('重试'))
  expect(await screen.findByLabelText('职工住院医疗互助保障')).toBeTruthy()
})
