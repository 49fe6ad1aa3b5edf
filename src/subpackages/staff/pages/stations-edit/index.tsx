import { useCallback, useEffect, useRef, useState } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import Loading from '../../../../components/Loading'
import PrivacyPopup from '../../../../components/PrivacyPopup'
import StationFieldError from '../../../../components/StationFieldError'
import StaffGate from '../../components/StaffGate'
import PhotoPicker, { type PickerPhoto } from '../../../../components/PhotoPicker'
import type { AppError, FieldErrors } from '../../../../domain/envelope'
import { newIdempotencyKey } from '../../../../domain/requests/idempotency-key'
import { stationInput, AMENITIES, STATION_STATUS_LABELS } from '../../../../domain/stations/station.schema'
import type { AmenityCode, StationStatus } from '../../../../domain/stations/station.schema'
import { toFieldErrors } from '../../../../domain/validation'
import { listOrgs } from '../../../../services/admin'
import { errorText } from '../../../../services/errors'
import {
  chooseOnMap,
  clearDraft,
  createStation,
  getStation,
  loadDraft,
  locate,
  saveDraft,
  STAFF_STATION_QR_PAGE,
  updateStation,
  withQuery,
} from '../../../../services/stations'
import ChoiceList from '../../components/ChoiceList'
import TextField from '../../components/TextField'
import { useReply } from '../../useReply'
import ClosuresEditor from './ClosuresEditor'
import HoursEditor from './HoursEditor'
import { emptyForm, formOf, toStationInput, type StationForm } from './form'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

const TRANSIENT = new Set(['NET.UNAVAILABLE', 'SYS.TIMEOUT', 'SYS.BAD_REPLY', 'SYS.INTERNAL'])
const STALE = 'STATION.STALE'
const ORG_SEARCH_FROM = 8
const STATUS_CHOICES = [
  { value: 'open', label: STATION_STATUS_LABELS.open, hint: '按上面的开放时间开门' },
  { value: 'temporarily_closed', label: STATION_STATUS_LABELS.temporarily_closed, hint: '职工会看到“暂停开放”，不会跑空' },
]
const STAR_CHOICES = [0, 1, 2, 3, 4, 5]

interface Draft {
  form: StationForm
  key: string
  /** The version the edit started from (null for a new station). */
  version: number | null
}

type Load = { status: 'loading' } | { status: 'ok' } | { status: 'error'; error: AppError }

/** Scrolls to the first field with a red message once it is on screen. */
function scrollToFirstError() {
  setTimeout(() => {
    if (typeof Taro.pageScrollTo === 'function') void Promise.resolve(Taro.pageScrollTo({ selector: '.field--bad', duration: 200 })).catch(() => undefined)
  }, 50)
}

