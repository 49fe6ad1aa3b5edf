import PhotoThumbs from '../../../../components/PhotoThumbs'
import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import StaffGate from '../../components/StaffGate'
import { LoadMore } from '../../../../components/StationPaging'
import { useFilteredList } from '../../useFilteredList'
import { REPORT_REJECT_REASONS } from '../../../../domain/stations/station.constants'
import type { ReportDecision, ReportRejectReason, ReportState, ReportView } from '../../../../domain/stations/station.schema'
import { errorText } from '../../../../services/errors'
import { decideReport, listReports } from '../../../../services/stations'
import ChoiceList from '../../components/ChoiceList'
import ConfirmSheet from '../../components/ConfirmSheet'
import { chinaTime } from '../../format'
import '../../../../components/StationShared.css'
import '../../staff.css'
import '../../components/DecisionList.css'

const TABS: Array<{ state: ReportState | null; label: string }> = [
  { state: 'submitted', label: '新报修' },
  { state: 'in_progress', label: '正在修' },
  { state: null, label: '全部' },
]
const ACTION: Record<ReportDecision, { label: string; title: string; confirm: string }> = {
  start: { label: '开始维修', title: '开始维修？', confirm: '开始维修' },
  resolve: { label: '已修好', title: '确认已经修好了？', confirm: '已修好' },
  reject: { label: '不需要维修', title: '不需要维修？', confirm: '确认' },
}
const reasonChoices = Object.entries(REPORT_REJECT_REASONS).map(([value, label]) => ({ value, label }))

interface Deciding {
  report: ReportView
  decision: ReportDecision
}

function DecideSheet({ d, onClose, onDone }: { d: Deciding; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState<ReportRejectReason | null>(null)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const a = ACTION[d.decision]
  const confirm = async () => {
    if (d.decision === 'reject' && !reason) {
      setError('请选一个原因，让报修的人知道为什么')
      return
    }
    setBusy(true)
    setError(null)
    const r = await decideReport(d.report.id, d.decision, d.report.version, { reason: reason ?? undefined, note: note.trim() || undefined }).catch(() => null)
    setBusy(false)
    if (r?.ok) {
      void Taro.showToast({ title: '办好了', icon: 'none', duration: 2000 })
      onDone()
    } else setError(r ? errorText(r.error) : '网络不太好，请再试一次')
  }
  return (
    <ConfirmSheet title={a.title} confirmText={a.confirm} cancelText='先不办' busy={busy} onConfirm={confirm} onCancel={onClose}>
      <Text className='staff-para'>
        {d.report.station.name}：{d.report.problemLabel}
      </Text>
      {d.decision === 'reject' && <ChoiceList label='原因' choices={reasonChoices} value={reason} onChange={(v) => setReason(v as ReportRejectReason)} />}
      {d.decision !== 'start' && (
        <View className='field'>
          <Text className='field-label'>告诉报修的人（可以不写）</Text>
          <Input className='field-input' value={note} maxlength={200} placeholder='比如：已换了新的饮水机' aria-label='回复' onInput={(e) => setNote(String(e.detail.value))} />
        </View>
      )}
      {error && (
        <View className='staff-field-error' role='alert'>
          <Text>{error}</Text>
        </View>
      )}
    </ConfirmSheet>
  )
}

function Reports() {
  const [deciding, setDeciding] = useState<Deciding | null>(null)
  const { filter: tab, setFilter, state, reload, loadMore } = useFilteredList<ReportState | null, ReportView>('submitted', listReports)
  // a tap on the tab already shown changes nothing
  const switchTo = (t: ReportState | null) => {
    if (t !== tab) setFilter(t)
  }
  return (
    <View>
      <View className='report-tabs' role='tablist'>
        {TABS.map((t) => (
          <View
            key={t.label}
            className={`report-tabs__tab${t.state === tab ? ' report-tabs__tab--on' : ''}`}
            role='tab'
            aria-selected={t.state === tab}
            onClick={() => switchTo(t.state)}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      {state.status === 'loading' && (
        <View className='card' aria-busy='true'>
          <View className='skeleton-bar skeleton-bar--title' />
          <View className='skeleton-bar' />
          <Text className='muted'>正在读取报修…</Text>
        </View>
      )}
      {state.status === 'error' && state.error && <ErrorBox title='没能读到报修' error={state.error} onRetry={reload} />}
      {state.status === 'ok' && state.items.length === 0 && (
        <View className='card'>
          <Text className='staff-para'>{tab === 'submitted' ? '现在没有新的报修。' : tab === 'in_progress' ? '现在没有正在修的。' : '还没有人报修过。'}</Text>
        </View>
      )}
      <View role='list'>
        {state.items.map((r) => (
          <View key={r.id} className='card staff-report' role='listitem'>
            <Text className='staff-report__station'>{r.station.name}</Text>
            <Text className='staff-report__problem'>{r.problemLabel}</Text>
            {r.text && <Text className='staff-report__text'>“{r.text}”</Text>}
            <PhotoThumbs photos={r.photos} />
            {r.flagged && <Text className='notice'>⚠ 这段话可能有不合适的内容，请留意。</Text>}
            <Text className='staff-note'>
              {chinaTime(r.createdAt)} 报修 · {r.stateLabel}
            </Text>
            {r.replyReason && <Text className='staff-note'>原因：{r.replyReason}</Text>}
            {r.replyNote && <Text className='staff-note'>回复：{r.replyNote}</Text>}
            {(r.actions ?? []).length > 0 && (
              <View className='staff-report__actions'>
                {(r.actions ?? []).map((a) => (
                  <Button
                    key={a}
                    className='staff-action staff-report__btn'
                    type={a === 'reject' ? 'default' : 'primary'}
                    onClick={() => setDeciding({ report: r, decision: a })}
                  >
                    {ACTION[a].label}
                  </Button>
                ))}
              </View>
            )}
          </View>
        ))}
      </View>
      <LoadMore state={state} onMore={loadMore} />
      {deciding && (
        <DecideSheet
          d={deciding}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null)
            reload()
          }}
        />
      )}
    </View>
  )
}

export default function StationReportsPage() {
  return (
    <View className='page staff station-staff'>
      <StaffGate>{() => <Reports />}</StaffGate>
    </View>
  )
}
