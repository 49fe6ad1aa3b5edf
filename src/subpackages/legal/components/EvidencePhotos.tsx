import { useRef } from 'react'
import { Text, View } from '@tarojs/components'
import { ConsentGate } from '../../../components/ConsentBox'
import PhotoPicker, { type PickerPhoto } from '../../../components/PhotoPicker'
import StationFieldError from '../../../components/StationFieldError'
import type { AppError } from '../../../domain/envelope'
import { FILE_PURPOSES } from '../../../domain/files/files.schema'
import { EVIDENCE_MAX } from '../../../domain/legal-aid/legal-aid.constants'
import { consentAsked, type ConsentsApi } from '../../../services/useConsents'
import { EVIDENCE_GROUPS, type EvidenceFiles, type EvidencePurpose } from '../legal'

export const LEGAL_CONSENT_TASK = '申请法律援助'
export const LEGAL_CONSENT_REFUSE = '不同意也没关系：病历可以以后交给帮你办事的人看。其他照片照样能传。'

interface Props {
  files: EvidenceFiles
  onChange(purpose: EvidencePurpose, photos: PickerPhoto[]): void
  /** Ask for medical papers (an injury, a serious illness, or the union asked for them). */
  medical: boolean
  /** Files kept from before that are not in any picker (counted against the limit). */
  kept?: number
  consent: ConsentsApi
  onBusy(busy: boolean): void
  disabled?: boolean
  error?: string
}

/**
 * Photos of the evidence, one picker a kind (each uploaded with its purpose), all kinds together at most
 * EVIDENCE_MAX. Medical papers need their separate consent first; the other kinds do not.
 */
export default function EvidencePhotos({ files, onChange, medical, kept = 0, consent, onBusy, disabled, error }: Props) {
  const busy = useRef(new Set<EvidencePurpose>())
  const setBusy = (purpose: EvidencePurpose, on: boolean) => {
    if (on) busy.current.add(purpose)
    else busy.current.delete(purpose)
    onBusy(busy.current.size > 0)
  }
  const refused = (e: AppError) => {
    const c = consentAsked(e)
    if (c) consent.lost(c)
  }
  const total = kept + EVIDENCE_GROUPS.reduce((n, g) => n + (files[g.purpose]?.length ?? 0), 0)
  const groups = EVIDENCE_GROUPS.filter((g) => g.purpose !== 'medical_record' || medical || (files.medical_record?.length ?? 0) > 0)

  return (
    <View className='legal-evidence' aria-label='证据照片'>
      <Text className='field-hint'>
        有什么就拍什么，没有也能提交。一共最多 {EVIDENCE_MAX} 张，只有办这件事的工会工作人员能看到，不会给老板看。
      </Text>
      {groups.map((g) => {
        const photos = files[g.purpose] ?? []
        const picker = (
          <PhotoPicker
            purpose={g.purpose}
            photos={photos}
            onChange={(p) => onChange(g.purpose, p)}
            max={Math.max(photos.length, photos.length + EVIDENCE_MAX - total)}
            label={g.label}
            hint={g.hint}
            onBusy={(on) => setBusy(g.purpose, on)}
            onError={refused}
            disabled={disabled}
          />
        )
        const category = FILE_PURPOSES[g.purpose].consent
        return (
          <View key={g.purpose} className='legal-evidence__group'>
            {category ? (
              <ConsentGate
                category={category}
                task={LEGAL_CONSENT_TASK}
                refuse={LEGAL_CONSENT_REFUSE}
                state={consent.consents[category]}
                onGranted={() => consent.granted(category)}
              >
                {picker}
              </ConsentGate>
            ) : (
              picker
            )}
          </View>
        )
      })}
      <StationFieldError text={error} />
    </View>
  )
}
