import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import { toFieldErrors } from '../../../../domain/validation'
import { SLA_FIELD_LABELS, slaInput, type SlaInput } from '../../../../domain/workspace/workspace.api'
import { saveSla, slaTable } from '../../../../services/workspace'
import NumberFields, { numberTexts, readNumbers, SaveButtons, useRuleSave, type Checked, type NumberField } from '../../components/RuleForm'
import { LoadingCard } from '../../components/PagedList'
import StaffGate from '../../components/StaffGate'
import { chinaTime } from '../../format'
import { useReply } from '../../useReply'
import '../../../../components/StationShared.css'
import '../../staff.css'

type Key = keyof SlaInput

/** Each limit: its box and what it means in words (n is like 「5 个工作日」). */
const MEANS: Record<Key, (n: string) => string> = {
  membershipTransfer: (n) => `别的工会的会员要转过来，${n}内决定接不接收。`,
  aidClaimCheck: (n) => `职工交了互助保障申请，基层工会 ${n}内核对材料。`,
  aidClaimApprove: (n) => `基层核对好以后，总工会 ${n}内审批。`,
  aidClaimPay: (n) => `审批通过以后，${n}内把钱打给职工。`,
  stationReport: (n) => `有人报修驿站，${n}内处理。`,
  stationSuggestion: (n) => `有人推荐建驿站的地方，${n}内答复。`,
  dueSoonDays: (n) => `离期限只剩 ${n}或更少时，算“快到期”，在工作台上标出来。`,
}
const KEYS = Object.keys(MEANS) as Key[]
const FIELDS: Array<NumberField & { path: Key }> = KEYS.map((k) => ({ path: k, label: `${SLA_FIELD_LABELS[k]}（工作日）` }))

const daysText = (n: number) => `${n} 个工作日`

/** The typed numbers as a table, or the problems by box. */
function checkSla(texts: Record<string, string>): Checked<SlaInput> {
  const { numbers, errors } = readNumbers(FIELDS, texts)
  const parsed = slaInput.safeParse(numbers)
  const found = parsed.success ? errors : { ...toFieldErrors(parsed.error), ...errors }
  return parsed.success && Object.keys(found).length === 0 ? { ok: true, value: parsed.data } : { ok: false, errors: found }
}

function SlaView({ sla, updatedAt, admin, onEdit }: { sla: SlaInput; updatedAt: string | null; admin: boolean; onEdit: () => void }) {
  return (
    <View className='card'>
      <Text className='staff-card-title'>每件事要在几天内办</Text>
      <View role='list' aria-label='办理时限'>
        {KEYS.map((k) => (
          <View key={k} className='rule-line' role='listitem'>
            <Text className='rule-line__name'>
              {SLA_FIELD_LABELS[k]}：{daysText(sla[k])}
            </Text>
            <Text className='staff-note'>{MEANS[k](daysText(sla[k]))}</Text>
          </View>
        ))}
      </View>
      {updatedAt && <Text className='staff-note'>上次修改：{chinaTime(updatedAt)}</Text>}
      <Text className='staff-note'>工作日不算周末和放假的日子（看“节假日设置”）。入会审核和法律援助的期限不在这里：法律援助的在“法律援助规则”里改。</Text>
      {admin ? (
        <Button className='big-button staff-gap' type='primary' block onClick={onEdit}>
          修改办理时限
        </Button>
      ) : (
        <Text className='staff-note'>只有管理员能修改。要改，请告诉县总工会的管理员。</Text>
      )}
    </View>
  )
}

type Saved = { sla: SlaInput; updatedAt: string | null }

function SlaEditor({ start, onSaved, onCancel }: { start: SlaInput; onSaved: (saved: Saved) => void; onCancel: () => void }) {
  const [texts, setTexts] = useState(() => numberTexts(FIELDS, (path) => start[path as Key]))
  const { errors, top, busy, save } = useRuleSave('sla')
  const submit = () => save(checkSla(texts), saveSla, (r, sent) => onSaved({ sla: r.sla ?? sent, updatedAt: r.updatedAt ?? null }))
  return (
    <View className='card editor-card'>
      <Text className='editor-card__title'>修改办理时限</Text>
      <Text className='staff-note'>都填工作日的天数（整数）。提前提醒最多 10 天，其他最多 60 天。</Text>
      <NumberFields fields={FIELDS} texts={texts} errors={errors} onChange={(path, text) => setTexts((t) => ({ ...t, [path]: text }))} />
      <SaveButtons busy={busy} saveText='保存办理时限' onSave={submit} onCancel={onCancel} top={top} errors={errors} shown={FIELDS.map((f) => f.path)} />
      <Text className='staff-note'>保存后，新交来的和正在办的事都按新的天数算期限。</Text>
    </View>
  )
}

function Sla({ admin }: { admin: boolean }) {
  const { state, reload } = useReply(slaTable)
  const [saved, setSaved] = useState<Saved | null>(null)
  const [editing, setEditing] = useState(false)

  if (state.status === 'error') return <ErrorBox title='没能读到办理时限' error={state.error} onRetry={reload} />
  if (state.status !== 'ok') return <LoadingCard rows={4} text='正在读取办理时限…' />
  const { sla, updatedAt } = saved ?? state.data

  return (
    <View>
      {saved && !editing && (
        <View className='notice notice--ok' role='status'>
          <Text>✅ 已保存，从现在起按新的天数算。</Text>
        </View>
      )}
      {editing ? (
        <SlaEditor
          start={sla}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            setSaved(next)
            setEditing(false)
          }}
        />
      ) : (
        <SlaView sla={sla} updatedAt={updatedAt} admin={admin} onEdit={() => setEditing(true)} />
      )}
    </View>
  )
}

export default function WorkRulesPage() {
  return (
    <View className='page staff station-staff work-rules'>
      <StaffGate>{(me) => <Sla admin={me.role === 'admin'} />}</StaffGate>
    </View>
  )
}
