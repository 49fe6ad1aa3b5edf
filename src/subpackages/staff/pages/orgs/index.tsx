import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import DateField from '../../../../components/DateField'
import ErrorBox from '../../../../components/ErrorBox'
import Loading from '../../../../components/Loading'
import { dateLabel } from '../../../../domain/calendar/working-days'
import type { AppError, FieldErrors } from '../../../../domain/envelope'
import { ORG_KIND_LABELS, ORG_KINDS, type OrgKind } from '../../../../domain/org/org'
import { formedAtDate, ORG_NAME_MAX, orgFields, orgName } from '../../../../domain/staff/staff.schema'
import { toFieldErrors } from '../../../../domain/validation'
import { errorText } from '../../../../services/errors'
import { createOrg, listOrgTree, moveOrg, updateOrg, type OrgTreeView } from '../../../../services/orgs'
import { useMe } from '../../../../services/useMe'
import Alert from '../../components/Alert'
import ChoiceList from '../../components/ChoiceList'
import OrgPicker from '../../components/OrgPicker'
import TextField, { FieldGroup } from '../../components/TextField'
import { useReply, type ReplyState } from '../../useReply'
import { useSubmit } from '../../useSubmit'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

type Tree = { orgs: OrgTreeView[] }
type Mode = { kind: 'list' } | { kind: 'create' } | { kind: 'rename' | 'formed' | 'move'; org: OrgTreeView }

const kindChoices = ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))
const STALE_TEXT = '这个工会刚刚被别人改过了。下面已经换成最新的名单，请再改一次。'

/** The org and every org below it: in tree order they follow it for as long as they are deeper. */
function subtreeIds(orgs: readonly OrgTreeView[], id: string): Set<string> {
  const at = orgs.findIndex((o) => o.id === id)
  const out = new Set<string>()
  if (at < 0) return out
  out.add(id)
  for (let i = at + 1; i < orgs.length && orgs[i].depth > orgs[at].depth; i++) out.add(orgs[i].id)
  return out
}

/** A refusal as field messages: the server's own per field, or one line for the whole form. */
const replyErrors = (error: AppError): FieldErrors => (error.fieldErrors ? { ...error.fieldErrors } : { _: errorText(error) })

/** OrgPicker reads a reply; hand it a fixed list (e.g. without the org being moved). */
const fixedList = (orgs: OrgTreeView[], reload: () => void): { state: ReplyState<Tree>; reload: () => void } => ({ state: { status: 'ok', data: { orgs } }, reload })

const formedText = (o: Pick<OrgTreeView, 'formedAt'>) => (o.formedAt ? `新组建 ${dateLabel(o.formedAt)}` : null)

interface FormProps {
  orgs: OrgTreeView[]
  reload: () => void
  onDone: (notice: string | null) => void
  onStale: () => void
}

