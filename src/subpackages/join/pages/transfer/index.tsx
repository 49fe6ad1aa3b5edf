import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import Explain from '../../../../components/Explain'
import Loading from '../../../../components/Loading'
import type { AppError, FieldErrors } from '../../../../domain/envelope'
import {
  membershipEvent,
  TRANSFER_REASONS,
  type MemberCardView,
  type RouteView,
  type TransferReason,
  type TransferTargetInput,
  type TransferView,
} from '../../../../domain/membership/membership.schema'
import { formatDateCN } from '../../../../domain/privacy/my-data'
import { canonicalJson } from '../../../../domain/requests/idempotency-key'
import { toFieldErrors } from '../../../../domain/validation'
import { errorText, isTransient } from '../../../../services/errors'
import { checkTransfer, JOIN_PAGE, myMembership, requestTransfer, withdrawTransfer } from '../../../../services/membership'
import { useReply } from '../../../../services/useReply'
import { Choices } from '../../../../components/Field'
import RouteBox from '../../components/RouteBox'
import Timeline from '../../../../components/Timeline'
import Trouble from '../../../../components/Trouble'
import { JobFields, PlaceFields } from '../../components/WorkFields'
import { useConfirmed } from '../../../../services/confirm'
import { emptyWork, formErrors, freshKey, keptOnPhone, keyFor, latestTransfer, withoutErrors, workInput, type SendKey, type WorkForm } from '../../form'
import { useDraft } from '../../useDraft'
import { pageClass, useTextSize } from '../../../../services/text-size'
import '../../../../components/StationShared.css'
import '../../../../components/RequestState.css'
import '../../join.css'

interface TransferDraft {
  work: WorkForm
  reason: TransferReason | ''
  send: SendKey
}
const DRAFT = 'transfer'

type Check = { status: 'idle' } | { status: 'loading' } | { status: 'ok'; route: RouteView; content: string } | { status: 'error'; error: AppError }
type Validated = { ok: true; target: TransferTargetInput; reason: TransferReason } | { ok: false; errors: FieldErrors }

/** The request as the function's own event schema judges it (the key is checked when sending). */
function validate(d: TransferDraft): Validated {
  const parsed = membershipEvent.safeParse({ action: 'requestTransfer', key: d.send.key, target: workInput(d.work), reason: d.reason || undefined })
  if (!parsed.success) return { ok: false, errors: formErrors(toFieldErrors(parsed.error), 'target') }
  const e = parsed.data as Extract<typeof parsed.data, { action: 'requestTransfer' }>
  return { ok: true, target: e.target, reason: e.reason }
}

/** 转会 (会籍接转): an open request and its state, or where the member moves to, checked before it is sent. */
export default function TransferPage() {
  const { textClass } = useTextSize()
  const { state, reload, refresh } = useReply(myMembership, { refreshOnShow: true })
  const { busy, run } = useConfirmed(refresh)

  const withdraw = (t: TransferView) =>
    run({ title: '撤回转会申请？', content: `撤回以后，你还是「${t.fromOrgName}」的会员。`, confirmText: '撤回' }, () => withdrawTransfer(t.id, t.version), '已撤回')

  if (state.status === 'loading') {
    return (
      <View className={pageClass('page join', textClass)}>
        <View className='card'>
          <Loading rows={4} />
        </View>
      </View>
    )
  }
  if (state.status === 'error') {
    return (
      <View className={pageClass('page join', textClass)}>
        <ErrorBox title='没能读到你的会籍' error={state.error} onRetry={reload} />
      </View>
    )
  }
  const { member, transfers } = state.data
  const latest = latestTransfer(transfers)
  return (
    <View className={pageClass('page join', textClass)}>
      {!member && (
        <View className='card'>
          <Text className='join-title'>你还不是工会会员</Text>
          <Text className='join-text'>转会是会员换了单位或城市时办的。你可以先申请入会。</Text>
          <Button className='big-button gap' type='primary' block onClick={() => Taro.redirectTo({ url: JOIN_PAGE })}>
            申请入会
          </Button>
        </View>
      )}
      {member && latest?.state === 'requested' && <OpenTransfer t={latest} busy={busy} onWithdraw={withdraw} />}
      {member && latest?.state !== 'requested' && <TransferForm member={member} last={latest} onSent={refresh} />}
    </View>
  )
}

function OpenTransfer({ t, busy, onWithdraw }: { t: TransferView; busy: boolean; onWithdraw(t: TransferView): void }) {
  return (
    <View>
      <View className='card' aria-label='转会申请'>
        <Text className='state'>⏳ {t.stateLabel}</Text>
        <Text className='join-text'>
          从「{t.fromOrgName}」转到「{t.toOrgName}」 · {t.reasonLabel}
        </Text>
        <RouteBox title='接收的工会' orgName={t.toOrgName} why={t.why} />
        <Text className='join-text'>{formatDateCN(t.requestedAt)}申请。新工会接收以前，你还是原来工会的会员，会员证照常能用。</Text>
      </View>
      <Text className='section-title'>办理经过</Text>
      <View className='card'>
        <Timeline steps={t.history} />
      </View>
      {t.canWithdraw && (
        <Button className='big-button gap' block disabled={busy} onClick={() => onWithdraw(t)}>
          撤回转会申请
        </Button>
      )}
    </View>
  )
}

