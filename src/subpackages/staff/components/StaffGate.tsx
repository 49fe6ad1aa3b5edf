import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import ErrorBox from '../../../components/ErrorBox'
import Loading from '../../../components/Loading'
import { isStaff, type Me } from '../../../services/session'
import { useMe } from '../../../services/useMe'
import '../staff.css'

/** Staff pages: shown to staff only (the server checks every call again). */
export default function StaffGate({ children }: { children: (me: Me) => ReactNode }) {
  const { state, reload } = useMe()
  if (state.status === 'loading') {
    return (
      <View className='card'>
        <Loading text='正在读取你的身份，请稍等…' />
      </View>
    )
  }
  if (state.status === 'error') return <ErrorBox title='没能读到你的身份' error={state.error} onRetry={reload} />
  if (!isStaff(state.me)) {
    return (
      <View className='card'>
        <Text className='staff-card-title'>这一页只给工会工作人员用</Text>
        <Text className='muted'>如果你是工作人员，请先在“我的”里输入邀请码。</Text>
      </View>
    )
  }
  return <View>{children(state.me)}</View>
}
