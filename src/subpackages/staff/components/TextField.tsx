import type { ReactNode } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import StationFieldError from '../../../components/StationFieldError'

/** A question in a staff form: label, hint, the answer (a box, a list) and its problem in red. */
export function FieldGroup({ label, hint, error, children }: { label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <View className={`field${error ? ' field--bad' : ''}`}>
      <Text className='field-label'>{label}</Text>
      {hint && <Text className='field-hint'>{hint}</Text>}
      {children}
      <StationFieldError text={error} />
    </View>
  )
}

interface Props {
  label: string
  hint?: string
  value: string
  /** The problem in red under the box (the box is then marked `field--bad`). */
  error?: string
  maxlength?: number
  /** `digit`: numbers with a decimal point (money). */
  type?: 'text' | 'digit' | 'number'
  placeholder?: string
  onChange: (v: string) => void
}

/** A one-line question in a staff form: label, hint, the box (named by the label) and its problem. */
export default function TextField(props: Props) {
  return (
    <FieldGroup label={props.label} hint={props.hint} error={props.error}>
      <Input
        className='field-input'
        value={props.value}
        type={props.type ?? 'text'}
        maxlength={props.maxlength ?? 140}
        placeholder={props.placeholder}
        aria-label={props.label}
        onInput={(e) => props.onChange(String(e.detail.value))}
      />
    </FieldGroup>
  )
}

/** A few lines of free text (a progress note) with the count of characters. */
export function TextArea({ label, hint, value, error, maxlength, onChange }: Omit<Props, 'type' | 'placeholder' | 'maxlength'> & { maxlength: number }) {
  return (
    <FieldGroup label={label} hint={hint} error={error}>
      <Textarea className='field-textarea' value={value} maxlength={maxlength} aria-label={label} onInput={(e) => onChange(String(e.detail.value))} />
      <Text className='field-count'>
        {value.length}/{maxlength} 字
      </Text>
    </FieldGroup>
  )
}
