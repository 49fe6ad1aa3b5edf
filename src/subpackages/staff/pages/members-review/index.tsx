import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import InfoRow from '../../../../components/InfoRow'
import PhotoThumbs from '../../../../components/PhotoThumbs'
import { INFO_ITEMS, REJECT_REASONS, type InfoItem, type RejectReason } from '../../../../domain/membership/membership.constants'
import type { ApplicationDetail, DecisionReply } from '../../../../domain/membership/membership.schema'
import type { AppError, Envelope } from '../../../../domain/envelope'
import { errorText } from '../../../../services/errors'
import { applicationDetail, decideApplication, reassignApplication, revealContact } from '../../../../services/membership'
import { callPhone } from '../../../../services/stations'
import Alert from '../../components/Alert'
import ChoiceList, { CheckList } from '../../components/ChoiceList'
import ConfirmSheet from '../../components/ConfirmSheet'
import DecisionCard, { type Outcome } from '../../components/DecisionCard'
import HistoryCard from '../../components/HistoryCard'
import NoteField from '../../components/NoteField'
import { LoadingCard } from '../../components/PagedList'
import ReasonPicker, { reasonProblem } from '../../components/ReasonPicker'
import { DueLine, MigrantBadge } from '../../components/MemberBits'
import StaffGate from '../../components/StaffGate'
import { chinaTime } from '../../format'
import { useReply } from '../../useReply'
import { isConflict, useSubmit } from '../../useSubmit'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

type Action = ApplicationDetail['actions'][number]

const ACTION_LABELS: Record<Action, string> = { approve: '批准入会', ask: '请他补充', reject: '不通过', reassign: '转给别的工会' }
const ACTION_ORDER: Action[] = ['approve', 'ask', 'reject', 'reassign']
const infoChoices = INFO_ITEMS.map((i) => ({ value: i.code, label: i.label }))

/** Full number on request: the view is recorded on the server; then the phone dials it. */
function Contact({ a }: { a: ApplicationDetail }) {
  const [phone, setPhone] = useState<string | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const { busy, run } = useSubmit()
  const reveal = async () => {
    setError(null)
    const r = await run(() => revealContact(a.id))
    if (!r) return
    if (!r.ok) {
      setError(r.error)
      return
    }
    setPhone(r.data.phone)
    callPhone(r.data.phone)
  }
  return (
    <View className='review-contact'>
      <InfoRow label='手机' value={phone ?? a.maskedPhone} />
      <Button className='big-button' block disabled={busy} onClick={phone ? () => callPhone(phone) : reveal}>
        {busy ? '正在读取…' : phone ? `📞 再拨一次 ${phone}` : '📞 查看完整号码并拨打'}
      </Button>
      <Text className='staff-note'>看完整号码会记下是谁、什么时候看的。只在需要联系本人时用，不要告诉他的单位。</Text>
      {error && <Alert text={errorText(error)} />}
    </View>
  )
}

function Facts({ a }: { a: ApplicationDetail }) {
  const where = [a.employerDistrict, a.employerAddress].filter(Boolean).join(' ')
  const workPlace = a.workCity ? `${a.workPlaceLabel}（${a.workCity}）` : a.workPlaceLabel
  return (
    <View>
      <View className='card'>
        <Text className='staff-card-title'>本人</Text>
        <InfoRow label='姓名' value={a.name} />
        <InfoRow label='身份证号' value={a.maskedIdNumber} />
        <InfoRow label='年龄' value={`${a.age} 岁`} />
        <InfoRow label='性别' value={a.sexLabel} />
        <InfoRow label='收入' value={a.incomeSourceLabel} />
        <Contact a={a} />
      </View>
      <View className='card'>
        <Text className='staff-card-title'>工作</Text>
        <InfoRow label='单位' value={a.employerName} />
        {where && <InfoRow label='单位地址' value={where} />}
        <InfoRow label='用工方式' value={a.employmentTypeLabel} />
        {a.platformLabel && <InfoRow label='平台' value={a.platformLabel} />}
        <InfoRow label='做什么工作' value={a.occupation} />
        <InfoRow label='在哪里工作' value={workPlace} />
        {a.remoteUnionLabel && <InfoRow label='想由谁办理' value={a.remoteUnionLabel} />}
      </View>
      <View className='card'>
        <Text className='staff-card-title'>为什么交给「{a.orgName}」</Text>
        <Text className='staff-para'>{a.routeWhy}</Text>
      </View>
      {a.askedItems.length > 0 && (
        <View className='card'>
          <Text className='staff-card-title'>已经请他补充</Text>
          {a.askedItems.map((i) => (
            <Text key={i.code} className='staff-para'>
              • {i.label}
            </Text>
          ))}
          {a.askNote && <Text className='staff-note'>说明：{a.askNote}</Text>}
        </View>
      )}
      <View className='card'>
        <Text className='staff-card-title'>证明照片</Text>
        {a.proofPhotos.length > 0 ? <PhotoThumbs photos={a.proofPhotos} /> : <Text className='staff-note'>没有上传照片。</Text>}
      </View>
      <HistoryCard steps={a.history} />
    </View>
  )
}

interface SheetProps {
  a: ApplicationDetail
  onClose: () => void
  /** A success, or someone else was first (REQUEST.ALREADY_DECIDED / STALE). */
  onReply: (reply: Envelope<DecisionReply>, doneTitle: string) => void
}

