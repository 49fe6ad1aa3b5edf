import { View, Text } from '@tarojs/components'
import { Skeleton } from '@nutui/nutui-react-taro'

/** Grey placeholder lines plus words, so a slow network does not look like a broken page. */
export default function Loading({ text = '正在读取，请稍等…', rows = 2 }: { text?: string; rows?: number }) {
  return (
    <View className='loading' aria-busy='true'>
      <Skeleton rows={rows} animated />
      <Text className='loading__text'>{text}</Text>
    </View>
  )
}
