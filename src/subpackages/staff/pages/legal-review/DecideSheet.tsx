import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import type { Envelope, FieldErrors } from '../../../../domain/envelope'
import type { CaseDecision, CaseDecisionInput, CaseReview, DecisionReply } from '../../../../domain/legal-aid/legal-aid.api'
import {
  acceptInput,
  askInput,
  assignInput,
  declineInput,
  DECLINE_REASONS,
  handoverInput,
  HELP_FORMS,
  HELPER_KIND_LABELS,
  HELPER_KINDS,
  HELPER_ORG_MAX,
  INFO_ITEMS,
  NOTE_MAX,
  OUTCOME_KIND_LABELS,
  OUTCOME_KINDS,
  outcomeInput,
  PROGRESS_NOTE_MAX,
  progressInput,
  REFERRALS,
} from '../../../../domain/legal-aid/legal-aid.schema'
import { parseYuanToFen, yuan } from '../../../../domain/mutual-aid/mutual-aid.rules'
import { toFieldErrors } from '../../../../domain/validation'
import type * as z from '../../../../domain/zod'
import { errorText } from '../../../../services/errors'
import { errorFor, formErrors } from '../../../../services/forms'
import { decideCase } from '../../../../services/legal-aid'
import Alert from '../../components/Alert'
import ChoiceList, { CheckList } from '../../components/ChoiceList'
import ConfirmSheet from '../../components/ConfirmSheet'
import NoteField from '../../components/NoteField'
import ReasonPicker from '../../components/ReasonPicker'
import TextField, { FieldGroup, TextArea } from '../../components/TextField'
import { isConflict, useSubmit } from '../../useSubmit'

interface HelperForm {
  kind: string | null
  name: string
  phone: string
  org: string
}

/** Everything any of the sheets asks; each action reads its part. */
export interface DecideForm {
  items: string[]
  helpForms: string[]
  /** Accept: name the helper now. */
  helperNow: boolean
  helper: HelperForm
  reason: string | null
  /** Null: the reason's own referral. */
  referral: string | null
  toOrgId: string | null
  note: string
  progress: string
  kind: string | null
  /** Yuan as typed. */
  recovered: string
  workers: string
}

export const emptyForm = (r: Pick<CaseReview, 'workersAffected'>): DecideForm => ({
  items: [],
  helpForms: [],
  helperNow: false,
  helper: { kind: null, name: '', phone: '', org: '' },
  reason: null,
  referral: null,
  toOrgId: null,
  note: '',
  progress: '',
  kind: null,
  recovered: '',
  workers: String(r.workersAffected),
})

type Built = { ok: true; step: CaseDecisionInput } | { ok: false; errors: FieldErrors }

const blank = (s: string): string | undefined => s.trim() || undefined
const helperOf = (h: HelperForm) => ({ kind: h.kind ?? undefined, name: h.name, phone: h.phone, org: blank(h.org) })
const defaultReferral = (reason: string | null) => DECLINE_REASONS.find((d) => d.code === reason)?.referral ?? null

function parse<S extends z.ZodMiniType>(schema: S, raw: unknown, step: (data: z.output<S>) => CaseDecisionInput): Built {
  const p = schema.safeParse(raw)
  return p.success ? { ok: true, step: step(p.data) } : { ok: false, errors: toFieldErrors(p.error) }
}

