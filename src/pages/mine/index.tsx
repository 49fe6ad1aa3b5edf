import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../components/ErrorBox'
import InfoRow from '../../components/InfoRow'
import Loading from '../../components/Loading'
import TextSizeChoice from '../../components/TextSizeChoice'
import { isUnauthenticated } from '../../services/errors'
import { HELP_PAGE } from '../../services/routes'
import { isStaff } from '../../services/session'
import { STAFF_REDEEM_PAGE } from '../../services/staff'
import { JOIN_PAGE } from '../../services/membership'
import { TRACK_PAGE } from '../../services/my-requests'
import { PRIVACY_PAGE } from '../../services/privacy'
import { useMe } from '../../services/useMe'
import { pageClass, useTextSize } from '../../services/text-size'
import './index.css'

/** Enough of the id to read out on the phone to staff. */
const shortId = (id: string) => (id.length > 8 ? id.slice(-8) : id)

// h5 (local runtime) only: the demo-account picker. Dropped from the weapp build.
const openDevSignIn = () => {
  if (process.env.TARO_ENV === 'h5') window.location.href = '/__dev/signin'
}

export default function Mine() {
  const { size, textClass, choose } = useTextSize()
  const { state, reload } = useMe()

  return (
    <View className={pageClass('page mine', textClass)}>
      {state.status === 'loading' && (
        <View className='card'>
          <Loading rows={4} />
        </View>
      )}

      {state.status === 'error' &&
        (process.env.TARO_ENV === 'h5' && isUnauthenticated(state.error) ? (
          <View className='card mine__signin'>
            <Text className='mine__signin-text'>请先登录</Text>
            <Button className='big-button' type='primary' block onClick={openDevSignIn}>
              选择演示账号登录
            </Button>
          </View>
        ) : (
          <ErrorBox title='没能读到你的信息' error={state.error} onRetry={reload} />
        ))}

      {state.status === 'ok' && (
        <View className='card mine__head'>
          <Text className='mine__name'>{state.me.displayName}</Text>
          <Text className='role-badge'>{state.me.roleLabel}</Text>
        </View>
      )}

      <TextSizeChoice size={size} onChoose={choose} />

      {state.status === 'ok' && (
        <View>
          <Text className='section-title'>我的信息</Text>
          <View className='card mine__info'>
            <InfoRow label='手机' value={state.me.maskedPhone ?? '还没有填写'} />
            <InfoRow label='所在工会' value={state.me.org?.name ?? '还没有加入'} />
            <InfoRow label='用户编号' value={shortId(state.me.userId)} />
          </View>
          <Text className='mine__note'>为了你的安全，姓名和手机号只显示一部分。</Text>
          {process.env.TARO_ENV === 'h5' && (
            <View className='text-link mine__switch' role='button' onClick={openDevSignIn}>
              <Text>切换账号</Text>
            </View>
          )}
        </View>
      )}

      <View className='card mine__links'>
        {state.status === 'ok' && !isStaff(state.me) && (
          <View className='link' role='button' aria-label='我是工会工作人员，输入邀请码' onClick={() => Taro.navigateTo({ url: STAFF_REDEEM_PAGE })}>
            <Text>🔑 我是工会工作人员，输入邀请码</Text>
            <Text className='link__arrow' aria-hidden>
              ›
            </Text>
          </View>
        )}
        <View className='link' role='button' aria-label='我的办理，交过的申请办到哪了' onClick={() => Taro.navigateTo({ url: TRACK_PAGE })}>
          <Text>📑 我的办理（交过的申请办到哪了）</Text>
          <Text className='link__arrow' aria-hidden>
            ›
          </Text>
        </View>
        <View className='link' role='button' aria-label='我的会员证，入会进度' onClick={() => Taro.navigateTo({ url: JOIN_PAGE })}>
          <Text>🤝 我的会员证 / 入会进度</Text>
          <Text className='link__arrow' aria-hidden>
            ›
          </Text>
        </View>
        <View className='link' role='button' aria-label='帮助与热线' onClick={() => Taro.navigateTo({ url: HELP_PAGE })}>
          <Text>📞 帮助与热线</Text>
          <Text className='link__arrow' aria-hidden>
            ›
          </Text>
        </View>
        <View className='link' role='button' aria-label='我的信息与隐私' onClick={() => Taro.navigateTo({ url: PRIVACY_PAGE })}>
          <Text>🔒 我的信息与隐私</Text>
          <Text className='link__arrow' aria-hidden>
            ›
          </Text>
        </View>
      </View>
    </View>
  )
}
