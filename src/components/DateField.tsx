import { Picker, Text, View } from '@tarojs/components'
import { dateLabel, shanghaiDate } from '../domain/calendar/working-days'
import { Field } from './Field'
import './DateField.css'

interface Props {
  label: string
  hint?: string
  /** YYYY-MM-DD, or '' when not picked yet. */
  value: string
  onChange(date: string): void
  error?: string
  /** An answer that may be left out: a picked day can be taken back. */
  onClear?(): void
}

/** A day picked with the phone's date wheel (never later than today), shown as 2026年3月5日. */
export default function DateField({ label, hint, value, onChange, error, onClear }: Props) {
  const today = shanghaiDate(new Date())
  return (
    <Field label={label} hint={hint} error={error}>
      <Picker mode='date' value={value || today} start='2000-01-01' end={today} onChange={(e) => onChange(String(e.detail.value))}>
        <View className={`field-input date-field${value ? '' : ' date-field--empty'}`} role='button' aria-label={`${label}：${value ? dateLabel(value) : '点这里选日期'}`}>
          <Text>{value ? dateLabel(value) : '点这里选日期'}</Text>
          <Text className='date-field__icon' aria-hidden>
            📅
          </Text>
        </View>
      </Picker>
      {onClear && value && (
        <View className='text-link' role='button' aria-label={`记不清，不填了：${label}`} onClick={onClear}>
          <Text>记不清，不填了</Text>
        </View>
      )}
    </Field>
  )
}