/** The step to send, checked with the contract's own inputs (the same messages the server would give). */
export function buildStep(action: CaseDecision, f: DecideForm): Built {
  const note = blank(f.note)
  switch (action) {
    case 'startReview':
      return { ok: true, step: { decision: 'startReview' } }
    case 'ask':
      return parse(askInput, { items: f.items, note }, (input) => ({ decision: 'ask', input }))
    case 'accept':
      return parse(acceptInput, { helpForms: f.helpForms, helper: f.helperNow ? helperOf(f.helper) : undefined, note }, (input) => ({ decision: 'accept', input }))
    case 'decline':
      return parse(declineInput, { reason: f.reason ?? undefined, referral: f.referral ?? defaultReferral(f.reason) ?? undefined, note }, (input) => ({ decision: 'decline', input }))
    case 'assign':
      return parse(assignInput, { helper: helperOf(f.helper), note }, (input) => ({ decision: 'assign', input }))
    case 'handover':
      // The contract's own message for a missing id speaks of 编号; say which choice is missing.
      if (!f.toOrgId) return { ok: false, errors: { toOrgId: '请选要转给哪个工会' } }
      return parse(handoverInput, { toOrgId: f.toOrgId, note }, (input) => ({ decision: 'handover', input }))
    case 'progress':
      return parse(progressInput, { note: f.progress }, (input) => ({ decision: 'progress', input }))
    case 'close': {
      const workersHelped = f.workers.trim() === '' ? undefined : Number(f.workers.trim())
      return parse(outcomeInput, { kind: f.kind ?? undefined, recovered: f.recovered, workersHelped, note }, ({ recoveredFen, ...o }) => ({
        decision: 'close',
        input: { ...o, recovered: recoveredFen },
      }))
    }
  }
}

/** What the staff member reads after a success. */
export function doneTitle(step: CaseDecisionInput, r: CaseReview): string {
  switch (step.decision) {
    case 'startReview':
      return '已开始审核，他会看到「工会正在审核」'
    case 'ask':
      return '已请他补充，他补好后会回到待审核'
    case 'accept': {
      const h = step.input.helper
      return h ? `已受理，由${HELPER_KIND_LABELS[h.kind]} ${h.name} 帮他办` : '已受理。请尽快指派帮忙的人'
    }
    case 'decline':
      return '已告诉他不受理的原因和可以去哪里'
    case 'assign':
      return `已指派${HELPER_KIND_LABELS[step.input.helper.kind]} ${step.input.helper.name}，他能看到名字和电话`
    case 'handover':
      return `已转给「${r.handoverTargets.find((t) => t.id === step.input.toOrgId)?.name ?? '别的工会'}」办理`
    case 'progress':
      return '已记下进展，他能看到'
    case 'close': {
      const fen = typeof step.input.recovered === 'number' ? step.input.recovered : 0
      return `已办结：${OUTCOME_KIND_LABELS[step.input.kind]}，追回 ${yuan(fen)}，帮了 ${step.input.workersHelped} 个人`
    }
  }
}

const SHEETS: Record<CaseDecision, { title: string; confirm: string }> = {
  startReview: { title: '开始审核这件求助？', confirm: '开始审核' },
  ask: { title: '请他补充什么？', confirm: '发给他' },
  accept: { title: '受理这件求助', confirm: '受理' },
  decline: { title: '为什么不受理？', confirm: '确认不受理' },
  assign: { title: '谁来帮他？', confirm: '指派' },
  handover: { title: '转给别的工会', confirm: '转过去' },
  progress: { title: '记一条进展', confirm: '记下' },
  close: { title: '办结这件求助', confirm: '办结' },
}

const infoChoices = INFO_ITEMS.map((i) => ({ value: i.code, label: i.label }))
const helpChoices = HELP_FORMS.map((h) => ({ value: h.code, label: h.label }))
const kindChoices = HELPER_KINDS.map((k) => ({ value: k.code, label: k.label }))
const outcomeChoices = OUTCOME_KINDS.map((o) => ({ value: o.code, label: o.label }))
const whenChoices = [
  { value: 'later', label: '先受理，稍后再指派' },
  { value: 'now', label: '现在就指派帮忙的人' },
]

function HelperFields({ h, onChange, errors }: { h: HelperForm; onChange: (h: HelperForm) => void; errors: Partial<Record<keyof HelperForm, string>> }) {
  const set = (patch: Partial<HelperForm>) => onChange({ ...h, ...patch })
  return (
    <View>
      <FieldGroup label='帮忙的人是' error={errors.kind}>
        <ChoiceList label='帮忙的人是' choices={kindChoices} value={h.kind} onChange={(kind) => set({ kind })} />
      </FieldGroup>
      <TextField label='姓名' value={h.name} maxlength={20} error={errors.name} onChange={(name) => set({ name })} />
      <TextField label='工作电话' hint='他会看到这个电话。填手机号，或带区号的座机。' value={h.phone} maxlength={20} error={errors.phone} onChange={(phone) => set({ phone })} />
      <TextField label='单位（可以不写）' hint='律师事务所或工会的名字' value={h.org} maxlength={HELPER_ORG_MAX} error={errors.org} onChange={(org) => set({ org })} />
    </View>
  )
}

