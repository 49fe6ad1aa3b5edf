import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { NoteField } from '../../../../components/Field'
import type { PickerPhoto } from '../../../../components/PhotoPicker'
import Problem from '../../../../components/Problem'
import type { FieldErrors } from '../../../../domain/envelope'
import type { ClaimView } from '../../../../domain/mutual-aid/mutual-aid.api'
import { NOTE_MAX, type DocKind } from '../../../../domain/mutual-aid/mutual-aid.constants'
import { errorText } from '../../../../services/errors'
import { formErrors, withoutErrors } from '../../../../services/forms'
import { resubmitClaim } from '../../../../services/mutual-aid'
import { useDraft } from '../../../../services/useDraft'
import { useResubmit } from '../../../../services/useResubmit'
import { useSubscribeAsk } from '../../../../services/subscribe'
import DocUploads, { docIds, missingDocErrors, type DocFiles } from '../../components/DocUploads'
import { aidDrafts } from '../../format'
import { consentAsked, useConsents } from '../../useConsents'

interface ResubmitDraft {
  /** Uploaded files per asked document (ids count; a preview may not survive a restart). */
  docs: DocFiles
  note: string
}

/** 补充材料: exactly the documents the union asked for, uploaded and sent back with the claim's version. */
export default function ResubmitDocs({ claim: c, onDone }: { claim: ClaimView; onDone(): void }) {
  const { value: draft, setValue: setDraft, clear } = useDraft<ResubmitDraft>(aidDrafts, `resubmit:${c.id}:${c.version}`, (saved) => ({ docs: {}, note: '', ...saved }))
  const consent = useConsents()
  const { busy, sent, problem, setProblem, send } = useResubmit(clear, onDone)
  const askSubscribe = useSubscribeAsk('resubmit')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [uploading, setUploading] = useState(false)

  const change = (patch: Partial<ResubmitDraft>, fields: string[]) => {
    setDraft((d) => ({ ...d, ...patch }))
    setErrors((e) => withoutErrors(e, fields))
    setProblem(null)
  }

  const submit = async () => {
    if (uploading) return
    const missing = missingDocErrors(c.askedDocuments, draft.docs)
    if (Object.keys(missing).length) return setErrors(missing as FieldErrors)
    // WeChat's 订阅消息 sheet only opens from a tap: ask now (never waited for), then send what was added
    askSubscribe()
    const refused = await send(() => resubmitClaim(c.id, c.version, docIds(c.askedDocuments, draft.docs), draft.note))
    if (!refused) return
    const asked = consentAsked(refused)
    if (asked) consent.lost(asked)
    // `claim.documents.invoice` / `documents.invoice` → next to the invoice picker
    setErrors(formErrors(formErrors(refused.fieldErrors, 'claim'), 'documents'))
    setProblem({ text: errorText(refused) })
  }

  if (sent) return <Text className='notice notice--ok'>✅ 已经交给工会了，正在刷新…</Text>

  return (
    <View className='aid-resubmit'>
      <DocUploads
        documents={c.askedDocuments}
        files={draft.docs}
        onChange={(code: DocKind, photos: PickerPhoto[]) => change({ docs: { ...draft.docs, [code]: photos } }, [code])}
        errors={errors}
        consent={consent}
        onBusy={setUploading}
        disabled={busy}
      />
      <NoteField label='想对工会说的话（可以不写）' name='想对工会说的话' value={draft.note} max={NOTE_MAX} onInput={(note) => change({ note }, ['note'])} error={errors.note} />
      {problem && <Problem text={problem.text} action={problem.stale ? { label: '刷新', onClick: onDone } : undefined} />}
      <Button className='big-button gap' type='primary' block disabled={busy || uploading} onClick={submit}>
        {busy ? '正在提交…' : uploading ? '照片上传中…' : '交给工会'}
      </Button>
    </View>
  )
}
