import { useState } from 'react'
import { View, Text, Picker } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import { addDays, dateLabel } from '../../../../domain/calendar/working-days'
import type { RulesReply } from '../../../../domain/mutual-aid/mutual-aid.api'
import { PLAN_KIND_CODES, PLAN_KIND_LABELS } from '../../../../domain/mutual-aid/mutual-aid.constants'
import { ruleVersionOn, versionEditable, type PlanRuleVersion } from '../../../../domain/mutual-aid/mutual-aid.rules'
import { errorFor, toTop } from '../../../../services/forms'
import { aidRules, saveRuleVersion } from '../../../../services/mutual-aid'
import NumberFields, { numberTexts, SaveButtons, useRuleSave } from '../../components/RuleForm'
import { LoadingCard } from '../../components/PagedList'
import StaffGate from '../../components/StaffGate'
import { FieldGroup } from '../../components/TextField'
import { useReply } from '../../useReply'
import { buildVersion, fieldsOf, periodText, ruleSummary, valueAt } from './ruleFields'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

/** The versions of one plan, newest first. */
interface Plan {
  planId: string
  versions: PlanRuleVersion[]
}

/** Plans in the order of the plan kinds, then by name; each with its versions newest first. */
function plansOf(versions: readonly PlanRuleVersion[]): Plan[] {
  const ids = [...new Set(versions.map((v) => v.planId))]
  const plans = ids.map((planId) => ({ planId, versions: versions.filter((v) => v.planId === planId).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom)) }))
  const rank = (p: Plan) => PLAN_KIND_CODES.indexOf(p.versions[0].kind)
  return plans.sort((a, b) => rank(a) - rank(b) || a.versions[0].name.localeCompare(b.versions[0].name))
}

type Status = 'future' | 'current' | 'past'
const STATUS_TEXT: Record<Status, string> = { future: '还没生效', current: '正在用', past: '以前用的' }

/** A new version starts from the plan's latest one; a version not yet in force can still be changed. */
interface Editing {
  base: PlanRuleVersion
  mode: 'new' | 'change'
}

function VersionCard({ v, next, status, admin, onChange }: { v: PlanRuleVersion; next?: PlanRuleVersion; status: Status; admin: boolean; onChange: () => void }) {
  return (
    <View className={`rules-version rules-version--${status}`} role='listitem'>
      <View className='rules-version__head'>
        <Text className='rules-version__date'>{dateLabel(v.effectiveFrom)} 起生效</Text>
        <Text className={`rules-badge rules-badge--${status}`}>{STATUS_TEXT[status]}</Text>
      </View>
      <Text className='staff-note'>{periodText(v, next)}</Text>
      {ruleSummary(v).map((line) => (
        <Text key={line} className='rules-line'>
          · {line}
        </Text>
      ))}
      {status !== 'future' && <Text className='staff-note'>🔒 已生效，不能再改；要改请新建一版</Text>}
      {status === 'future' && !admin && <Text className='staff-note'>还没生效，管理员还能修改。</Text>}
      {status === 'future' && admin && (
        <Button className='staff-action rules-version__change' aria-label={`修改 ${dateLabel(v.effectiveFrom)} 起的这一版`} onClick={onChange}>
          修改这一版
        </Button>
      )}
    </View>
  )
}

function PlanGroup({ plan, today, admin, onEdit }: { plan: Plan; today: string; admin: boolean; onEdit: (e: Editing) => void }) {
  const latest = plan.versions[0]
  const current = ruleVersionOn(plan.versions, plan.planId, today)
  const statusOf = (v: PlanRuleVersion): Status => (versionEditable(v, today) ? 'future' : v === current ? 'current' : 'past')
  return (
    <View className='card rules-plan' role='group' aria-label={latest.name}>
      <Text className='staff-card-title'>{latest.name}</Text>
      <Text className='staff-note'>
        {PLAN_KIND_LABELS[latest.kind]}，共 {plan.versions.length} 版
      </Text>
      {admin && (
        <Button className='big-button staff-gap' type='primary' block onClick={() => onEdit({ base: latest, mode: 'new' })}>
          新建一版
        </Button>
      )}
      <View role='list' aria-label={`${latest.name}的各版规则`}>
        {plan.versions.map((v, i) => (
          <VersionCard key={v.effectiveFrom} v={v} next={plan.versions[i - 1]} status={statusOf(v)} admin={admin} onChange={() => onEdit({ base: v, mode: 'change' })} />
        ))}
      </View>
    </View>
  )
}

