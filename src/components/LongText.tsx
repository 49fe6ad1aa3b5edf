import { Text, Textarea, View } from '@tarojs/components'
import StationFieldError from './StationFieldError'
import './LongText.css'

interface Props {
  label: string
  hint?: string
  error?: string
  value: string
  onInput(value: string): void
  /** What the form accepts (the schema's limit): going over is said, never cut off. */
  max: number
  /** Said in the count until reached (事情经过 至少 10 个字). */
  min?: number
  /** Read by screen readers and used by tests to find the box. */
  name: string
  placeholder?: string
  autoHeight?: boolean
  /** Extra class on the box (e.g. a taller one). */
  boxClass?: string
  /** The tip about the keyboard's microphone (off when the hint says it already). */
  voiceTip?: boolean
}

/**
 * The box's own limit sits far above `max`: the phone keyboard's voice input (说话变成字) pastes whole
 * sentences, and a native maxlength would drop the end of one without a word. Going over is said here
 * instead, the text is kept, and the form's check says how much to cut.
 */
export const nativeLimit = (max: number): number => max * 2 + 1000

/** Long free text (事情经过, 说明, 想对工会说的话) as a Field: the count and the limit in words, dictation-friendly. */
export default function LongText({ label, hint, error, value, onInput, max, min, name, placeholder, autoHeight = false, boxClass, voiceTip = true }: Props) {
  const count = value.length
  const over = count - max
  return (
    <View className={`field${error ? ' field--bad' : ''}`}>
      <Text className='field-label'>{label}</Text>
      {hint && <Text className='field-hint'>{hint}</Text>}
      {voiceTip && <Text className='long-text__tip'>不想打字，可以点键盘上的话筒🎤，说话就能变成字。</Text>}
      <Textarea
        className={`field-textarea${boxClass ? ` ${boxClass}` : ''}${over > 0 ? ' long-text__box--over' : ''}`}
        value={value}
        maxlength={nativeLimit(max)}
        placeholder={placeholder}
        autoHeight={autoHeight}
        aria-label={name}
        nativeProps={{ 'aria-label': name }}
        onInput={(e) => onInput(String(e.detail.value))}
      />
      <View className='long-text__count' aria-live='polite'>
        <Text className='field-count'>{`${min && value.trim().length < min ? `至少写 ${min} 个字 · ` : ''}已写 ${count} 字，最多 ${max} 字`}</Text>
        {over > 0 && <Text className='long-text__over'>{`多写了 ${over} 字，请删掉一些再交。写好的字都还在，不会丢。`}</Text>}
      </View>
      <StationFieldError text={error} />
    </View>
  )
}
