import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AGREE_BUTTON_ID, answer, reportExposure, subscribe } from './PrivacyPopupBus'
import './PrivacyPopup.css'

/** Every privacy API the app uses, in plain words; keep in step with the privacy guide filed with WeChat. */
const USES = [
  '你的微信身份：用来认出是你本人。你办的事，别人看不到。',
  '位置：只在你找附近的爱心驿站、或标出推荐建驿站的地方时用，不会一直记着你在哪。',
  '相机：只在你扫驿站的签到码时用。',
  '你选的照片和文件：只在你上传材料（比如工资条、病历）时用。',
  '剪贴板：只在你点“导出我的信息”或复制邀请码时用。',
]

/**
 * Shown when WeChat holds a privacy API until the user agrees (weapp only; nothing on h5). Put it on
 * every page that uses such an API (photos, clipboard, location …).
 */
export default function PrivacyPopup() {
  const [open, setOpen] = useState(false)
  useEffect(() => (process.env.TARO_ENV === 'weapp' ? subscribe(setOpen) : undefined), [])
  useEffect(() => {
    if (open) reportExposure()
  }, [open])

  if (process.env.TARO_ENV !== 'weapp' || !open) return null
  return (
    <View className='privacy-popup' role='dialog' aria-modal='true' aria-label='隐私保护说明'>
      <View className='privacy-popup__box'>
        <Text className='privacy-popup__title'>用之前，请看一看</Text>
        <Text className='privacy-popup__para'>为了给你办事，这个小程序会用到：</Text>
        {USES.map((line) => (
          <Text className='privacy-popup__item' key={line}>
            {line}
          </Text>
        ))}
        <Text className='privacy-popup__para'>身份证号、病历和银行卡，要用的时候会再单独问你。</Text>
        <View className='text-link' role='link' onClick={() => Taro.openPrivacyContract({})}>
          <Text>看完整的《隐私保护指引》</Text>
        </View>
        <Button
          id={AGREE_BUTTON_ID}
          className='privacy-popup__agree'
          openType='agreePrivacyAuthorization'
          onAgreePrivacyAuthorization={() => answer(true)}
        >
          同意
        </Button>
        <Button className='privacy-popup__decline' onClick={() => answer(false)}>
          不同意
        </Button>
      </View>
    </View>
  )
}
