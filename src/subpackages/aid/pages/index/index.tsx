import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { ConsentGate } from '../../../../components/ConsentBox'
import ErrorBox from '../../../../components/ErrorBox'
import { ExplainTerms } from '../../../../components/Explain'
import { IdNumberField } from '../../../../components/Field'
import Loading from '../../../../components/Loading'
import type { MyPlanCoverage, PlanView } from '../../../../domain/mutual-aid/mutual-aid.api'
import type { CoverageStatus } from '../../../../domain/mutual-aid/mutual-aid.rules'
import { idNumberInput } from '../../../../domain/privacy/privacy.schema'
import { errorText } from '../../../../services/errors'
import { AID_CLAIM_NEW_PAGE, AID_CLAIMS_PAGE, myCoverage } from '../../../../services/mutual-aid'
import { setIdNumber } from '../../../../services/privacy'
import { useReply } from '../../../../services/useReply'
import { fullDate, yuan } from '../../format'
import { consentAsked, useConsents } from '../../useConsents'
import { pageClass, useTextSize } from '../../../../services/text-size'
import '../../../../components/StationShared.css'
import '../../aid.css'
import './index.css'

const STATUS_TONE: Record<CoverageStatus, string> = { full: 'good', reduced: 'warn', waiting: 'warn', not_enrolled: 'off', expired: 'off' }

const openClaims = () => Taro.navigateTo({ url: AID_CLAIMS_PAGE })

/** 我的保障: which plans cover me, from when to when, waiting days left, this year's money used and left. */
export default function CoveragePage() {
  const { textClass } = useTextSize()
  const { state, reload, refresh } = useReply(myCoverage, { refreshOnShow: true })
  return (
    <View className={pageClass('page aid', textClass)}>
      {state.status === 'loading' && (
        <View className='card'>
          <Loading rows={4} />
        </View>
      )}
      {state.status === 'error' && <ErrorBox title='没能读到你的保障' error={state.error} onRetry={reload} />}
      {state.status === 'ok' && state.data.identityMissing && <IdentityNeeded onSaved={refresh} />}
      {state.status === 'ok' && !state.data.identityMissing && (
        <View>
          {state.data.plans.length === 0 && (
            <View className='card'>
              <Text className='aid-title'>没有找到你参加的保障</Text>
              <Text className='aid-text'>互助保障一般是单位工会给职工统一参加的。你还没参加，可以问一问单位工会。</Text>
            </View>
          )}
          {state.data.plans.map((p) => (
            <PlanCard key={p.planId} plan={p} />
          ))}
          <Button className='big-button gap' block onClick={openClaims}>
            我的申请
          </Button>
          {state.data.otherPlans.length > 0 && <OtherPlans plans={state.data.otherPlans} />}
        </View>
      )}
    </View>
  )
}

function PlanCard({ plan: p }: { plan: MyPlanCoverage }) {
  const used = p.annualCapFen > 0 ? Math.min(100, Math.round((p.usedFen / p.annualCapFen) * 100)) : 0
  return (
    <View className='card aid-plan' aria-label={p.name}>
      <Text className='aid-title'>{p.name}</Text>
      <Text className={`aid-status aid-status--${STATUS_TONE[p.status]}`}>{p.statusText}</Text>
      <ExplainTerms texts={[p.statusText]} />
      <Text className='aid-text'>
        {p.shares} 份 · {fullDate(p.termStart)} 到 {fullDate(p.termEnd)}
      </Text>
      <View className='aid-cap'>
        <Text className='aid-cap__title'>今年最多补助 {yuan(p.annualCapFen)}</Text>
        <View className='aid-cap__bar' role='progressbar' aria-valuenow={used} aria-valuemin={0} aria-valuemax={100} aria-label={`今年已经用了 ${used}%`}>
          <View className='aid-cap__used' style={{ width: `${used}%` }} />
        </View>
        <View className='aid-cap__numbers'>
          <Text className='aid-cap__num'>已经用了 {yuan(p.usedFen)}</Text>
          <Text className='aid-cap__num'>还剩 {yuan(p.remainingFen)}</Text>
        </View>
      </View>
      <Button className='big-button gap' type='primary' block onClick={() => Taro.navigateTo({ url: `${AID_CLAIM_NEW_PAGE}?planId=${encodeURIComponent(p.planId)}` })}>
        申请补助
      </Button>
    </View>
  )
}

/** Plans the union runs that I am not in. */
function OtherPlans({ plans }: { plans: PlanView[] }) {
  return (
    <View>
      <Text className='section-title'>你还没参加的保障</Text>
      <View className='card'>
        <Text className='aid-text'>你还没参加，可以问一问单位工会。</Text>
        {plans.map((p) => (
          <View key={p.planId} className='aid-other'>
            <Text className='aid-other__name'>{p.name}</Text>
            {p.summary.map((line) => (
              <Text key={line} className='aid-other__line'>
                · {line}
              </Text>
            ))}
            <ExplainTerms texts={p.summary} />
          </View>
        ))}
      </View>
    </View>
  )
}

/** No ID number held: why it is needed, consent, then the number; the coverage is read again after. */
function IdentityNeeded({ onSaved }: { onSaved(): void }) {
  const { consents, granted, lost } = useConsents()
  const [idNumber, setId] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  const save = async () => {
    if (busy) return
    const parsed = idNumberInput.safeParse(idNumber)
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '身份证号不对')
    setBusy(true)
    setError('')
    const r = await setIdNumber(parsed.data).catch(() => null)
    setBusy(false)
    if (r?.ok) {
      void Taro.showToast({ title: '已保存', icon: 'success' })
      onSaved()
      return
    }
    if (r && consentAsked(r.error)) lost('id_number')
    setError(r ? errorText(r.error) : '网络不太好，请再点一次“保存并查看”')
  }

  return (
    <View className='card'>
      <Text className='aid-title'>先要确认你是谁</Text>
      <Text className='aid-text'>互助保障是单位工会按身份证号给职工参加的。填了你的身份证号，才能查到你参加了哪些保障。</Text>
      <ConsentGate
        category='id_number'
        task='查互助保障'
        refuse='不同意的话，没法在网上查。可以带上身份证到单位工会问一问，或者打 12351。'
        state={consents.id_number}
        onGranted={() => granted('id_number')}
      >
        <IdNumberField
          value={idNumber}
          onInput={(v) => {
            setId(v)
            setError('')
          }}
          error={error}
        />
        <Button className='big-button gap' type='primary' block disabled={busy} onClick={save}>
          {busy ? '正在保存…' : '保存并查看'}
        </Button>
      </ConsentGate>
    </View>
  )
}