function Editor({ id }: { id: string | null }) {
  const draftName = `staff-edit:${id ?? 'new'}`
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [form, setForm] = useState<StationForm>(emptyForm)
  const [version, setVersion] = useState<number | null>(null)
  const [key, setKey] = useState(newIdempotencyKey)
  const [restored, setRestored] = useState(false)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [message, setMessage] = useState<string | null>(null)
  const [stale, setStale] = useState(false)
  const [busy, setBusy] = useState(false)
  const [locating, setLocating] = useState(false)
  const [orgSearch, setOrgSearch] = useState('')
  const [done, setDone] = useState<{ id: string; name: string } | null>(null)
  /** Thumbnails by photo id: links from getStation, local previews of new uploads. */
  const [previews, setPreviews] = useState<Record<string, { url: string; fresh?: boolean }>>({})
  const [uploading, setUploading] = useState(false)
  const sending = useRef(false)
  const dirty = useRef(false)
  const orgs = useReply(listOrgs)

  const read = useCallback(async () => {
    setLoad({ status: 'loading' })
    setStale(false)
    setMessage(null)
    setErrors({})
    const draft = loadDraft<Draft>(draftName)
    if (!id) {
      if (draft?.form) {
        setForm({ ...emptyForm(), ...draft.form })
        setKey(draft.key || newIdempotencyKey())
        setRestored(true)
      }
      setLoad({ status: 'ok' })
      return
    }
    const r = await getStation(id).catch(() => null)
    if (!r || !r.ok) {
      setLoad({ status: 'error', error: r ? r.error : { code: 'SYS.BAD_REPLY', message: '' } })
      return
    }
    if (draft?.form && draft.version === r.data.version) {
      setForm({ ...emptyForm(), ...draft.form })
      setRestored(true)
    } else {
      if (draft) clearDraft(draftName)
      setForm(formOf(r.data.station))
      setRestored(false)
    }
    setPreviews(Object.fromEntries((r.data.photoLinks ?? []).map((p) => [p.id, { url: p.url }])))
    dirty.current = false
    setVersion(r.data.version)
    setLoad({ status: 'ok' })
  }, [id, draftName])

  useEffect(() => {
    void read()
  }, [read])

  useEffect(() => {
    if (dirty.current && !done) saveDraft(draftName, { form, key, version } satisfies Draft)
  }, [form, key, version, done, draftName])

  const errorAt = (path: string): string | undefined => errors[path]
  const errorUnder = (path: string): string | undefined => errors[path] ?? Object.entries(errors).find(([k]) => k.startsWith(`${path}.`))?.[1]

  /** Changes fields and clears their red messages. */
  const change = (patch: Partial<StationForm>, clear: string[] = Object.keys(patch)) => {
    dirty.current = true
    setForm((f) => ({ ...f, ...patch }))
    setErrors((e) => {
      const next = { ...e }
      for (const c of clear) for (const k of Object.keys(next)) if (k === `station.${c}` || k.startsWith(`station.${c}.`)) delete next[k]
      return next
    })
  }

  const useMyPlace = async () => {
    if (locating) return
    setLocating(true)
    const r = await locate()
    setLocating(false)
    if (r.ok) change({ lng: String(r.point.lng), lat: String(r.point.lat) }, ['location'])
    else setErrors((e) => ({ ...e, 'station.location': '没能拿到现在的位置，请用“选位置”或者直接填经纬度' }))
  }

  const pickOnMap = async () => {
    const lng = Number(form.lng)
    const lat = Number(form.lat)
    const picked = await chooseOnMap(form.lng && form.lat && Number.isFinite(lng) && Number.isFinite(lat) ? { lng, lat } : null)
    if (picked) change({ lng: String(picked.point.lng), lat: String(picked.point.lat), ...(form.address.trim() ? {} : { address: picked.address.slice(0, 100) }) }, ['location', 'address'])
  }

  const submit = async () => {
    if (sending.current || uploading) return
    const input = toStationInput(form)
    const parsed = stationInput.safeParse(input)
    if (!parsed.success) {
      const fe = Object.fromEntries(Object.entries(toFieldErrors(parsed.error)).map(([k, v]) => [k === '_' ? k : `station.${k}`, v]))
      setErrors(fe)
      setMessage(`有 ${Object.keys(fe).length} 处要改一改，请看红字`)
      scrollToFirstError()
      return
    }
    sending.current = true
    setBusy(true)
    setMessage(null)
    setErrors({})
    const reply = await (id && version !== null ? updateStation(id, version, input) : createStation(key, input)).catch(() => null)
    sending.current = false
    setBusy(false)
    if (reply?.ok) {
      clearDraft(draftName)
      dirty.current = false
      setVersion(reply.data.version)
      setDone({ id: reply.data.id, name: form.name.trim() })
      return
    }
    if (!reply || TRANSIENT.has(reply.error.code)) {
      setMessage(`${reply ? errorText(reply.error) : '网络不太好，请再试一次'}。你填的内容已经保存在手机上，网络好了再点“保存”。`)
      return
    }
    if (reply.error.code === STALE) {
      setStale(true)
      setMessage(errorText(reply.error))
      return
    }
    const fe = reply.error.fieldErrors ?? {}
    setErrors(fe)
    setMessage(Object.keys(fe).length ? `${errorText(reply.error)}（${Object.keys(fe).length} 处，请看红字）` : errorText(reply.error))
    if (Object.keys(fe).length) scrollToFirstError()
  }

  if (load.status === 'loading') {
    return (
      <View className='card'>
        <Loading rows={6} text='正在读取驿站信息…' />
      </View>
    )
  }
  if (load.status === 'error') return <ErrorBox title='没能读到这个驿站' error={load.error} onRetry={read} />

  if (done) {
    return (
      <View className='card' role='status'>
        <Text className='edit-done__title'>✅ 保存好了</Text>
        <Text className='staff-para'>{done.name}</Text>
        <Text className='staff-para'>职工现在就能在“爱心驿站”里看到最新的信息。</Text>
        <Button className='big-button gap' type='primary' block onClick={() => Taro.redirectTo({ url: withQuery(STAFF_STATION_QR_PAGE, { id: done.id, name: done.name }) })}>
          🔳 打印签到二维码
        </Button>
        <Button className='big-button gap' block onClick={() => Taro.navigateBack()}>
          回到驿站管理
        </Button>
      </View>
    )
  }

  const orgList = orgs.state.status === 'ok' ? orgs.state.data.orgs : []
  const shownOrgs = orgSearch.trim() ? orgList.filter((o) => o.name.includes(orgSearch.trim()) || o.id === form.hostOrgId) : orgList
  const toggleAmenity = (code: AmenityCode) =>
    change({ amenities: form.amenities.includes(code) ? form.amenities.filter((a) => a !== code) : [...form.amenities, code] })

  return (
    <View className='card edit-form'>
      <Text className='staff-card-title'>{id ? '修改驿站信息' : '新建驿站'}</Text>
      {restored && <Text className='notice'>上次没保存的内容还在，接着填就行。</Text>}

      <TextField label='驿站名称' value={form.name} maxlength={40} error={errorAt('station.name')} placeholder='比如：白鹤中大道爱心驿站' onChange={(v) => change({ name: v })} />
      <TextField label='地址' value={form.address} maxlength={100} error={errorAt('station.address')} onChange={(v) => change({ address: v })} />
      <TextField label='所在乡镇或街道' hint='职工不给位置时，按这个找' value={form.district} maxlength={20} error={errorAt('station.district')} onChange={(v) => change({ district: v })} />

      <View className={`field${errorUnder('station.location') ? ' field--bad' : ''}`} id='field-location'>
        <Text className='field-label'>位置</Text>
        <Text className='field-hint'>用腾讯地图或高德地图上的经纬度（GCJ-02）。</Text>
        {process.env.TARO_ENV === 'weapp' && (
          <View className='edit-location__buttons'>
            <Button className='staff-action edit-location__btn' type='primary' onClick={pickOnMap}>
              🗺 选位置
            </Button>
            <Button className='staff-action edit-location__btn' disabled={locating} onClick={useMyPlace}>
              {locating ? '正在定位…' : '📍 用现在的位置'}
            </Button>
          </View>
        )}
        <View className='edit-location__pair'>
          <View className='edit-location__one'>
            <Text className='field-hint'>经度</Text>
            <Input className='field-input' type='digit' value={form.lng} placeholder='118.1912' aria-label='经度' onInput={(e) => change({ lng: String(e.detail.value) }, ['location'])} />
          </View>
          <View className='edit-location__one'>
            <Text className='field-hint'>纬度</Text>
            <Input className='field-input' type='digit' value={form.lat} placeholder='28.4398' aria-label='纬度' onInput={(e) => change({ lat: String(e.detail.value) }, ['location'])} />
          </View>
        </View>
        <StationFieldError text={errorUnder('station.location')} />
      </View>

      <HoursEditor
        form={form}
        onChange={(patch) => change(patch, ['hours'])}
        errorAt={errorAt}
        errorUnder={errorUnder}
      />

      <ClosuresEditor closures={form.closures} onChange={(closures) => change({ closures })} errorAt={errorAt} />

      <View className={`field${errorUnder('station.amenities') ? ' field--bad' : ''}`} id='field-amenities'>
        <Text className='field-label'>有哪些设施（可以选多个）</Text>
        <View className='chip-row' role='group' aria-label='设施'>
          {AMENITIES.map((a) => {
            const on = form.amenities.includes(a.code)
            return (
              <View key={a.code} className={`chip${on ? ' chip--on' : ''}`} role='checkbox' aria-checked={on} onClick={() => toggleAmenity(a.code)}>
                <Text className='chip__icon' aria-hidden>
                  {on ? '✓' : a.emoji}
                </Text>
                <Text>{a.label}</Text>
              </View>
            )
          })}
        </View>
        <StationFieldError text={errorUnder('station.amenities')} />
      </View>

      <TextField label='能同时容纳多少人' type='number' value={form.capacity} maxlength={3} error={errorAt('station.capacity')} onChange={(v) => change({ capacity: v })} />

      <View className={`field${errorAt('station.stars') ? ' field--bad' : ''}`}>
        <Text className='field-label'>工会评定的星级</Text>
        <View className='chip-row' role='radiogroup' aria-label='星级'>
          {STAR_CHOICES.map((n) => (
            <View key={n} className={`chip${form.stars === n ? ' chip--on' : ''}`} role='radio' aria-checked={form.stars === n} onClick={() => change({ stars: n })}>
              <Text>{n === 0 ? '不评星' : `${n} 星`}</Text>
            </View>
          ))}
        </View>
        <StationFieldError text={errorAt('station.stars')} />
      </View>

      <View className={`field${errorAt('station.hostOrgId') ? ' field--bad' : ''}`} id='field-host'>
        <Text className='field-label'>主办工会</Text>
        {orgs.state.status === 'error' && <ErrorBox title='没能读到工会名单' error={orgs.state.error} onRetry={orgs.reload} />}
        {(orgs.state.status === 'loading' || orgs.state.status === 'idle') && <Loading rows={2} text='正在读取工会名单…' />}
        {orgs.state.status === 'ok' && orgList.length > ORG_SEARCH_FROM && (
          <Input className='field-input' value={orgSearch} placeholder='输入名字里的几个字，查找工会' aria-label='查找工会' onInput={(e) => setOrgSearch(String(e.detail.value))} />
        )}
        {orgs.state.status === 'ok' && (
          <ChoiceList
            label='主办工会'
            choices={shownOrgs.map((o) => ({ value: o.id, label: o.name, hint: o.kindLabel }))}
            value={form.hostOrgId || null}
            onChange={(v) => change({ hostOrgId: v })}
          />
        )}
        <StationFieldError text={errorAt('station.hostOrgId')} />
      </View>

      <TextField label='联系人' value={form.managerName} maxlength={20} error={errorAt('station.manager.name') ?? errorAt('station.manager')} onChange={(v) => change({ managerName: v }, ['manager.name', 'manager'])} />
      <TextField
        label='联系电话'
        hint='职工会直接拨打，请填值班电话'
        value={form.managerPhone}
        maxlength={20}
        error={errorAt('station.manager.phone')}
        placeholder='0793-2612345 或手机号'
        onChange={(v) => change({ managerPhone: v }, ['manager.phone', 'manager'])}
      />

      <View className={`field${errorAt('station.status') ? ' field--bad' : ''}`}>
        <Text className='field-label'>开放状态</Text>
        <ChoiceList label='开放状态' choices={STATUS_CHOICES} value={form.status} onChange={(v) => change({ status: v as StationStatus })} />
        <StationFieldError text={errorAt('station.status')} />
      </View>

      <View className={`field${errorAt('station.intro') ? ' field--bad' : ''}`}>
        <Text className='field-label'>简介（可以不填）</Text>
        <Textarea className='field-textarea' value={form.intro} maxlength={200} aria-label='简介' onInput={(e) => change({ intro: String(e.detail.value) })} />
        <Text className='field-count'>{form.intro.length}/200 字</Text>
        <StationFieldError text={errorAt('station.intro')} />
      </View>

      <View className={`field${errorUnder('station.photos') ? ' field--bad' : ''}`}>
        <PhotoPicker
          purpose='station_photo'
          photos={form.photos.map((pid): PickerPhoto => ({ id: pid, url: previews[pid]?.url ?? '', fresh: previews[pid]?.fresh }))}
          onChange={(next) => {
            setPreviews((prev) => ({ ...prev, ...Object.fromEntries(next.map((p) => [p.id, { url: p.url, fresh: p.fresh }])) }))
            change({ photos: next.map((p) => p.id) })
          }}
          max={9}
          label='驿站照片（可以不传，最多 9 张）'
          hint='拍驿站的门口和里面。请不要拍到人脸。删掉的照片保存后就没有了。'
          onBusy={setUploading}
          disabled={busy}
        />
        <StationFieldError text={errorUnder('station.photos')} />
      </View>

      {message && (
        <View className='notice notice--bad' role='alert'>
          <Text>{message}</Text>
        </View>
      )}
      {stale && (
        <Button className='big-button gap' block onClick={read}>
          读取最新的信息（这次改的要重新填）
        </Button>
      )}
      <Button className='big-button gap edit-submit' type='primary' block disabled={busy || uploading} onClick={submit}>
        {busy ? '正在保存…' : uploading ? '照片上传中…' : '保存'}
      </Button>
    </View>
  )
}

export default function StationEditPage() {
  const { params } = useRouter()
  const id = params.id || null
  return (
    <View className='page staff station-staff'>
      <PrivacyPopup />
      <StaffGate>{() => <Editor id={id} />}</StaffGate>
    </View>
  )
}
