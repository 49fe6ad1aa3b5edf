import fc from 'fast-check'
import {
  addDays,
  dateLabel,
  deadlineAfter,
  deadlineText,
  DEMO_CALENDAR_2026,
  shanghaiDate,
  weekdayOf,
  WorkCalendar,
} from '../../src/domain/calendar/working-days'

const cal = new WorkCalendar([DEMO_CALENDAR_2026])
/** An instant at a Shanghai wall-clock time. */
const sh = (local: string) => new Date(`${local}+08:00`)

describe('Shanghai dates', () => {
  test('the day turns at Shanghai midnight, not UTC', () => {
    expect(shanghaiDate(new Date('2026-11-21T15:59:59Z'))).toBe('2026-11-21')
    expect(shanghaiDate(new Date('2026-11-21T16:00:00Z'))).toBe('2026-11-22')
  })

  test('weekdays', () => {
    expect(weekdayOf('2026-11-22')).toBe(7)
    expect(weekdayOf('2026-11-23')).toBe(1)
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
  })
})

describe('working days from the holiday calendar', () => {
  test('holidays and 调休 workdays', () => {
    expect(cal.isWorkingDay('2026-10-01')).toBe(false)
    expect(cal.isWorkingDay('2026-10-08')).toBe(true)
    expect(cal.isWorkingDay('2026-10-10')).toBe(true) // Saturday worked
    expect(cal.isWorkingDay('2026-10-11')).toBe(false)
    expect(cal.isWorkingDay('2026-02-14')).toBe(true)
    expect(cal.isWorkingDay('2026-02-16')).toBe(false)
  })

  test('a Friday-evening application: 3 working days end on Wednesday; the day itself does not count', () => {
    expect(deadlineAfter(cal, sh('2026-11-20T21:00:00'), 3).dueDate).toBe('2026-11-25')
  })

  test('15 working days over 国庆: the week off is skipped, 9/27 and 10/10 handled', () => {
    // Wed 2026-09-23 → 9/24, 9/28–9/30, 10/8, 10/9, 10/10 (Sat, worked), 10/12–10/16, 10/19–10/21
    const d = deadlineAfter(cal, sh('2026-09-23T10:00:00'), 15)
    expect(d.dueDate).toBe('2026-10-21')
    expect(d.calendarMissing).toBe(false)
    expect(d.dueAt.toISOString()).toBe('2026-10-21T15:59:59.999Z')
  })

  test('over new year into a year without a calendar: weekends only, flagged', () => {
    const d = deadlineAfter(cal, sh('2026-12-28T09:00:00'), 5)
    expect(d.dueDate).toBe('2027-01-04')
    expect(d.calendarMissing).toBe(true)
    const withNextYear = new WorkCalendar([DEMO_CALENDAR_2026, { year: 2027, holidays: ['2027-01-01', '2027-01-04'], workdays: [] }])
    expect(deadlineAfter(withNextYear, sh('2026-12-28T09:00:00'), 5)).toMatchObject({ dueDate: '2027-01-06', calendarMissing: false })
  })

  test('deadline words', () => {
    expect(deadlineText(cal, '2026-11-25', sh('2026-11-20T21:00:00'))).toEqual({ overdue: false, workingDaysLeft: 3, text: '还剩 3 个工作日' })
    expect(deadlineText(cal, '2026-11-25', sh('2026-11-25T23:00:00'))).toEqual({ overdue: false, workingDaysLeft: 0, text: '今天到期' })
    expect(deadlineText(cal, '2026-11-25', sh('2026-11-27T08:00:00'))).toEqual({ overdue: true, workingDaysLeft: -2, text: '已超过 2 个工作日' })
    expect(deadlineText(cal, '2026-11-27', sh('2026-11-28T08:00:00'))).toEqual({ overdue: true, workingDaysLeft: 0, text: '已过期限' })
    expect(dateLabel('2026-12-09', sh('2026-11-22T08:00:00'))).toBe('12月9日')
    expect(dateLabel('2027-01-04', sh('2026-11-22T08:00:00'))).toBe('2027年1月4日')
  })

  test('property: the due date is a working day, exactly n working days later, and later n never comes earlier', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), fc.integer({ min: 1, max: 30 }), (offset, n) => {
        const start = addDays('2026-01-01', offset)
        const due = cal.addWorkingDays(start, n)
        expect(cal.isWorkingDay(due)).toBe(true)
        expect(cal.workingDaysBetween(start, due)).toBe(n)
        expect(cal.addWorkingDays(start, n + 1) > due).toBe(true)
      }),
    )
  })
})
