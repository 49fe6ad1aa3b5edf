import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import InfoRow from '../../../../components/InfoRow'
import PhotoThumbs from '../../../../components/PhotoThumbs'
import { dateLabel } from '../../../../domain/calendar/working-days'
import type { AppError, Envelope } from '../../../../domain/envelope'
import { FILE_PURPOSES, type FilePurposeKey } from '../../../../domain/files/files.schema'
import type { CaseDecision, CaseReview, DecisionReply } from '../../../../domain/legal-aid/legal-aid.api'
import { errorText } from '../../../../services/errors'
import { caseReview, revealApplicant, STAFF_LEGAL_QUEUE_PAGE } from '../../../../services/legal-aid'
import { callPhone } from '../../../../services/stations'
import Alert from '../../components/Alert'
import DecisionCard, { type Outcome } from '../../components/DecisionCard'
import FileLink from '../../components/FileLink'
import HistoryCard from '../../components/HistoryCard'
import { LimitationLine, TriageFlags } from '../../components/LegalBits'
import { DueLine, MigrantBadge } from '../../components/MemberBits'
import { LoadingCard } from '../../components/PagedList'
import StaffGate from '../../components/StaffGate'
import { chinaTime } from '../../format'
import { useReply } from '../../useReply'
import { useSubmit } from '../../useSubmit'
import DecideSheet from './DecideSheet'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

const ACTION_ORDER: CaseDecision[] = ['startReview', 'accept', 'assign', 'progress', 'close', 'ask', 'decline', 'handover']
const ACTION_LABELS: Record<CaseDecision, string> = {
  startReview: '开始审核',
  accept: '受理',
  assign: '指派帮忙的人',
  progress: '记进展',
  close: '办结',
  ask: '请他补充',
  decline: '不受理',
  handover: '转给别的工会',
}
const PRIMARY: ReadonlySet<CaseDecision> = new Set(['startReview', 'accept', 'close'])

const WARN_LIMITATION: ReadonlySet<string> = new Set(['near', 'urgent', 'passed'])

/** Name and phone only on request: the server records who looked and when; then the phone dials. */
function Applicant({ r }: { r: CaseReview }) {
  const [who, setWho] = useState<{ name: string; phone: string } | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const { busy, run } = useSubmit()
  const reveal = async () => {
    setError(null)
    const reply = await run(() => revealApplicant(r.id))
    if (!reply) return
    if (reply.ok) setWho(reply.data)
    else setError(reply.error)
  }
  return (
    <View className='card'>
      <Text className='staff-card-title'>求助的人</Text>
      <InfoRow label='姓名' value={who?.name ?? r.maskedName} />
      {who && <InfoRow label='电话' value={who.phone} />}
      {who ? (
        <Button className='big-button staff-gap' type='primary' block onClick={() => callPhone(who.phone)}>
          📞 拨打 {who.phone}
        </Button>
      ) : (
        <Button className='big-button staff-gap' block disabled={busy} onClick={reveal}>
          {busy ? '正在读取…' : '查看姓名电话'}
        </Button>
      )}
      <Text className='staff-note'>
        {who ? '已经记下你查看了他的姓名和电话。' : '看姓名和电话会记下是谁、什么时候看的。只在需要联系他时看。'}千万不要告诉他的单位。
      </Text>
      {error && <Alert text={errorText(error)} />}
    </View>
  )
}

function Head({ r }: { r: CaseReview }) {
  return (
    <View className='card'>
      <View className='review-head'>
        <Text className='review-head__name'>{r.disputeLabel}</Text>
        <MigrantBadge show={r.migrant} />
      </View>
      <TriageFlags flags={r.flags} />
      <Text className='staff-para'>
        {r.maskedName} · {chinaTime(r.submittedAt)} 申请
      </Text>
      <Text className='staff-para'>
        {r.stateLabel} · 由 {r.orgName} 办理
      </Text>
      {r.amountText && <InfoRow label='要讨的钱' value={r.amountText} />}
      <InfoRow label='涉及几个人' value={`${r.workersAffected} 人`} />
      <LimitationLine lastDay={r.limitationLastDay} status={r.limitationStatus} />
      <DueLine dueText={r.dueText} overdue={r.overdue} />
    </View>
  )
}

