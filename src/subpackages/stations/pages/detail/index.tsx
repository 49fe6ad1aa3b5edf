import { useEffect, useState } from 'react'
import { View, Text, Image, ScrollView } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import InfoRow from '../../../../components/InfoRow'
import AmenityList from '../../../../components/AmenityList'
import StationCheckIn from '../../../../components/StationCheckIn'
import StationHoursTable from '../../../../components/StationHoursTable'
import StationOpenLine from '../../../../components/StationOpenLine'
import StationStars from '../../../../components/StationStars'
import { openView } from '../../../../domain/stations/station.rules'
import type { OpenView, StationDetail } from '../../../../domain/stations/station.schema'
import { callPhone, MY_REPORTS_PAGE, openMap, STATION_REPORT_PAGE, stationDetail, withQuery } from '../../../../services/stations'
import { localMinuteText } from '../../format'
import { useReply } from '../../useReply'
import { pageClass, useTextSize } from '../../../../services/text-size'
import '../../../../components/StationShared.css'
import './index.css'

function pointFrom(params: Record<string, string | undefined>) {
  const lng = Number(params.lng)
  const lat = Number(params.lat)
  return params.lng && params.lat && Number.isFinite(lng) && Number.isFinite(lat) ? { lng, lat } : null
}

function Skeleton() {
  return (
    <View aria-busy='true'>
      <View className='card'>
        <View className='skeleton-bar skeleton-bar--title' />
        <View className='skeleton-bar skeleton-bar--short' />
        <View className='skeleton-bar' />
        <View className='skeleton-bar' />
        <Text className='muted'>正在读取驿站信息，请稍等…</Text>
      </View>
      <View className='card'>
        <View className='skeleton-bar' />
        <View className='skeleton-bar' />
      </View>
    </View>
  )
}

/** The server's open line first; then the same rules on the phone's clock every minute, so a page left open stays right. */
function useOpenLine(s: StationDetail): OpenView {
  const [open, setOpen] = useState<OpenView>(s.open)
  useEffect(() => {
    setOpen(s.open)
    const timer = setInterval(() => setOpen(openView(s.hours, s.closures, s.status, Date.now())), 60_000)
    return () => clearInterval(timer)
  }, [s])
  return open
}

function Detail({ s, approximate }: { s: StationDetail; approximate: boolean }) {
  const open = useOpenLine(s)
  const report = () => Taro.navigateTo({ url: withQuery(STATION_REPORT_PAGE, { id: s.id, name: s.name }) })
  return (
    <View>
      {s.photos.length > 0 && (
        <ScrollView className='detail-photos' scrollX enableFlex>
          {s.photos.map((url, i) => (
            <Image
              key={url}
              className='detail-photos__img'
              src={url}
              mode='aspectFill'
              lazyLoad
              aria-label={`驿站照片 ${i + 1}，点一下看大图`}
              onClick={() => Taro.previewImage({ urls: s.photos, current: url })}
            />
          ))}
        </ScrollView>
      )}

      <View className='card detail-head'>
        <Text className='detail-head__name'>{s.name}</Text>
        <StationOpenLine open={open} />
        {s.closures.map((c) => (
          <View key={`${c.from}-${c.to}`} className='notice'>
            <Text>
              🚧 临时关闭：{localMinuteText(c.from)} 到 {localMinuteText(c.to)}
              {c.note ? `（${c.note}）` : ''}
            </Text>
          </View>
        ))}
        <View className='detail-head__where'>
          <Text className='detail-head__address'>📍 {s.address}</Text>
          {s.distanceText && <Text className='detail-head__distance'>离你{approximate ? '大约' : ''} {s.distanceText}</Text>}
        </View>
        <StationStars stars={s.stars} rating={s.rating} />
        <View className='detail-head__actions'>
          <Button className='big-button detail-head__btn' type='primary' aria-label='导航到这个驿站' onClick={() => openMap(s)}>
            🧭 导航
          </Button>
          <Button className='big-button detail-head__btn' aria-label={`打电话给驿站联系人 ${s.manager.name}`} onClick={() => callPhone(s.manager.phone)}>
            📞 打电话
          </Button>
        </View>
      </View>

      <StationCheckIn />

      <View className='card'>
        <Text className='section-head'>🕒 开放时间</Text>
        <StationHoursTable hours={s.hours} />
      </View>

      <View className='card'>
        <Text className='section-head'>有这些设施</Text>
        <AmenityList codes={s.amenities} big />
        <Text className='detail-capacity'>能同时坐 {s.capacity} 个人</Text>
      </View>

      {s.intro && (
        <View className='card'>
          <Text className='section-head'>介绍</Text>
          <Text className='detail-text'>{s.intro}</Text>
        </View>
      )}

      <View className='card'>
        <Text className='section-head'>谁在管</Text>
        {s.hostOrg && <InfoRow label='主办工会' value={s.hostOrg.name} />}
        <InfoRow label='联系人' value={s.manager.name} />
        <View className='detail-phone' role='button' aria-label={`打电话 ${s.manager.phone}`} onClick={() => callPhone(s.manager.phone)}>
          <Text className='detail-phone__label'>电话</Text>
          <Text className='detail-phone__value'>📞 {s.manager.phone}</Text>
        </View>
        <InfoRow label='来过的人次' value={`${s.visitCount} 次`} />
      </View>

      <View className='card'>
        <Text className='section-head'>🛠 东西坏了？</Text>
        <Text className='detail-text'>饮水机、微波炉、厕所等不能用了，告诉我们，工会会派人来修。</Text>
        <Button className='big-button gap' type='primary' block onClick={report}>
          我要报修
        </Button>
        <View className='text-link' role='link' onClick={() => Taro.navigateTo({ url: MY_REPORTS_PAGE })}>
          <Text>看我报修的事修好没有</Text>
        </View>
      </View>
    </View>
  )
}

export default function StationDetailPage() {
  const { textClass } = useTextSize()
  const { params } = useRouter()
  const id = params.id ?? ''
  const at = pointFrom(params)
  const { state, reload } = useReply(() => stationDetail(id, at))
  return (
    <View className={pageClass('page stations', textClass)}>
      {state.status === 'loading' && <Skeleton />}
      {state.status === 'error' && <ErrorBox title='没能读到这个驿站' error={state.error} onRetry={reload} />}
      {state.status === 'ok' && <Detail s={state.data} approximate={params.approx === '1'} />}
    </View>
  )
}
