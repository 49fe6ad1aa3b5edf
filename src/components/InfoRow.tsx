import { View, Text } from '@tarojs/components'
import './InfoRow.css'

/** Label and value; the value drops below the label when the font is large. */
export default function InfoRow({ label, value }: { label: string; value: string }) {
  return (
    <View className='info-row'>
      <Text className='info-row__label'>{label}</Text>
      <Text className='info-row__value'>{value}</Text>
    </View>
  )
}
