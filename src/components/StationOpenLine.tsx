import { View, Text } from '@tarojs/components'
import type { OpenView } from '../domain/stations/station.schema'
import './StationOpenLine.css'

/** Colour and an icon for each state, always with the words (never colour alone). */
function look(open: OpenView): { icon: string; tone: string } {
  if (open.kind === 'closed') return open.temporary ? { icon: '🚧', tone: 'temp' } : { icon: '🔒', tone: 'closed' }
  if (open.kind === 'closing_soon') return { icon: '⏰', tone: 'soon' }
  return { icon: '✅', tone: 'open' }
}

/** 开放中，21:00 关门 / 快关门了 / 已关门，明天 06:00 开门 / 24小时开放 / 临时关闭. */
export default function StationOpenLine({ open }: { open: OpenView }) {
  const { icon, tone } = look(open)
  return (
    <View className={`open-line open-line--${tone}`}>
      <Text className='open-line__icon' aria-hidden>
        {icon}
      </Text>
      <Text className='open-line__text'>{open.text}</Text>
    </View>
  )
}
