import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ErrorBox from '../../components/ErrorBox'
import Loading from '../../components/Loading'
import ServiceTile from '../../components/ServiceTile'
import { isStaff } from '../../services/session'
import { useMe } from '../../services/useMe'
import { isUnauthenticated } from '../../services/errors'
import { JOIN_PAGE } from '../../services/membership'
import { LEGAL_PAGE } from '../../services/legal-aid'
import { AID_PAGE } from '../../services/mutual-aid'
import { HELP_PAGE, MINE_PAGE } from '../../services/routes'
import { STAFF_HOME_PAGE } from '../../services/staff'
import { STATIONS_LIST_PAGE } from '../../services/stations'
import { TRACK_PAGE } from '../../services/my-requests'
import { pageClass, useTextSize } from '../../services/text-size'
import './index.css'

export default function Index() {
  const { textClass } = useTextSize()
  const { state, reload } = useMe()

  return (
    <View className={pageClass('page home', textClass)}>
      {state.status === 'loading' && (
        <View className='card'>
          <Loading text='正在读取你的信息，请稍等…' />
        </View>
      )}
      {state.status === 'error' && (
        <ErrorBox title='没能读到你的信息' error={state.error} onRetry={reload}>
          {process.env.TARO_ENV === 'h5' && isUnauthenticated(state.error) && (
            <View className='text-link' role='button' onClick={() => Taro.switchTab({ url: MINE_PAGE })}>
              <Text>去“我的”页面登录</Text>
            </View>
          )}
        </ErrorBox>
      )}
      {state.status === 'ok' && (
        <View className='card'>
          <Text className='home__greet'>你好，{state.me.displayName}</Text>
          <View className='home__who'>
            <Text className='role-badge home__role'>{state.me.roleLabel}</Text>
            {state.me.org && <Text className='home__org'>{state.me.org.name}</Text>}
          </View>
        </View>
      )}

      {state.status === 'ok' && isStaff(state.me) && (
        <View className='card' role='button' aria-label='工作台' onClick={() => Taro.navigateTo({ url: STAFF_HOME_PAGE })}>
          <View className='link'>
            <Text className='home__desk-title'>📋 工作台</Text>
            <Text className='link__arrow' aria-hidden>
              ›
            </Text>
          </View>
          <Text className='home__desk-text'>{state.me.role === 'admin' ? '邀请和管理工作人员' : '工作人员办事的地方'}</Text>
        </View>
      )}

      <Text className='section-title'>我要办事</Text>
      <View className='home__tiles'>
        <ServiceTile icon='🤝' label='入会' onClick={() => Taro.navigateTo({ url: JOIN_PAGE })} />
        <ServiceTile icon='⚖️' label='法律援助' onClick={() => Taro.navigateTo({ url: LEGAL_PAGE })} />
        <ServiceTile icon='🏥' label='互助保障' onClick={() => Taro.navigateTo({ url: AID_PAGE })} />
        <ServiceTile icon='☕' label='爱心驿站' onClick={() => Taro.navigateTo({ url: STATIONS_LIST_PAGE })} />
        <ServiceTile icon='🔍' label='字大一点' onClick={() => Taro.switchTab({ url: MINE_PAGE })} />
        <ServiceTile icon='📑' label='我的办理' wide onClick={() => Taro.navigateTo({ url: TRACK_PAGE })} />
        <ServiceTile icon='📞' label='帮助与热线' wide onClick={() => Taro.navigateTo({ url: HELP_PAGE })} />
      </View>
    </View>
  )
}