function CreateForm({ orgs, reload, onDone }: FormProps) {
  const [name, setName] = useState('')
  const [kind, setKind] = useState<OrgKind | null>(null)
  const [parentId, setParentId] = useState<string | null>(null)
  const [formedAt, setFormedAt] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const { busy, run } = useSubmit()

  const submit = async () => {
    const parsed = orgFields.safeParse({ name, kind, parentId, formedAt: formedAt || null })
    if (!parsed.success) return setErrors(toFieldErrors(parsed.error))
    setErrors({})
    const { data } = parsed
    const r = await run(() => createOrg({ name: data.name, kind: data.kind, parentId: data.parentId as string, formedAt: data.formedAt ?? null }))
    if (!r) return
    if (!r.ok) return setErrors(replyErrors(r.error))
    void Taro.showToast({ title: '已新建', icon: 'success', duration: 2000 })
    onDone(`已新建「${r.data.org.name}」。`)
  }

  return (
    <View className='card editor-card'>
      <Text className='editor-card__title'>新建一个工会</Text>
      <TextField label='工会的名字' hint={`2 到 ${ORG_NAME_MAX} 个字，和同一个上级下面的工会不能重名`} value={name} maxlength={ORG_NAME_MAX} error={errors.name} onChange={setName} />
      <FieldGroup label='类型' error={errors.kind}>
        <ChoiceList label='类型' choices={kindChoices} value={kind} onChange={(v) => setKind(v as OrgKind)} />
      </FieldGroup>
      <FieldGroup label='上级工会' hint='新工会放在哪个工会下面' error={errors.parentId}>
        <OrgPicker orgs={fixedList(orgs, reload)} label='上级工会' value={parentId} onChange={setParentId} />
      </FieldGroup>
      <DateField label='新组建日期（可以不填）' hint='今年新成立的工会，选成立的那一天。会算进那一年的「新组建工会」。' value={formedAt} onChange={setFormedAt} error={errors.formedAt} />
      {formedAt && (
        <Button className='staff-action orgs__clear' disabled={busy} onClick={() => setFormedAt('')}>
          不填日期
        </Button>
      )}
      {errors._ && <Alert text={errors._} />}
      <Button className='big-button staff-gap' type='primary' block disabled={busy} onClick={submit}>
        {busy ? '正在保存…' : '新建'}
      </Button>
      <Button className='big-button staff-gap' block disabled={busy} onClick={() => onDone(null)}>
        不建了
      </Button>
    </View>
  )
}

function RenameForm({ org, onDone, onStale }: FormProps & { org: OrgTreeView }) {
  const [name, setName] = useState(org.name)
  const [errors, setErrors] = useState<FieldErrors>({})
  const { busy, run } = useSubmit()

  const submit = async () => {
    const parsed = orgName.safeParse(name)
    if (!parsed.success) return setErrors({ name: parsed.error.issues[0].message })
    if (parsed.data === org.name) return setErrors({ name: '名字没有变。要改就换一个名字' })
    setErrors({})
    const r = await run(() => updateOrg(org, { name: parsed.data }))
    if (!r) return
    if (!r.ok) return r.error.code === 'ORG.STALE' ? onStale() : setErrors(replyErrors(r.error))
    void Taro.showToast({ title: '已改名', icon: 'success', duration: 2000 })
    onDone(`「${org.name}」已改名为「${r.data.org.name}」。`)
  }

  return (
    <View className='card editor-card'>
      <Text className='editor-card__title'>改名字</Text>
      <Text className='staff-para'>现在叫：{org.name}</Text>
      <TextField label='新的名字' hint={`2 到 ${ORG_NAME_MAX} 个字`} value={name} maxlength={ORG_NAME_MAX} error={errors.name} onChange={setName} />
      {errors._ && <Alert text={errors._} />}
      <Button className='big-button staff-gap' type='primary' block disabled={busy} onClick={submit}>
        {busy ? '正在保存…' : '保存新名字'}
      </Button>
      <Button className='big-button staff-gap' block disabled={busy} onClick={() => onDone(null)}>
        不改了
      </Button>
    </View>
  )
}

