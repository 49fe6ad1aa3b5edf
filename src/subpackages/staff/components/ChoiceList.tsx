import { View, Text } from '@tarojs/components'
import './ChoiceList.css'

export interface Choice {
  value: string
  label: string
  hint?: string
  /** Tree depth for indenting (0 = none). */
  depth?: number
}

interface Props {
  /** What is being chosen, for screen readers. */
  label: string
  choices: Choice[]
  value: string | null
  onChange: (value: string) => void
}

/** Big tappable rows with a round mark: one choice at a time (a radio group that large fonts do not break). */
export default function ChoiceList({ label, choices, value, onChange }: Props) {
  return (
    <View className='choices' role='radiogroup' aria-label={label}>
      {choices.map((c) => {
        const on = c.value === value
        const depth = Math.min(c.depth ?? 0, 3)
        return (
          <View
            key={c.value}
            className={`choice choice--depth-${depth}${on ? ' choice--on' : ''}`}
            role='radio'
            aria-checked={on}
            onClick={() => onChange(c.value)}
          >
            <View className='choice__mark' aria-hidden>
              {on && <View className='choice__dot' />}
            </View>
            <View className='choice__text'>
              <Text className='choice__label'>{c.label}</Text>
              {c.hint && <Text className='choice__hint'>{c.hint}</Text>}
            </View>
          </View>
        )
      })}
    </View>
  )
}
