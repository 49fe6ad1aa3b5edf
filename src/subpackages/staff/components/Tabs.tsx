import { View, Text } from '@tarojs/components'
import './Tabs.css'

export interface Tab<T> {
  value: T
  label: string
}

/** Filter tabs above a list; they wrap onto a second line when the font is large. */
export default function Tabs<T>({ tabs, value, onChange }: { tabs: ReadonlyArray<Tab<T>>; value: T; onChange: (value: T) => void }) {
  return (
    <View className='tabs' role='tablist'>
      {tabs.map((t) => (
        <View key={t.label} className={`tabs__tab${t.value === value ? ' tabs__tab--on' : ''}`} role='tab' aria-selected={t.value === value} onClick={() => onChange(t.value)}>
          <Text>{t.label}</Text>
        </View>
      ))}
    </View>
  )
}
