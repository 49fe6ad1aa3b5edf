import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import type { LegalAidRules } from '../../../../domain/legal-aid/legal-aid.rules'
import { legalAidRulesInput } from '../../../../domain/legal-aid/legal-aid.schema'
import { yuan } from '../../../../domain/mutual-aid/mutual-aid.rules'
import { toFieldErrors } from '../../../../domain/validation'
import { legalRules, saveLegalRules } from '../../../../services/legal-aid'
import NumberFields, { numberTexts, readNumbers, SaveButtons, useRuleSave, type Checked, type NumberField } from '../../components/RuleForm'
import { LoadingCard } from '../../components/PagedList'
import StaffGate from '../../components/StaffGate'
import { useReply } from '../../useReply'
import '../../../../components/StationShared.css'
import '../../staff.css'

type Key = keyof LegalAidRules

/** Each number: the box, and how the read-only view says it. */
const FIELDS: Array<NumberField & { path: Key; unit: string; means: (n: string) => string }> = [
  { path: 'amountFloorFen', label: '援助金额起点（元）', money: true, unit: '', means: (n) => `要讨的钱达到 ${n}，才能免费代理打官司。` },
  {
    path: 'minimumWageFen',
    label: '当地月最低工资（元）',
    money: true,
    unit: '',
    hint: '照抄省里现在公布的最低工资标准（本县所在的那一档）',
    means: (n) => `家里每人每月收入低于 ${n}，才算经济困难。`,
  },
  { path: 'reviewWorkingDays', label: '审核期限（工作日）', unit: '个工作日', means: (n) => `收到求助后 ${n}内决定帮不帮；等职工补材料的日子不算。` },
  { path: 'assignWorkingDays', label: '指派期限（工作日）', unit: '个工作日', means: (n) => `决定帮以后 ${n}内指派律师或法律工作者。` },
  { path: 'limitationWarnDays', label: '时效提醒（天）', unit: '天', means: (n) => `离申请劳动仲裁的最后一天还有 ${n}时，开始提醒。` },
  { path: 'urgentDays', label: '时效紧急（天）', unit: '天', hint: '不能比时效提醒的天数多', means: (n) => `还剩 ${n}时算紧急，排在最前面先办。` },
  { path: 'groupThreshold', label: '群体性人数（人）', unit: '人', means: (n) => `同一件事有 ${n}或更多，算群体性，要马上上报。` },
]

const shownValue = (f: (typeof FIELDS)[number], rules: LegalAidRules) => (f.money ? yuan(rules[f.path]) : `${rules[f.path]} ${f.unit}`)

/** The typed numbers as a rule table, or the problems by box. */
function checkRules(texts: Record<string, string>): Checked<LegalAidRules> {
  const { numbers, errors } = readNumbers(FIELDS, texts)
  const parsed = legalAidRulesInput.safeParse(numbers)
  const found = parsed.success ? errors : { ...toFieldErrors(parsed.error), ...errors }
  return parsed.success && Object.keys(found).length === 0 ? { ok: true, value: parsed.data } : { ok: false, errors: found }
}

function WageNotice() {
  return (
    <View className='notice' role='note'>
      <Text>⚠ 当地月最低工资一定要照抄省里现在公布的最低工资标准（找本县所在的那一档），不要估。省里调整了标准，要马上在这里改，不然会把该帮的人算成不符合条件。</Text>
    </View>
  )
}

function RulesView({ rules, admin, onEdit }: { rules: LegalAidRules; admin: boolean; onEdit: () => void }) {
  return (
    <View className='card'>
      <Text className='staff-card-title'>法律援助的规则</Text>
      <View role='list' aria-label='法律援助的规则'>
        {FIELDS.map((f) => (
          <View key={f.path} className='rule-line' role='listitem'>
            <Text className='rule-line__name'>
              {f.label.replace(/（.*）$/, '')}：{shownValue(f, rules)}
            </Text>
            <Text className='staff-note'>{f.means(shownValue(f, rules))}</Text>
          </View>
        ))}
      </View>
      {admin ? (
        <Button className='big-button staff-gap' type='primary' block onClick={onEdit}>
          修改规则
        </Button>
      ) : (
        <Text className='staff-note'>只有管理员能修改。规则要变，请告诉县总工会的管理员。</Text>
      )}
    </View>
  )
}

/** The whole table in boxes; checked before sending, saved at once. */
function RulesEditor({ start, onSaved, onCancel }: { start: LegalAidRules; onSaved: (r: LegalAidRules) => void; onCancel: () => void }) {
  const [texts, setTexts] = useState(() => numberTexts(FIELDS, (path) => start[path as Key]))
  const { errors, top, busy, save } = useRuleSave('rules')
  const submit = () => save(checkRules(texts), saveLegalRules, (r) => onSaved(r.rules))

  return (
    <View className='card editor-card'>
      <Text className='editor-card__title'>修改法律援助的规则</Text>
      <NumberFields fields={FIELDS} texts={texts} errors={errors} onChange={(path, text) => setTexts((t) => ({ ...t, [path]: text }))} />
      <SaveButtons busy={busy} saveText='保存规则' onSave={submit} onCancel={onCancel} top={top} errors={errors} shown={FIELDS.map((f) => f.path)} />
      <Text className='staff-note'>保存后马上按新的数算：谁符合条件、审核期限、谁排在前面，正在办的求助也一样。</Text>
    </View>
  )
}

function Rules({ admin }: { admin: boolean }) {
  const { state, reload } = useReply(legalRules)
  const [saved, setSaved] = useState<LegalAidRules | null>(null)
  const [editing, setEditing] = useState(false)

  if (state.status === 'error') return <ErrorBox title='没能读到法律援助的规则' error={state.error} onRetry={reload} />
  if (state.status !== 'ok') return <LoadingCard rows={4} text='正在读取法律援助的规则…' />
  const rules = saved ?? state.data.rules

  return (
    <View>
      <WageNotice />
      {saved && !editing && (
        <View className='notice notice--ok' role='status'>
          <Text>✅ 已保存，从现在起按新的规则算。</Text>
        </View>
      )}
      {editing ? (
        <RulesEditor
          start={rules}
          onCancel={() => setEditing(false)}
          onSaved={(r) => {
            setSaved(r)
            setEditing(false)
          }}
        />
      ) : (
        <RulesView rules={rules} admin={admin} onEdit={() => setEditing(true)} />
      )}
    </View>
  )
}

export default function LegalRulesPage() {
  return (
    <View className='page staff station-staff legal-rules'>
      <StaffGate>{(me) => <Rules admin={me.role === 'admin'} />}</StaffGate>
    </View>
  )
}
