import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'

/** What went wrong with a send, in red, and the one button that helps (刷新, 看我的申请 …), if any. */
export default function Problem({ text, action }: { text: string; action?: { label: string; onClick(): void } }) {
  return (
    <View className='notice notice--bad' role='alert'>
      <Text>{text}</Text>
      {action && (
        <Button className='big-button gap' block onClick={action.onClick}>
          {action.label}
        </Button>
      )}
    </View>
  )
}
