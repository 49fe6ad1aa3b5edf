import { Text, View } from '@tarojs/components'
import type { TimelineStep } from '../../../domain/membership/membership.schema'
import { formatDateCN } from '../../../domain/privacy/my-data'
import '../../../components/Timeline.css'

/** What happened so far, oldest first: when, what, who, and what they wrote. */
export default function Timeline({ steps, label = '办理经过' }: { steps: TimelineStep[]; label?: string }) {
  if (steps.length === 0) return null
  return (
    <View className='timeline' role='list' aria-label={label}>
      {steps.map((s, i) => (
        <View key={`${s.at}-${i}`} className={`timeline__step${i === steps.length - 1 ? ' timeline__step--last' : ''}`} role='listitem'>
          <Text className='timeline__mark' aria-hidden>
            {i === steps.length - 1 ? '🔵' : '✅'}
          </Text>
          <View className='timeline__body'>
            <Text className='timeline__label'>{s.label}</Text>
            <Text className='timeline__at'>
              {formatDateCN(s.at)} · {s.who}
            </Text>
            {s.note && <Text className='timeline__note'>“{s.note}”</Text>}
          </View>
        </View>
      ))}
    </View>
  )
}
