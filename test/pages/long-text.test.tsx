// Long free text (事情经过, 说明, 想对工会说的话): voice input pastes whole sentences, so the box never cuts
// text off at the form's limit; the count says how much is written and what the limit is, and going over is
// said in words while everything written stays.
import { useState } from 'react'
import { render, screen } from '@testing-library/react'
import LongText, { nativeLimit } from '../../src/components/LongText'
import { NoteField } from '../../src/components/Field'
import ReportPage from '../../src/subpackages/stations/pages/report/index'
import { TEXT_MAX } from '../../src/domain/stations/station.constants'
import { callFunction } from '../../src/services/transport'
import { inputOf, tap, type } from './join.fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))
jest.mock('@tarojs/taro', () =>
  jest.requireActual('./taro.mock').taroWith({
    useRouter: jest.fn(() => ({ params: { id: 'st-baihe', name: encodeURIComponent('白鹤中大道爱心驿站') } })),
    navigateBack: jest.fn(() => Promise.resolve({ errMsg: 'navigateBack:ok' })),
  }),
)

const call = callFunction as jest.MockedFunction<typeof callFunction>

function Box({ max = 20, min, start = '' }: { max?: number; min?: number; start?: string }) {
  const [value, setValue] = useState(start)
  return <LongText label='把事情经过说一说' name='事情经过' value={value} onInput={setValue} max={max} min={min} />
}

const box = () => document.querySelector('[aria-label="事情经过"]') as HTMLElement
const say = (value: string) => type('事情经过', value)

test('counts what is written and says the limit in words', async () => {
  render(<Box max={300} />)
  expect(screen.getByText('已写 0 字，最多 300 字')).toBeTruthy()
  await say('饮水机不出热水')
  expect(screen.getByText('已写 7 字，最多 300 字')).toBeTruthy()
})

test('the box’s own limit is far above the form’s, so dictation is never cut off', () => {
  render(<Box max={1000} />)
  expect(Number(box().getAttribute('maxlength') ?? (box() as unknown as { maxlength: number }).maxlength)).toBe(nativeLimit(1000))
  expect(nativeLimit(200)).toBeGreaterThanOrEqual(200 * 2)
  expect(nativeLimit(1000)).toBeGreaterThan(1000)
})

test('going past the limit keeps every character and says how much to cut', async () => {
  render(<Box max={20} />)
  const long = '我在宏达工地干了八个月，老板欠了三个月工资，一直拖着不给钱。'
  await say(long)
  expect(long.length).toBe(30)
  expect(screen.getByText('已写 30 字，最多 20 字')).toBeTruthy()
  expect(screen.getByText('多写了 10 字，请删掉一些再交。写好的字都还在，不会丢。')).toBeTruthy()
  expect((await inputOf('事情经过')).value).toBe(long)
  expect(screen.queryByRole('alert')).toBeNull() // not shouted at while speaking; the form's check says it on 下一步

  await say(long.slice(0, 18))
  expect(screen.queryByText(/多写了/)).toBeNull()
})

test('a minimum is said until it is reached', async () => {
  render(<Box max={2000} min={10} />)
  await say('老板不给钱')
  expect(screen.getByText('至少写 10 个字 · 已写 5 字，最多 2000 字')).toBeTruthy()
  await say('老板欠了我三个月工资不给')
  expect(screen.getByText('已写 12 字，最多 2000 字')).toBeTruthy()
})

test('the keyboard’s microphone is mentioned, and NoteField is the same long text box', () => {
  const onInput = jest.fn()
  render(<NoteField label='想对工会说的话（可以不写）' name='想对工会说的话' value='谢谢' max={200} onInput={onInput} error='说明不超过 200 个字' />)
  expect(screen.getByText(/点键盘上的话筒🎤/)).toBeTruthy()
  expect(screen.getByText('已写 2 字，最多 200 字')).toBeTruthy()
  expect(screen.getByRole('alert').textContent).toBe('说明不超过 200 个字')
  expect(document.querySelector('.field--bad')).toBeTruthy()
})

test('报修: a dictated description longer than allowed stays whole; 提交 says what to cut and sends nothing', async () => {
  render(<ReportPage />)
  await tap(screen.getByRole('radio', { name: /饮水机坏了/ }))
  const long = '饮水机不出热水，'.repeat(40)
  expect(long.length).toBeGreaterThan(TEXT_MAX)
  await type('说明', long)
  expect((await inputOf('说明')).value).toBe(long)
  expect(screen.getByText(`已写 ${long.length} 字，最多 ${TEXT_MAX} 字`)).toBeTruthy()
  expect(screen.getByText(`多写了 ${long.length - TEXT_MAX} 字，请删掉一些再交。写好的字都还在，不会丢。`)).toBeTruthy()

  await tap(screen.getByText('提交报修'))
  expect(screen.getByRole('alert').textContent).toBe(`说明不超过 ${TEXT_MAX} 个字`)
  expect(call).not.toHaveBeenCalled()
  expect((await inputOf('说明')).value).toBe(long)
})