/** A new version (numbers start as the base's) or a change of one not yet in force; nothing is sent until 保存. */
function RuleEditor({ editing, today, taken, onSaved, onCancel }: { editing: Editing; today: string; taken: string[]; onSaved: (r: RulesReply, saved: PlanRuleVersion) => void; onCancel: () => void }) {
  const { base, mode } = editing
  const fields = fieldsOf(base.kind)
  const [texts, setTexts] = useState(() => numberTexts(fields, (path) => valueAt(base, path)))
  const [date, setDate] = useState(mode === 'change' ? base.effectiveFrom : '')
  const { errors, top, busy, save } = useRuleSave('rule')
  const tomorrow = addDays(today, 1)
  const submit = () => save(buildVersion(base, texts, date, today, mode === 'new' ? taken : []), saveRuleVersion, onSaved)

  return (
    <View className='card editor-card'>
      <Text className='editor-card__title'>{mode === 'new' ? `新建「${base.name}」的一版` : `修改「${base.name}」${dateLabel(base.effectiveFrom)}起的一版`}</Text>
      <Text className='staff-note'>
        {mode === 'new' ? `下面的数先照抄 ${dateLabel(base.effectiveFrom)} 起的那一版，只改要变的。` : '这一版还没生效，还能改。'}
        生效以前出的事，还按原来的规则算。
      </Text>
      <FieldGroup label='生效日期' hint={`从这一天起出的事按这一版算。要选今天（${dateLabel(today)}）以后的日子。`} error={errorFor(errors, 'effectiveFrom')}>
        {mode === 'change' ? (
          <Text className='staff-para'>{dateLabel(date)}（要换日期，请新建一版）</Text>
        ) : (
          <Picker mode='date' value={date || tomorrow} start={tomorrow} disabled={busy} onChange={(e) => setDate(String(e.detail.value))}>
            <View className='date-pick' role='button' aria-label='生效日期'>
              <Text className='date-pick__value'>{date ? dateLabel(date) : '还没选'}</Text>
              <Text className='date-pick__change'>{date ? '改日期' : '选日期'}</Text>
            </View>
          </Picker>
        )}
      </FieldGroup>
      <NumberFields fields={fields} texts={texts} errors={errors} onChange={(path, text) => setTexts((t) => ({ ...t, [path]: text }))} />
      <SaveButtons
        busy={busy}
        saveText={mode === 'new' ? '保存新的一版' : '保存修改'}
        onSave={submit}
        onCancel={onCancel}
        top={top}
        errors={errors}
        shown={['effectiveFrom', ...fields.map((f) => f.path)]}
      />
    </View>
  )
}

function Rules({ admin }: { admin: boolean }) {
  const { state, reload } = useReply(aidRules)
  const [saved, setSaved] = useState<{ reply: RulesReply; text: string } | null>(null)
  const [editing, setEditingNow] = useState<Editing | null>(null)
  // the editor (and, after it, the list with the news) starts at the top of the page
  const setEditing = (e: Editing | null) => {
    setEditingNow(e)
    toTop()
  }

  if (state.status === 'error') return <ErrorBox title='没能读到互助保障的规则' error={state.error} onRetry={reload} />
  if (state.status !== 'ok') return <LoadingCard rows={4} text='正在读取互助保障的规则…' />
  const { versions, today } = saved?.reply ?? state.data
  const plans = plansOf(versions)

  if (editing) {
    const taken = versions.filter((v) => v.planId === editing.base.planId).map((v) => v.effectiveFrom)
    return (
      <RuleEditor
        key={`${editing.base.planId}_${editing.base.effectiveFrom}_${editing.mode}`}
        editing={editing}
        today={today}
        taken={taken}
        onCancel={() => setEditing(null)}
        onSaved={(reply, rule) => {
          setSaved({ reply, text: `已保存：「${rule.name}」从 ${dateLabel(rule.effectiveFrom)} 起按这一版算。` })
          setEditing(null)
        }}
      />
    )
  }

  return (
    <View>
      <View className='card'>
        <Text className='staff-card-title'>互助保障的规则</Text>
        <Text className='staff-para'>每个保障的规则按「版」记：哪天出的事，就按那天正在用的一版算钱。已经生效的版本不能再改，要改就新建一版，从以后的某一天起生效。</Text>
        {!admin && <Text className='staff-note'>只有管理员能修改。规则要变，请告诉县总工会的管理员。</Text>}
      </View>
      {saved && (
        <View className='notice notice--ok' role='status'>
          <Text>✅ {saved.text}</Text>
        </View>
      )}
      {plans.length === 0 && (
        <View className='card'>
          <Text className='staff-para'>还没有任何互助保障的规则。</Text>
        </View>
      )}
      {plans.map((p) => (
        <PlanGroup key={p.planId} plan={p} today={today} admin={admin} onEdit={setEditing} />
      ))}
    </View>
  )
}

export default function AidRulesPage() {
  return (
    <View className='page staff station-staff aid-rules'>
      <StaffGate>{(me) => <Rules admin={me.role === 'admin'} />}</StaffGate>
    </View>
  )
}
