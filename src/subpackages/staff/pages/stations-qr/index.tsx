import { useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import Loading from '../../../../components/Loading'
import PrivacyPopup from '../../../../components/PrivacyPopup'
import StaffGate from '../../components/StaffGate'
import type { StationQrReply } from '../../../../domain/stations/station.schema'
import { errorText } from '../../../../services/errors'
import { stationQr } from '../../../../services/stations'
import ConfirmSheet from '../../components/ConfirmSheet'
import { useReply } from '../../useReply'
import '../../../../components/StationShared.css'
import '../../staff.css'
import './index.css'

const toast = (title: string) => Taro.showToast({ title, icon: 'none', duration: 3000 })

/** weapp: the PNG goes to the phone's album (to print or send); h5: a download. */
async function saveImage(qr: StationQrReply, name: string) {
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a')
    a.href = qr.dataUrl
    a.download = `签到二维码-${name || qr.stationId}.png`
    document.body.appendChild(a)
    a.click()
    a.remove()
    return
  }
  try {
    const path = `${wx.env.USER_DATA_PATH}/station-qr-${qr.stationId}-${qr.keyVersion}.png`
    Taro.getFileSystemManager().writeFileSync(path, qr.dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64')
    await Taro.saveImageToPhotosAlbum({ filePath: path })
    void toast('已存到手机相册，可以拿去打印')
  } catch (e) {
    const msg = String((e as { errMsg?: string } | null)?.errMsg ?? e)
    if (/cancel/i.test(msg)) return
    void toast(/auth|deny/i.test(msg) ? '没有相册权限。也可以长按二维码，选“保存图片”' : '没能保存。请长按二维码，选“保存图片”')
  }
}

function Qr({ id, name }: { id: string; name: string }) {
  const [renew, setRenew] = useState<'closed' | 'open' | 'busy'>('closed')
  const [renewError, setRenewError] = useState<string | null>(null)
  const [renewed, setRenewed] = useState<StationQrReply | null>(null)
  const { state, reload } = useReply(() => stationQr(id))

  if (state.status === 'error') return <ErrorBox title='没能生成签到码' error={state.error} onRetry={reload} />
  if (state.status !== 'ok') return <Loading rows={6} text='正在生成签到二维码…' />
  const qr = renewed ?? state.data

  const doRenew = async () => {
    setRenew('busy')
    setRenewError(null)
    const r = await stationQr(id, true).catch(() => null)
    if (r?.ok) {
      setRenewed(r.data)
      setRenew('closed')
      void toast('已换成新签到码，请打印后贴到门口')
    } else {
      setRenew('open')
      setRenewError(r ? errorText(r.error) : '网络不太好，请再试一次')
    }
  }

  return (
    <View>
      <View className='card qr-card'>
        <Text className='qr-card__title'>扫码签到</Text>
        {name && <Text className='qr-card__name'>{name}</Text>}
        <Image className='qr-card__img' src={qr.dataUrl} mode='widthFix' showMenuByLongpress aria-label='签到二维码' />
        <Text className='qr-card__hint'>打印出来贴在驿站门口。职工用微信扫一扫，就算来过一次。</Text>
        <Text className='qr-card__version'>第 {qr.keyVersion} 版签到码</Text>
      </View>
      <Button className='big-button' type='primary' block onClick={() => saveImage(qr, name)}>
        {process.env.TARO_ENV === 'h5' ? '下载图片' : '保存图片到相册'}
      </Button>
      {process.env.TARO_ENV === 'h5' && (
        <View className='card qr-text'>
          <Text className='field-label'>签到码文字（测试用）</Text>
          <Text className='qr-text__value' userSelect>
            {qr.text}
          </Text>
        </View>
      )}
      <View className='card'>
        <Text className='staff-card-title'>二维码被人拍走乱用了？</Text>
        <Text className='staff-para'>可以换一个新的。换了以后，门口贴的旧码就不能签到了，要重新打印贴上。</Text>
        <Button className='big-button gap' block onClick={() => setRenew('open')}>
          换新签到码
        </Button>
      </View>
      {renew !== 'closed' && (
        <ConfirmSheet
          title='换一个新的签到码？'
          confirmText='换新的'
          cancelText='不换了'
          busy={renew === 'busy'}
          onConfirm={doRenew}
          onCancel={() => {
            setRenew('closed')
            setRenewError(null)
          }}
        >
          <Text className='staff-para'>换了以后，门口贴的旧二维码马上就不能用了。</Text>
          {renewError && (
            <View className='staff-field-error' role='alert'>
              <Text>{renewError}</Text>
            </View>
          )}
        </ConfirmSheet>
      )}
    </View>
  )
}

export default function StationQrPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  let name = params.name ?? ''
  try {
    name = decodeURIComponent(name)
  } catch {
    // already plain text
  }
  return (
    <View className='page staff station-staff'>
      <PrivacyPopup />
      <StaffGate>{() => <Qr id={id} name={name} />}</StaffGate>
    </View>
  )
}
