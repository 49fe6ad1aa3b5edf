import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import InfoRow from '../../../../components/InfoRow'
import Loading from '../../../../components/Loading'
import PrivacyPopup from '../../../../components/PrivacyPopup'
import Timeline from '../../../../components/Timeline'
import { fail } from '../../../../domain/envelope'
import type { ClaimView } from '../../../../domain/mutual-aid/mutual-aid.api'
import { MUTUAL_AID_ERR } from '../../../../domain/mutual-aid/mutual-aid.constants'
import { formatDateCN } from '../../../../domain/privacy/my-data'
import { useConfirmed } from '../../../../services/confirm'
import { AID_CLAIM_NEW_PAGE, claimDetail, withdrawClaim } from '../../../../services/mutual-aid'
import { useReply } from '../../../../services/useReply'
import Arithmetic from '../../components/Arithmetic'
import { ExplainTerms } from '../../../../components/Explain'
import { cardTail, EVENT_DATE_LABEL, fullDate, paidLine, STATE_ICON, STATE_TONE, yuan } from '../../format'
import ResubmitDocs from './ResubmitDocs'
import { pageClass, useTextSize } from '../../../../services/text-size'
import '../../../../components/StationShared.css'
import '../../../../components/RequestState.css'
import '../../aid.css'
import './index.css'

const NOT_FOUND = MUTUAL_AID_ERR.CLAIM_NOT_FOUND

/** One claim: where it is, the money and how it was worked out, what happened, and the one thing to do next. */
export default function ClaimPage() {
  const { textClass } = useTextSize()
  const { params } = useRouter()
  const id = params.id ?? ''
  const { state, reload, refresh } = useReply(() => (id ? claimDetail(id) : Promise.resolve(fail(NOT_FOUND.code, NOT_FOUND.message))), { refreshOnShow: true })
  const { busy, run } = useConfirmed(refresh)

  const withdraw = (c: ClaimView) =>
    run({ title: '撤回这个申请？', content: '撤回以后，工会就不办这次申请了。还在申请期限内的话，以后可以重新申请。', confirmText: '撤回' }, () => withdrawClaim(c.id, c.version), '已撤回')

  return (
    <View className={pageClass('page aid', textClass)}>
      <PrivacyPopup />
      {state.status === 'loading' && (
        <View className='card'>
          <Loading rows={4} />
        </View>
      )}
      {state.status === 'error' && <ErrorBox title='没能读到这个申请' error={state.error} onRetry={reload} />}
      {state.status === 'ok' && <Claim c={state.data} busy={busy} onWithdraw={withdraw} onChanged={refresh} />}
    </View>
  )
}

const applyAgain = () => Taro.redirectTo({ url: AID_CLAIM_NEW_PAGE })

function Claim({ c, busy, onWithdraw, onChanged }: { c: ClaimView; busy: boolean; onWithdraw(c: ClaimView): void; onChanged(): void }) {
  const paid = paidLine(c)
  const tail = cardTail(c.bankCardTail)
  return (
    <View>
      <View className='card' aria-label='申请'>
        <Text className={`state ${STATE_TONE[c.state]}`}>
          {STATE_ICON[c.state]} {c.stateLabel}
        </Text>
        <ExplainTerms texts={[c.stateLabel]} />
        <InfoRow label='保障' value={c.planName} />
        <InfoRow label={EVENT_DATE_LABEL[c.kind]} value={fullDate(c.eventDate)} />
        <InfoRow label='交申请的日子' value={formatDateCN(c.submittedAt)} />
      </View>

      <View className='card' aria-label='补助的钱'>
        {paid && <Text className='aid-amount state--good'>{paid}</Text>}
        {!paid && c.approvedFen !== null && (
          <View>
            <Text className='aid-amount'>批准补助 {yuan(c.approvedFen)}</Text>
            <Text className='aid-text'>等总工会打款{tail ? `，钱会打到尾号 ${tail} 的银行卡` : ''}。</Text>
          </View>
        )}
        {c.approvedFen === null && c.state !== 'rejected' && c.state !== 'withdrawn' && (
          <View>
            <Text className='aid-amount'>算出来能补助 {yuan(c.computedFen)}</Text>
            <Text className='aid-text muted'>最后补助多少，由工会核对材料后决定。</Text>
          </View>
        )}
        {c.override && (
          <View className='notice'>
            <Text className='aid-verdict__head'>批准的钱数和算出来的（{yuan(c.computedFen)}）不一样：</Text>
            <Text className='aid-verdict__line'>{c.override.label}</Text>
            {c.override.note && <Text className='aid-verdict__line'>工会说：“{c.override.note}”</Text>}
          </View>
        )}
        <Arithmetic steps={c.steps} />
      </View>

      {c.state === 'needs_docs' && (
        <View className='card'>
          <Text className='aid-title'>工会请你补充这些材料：</Text>
          {c.askedDocuments.map((d) => (
            <Text key={d.code} className='asked'>
              · {d.label}
            </Text>
          ))}
          {c.askNote && <Text className='aid-text'>工会说：“{c.askNote}”</Text>}
          <Text className='due'>请尽快交上来。这个申请的期限到 {fullDate(c.windowLastDay)}。</Text>
          {c.canResubmit && <ResubmitDocs claim={c} onDone={onChanged} />}
        </View>
      )}

      {c.state === 'rejected' && c.rejection && (
        <View className='card'>
          <Text className='aid-title'>没有通过的原因</Text>
          <Text className='aid-text'>{c.rejection.label}</Text>
          {c.rejection.note && <Text className='aid-text'>工会说：“{c.rejection.note}”</Text>}
          <Text className='aid-title'>接下来怎么办</Text>
          <Text className='aid-text'>{c.rejection.next}</Text>
          <ExplainTerms texts={[c.rejection.label, c.rejection.next]} />
        </View>
      )}

      {c.state === 'withdrawn' && (
        <View className='card'>
          <Text className='aid-text'>你撤回了这次申请。还在申请期限内（{fullDate(c.windowLastDay)}前）的话，可以重新申请。</Text>
          <Button className='big-button gap' type='primary' block onClick={applyAgain}>
            重新申请
          </Button>
        </View>
      )}

      <Text className='section-title'>办理经过</Text>
      <View className='card'>
        <Timeline steps={c.history} />
        {c.documents.length > 0 && (
          <View className='aid-docs-sent'>
            <Text className='aid-text'>你交的材料：</Text>
            {c.documents.map((d) => (
              <Text key={d.code} className='aid-docs-sent__line'>
                · {d.label}（{d.count} 张）
              </Text>
            ))}
          </View>
        )}
      </View>

      {c.canWithdraw && (
        <Button className='big-button gap' block disabled={busy} onClick={() => onWithdraw(c)}>
          撤回申请
        </Button>
      )}
    </View>
  )
}
