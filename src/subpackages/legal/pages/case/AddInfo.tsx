import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { NoteField } from '../../../../components/Field'
import Problem from '../../../../components/Problem'
import type { FieldErrors } from '../../../../domain/envelope'
import type { CaseView } from '../../../../domain/legal-aid/legal-aid.api'
import { errorText } from '../../../../services/errors'
import { withoutErrors } from '../../../../services/forms'
import { resubmitCase } from '../../../../services/legal-aid'
import { consentAsked, useConsents } from '../../../../services/useConsents'
import { useDraft } from '../../../../services/useDraft'
import { useResubmit } from '../../../../services/useResubmit'
import { useSubscribeAsk } from '../../../../services/subscribe'
import EvidencePhotos from '../../components/EvidencePhotos'
import { evidenceIds, legalDrafts, type EvidenceFiles } from '../../legal'

/** The most the worker may add in words (the `resubmit` event's `addition`; no constant in the contract). */
const ADDITION_MAX = 1000

interface AddDraft {
  words: string
  /** Uploaded photos per kind (ids count; a preview may not survive a restart). */
  evidence: EvidenceFiles
}

const MEDICAL_ITEMS = new Set(['injury_proof', 'hardship_proof'])

/** 补充材料: words and photos for exactly what the union asked, sent back with the case's version. */
export default function AddInfo({ c, onDone }: { c: CaseView; onDone(): void }) {
  const { value: draft, setValue: setDraft, clear } = useDraft<AddDraft>(legalDrafts, `add:${c.id}:${c.version}`, (saved) => ({ words: '', evidence: {}, ...saved }))
  const consent = useConsents()
  const { busy, sent, problem, setProblem, send } = useResubmit(clear, onDone)
  const askSubscribe = useSubscribeAsk('resubmit')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [uploading, setUploading] = useState(false)
  const medical = c.disputeType === 'injury' || c.askedItems.some((i) => MEDICAL_ITEMS.has(i.code))

  const change = (patch: Partial<AddDraft>, fields: string[]) => {
    setDraft((d) => ({ ...d, ...patch }))
    setErrors((e) => withoutErrors(e, fields))
    setProblem(null)
  }

  const submit = async () => {
    if (uploading) return
    const ids = evidenceIds(draft.evidence)
    if (!draft.words.trim() && ids.length === 0) return setErrors({ addition: '请写几句话，或者拍照片传上来，再交给工会。' })
    // WeChat's 订阅消息 sheet only opens from a tap: ask now (never waited for), then send what was added
    askSubscribe()
    const refused = await send(() => resubmitCase(c.id, c.version, { addition: draft.words, evidenceFileIds: ids }))
    if (!refused) return
    const asked = consentAsked(refused)
    if (asked) consent.lost(asked)
    setErrors(refused.fieldErrors ?? {})
    setProblem({ text: errorText(refused) })
  }

  if (sent) return <Text className='notice notice--ok'>✅ 已经交给工会了，正在刷新…</Text>

  return (
    <View className='legal-add'>
      <NoteField
        label='要补充的话'
        name='要补充的话'
        value={draft.words}
        max={ADDITION_MAX}
        onInput={(words) => change({ words }, ['addition'])}
        error={errors.addition}
      />
      <Text className='field-hint'>不会打字，可以点键盘上的话筒🎤，说话就能变成字。</Text>
      <EvidencePhotos
        files={draft.evidence}
        onChange={(purpose, photos) => change({ evidence: { ...draft.evidence, [purpose]: photos } }, ['evidenceFileIds'])}
        medical={medical}
        consent={consent}
        onBusy={setUploading}
        disabled={busy}
        error={errors.evidenceFileIds}
      />
      {problem && <Problem text={problem.text} action={problem.stale ? { label: '刷新', onClick: onDone } : undefined} />}
      <Button className='big-button gap' type='primary' block disabled={busy || uploading} onClick={submit}>
        {busy ? '正在提交…' : uploading ? '照片上传中…' : '交给工会'}
      </Button>
    </View>
  )
}
