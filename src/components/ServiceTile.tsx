import { View, Text } from '@tarojs/components'
import './ServiceTile.css'

interface Props {
  icon: string
  label: string
  /** Not built yet: shown greyed with 即将开放; tapping explains instead of going nowhere. */
  soon?: boolean
  wide?: boolean
  onClick: () => void
}

export default function ServiceTile({ icon, label, soon = false, wide = false, onClick }: Props) {
  const cls = ['tile', soon ? 'tile--soon' : '', wide ? 'tile--wide' : ''].filter(Boolean).join(' ')
  return (
    <View className={cls} onClick={onClick} role='button' aria-label={soon ? `${label}，即将开放` : label}>
      <Text className='tile__icon' aria-hidden>
        {icon}
      </Text>
      <Text className='tile__label'>{label}</Text>
      {soon && <Text className='soon-badge'>即将开放</Text>}
    </View>
  )
}
