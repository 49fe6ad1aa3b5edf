import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import Loading from '../../../../components/Loading'
import { isStaff } from '../../../../services/session'
import { useMe } from '../../../../services/useMe'
import { errorText } from '../../../../services/errors'
import { redeemInvite, STAFF_HOME_PAGE, type RedeemResult } from '../../../../services/staff'
import { formatTypedCode, INVITE_CODE_DISPLAY_LENGTH, INVITE_CODE_HINT, INVITE_CODE_LENGTH, inviteCodeInput } from '../../../../domain/staff/invite-code'
import Alert from '../../components/Alert'
import '../../staff.css'
import './index.css'

// reLaunch: every page, 首页 and 我的 included, reads the new role afresh.
const toDesk = () => Taro.reLaunch({ url: STAFF_HOME_PAGE })

function Success({ result }: { result: RedeemResult }) {
  return (
    <View className='card redeem__done' role='status'>
      <Text className='redeem__done-title'>✅ 成功了</Text>
      <Text className='staff-para'>你现在的身份是：</Text>
      <View className='redeem__role'>
        <Text className='role-badge'>{result.roleLabel}</Text>
        {result.org && <Text className='redeem__org'>{result.org.name}</Text>}
      </View>
      <Text className='staff-para'>以后打开小程序，首页会多一个“工作台”，工作人员的事都在那里办。</Text>
      <Button className='big-button staff-gap' type='primary' block onClick={toDesk}>
        去工作台
      </Button>
    </View>
  )
}

function CodeForm({ onDone }: { onDone: (r: RedeemResult) => void }) {
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const complete = text.replace(/-/g, '').length === INVITE_CODE_LENGTH

  const submit = async () => {
    if (busy) return
    const parsed = inviteCodeInput.safeParse(text)
    if (!parsed.success) {
      setError(INVITE_CODE_HINT)
      return
    }
    setBusy(true)
    setError(null)
    const reply = await redeemInvite(parsed.data)
    setBusy(false)
    if (reply.ok) onDone(reply.data)
    else setError(reply.error.fieldErrors?.code ?? errorText(reply.error))
  }

  return (
    <View className='card'>
      <Text className='staff-card-title'>请输入邀请码</Text>
      <Text className='staff-para'>邀请码是县总工会的管理员单独发给你的，一共 8 位，例如 K7PM-3QXD。</Text>
      <Input
        className='redeem__input'
        value={text}
        maxlength={INVITE_CODE_DISPLAY_LENGTH}
        placeholder='XXXX-XXXX'
        placeholderClass='redeem__placeholder'
        confirmType='done'
        aria-label='邀请码'
        onInput={(e) => {
          setText(formatTypedCode(String(e.detail.value)))
          setError(null)
        }}
        onConfirm={submit}
      />
      {error && (
        <Alert text={error} />
      )}
      <Button className='big-button staff-gap' type='primary' block disabled={!complete || busy} onClick={submit}>
        {busy ? '正在确认…' : '确认'}
      </Button>
      <Text className='staff-note'>大小写都可以，横线会自动加上。</Text>
    </View>
  )
}

export default function Redeem() {
  const { state, reload } = useMe()
  const [result, setResult] = useState<RedeemResult | null>(null)

  return (
    <View className='page staff redeem'>
      {result && <Success result={result} />}
      {!result && state.status === 'loading' && (
        <View className='card'>
          <Loading />
        </View>
      )}
      {!result && state.status === 'error' && <ErrorBox title='没能读到你的信息' error={state.error} onRetry={reload} />}
      {!result && state.status === 'ok' && isStaff(state.me) && (
        <View className='card'>
          <Text className='staff-card-title'>你已经是工作人员了</Text>
          <View className='redeem__role'>
            <Text className='role-badge'>{state.me.roleLabel}</Text>
            {state.me.org && <Text className='redeem__org'>{state.me.org.name}</Text>}
          </View>
          <Text className='staff-para'>不用再输入邀请码。</Text>
          <Button className='big-button staff-gap' type='primary' block onClick={toDesk}>
            去工作台
          </Button>
        </View>
      )}
      {!result && state.status === 'ok' && !isStaff(state.me) && <CodeForm onDone={setResult} />}
    </View>
  )
}
