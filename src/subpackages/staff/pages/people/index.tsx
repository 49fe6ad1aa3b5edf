import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import Loading from '../../../../components/Loading'
import type { Me } from '../../../../services/session'
import { useMe } from '../../../../services/useMe'
import { errorText } from '../../../../services/errors'
import { cancelInvite, listInvites, listStaff, revokeStaff, type CreatedInvite, type InviteView } from '../../../../services/admin'
import { REVOKE_REASON_LABELS, REVOKE_REASONS, type RevokeReason, type StaffView } from '../../../../domain/staff/staff.schema'
import { useReply } from '../../useReply'
import { chinaTime } from '../../format'
import ChoiceList from '../../components/ChoiceList'
import Alert from '../../components/Alert'
import ConfirmSheet from '../../components/ConfirmSheet'
import InviteForm from '../../components/InviteForm'
import InviteCodeCard from '../../components/InviteCodeCard'
import '../../staff.css'
import './index.css'

const reasonChoices = REVOKE_REASONS.map((r) => ({ value: r, label: REVOKE_REASON_LABELS[r] }))

type Pending = { kind: 'revoke'; person: StaffView; reason: RevokeReason | null } | { kind: 'cancel'; invite: InviteView }

/** Enough of the id to read out on the phone (the same 用户编号 the person sees in 我的). */
const shortId = (id: string) => (id.length > 8 ? id.slice(-8) : id)

function PersonCard({ person, canRevoke, onRevoke }: { person: StaffView; canRevoke: boolean; onRevoke: () => void }) {
  return (
    <View className='card person'>
      <View className='person__info'>
        <View className='person__head'>
          <Text className='person__name'>
            {person.displayName}
            {person.isMe ? '（我）' : ''}
          </Text>
          <Text className='role-badge'>{person.roleLabel}</Text>
        </View>
        <Text className='person__line'>{person.org?.name ?? '管理全区'}</Text>
        <View className='person__line person__small'>
          {person.maskedPhone && <Text className='person__bit'>手机 {person.maskedPhone}</Text>}
          <Text className='person__bit'>编号 {shortId(person.userId)}</Text>
        </View>
      </View>
      {canRevoke && (
        <View className='person__actions'>
          <Button className='staff-action' onClick={onRevoke}>
            撤销身份
          </Button>
        </View>
      )}
    </View>
  )
}

function InviteCard({ invite, onCancel }: { invite: InviteView; onCancel: () => void }) {
  return (
    <View className='card person'>
      <View className='person__info'>
        <View className='person__head'>
          <Text className='person__name'>{invite.roleLabel}</Text>
        </View>
        {invite.org && <Text className='person__line'>{invite.org.name}</Text>}
        {invite.note && <Text className='person__line'>备注：{invite.note}</Text>}
        <Text className='person__line person__small'>{chinaTime(invite.expiresAt)} 前有效</Text>
      </View>
      <View className='person__actions'>
        <Button className='staff-action' onClick={onCancel}>
          作废
        </Button>
      </View>
    </View>
  )
}

