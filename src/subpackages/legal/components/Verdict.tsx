import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ExplainTerms } from '../../../components/Explain'
import { dateLabel } from '../../../domain/calendar/working-days'
import type { Eligibility, Limitation } from '../../../domain/legal-aid/legal-aid.rules'
import { limitationWarns } from '../legal'

/** Whether the union can help for free, why, and which papers to bring — in the server's plain words. */
export function EligibilityBox({ eligibility: e }: { eligibility: Eligibility }) {
  const head = e.eligible ? '✅ 符合法律援助的条件' : 'ℹ️ 不能免费代理打官司，但工会照样帮你'
  return (
    <View>
      <EligibilityNotice e={e} head={head} />
      <ExplainTerms texts={[head, e.message]} />
    </View>
  )
}

function EligibilityNotice({ e, head }: { e: Eligibility; head: string }) {
  return (
    <View className={`notice ${e.eligible ? 'notice--ok' : ''} legal-verdict`} aria-label='能不能免费帮'>
      <Text className='legal-verdict__head'>{head}</Text>
      <Text className='legal-verdict__line'>{e.message}</Text>
      {e.proofText.length > 0 && (
        <View>
          <Text className='legal-verdict__head'>要准备的证明：</Text>
          {e.proofText.map((p) => (
            <Text key={p} className='legal-verdict__line'>
              · {p}
            </Text>
          ))}
        </View>
      )}
    </View>
  )
}

/**
 * The last day to apply for labour arbitration: big and in red when it is near or passed; the reason it
 * runs from that day; other deadlines worth knowing. `onFixDates` when a missing date can be filled in.
 */
export function LimitationBox({ limitation: l, onFixDates }: { limitation: Limitation; onFixDates?(): void }) {
  return (
    <View>
      <LimitationNotice l={l} onFixDates={onFixDates} />
      <ExplainTerms texts={['劳动仲裁', l.message]} />
    </View>
  )
}

function LimitationNotice({ l, onFixDates }: { l: Limitation; onFixDates?(): void }) {
  const warn = limitationWarns(l.status)
  return (
    <View className={`due${warn ? ' due--late' : ''} legal-limit`} role={warn ? 'alert' : undefined} aria-label='申请劳动仲裁的期限'>
      {l.lastDay && (
        <Text className='legal-limit__day'>
          {warn ? '⚠️ ' : '⏰ '}申请劳动仲裁的最后一天：<Text className='nowrap'>{dateLabel(l.lastDay)}</Text>
        </Text>
      )}
      <Text className='legal-limit__message'>{l.message}</Text>
      <Text className='legal-limit__basis'>{l.basis}</Text>
      {l.notes.map((n) => (
        <Text key={n} className='legal-limit__basis'>
          · {n}
        </Text>
      ))}
      {l.status === 'unknown' && onFixDates && (
        <Button className='big-button gap' block onClick={onFixDates}>
          回去填日期
        </Button>
      )}
    </View>
  )
}
