import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import InfoRow from '../../../../components/InfoRow'
import Loading from '../../../../components/Loading'
import PrivacyPopup from '../../../../components/PrivacyPopup'
import Timeline from '../../../../components/Timeline'
import { dateLabel } from '../../../../domain/calendar/working-days'
import { fail } from '../../../../domain/envelope'
import type { CaseView, HelperView } from '../../../../domain/legal-aid/legal-aid.api'
import { ACTIVE_CASE_STATES, LEGAL_AID_ERR, OPEN_REVIEW_STATES } from '../../../../domain/legal-aid/legal-aid.constants'
import { formatDateCN } from '../../../../domain/privacy/my-data'
import { useConfirmed } from '../../../../services/confirm'
import { caseDetail, LEGAL_APPLY_PAGE, withdrawCase } from '../../../../services/legal-aid'
import { callPhone } from '../../../../services/stations'
import { useReply } from '../../../../services/useReply'
import { EligibilityBox, LimitationBox } from '../../components/Verdict'
import { HOTLINE, referralOf, STATE_ICON, STATE_TONE } from '../../legal'
import AddInfo from './AddInfo'
import { pageClass, useTextSize } from '../../../../services/text-size'
import '../../../../components/StationShared.css'
import '../../../../components/RequestState.css'
import '../../legal.css'
import './index.css'

const NOT_FOUND = LEGAL_AID_ERR.CASE_NOT_FOUND

/** One request for legal help: where it is, who helps, what came of it, and the one thing to do next. */
export default function CasePage() {
  const { textClass } = useTextSize()
  const { params } = useRouter()
  const id = params.id ?? ''
  const { state, reload, refresh } = useReply(() => (id ? caseDetail(id) : Promise.resolve(fail(NOT_FOUND.code, NOT_FOUND.message))), { refreshOnShow: true })
  const { busy, run } = useConfirmed(refresh)

  const withdraw = (c: CaseView) =>
    run(
      { title: '撤回这次求助？', content: '撤回以后，工会就不办这件事了。以后还可以重新申请，但要注意申请仲裁的期限。', confirmText: '撤回' },
      () => withdrawCase(c.id, c.version),
      '已撤回',
    )

  return (
    <View className={pageClass('page legal', textClass)}>
      <PrivacyPopup />
      {state.status === 'loading' && (
        <View className='card'>
          <Loading rows={4} />
        </View>
      )}
      {state.status === 'error' && <ErrorBox title='没能读到这次求助' error={state.error} onRetry={reload} />}
      {state.status === 'ok' && <Case c={state.data} busy={busy} onWithdraw={withdraw} onChanged={refresh} />}
    </View>
  )
}

const applyAgain = () => Taro.redirectTo({ url: LEGAL_APPLY_PAGE })

function Case({ c, busy, onWithdraw, onChanged }: { c: CaseView; busy: boolean; onWithdraw(c: CaseView): void; onChanged(): void }) {
  const reviewing = OPEN_REVIEW_STATES.includes(c.state)
  const active = ACTIVE_CASE_STATES.includes(c.state)
  return (
    <View>
      <View className='card' aria-label='求助'>
        <Text className={`state ${STATE_TONE[c.state]}`}>
          {STATE_ICON[c.state]} {c.stateLabel}
        </Text>
        {c.dueText && c.reviewDueDate && (
          <Text className='due'>
            工会会在 <Text className='nowrap'>{dateLabel(c.reviewDueDate)}</Text> 前告诉你受不受理（{c.dueText}）
          </Text>
        )}
        <InfoRow label='遇到的事' value={c.disputeLabel} />
        <InfoRow label='单位' value={c.employerName} />
        <InfoRow label='办理的工会' value={c.orgName} />
        <InfoRow label='交上去的日子' value={formatDateCN(c.submittedAt)} />
        {c.evidenceCount > 0 && <InfoRow label='交的证据' value={`${c.evidenceCount} 份`} />}
      </View>

      {c.state === 'needs_info' && (
        <View className='card'>
          <Text className='legal-title'>工会请你补充：</Text>
          {c.askedItems.map((i) => (
            <Text key={i.code} className='asked'>
              · {i.label}
            </Text>
          ))}
          {c.askNote && <Text className='legal-text'>工会说：“{c.askNote}”</Text>}
          <Text className='legal-text muted'>等你补充的这些天，不算在工会的期限里。补好了，工会接着办。</Text>
          {c.canResubmit && <AddInfo c={c} onDone={onChanged} />}
        </View>
      )}

      {active && <HelperCard c={c} />}

      {c.state === 'closed' && c.outcome && (
        <View className='card' aria-label='办理结果'>
          <Text className='legal-title'>办理结果：{c.outcome.kindLabel}</Text>
          {c.outcome.recoveredFen > 0 && (
            <Text className='legal-amount state--good'>
              {c.outcome.workersHelped > 1 ? '帮大家追回' : '帮你追回'} {c.outcome.recoveredText}
            </Text>
          )}
          {c.outcome.workersHelped > 1 && <Text className='legal-text'>一共帮了 {c.outcome.workersHelped} 个工友。</Text>}
          {c.outcome.note && <Text className='legal-text'>工会说：“{c.outcome.note}”</Text>}
          {c.helper && <Text className='legal-text muted'>帮你办的是{c.helper.kindLabel} {c.helper.name}。如果对方没有按说好的给钱，请打电话告诉他。</Text>}
          {c.helper && (
            <Button className='big-button gap' block aria-label={`打电话给${c.helper.name}`} onClick={() => callPhone(c.helper!.phone)}>
              📞 打电话给{c.helper.name}
            </Button>
          )}
        </View>
      )}

      {c.state === 'declined' && c.decline && <Declined decline={c.decline} />}

      {c.state === 'withdrawn' && (
        <View className='card'>
          <Text className='legal-text'>你撤回了这次求助。还想让工会帮忙，可以重新申请。</Text>
          <Button className='big-button gap' type='primary' block onClick={applyAgain}>
            重新申请
          </Button>
        </View>
      )}

      {(reviewing || active || c.state === 'declined') && (
        <View className='card' aria-label='提醒'>
          {reviewing && <EligibilityBox eligibility={c.eligibility} />}
          <LimitationBox limitation={c.limitation} />
        </View>
      )}

      <Text className='section-title'>办理经过</Text>
      <View className='card'>
        <Timeline steps={c.history} />
      </View>

      {c.canWithdraw && (
        <Button className='big-button gap' block disabled={busy} onClick={() => onWithdraw(c)}>
          撤回这次求助
        </Button>
      )}
      <Hotline />
    </View>
  )
}

