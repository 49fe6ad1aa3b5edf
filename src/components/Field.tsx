import type { ReactNode } from 'react'
import { Input, Text, View } from '@tarojs/components'
import LongText from './LongText'
import StationFieldError from './StationFieldError'
import './Field.css'

interface FieldProps {
  /** Empty: the question is asked by what is inside (e.g. the photo picker). */
  label: string
  hint?: string
  error?: string
  children?: ReactNode
}

/** A question: its label, a hint, what to answer, and the problem in red right under it. */
export function Field({ label, hint, error, children }: FieldProps) {
  return (
    <View className={`field${error ? ' field--bad' : ''}`}>
      {label && <Text className='field-label'>{label}</Text>}
      {hint && <Text className='field-hint'>{hint}</Text>}
      {children}
      <StationFieldError text={error} />
    </View>
  )
}

interface TextFieldProps extends FieldProps {
  value: string
  onInput(value: string): void
  maxlength: number
  /** Read by screen readers and used by tests to find the box. */
  name: string
  /** `digit`: numbers with a decimal point (money). */
  type?: 'text' | 'number' | 'idcard' | 'digit'
  placeholder?: string
  disabled?: boolean
}

/** A one-line text question. */
export function TextField({ value, onInput, maxlength, name, type = 'text', placeholder, disabled, ...field }: TextFieldProps) {
  return (
    <Field {...field}>
      <Input
        className='field-input'
        type={type}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        disabled={disabled}
        aria-label={name}
        nativeProps={{ 'aria-label': name }}
        onInput={(e) => onInput(String(e.detail.value))}
      />
    </Field>
  )
}

/** The ID number: 18 characters, the ID keyboard, said what it is for. */
export function IdNumberField({ value, onInput, error }: { value: string; onInput(value: string): void; error?: string }) {
  return <TextField label='身份证号' hint='18 位，最后一位可能是 X。只用来确认是你本人，加密保存。' name='身份证号' type='idcard' value={value} maxlength={24} onInput={onInput} error={error} />
}

interface NoteFieldProps {
  label: string
  value: string
  onInput(value: string): void
  max: number
  /** Read by screen readers and used by tests to find the box. */
  name: string
  error?: string
}

/** A few lines of free text with the count of characters (说明, 想对工会说的话): LongText. */
export function NoteField(props: NoteFieldProps) {
  return <LongText {...props} />
}

interface Option<C extends string> {
  code: C
  label: string
  /** A second, smaller line under the label (big buttons only). */
  sub?: string
}

interface ChoicesProps<C extends string> extends FieldProps {
  options: ReadonlyArray<Option<C>>
  /** The chosen code ('' or anything not in the options: none). */
  value: string
  onChange(code: C): void
  /** Short answers side by side (乡镇, 工种) instead of one big button a line. */
  chips?: boolean
}

/** Pick one: big buttons with a tick on the chosen one (`children` go under them). */
export function Choices<C extends string>({ options, value, onChange, chips = false, children, ...field }: ChoicesProps<C>) {
  return (
    <Field {...field}>
      <View className={chips ? 'chip-row' : 'choices'} role='radiogroup' aria-label={field.label}>
        {options.map((o) => {
          const on = value === o.code
          return (
            <View
              key={o.code}
              className={chips ? `chip${on ? ' chip--on' : ''}` : `choice${on ? ' choice--on' : ''}`}
              role='radio'
              aria-checked={on}
              onClick={() => onChange(o.code)}
            >
              {on && (
                <Text className={chips ? 'chip__check' : 'choice__check'} aria-hidden>
                  ✓
                </Text>
              )}
              <Text className={chips ? '' : 'choice__label'}>{o.label}</Text>
              {!chips && o.sub && <Text className='choice__sub'>{o.sub}</Text>}
            </View>
          )
        })}
      </View>
      {children}
    </Field>
  )
}

/** Plain strings as options (乡镇 names, 工种). */
export const asOptions = <C extends string>(list: readonly C[]): Option<C>[] => list.map((s) => ({ code: s, label: s }))
