import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { FieldErrors } from '../../../../domain/envelope'
import { newIdempotencyKey } from '../../../../domain/requests/idempotency-key'
import { PROBLEMS, REPORT_PHOTOS_MAX, TEXT_MAX, type ProblemCode } from '../../../../domain/stations/station.constants'
import { errorText } from '../../../../services/errors'
import { clearDraft, loadDraft, MY_REPORTS_PAGE, reportProblem, saveDraft, withQuery } from '../../../../services/stations'
import { useSubscribeAsk } from '../../../../services/subscribe'
import { paramText } from '../../format'
import StationFieldError from '../../../../components/StationFieldError'
import PhotoPicker, { type PickerPhoto } from '../../../../components/PhotoPicker'
import LongText from '../../../../components/LongText'
import { pageClass, useTextSize } from '../../../../services/text-size'
import '../../../../components/StationShared.css'
import './index.css'

const ICONS: Record<ProblemCode, string> = {
  water_dispenser: '🚰',
  microwave: '🍱',
  toilet: '🚻',
  charging: '🔌',
  climate: '❄️',
  first_aid: '🩹',
  aed: '❤️',
  furniture: '🪑',
  dirty: '🧹',
  closed_in_hours: '🔒',
  other: '❓',
}
const TRANSIENT = new Set(['NET.UNAVAILABLE', 'SYS.TIMEOUT', 'SYS.BAD_REPLY', 'SYS.INTERNAL'])
const KEY_CONFLICT = 'REQUEST.KEY_CONFLICT'

interface Draft {
  problem: ProblemCode | null
  text: string
  /** Kept until the report is in: a retry after a lost reply is the same report, not a second one. */
  key: string
}

