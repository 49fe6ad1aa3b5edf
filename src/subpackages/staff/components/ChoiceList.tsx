import { View, Text } from '@tarojs/components'
import './ChoiceList.css'

export interface Choice {
  value: string
  label: string
  hint?: string
  /** Tree depth for indenting (0 = none). */
  depth?: number
}

function Rows({ label, choices, isOn, onTap, multi }: { label: string; choices: Choice[]; isOn: (v: string) => boolean; onTap: (v: string) => void; multi: boolean }) {
  return (
    <View className='choices' role={multi ? 'group' : 'radiogroup'} aria-label={label}>
      {choices.map((c) => {
        const on = isOn(c.value)
        const depth = Math.min(c.depth ?? 0, 3)
        return (
          <View
            key={c.value}
            className={`choice choice--depth-${depth}${on ? ' choice--on' : ''}${multi ? ' choice--multi' : ''}`}
            role={multi ? 'checkbox' : 'radio'}
            aria-checked={on}
            onClick={() => onTap(c.value)}
          >
            <View className='choice__mark' aria-hidden>
              {on && (multi ? <Text className='choice__tick'>✓</Text> : <View className='choice__dot' />)}
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

interface Props {
  /** What is being chosen, for screen readers. */
  label: string
  choices: Choice[]
  value: string | null
  onChange: (value: string) => void
}

/** Big tappable rows with a round mark: one choice at a time (a radio group that large fonts do not break). */
export default function ChoiceList({ label, choices, value, onChange }: Props) {
  return <Rows label={label} choices={choices} isOn={(v) => v === value} onTap={onChange} multi={false} />
}

/** The same rows with a square tick: any number of choices (kept in the order of `choices`). */
export function CheckList({ label, choices, values, onChange }: { label: string; choices: Choice[]; values: string[]; onChange: (values: string[]) => void }) {
  const toggle = (v: string) => onChange(choices.map((c) => c.value).filter((c) => (c === v ? !values.includes(v) : values.includes(c))))
  return <Rows label={label} choices={choices} isOn={(v) => values.includes(v)} onTap={toggle} multi />
}