function DecideSheet({ a, action, onClose, onReply }: SheetProps & { action: Action }) {
  const [items, setItems] = useState<string[]>([])
  const [reason, setReason] = useState<RejectReason | null>(null)
  const [target, setTarget] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)
  const { busy, run } = useSubmit()
  const targetName = a.reassignTargets.find((t) => t.id === target)?.name

  const missing = (): string | null => {
    if (action === 'ask' && items.length === 0) return '请至少选一项，让他知道要补充什么'
    if (action === 'reject') return reasonProblem(reason, note)
    if (action === 'reassign' && !target) return '请选一个工会'
    return null
  }

  const confirm = async () => {
    const problem = missing()
    if (problem) {
      setError(problem)
      return
    }
    setError(null)
    const reply = await run(() =>
      action === 'reassign'
        ? reassignApplication(a.id, a.version, target as string, note)
        : decideApplication({ id: a.id, version: a.version, decision: action, reason: reason ?? undefined, items: items as InfoItem[], note }),
    )
    if (!reply) return
    if (!reply.ok && !isConflict(reply.error.code)) {
      setError(errorText(reply.error))
      return
    }
    const titles: Record<Action, string> = {
      approve: `已批准 ${a.name} 入会`,
      ask: '已请他补充材料，他补好后会回到待处理',
      reject: '已告诉他没有通过和原因',
      reassign: `已转给「${targetName ?? ''}」办理`,
    }
    onReply(reply, titles[action])
  }

  const sheet = {
    approve: { title: `批准 ${a.name} 入会？`, confirm: '批准入会' },
    ask: { title: '请他补充什么？', confirm: '发给他' },
    reject: { title: '为什么不通过？', confirm: '确认不通过' },
    reassign: { title: '转给哪个工会？', confirm: '转过去' },
  }[action]

  return (
    <ConfirmSheet title={sheet.title} confirmText={sheet.confirm} cancelText='先不办' busy={busy} onConfirm={confirm} onCancel={onClose}>
      {action === 'approve' && <Text className='staff-para'>批准后他就有了会员证和会员号，在小程序里就能看到。不会通知他的单位。</Text>}
      {action === 'ask' && (
        <View>
          <Text className='staff-para'>他会看到你选的这几项，补好后重新交。可以选多项。</Text>
          <CheckList label='要补充的材料' choices={infoChoices} values={items} onChange={setItems} />
          <NoteField label='还想对他说的（可以不写）' value={note} onChange={setNote} placeholder='比如：工牌要拍清楚名字' />
        </View>
      )}
      {action === 'reject' && (
        <ReasonPicker label='不通过的原因' reasons={REJECT_REASONS} value={reason} onChange={(v) => setReason(v as RejectReason)} note={note} onNote={setNote} />
      )}
      {action === 'reassign' && (
        <View>
          <Text className='staff-para'>交错了工会时用。转过去后，由那个工会重新开始算期限。</Text>
          {a.reassignTargets.length === 0 ? (
            <Text className='staff-note'>没有可以转的工会。</Text>
          ) : (
            <ChoiceList label='转给哪个工会' choices={a.reassignTargets.map((t) => ({ value: t.id, label: t.name, hint: t.kindLabel }))} value={target} onChange={setTarget} />
          )}
          <NoteField label='转的原因（可以不写）' value={note} onChange={setNote} placeholder='比如：他的单位在建材城' />
        </View>
      )}
      {error && <Alert text={error} />}
    </ConfirmSheet>
  )
}

function Review({ id }: { id: string }) {
  const { state, reload } = useReply(() => applicationDetail(id))
  const [acting, setActing] = useState<Action | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [memberNo, setMemberNo] = useState<string | undefined>()

  if (state.status === 'error') return <ErrorBox title='没能读到这份申请' error={state.error} onRetry={reload} />
  if (state.status !== 'ok') return <LoadingCard rows={5} text='正在读取申请…' />
  const a = state.data

  const onReply = (reply: Envelope<DecisionReply>, title: string) => {
    setActing(null)
    setOutcome(reply.ok ? { kind: 'done', title } : { kind: 'conflict', text: errorText(reply.error) })
    setMemberNo(reply.ok ? reply.data.memberNo : undefined)
    reload()
  }

  return (
    <View>
      <View className='card'>
        <View className='review-head'>
          <Text className='review-head__name'>{a.name}</Text>
          <MigrantBadge show={a.migrant} />
        </View>
        <Text className='staff-para'>
          {chinaTime(a.submittedAt)} 申请 · {a.stateLabel}
        </Text>
        <DueLine dueText={a.dueText} dueDate={a.dueDate} overdue={a.overdue} />
      </View>
      <Facts a={a} />
      <DecisionCard
        buttons={ACTION_ORDER.filter((x) => a.actions.includes(x)).map((x) => ({ value: x, label: ACTION_LABELS[x], primary: x === 'approve' }))}
        outcome={outcome}
        idleText={a.state === 'needs_info' ? '正在等他补充材料，补好后会回到待处理。' : `这份申请已经办完了：${a.stateLabel}。`}
        doneExtra={
          memberNo && (
            <View>
              <Text className='review-done__label'>会员号</Text>
              <Text className='review-done__no' userSelect>
                {memberNo}
              </Text>
            </View>
          )
        }
        onAct={(x) => {
          setOutcome(null)
          setActing(x)
        }}
      />
      {acting && <DecideSheet a={a} action={acting} onClose={() => setActing(null)} onReply={onReply} />}
    </View>
  )
}

export default function MembersReviewPage() {
  const { params } = useRouter()
  return (
    <View className='page staff station-staff members-review'>
      <StaffGate>{() => <Review id={params.id ?? ''} />}</StaffGate>
    </View>
  )
}