function TransferForm({ member, last, onSent }: { member: MemberCardView; last: TransferView | null; onSent(): void }) {
  const { value: draft, setValue: setDraft, clear } = useDraft<TransferDraft>(DRAFT, (saved) => ({
    reason: '',
    ...saved,
    work: { ...emptyWork(), ...saved?.work },
    send: saved?.send?.key ? saved.send : freshKey(),
  }))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [check, setCheck] = useState<Check>({ status: 'idle' })
  const [problem, setProblem] = useState('')
  const [busy, setBusy] = useState(false)
  const sending = useRef(false)
  const checkSeq = useRef(0)

  const change = (patch: Partial<TransferDraft>, fields: string[]) => {
    setDraft((d) => ({ ...d, ...patch }))
    setErrors((e) => withoutErrors(e, fields))
    setProblem('')
    checkSeq.current++
    setCheck({ status: 'idle' })
  }
  const changeWork = (patch: Partial<WorkForm>, fields: string[]) => change({ work: { ...draft.work, ...patch } }, fields)

  const runCheck = () => {
    const v = validate(draft)
    if (!v.ok) {
      setErrors(v.errors)
      return
    }
    const mine = ++checkSeq.current
    setCheck({ status: 'loading' })
    checkTransfer(v.target).then(
      (r) => {
        if (mine !== checkSeq.current) return
        if (r.ok) setCheck({ status: 'ok', route: r.data, content: canonicalJson(v) })
        else {
          setErrors(formErrors(r.error.fieldErrors, 'target'))
          setCheck({ status: 'error', error: r.error })
        }
      },
      () => mine === checkSeq.current && setCheck({ status: 'error', error: { code: 'SYS.BAD_REPLY', message: '' } }),
    )
  }

  const submit = async () => {
    if (sending.current) return
    const v = validate(draft)
    if (!v.ok || check.status !== 'ok' || check.content !== canonicalJson(v)) {
      runCheck()
      return
    }
    const send = keyFor(draft.send, { target: v.target, reason: v.reason })
    setDraft((d) => ({ ...d, send }))
    sending.current = true
    setBusy(true)
    setProblem('')
    const r = await requestTransfer(send.key, v.target, v.reason).catch(() => null)
    sending.current = false
    setBusy(false)
    if (r?.ok) {
      clear()
      void Taro.showToast({ title: '转会申请交上去了', icon: 'success' })
      onSent()
      return
    }
    if (!r || isTransient(r.error)) {
      setProblem(keptOnPhone(r?.error, '申请转会'))
      return
    }
    if (r.error.code === 'REQUEST.KEY_CONFLICT') setDraft((d) => ({ ...d, send: freshKey() }))
    if (r.error.code === 'MEMBERSHIP.TRANSFER_OPEN') {
      onSent()
      return
    }
    setErrors(formErrors(r.error.fieldErrors, 'target'))
    setProblem(errorText(r.error))
  }

  return (
    <View>
      {last?.state === 'rejected' && last.rejection && (
        <View className='notice notice--bad'>
          <Text className='check__head'>上次转到「{last.toOrgName}」没有成功：{last.rejection.label}</Text>
          {last.rejection.note && <Text className='join-text'>工会说：“{last.rejection.note}”</Text>}
          <Text className='join-text'>{last.rejection.next}</Text>
        </View>
      )}
      <View className='card'>
        <Text className='join-title'>换了单位或城市，办转会</Text>
        <Text className='join-text'>你现在是「{member.orgName}」的会员。填一下现在在哪里干活，会籍转到新的工会，不用重新入会，以前的记录都保留。</Text>
        <View className='explain-terms'>
          <Explain term='转会' />
          <Explain term='会籍' />
        </View>
        <PlaceFields form={draft.work} change={changeWork} errors={errors} />
        <JobFields form={draft.work} change={changeWork} errors={errors} />
        <Choices label='为什么转会？' options={TRANSFER_REASONS} value={draft.reason} onChange={(reason) => change({ reason }, ['reason'])} error={errors.reason} />

        {check.status === 'loading' && <Loading text='正在看转到哪个工会…' rows={1} />}
        {check.status === 'error' && <Trouble title='没能查到新工会' error={check.error} onRetry={runCheck} />}
        {check.status === 'ok' && <RouteBox title='会转到这个工会' orgName={check.route.orgName} why={check.route.why} />}
        {problem && (
          <View className='notice notice--bad' role='alert'>
            <Text>{problem}</Text>
          </View>
        )}
        {check.status === 'ok' ? (
          <Button className='big-button gap' type='primary' block disabled={busy} onClick={submit}>
            {busy ? '正在提交…' : '申请转会'}
          </Button>
        ) : (
          <Button className='big-button gap' type='primary' block disabled={check.status === 'loading'} onClick={runCheck}>
            看看转到哪个工会
          </Button>
        )}
      </View>
    </View>
  )
}
