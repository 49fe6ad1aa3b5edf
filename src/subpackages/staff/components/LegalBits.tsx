import { View, Text } from '@tarojs/components'
import { dateLabel } from '../../../domain/calendar/working-days'
import type { CaseRow } from '../../../domain/legal-aid/legal-aid.api'
import type { TriageFlag } from '../../../domain/legal-aid/legal-aid.constants'
import './LegalBits.css'

/** Red: act today (limitation about to run out or gone, many workers). Amber: fast track. */
const RED: ReadonlySet<TriageFlag> = new Set(['limitation_urgent', 'limitation_passed', 'group'])

/** The triage flags of a 法律援助 case, in the server's words. */
export function TriageFlags({ flags }: { flags: CaseRow['flags'] }) {
  if (flags.length === 0) return null
  return (
    <View className='lb-flags' role='list' aria-label='为什么要先办'>
      {flags.map((f) => (
        <View key={f.code} role='listitem' className={`lb-flag ${RED.has(f.code) ? 'lb-flag--red' : 'lb-flag--amber'}`}>
          <Text>{f.label}</Text>
        </View>
      ))}
    </View>
  )
}

/** The last day to apply for labour arbitration, as a line (red when it is close or gone). */
export function LimitationLine({ lastDay, status }: { lastDay: string | null; status: CaseRow['limitationStatus'] }) {
  if (!lastDay) {
    const text = status === 'not_running' ? '仲裁时效：他还在这个单位，还没开始算' : '仲裁时效：日期不全，算不出来'
    return <Text className='lb-limit'>{text}</Text>
  }
  const day = dateLabel(lastDay)
  if (status === 'passed') return <Text className='lb-limit lb-limit--red'>⚠ 仲裁时效可能已过（最后一天是 {day}）</Text>
  const warn = status === 'urgent' ? ' lb-limit--red' : status === 'near' ? ' lb-limit--amber' : ''
  return (
    <Text className={`lb-limit${warn}`}>
      {warn ? '⚠ ' : ''}仲裁时效最后一天：{day}
    </Text>
  )
}
