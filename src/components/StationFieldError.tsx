import { View, Text } from '@tarojs/components'

/** The plain-words problem under a form field, announced to screen readers. */
export default function StationFieldError({ text }: { text?: string | null }) {
  if (!text) return null
  return (
    <View className='field-error' role='alert'>
      <Text>{text}</Text>
    </View>
  )
}
