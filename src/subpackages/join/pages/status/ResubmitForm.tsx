import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import InfoRow from '../../../../components/InfoRow'
import PhotoPicker, { type PickerPhoto } from '../../../../components/PhotoPicker'
import Problem from '../../../../components/Problem'
import type { FieldErrors } from '../../../../domain/envelope'
import {
  applicationChanges,
  INCOME_SOURCES,
  NAME_MAX,
  NOTE_MAX,
  PROOF_PHOTOS_MAX,
  type ApplicationView,
  type InfoItem,
} from '../../../../domain/membership/membership.schema'
import { toFieldErrors } from '../../../../domain/validation'
import { errorText } from '../../../../services/errors'
import { resubmitApplication } from '../../../../services/membership'
import { useResubmit } from '../../../../services/useResubmit'
import { useSubscribeAsk } from '../../../../services/subscribe'
import { Choices, Field, NoteField, TextField } from '../../../../components/Field'
import { JobFields, PlaceFields } from '../../components/WorkFields'
import { emptyWork, formErrors, withoutErrors, workFromView, workInput, type IncomeChoice, type WorkForm } from '../../form'
import { useDraft } from '../../useDraft'

interface ResubmitDraft {
  name: string
  /** Empty: keep the phone number the union has. */
  phone: string
  incomeSource: IncomeChoice
  work: WorkForm
  note: string
  /** Uploaded work_proof photos (their ids are what counts; a preview may not survive a restart). */
  photos: PickerPhoto[]
}

/**
 * 补充材料: what the union asked for comes first; everything else filled in before is there already
 * (ID and phone masked) and can be opened with 还要改别的内容. Kept on the phone until it is sent.
 */
export default function ResubmitForm({ application: a, onDone }: { application: ApplicationView; onDone(): void }) {
  const asked = new Set<InfoItem>(a.askedItems.map((i) => i.code))
  const { value: draft, setValue: setDraft, clear } = useDraft<ResubmitDraft>(`resubmit:${a.id}:${a.version}`, (saved) => ({
    name: a.form.name,
    phone: '',
    incomeSource: a.form.incomeSource,
    note: '',
    photos: [],
    ...saved,
    work: { ...emptyWork(), ...workFromView(a.form), ...saved?.work },
  }))
  const [showAll, setShowAll] = useState(false)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [uploading, setUploading] = useState(false)
  const { busy, sent, problem, setProblem, send } = useResubmit(clear, onDone)
  const askSubscribe = useSubscribeAsk('resubmit')

  const change = (patch: Partial<ResubmitDraft>, fields: string[]) => {
    setDraft((d) => ({ ...d, ...patch }))
    setErrors((e) => withoutErrors(e, fields))
    setProblem(null)
  }
  const changeWork = (patch: Partial<WorkForm>, fields: string[]) => change({ work: { ...draft.work, ...patch } }, fields)
  const shows = (...codes: InfoItem[]) => showAll || codes.some((c) => asked.has(c))
  /** An error in a part that is folded away opens everything. */
  const showErrors = (e: FieldErrors) => {
    setErrors(e)
    const seen = [
      ...(shows('name') ? ['name'] : []),
      ...(shows('phone') ? ['phone'] : []),
      ...(shows('work_proof') ? ['photos'] : []),
      ...(shows('employer_name', 'employer_address') ? ['workPlace', 'remoteUnion', 'workCity', 'employer'] : []),
      ...(shows('occupation') ? ['employmentType', 'platform', 'occupation'] : []),
      'note',
      '_',
    ]
    if (Object.keys(e).some((k) => !seen.some((f) => k === f || k.startsWith(`${f}.`)))) setShowAll(true)
  }

  const submit = async () => {
    if (uploading) return
    const parsed = applicationChanges.safeParse({
      name: draft.name,
      phone: draft.phone.trim() || undefined,
      incomeSource: draft.incomeSource || undefined,
      ...workInput(draft.work),
    })
    const problems: FieldErrors = parsed.success ? {} : toFieldErrors(parsed.error)
    if (asked.has('work_proof') && draft.photos.length === 0) problems.photos = '请拍照上传干活的证明，至少 1 张'
    if (draft.note.trim().length > NOTE_MAX) problems.note = `说明最多 ${NOTE_MAX} 个字`
    if (!parsed.success || Object.keys(problems).length) {
      showErrors(problems)
      return
    }
    // WeChat's 订阅消息 sheet only opens from a tap: ask now (never waited for), then send what was added
    askSubscribe()
    const refused = await send(() =>
      resubmitApplication({ id: a.id, version: a.version, changes: parsed.data, proofFileIds: draft.photos.map((p) => p.id), note: draft.note }),
    )
    if (!refused) return
    const fe = formErrors(refused.fieldErrors, 'changes')
    if (fe.proofFileIds) fe.photos = fe.proofFileIds
    showErrors({ ...fe, _: errorText(refused) })
  }

  if (sent) return <Text className='notice notice--ok'>✅ 已经交给工会了，正在刷新…</Text>

  return (
    <View className='resubmit'>
      <Text className='join-title'>补充材料</Text>
      <Text className='join-text'>你以前填的内容都在下面，只改要补的就行。</Text>
      <InfoRow label='身份证号（不能改）' value={a.form.maskedIdNumber} />

      {shows('name') && <TextField label='姓名' hint='和身份证上的一样。' name='姓名' value={draft.name} maxlength={NAME_MAX} onInput={(name) => change({ name }, ['name'])} error={errors.name} />}
      {shows('phone') && (
        <TextField
          label='手机号'
          hint={`现在是 ${a.form.maskedPhone}。不用改就空着。`}
          name='手机号'
          type='number'
          value={draft.phone}
          maxlength={11}
          onInput={(phone) => change({ phone }, ['phone'])}
          error={errors.phone}
        />
      )}
      {shows('work_proof') && (
        <Field label='' error={errors.photos}>
          <PhotoPicker
            purpose='work_proof'
            photos={draft.photos}
            onChange={(photos) => change({ photos }, ['photos'])}
            max={PROOF_PHOTOS_MAX}
            label={`干活的证明（最多 ${PROOF_PHOTOS_MAX} 张）`}
            hint='拍工牌、劳动合同、工资条或接单截图都行。只有办你这件事的工会工作人员能看到。'
            onBusy={setUploading}
            disabled={busy}
          />
        </Field>
      )}
      {shows('employer_name', 'employer_address') && <PlaceFields form={draft.work} change={changeWork} errors={errors} />}
      {shows('occupation') && <JobFields form={draft.work} change={changeWork} errors={errors} />}
      {showAll && (
        <Choices label='主要靠什么挣钱？' options={INCOME_SOURCES} value={draft.incomeSource} onChange={(incomeSource) => change({ incomeSource }, ['incomeSource'])} error={errors.incomeSource} />
      )}
      {!showAll && (
        <View className='text-link' role='button' onClick={() => setShowAll(true)}>
          <Text>还要改别的内容？点这里</Text>
        </View>
      )}

      <NoteField label='想对工会说的话（可以不写）' name='想对工会说的话' value={draft.note} max={NOTE_MAX} onInput={(note) => change({ note }, ['note'])} error={errors.note} />

      {(problem || errors._) && <Problem text={problem?.text ?? errors._} action={problem?.stale ? { label: '刷新', onClick: onDone } : undefined} />}
      <Button className='big-button gap' type='primary' block disabled={busy || uploading} onClick={submit}>
        {busy ? '正在提交…' : uploading ? '照片上传中…' : '交给工会'}
      </Button>
    </View>
  )
}
