/**
 * 入会 (RULES.md §1): fixed lists, labels, states and error codes — plain data without zod, so pages
 * that only show an application or a member card stay small (membership.schema.ts re-exports it all).
 */

// ---------------------------------------------------------------------------------------------------
// What the worker tells us

export const EMPLOYMENT_TYPES = [
  { code: 'full_time', label: '全职（和单位签了合同）' },
  { code: 'dispatched', label: '劳务派遣' },
  { code: 'new_forms', label: '新就业形态（外卖、快递、网约车、货车司机等）' },
  { code: 'flexible', label: '灵活就业（打零工、小时工）' },
  { code: 'migrant', label: '农民工（进城务工）' },
] as const
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number]['code']
export const EMPLOYMENT_TYPE_CODES = EMPLOYMENT_TYPES.map((t) => t.code) as [EmploymentType, ...EmploymentType[]]
export const EMPLOYMENT_TYPE_LABELS = Object.fromEntries(EMPLOYMENT_TYPES.map((t) => [t.code, t.label])) as Record<EmploymentType, string>

/** Platforms of new-employment workers. */
export const PLATFORMS = [
  { code: 'meituan', label: '美团' },
  { code: 'eleme', label: '饿了么' },
  { code: 'sf', label: '顺丰' },
  { code: 'jd', label: '京东' },
  { code: 'zto', label: '中通、圆通、韵达等快递' },
  { code: 'didi', label: '滴滴等网约车' },
  { code: 'huolala', label: '货拉拉等货运' },
  { code: 'other', label: '其他平台' },
] as const
export type PlatformCode = (typeof PLATFORMS)[number]['code']
export const PLATFORM_CODES = PLATFORMS.map((p) => p.code) as [PlatformCode, ...PlatformCode[]]
export const PLATFORM_LABELS = Object.fromEntries(PLATFORMS.map((p) => [p.code, p.label])) as Record<PlatformCode, string>

/** Where the main income comes from: only wage earners may join (工会法 §3). */
export const INCOME_SOURCES = [
  { code: 'wages', label: '靠工资或干活挣的钱（包括跑单、计件）' },
  { code: 'own_business', label: '自己当老板，雇别人干活' },
] as const
export type IncomeSource = (typeof INCOME_SOURCES)[number]['code']
export const INCOME_SOURCE_CODES = INCOME_SOURCES.map((s) => s.code) as [IncomeSource, ...IncomeSource[]]

/** Where the worker works. `shanghai`: a migrant worker from this county working in Shanghai. */
export const WORK_PLACES = [
  { code: 'local', label: '在本区（广丰）工作' },
  { code: 'shanghai', label: '在上海工作' },
  { code: 'elsewhere', label: '在其他外地城市工作' },
] as const
export type WorkPlace = (typeof WORK_PLACES)[number]['code']
export const WORK_PLACE_CODES = WORK_PLACES.map((w) => w.code) as [WorkPlace, ...WorkPlace[]]

/** A worker in Shanghai chooses who handles it: the home-county union or its Shanghai service station. */
export const REMOTE_UNIONS = [
  { code: 'station', label: '上海服务站（离我近，方便见面）' },
  { code: 'home', label: '老家的区总工会' },
] as const
export type RemoteUnion = (typeof REMOTE_UNIONS)[number]['code']
export const REMOTE_UNION_CODES = REMOTE_UNIONS.map((r) => r.code) as [RemoteUnion, ...RemoteUnion[]]

/** 乡镇、街道 of the county, for an employer that is not in the list. */
export const DISTRICTS = [
  '永丰街道', '丰溪街道', '芦林街道', '洋口镇', '横山镇', '湖丰镇', '大南镇', '排山镇', '吴村镇', '五都镇', '壶峤镇', '下溪镇', '桐畈镇', '沙田镇', '其他地方',
] as const
export type District = (typeof DISTRICTS)[number]

/** Common jobs, offered as quick choices (the worker may type another). */
export const OCCUPATION_SUGGESTIONS = ['普工', '建筑工', '外卖骑手', '快递员', '网约车司机', '货车司机', '保洁', '环卫工', '保安', '厨师', '服务员', '教师', '技术员', '销售'] as const

// ---------------------------------------------------------------------------------------------------
// Limits

