import { View, Text } from '@tarojs/components'
import { parseHm, shanghaiDay, type Interval, type WeeklyHours, type Weekday } from '../domain/stations/hours'
import './StationHoursTable.css'

const DAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const
const WEEK: Weekday[] = [1, 2, 3, 4, 5, 6, 7]

const range = (iv: Interval) => (parseHm(iv.close) <= parseHm(iv.open) ? `${iv.open} 到 第二天 ${iv.close}` : `${iv.open} 到 ${iv.close}`)

/** Opening hours one weekday per row, today marked, in words (休息 for closed days). */
export default function StationHoursTable({ hours, now = Date.now() }: { hours: WeeklyHours; now?: number }) {
  if (hours.allDay) {
    return (
      <View className='hours-table'>
        <Text className='hours-table__all'>每天 24 小时都开门</Text>
      </View>
    )
  }
  const today = shanghaiDay(now).weekday
  return (
    <View className='hours-table' role='table' aria-label='每周开放时间'>
      {WEEK.map((d) => {
        const list = hours.days[d] ?? []
        return (
          <View key={d} className={`hours-table__row${d === today ? ' hours-table__row--today' : ''}`} role='row'>
            <View className='hours-table__day' role='cell'>
              <Text>
                {DAY_NAMES[d - 1]}
                {d === today ? '（今天）' : ''}
              </Text>
            </View>
            <View className='hours-table__times' role='cell'>
              {list.length === 0 ? (
                <Text className='hours-table__rest'>休息</Text>
              ) : (
                list.map((iv) => (
                  <Text key={`${iv.open}-${iv.close}`} className='hours-table__time'>
                    {range(iv)}
                  </Text>
                ))
              )}
            </View>
          </View>
        )
      })}
    </View>
  )
}
