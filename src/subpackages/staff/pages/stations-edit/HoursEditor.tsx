import { View, Text, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import StationFieldError from '../../../../components/StationFieldError'
import type { Weekday } from '../../../../domain/stations/hours'
import { DAY_NAMES, WEEK, type IntervalForm, type StationForm } from './form'

const MAX_PER_DAY = 3

interface Props {
  form: Pick<StationForm, 'allDay' | 'days'>
  onChange: (patch: Partial<Pick<StationForm, 'allDay' | 'days'>>) => void
  /** Field errors keyed like the server's (`station.hours.days.1.0.open`). */
  errorAt: (path: string) => string | undefined
  errorUnder: (path: string) => string | undefined
}

/** Weekly hours: 24小时 switch, or per weekday up to three opening periods (add / remove). */
export default function HoursEditor({ form, onChange, errorAt, errorUnder }: Props) {
  const setDay = (d: Weekday, list: IntervalForm[]) => onChange({ days: { ...form.days, [d]: list } })
  const copyMonday = () => {
    const monday = form.days[1]
    const days = { ...form.days }
    for (const d of WEEK) days[d] = monday.map((i) => ({ ...i }))
    onChange({ days })
  }
  const general = errorAt('station.hours') ?? errorAt('station.hours.days') ?? errorAt('station.hours.allDay')
  return (
    <View className={`field hours-editor${general ? ' field--bad' : ''}`} id='field-hours'>
      <Text className='field-label'>开放时间</Text>
      <View
        className={`chip hours-editor__allday${form.allDay ? ' chip--on' : ''}`}
        role='switch'
        aria-checked={form.allDay}
        onClick={() => onChange({ allDay: !form.allDay })}
      >
        <Text className='chip__icon' aria-hidden>
          {form.allDay ? '✓' : '🕛'}
        </Text>
        <Text>24小时开放</Text>
      </View>
      {!form.allDay && (
        <View>
          <Text className='field-hint'>时间写成 08:00 这样。过了半夜才关门的，比如 20:00 到 02:00 也可以。没有时间的那天就是休息。</Text>
          {WEEK.map((d) => {
            const list = form.days[d]
            const dayError = errorAt(`station.hours.days.${d}`)
            return (
              <View key={d} className={`hours-day${errorUnder(`station.hours.days.${d}`) ? ' field--bad' : ''}`} aria-label={DAY_NAMES[d - 1]}>
                <Text className='hours-day__name'>{DAY_NAMES[d - 1]}</Text>
                {list.length === 0 && <Text className='hours-day__rest'>休息</Text>}
                {list.map((iv, i) => (
                  <View key={i} className='hours-iv'>
                    <View className='hours-iv__times'>
                      <Input
                        className='field-input hours-iv__input'
                        value={iv.open}
                        maxlength={5}
                        placeholder='08:00'
                        aria-label={`${DAY_NAMES[d - 1]}第${i + 1}段开门`}
                        onInput={(e) => setDay(d, list.map((x, k) => (k === i ? { ...x, open: String(e.detail.value) } : x)))}
                      />
                      <Text className='hours-iv__to'>到</Text>
                      <Input
                        className='field-input hours-iv__input'
                        value={iv.close}
                        maxlength={5}
                        placeholder='18:00'
                        aria-label={`${DAY_NAMES[d - 1]}第${i + 1}段关门`}
                        onInput={(e) => setDay(d, list.map((x, k) => (k === i ? { ...x, close: String(e.detail.value) } : x)))}
                      />
                    </View>
                    <Button className='staff-action hours-iv__remove' onClick={() => setDay(d, list.filter((_, k) => k !== i))}>
                      删掉这段
                    </Button>
                    <StationFieldError text={errorAt(`station.hours.days.${d}.${i}.open`) ?? errorAt(`station.hours.days.${d}.${i}.close`) ?? errorAt(`station.hours.days.${d}.${i}`)} />
                  </View>
                ))}
                {list.length < MAX_PER_DAY && (
                  <Button className='staff-action hours-day__add' onClick={() => setDay(d, [...list, { open: '', close: '' }])}>
                    ＋ 加一段时间
                  </Button>
                )}
                <StationFieldError text={dayError} />
              </View>
            )
          })}
          <Button className='staff-action hours-editor__copy' onClick={copyMonday}>
            把周一的时间用到每一天
          </Button>
        </View>
      )}
      <StationFieldError text={general} />
    </View>
  )
}
