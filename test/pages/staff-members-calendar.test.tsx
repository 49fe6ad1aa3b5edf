// 节假日设置: everyone reads the rules and the calendars; the admin edits a year and saves it.
import { render, screen, within } from '@testing-library/react'
import CalendarPage from '../../src/subpackages/staff/pages/calendar/index'
import { callFunction } from '../../src/services/transport'
import { DEMO_MEMBERSHIP_RULES } from '../../src/domain/membership/membership.rules'
import type { SettingsReply } from '../../src/domain/membership/membership.schema'
import type { HolidayCalendar } from '../../src/domain/calendar/working-days'
import { errReply, okReply, staff } from './fixtures'
import { button, type Handler, pickDate as pick, routeCalls, sent, tap } from './membership-fixtures'

jest.mock('../../src/services/transport', () => ({ callFunction: jest.fn() }))

const call = callFunction as jest.MockedFunction<typeof callFunction>
const admin = { ...staff, role: 'admin' as const, roleLabel: '管理员', org: null }

const Y2026: HolidayCalendar = { year: 2026, holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-01-01'], workdays: ['2026-10-10'] }
const SETTINGS: SettingsReply = { rules: { ...DEMO_MEMBERSHIP_RULES, replyWorkingDays: 15, minAge: 16 }, calendars: [Y2026], missingYears: [2027] }

function backend(me: typeof staff, more: Record<string, Handler> = {}) {
  routeCalls(call, { 'session.me': () => okReply(me), 'membership.settings': () => okReply(SETTINGS), ...more })
}

beforeEach(() => jest.clearAllMocks())

test('staff read the rules, the missing-year warning and a year month by month, without edit buttons', async () => {
  backend(staff)
  render(<CalendarPage />)
  expect(await screen.findByText(/15 个工作日内答复/)).toBeTruthy()
  expect(screen.getByText('满 16 周岁才能入会。')).toBeTruthy()
  expect(screen.getByRole('note').textContent).toContain('2027 年的放假安排还没填，期限只跳过周末')
  await tap(screen.getByRole('tab', { name: '2026 年' }))
  expect(screen.getByText('放假的日子（4 天）')).toBeTruthy()
  expect(screen.getByText('10月：1日、2日、3日')).toBeTruthy()
  expect(screen.getByText('1月：1日')).toBeTruthy()
  expect(screen.getByText(/只有管理员能修改/)).toBeTruthy()
  expect(screen.queryByText(/^修改 /)).toBeNull()
})

test('admin fills 2027: adds days with the date picker, refuses a weekday as 调休上班, removes one, saves the right dates', async () => {
  const saved: SettingsReply = { ...SETTINGS, calendars: [Y2026, { year: 2027, holidays: ['2027-01-01'], workdays: ['2027-02-07'] }], missingYears: [] }
  backend(admin, { 'membership.setCalendar': () => okReply(saved) })
  render(<CalendarPage />)
  await tap(await screen.findByRole('tab', { name: '2027 年' }))
  expect(screen.getByText('还没有填放假的日子。')).toBeTruthy()
  await tap(button('修改 2027 年的安排'))

  await pick(0, '2027-02-08')
  await pick(0, '2027-01-01')
  await pick(1, '2027-02-08')
  expect(screen.getByRole('alert').textContent).toContain('已经在「放假的日子」里了')
  await pick(1, '2027-02-03')
  expect(screen.getByRole('alert').textContent).toContain('2月3日 星期三 本来就要上班')
  await pick(1, '2027-02-07')
  expect(screen.queryByRole('alert')).toBeNull()
  const holidays = screen.getByRole('list', { name: '放假的日子' })
  expect(within(holidays).getAllByRole('listitem').map((r) => r.textContent?.replace('删掉', ''))).toEqual(['1月1日 星期五', '2月8日 星期一'])
  await tap(screen.getByLabelText('删掉 2月8日 星期一'))

  await tap(button('保存 2027 年的安排'))
  expect(sent(call, 'setCalendar')).toEqual([{ action: 'setCalendar', calendar: { year: 2027, holidays: ['2027-01-01'], workdays: ['2027-02-07'] } }])
  expect(await screen.findByText('放假的日子（1 天）')).toBeTruthy()
  expect(screen.getByText('2月：7日')).toBeTruthy()
  expect(screen.queryByText(/2027 年的放假安排还没填/)).toBeNull()
})

test('a refused save keeps the edits and says what is wrong', async () => {
  backend(admin, {
    'membership.setCalendar': () => ({ ok: false, error: { code: 'MEMBERSHIP.CALENDAR_INVALID', message: '节假日里有写错的日期，请按提示改一改', fieldErrors: { 'calendar.holidays.0': '2026-10-01 不能既放假又上班' } } }),
  })
  render(<CalendarPage />)
  await tap(await screen.findByRole('tab', { name: '2026 年' }))
  await tap(button('修改 2026 年的安排'))
  await tap(button('保存 2026 年的安排'))
  const alert = screen.getByRole('alert')
  expect(alert.textContent).toContain('节假日里有写错的日期')
  expect(alert.textContent).toContain('2026-10-01 不能既放假又上班')
  expect(button('保存 2026 年的安排')).toBeTruthy()
})

test('a failed read offers 重试', async () => {
  backend(staff, { 'membership.settings': () => errReply('NET.UNAVAILABLE', 'x') })
  render(<CalendarPage />)
  expect(await screen.findByText('没能读到节假日设置')).toBeTruthy()
})
