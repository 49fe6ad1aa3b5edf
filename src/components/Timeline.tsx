import { Text, View } from '@tarojs/components'
import { formatDateCN } from '../domain/privacy/my-data'
import './Timeline.css'

/** One thing that happened to a request (入会, 转会, 互助保障 claims share this shape). */
export interface TimelineEntry {
  /** ISO time. */
  at: string
  label: string
  /** 你, or the union's name. */
  who: string
  note: string | null
}

/** What happened so far, oldest first: when, what, who, and what they wrote. */
export default function Timeline({ steps, label = '办理经过' }: { steps: TimelineEntry[]; label?: string }) {
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
