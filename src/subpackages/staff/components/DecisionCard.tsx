import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import './DecisionCard.css'

/** What just happened, shown where the buttons were. */
export type Outcome = { kind: 'done'; title: string } | { kind: 'conflict'; text: string }

interface Props<A extends string> {
  /** The decisions this staff member may take now, in the order shown. */
  buttons: ReadonlyArray<{ value: A; label: string; primary?: boolean }>
  outcome: Outcome | null
  /** Shown instead of the buttons when there is nothing to decide. */
  idleText: string
  onAct: (action: A) => void
  /** More about a success (a member number, an amount). */
  doneExtra?: ReactNode
}

/** 办理: the outcome of the last decision (or who was first), then the buttons for the next one. */
export default function DecisionCard<A extends string>({ buttons, outcome, idleText, onAct, doneExtra }: Props<A>) {
  return (
    <View className='card review-decide'>
      <Text className='staff-card-title'>办理</Text>
      {outcome?.kind === 'done' && (
        <View className='review-done' role='status'>
          <Text className='review-done__title'>✅ {outcome.title}</Text>
          {doneExtra}
        </View>
      )}
      {outcome?.kind === 'conflict' && (
        <View className='notice' role='alert'>
          <Text>{outcome.text.replace(/[。.]$/, '')}。已经帮你刷新，下面是最新的情况。</Text>
        </View>
      )}
      {buttons.length === 0 ? (
        <Text className='staff-para'>{idleText}</Text>
      ) : (
        <View className='review-actions'>
          {buttons.map((b) => (
            <Button key={b.value} className='big-button review-actions__btn' type={b.primary ? 'primary' : 'default'} block onClick={() => onAct(b.value)}>
              {b.label}
            </Button>
          ))}
        </View>
      )}
    </View>
  )
}
