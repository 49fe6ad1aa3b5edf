import { useEffect, useRef, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import LongText from '../../../../components/LongText'
import PrivacyPopup from '../../../../components/PrivacyPopup'
import type { FieldErrors } from '../../../../domain/envelope'
import { newIdempotencyKey } from '../../../../domain/requests/idempotency-key'
import { stationsEvent, TEXT_MAX } from '../../../../domain/stations/station.schema'
import type { GcjPoint } from '../../../../domain/stations/station.schema'
import { toFieldErrors } from '../../../../domain/validation'
import { errorText } from '../../../../services/errors'
import { chooseOnMap, clearDraft, loadDraft, locate, MY_SUGGESTIONS_PAGE, saveDraft, suggestSite, withQuery } from '../../../../services/stations'
import StationFieldError from '../../../../components/StationFieldError'
import { pageClass, useTextSize } from '../../../../services/text-size'
import '../../../../components/StationShared.css'
import './index.css'

const DRAFT = 'suggest'
const TRANSIENT = new Set(['NET.UNAVAILABLE', 'SYS.TIMEOUT', 'SYS.BAD_REPLY', 'SYS.INTERNAL'])

interface Draft {
  location: GcjPoint | null
  /** From the browser (h5): WGS-84, a few hundred metres off. */
  approximate: boolean
  address: string
  district: string
  reason: string
  key: string
}

const empty = (): Draft => ({ location: null, approximate: false, address: '', district: '', reason: '', key: newIdempotencyKey() })

/** 推荐新地点: where (my position, or a point on the map on weapp), the address in words, and why. */
export default function SuggestPage() {
  const { textClass } = useTextSize()
  const weapp = process.env.TARO_ENV === 'weapp'
  const [draft, setDraft] = useState<Draft>(() => ({ ...empty(), ...(loadDraft<Partial<Draft>>(DRAFT) ?? {}) }))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const [locating, setLocating] = useState(false)
  const [done, setDone] = useState<{ id: string; stateLabel: string } | null>(null)
  const sending = useRef(false)

  useEffect(() => {
    if (!done) saveDraft(DRAFT, draft)
  }, [draft, done])

  const change = (patch: Partial<Draft>, fields: string[]) => {
    setDraft((d) => ({ ...d, ...patch }))
    setErrors((e) => {
      const next = { ...e }
      for (const f of fields) for (const k of Object.keys(next)) if (k === f || k.startsWith(`${f}.`)) delete next[k]
      return next
    })
  }

  const useMyPlace = async () => {
    if (locating) return
    setLocating(true)
    const r = await locate()
    setLocating(false)
    if (r.ok) change({ location: r.point, approximate: r.approximate }, ['location'])
    else setErrors((e) => ({ ...e, location: r.reason === 'denied' ? '你没有同意使用位置。可以在地图上选，或者到了那个地方再点一次' : '没能找到你的位置，请到信号好的地方再试一次' }))
  }

  const pickOnMap = async () => {
    const picked = await chooseOnMap(draft.location)
    if (!picked) return
    const words = [picked.address, picked.name].filter(Boolean).join(' ')
    change({ location: picked.point, approximate: false, ...(draft.address.trim() ? {} : { address: words.slice(0, 100) }) }, ['location', 'address'])
  }

  const submit = async () => {
    if (sending.current) return
    const event = {
      action: 'suggest' as const,
      key: draft.key,
      location: draft.location ?? undefined,
      address: draft.address,
      district: draft.district.trim() || undefined,
      reason: draft.reason,
    }
    const parsed = stationsEvent.safeParse(event)
    if (!parsed.success) {
      setErrors(toFieldErrors(parsed.error))
      return
    }
    sending.current = true
    setBusy(true)
    setErrors({})
    const reply = await suggestSite({ key: draft.key, location: draft.location as GcjPoint, address: draft.address.trim(), district: draft.district.trim() || undefined, reason: draft.reason.trim() }).catch(() => null)
    sending.current = false
    setBusy(false)
    if (reply?.ok) {
      clearDraft(DRAFT)
      setDone(reply.data)
      return
    }
    if (!reply || TRANSIENT.has(reply.error.code)) {
      setErrors({ _: `${reply ? errorText(reply.error) : '网络不太好，请再试一次'}。你填的内容已经保存在手机上，网络好了再点“提交推荐”。` })
      return
    }
    if (reply.error.code === 'REQUEST.KEY_CONFLICT') {
      setDraft((d) => ({ ...d, key: newIdempotencyKey() }))
      setErrors({ _: '你刚才已经推荐过一次了，可以在“我推荐的地方”里看到。如果还要再推荐，请再点一次“提交推荐”。' })
      return
    }
    setErrors({ ...(reply.error.fieldErrors ?? {}), _: errorText(reply.error) })
  }

  const err = (field: string) => Object.entries(errors).find(([k]) => k === field || k.startsWith(`${field}.`))?.[1]

  if (done) {
    return (
      <View className={pageClass('page stations', textClass)}>
        <View className='card' role='status'>
          <Text className='suggest-done__title'>✅ 推荐已提交</Text>
          <Text className='suggest-text'>{done.stateLabel}。总工会会去看一看，有了结果会在“我推荐的地方”里告诉你。谢谢你！</Text>
          <Button className='big-button gap' type='primary' block onClick={() => Taro.redirectTo({ url: withQuery(MY_SUGGESTIONS_PAGE, { id: done.id }) })}>
            看我推荐的地方
          </Button>
        </View>
      </View>
    )
  }

  const field = (name: string) => `field${err(name) ? ' field--bad' : ''}`
  return (
    <View className={pageClass('page stations', textClass)}>
      <PrivacyPopup />
      <View className='card'>
        <Text className='suggest-title'>推荐一个建驿站的地方</Text>
        <Text className='suggest-text'>哪里的工人常常没地方歇脚、喝水？告诉我们。</Text>

        <View className={field('location')}>
          <Text className='field-label'>1. 地方在哪里？</Text>
          {draft.location ? (
            <Text className='notice notice--ok'>✅ 位置选好了{draft.approximate ? '（网页版的位置是大概的）' : ''}</Text>
          ) : (
            <Text className='field-hint'>{weapp ? '在地图上选，或者人在那里时点“用我现在的位置”。' : '人在那里时，点“用我现在的位置”。'}</Text>
          )}
          {weapp && (
            <Button className='big-button gap' type='primary' block onClick={pickOnMap}>
              🗺 在地图上选
            </Button>
          )}
          <Button className='big-button gap' block disabled={locating} onClick={useMyPlace}>
            {locating ? '正在找你的位置…' : '📍 用我现在的位置'}
          </Button>
          <StationFieldError text={err('location')} />
        </View>

        <View className={field('address')}>
          <Text className='field-label'>2. 地址</Text>
          <Text className='field-hint'>写清楚哪条路、哪个门口，比如：丰溪路菜市场北门</Text>
          <Input className='field-input' value={draft.address} maxlength={100} aria-label='地址' onInput={(e) => change({ address: String(e.detail.value) }, ['address'])} />
          <StationFieldError text={err('address')} />
        </View>

        <View className={field('district')}>
          <Text className='field-label'>3. 在哪个乡镇或街道？（可以不填）</Text>
          <Input className='field-input' value={draft.district} maxlength={20} aria-label='乡镇或街道' onInput={(e) => change({ district: String(e.detail.value) }, ['district'])} />
          <StationFieldError text={err('district')} />
        </View>

        <LongText
          label='4. 为什么建在这里？'
          hint='比如：这里环卫工人、外卖骑手多，附近没有地方喝热水。'
          name='为什么建在这里'
          value={draft.reason}
          max={TEXT_MAX}
          onInput={(reason) => change({ reason }, ['reason'])}
          error={err('reason')}
        />

        {errors._ && (
          <View className='notice notice--bad' role='alert'>
            <Text>{errors._}</Text>
          </View>
        )}
        <Button className='big-button gap' type='primary' block disabled={busy} onClick={submit}>
          {busy ? '正在提交…' : '提交推荐'}
        </Button>
      </View>
    </View>
  )
}
