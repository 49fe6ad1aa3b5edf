import { useEffect, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../components/ErrorBox'
import Loading from '../../../components/Loading'
import type { FieldErrors } from '../../../domain/envelope'
import { toFieldErrors } from '../../../domain/validation'
import { ROLE_LABELS } from '../../../domain/session/session.schema'
import {
  createInviteFields,
  INVITE_ROLE_HINTS,
  INVITE_ROLES,
  NOTE_MAX,
  orgKindFitsRole,
  roleNeedsOrg,
  type InviteRole,
} from '../../../domain/staff/staff.schema'
import { createInvite, listOrgs, type CreatedInvite, type OrgView } from '../../../services/admin'
import { errorText } from '../../../services/errors'
import { useReply } from '../useReply'
import ChoiceList from './ChoiceList'
import Alert from './Alert'
import './InviteForm.css'

/** With more orgs than this, a search box appears above the list. */
const SEARCH_FROM = 8

const roleChoices = INVITE_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r], hint: INVITE_ROLE_HINTS[r] }))

interface Props {
  onCreated: (created: CreatedInvite) => void
  onCancel: () => void
}

/** Pick a role and (for staff roles) an org from listOrgs, optionally a note; the server makes the code. */
export default function InviteForm({ onCreated, onCancel }: Props) {
  const orgs = useReply(listOrgs)
  const [role, setRole] = useState<InviteRole | null>(null)
  const [orgId, setOrgId] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [search, setSearch] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)

  const all: OrgView[] = orgs.state.status === 'ok' ? orgs.state.data.orgs : []
  const eligible = role && roleNeedsOrg(role) ? all.filter((o) => orgKindFitsRole(role, o.kind)) : []
  const shown = search.trim() ? eligible.filter((o) => o.name.includes(search.trim())) : eligible

  // A role change drops an org that no longer fits; a single fitting org (the federation) is picked for you.
  const orgCount = all.length
  useEffect(() => {
    if (!role || !roleNeedsOrg(role)) {
      setOrgId(null)
      return
    }
    const fits = all.filter((o) => orgKindFitsRole(role, o.kind))
    setOrgId((current) => (fits.some((o) => o.id === current) ? current : fits.length === 1 ? fits[0].id : null))
  }, [role, orgCount]) // `all` is new each render; its content only changes with its length here

  const submit = async () => {
    if (busy) return
    const fields = { role, orgId, note: note.trim() || undefined }
    const parsed = createInviteFields.safeParse(fields)
    if (!parsed.success) {
      setErrors(toFieldErrors(parsed.error))
      return
    }
    setBusy(true)
    setErrors({})
    const reply = await createInvite({ role: parsed.data.role, orgId: parsed.data.orgId ?? null, note: parsed.data.note })
    setBusy(false)
    if (reply.ok) onCreated(reply.data)
    else setErrors({ ...reply.error.fieldErrors, ...(reply.error.fieldErrors ? {} : { _: errorText(reply.error) }) })
  }

  return (
    <View className='card invite-form'>
      <Text className='staff-card-title'>邀请工作人员</Text>

      <Text className='invite-form__step'>第一步：他是什么身份？</Text>
      <ChoiceList label='身份' choices={roleChoices} value={role} onChange={(v) => setRole(v as InviteRole)} />
      {errors.role && <Alert text={errors.role} />}

      {role && roleNeedsOrg(role) && (
        <View>
          <Text className='invite-form__step'>第二步：他是哪个工会的？</Text>
          {orgs.state.status === 'error' && <ErrorBox title='没能读到工会名单' error={orgs.state.error} onRetry={orgs.reload} />}
          {(orgs.state.status === 'loading' || orgs.state.status === 'idle') && <Loading rows={3} text='正在读取工会名单…' />}
          {orgs.state.status === 'ok' && eligible.length > SEARCH_FROM && (
            <Input className='staff-input' value={search} placeholder='输入名字里的几个字，查找工会' aria-label='查找工会' onInput={(e) => setSearch(String(e.detail.value))} />
          )}
          {orgs.state.status === 'ok' && (
            <ChoiceList
              label='工会'
              choices={shown.map((o) => ({ value: o.id, label: o.name, hint: o.kindLabel, depth: search.trim() ? 0 : Math.max(0, o.depth - 1) }))}
              value={orgId}
              onChange={setOrgId}
            />
          )}
          {orgs.state.status === 'ok' && shown.length === 0 && <Text className='staff-note'>没有找到，换几个字试试。</Text>}
          {errors.orgId && <Alert text={errors.orgId} />}
        </View>
      )}

      {role && (
        <View>
          <Text className='invite-form__step'>{roleNeedsOrg(role) ? '第三步' : '第二步'}：备注（可以不填）</Text>
          <Input
            className='staff-input'
            value={note}
            maxlength={NOTE_MAX}
            placeholder='写上给谁的，例如：建材城工会新主席'
            aria-label='备注'
            onInput={(e) => setNote(String(e.detail.value))}
          />
          <Text className='staff-note'>备注只有管理员能看到。不要写手机号、身份证号。</Text>
          {errors.note && <Alert text={errors.note} />}
        </View>
      )}

      {errors._ && (
        <Alert text={errors._} />
      )}
      <Button className='big-button staff-gap' type='primary' block disabled={busy} onClick={submit}>
        {busy ? '正在生成…' : '生成邀请码'}
      </Button>
      <Button className='big-button staff-gap' block disabled={busy} onClick={onCancel}>
        不邀请了
      </Button>
    </View>
  )
}