export const NAME_MAX = 20
export const OCCUPATION_MAX = 20
export const EMPLOYER_NAME_MAX = 50
export const ADDRESS_MAX = 60
export const NOTE_MAX = 200
export const PROOF_PHOTOS_MAX = 3
export const PAGE_SIZE_MAX = 50
export const EXPORT_MAX_ROWS = 5000

// ---------------------------------------------------------------------------------------------------
// Eligibility and routing (the explanations are built in membership.rules.ts)

export const ELIGIBILITY_PROBLEMS = ['UNDER_AGE', 'NOT_WAGE_EARNER', 'ALREADY_MEMBER', 'APPLICATION_OPEN', 'CHARTER_NOT_ACCEPTED'] as const
export type EligibilityProblem = (typeof ELIGIBILITY_PROBLEMS)[number]

/** Why an application went to the union it went to. */
export const ROUTE_REASONS = ['EMPLOYER_UNION', 'NEW_FORMS_INDUSTRY', 'REMOTE_STATION', 'REMOTE_HOME', 'JOINT_UNION', 'HIGHER_UNION'] as const
export type RouteReason = (typeof ROUTE_REASONS)[number]

// ---------------------------------------------------------------------------------------------------
// Application and transfer states (machines in membership.machine.ts)

export const APPLICATION_STATES = ['submitted', 'needs_info', 'approved', 'rejected', 'withdrawn'] as const
export type ApplicationState = (typeof APPLICATION_STATES)[number]
export const APPLICATION_STATE_LABELS: Record<ApplicationState, string> = {
  submitted: '工会审核中',
  needs_info: '需要补充材料',
  approved: '已入会',
  rejected: '没有通过',
  withdrawn: '已撤回',
}
export const OPEN_APPLICATION_STATES: readonly ApplicationState[] = ['submitted', 'needs_info']

export const TRANSFER_STATES = ['requested', 'accepted', 'rejected', 'withdrawn'] as const
export type TransferState = (typeof TRANSFER_STATES)[number]
export const TRANSFER_STATE_LABELS: Record<TransferState, string> = {
  requested: '等新工会接收',
  accepted: '已转入新工会',
  rejected: '新工会没有接收',
  withdrawn: '已撤回',
}

export const TRANSFER_REASONS = [
  { code: 'job_change', label: '换了工作单位' },
  { code: 'moved_city', label: '换了工作的城市' },
  { code: 'misplaced', label: '原来的工会不对' },
  { code: 'other', label: '其他原因' },
] as const
export type TransferReason = (typeof TRANSFER_REASONS)[number]['code']
export const TRANSFER_REASON_CODES = TRANSFER_REASONS.map((r) => r.code) as [TransferReason, ...TransferReason[]]

// ---------------------------------------------------------------------------------------------------
// Staff decisions

export const APPLICATION_DECISIONS = ['approve', 'reject', 'ask'] as const
export type ApplicationDecision = (typeof APPLICATION_DECISIONS)[number]

/** Coded reasons of a rejection; every one says what the worker can do next. */
export const REJECT_REASONS = [
  { code: 'not_wage_earner', label: '不是靠工资收入的职工', next: '如果你现在是给别人打工、拿工资，可以重新申请，写清楚在哪里干活。' },
  { code: 'under_age', label: '还不满 16 周岁', next: '满 16 周岁后可以再申请。' },
  { code: 'already_member', label: '已经是工会会员', next: '不用重新入会。换了工作的话，请在「会员证」里办「转会」。' },
  { code: 'info_not_true', label: '填的情况和实际不符', next: '请按实际情况重新申请；有疑问可以打 12351 职工服务热线。' },
  { code: 'cannot_contact', label: '多次联系不上本人', next: '请确认手机号能打通后重新申请。' },
  { code: 'other', label: '其他原因（见说明）', next: '看工会写的说明；有疑问可以打 12351 职工服务热线。' },
] as const
export type RejectReason = (typeof REJECT_REASONS)[number]['code']
export const REJECT_REASON_CODES = REJECT_REASONS.map((r) => r.code) as [RejectReason, ...RejectReason[]]

