import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ErrorBox from '../../../../components/ErrorBox'
import Loading from '../../../../components/Loading'
import { isStaff, type Me } from '../../../../services/session'
import { useMe } from '../../../../services/useMe'
import { listOrgs } from '../../../../services/admin'
import { STAFF_PEOPLE_PAGE, STAFF_REDEEM_PAGE } from '../../../../services/staff'
import { STAFF_ORGS_PAGE } from '../../../../services/orgs'
import { HOME_PAGE } from '../../../../services/routes'
import { STAFF_STATIONS_PAGE } from '../../../../services/stations'
import {
  applicationQueue,
  STAFF_CALENDAR_PAGE,
  STAFF_MEMBER_QUEUE_PAGE,
  STAFF_MEMBER_TRANSFERS_PAGE,
  STAFF_MEMBER_VERIFY_PAGE,
  STAFF_MEMBERS_PAGE,
} from '../../../../services/membership'
import { claimQueue, STAFF_AID_ENROLLMENTS_PAGE, STAFF_AID_IMPORT_PAGE, STAFF_AID_QUEUE_PAGE, STAFF_AID_RULES_PAGE } from '../../../../services/mutual-aid'
import { caseQueue, STAFF_LEGAL_QUEUE_PAGE, STAFF_LEGAL_RULES_PAGE } from '../../../../services/legal-aid'
import { queueSummary, STAFF_AUDIT_PAGE, STAFF_FIGURES_PAGE, STAFF_WORK_PAGE, STAFF_WORK_RULES_PAGE } from '../../../../services/workspace'
import { useReply } from '../../useReply'
import { useReloadOnShow, useShowCount } from '../../useShowCount'
import '../../staff.css'
import './index.css'

const go = (url: string) => Taro.navigateTo({ url })

function Tile({ icon, title, text, alert, onClick }: { icon: string; title: string; text: string; alert?: string; onClick: () => void }) {
  return (
    <View className='card staff-tile' role='button' aria-label={title} onClick={onClick}>
      <Text className='staff-tile__icon' aria-hidden>
        {icon}
      </Text>
      <View className='staff-tile__body'>
        <Text className='staff-tile__title'>{title}</Text>
        <Text className='staff-tile__text'>{text}</Text>
        {alert && <Text className='staff-tile__alert'>⚠ {alert}</Text>}
      </View>
      <Text className='link__arrow' aria-hidden>
        ›
      </Text>
    </View>
  )
}

/** The orgs a grassroots or federation staff member looks after (from the server's scope). */
function MyOrgs() {
  const { state, reload } = useReply(listOrgs)
  if (state.status === 'error') return <ErrorBox title='没能读到你负责的工会' error={state.error} onRetry={reload} />
  if (state.status !== 'ok') return <Loading rows={2} />
  // Indent below the caller's own level only.
  const top = Math.min(...state.data.orgs.map((o) => o.depth))
  return (
    <View className='card'>
      <Text className='staff-card-title'>我负责的工会（{state.data.orgs.length} 个）</Text>
      {state.data.orgs.map((o) => (
        <View key={o.id} className={`staff-org staff-org--depth-${Math.min(o.depth - top, 2)}`}>
          <Text className='staff-org__name'>{o.name}</Text>
          <Text className='staff-org__kind'>{o.kindLabel}</Text>
        </View>
      ))}
    </View>
  )
}

/**
 * 入会申请 with what waits for a decision, from the first page of the queue (oldest first, so the late
 * ones are in it); a bigger queue says "至少". Without an answer the tile simply has no count.
 */
function JoinTile({ shown }: { shown: number }) {
  const { state, reload } = useReply(() => applicationQueue('open'))
  useReloadOnShow(shown, reload)
  let text = '职工的入会申请：看谁在等、哪些快到期'
  let alert: string | undefined
  if (state.status === 'ok') {
    const { items, nextCursor } = state.data
    const waiting = items.filter((a) => a.state === 'submitted').length
    const late = items.filter((a) => a.state === 'submitted' && a.overdue).length
    const more = nextCursor !== null ? '至少 ' : ''
    text = waiting > 0 ? `${more}${waiting} 份等你审核` : '现在没有等你审核的申请'
    if (late > 0) alert = `${more}${late} 份已超过期限`
  }
  return <Tile icon='📝' title='入会申请' text={text} alert={alert} onClick={() => go(STAFF_MEMBER_QUEUE_PAGE)} />
}

