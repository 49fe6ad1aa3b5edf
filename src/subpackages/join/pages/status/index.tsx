import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import Loading from '../../../../components/Loading'
import PhotoThumbs from '../../../../components/PhotoThumbs'
import PrivacyPopup from '../../../../components/PrivacyPopup'
import type { ApplicationView } from '../../../../domain/membership/membership.schema'
import { JOIN_APPLY_PAGE, MEMBER_CARD_PAGE, myMembership, withdrawApplication } from '../../../../services/membership'
import { useReply } from '../../../../services/useReply'
import RouteBox from '../../components/RouteBox'
import Timeline from '../../../../components/Timeline'
import { useConfirmed } from '../../../../services/confirm'
import ResubmitForm from './ResubmitForm'
import { pageClass, useTextSize } from '../../../../services/text-size'
import '../../../../components/StationShared.css'
import '../../../../components/RequestState.css'
import '../../join.css'

const TONE: Record<ApplicationView['state'], string> = { submitted: '', needs_info: 'state--bad', approved: 'state--good', rejected: 'state--bad', withdrawn: '' }
const ICON: Record<ApplicationView['state'], string> = { submitted: '⏳', needs_info: '📝', approved: '🎉', rejected: '⛔', withdrawn: '↩️' }

const applyAgain = () => Taro.redirectTo({ url: JOIN_APPLY_PAGE })

/** The deadline: 12月5日前答复 · 还剩 3 个工作日, or that it has passed and what to do. */
function Due({ a, replyWorkingDays }: { a: ApplicationView; replyWorkingDays: number }) {
  if (a.state === 'needs_info') return <Text className='due'>等你补充材料。交上去以后，工会重新开始算时间，{replyWorkingDays} 个工作日内答复你。</Text>
  if (a.dueText === null) return null
  if (a.overdue) return <Text className='due due--late'>工会应该在{a.dueLabel}前答复你，{a.dueText}。可以打 12351 职工服务热线问一问。</Text>
  return (
    <Text className='due'>
      {a.dueLabel}前答复 · {a.dueText}
    </Text>
  )
}

/** 入会进度: where the application is, who holds it and why, by when, what happened, and the one thing to do next. */
export default function StatusPage() {
  const { textClass } = useTextSize()
  const { state, reload, refresh } = useReply(myMembership, { refreshOnShow: true })
  const { busy, run } = useConfirmed(refresh)

  const withdraw = (a: ApplicationView) =>
    run({ title: '撤回入会申请？', content: '撤回以后，工会就不办这次申请了。以后想入会，可以重新申请。', confirmText: '撤回' }, () => withdrawApplication(a.id, a.version), '已撤回')

  return (
    <View className={pageClass('page join', textClass)}>
      <PrivacyPopup />
      {state.status === 'loading' && (
        <View className='card'>
          <Loading rows={4} />
        </View>
      )}
      {state.status === 'error' && <ErrorBox title='没能读到你的入会进度' error={state.error} onRetry={reload} />}
      {state.status === 'ok' && !state.data.application && (
        <View className='card'>
          <Text className='join-title'>{state.data.member ? '你已经是工会会员了' : '你还没有申请入会'}</Text>
          {state.data.member ? (
            <Button className='big-button gap' type='primary' block onClick={() => Taro.redirectTo({ url: MEMBER_CARD_PAGE })}>
              看我的会员证
            </Button>
          ) : (
            <Button className='big-button gap' type='primary' block onClick={applyAgain}>
              申请入会
            </Button>
          )}
        </View>
      )}
      {state.status === 'ok' && state.data.application && (
        <Application a={state.data.application} replyWorkingDays={state.data.replyWorkingDays} busy={busy} onWithdraw={withdraw} onChanged={refresh} />
      )}
    </View>
  )
}

interface ApplicationProps {
  a: ApplicationView
  replyWorkingDays: number
  busy: boolean
  onWithdraw(a: ApplicationView): void
  onChanged(): void
}

function Application({ a, replyWorkingDays, busy, onWithdraw, onChanged }: ApplicationProps) {
  return (
    <View>
      <View className='card' aria-label='入会申请'>
        <Text className={`state ${TONE[a.state]}`}>
          {ICON[a.state]} {a.stateLabel}
        </Text>
        <Due a={a} replyWorkingDays={replyWorkingDays} />
        <RouteBox title='办理的工会' orgName={a.orgName} why={a.routeWhy} />
      </View>

      {a.state === 'needs_info' && (
        <View className='card'>
          <Text className='join-title'>工会请你补充：</Text>
          {a.askedItems.map((i) => (
            <Text key={i.code} className='asked'>
              · {i.label}
            </Text>
          ))}
          {a.askNote && <Text className='join-text'>工会说：“{a.askNote}”</Text>}
          {a.canResubmit && <ResubmitForm application={a} onDone={onChanged} />}
        </View>
      )}

      {a.state === 'rejected' && a.rejection && (
        <View className='card'>
          <Text className='join-title'>没有通过的原因</Text>
          <Text className='join-text'>{a.rejection.label}</Text>
          {a.rejection.note && <Text className='join-text'>工会说：“{a.rejection.note}”</Text>}
          <Text className='join-title'>接下来怎么办</Text>
          <Text className='join-text'>{a.rejection.next}</Text>
          <Text className='join-title'>觉得不对怎么办</Text>
          <Text className='join-text'>{a.rejection.appeal}</Text>
          <Button className='big-button gap' type='primary' block onClick={applyAgain}>
            重新申请
          </Button>
        </View>
      )}

      {a.state === 'approved' && (
        <View className='card'>
          <Text className='join-text'>欢迎你加入工会！会员证已经发给你了。</Text>
          <Button className='big-button gap' type='primary' block onClick={() => Taro.redirectTo({ url: MEMBER_CARD_PAGE })}>
            看我的会员证
          </Button>
        </View>
      )}

      {a.state === 'withdrawn' && (
        <View className='card'>
          <Text className='join-text'>你撤回了这次申请。想入会的话，可以重新申请。</Text>
          <Button className='big-button gap' type='primary' block onClick={applyAgain}>
            重新申请
          </Button>
        </View>
      )}

      <Text className='section-title'>办理经过</Text>
      <View className='card'>
        <Timeline steps={a.history} />
        {a.proofPhotos.length > 0 && (
          <View>
            <Text className='join-text'>你交的照片：</Text>
            <PhotoThumbs photos={a.proofPhotos} />
          </View>
        )}
      </View>

      {a.canWithdraw && (
        <Button className='big-button gap' block disabled={busy} onClick={() => onWithdraw(a)}>
          撤回申请
        </Button>
      )}
    </View>
  )
}
