import { useState } from 'react'
import { View, Text, Picker } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import InfoRow from '../../../../components/InfoRow'
import PhotoThumbs from '../../../../components/PhotoThumbs'
import { dateLabel, shanghaiDate } from '../../../../domain/calendar/working-days'
import type { AppError, Envelope } from '../../../../domain/envelope'
import type { ClaimReview, DecisionReply } from '../../../../domain/mutual-aid/mutual-aid.api'
import {
  CLAIM_REJECT_REASONS,
  DOC_KINDS,
  MUTUAL_AID_ERR,
  OVERRIDE_REASONS,
  PAYMENT_REF_MAX,
  type ClaimRejectReason,
  type DocKind,
  type OverrideReason,
} from '../../../../domain/mutual-aid/mutual-aid.constants'
import { overrideProblem, parseYuanToFen, yuan } from '../../../../domain/mutual-aid/mutual-aid.rules'
import { errorText } from '../../../../services/errors'
import { claimReview, decideClaim, markClaimPaid, revealBankCard } from '../../../../services/mutual-aid'
import type { Me } from '../../../../services/session'
import Alert from '../../components/Alert'
import ChoiceList, { CheckList } from '../../components/ChoiceList'
import ConfirmSheet from '../../components/ConfirmSheet'
import DecisionCard, { type Outcome } from '../../components/DecisionCard'
import FileLink from '../../components/FileLink'
import HistoryCard from '../../components/HistoryCard'
import NoteField from '../../components/NoteField'
import { LoadingCard } from '../../components/PagedList'
import ReasonPicker, { reasonProblem } from '../../components/ReasonPicker'
import StaffGate from '../../components/StaffGate'
import TextField from '../../components/TextField'
import { chinaTime } from '../../format'
import { useReply } from '../../useReply'
import { isConflict, useSubmit } from '../../useSubmit'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

type Action = ClaimReview['actions'][number]

const ACTION_ORDER: Action[] = ['check', 'approve', 'override', 'markPaid', 'ask', 'reject']
const ACTION_LABELS: Record<Action, string> = {
  check: '审核通过（交总工会）',
  approve: '批准',
  override: '改金额批准',
  markPaid: '标记已打款',
  ask: '请他补材料',
  reject: '不能补助',
}
const PRIMARY: ReadonlySet<Action> = new Set(['check', 'approve', 'markPaid'])

/** Someone else was first, or the cap/maximum moved: say so and read the claim again. */
const RELOAD_CODES = new Set<string>([
  MUTUAL_AID_ERR.STALE.code,
  MUTUAL_AID_ERR.CAP_EXCEEDED.code,
  MUTUAL_AID_ERR.ALREADY_PAID.code,
  MUTUAL_AID_ERR.OVERRIDE_TOO_HIGH.code,
])
const mustReload = (code: string) => isConflict(code) || RELOAD_CODES.has(code)

/** "尾号 1111" whether the server sends the words or only the digits. */
const tailText = (tail: string) => (/^\d+$/.test(tail) ? `尾号 ${tail}` : tail)

const isImage = (mime: string) => mime.startsWith('image/')

function Documents({ r }: { r: ClaimReview }) {
  const missing = r.assessment.missingDocuments.map((code) => DOC_KINDS.find((d) => d.code === code)?.label ?? code)
  return (
    <View className='card'>
      <Text className='staff-card-title'>交来的材料</Text>
      {r.documentFiles.length === 0 && <Text className='staff-note'>没有上传材料。</Text>}
      {r.documentFiles.map((d) => {
        const pdfs = d.files.filter((f) => !isImage(f.mime))
        return (
          <View key={d.code} className='doc-group'>
            <Text className='doc-group__title'>
              {d.label}（{d.files.length} 份）
            </Text>
            <PhotoThumbs photos={d.files.filter((f) => isImage(f.mime))} />
            {pdfs.map((f, i) => (
              <FileLink key={f.fileId} url={f.url} mime={f.mime} n={i + 1} />
            ))}
          </View>
        )
      })}
      {missing.length > 0 && (
        <View className='notice notice--bad' role='note'>
          <Text>还缺：{missing.join('、')}</Text>
        </View>
      )}
    </View>
  )
}