/** 报修: pick what is broken (big buttons), say more if you like, submit once. Kept on the phone until sent. */
export default function ReportPage() {
  const { textClass } = useTextSize()
  const { params } = useRouter()
  const stationId = params.id ?? ''
  const stationName = paramText(params.name)
  const draftName = `report:${stationId}`
  const [draft, setDraft] = useState<Draft>(() => {
    const saved = loadDraft<Draft>(draftName)
    return { problem: saved?.problem ?? null, text: typeof saved?.text === 'string' ? saved.text : '', key: saved?.key || newIdempotencyKey() }
  })
  const [restored] = useState(() => {
    const saved = loadDraft<Draft>(draftName)
    return !!saved && (!!saved.problem || !!saved.text)
  })
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  /** Uploaded photos (not kept in the draft: local previews do not survive a restart). */
  const [photos, setPhotos] = useState<PickerPhoto[]>([])
  const [uploading, setUploading] = useState(false)
  const [done, setDone] = useState<{ id: string; stateLabel: string } | null>(null)
  const sending = useRef(false)
  const askSubscribe = useSubscribeAsk('submit')

  useEffect(() => {
    if (!done) saveDraft(draftName, draft)
  }, [draft, done, draftName])

  const change = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    setErrors((e) => {
      const next = { ...e }
      for (const k of Object.keys(patch)) delete next[k]
      return next
    })
  }

  const submit = async () => {
    if (sending.current || uploading) return
    const text = draft.text.trim()
    const problems: FieldErrors = {}
    if (!draft.problem) problems.problem = '请先选一下哪里坏了'
    if (text.length > TEXT_MAX) problems.text = `说明不超过 ${TEXT_MAX} 个字`
    if (Object.keys(problems).length) {
      setErrors(problems)
      return
    }
    // WeChat's 订阅消息 sheet only opens from a tap: ask now (never waited for), then send
    askSubscribe()
    sending.current = true
    setBusy(true)
    setErrors({})
    const reply = await reportProblem({ key: draft.key, stationId, problem: draft.problem as ProblemCode, text: text || undefined, photoFileIds: photos.map((p) => p.id) }).catch(() => null)
    sending.current = false
    setBusy(false)
    if (reply?.ok) {
      clearDraft(draftName)
      setDone(reply.data)
      return
    }
    if (!reply || TRANSIENT.has(reply.error.code)) {
      setErrors({ _: `${reply ? errorText(reply.error) : '网络不太好，请再试一次'}。你填的内容已经保存在手机上，网络好了再点“提交报修”。` })
      return
    }
    if (reply.error.code === KEY_CONFLICT) {
      // The earlier try did arrive with other words: this one becomes a new report.
      setDraft((d) => ({ ...d, key: newIdempotencyKey() }))
      setErrors({ _: '你刚才已经报过一次了，可以在“我报修的事”里看到。如果还要再报，请再点一次“提交报修”。' })
      return
    }
    const fe = reply.error.fieldErrors ?? {}
    setErrors({
      ...(fe.problem ? { problem: fe.problem } : {}),
      ...(fe.text ? { text: fe.text } : {}),
      ...(fe.photoFileIds ? { photos: fe.photoFileIds } : {}),
      _: errorText(reply.error),
    })
  }

  if (done) {
    return (
      <View className={pageClass('page stations', textClass)}>
        <View className='card report-done' role='status'>
          <Text className='report-done__title'>✅ 报修已提交</Text>
          <Text className='report-done__text'>{done.stateLabel}。工会会派人来看。修好了，会在“我报修的事”里告诉你。</Text>
          <Button className='big-button gap' type='primary' block onClick={() => Taro.redirectTo({ url: withQuery(MY_REPORTS_PAGE, { id: done.id }) })}>
            看我报修的事
          </Button>
          <Button className='big-button gap' block onClick={() => Taro.navigateBack()}>
            回到驿站
          </Button>
        </View>
      </View>
    )
  }

  return (
    <View className={pageClass('page stations', textClass)}>
      <View className='card'>
        <Text className='report-title'>报修：{stationName || '这个驿站'}</Text>
        {restored && <Text className='notice'>上次没提交的内容还在，接着填就行。</Text>}

        <View className={`field${errors.problem ? ' field--bad' : ''}`}>
          <Text className='field-label'>1. 哪里坏了？（点一个）</Text>
          <View className='problems' role='radiogroup' aria-label='哪里坏了'>
            {PROBLEMS.map((p) => {
              const on = draft.problem === p.code
              return (
                <View key={p.code} className={`problem${on ? ' problem--on' : ''}`} role='radio' aria-checked={on} onClick={() => change({ problem: p.code })}>
                  <Text className='problem__icon' aria-hidden>
                    {on ? '✓' : ICONS[p.code]}
                  </Text>
                  <Text className='problem__label'>{p.label}</Text>
                </View>
              )
            })}
          </View>
          <StationFieldError text={errors.problem} />
        </View>

        <LongText
          label='2. 还想说点什么？（可以不写）'
          hint='比如：饮水机不出热水。'
          name='说明'
          placeholder='在这里写'
          value={draft.text}
          max={TEXT_MAX}
          onInput={(text) => change({ text })}
          error={errors.text}
        />

        <View className={`field${errors.photos ? ' field--bad' : ''}`}>
          <PhotoPicker
            purpose='report_photo'
            photos={photos}
            onChange={(next) => {
              setPhotos(next)
              setErrors((e) => {
                const rest = { ...e }
                delete rest.photos
                return rest
              })
            }}
            max={REPORT_PHOTOS_MAX}
            label={`3. 拍张照片？（可以不拍，最多 ${REPORT_PHOTOS_MAX} 张）`}
            hint='只拍坏了的东西。请不要拍到人脸。'
            onBusy={setUploading}
            disabled={busy}
          />
          <StationFieldError text={errors.photos} />
        </View>

        {errors._ && (
          <View className='notice notice--bad' role='alert'>
            <Text>{errors._}</Text>
          </View>
        )}
        <Button className='big-button gap report-submit' type='primary' block disabled={busy || uploading} onClick={submit}>
          {busy ? '正在提交…' : uploading ? '照片上传中…' : '提交报修'}
        </Button>
      </View>
    </View>
  )
}
