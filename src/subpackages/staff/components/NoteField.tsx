import { View, Text, Input } from '@tarojs/components'
import { NOTE_MAX } from '../../../domain/membership/membership.constants'

/** A short note for the worker in a decision sheet. */
export default function NoteField({ label, value, onChange, placeholder }: { label: string; value: string; onChange: (v: string) => void; placeholder?: string }) {
  return (
    <View className='field'>
      <Text className='field-label'>{label}</Text>
      <Input className='field-input' value={value} maxlength={NOTE_MAX} placeholder={placeholder} aria-label={label} onInput={(e) => onChange(String(e.detail.value))} />
    </View>
  )
}
