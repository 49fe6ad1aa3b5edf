import { View, Text } from '@tarojs/components'

/** A plain-words error under a field or in a dialog, announced to screen readers. */
export default function Alert({ text }: { text: string }) {
  return (
    <View className='staff-field-error' role='alert'>
      <Text>{text}</Text>
    </View>
  )
}
