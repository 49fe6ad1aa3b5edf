import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import InfoRow from '../../../components/InfoRow'
import type { CreatedInvite } from '../../../services/admin'
import { chinaTime } from '../format'
import './InviteCodeCard.css'

const copy = (code: string) => {
  Taro.setClipboardData({ data: code }).then(
    () => {
      // weapp shows its own "内容已复制"; say it everywhere else.
      if (process.env.TARO_ENV !== 'weapp') Taro.showToast({ title: '邀请码已复制', icon: 'none', duration: 2000 })
    },
    () => Taro.showToast({ title: '没能复制，请按住邀请码手动复制', icon: 'none', duration: 3000 }),
  )
}

/** The new code, shown once: large, copyable, with when it expires and how to hand it over safely. */
export default function InviteCodeCard({ created, onDone }: { created: CreatedInvite; onDone: () => void }) {
  const { invite, code } = created
  return (
    <View className='card code-card'>
      <Text className='staff-card-title'>邀请码生成好了</Text>
      <View className='code-card__code-box'>
        <Text className='code-card__code' userSelect aria-label={`邀请码 ${code.split('').join(' ')}`}>
          {code}
        </Text>
      </View>
      <Button className='big-button' type='primary' block onClick={() => copy(code)}>
        复制邀请码
      </Button>
      <View className='code-card__facts'>
        <InfoRow label='身份' value={invite.roleLabel} />
        {invite.org && <InfoRow label='工会' value={invite.org.name} />}
        <InfoRow label='有效期到' value={chinaTime(invite.expiresAt)} />
        {invite.note && <InfoRow label='备注' value={invite.note} />}
      </View>
      <View className='code-card__warn' role='note'>
        <Text className='code-card__warn-title'>🔒 请私下发给本人</Text>
        <Text className='code-card__warn-text'>当面告诉他，或在微信里单独发给他。不要发到群里。谁拿到这个码，谁就能成为工作人员。</Text>
      </View>
      <Text className='staff-para'>对方打开小程序，点“我的”，再点“我是工会工作人员，输入邀请码”。3 天内有效，只能用一次。</Text>
      <Button className='big-button staff-gap' block onClick={onDone}>
        完成
      </Button>
    </View>
  )
}
