import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import Loading from '../../../../components/Loading'
import type { MineReply } from '../../../../domain/membership/membership.schema'
import { EMPLOYER_NOT_TOLD } from '../../../../domain/membership/membership.rules'
import { JOIN_APPLY_PAGE, JOIN_STATUS_PAGE, MEMBER_CARD_PAGE, myMembership } from '../../../../services/membership'
import { useReply } from '../../../../services/useReply'
import { pageClass, useTextSize } from '../../../../services/text-size'
import '../../../../components/StationShared.css'
import '../../join.css'

/** A member sees the card; anyone with an application (open or decided) its progress; else the intro. */
function whereToGo(mine: MineReply): string | null {
  if (mine.member) return MEMBER_CARD_PAGE
  if (mine.application && mine.application.state !== 'withdrawn') return JOIN_STATUS_PAGE
  return null
}

/** 入会: decides where to go; for a newcomer, why join, who may, that the employer is not told, and 开始申请. */
export default function JoinStart() {
  const { textClass } = useTextSize()
  const { state, reload } = useReply(myMembership)
  const target = state.status === 'ok' ? whereToGo(state.data) : null

  useEffect(() => {
    // replace this page, so 返回 from the card or the progress goes back to where the worker came from
    if (target) void Taro.redirectTo({ url: target })
  }, [target])

  if (state.status === 'loading' || target) {
    return (
      <View className={pageClass('page join', textClass)}>
        <View className='card'>
          <Loading rows={3} />
        </View>
      </View>
    )
  }
  if (state.status === 'error') {
    return (
      <View className={pageClass('page join', textClass)}>
        <ErrorBox title='没能读到你的入会情况' error={state.error} onRetry={reload} />
      </View>
    )
  }

  const { minAge, replyWorkingDays, application } = state.data
  return (
    <View className={pageClass('page join', textClass)}>
      <View className='card'>
        <Text className='join-title'>为什么入会</Text>
        <Text className='join-text'>工会是职工自己的组织。入了会，被欠工资、受了工伤、被乱辞退，工会帮你说话、帮你想办法；还可以参加职工互助保障，生病住院能领补助。</Text>

        <Text className='join-title'>谁能入会</Text>
        <Text className='join-text'>
          靠工资生活的劳动者，满 {minAge} 周岁就能入会：工厂、工地、商店的职工，外卖骑手、快递员、网约车司机，在外地打工的老乡都可以。不管是哪里人、干什么工作。
        </Text>
        <Text className='join-text'>单位没有工会也能入会，由当地的工会接收你。</Text>

        <Text className='join-title'>单位不会知道</Text>
        <Text className='join-text'>🔒 {EMPLOYER_NOT_TOLD}不用单位盖章，也不用先办会员证。</Text>

        <Text className='join-title'>要多久</Text>
        <Text className='join-text'>
          填 4 步，大约 5 分钟。要用到你的身份证号、手机号，知道在哪个单位干活就行。工会在 {replyWorkingDays} 个工作日内答复你。
        </Text>

        <Button className='big-button gap' type='primary' block onClick={() => Taro.redirectTo({ url: JOIN_APPLY_PAGE })}>
          开始申请
        </Button>
        {application && (
          <View className='text-link' role='link' onClick={() => Taro.navigateTo({ url: JOIN_STATUS_PAGE })}>
            <Text>看上次撤回的申请</Text>
          </View>
        )}
      </View>
    </View>
  )
}