function FormedForm({ org, onDone, onStale }: FormProps & { org: OrgTreeView }) {
  const [date, setDate] = useState(org.formedAt ?? '')
  const [errors, setErrors] = useState<FieldErrors>({})
  const { busy, run } = useSubmit()

  const send = async (formedAt: string | null) => {
    setErrors({})
    const r = await run(() => updateOrg(org, { formedAt }))
    if (!r) return
    if (!r.ok) return r.error.code === 'ORG.STALE' ? onStale() : setErrors(replyErrors(r.error))
    void Taro.showToast({ title: '已保存', icon: 'success', duration: 2000 })
    onDone(formedAt ? `「${org.name}」的新组建日期是 ${dateLabel(formedAt)}。` : `「${org.name}」不再算新组建工会。`)
  }
  const save = () => {
    const parsed = formedAtDate.safeParse(date)
    if (!date) return setErrors({ formedAt: '请选择日期' })
    if (!parsed.success) return setErrors({ formedAt: parsed.error.issues[0].message })
    if (date === org.formedAt) return setErrors({ formedAt: '日期没有变' })
    return send(parsed.data)
  }

  return (
    <View className='card editor-card'>
      <Text className='editor-card__title'>新组建日期</Text>
      <Text className='staff-para'>{org.name}</Text>
      <Text className='staff-note'>有日期的工会，算进那一年的「新组建工会」。</Text>
      <DateField label='成立的日子' value={date} onChange={setDate} error={errors.formedAt} />
      {errors._ && <Alert text={errors._} />}
      <Button className='big-button staff-gap' type='primary' block disabled={busy} onClick={save}>
        {busy ? '正在保存…' : '保存日期'}
      </Button>
      {org.formedAt && (
        <Button className='big-button staff-gap' block disabled={busy} onClick={() => send(null)}>
          不算新组建（清除日期）
        </Button>
      )}
      <Button className='big-button staff-gap' block disabled={busy} onClick={() => onDone(null)}>
        不改了
      </Button>
    </View>
  )
}

function MoveForm({ org, orgs, reload, onDone, onStale }: FormProps & { org: OrgTreeView }) {
  const [parentId, setParentId] = useState<string | null>(null)
  const [errors, setErrors] = useState<FieldErrors>({})
  const { busy, run } = useSubmit()
  // Not under itself, nor under anything below it.
  const own = subtreeIds(orgs, org.id)
  const candidates = orgs.filter((o) => !own.has(o.id))
  const below = own.size - 1

  const submit = async () => {
    if (!parentId) return setErrors({ parentId: '请选择新的上级工会' })
    if (parentId === org.parentId) return setErrors({ parentId: '它现在就在这个工会下面。请选另一个工会' })
    setErrors({})
    const r = await run(() => moveOrg(org, parentId))
    if (!r) return
    if (!r.ok) return r.error.code === 'ORG.STALE' ? onStale() : setErrors(replyErrors(r.error))
    const to = orgs.find((o) => o.id === parentId)?.name ?? '新的上级工会'
    void Taro.showToast({ title: '已移动', icon: 'success', duration: 2000 })
    onDone(`「${org.name}」已移到「${to}」下面。${r.data.total > 0 ? `有 ${r.data.total} 条申请、驿站等记录也跟着改好了。` : ''}`)
  }

  return (
    <View className='card editor-card'>
      <Text className='editor-card__title'>移到别的工会下面</Text>
      <Text className='staff-para'>{org.name}</Text>
      {below > 0 && <Text className='staff-note'>它下面的 {below} 个工会会跟着一起移动。</Text>}
      <FieldGroup label='新的上级工会' hint='它自己和它下面的工会不能选' error={errors.parentId}>
        <OrgPicker orgs={fixedList(candidates, reload)} label='新的上级工会' value={parentId} onChange={setParentId} />
      </FieldGroup>
      {errors._ && <Alert text={errors._} />}
      <Button className='big-button staff-gap' type='primary' block disabled={busy} onClick={submit}>
        {busy ? '正在移动…' : '移过去'}
      </Button>
      <Button className='big-button staff-gap' block disabled={busy} onClick={() => onDone(null)}>
        不移了
      </Button>
    </View>
  )
}

function OrgRow({ org, open, onToggle, onPick }: { org: OrgTreeView; open: boolean; onToggle: () => void; onPick: (kind: 'rename' | 'formed' | 'move') => void }) {
  const formed = formedText(org)
  return (
    <View className={`org-item org-item--depth-${Math.min(org.depth, 4)}`} role='listitem'>
      <View className={`org-row${open ? ' org-row--open' : ''}`} role='button' aria-expanded={open} onClick={onToggle}>
        <Text className='org-row__name'>{org.name}</Text>
        <View className='org-row__meta'>
          <Text className='org-row__kind'>{org.kindLabel}</Text>
          {formed && <Text className='org-row__formed'>{formed}</Text>}
        </View>
      </View>
      {open && (
        <View className='org-actions'>
          <Button className='staff-action org-actions__button' onClick={() => onPick('rename')}>
            改名字
          </Button>
          <Button className='staff-action org-actions__button' onClick={() => onPick('formed')}>
            新组建日期
          </Button>
          {org.parentId ? (
            <Button className='staff-action org-actions__button' onClick={() => onPick('move')}>
              移到别的工会下面
            </Button>
          ) : (
            <Text className='staff-note'>总工会是最上面的一级，不能移动。</Text>
          )}
        </View>
      )}
    </View>
  )
}