function Assessment({ r }: { r: ClaimReview }) {
  const a = r.assessment
  return (
    <View className='card'>
      <Text className='staff-card-title'>补助怎么算</Text>
      {a.eligible ? (
        <Text className='calc-total'>按规定能补助 {yuan(a.payoutFen)}</Text>
      ) : (
        <View>
          <Text className='calc-total calc-total--no'>按规定这次不能补助</Text>
          {a.reasons.map((why) => (
            <Text key={why} className='staff-para'>
              • {why}
            </Text>
          ))}
        </View>
      )}
      {a.steps.length > 0 && (
        <View className='calc-steps' role='list' aria-label='怎么算出来的'>
          {a.steps.map((line) => (
            <View key={line} role='listitem'>
              <Text className='calc-step'>{line}</Text>
            </View>
          ))}
        </View>
      )}
      {a.capApplied === 'per_event' && <Text className='staff-note'>已经按每次最多能补的钱封顶。</Text>}
      {a.capApplied === 'annual' && <Text className='staff-note'>已经按他今年剩下的额度封顶。</Text>}
      {r.approvedFen === null && a.payoutFen !== r.computedFen && (
        <Text className='staff-note'>交申请时算的是 {yuan(r.computedFen)}，上面是按现在的额度重新算的。</Text>
      )}
      {r.approvedFen !== null && <InfoRow label='已批准' value={yuan(r.approvedFen)} />}
      <InfoRow label='这次最多能批' value={yuan(a.maxFen)} />
      <InfoRow label='他今年还剩的额度' value={yuan(a.annualRemainingFen)} />
      <InfoRow label='保障情况' value={a.coverageText} />
      <View className={a.window.warn || !a.window.open ? 'notice' : 'calc-window'}>
        <Text>
          {a.window.warn || !a.window.open ? '⚠ ' : ''}申请期限：{a.window.text}
        </Text>
      </View>
    </View>
  )
}

/** Tail only; the federation may see the whole number (recorded on the server) to pay. */
function BankCard({ r, mayReveal }: { r: ClaimReview; mayReveal: boolean }) {
  const [card, setCard] = useState<string | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const { busy, run } = useSubmit()
  const reveal = async () => {
    setError(null)
    const reply = await run(() => revealBankCard(r.id))
    if (!reply) return
    if (reply.ok) setCard(reply.data.bankCard)
    else setError(reply.error)
  }
  return (
    <View className='card'>
      <Text className='staff-card-title'>补助打到哪张卡</Text>
      <InfoRow label='银行卡' value={card ?? tailText(r.bankCardTail)} />
      {mayReveal && !card && (
        <Button className='big-button staff-gap' block disabled={busy} onClick={reveal}>
          {busy ? '正在读取…' : '查看完整卡号'}
        </Button>
      )}
      {mayReveal && <Text className='staff-note'>{card ? '已经记下你查看了完整卡号。' : '看完整卡号会记下是谁、什么时候看的。只在打款核对时看。'}</Text>}
      {error && <Alert text={errorText(error)} />}
    </View>
  )
}

/** What the worker said happened, as the server words it (the plan and the event date under their own names: 入院日期, 确诊日期 …). */
function Facts({ r }: { r: ClaimReview }) {
  return (
    <View className='card'>
      <Text className='staff-card-title'>申请的情况</Text>
      {r.facts.map((f) => (
        <InfoRow key={f.label} label={f.label} value={f.value} />
      ))}
    </View>
  )
}

const overrideChoices = OVERRIDE_REASONS.map((o) => ({ value: o.code, label: o.label }))

interface SheetProps {
  r: ClaimReview
  action: Action
  onClose: () => void
  /** A success (with its words), or a reply that means the claim must be read again. */
  onReply: (reply: Envelope<DecisionReply>, doneTitle: string) => void
}