/** What staff may ask the worker to add (needs info); the worker sees exactly these. */
export const INFO_ITEMS = [
  { code: 'work_proof', label: '在这个单位干活的证明（工牌、劳动合同、工资条或接单截图，拍照上传）' },
  { code: 'employer_name', label: '单位的全称' },
  { code: 'employer_address', label: '单位在哪里（乡镇、街道或详细地址）' },
  { code: 'occupation', label: '具体干什么工作' },
  { code: 'phone', label: '能打通的手机号' },
  { code: 'name', label: '和身份证一致的姓名' },
] as const
export type InfoItem = (typeof INFO_ITEMS)[number]['code']
export const INFO_ITEM_CODES = INFO_ITEMS.map((i) => i.code) as [InfoItem, ...InfoItem[]]
export const INFO_ITEM_LABELS = Object.fromEntries(INFO_ITEMS.map((i) => [i.code, i.label])) as Record<InfoItem, string>

export const TRANSFER_REJECT_REASONS = [
  { code: 'not_our_member_area', label: '不在我们工会的范围', next: '请换一个工会申请转入，或打 12351 问一问。' },
  { code: 'cannot_verify', label: '核实不了在这里工作', next: '请带上工牌或劳动合同找新单位的工会。' },
  { code: 'other', label: '其他原因（见说明）', next: '看工会写的说明；有疑问可以打 12351。' },
] as const
export type TransferRejectReason = (typeof TRANSFER_REJECT_REASONS)[number]['code']
export const TRANSFER_REJECT_REASON_CODES = TRANSFER_REJECT_REASONS.map((r) => r.code) as [TransferRejectReason, ...TransferRejectReason[]]

// ---------------------------------------------------------------------------------------------------
// Member card

/** What a member card's QR code holds: `union-member:<token>`. */
export const CARD_QR_PREFIX = 'union-member:'

export const MEMBERSHIP_STATUSES = ['active', 'ended'] as const
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number]

/** Outcome of verifying a card. */
export const CARD_CHECKS = ['current', 'outdated', 'ended', 'unknown'] as const
export type CardCheck = (typeof CARD_CHECKS)[number]
export const CARD_CHECK_LABELS: Record<CardCheck, string> = {
  current: '有效会员证',
  outdated: '这是旧的会员证（会员转过会），请对方打开最新的会员证',
  ended: '会籍已经结束，不是有效会员',
  unknown: '查不到这个会员证，请核对后再试',
}

// ---------------------------------------------------------------------------------------------------
// Error codes

export const MEMBERSHIP_ERR = {
  NOT_ELIGIBLE: { code: 'MEMBERSHIP.NOT_ELIGIBLE', message: '现在还不能申请入会，请看下面的说明' },
  ALREADY_MEMBER: { code: 'MEMBERSHIP.ALREADY_MEMBER', message: '你已经是工会会员了，不用重新入会。换了工作可以办转会' },
  APPLICATION_OPEN: { code: 'MEMBERSHIP.APPLICATION_OPEN', message: '你已经交过入会申请，正在办理中，请在「入会进度」里查看' },
  ID_TAKEN: { code: 'MEMBERSHIP.ID_TAKEN', message: '这个身份证号已经被另一个微信号用来申请了。如果是你本人，请用原来的微信号办理，或打 12351 求助' },
  ID_MISMATCH: { code: 'MEMBERSHIP.ID_MISMATCH', message: '身份证号和你之前填过的不一样。要改的话，请先到「我的信息」里修改' },
  EMPLOYER_NOT_FOUND: { code: 'MEMBERSHIP.EMPLOYER_NOT_FOUND', message: '没有找到这个单位，请重新选择，或者选「列表里没有」自己填' },
  ORG_NOT_FOUND: { code: 'MEMBERSHIP.ORG_NOT_FOUND', message: '没有找到这个工会，请重新选择' },
  NOT_MEMBER: { code: 'MEMBERSHIP.NOT_MEMBER', message: '你还不是工会会员。先申请入会，批准后就有会员证' },
  TRANSFER_OPEN: { code: 'MEMBERSHIP.TRANSFER_OPEN', message: '你已经申请过转会，正在等新工会接收，不用再申请。可以在「转会」里看办到哪了' },
  SAME_ORG: { code: 'MEMBERSHIP.SAME_ORG', message: '新工会和你现在的工会是同一个，不用转会' },
  CARD_INVALID: { code: 'MEMBERSHIP.CARD_INVALID', message: '这不是会员证的二维码，请对准会员证上的二维码再扫' },
  CALENDAR_INVALID: { code: 'MEMBERSHIP.CALENDAR_INVALID', message: '节假日里有写错的日期，请按提示改一改' },
} as const
