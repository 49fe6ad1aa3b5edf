import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Help from '../../src/subpackages/help/pages/index'


beforeEach(() => jest.clearAllMocks())

test('shows the 12351 hotline and dials it', () => {
  render(<Help />)
  expect(screen.getByText('12351')).toBeTruthy()
  fireEvent.click(screen.getByText(/拨打/))
  expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '12351' })
})

test('tells the number in words when the phone cannot dial', async () => {
  ;(Taro.makePhoneCall as jest.Mock).mockReturnValueOnce(Promise.reject(new Error('makePhoneCall:fail')))
  render(<Help />)
  fireEvent.click(screen.getByText(/拨打/))
  await Promise.resolve()
  await Promise.resolve()
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: expect.stringContaining('12351') }))
})

test('answers "is my information safe" in plain words', () => {
  render(<Help />)
  expect(screen.getByText('我的信息安全吗？')).toBeTruthy()
  expect(screen.getByText(/不会告诉你的老板/)).toBeTruthy()
  expect(screen.getByText(/身份证号是加密保存的/)).toBeTruthy()
})
