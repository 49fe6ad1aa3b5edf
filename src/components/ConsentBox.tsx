import { useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { CONSENT_POLICIES, type ConsentCategory } from '../domain/consent/consent'
import { errorText } from '../services/errors'
import { grantConsent } from '../services/privacy'
import Loading from './Loading'
import './ConsentBox.css'

/** A separate consent as a page knows it: still reading, given, never given (or withdrawn), or given to an older wording. */
export type ConsentState = 'loading' | 'granted' | 'needed' | 'renew'

interface Props {
  category: ConsentCategory
  /** What it is needed for: 入会 → "入会要用到你的身份证号". */
  task: string
  /** What the worker can do instead when they do not agree. */
  refuse: string
  /** Agreed to an older wording before. */
  renewed?: boolean
  onGranted(): void
}

/** Separate consent before sensitive data is typed or sent: why, how to take it back, and 我同意. */
export default function ConsentBox({ category, task, refuse, renewed = false, onGranted }: Props) {
  const policy = CONSENT_POLICIES[category]
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const grant = async () => {
    if (busy) return
    setBusy(true)
    setError('')
    const r = await grantConsent(category, policy.version).catch(() => null)
    setBusy(false)
    if (r?.ok) onGranted()
    else setError(r ? errorText(r.error) : '网络不太好，请再点一次“我同意”')
  }

  return (
    <View className='notice consent' role='group' aria-label={`同意使用你的${policy.label}`}>
      <Text className='consent__title'>{renewed ? `关于${policy.label}的说明更新了，请再看一看` : `${task}要用到你的${policy.label}`}</Text>
      <Text className='consent__para'>用来做什么：{policy.purpose}</Text>
      <Text className='consent__para'>以后不想让我们用了，可以在“我的信息与隐私”里撤回。{policy.withdrawEffect}</Text>
      {error && (
        <View className='field-error' role='alert'>
          <Text>{error}</Text>
        </View>
      )}
      <Button className='big-button gap' type='primary' block disabled={busy} onClick={grant}>
        {busy ? '正在保存…' : '我同意'}
      </Button>
      <Text className='consent__para'>{refuse}</Text>
    </View>
  )
}

/** `children` (the field that collects the data) only once the consent is given; until then ConsentBox. */
export function ConsentGate({ state, children = null, ...box }: Omit<Props, 'renewed'> & { state: ConsentState; children?: ReactNode }) {
  if (state === 'loading') return <Loading text='正在读取…' rows={1} />
  if (state !== 'granted') return <ConsentBox {...box} renewed={state === 'renew'} />
  return <>{children}</>
}
