import { useEffect, useRef, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { AppError } from '../domain/envelope'
import type { CheckInReply, RateReply } from '../domain/stations/station.schema'
import { errorText } from '../services/errors'
import { checkIn, myVisits, rateVisit, scanQr } from '../services/stations'
import './StationShared.css'
import './StationCheckIn.css'

const BAD_REPLY: AppError = { code: 'SYS.BAD_REPLY', message: '' }
const SCAN_FAILED: AppError = { code: 'SCAN.FAILED', message: '没能认出二维码，请对准驿站门口贴的二维码再扫一次' }
const NO_CODE: AppError = { code: 'SCAN.EMPTY', message: '请先把签到码粘贴到上面的框里' }

/** China time of an ISO moment as HH:MM. */
const hm = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16)

/** 1–5 stars after a visit: tap a star, then 提交打分. A visit that already has stars says so instead. */
function RateVisit({ visitId, checkRated }: { visitId: string; checkRated: boolean }) {
  const [stars, setStars] = useState(0)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<RateReply | null>(null)
  /** Stars this visit already had (a repeat scan within the window is the same visit). */
  const [given, setGiven] = useState<number | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const sending = useRef(false)

  useEffect(() => {
    if (!checkRated) return
    let live = true
    myVisits().then(
      (r) => {
        const v = r.ok ? r.data.items.find((x) => x.id === visitId) : undefined
        if (live && v && v.stars !== null) setGiven(v.stars)
      },
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [checkRated, visitId])

  const submit = async () => {
    if (sending.current || stars === 0) return
    sending.current = true
    setBusy(true)
    setError(null)
    const reply = await rateVisit(visitId, stars).catch(() => null)
    sending.current = false
    setBusy(false)
    if (reply?.ok) setDone(reply.data)
    else setError(reply ? reply.error : BAD_REPLY)
  }

  if (given !== null) {
    return (
      <View className='rate rate--done' role='status'>
        <Text className='rate__title'>这次你已经打过 {given} 星了，谢谢！</Text>
      </View>
    )
  }
  if (done) {
    return (
      <View className='rate rate--done' role='status'>
        <Text className='rate__title'>谢谢你的打分！</Text>
        {done.rating.average !== null && (
          <Text className='rate__hint'>
            现在大家平均打 {done.rating.average.toFixed(1)} 分（{done.rating.count} 人）
          </Text>
        )}
      </View>
    )
  }
  return (
    <View className='rate'>
      <Text className='rate__title'>给这个驿站打个分吧（可以不打）</Text>
      <Text className='rate__hint'>1 星是很不好，5 星是很好。点一颗星。</Text>
      <View className='rate__stars' role='radiogroup' aria-label='打分'>
        {[1, 2, 3, 4, 5].map((n) => (
          <View
            key={n}
            className={`rate__star${n <= stars ? ' rate__star--on' : ''}`}
            role='radio'
            aria-checked={n === stars}
            aria-label={`${n} 星`}
            onClick={() => setStars(n)}
          >
            <Text className='rate__star-icon' aria-hidden>
              {n <= stars ? '★' : '☆'}
            </Text>
            <Text className='rate__star-num'>{n}</Text>
          </View>
        ))}
      </View>
      {error && (
        <View className='checkin__error' role='alert'>
          <Text>{errorText(error)}</Text>
        </View>
      )}
      {stars > 0 && (
        <Button className='big-button' type='primary' block disabled={busy} onClick={submit}>
          {busy ? '正在提交…' : `提交打分（${stars} 星）`}
        </Button>
      )}
    </View>
  )
}

/**
 * 扫码签到: the camera reads the code at the station's door and the visit is counted (once in two
 * hours). h5 has no camera scanning: the code is pasted instead, for testing.
 */
export default function StationCheckIn() {
  const [reply, setReply] = useState<CheckInReply | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)
  const [code, setCode] = useState('')
  const sending = useRef(false)
  const h5 = process.env.TARO_ENV === 'h5'

  const send = async (text: string) => {
    if (sending.current) return
    if (!text.trim()) {
      setError(NO_CODE)
      return
    }
    sending.current = true
    setBusy(true)
    setError(null)
    const r = await checkIn(text.trim()).catch(() => null)
    sending.current = false
    setBusy(false)
    if (r?.ok) setReply(r.data)
    else setError(r ? r.error : BAD_REPLY)
  }

  const scan = async () => {
    if (sending.current) return
    const s = await scanQr()
    if (s.ok) await send(s.text)
    else if (!s.cancelled) setError(SCAN_FAILED)
  }

  return (
    <View className='card checkin'>
      <Text className='section-head'>📷 扫码签到</Text>
      {!reply && (
        <View>
          <Text className='checkin__hint'>到了驿站，扫一扫门口贴的二维码，就算你来过一次。不会记下你的位置。</Text>
          {h5 ? (
            <View className='checkin__paste'>
              <Text className='checkin__label'>测试用：网页版不能扫码，请把签到码粘贴在这里</Text>
              <Input
                className='field-input checkin__input'
                value={code}
                placeholder='union-station:…'
                aria-label='签到码'
                onInput={(e) => setCode(String(e.detail.value))}
              />
              <Button className='big-button' type='primary' block disabled={busy} onClick={() => send(code)}>
                {busy ? '正在签到…' : '签到'}
              </Button>
            </View>
          ) : (
            <Button className='big-button checkin__scan' type='primary' block disabled={busy} onClick={scan}>
              {busy ? '正在签到…' : '📷 扫码签到'}
            </Button>
          )}
        </View>
      )}
      {error && (
        <View className='checkin__error' role='alert'>
          <Text>{errorText(error)}</Text>
        </View>
      )}
      {reply && (
        <View>
          <View className={`checkin__result checkin__result--${reply.status}`} role='status'>
            <Text className='checkin__result-title'>{reply.status === 'counted' ? '✅ 签到成功' : '👋 已经签到过了'}</Text>
            <Text className='checkin__result-text'>{reply.message}</Text>
            {reply.status === 'already' && <Text className='checkin__result-text'>{hm(reply.nextAt)} 以后再扫，才会再记一次。</Text>}
          </View>
          <RateVisit visitId={reply.visitId} checkRated={reply.status === 'already'} />
        </View>
      )}
    </View>
  )
}