/** 互助保障申请 with how many wait for this staff member (the first page of 待处理; a bigger queue says "至少"). */
function AidTile({ shown }: { shown: number }) {
  const { state, reload } = useReply(() => claimQueue('todo'))
  useReloadOnShow(shown, reload)
  let text = '职工申请的互助保障补助：核对材料、审批金额、打款'
  if (state.status === 'ok') {
    const { items, nextCursor } = state.data
    const more = nextCursor !== null ? '至少 ' : ''
    text = items.length > 0 ? `${more}${items.length} 份等你办理` : '现在没有等你办理的互助保障申请'
  }
  return <Tile icon='🩺' title='互助保障申请' text={text} onClick={() => go(STAFF_AID_QUEUE_PAGE)} />
}

/**
 * 法律援助 with the cases waiting for review (the first page of 待审核, urgent first, so the late and the
 * nearly time-barred ones are in it); a bigger queue says "至少".
 */
function LegalTile({ shown }: { shown: number }) {
  const { state, reload } = useReply(() => caseQueue('review'))
  useReloadOnShow(shown, reload)
  let text = '职工的法律援助求助：审核、指派律师、记下追回的钱'
  let alert: string | undefined
  if (state.status === 'ok') {
    const { items, nextCursor } = state.data
    const more = nextCursor !== null ? '至少 ' : ''
    const late = items.filter((c) => c.overdue).length
    const nearLimit = items.filter((c) => c.flags.some((f) => f.code === 'limitation_urgent' || f.code === 'limitation_near')).length
    text = items.length > 0 ? `${more}${items.length} 件等你审核` : '现在没有等你审核的法律援助'
    alert = [late > 0 ? `${more}${late} 件已超过期限` : '', nearLimit > 0 ? `${more}${nearLimit} 件快到仲裁时效` : ''].filter(Boolean).join('，') || undefined
  }
  return <Tile icon='⚖️' title='法律援助' text={text} alert={alert} onClick={() => go(STAFF_LEGAL_QUEUE_PAGE)} />
}

/** 待办事项 (the issue's 工作台 queue): everything waiting for this staff member, with how much is late (from queueSummary). */
function WorkTile({ shown }: { shown: number }) {
  const { state, reload } = useReply(queueSummary)
  useReloadOnShow(shown, reload)
  let text = '所有等你办的事都在这里：入会、转会、法律援助、互助保障、驿站'
  let alert: string | undefined
  if (state.status === 'ok') {
    const { waiting, overdue, dueSoon, escalated } = state.data
    text = waiting > 0 ? `${waiting} 件等你处理${overdue > 0 ? `，${overdue} 件已超期` : ''}` : '现在没有等你处理的事'
    alert = [dueSoon > 0 ? `${dueSoon} 件快到期` : '', escalated > 0 ? `${escalated} 件超期上报` : ''].filter(Boolean).join('，') || undefined
  }
  return <Tile icon='🗒' title='待办事项' text={text} alert={alert} onClick={() => go(STAFF_WORK_PAGE)} />
}