function People({ me }: { me: Me }) {
  const admin = me.role === 'admin'
  const staff = useReply(listStaff)
  const invites = useReply(() => listInvites('pending'), { auto: admin })
  const [inviting, setInviting] = useState(false)
  const [created, setCreated] = useState<CreatedInvite | null>(null)
  const [pending, setPending] = useState<Pending | null>(null)
  const [busy, setBusy] = useState(false)
  const [sheetError, setSheetError] = useState<string | null>(null)

  useEffect(() => {
    if (!admin) void Taro.setNavigationBarTitle({ title: '工作人员名单' })
  }, [admin])

  const closeSheet = () => {
    setPending(null)
    setSheetError(null)
  }

  const confirm = async () => {
    if (!pending || busy) return
    if (pending.kind === 'revoke' && !pending.reason) return
    setBusy(true)
    setSheetError(null)
    const reply = pending.kind === 'revoke' ? await revokeStaff(pending.person.userId, pending.reason as RevokeReason) : await cancelInvite(pending.invite.id)
    setBusy(false)
    if (!reply.ok) {
      setSheetError(errorText(reply.error))
      return
    }
    Taro.showToast({ title: pending.kind === 'revoke' ? '已撤销' : '已作废', icon: 'success', duration: 2000 })
    closeSheet()
    if (pending.kind === 'revoke') staff.reload()
    else invites.reload()
  }

  const people = staff.state.status === 'ok' ? staff.state.data.staff : []
  const canRevoke = staff.state.status === 'ok' && staff.state.data.canRevoke
  const open = invites.state.status === 'ok' ? invites.state.data.invites : []

  return (
    <View>
      {admin && !inviting && !created && (
        <View className='card'>
          <Text className='staff-para'>给新的工作人员一个邀请码。他在小程序里输入后，就有了工作人员的身份。</Text>
          <Button className='big-button staff-gap' type='primary' block onClick={() => setInviting(true)}>
            ➕ 邀请工作人员
          </Button>
        </View>
      )}
      {admin && inviting && (
        <InviteForm
          onCancel={() => setInviting(false)}
          onCreated={(c) => {
            setInviting(false)
            setCreated(c)
            invites.reload()
          }}
        />
      )}
      {admin && created && <InviteCodeCard created={created} onDone={() => setCreated(null)} />}

      {admin && (
        <View>
          <Text className='section-title'>还没使用的邀请码{invites.state.status === 'ok' ? `（${open.length}）` : ''}</Text>
          {invites.state.status === 'error' && <ErrorBox title='没能读到邀请码' error={invites.state.error} onRetry={invites.reload} />}
          {invites.state.status === 'loading' && <Loading rows={2} />}
          {invites.state.status === 'ok' && open.length === 0 && <Text className='staff-note people__empty'>现在没有还没使用的邀请码。</Text>}
          {open.map((invite) => (
            <InviteCard key={invite.id} invite={invite} onCancel={() => setPending({ kind: 'cancel', invite })} />
          ))}
        </View>
      )}

      <Text className='section-title'>工作人员{staff.state.status === 'ok' ? `（${people.length}）` : ''}</Text>
      {!admin && <Text className='staff-note people__empty'>只有管理员能邀请或撤销工作人员。</Text>}
      {staff.state.status === 'error' && <ErrorBox title='没能读到工作人员名单' error={staff.state.error} onRetry={staff.reload} />}
      {staff.state.status === 'loading' && <Loading rows={3} />}
      {people.map((person) => (
        <PersonCard key={person.userId} person={person} canRevoke={canRevoke} onRevoke={() => setPending({ kind: 'revoke', person, reason: null })} />
      ))}

      {pending?.kind === 'revoke' && (
        <ConfirmSheet
          title={`撤销 ${pending.person.displayName} 的工作人员身份？`}
          confirmText='确认撤销'
          cancelText='不撤销了'
          confirmDisabled={!pending.reason}
          busy={busy}
          onConfirm={confirm}
          onCancel={closeSheet}
        >
          <Text className='staff-para people__who'>
            {pending.person.roleLabel} · {pending.person.org?.name ?? '管理全区'} · 编号 {shortId(pending.person.userId)}
          </Text>
          <Text className='staff-para'>撤销后，他马上不能再办工作人员的事，身份变回职工。以后需要时可以重新邀请。</Text>
          <Text className='staff-para people__ask'>请选择原因：</Text>
          <ChoiceList label='撤销的原因' choices={reasonChoices} value={pending.reason} onChange={(r) => setPending({ ...pending, reason: r as RevokeReason })} />
          {sheetError && (
            <Alert text={sheetError} />
          )}
        </ConfirmSheet>
      )}
      {pending?.kind === 'cancel' && (
        <ConfirmSheet title='作废这个邀请码？' confirmText='作废' cancelText='不作废' busy={busy} onConfirm={confirm} onCancel={closeSheet}>
          <Text className='staff-para'>
            {pending.invite.roleLabel}
            {pending.invite.org ? ` · ${pending.invite.org.name}` : ''}
          </Text>
          <Text className='staff-para'>作废后，这个邀请码就不能用了。</Text>
          {sheetError && (
            <Alert text={sheetError} />
          )}
        </ConfirmSheet>
      )}
    </View>
  )
}

export default function PeoplePage() {
  const { state, reload } = useMe()
  return (
    <View className='page staff people'>
      {state.status === 'loading' && (
        <View className='card'>
          <Loading />
        </View>
      )}
      {state.status === 'error' && <ErrorBox title='没能读到你的身份' error={state.error} onRetry={reload} />}
      {state.status === 'ok' && (state.me.role === 'admin' || state.me.role === 'federation_staff') && <People me={state.me} />}
      {state.status === 'ok' && state.me.role !== 'admin' && state.me.role !== 'federation_staff' && (
        <View className='card'>
          <Text className='staff-card-title'>这一页只有管理员能用</Text>
          <Text className='staff-para'>如需增加或撤销工作人员，请联系县总工会的管理员。</Text>
        </View>
      )}
    </View>
  )
}
