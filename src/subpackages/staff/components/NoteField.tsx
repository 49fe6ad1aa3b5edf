import { View, Text, Input } from '@tarojs/components'
import StationFieldError from '../../../components/StationFieldError'
import { NOTE_MAX } from '../../../domain/membership/membership.constants'

interface Props {
  label: string
  value: string
  onChange: (v: string) => void
  placeholder?: string
  /** The problem in red under the box. */
  error?: string
  maxlength?: number
}

/** A short note for the worker in a decision sheet. */
export default function NoteField({ label, value, onChange, placeholder, error, maxlength = NOTE_MAX }: Props) {
  return (
    <View className={`field${error ? ' field--bad' : ''}`}>
      <Text className='field-label'>{label}</Text>
      <Input className='field-input' value={value} maxlength={maxlength} placeholder={placeholder} aria-label={label} onInput={(e) => onChange(String(e.detail.value))} />
      <StationFieldError text={error} />
    </View>
  )
}