function Desk({ me, shown }: { me: Me; shown: number }) {
  const admin = me.role === 'admin'
  const wide = admin || me.role === 'federation_staff'
  return (
    <View>
      <View className='card'>
        <Text className='staff-card-title'>我的身份</Text>
        <View className='desk__who'>
          <Text className='role-badge'>{me.roleLabel}</Text>
          <Text className='desk__org'>{me.org?.name ?? (admin ? '管理全区的工会和人员' : '')}</Text>
        </View>
      </View>

      <WorkTile shown={shown} />
      <Tile icon='📊' title='数据' text='每年的工作数字：发展会员、法律援助、互助保障、驿站，还有办得快不快' onClick={() => go(STAFF_FIGURES_PAGE)} />
      {wide && <Tile icon='🔍' title='审计' text='谁在什么时候做了什么，谁看了个人信息' onClick={() => go(STAFF_AUDIT_PAGE)} />}

      <JoinTile shown={shown} />
      <Tile icon='🔁' title='转会申请' text='别的工会的会员要转到你们这里' onClick={() => go(STAFF_MEMBER_TRANSFERS_PAGE)} />
      <Tile icon='📇' title='会员名册' text='查找会员，导出表格' onClick={() => go(STAFF_MEMBERS_PAGE)} />
      <Tile icon='✅' title='核验会员证' text='扫会员证上的二维码，或输入会员号' onClick={() => go(STAFF_MEMBER_VERIFY_PAGE)} />

      <AidTile shown={shown} />
      <Tile icon='📥' title='导入参保名单' text='把单位发来的参保名单（Excel 表格）导进来' onClick={() => go(STAFF_AID_IMPORT_PAGE)} />
      <Tile icon='🗂' title='参保名单' text='按单位看谁参加了哪个保障，到什么时候' onClick={() => go(STAFF_AID_ENROLLMENTS_PAGE)} />

      <LegalTile shown={shown} />

      {admin && <Tile icon='🏢' title='组织管理' text='新建工会、改名字、记下新组建的日期、调整上下级' onClick={() => go(STAFF_ORGS_PAGE)} />}
      {admin && <Tile icon='👥' title='人员管理' text='邀请新的工作人员，或撤销离开的人' onClick={() => go(STAFF_PEOPLE_PAGE)} />}
      {me.role === 'federation_staff' && <Tile icon='👥' title='工作人员名单' text='看看各工会有哪些工作人员' onClick={() => go(STAFF_PEOPLE_PAGE)} />}

      <Tile icon='🏠' title='驿站管理' text='爱心驿站、签到码、报修和推荐的地点' onClick={() => go(STAFF_STATIONS_PAGE)} />
      <Tile
        icon='📅'
        title='节假日设置'
        text={admin ? '填每年的放假和调休上班的日子，期限按它来算' : '看看哪些天放假，期限怎么算'}
        onClick={() => go(STAFF_CALENDAR_PAGE)}
      />
      <Tile
        icon='📋'
        title='互助保障规则'
        text={admin ? '起付线、补助比例、等待期：新建一版，从以后某天起生效' : '看看各个保障的起付线、比例和期限'}
        onClick={() => go(STAFF_AID_RULES_PAGE)}
      />
      <Tile
        icon='📜'
        title='法律援助规则'
        text={admin ? '改援助金额起点、当地最低工资和审核期限' : '看看谁符合法律援助条件，审核期限多长'}
        onClick={() => go(STAFF_LEGAL_RULES_PAGE)}
      />
      <Tile
        icon='⏱'
        title='办理时限'
        text={admin ? '改转会、互助保障、驿站的事要在几个工作日内办完' : '看看转会、互助保障、驿站的事要在几个工作日内办完'}
        onClick={() => go(STAFF_WORK_RULES_PAGE)}
      />

      {!admin && <MyOrgs />}
    </View>
  )
}

export default function StaffHome() {
  const { state, reload } = useMe()
  const shown = useShowCount()
  return (
    <View className='page staff'>
      {state.status === 'loading' && (
        <View className='card'>
          <Loading text='正在读取你的身份，请稍等…' />
        </View>
      )}
      {state.status === 'error' && <ErrorBox title='没能读到你的身份' error={state.error} onRetry={reload} />}
      {state.status === 'ok' && isStaff(state.me) && <Desk me={state.me} shown={shown} />}
      {state.status === 'ok' && !isStaff(state.me) && (
        <View className='card'>
          <Text className='staff-card-title'>你现在不是工会工作人员</Text>
          <Text className='staff-para'>工作台是给工会工作人员用的。如果你是工作人员，请向县总工会的管理员要一个邀请码。</Text>
          <Button className='big-button staff-gap' type='primary' block onClick={() => Taro.redirectTo({ url: STAFF_REDEEM_PAGE })}>
            输入邀请码
          </Button>
          <Button className='big-button staff-gap' block onClick={() => Taro.switchTab({ url: HOME_PAGE })}>
            回首页
          </Button>
        </View>
      )}
    </View>
  )
}
