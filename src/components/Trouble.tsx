import { Text, View } from '@tarojs/components'
import ErrorBox from './ErrorBox'
import type { AppError } from '../domain/envelope'
import { errorText, isTransient } from '../services/errors'

/** A failed read: 重试 when trying again can help (network), otherwise just what the server said. */
export default function Trouble({ error, title, onRetry }: { error: AppError; title: string; onRetry(): void }) {
  if (isTransient(error)) return <ErrorBox title={title} error={error} onRetry={onRetry} />
  return (
    <View className='notice notice--bad' role='alert'>
      <Text>{errorText(error)}</Text>
    </View>
  )
}
