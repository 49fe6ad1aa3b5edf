import { useState } from 'react'
import { View, Text, Picker } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import { shanghaiDate, weekdayOf, type HolidayCalendar } from '../../../../domain/calendar/working-days'
import type { SettingsReply } from '../../../../domain/membership/membership.schema'
import { errorText } from '../../../../services/errors'
import { membershipSettings, setCalendar } from '../../../../services/membership'
import Alert from '../../components/Alert'
import { LoadingCard } from '../../components/PagedList'
import StaffGate from '../../components/StaffGate'
import Tabs from '../../components/Tabs'
import { useReply } from '../../useReply'
import { useSubmit } from '../../useSubmit'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

type Kind = 'holidays' | 'workdays'

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日']
const KIND_TEXT: Record<Kind, { title: string; hint: string; add: string; empty: string }> = {
  holidays: { title: '放假的日子', hint: '法定节假日和调休放假的日子，这些天不算工作日。', add: '＋ 加一天放假', empty: '还没有填放假的日子。' },
  workdays: { title: '调休上班的日子', hint: '要上班的周六、周日，这些天算工作日。', add: '＋ 加一天调休上班', empty: '没有调休上班的日子。' },
}

/** 2026-10-01 → 10月1日 星期四 */
const dayText = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日 星期${WEEKDAYS[weekdayOf(d) - 1]}`
const monthOf = (d: string) => Number(d.slice(5, 7))

/** The days of one list, month by month: 10月：1日、2日、3日. */
function DaysByMonth({ days }: { days: string[] }) {
  const months = [...new Set(days.map(monthOf))]
  return (
    <View>
      {months.map((m) => (
        <Text key={m} className='staff-para'>
          {m}月：
          {days
            .filter((d) => monthOf(d) === m)
            .map((d) => `${Number(d.slice(8, 10))}日`)
            .join('、')}
        </Text>
      ))}
    </View>
  )
}

function YearView({ cal, admin, onEdit }: { cal: HolidayCalendar; admin: boolean; onEdit: () => void }) {
  return (
    <View className='card'>
      {(['holidays', 'workdays'] as const).map((kind) => (
        <View key={kind} className='cal-list'>
          <Text className='staff-card-title'>
            {KIND_TEXT[kind].title}（{cal[kind].length} 天）
          </Text>
          {cal[kind].length === 0 ? <Text className='staff-note'>{KIND_TEXT[kind].empty}</Text> : <DaysByMonth days={cal[kind]} />}
        </View>
      ))}
      {admin ? (
        <Button className='big-button staff-gap' type='primary' block onClick={onEdit}>
          修改 {cal.year} 年的安排
        </Button>
      ) : (
        <Text className='staff-note'>只有管理员能修改。放假安排有变化，请告诉县总工会的管理员。</Text>
      )}
    </View>
  )
}

/** Add a day with the phone's date picker, remove with a tap; nothing is sent until 保存. */
function YearEditor({ start, onSaved, onCancel }: { start: HolidayCalendar; onSaved: (s: SettingsReply) => void; onCancel: () => void }) {
  const [cal, setCal] = useState<HolidayCalendar>(start)
  const [error, setError] = useState<string | null>(null)
  const { busy, run } = useSubmit()
  const { year } = cal
  /** The picker opens on the day picked last (holidays come in runs). */
  const [last, setLast] = useState(`${year}-01-01`)

  const add = (kind: Kind, day: string) => {
    const other: Kind = kind === 'holidays' ? 'workdays' : 'holidays'
    if (day.startsWith(`${year}-`)) setLast(day)
    if (!day.startsWith(`${year}-`)) return setError(`请选 ${year} 年里的日子`)
    if (cal[kind].includes(day)) return setError(`${dayText(day)} 已经在「${KIND_TEXT[kind].title}」里了`)
    if (cal[other].includes(day)) return setError(`${dayText(day)} 已经在「${KIND_TEXT[other].title}」里了，一天不能既放假又上班`)
    if (kind === 'workdays' && weekdayOf(day) <= 5) return setError(`${dayText(day)} 本来就要上班，不用加。这里只加要上班的周六、周日`)
    setError(null)
    setCal({ ...cal, [kind]: [...cal[kind], day].sort() })
  }
  const remove = (kind: Kind, day: string) => setCal({ ...cal, [kind]: cal[kind].filter((d) => d !== day) })

  const save = async () => {
    setError(null)
    const r = await run(() => setCalendar(cal))
    if (!r) return
    if (r.ok) {
      void Taro.showToast({ title: '已保存', icon: 'success', duration: 2000 })
      onSaved(r.data)
    } else setError([errorText(r.error), ...Object.values(r.error.fieldErrors ?? {})].join('\n'))
  }

  return (
    <View className='card editor-card'>
      <Text className='editor-card__title'>修改 {year} 年的安排</Text>
      {(['holidays', 'workdays'] as const).map((kind) => (
        <View key={kind} className='cal-list'>
          <Text className='staff-card-title'>
            {KIND_TEXT[kind].title}（{cal[kind].length} 天）
          </Text>
          <Text className='staff-note'>{KIND_TEXT[kind].hint}</Text>
          <View role='list' aria-label={KIND_TEXT[kind].title}>
            {cal[kind].map((d) => (
              <View key={d} className='cal-day' role='listitem'>
                <Text className='cal-day__text'>{dayText(d)}</Text>
                <Button className='staff-action cal-day__remove' aria-label={`删掉 ${dayText(d)}`} disabled={busy} onClick={() => remove(kind, d)}>
                  删掉
                </Button>
              </View>
            ))}
          </View>
          <Picker mode='date' value={last} start={`${year}-01-01`} end={`${year}-12-31`} disabled={busy} onChange={(e) => add(kind, String(e.detail.value))}>
            <View className='cal-add' role='button' aria-label={KIND_TEXT[kind].add}>
              <Text>{KIND_TEXT[kind].add}</Text>
            </View>
          </Picker>
        </View>
      ))}
      {error && <Alert text={error} />}
      <Button className='big-button staff-gap' type='primary' block disabled={busy} onClick={save}>
        {busy ? '正在保存…' : `保存 ${year} 年的安排`}
      </Button>
      <Button className='big-button staff-gap' block disabled={busy} onClick={onCancel}>
        不改了
      </Button>
      <Text className='staff-note'>保存后，新交的申请按新的安排算期限。</Text>
    </View>
  )
}

function Settings({ admin }: { admin: boolean }) {
  const { state, reload } = useReply(membershipSettings)
  const [saved, setSaved] = useState<SettingsReply | null>(null)
  const [picked, setPicked] = useState<number | null>(null)
  const [editing, setEditing] = useState(false)

  if (state.status === 'error') return <ErrorBox title='没能读到节假日设置' error={state.error} onRetry={reload} />
  if (state.status !== 'ok') return <LoadingCard rows={4} text='正在读取节假日设置…' />
  const s = saved ?? state.data
  const years = [...new Set([...s.calendars.map((c) => c.year), ...s.missingYears])].sort((x, y) => x - y)
  const thisYear = Number(shanghaiDate(new Date()).slice(0, 4))
  const year = picked ?? (years.includes(thisYear) ? thisYear : years[0])
  const cal = s.calendars.find((c) => c.year === year) ?? { year, holidays: [], workdays: [] }

  return (
    <View>
      <View className='card'>
        <Text className='staff-card-title'>入会的规则</Text>
        <Text className='staff-para'>工会要在 {s.rules.replyWorkingDays} 个工作日内答复入会申请。周末和放假的日子不算，调休上班的周末算。</Text>
        <Text className='staff-para'>满 {s.rules.minAge} 周岁才能入会。</Text>
      </View>
      {s.missingYears.map((y) => (
        <View key={y} className='notice' role='note'>
          <Text>
            ⚠ {y} 年的放假安排还没填，期限只跳过周末。{admin ? '国务院公布放假安排后，请在下面填上。' : ''}
          </Text>
        </View>
      ))}
      {years.length > 0 && !editing && <Tabs tabs={years.map((y) => ({ value: y, label: `${y} 年` }))} value={year} onChange={setPicked} />}
      {years.length === 0 && (
        <View className='card'>
          <Text className='staff-para'>还没有任何一年的放假安排。</Text>
        </View>
      )}
      {years.length > 0 &&
        (editing ? (
          <YearEditor
            key={year}
            start={cal}
            onCancel={() => setEditing(false)}
            onSaved={(reply) => {
              setSaved(reply)
              setEditing(false)
            }}
          />
        ) : (
          <YearView cal={cal} admin={admin} onEdit={() => setEditing(true)} />
        ))}
    </View>
  )
}

export default function CalendarPage() {
  return (
    <View className='page staff station-staff members-calendar'>
      <StaffGate>{(me) => <Settings admin={me.role === 'admin'} />}</StaffGate>
    </View>
  )
}