/** Accepted: how the union helps, and who — with a button to call them; the latest progress note. */
function HelperCard({ c }: { c: CaseView }) {
  const latest = c.state === 'in_progress' ? [...c.history].reverse().find((h) => h.note) : undefined
  return (
    <View className='card' aria-label='帮你办事的人'>
      {latest && (
        <View className='notice notice--ok' aria-label='最新进展'>
          <Text className='legal-verdict__head'>最新进展（{formatDateCN(latest.at)}）</Text>
          <Text className='legal-verdict__line'>{latest.note}</Text>
        </View>
      )}
      {c.helpForms.length > 0 && (
        <View>
          <Text className='legal-title'>工会这样帮你：</Text>
          {c.helpForms.map((f) => (
            <Text key={f.code} className='legal-text'>
              · {f.label}
            </Text>
          ))}
        </View>
      )}
      {c.helper ? (
        <Helper h={c.helper} />
      ) : (
        <Text className='legal-text'>工会正在给你安排律师或工会法律工作者，安排好了会告诉你，这里也能看到。</Text>
      )}
    </View>
  )
}

function Helper({ h }: { h: HelperView }) {
  return (
    <View className='legal-helper'>
      <Text className='legal-title'>帮你办事的人</Text>
      <InfoRow label={h.kindLabel} value={h.name} />
      {h.org && <InfoRow label='在哪里工作' value={h.org} />}
      <InfoRow label='电话' value={h.phone} />
      <Button className='big-button gap' type='primary' block aria-label={`打电话给${h.name}`} onClick={() => callPhone(h.phone)}>
        📞 打电话给{h.name}
      </Button>
      <Text className='legal-text muted'>有新情况（比如老板联系你、给了钱），就打电话告诉{h.name}。</Text>
    </View>
  )
}

/** Declined: why, what to do next, and where to go instead (with its phone). */
function Declined({ decline: d }: { decline: NonNullable<CaseView['decline']> }) {
  const referral = referralOf(d.referral)
  const phone = referral?.phone ?? null
  return (
    <View className='card' aria-label='没有受理'>
      <Text className='legal-title'>没有受理的原因</Text>
      <Text className='legal-text'>{d.label}</Text>
      {d.note && <Text className='legal-text'>工会说：“{d.note}”</Text>}
      <Text className='legal-title'>接下来怎么办</Text>
      <Text className='legal-text'>{d.next}</Text>
      <View className='notice'>
        <Text className='legal-verdict__head'>可以去找：{d.referralLabel}</Text>
        {referral && <Text className='legal-verdict__line'>{referral.how}</Text>}
        {phone && (
          <Button className='big-button gap' type='primary' block aria-label={`拨打 ${phone}`} onClick={() => callPhone(phone)}>
            📞 拨打 {phone}
          </Button>
        )}
      </View>
    </View>
  )
}

/** Always there: the union's hotline. */
function Hotline() {
  return (
    <View className='legal-hotline-line'>
      <Text className='legal-text muted'>有不明白的，打 {HOTLINE} 职工服务热线问一问。</Text>
      <Button className='big-button gap' block aria-label={`拨打 ${HOTLINE}`} onClick={() => callPhone(HOTLINE)}>
        📞 拨打 {HOTLINE}
      </Button>
    </View>
  )
}
