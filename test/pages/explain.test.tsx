// Words workers meet (起付线, 等待期, 劳动仲裁 …): the word with ⓘ, a tap shows one plain line, another hides it.
import { act, fireEvent, render, screen } from '@testing-library/react'
import Explain, { ExplainTerms, GLOSSARY, termsIn } from '../../src/components/Explain'

const tap = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el)
  })
}

test('the word with ⓘ is a button; a tap shows the explanation under it, another tap hides it', async () => {
  render(<Explain term='起付线' />)
  const button = screen.getByRole('button', { name: /^起付线\s?是什么意思$/ })
  expect(button.textContent).toBe('起付线是什么意思ⓘ')
  expect(button.getAttribute('aria-expanded')).toBe('false')
  expect(screen.queryByText(/医药费里要先自己出的那一部分/)).toBeNull()

  await tap(button)
  expect(button.getAttribute('aria-expanded')).toBe('true')
  expect(screen.getByText(`起付线：${GLOSSARY.起付线}`)).toBeTruthy()

  await tap(button)
  expect(button.getAttribute('aria-expanded')).toBe('false')
  expect(screen.queryByText(/医药费里要先自己出的那一部分/)).toBeNull()
})

test('ⓘ is not read out; a label can stand for the word', () => {
  render(<Explain term='会籍' label='会籍记录' />)
  const button = screen.getByRole('button', { name: /^会籍记录\s?是什么意思$/ })
  expect(button.querySelector('[aria-hidden]')?.textContent).toBe('ⓘ')
  expect(button.textContent).toBe('会籍记录是什么意思ⓘ')
})

test('a word not in the glossary needs its own text, else nothing is shown', async () => {
  const { container, rerender } = render(<Explain term='没有这个词' />)
  expect(container.textContent).toBe('')
  rerender(<Explain term='工龄' text='在单位干了几年。' />)
  await tap(screen.getByRole('button', { name: /^工龄\s?是什么意思$/ }))
  expect(screen.getByText('工龄：在单位干了几年。')).toBeTruthy()
})

test('every glossary line is one short plain sentence, said with 你', () => {
  for (const [term, line] of Object.entries(GLOSSARY)) {
    expect(line.length).toBeLessThanOrEqual(60)
    expect(line).not.toContain('您')
    expect(term.length).toBeGreaterThan(1)
  }
  for (const word of ['起付线', '等待期', '观察期', '补助比例', '赔付比例', '封顶', '仲裁时效', '劳动仲裁', '法律援助', '会籍', '基层工会', '联合工会']) {
    expect(GLOSSARY[word]).toBeTruthy()
  }
})

test('ExplainTerms finds the glossary words in the server’s lines, each once; a longer word wins', () => {
  expect(termsIn(['自付 9,200 元 − 起付线 650 元 = 8,550 元 × 50% = 4,275 元', '今年第一次住院，起付线是 650 元'])).toEqual(['起付线', '自付'])
  expect(termsIn(['会籍接转办理中'])).toEqual(['会籍接转'])
  expect(termsIn(['会籍接转办理中', '会籍记录'])).toEqual(['会籍', '会籍接转'])
  expect(termsIn([null, undefined, '没有难词'])).toEqual([])
})

test('ExplainTerms shows one button per word found, nothing when there is none', async () => {
  const { container, rerender } = render(<ExplainTerms texts={['等待期（还要等 12 天）']} />)
  expect(screen.getAllByRole('button').map((b) => b.querySelector('.explain__word')?.textContent)).toEqual(['等待期'])
  await tap(screen.getByRole('button', { name: /^等待期\s?是什么意思$/ }))
  expect(screen.getByText(`等待期：${GLOSSARY.等待期}`)).toBeTruthy()
  rerender(<ExplainTerms texts={['保障中']} />)
  expect(container.textContent).toBe('')
})
