import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { AppError } from '../domain/envelope'
import { errorText } from '../services/errors'
import './ErrorBox.css'

interface Props {
  error: AppError
  onRetry: () => void
  /** What could not be done, e.g. 没能读到你的信息. */
  title?: string
  children?: ReactNode
}

/** What went wrong in plain words, and a big 重试 button. */
export default function ErrorBox({ error, onRetry, title, children }: Props) {
  return (
    <View className='error-box' role='alert'>
      {title && <Text className='error-box__title'>{title}</Text>}
      <Text className='error-box__text'>{errorText(error)}</Text>
      <Button className='big-button' type='primary' block onClick={onRetry}>
        重试
      </Button>
      {children}
    </View>
  )
}