function Orgs() {
  const tree = useReply(listOrgTree)
  const [mode, setMode] = useState<Mode>({ kind: 'list' })
  const [openId, setOpenId] = useState<string | null>(null)
  const [notice, setNotice] = useState<{ text: string; bad: boolean } | null>(null)

  if (tree.state.status === 'error') return <ErrorBox title='没能读到工会名单' error={tree.state.error} onRetry={tree.reload} />
  if (tree.state.status !== 'ok') {
    return (
      <View className='card'>
        <Loading rows={4} text='正在读取工会名单…' />
      </View>
    )
  }
  const orgs = tree.state.data.orgs
  const done = (text: string | null) => {
    setMode({ kind: 'list' })
    setOpenId(null)
    setNotice(text ? { text, bad: false } : null)
    if (text) tree.reload()
  }
  const stale = () => {
    setMode({ kind: 'list' })
    setOpenId(null)
    setNotice({ text: STALE_TEXT, bad: true })
    tree.reload()
  }
  const form = { orgs, reload: tree.reload, onDone: done, onStale: stale }

  if (mode.kind === 'create') return <CreateForm {...form} />
  if (mode.kind === 'rename') return <RenameForm {...form} org={mode.org} />
  if (mode.kind === 'formed') return <FormedForm {...form} org={mode.org} />
  if (mode.kind === 'move') return <MoveForm {...form} org={mode.org} />

  return (
    <View>
      {notice && (
        <View className={`notice${notice.bad ? ' notice--bad' : ' notice--ok'}`} role='status'>
          <Text>{notice.text}</Text>
        </View>
      )}
      <View className='card'>
        <Text className='staff-para'>全区的工会，下级排在上级下面。点一个工会，可以改名字、填新组建日期，或者移到别的工会下面。</Text>
        <Button
          className='big-button staff-gap'
          type='primary'
          block
          onClick={() => {
            setNotice(null)
            setMode({ kind: 'create' })
          }}
        >
          ➕ 新建工会
        </Button>
      </View>
      <Text className='section-title'>工会名单（{orgs.length}）</Text>
      <View className='card orgs__list' role='list' aria-label='工会名单'>
        {orgs.map((org) => (
          <OrgRow
            key={org.id}
            org={org}
            open={openId === org.id}
            onToggle={() => setOpenId(openId === org.id ? null : org.id)}
            onPick={(kind) => {
              setNotice(null)
              setMode({ kind, org })
            }}
          />
        ))}
      </View>
    </View>
  )
}

export default function OrgsPage() {
  const { state, reload } = useMe()
  return (
    <View className='page staff station-staff orgs'>
      {state.status === 'loading' && (
        <View className='card'>
          <Loading text='正在读取你的身份，请稍等…' />
        </View>
      )}
      {state.status === 'error' && <ErrorBox title='没能读到你的身份' error={state.error} onRetry={reload} />}
      {state.status === 'ok' && state.me.role === 'admin' && <Orgs />}
      {state.status === 'ok' && state.me.role !== 'admin' && (
        <View className='card'>
          <Text className='staff-card-title'>这一页只有管理员能用</Text>
          <Text className='staff-para'>要新建工会、改名字或调整上下级，请联系县总工会的管理员。</Text>
        </View>
      )}
    </View>
  )
}
