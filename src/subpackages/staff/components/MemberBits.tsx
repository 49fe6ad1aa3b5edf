import { Text } from '@tarojs/components'
import { dateLabel } from '../../../domain/calendar/working-days'
import './MemberBits.css'

/** 农民工 (or working away from home): counted apart in the year-end figures. */
export function MigrantBadge({ show }: { show: boolean }) {
  return show ? <Text className='mb-badge'>农民工</Text> : null
}

/** The answer deadline of an open request: red when late, otherwise the days left (and the date when known). */
export function DueLine({ dueText, dueDate, overdue }: { dueText: string | null; dueDate?: string | null; overdue: boolean }) {
  if (!dueText) return null
  if (overdue) return <Text className='mb-due mb-due--late'>⚠ {dueText}</Text>
  return (
    <Text className='mb-due'>
      ⏱ {dueText}
      {dueDate && <Text className='nowrap'>（{dateLabel(dueDate, new Date())}前答复）</Text>}
    </Text>
  )
}
