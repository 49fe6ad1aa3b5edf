import { Text, View } from '@tarojs/components'
import type { MyRequestRow, TodoView } from '../../domain/requests/my-requests.api'

/** The colour of a request's state line: finished well, finished badly, waiting for the worker, or plain. */
export function toneOf(r: Pick<MyRequestRow, 'group' | 'outcome'>): string {
  if (r.outcome?.tone === 'good') return 'state--good'
  if (r.outcome?.tone === 'bad' || r.group === 'todo') return 'state--bad'
  return ''
}

/** What the union asked for, in its words, and by when. */
export function TodoBox({ todo }: { todo: TodoView }) {
  return (
    <View className='notice track-todo' aria-label='要你做的事'>
      <Text className='track-todo__head'>{todo.items.length > 0 ? '工会请你补充：' : todo.text}</Text>
      {todo.items.map((item) => (
        <Text key={item} className='asked'>
          · {item}
        </Text>
      ))}
      {todo.note && <Text className='track-todo__line'>工会说：“{todo.note}”</Text>}
      {todo.deadline && <Text className='track-todo__line track-todo__deadline'>⏰ {todo.deadline}</Text>}
    </View>
  )
}
