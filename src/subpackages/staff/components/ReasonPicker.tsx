import { View, Text } from '@tarojs/components'
import StationFieldError from '../../../components/StationFieldError'
import ChoiceList from './ChoiceList'
import NoteField from './NoteField'

interface Reason {
  code: string
  label: string
  /** What the worker can do next (shown to him with the label). */
  next: string
}

/** What is missing before a refusal can be sent: a coded reason, and words when it is 「其他原因」. */
export function reasonProblem(reason: string | null, note: string): string | null {
  if (!reason) return '请选一个原因，他会看到这个原因和下一步怎么办'
  if (reason === 'other' && !note.trim()) return '选了「其他原因」，请写一句说明给他'
  return null
}

interface Props {
  label: string
  reasons: readonly Reason[]
  value: string | null
  onChange: (code: string) => void
  note: string
  onNote: (v: string) => void
  /** Problems in red: of the reason, of the note. */
  error?: string
  noteError?: string
}

/** A coded reason for a refusal, what the worker will read because of it, and an optional note. */
export default function ReasonPicker({ label, reasons, value, onChange, note, onNote, error, noteError }: Props) {
  const chosen = reasons.find((r) => r.code === value)
  return (
    <View>
      <ChoiceList label={label} choices={reasons.map((r) => ({ value: r.code, label: r.label }))} value={value} onChange={onChange} />
      <StationFieldError text={error} />
      {chosen && (
        <View className='notice'>
          <Text>
            他会看到：{chosen.label}。{chosen.next}
          </Text>
        </View>
      )}
      <NoteField label={value === 'other' ? '写给他的说明' : '写给他的说明（可以不写）'} value={note} onChange={onNote} error={noteError} />
    </View>
  )
}
