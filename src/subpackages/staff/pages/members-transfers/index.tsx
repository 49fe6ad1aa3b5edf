import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import InfoRow from '../../../../components/InfoRow'
import { TRANSFER_REJECT_REASONS, type TransferRejectReason } from '../../../../domain/membership/membership.constants'
import type { TransferRow } from '../../../../domain/membership/membership.schema'
import { errorText } from '../../../../services/errors'
import { decideTransfer, transferQueue } from '../../../../services/membership'
import Alert from '../../components/Alert'
import ConfirmSheet from '../../components/ConfirmSheet'
import PagedList from '../../components/PagedList'
import ReasonPicker, { reasonProblem } from '../../components/ReasonPicker'
import StaffGate from '../../components/StaffGate'
import Tabs from '../../components/Tabs'
import { chinaTime } from '../../format'
import { useFilteredList } from '../../useFilteredList'
import { isConflict, useSubmit } from '../../useSubmit'
import '../../../../components/StationShared.css'
import '../../staff.css'
import '../../components/DecisionList.css'
import './index.css'

type Filter = 'open' | 'decided' | 'all'
type Decision = 'accept' | 'reject'

const TABS: Array<{ value: Filter; label: string }> = [
  { value: 'open', label: '等接收' },
  { value: 'decided', label: '已处理' },
  { value: 'all', label: '全部' },
]
const EMPTY: Record<Filter, string> = { open: '现在没有要转到你们工会的会员。', decided: '还没有处理过转会。', all: '还没有人申请转到你们工会。' }

function DecideSheet({ t, decision, onClose, onDone }: { t: TransferRow; decision: Decision; onClose: () => void; onDone: (conflict: string | null) => void }) {
  const [reason, setReason] = useState<TransferRejectReason | null>(null)
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)
  const { busy, run } = useSubmit()
  const accept = decision === 'accept'

  const confirm = async () => {
    const problem = accept ? null : reasonProblem(reason, note)
    setError(problem)
    if (problem) return
    const r = await run(() => decideTransfer({ id: t.id, version: t.version, decision, reason: reason ?? undefined, note }))
    if (!r) return
    if (r.ok) {
      void Taro.showToast({ title: accept ? '已接收' : '已告诉他', icon: 'none', duration: 2000 })
      onDone(null)
    } else if (isConflict(r.error.code)) onDone(errorText(r.error))
    else setError(errorText(r.error))
  }

  return (
    <ConfirmSheet
      title={accept ? `接收 ${t.name} 转入？` : `不接收 ${t.name}？`}
      confirmText={accept ? '接收' : '确认不接收'}
      cancelText='先不办'
      busy={busy}
      onConfirm={confirm}
      onCancel={onClose}
    >
      <Text className='staff-para'>
        从「{t.fromOrgName}」转到「{t.toOrgName}」
      </Text>
      {accept ? (
        <Text className='staff-para'>接收后，他的会籍转到「{t.toOrgName}」，会员证换成新的，旧会员证上的二维码不能再用。</Text>
      ) : (
        <ReasonPicker label='不接收的原因' reasons={TRANSFER_REJECT_REASONS} value={reason} onChange={(v) => setReason(v as TransferRejectReason)} note={note} onNote={setNote} />
      )}
      {error && <Alert text={error} />}
    </ConfirmSheet>
  )
}

function Row({ t, onDecide }: { t: TransferRow; onDecide: (d: Decision) => void }) {
  return (
    <View className='card' role='listitem'>
      <Text className='transfer-row__name'>{t.name}</Text>
      <Text className='staff-note'>
        {chinaTime(t.requestedAt)} 申请 · {t.stateLabel}
      </Text>
      <InfoRow label='会员号' value={t.memberNo} />
      <InfoRow label='身份证号' value={t.maskedIdNumber} />
      <InfoRow label='原来的工会' value={t.fromOrgName} />
      <InfoRow label='转到' value={t.toOrgName} />
      <InfoRow label='为什么转' value={t.reasonLabel} />
      {t.why && <Text className='staff-para'>{t.why}</Text>}
      {t.rejection && (
        <Text className='staff-note'>
          没有接收：{t.rejection.label}
          {t.rejection.note ? `（${t.rejection.note}）` : ''}
        </Text>
      )}
      {t.actions.length > 0 && (
        <View className='staff-report__actions'>
          {t.actions.includes('accept') && (
            <Button className='staff-action staff-report__btn' type='primary' onClick={() => onDecide('accept')}>
              接收
            </Button>
          )}
          {t.actions.includes('reject') && (
            <Button className='staff-action staff-report__btn' onClick={() => onDecide('reject')}>
              不接收
            </Button>
          )}
        </View>
      )}
    </View>
  )
}

function Transfers() {
  const { filter: tab, setFilter, state, reload, loadMore } = useFilteredList<Filter, TransferRow>('open', transferQueue)
  const [deciding, setDeciding] = useState<{ t: TransferRow; decision: Decision } | null>(null)
  const [conflict, setConflict] = useState<string | null>(null)
  return (
    <View>
      <Tabs tabs={TABS} value={tab} onChange={setFilter} />
      {conflict && (
        <View className='notice' role='alert'>
          <Text>{conflict.replace(/[。.]$/, '')}。已经帮你刷新了下面的名单。</Text>
        </View>
      )}
      <PagedList
        state={state}
        reload={reload}
        loadMore={loadMore}
        loadingText='正在读取转会申请…'
        errorTitle='没能读到转会申请'
        emptyText={EMPTY[tab]}
        item={(t) => (
          <Row
            key={t.id}
            t={t}
            onDecide={(decision) => {
              setConflict(null)
              setDeciding({ t, decision })
            }}
          />
        )}
      />
      {deciding && (
        <DecideSheet
          t={deciding.t}
          decision={deciding.decision}
          onClose={() => setDeciding(null)}
          onDone={(c) => {
            setDeciding(null)
            setConflict(c)
            reload()
          }}
        />
      )}
    </View>
  )
}

export default function MembersTransfersPage() {
  return (
    <View className='page staff station-staff members-transfers'>
      <StaffGate>{() => <Transfers />}</StaffGate>
    </View>
  )
}
