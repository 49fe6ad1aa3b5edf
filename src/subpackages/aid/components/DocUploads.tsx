import { useRef } from 'react'
import { Text, View } from '@tarojs/components'
import { ConsentGate } from '../../../components/ConsentBox'
import { Field } from '../../../components/Field'
import PhotoPicker, { type PickerPhoto } from '../../../components/PhotoPicker'
import type { ConsentCategory } from '../../../domain/consent/consent'
import type { AppError } from '../../../domain/envelope'
import { FILE_PURPOSES } from '../../../domain/files/files.schema'
import { DOC_FILES_MAX, DOC_KIND_PURPOSES, type DocKind } from '../../../domain/mutual-aid/mutual-aid.constants'
import { consentAsked, type ConsentsApi } from '../useConsents'

export type DocFiles = Partial<Record<DocKind, PickerPhoto[]>>

/** Medical papers first: they are what most claims need. */
const CONSENT_ORDER: ConsentCategory[] = ['medical_documents', 'id_number', 'bank_card']
const consentOf = (code: DocKind): ConsentCategory | null => FILE_PURPOSES[DOC_KIND_PURPOSES[code]].consent

export const AID_CONSENT_TASK = '申请互助保障补助'
export const AID_CONSENT_REFUSE = '不同意的话，没法在网上交这些材料。可以带上材料到单位工会去办，或者打 12351 问一问。'

interface Props {
  documents: ReadonlyArray<{ code: DocKind; label: string }>
  files: DocFiles
  onChange(code: DocKind, photos: PickerPhoto[]): void
  errors: Partial<Record<string, string>>
  /** The worker's consents (useConsents), shared with the page. */
  consent: ConsentsApi
  /** True while any photo is on its way up. */
  onBusy(busy: boolean): void
  disabled?: boolean
}

/**
 * One photo picker per document the server asked for, each uploaded with its document's purpose; the
 * separate consent a kind of paper needs (病历和票据, 身份证, 银行卡) is asked first, above the pickers.
 */
export default function DocUploads({ documents, files, onChange, errors, consent, onBusy, disabled }: Props) {
  const { consents, granted, lost } = consent
  const busy = useRef(new Set<DocKind>())
  const setBusy = (code: DocKind, on: boolean) => {
    if (on) busy.current.add(code)
    else busy.current.delete(code)
    onBusy(busy.current.size > 0)
  }
  const asked = CONSENT_ORDER.filter((c) => consents[c] !== 'granted' && documents.some((d) => consentOf(d.code) === c))
  const refused = (error: AppError) => {
    const c = consentAsked(error)
    if (c) lost(c)
  }

  return (
    <View className='aid-docs'>
      {asked.map((c) => (
        <ConsentGate key={c} category={c} task={AID_CONSENT_TASK} refuse={AID_CONSENT_REFUSE} state={consents[c]} onGranted={() => granted(c)} />
      ))}
      {documents.map((d) => {
        const c = consentOf(d.code)
        const open = !c || consents[c] === 'granted'
        return (
          <Field key={d.code} label='' error={errors[d.code]}>
            {open ? (
              <PhotoPicker
                purpose={DOC_KIND_PURPOSES[d.code]}
                photos={files[d.code] ?? []}
                onChange={(photos) => onChange(d.code, photos)}
                max={DOC_FILES_MAX}
                label={d.label}
                hint='拍清楚，四个角都拍进去；有好几页就拍好几张。'
                onBusy={(on) => setBusy(d.code, on)}
                onError={refused}
                disabled={disabled}
              />
            ) : (
              <View>
                <Text className='field-label'>{d.label}</Text>
                <Text className='field-hint'>先看一看上面的说明，点“我同意”，再拍照上传。</Text>
              </View>
            )}
          </Field>
        )
      })}
    </View>
  )
}

/** The ids to send: only the documents asked for, only those with files. */
export function docIds(documents: ReadonlyArray<{ code: DocKind }>, files: DocFiles): Partial<Record<DocKind, string[]>> {
  const out: Partial<Record<DocKind, string[]>> = {}
  for (const d of documents) {
    const ids = (files[d.code] ?? []).map((p) => p.id)
    if (ids.length) out[d.code] = ids
  }
  return out
}

/** "还没上传" next to each document without a photo. */
export function missingDocErrors(documents: ReadonlyArray<{ code: DocKind }>, files: DocFiles): Partial<Record<DocKind, string>> {
  const out: Partial<Record<DocKind, string>> = {}
  for (const d of documents) if (!(files[d.code] ?? []).length) out[d.code] = '这一项还没上传，请拍照上传'
  return out
}
