import { View, Text } from '@tarojs/components'
import { chinaTime } from '../format'
import './HistoryCard.css'

export interface HistoryStep {
  at: string
  label: string
  who: string
  note: string | null
}

/** 办理经过: each step of a request, oldest first, with who did it and the note they wrote. */
export default function HistoryCard({ steps }: { steps: readonly HistoryStep[] }) {
  return (
    <View className='card'>
      <Text className='staff-card-title'>办理经过</Text>
      <View role='list'>
        {steps.map((s, i) => (
          <View key={`${s.at}-${i}`} className='review-step' role='listitem'>
            <Text className='review-step__when'>
              {chinaTime(s.at)} · {s.who}
            </Text>
            <Text className='review-step__what'>{s.label}</Text>
            {s.note && <Text className='review-step__note'>“{s.note}”</Text>}
          </View>
        ))}
      </View>
    </View>
  )
}
