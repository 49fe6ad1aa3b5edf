import { View, Text } from '@tarojs/components'
import '../../../components/StationShared.css'

export interface Chip<T extends string> {
  value: T
  label: string
}

interface Props<T extends string> {
  /** What the chips filter by, for screen readers (按类型). */
  label: string
  chips: ReadonlyArray<Chip<T>>
  value: T | null
  onChange: (value: T | null) => void
  /** Tapping the chip that is on turns it off (onChange(null)): a filter that may be left out. */
  clearable?: boolean
}

/** A row of round filter buttons that wraps with large fonts; one is on at a time. */
export default function WorkChips<T extends string>({ label, chips, value, onChange, clearable = false }: Props<T>) {
  return (
    <View className='chip-row' role={clearable ? 'group' : 'radiogroup'} aria-label={label}>
      {chips.map((c) => {
        const on = c.value === value
        return (
          <View
            key={c.value}
            className={`chip${on ? ' chip--on' : ''}`}
            role={clearable ? 'checkbox' : 'radio'}
            aria-checked={on}
            onClick={() => onChange(clearable && on ? null : c.value)}
          >
            {on && (
              <Text className='chip__check' aria-hidden>
                ✓
              </Text>
            )}
            <Text>{c.label}</Text>
          </View>
        )
      })}
    </View>
  )
}