interface Props {
  r: CaseReview
  action: CaseDecision
  onClose: () => void
  /** A success (with its words), or someone else was first (REQUEST.ALREADY_DECIDED / STALE). */
  onReply: (reply: Envelope<DecisionReply>, doneTitle: string) => void
}

/** One decision: its questions, checked before sending; one send at a time. */
export default function DecideSheet({ r, action, onClose, onReply }: Props) {
  const [f, setForm] = useState<DecideForm>(() => emptyForm(r))
  const [errors, setErrors] = useState<FieldErrors>({})
  const { busy, run } = useSubmit()
  const set = (patch: Partial<DecideForm>) => setForm((old) => ({ ...old, ...patch }))

  // Field problems are shown where they belong; whatever no field shows goes under the sheet.
  const shown: string[] = []
  const err = (key: string) => {
    shown.push(key)
    return errorFor(errors, key)
  }
  const helperErrors = () => ({ kind: err('helper.kind'), name: err('helper.name'), phone: err('helper.phone'), org: err('helper.org') })

  const confirm = async () => {
    const built = buildStep(action, f)
    if (!built.ok) {
      setErrors(built.errors)
      return
    }
    setErrors({})
    const reply = await run(() => decideCase(r.id, r.version, built.step))
    if (!reply) return
    if (!reply.ok && !isConflict(reply.error.code)) {
      setErrors({ ...formErrors(reply.error.fieldErrors, 'step.input'), _: errorText(reply.error) })
      return
    }
    onReply(reply, doneTitle(built.step, r))
  }

  const chosenReferral = f.referral ?? defaultReferral(f.reason)
  const recoveredFen = parseYuanToFen(f.recovered)
  const noteField = (label: string, placeholder?: string) => <NoteField label={label} value={f.note} maxlength={NOTE_MAX} placeholder={placeholder} error={err('note')} onChange={(note) => set({ note })} />

  const body = (
    <View>
      {action === 'startReview' && <Text className='staff-para'>他会看到「工会正在审核」。看完材料后，再决定受理、请他补充或者不受理。</Text>}
      {action === 'ask' && (
        <View>
          <Text className='staff-para'>他会看到你选的这几项，补好后重新交。等他的日子不算在审核期限里。</Text>
          <FieldGroup label='要补充的（可以选多项）' error={err('items')}>
            <CheckList label='要补充的' choices={infoChoices} values={f.items} onChange={(items) => set({ items })} />
          </FieldGroup>
          {noteField('还想对他说的（可以不写）', '比如：工资条拍清楚月份和金额')}
        </View>
      )}
      {action === 'accept' && (
        <View>
          <FieldGroup label='怎么帮他（可以选多项）' error={err('helpForms')}>
            <CheckList label='怎么帮他' choices={helpChoices} values={f.helpForms} onChange={(helpForms) => set({ helpForms })} />
          </FieldGroup>
          <FieldGroup label='谁来帮他'>
            <ChoiceList label='什么时候指派' choices={whenChoices} value={f.helperNow ? 'now' : 'later'} onChange={(v) => set({ helperNow: v === 'now' })} />
          </FieldGroup>
          {f.helperNow && <HelperFields h={f.helper} onChange={(helper) => set({ helper })} errors={helperErrors()} />}
          {noteField('写给他的话（可以不写）')}
        </View>
      )}
      {action === 'decline' && (
        <View>
          <ReasonPicker
            label='不受理的原因'
            reasons={DECLINE_REASONS}
            value={f.reason}
            onChange={(reason) => set({ reason, referral: null })}
            note={f.note}
            onNote={(note) => set({ note })}
            error={err('reason')}
            noteError={err('note')}
          />
          <FieldGroup label='建议他去哪里' hint={f.reason ? '已经按原因选好了，可以改。他会看到电话和怎么去办。' : '先选原因，会按原因帮你选好。'} error={err('referral')}>
            <ChoiceList
              label='建议他去哪里'
              choices={REFERRALS.map((x) => ({ value: x.code, label: x.phone ? `${x.label} ${x.phone}` : x.label, hint: x.code === defaultReferral(f.reason) ? `这个原因通常建议去这里。${x.how}` : x.how }))}
              value={chosenReferral}
              onChange={(referral) => set({ referral })}
            />
          </FieldGroup>
        </View>
      )}
      {action === 'assign' && (
        <View>
          <Text className='staff-para'>{r.helper ? `现在是${r.helper.kindLabel} ${r.helper.name}。改派后，他会看到新的名字和电话。` : '他会看到帮忙的人的名字和电话。'}</Text>
          <HelperFields h={f.helper} onChange={(helper) => set({ helper })} errors={helperErrors()} />
          {noteField('说明（可以不写，他也会看到）')}
        </View>
      )}
      {action === 'handover' && (
        <View>
          <View className='notice'>
            <Text>异地协作：他在外地打工，单位在哪里，就转给那里的工会，由他们就近帮他（当地受理、异地援助）。转过去后由那个工会办理、联系他，办理期限重新算；你这里可能就看不到这件了。</Text>
          </View>
          {r.handoverTargets.length === 0 ? (
            <Text className='staff-note'>没有可以转交的工会。请打 12351 问一问县总工会。</Text>
          ) : (
            <FieldGroup label='转给哪个工会' error={err('toOrgId')}>
              <ChoiceList label='转给哪个工会' choices={r.handoverTargets.map((t) => ({ value: t.id, label: t.name, hint: t.kindLabel }))} value={f.toOrgId} onChange={(toOrgId) => set({ toOrgId })} />
            </FieldGroup>
          )}
          {noteField('转的原因（可以不写）', '比如：单位在上海松江，请上海服务站帮忙')}
        </View>
      )}
      {action === 'progress' && (
        <View>
          <Text className='staff-para'>他能看到这条进展。写清楚做了什么、下一步是什么。</Text>
          <TextArea label='进展' value={f.progress} maxlength={PROGRESS_NOTE_MAX} error={err('note')} onChange={(progress) => set({ progress })} />
        </View>
      )}
      {action === 'close' && (
        <View>
          <FieldGroup label='怎么办结的' error={err('kind')}>
            <ChoiceList label='怎么办结的' choices={outcomeChoices} value={f.kind} onChange={(kind) => set({ kind })} />
          </FieldGroup>
          <TextField
            label='追回了多少钱（元）'
            hint={recoveredFen.ok ? `就是 ${yuan(recoveredFen.fen)}。所有工友一共追回的。` : '所有工友一共追回的；没追回就填 0'}
            value={f.recovered}
            maxlength={14}
            type='digit'
            placeholder='比如 12000 或 12000.50'
            error={err('recovered')}
            onChange={(recovered) => set({ recovered })}
          />
          <TextField label='帮了几个人' hint='拿回钱或办成事的工友人数' value={f.workers} maxlength={5} type='number' error={err('workersHelped')} onChange={(workers) => set({ workers })} />
          {noteField('说明（可以不写，他也会看到）', '比如：仲裁调解，单位当场付清')}
        </View>
      )}
    </View>
  )
  const rest = Object.entries(errors).filter(([k]) => !shown.some((s) => k === s || k.startsWith(`${s}.`)))
  const unseen = rest.length > 0 ? [...new Set(rest.map(([, v]) => v))].join('\n') : Object.keys(errors).length > 0 ? '有填得不对的地方，请看上面的红字' : null

  return (
    <ConfirmSheet
      title={action === 'assign' && r.helper ? '改派帮忙的人' : SHEETS[action].title}
      confirmText={SHEETS[action].confirm}
      cancelText='先不办'
      busy={busy}
      confirmDisabled={action === 'handover' && r.handoverTargets.length === 0}
      onConfirm={confirm}
      onCancel={onClose}
    >
      {body}
      {unseen && <Alert text={unseen} />}
    </ConfirmSheet>
  )
}