/** What the worker told us: his own words, key dates and demands, the employer. */
function Story({ r }: { r: CaseReview }) {
  const e = r.employer
  return (
    <View>
      <View className='card'>
        <Text className='staff-card-title'>他说的经过</Text>
        <Text className='legal-facts' userSelect>
          {r.facts}
        </Text>
      </View>
      {r.keyFacts.length > 0 && (
        <View className='card'>
          <Text className='staff-card-title'>关键日子和要求</Text>
          {r.keyFacts.map((k, i) => (
            <InfoRow key={`${k.label}-${i}`} label={k.label} value={k.value} />
          ))}
        </View>
      )}
      <View className='card'>
        <Text className='staff-card-title'>单位</Text>
        <InfoRow label='名称' value={e.name} />
        <InfoRow label='统一社会信用代码' value={e.creditCode ?? '没有填'} />
        <InfoRow label='地址' value={e.address ?? '没有填'} />
        <InfoRow label='老板或负责人' value={e.contact ?? '没有填'} />
        <Text className='staff-note'>不要主动联系单位。要和单位协商时，先和他本人商量好。</Text>
      </View>
    </View>
  )
}

/** The eligibility and limitation results exactly as the worker read them before sending. */
function Rules({ r }: { r: CaseReview }) {
  const { eligibility: el, limitation: lim } = r
  return (
    <View>
      <View className='card'>
        <Text className='staff-card-title'>他看到的援助条件</Text>
        <Text className={`legal-verdict${el.eligible ? '' : ' legal-verdict--no'}`}>{el.eligible ? '✅ 符合免费法律援助的条件' : '按咨询办理：不符合免费代理的条件'}</Text>
        <Text className='staff-para'>{el.message}</Text>
        {el.proofText.map((p) => (
          <Text key={p} className='staff-para'>
            • {p}
          </Text>
        ))}
      </View>
      <View className='card'>
        <Text className='staff-card-title'>他看到的仲裁时效</Text>
        {lim.lastDay && <InfoRow label='最后一天' value={dateLabel(lim.lastDay)} />}
        <View className={`notice${lim.status === 'passed' || lim.status === 'urgent' ? ' notice--bad' : ''}`} role={WARN_LIMITATION.has(lim.status) ? 'alert' : undefined}>
          <Text>{lim.message}</Text>
        </View>
        <Text className='staff-note'>{lim.basis}</Text>
        {lim.notes.map((n) => (
          <Text key={n} className='staff-para'>
            • {n}
          </Text>
        ))}
      </View>
    </View>
  )
}

const purposeLabel = (purpose: string) => FILE_PURPOSES[purpose as FilePurposeKey]?.label ?? '其他材料'

/** Evidence by kind: photos open full screen, other files (PDF) open in the viewer. */
function Evidence({ r }: { r: CaseReview }) {
  const purposes = [...new Set(r.evidence.map((f) => f.purpose))]
  return (
    <View className='card'>
      <Text className='staff-card-title'>证据材料（{r.evidence.length} 份）</Text>
      {r.evidence.length === 0 && <Text className='staff-note'>没有上传材料。</Text>}
      {purposes.map((purpose) => {
        const files = r.evidence.filter((f) => f.purpose === purpose)
        const docs = files.filter((f) => !f.mime.startsWith('image/'))
        return (
          <View key={purpose} className='doc-group'>
            <Text className='doc-group__title'>
              {purposeLabel(purpose)}（{files.length} 份）
            </Text>
            <PhotoThumbs photos={files.filter((f) => f.mime.startsWith('image/'))} />
            {docs.map((f, i) => (
              <FileLink key={f.fileId} url={f.url} mime={f.mime} n={i + 1} />
            ))}
          </View>
        )
      })}
    </View>
  )
}

