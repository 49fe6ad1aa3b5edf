import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import Explain from '../../../../components/Explain'
import InfoRow from '../../../../components/InfoRow'
import Loading from '../../../../components/Loading'
import { dateLabel } from '../../../../domain/calendar/working-days'
import type { MemberCardView, TransferView } from '../../../../domain/membership/membership.schema'
import { JOIN_PAGE, JOIN_STATUS_PAGE, myMembership, TRANSFER_PAGE } from '../../../../services/membership'
import { useReply } from '../../../../services/useReply'
import Timeline from '../../../../components/Timeline'
import { latestTransfer } from '../../form'
import { pageClass, useTextSize } from '../../../../services/text-size'
import '../../../../components/StationShared.css'
import '../../join.css'
import './index.css'

/** The card to show staff: who, which union, since when, and the QR code they scan. */
function MemberCard({ m }: { m: MemberCardView }) {
  return (
    <View className='member-card' aria-label='电子会员证'>
      <Text className='member-card__head'>工会会员证</Text>
      <Text className='member-card__name'>{m.name}</Text>
      <Text className='member-card__label'>会员编号</Text>
      <Text className='member-card__no'>{m.memberNo}</Text>
      <View className='member-card__rows'>
        <InfoRow label='所在工会' value={m.orgName} />
        <InfoRow label='入会日期' value={dateLabel(m.joinedDate)} />
        <InfoRow label='身份证号' value={m.maskedIdNumber} />
      </View>
      <View className='member-card__qr-box'>
        <View role='img' aria-label='会员证二维码'>
          <Image className='member-card__qr' src={m.qrDataUrl} mode='aspectFit' aria-hidden />
        </View>
        <Text className='member-card__hint'>出示给工会工作人员扫一扫</Text>
      </View>
    </View>
  )
}

/** A transfer still waiting, or the last one that was not accepted, with what to do next. */
function TransferNote({ t }: { t: TransferView | null }) {
  if (!t) return null
  if (t.state === 'requested') {
    return (
      <View className='notice notice--link' role='link' aria-label={`转会办理中：等「${t.toOrgName}」接收。点这里看进度`} onClick={() => Taro.navigateTo({ url: TRANSFER_PAGE })}>
        <Text>
          ⏳ 转会办理中：等「{t.toOrgName}」接收。点这里看进度 ›
        </Text>
      </View>
    )
  }
  if (t.state === 'rejected' && t.rejection) {
    return (
      <View className='notice notice--bad'>
        <Text className='check__head'>转到「{t.toOrgName}」没有成功：{t.rejection.label}</Text>
        {t.rejection.note && <Text className='join-text'>工会说：“{t.rejection.note}”</Text>}
        <Text className='join-text'>{t.rejection.next}</Text>
      </View>
    )
  }
  return null
}

/** 我的会员证: the card with its QR code, membership so far, and 转会. */
export default function CardPage() {
  const { textClass } = useTextSize()
  const { state, reload } = useReply(myMembership, { refreshOnShow: true })

  return (
    <View className={pageClass('page join', textClass)}>
      {state.status === 'loading' && (
        <View className='card'>
          <Loading rows={5} />
        </View>
      )}
      {state.status === 'error' && <ErrorBox title='没能读到你的会员证' error={state.error} onRetry={reload} />}
      {state.status === 'ok' && !state.data.member && (
        <View className='card'>
          <Text className='join-title'>你还不是工会会员</Text>
          <Text className='join-text'>入会申请批准以后，这里就有你的电子会员证。</Text>
          {state.data.application ? (
            <Button className='big-button gap' type='primary' block onClick={() => Taro.redirectTo({ url: JOIN_STATUS_PAGE })}>
              看入会进度
            </Button>
          ) : (
            <Button className='big-button gap' type='primary' block onClick={() => Taro.redirectTo({ url: JOIN_PAGE })}>
              申请入会
            </Button>
          )}
        </View>
      )}
      {state.status === 'ok' && state.data.member && (
        <View>
          <MemberCard m={state.data.member} />
          <TransferNote t={latestTransfer(state.data.transfers)} />
          <Text className='section-title'>会籍记录</Text>
          <View className='card'>
            <Explain term='会籍' />
            <Timeline steps={state.data.member.history} label='会籍记录' />
          </View>
          <Button className='big-button gap' block onClick={() => Taro.navigateTo({ url: TRANSFER_PAGE })}>
            转会（换了单位或城市）
          </Button>
        </View>
      )}
    </View>
  )
}