function DecideSheet({ r, action, onClose, onReply }: SheetProps) {
  const a = r.assessment
  const today = shanghaiDate(new Date())
  const submitted = shanghaiDate(new Date(r.submittedAt))
  const [items, setItems] = useState<string[]>(a.missingDocuments)
  const [reason, setReason] = useState<string | null>(action === 'reject' ? a.refusal : null)
  const [amount, setAmount] = useState('')
  const [ref, setRef] = useState('')
  const [paidDate, setPaidDate] = useState(today)
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)
  const { busy, run } = useSubmit()
  const canApprove = a.eligible && a.payoutFen > 0

  // The plan's own documents first (with how many came), then the rest.
  const needed = a.documents.map((d) => ({ value: d.code, label: d.label, hint: d.provided > 0 ? `这个保障要的 · 已交 ${d.provided} 份` : '这个保障要的 · 还没交' }))
  const docChoices = [...needed, ...DOC_KINDS.filter((d) => !a.documents.some((x) => x.code === d.code)).map((d) => ({ value: d.code, label: d.label }))]

  /** The amount typed for an override, in fen, or the sentence saying what is wrong with it. */
  const overrideFen = (): { fen: number } | { problem: string } => {
    const parsed = parseYuanToFen(amount)
    if (!parsed.ok) return { problem: parsed.message }
    const problem = overrideProblem(parsed.fen, a)
    return problem ? { problem } : { fen: parsed.fen }
  }

  const problem = (): string | null => {
    if (action === 'ask' && items.length === 0) return '请至少选一样材料，让他知道要补什么'
    if (action === 'reject') return reasonProblem(reason, note)
    if (action === 'override') {
      const fen = overrideFen()
      if ('problem' in fen) return fen.problem
      if (!reason) return '请选为什么改金额'
      if (reason === 'other' && !note.trim()) return '选了「其他原因」，请写一句说明'
    }
    if (action === 'markPaid') {
      if (ref.trim().length < 4) return '请填转账流水号（至少 4 位），在银行回单上'
      if (paidDate > today) return '打款日期不能晚于今天'
      if (paidDate < submitted) return '打款日期不能早于申请日期，请核对'
    }
    return null
  }

  const send = (overrideAmount: number): Promise<Envelope<DecisionReply>> => {
    const base = { id: r.id, version: r.version, note }
    switch (action) {
      case 'markPaid':
        return markClaimPaid(r.id, r.version, ref.trim(), paidDate)
      case 'override':
        return decideClaim({ ...base, decision: 'override', amountFen: overrideAmount, overrideReason: reason as OverrideReason })
      case 'reject':
        return decideClaim({ ...base, decision: 'reject', rejectReason: reason as ClaimRejectReason })
      case 'ask':
        return decideClaim({ ...base, decision: 'ask', items: items as DocKind[] })
      default:
        return decideClaim({ ...base, decision: action })
    }
  }

  const confirm = async () => {
    const p = problem()
    if (p) {
      setError(p)
      return
    }
    setError(null)
    const typed = overrideFen()
    const overrideAmount = 'fen' in typed ? typed.fen : 0
    const reply = await run(() => send(overrideAmount))
    if (!reply) return
    if (!reply.ok && !mustReload(reply.error.code)) {
      setError([...new Set([errorText(reply.error), ...Object.values(reply.error.fieldErrors ?? {})])].join('\n'))
      return
    }
    const approved = (reply.ok ? reply.data.approvedFen : undefined) ?? (action === 'override' ? overrideAmount : a.payoutFen)
    const titles: Record<Action, string> = {
      check: '已核对，交给总工会审批金额',
      ask: '已请他补材料，他补好后会回到待处理',
      reject: '已告诉他不能补助、原因和下一步怎么办',
      approve: `已批准 ${yuan(approved)}，等待打款`,
      override: `已批准 ${yuan(approved)}，等待打款`,
      markPaid: '已记下打款，他会看到“已打款”',
    }
    onReply(reply, titles[action])
  }

  const sheet: Record<Action, { title: string; confirm: string }> = {
    check: { title: '材料核对过了，交给总工会？', confirm: '交给总工会' },
    ask: { title: '请他补什么材料？', confirm: '发给他' },
    reject: { title: '为什么不能补助？', confirm: '确认不能补助' },
    approve: { title: `批准补助 ${yuan(a.payoutFen)}？`, confirm: '批准' },
    override: { title: '改金额批准', confirm: '按这个金额批准' },
    markPaid: { title: '记下打款', confirm: '确认已打款' },
  }

  return (
    <ConfirmSheet
      title={sheet[action].title}
      confirmText={sheet[action].confirm}
      cancelText='先不办'
      busy={busy}
      confirmDisabled={action === 'approve' && !canApprove}
      onConfirm={confirm}
      onCancel={onClose}
    >
      {action === 'check' && (
        <View>
          <Text className='staff-para'>材料齐全、和实际情况对得上，就交给县总工会审批金额。</Text>
          <NoteField label='说明（可以不写，申请人也能看到）' value={note} onChange={setNote} placeholder='比如：发票原件看过了' />
        </View>
      )}
      {action === 'ask' && (
        <View>
          <Text className='staff-para'>他会看到你选的这几样，补好后重新交。还缺的已经帮你选上了。</Text>
          <CheckList label='要补的材料' choices={docChoices} values={items} onChange={setItems} />
          <NoteField label='还想对他说的（可以不写）' value={note} onChange={setNote} placeholder='比如：发票要拍清楚金额' />
        </View>
      )}
      {action === 'reject' && (
        <ReasonPicker label='不能补助的原因' reasons={CLAIM_REJECT_REASONS} value={reason} onChange={setReason} note={note} onNote={setNote} />
      )}
      {action === 'approve' && (
        <View>
          {a.steps.map((line) => (
            <Text key={line} className='calc-step'>
              {line}
            </Text>
          ))}
          {canApprove ? (
            <Text className='staff-para'>批准后记入他今年的额度（批准前还剩 {yuan(a.annualRemainingFen)}），然后等打款。不会通知他的单位。</Text>
          ) : (
            <Alert text={`按规定这次不能补助：${a.reasons.join('；') || '算出来是 0 元'}。请用「不能补助」告诉他原因。`} />
          )}
        </View>
      )}
      {action === 'override' && (
        <View>
          <TextField
            label='批准多少钱（元）'
            hint={`最多 ${yuan(a.maxFen)}；按规定算的是 ${yuan(a.payoutFen)}`}
            value={amount}
            maxlength={14}
            type='digit'
            placeholder='比如 4000 或 4000.50'
            onChange={setAmount}
          />
          <Text className='field-label'>为什么改金额</Text>
          <ChoiceList label='为什么改金额' choices={overrideChoices} value={reason} onChange={setReason} />
          <NoteField label={reason === 'other' ? '说明（他也会看到）' : '说明（可以不写，他也会看到）'} value={note} onChange={setNote} />
        </View>
      )}
      {action === 'markPaid' && (
        <View>
          <Text className='staff-para'>
            打款 {yuan(r.approvedFen ?? 0)}，打到{tailText(r.bankCardTail)} 的卡。
          </Text>
          <TextField label='转账流水号' hint='在银行回单上' value={ref} maxlength={PAYMENT_REF_MAX} onChange={setRef} />
          <View className='field'>
            <Text className='field-label'>打款日期</Text>
            <Picker mode='date' value={paidDate} start={submitted} end={today} onChange={(e) => setPaidDate(String(e.detail.value))}>
              <View className='date-pick' role='button' aria-label='打款日期'>
                <Text className='date-pick__value'>{dateLabel(paidDate)}</Text>
                <Text className='date-pick__change'>改日期</Text>
              </View>
            </Picker>
          </View>
        </View>
      )}
      {error && <Alert text={error} />}
    </ConfirmSheet>
  )
}