/** Who helps him, what was asked, and how it ended. */
function Handling({ r }: { r: CaseReview }) {
  const h = r.helper
  const o = r.outcome
  const waitingHelper = !h && (r.state === 'accepted' || r.state === 'in_progress')
  return (
    <View>
      {r.askedItems.length > 0 && (
        <View className='card'>
          <Text className='staff-card-title'>已经请他补充</Text>
          {r.askedItems.map((i) => (
            <Text key={i.code} className='staff-para'>
              • {i.label}
            </Text>
          ))}
        </View>
      )}
      {(h || waitingHelper) && (
        <View className='card'>
          <Text className='staff-card-title'>谁在帮他</Text>
          {h ? (
            <View>
              <InfoRow label={h.kindLabel} value={h.name} />
              <InfoRow label='工作电话' value={h.phone} />
              {h.org && <InfoRow label='单位' value={h.org} />}
              <Button className='staff-action' onClick={() => callPhone(h.phone)}>
                📞 打给{h.name}
              </Button>
            </View>
          ) : (
            <View className='notice' role='note'>
              <Text>已经受理，还没有指派律师或工会法律工作者。请尽快指派。</Text>
            </View>
          )}
        </View>
      )}
      {o && (
        <View className='card'>
          <Text className='staff-card-title'>办理结果</Text>
          <InfoRow label='结果' value={o.kindLabel} />
          <InfoRow label='追回的钱' value={o.recoveredText} />
          <InfoRow label='帮了几个人' value={`${o.workersHelped} 人`} />
          {o.note && <InfoRow label='说明' value={o.note} />}
        </View>
      )}
    </View>
  )
}

/** What the buttons would say when there is nothing for this staff member to do. */
function idleText(r: CaseReview): string {
  if (r.state === 'needs_info') return '正在等他补充材料，补好后会回到待审核。'
  if (r.state === 'closed' || r.state === 'declined' || r.state === 'withdrawn') return `这件求助已经办完了：${r.stateLabel}。`
  return `这件求助现在：${r.stateLabel}。你这里没有要办的事。`
}

/** After a hand-over the case belongs to the other union: this page may no longer read it. */
function HandedOver({ title }: { title: string }) {
  return (
    <View className='card review-done' role='status'>
      <Text className='review-done__title'>✅ {title}</Text>
      <Text className='staff-para'>以后由那个工会审核、联系他，办理期限从今天重新算。</Text>
      <Button
        className='big-button staff-gap'
        block
        onClick={() => {
          Taro.navigateBack().catch(() => Taro.redirectTo({ url: STAFF_LEGAL_QUEUE_PAGE }))
        }}
      >
        回到法律援助列表
      </Button>
    </View>
  )
}

function Review({ id }: { id: string }) {
  const { state, reload } = useReply(() => caseReview(id))
  const [acting, setActing] = useState<CaseDecision | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [handedOver, setHandedOver] = useState<string | null>(null)

  if (handedOver) return <HandedOver title={handedOver} />
  if (state.status === 'error') return <ErrorBox title='没能读到这件求助' error={state.error} onRetry={reload} />
  if (state.status !== 'ok') return <LoadingCard rows={5} text='正在读取求助…' />
  const r = state.data

  const onReply = (reply: Envelope<DecisionReply>, title: string) => {
    const action = acting
    setActing(null)
    if (reply.ok && action === 'handover') {
      setHandedOver(title)
      return
    }
    setOutcome(reply.ok ? { kind: 'done', title } : { kind: 'conflict', text: errorText(reply.error) })
    reload()
  }

  return (
    <View>
      <Head r={r} />
      <Applicant r={r} />
      <Story r={r} />
      <Rules r={r} />
      <Evidence r={r} />
      <Handling r={r} />
      <HistoryCard steps={r.history} />
      <DecisionCard
        buttons={ACTION_ORDER.filter((x) => r.actions.includes(x)).map((x) => ({
          value: x,
          label: x === 'assign' && r.helper ? '改派帮忙的人' : ACTION_LABELS[x],
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

export default function LegalReviewPage() {
  const { params } = useRouter()
  return (
    <View className='page staff station-staff legal-review'>
      <StaffGate>{() => <Review id={params.id ?? ''} />}</StaffGate>
    </View>
  )
}
