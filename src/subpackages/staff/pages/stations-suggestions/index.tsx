import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import StaffGate from '../../components/StaffGate'
import { LoadMore } from '../../../../components/StationPaging'
import { useFilteredList } from '../../useFilteredList'
import { SUGGESTION_ACCEPT_REASONS, SUGGESTION_DECLINE_REASONS } from '../../../../domain/stations/station.constants'
import type { SuggestionDecision, SuggestionState, SuggestionView } from '../../../../domain/stations/station.schema'
import type { Me } from '../../../../services/session'
import { errorText } from '../../../../services/errors'
import { decideSuggestion, listSuggestions, openMap } from '../../../../services/stations'
import ChoiceList from '../../components/ChoiceList'
import ConfirmSheet from '../../components/ConfirmSheet'
import { chinaTime } from '../../format'
import '../../../../components/StationShared.css'
import '../../staff.css'
import '../../components/DecisionList.css'

const TABS: Array<{ state: SuggestionState | null; label: string }> = [
  { state: 'submitted', label: '等答复' },
  { state: null, label: '全部' },
]
const choicesOf = (reasons: Record<string, string>) => Object.entries(reasons).map(([value, label]) => ({ value, label }))

function DecideSheet({ s, decision, onClose, onDone }: { s: SuggestionView; decision: SuggestionDecision; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const accept = decision === 'accept'
  const confirm = async () => {
    if (!accept && !reason) {
      setError('请选一个原因，让推荐的人知道为什么')
      return
    }
    setBusy(true)
    setError(null)
    const r = await decideSuggestion(s.id, decision, s.version, { reason: reason ?? undefined, note: note.trim() || undefined }).catch(() => null)
    setBusy(false)
    if (r?.ok) {
      void Taro.showToast({ title: '已答复', icon: 'none', duration: 2000 })
      onDone()
    } else setError(r ? errorText(r.error) : '网络不太好，请再试一次')
  }
  return (
    <ConfirmSheet title={accept ? '采纳这个推荐？' : '暂不采纳？'} confirmText={accept ? '采纳' : '暂不采纳'} cancelText='先不答复' busy={busy} onConfirm={confirm} onCancel={onClose}>
      <Text className='staff-para'>{s.address}</Text>
      <Text className='field-label'>{accept ? '原因（可以不选）' : '原因'}</Text>
      <ChoiceList label='原因' choices={choicesOf(accept ? SUGGESTION_ACCEPT_REASONS : SUGGESTION_DECLINE_REASONS)} value={reason} onChange={setReason} />
      <View className='field'>
        <Text className='field-label'>告诉推荐的人（可以不写）</Text>
        <Input className='field-input' value={note} maxlength={200} aria-label='回复' onInput={(e) => setNote(String(e.detail.value))} />
      </View>
      {error && (
        <View className='staff-field-error' role='alert'>
          <Text>{error}</Text>
        </View>
      )}
    </ConfirmSheet>
  )
}

function Suggestions() {
  const [deciding, setDeciding] = useState<{ s: SuggestionView; decision: SuggestionDecision } | null>(null)
  const { filter: tab, setFilter, state, reload, loadMore } = useFilteredList<SuggestionState | null, SuggestionView>('submitted', listSuggestions)
  // a tap on the tab already shown changes nothing
  const switchTo = (t: SuggestionState | null) => {
    if (t !== tab) setFilter(t)
  }
  return (
    <View>
      <View className='report-tabs' role='tablist'>
        {TABS.map((t) => (
          <View key={t.label} className={`report-tabs__tab${t.state === tab ? ' report-tabs__tab--on' : ''}`} role='tab' aria-selected={t.state === tab} onClick={() => switchTo(t.state)}>
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      {state.status === 'loading' && (
        <View className='card' aria-busy='true'>
          <View className='skeleton-bar skeleton-bar--title' />
          <View className='skeleton-bar' />
          <Text className='muted'>正在读取推荐…</Text>
        </View>
      )}
      {state.status === 'error' && state.error && <ErrorBox title='没能读到推荐' error={state.error} onRetry={reload} />}
      {state.status === 'ok' && state.items.length === 0 && (
        <View className='card'>
          <Text className='staff-para'>{tab === 'submitted' ? '现在没有等答复的推荐。' : '还没有人推荐过。'}</Text>
        </View>
      )}
      <View role='list'>
        {state.items.map((s) => (
          <View key={s.id} className='card staff-report' role='listitem'>
            <Text className='staff-report__problem'>{s.address}</Text>
            {s.district && <Text className='staff-report__station'>{s.district}</Text>}
            <Text className='staff-report__text'>“{s.reason}”</Text>
            {s.flagged && <Text className='notice'>⚠ 这段话可能有不合适的内容，请留意。</Text>}
            <Text className='staff-note'>
              {chinaTime(s.createdAt)} 推荐 · {s.stateLabel}
            </Text>
            {s.replyReason && <Text className='staff-note'>原因：{s.replyReason}</Text>}
            {s.replyNote && <Text className='staff-note'>回复：{s.replyNote}</Text>}
            <View className='staff-report__actions'>
              <Button className='staff-action staff-report__btn' onClick={() => openMap({ name: '推荐的地点', address: s.address, location: s.location })}>
                🧭 在地图上看
              </Button>
              {s.state === 'submitted' && (
                <Button className='staff-action staff-report__btn' type='primary' onClick={() => setDeciding({ s, decision: 'accept' })}>
                  采纳
                </Button>
              )}
              {s.state === 'submitted' && (
                <Button className='staff-action staff-report__btn' onClick={() => setDeciding({ s, decision: 'decline' })}>
                  暂不采纳
                </Button>
              )}
            </View>
          </View>
        ))}
      </View>
      <LoadMore state={state} onMore={loadMore} />
      {deciding && (
        <DecideSheet
          s={deciding.s}
          decision={deciding.decision}
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

function ForFederation({ me }: { me: Me }) {
  if (me.role === 'grassroots_staff') {
    return (
      <View className='card'>
        <Text className='staff-card-title'>推荐地点由总工会答复</Text>
        <Text className='staff-para'>职工推荐的新驿站地点，由县总工会的工作人员看和答复。</Text>
      </View>
    )
  }
  return <Suggestions />
}

export default function StationSuggestionsPage() {
  return (
    <View className='page staff station-staff'>
      <StaffGate>{(me) => <ForFederation me={me} />}</StaffGate>
    </View>
  )
}