/** What the buttons would say when there is nothing for this staff member to do. */
function idleText(r: ClaimReview): string {
  if (r.state === 'needs_docs') return '正在等他补材料，补好后会回到待处理。'
  if (r.state === 'grassroots_checked') return '材料已经核对过了，正在等总工会审批金额。'
  if (r.state === 'approved') return '已经批准了，正在等总工会打款。'
  if (r.state === 'submitted') return '正在等基层工会核对材料。'
  return `这份申请已经办完了：${r.stateLabel}。`
}

function Review({ id, me }: { id: string; me: Me }) {
  const { state, reload } = useReply(() => claimReview(id))
  const [acting, setActing] = useState<Action | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  if (state.status === 'error') return <ErrorBox title='没能读到这份申请' error={state.error} onRetry={reload} />
  if (state.status !== 'ok') return <LoadingCard rows={5} text='正在读取申请…' />
  const r = state.data

  const onReply = (reply: Envelope<DecisionReply>, title: string) => {
    setActing(null)
    setOutcome(reply.ok ? { kind: 'done', title } : { kind: 'conflict', text: errorText(reply.error) })
    reload()
  }

  return (
    <View>
      <View className='card'>
        <Text className='review-head__name'>{r.name}</Text>
        <Text className='staff-para'>身份证 {r.maskedIdNumber}</Text>
        <Text className='staff-para'>{r.orgName}</Text>
        <Text className='staff-para'>
          {chinaTime(r.submittedAt)} 申请 · {r.stateLabel}
        </Text>
      </View>
      <Facts r={r} />
      <Assessment r={r} />
      <Documents r={r} />
      <BankCard r={r} mayReveal={me.role === 'federation_staff' || me.role === 'admin'} />
      <HistoryCard steps={r.history} />
      <DecisionCard
        buttons={ACTION_ORDER.filter((x) => r.actions.includes(x)).map((x) => ({
          value: x,
          label: x === 'approve' && r.assessment.payoutFen > 0 ? `批准 ${yuan(r.assessment.payoutFen)}` : ACTION_LABELS[x],
          primary: PRIMARY.has(x),
        }))}
        outcome={outcome}
        idleText={idleText(r)}
        onAct={(x) => {
          setOutcome(null)
          setActing(x)
        }}
      />
      {acting && <DecideSheet r={r} action={acting} onClose={() => setActing(null)} onReply={onReply} />}
    </View>
  )
}

export default function AidReviewPage() {
  const { params } = useRouter()
  return (
    <View className='page staff station-staff aid-review'>
      <StaffGate>{(me) => <Review id={params.id ?? ''} me={me} />}</StaffGate>
    </View>
  )
}
