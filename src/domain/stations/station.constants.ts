/**
 * Fixed lists, labels, limits and error codes of 爱心驿站 — plain data without zod, so pages that only
 * show stations stay small (station.schema.ts re-exports all of it for the function and the forms).
 */

// ---------------------------------------------------------------------------------------------------
// Fixed lists

/** What a station offers: code (stored), word (shown), icon (the page's icon name) and an emoji fallback. */
export const AMENITIES = [
  { code: 'water', label: '饮水', icon: 'water', emoji: '🚰' },
  { code: 'meal_heating', label: '热饭（微波炉）', icon: 'microwave', emoji: '🍱' },
  { code: 'toilet', label: '如厕', icon: 'toilet', emoji: '🚻' },
  { code: 'charging', label: '充电', icon: 'charging', emoji: '🔌' },
  { code: 'climate', label: '空调/取暖', icon: 'air', emoji: '❄️' },
  { code: 'first_aid', label: '药箱', icon: 'first-aid', emoji: '🩹' },
  { code: 'aed', label: 'AED', icon: 'aed', emoji: '❤️' },
  { code: 'legal', label: '法律服务', icon: 'legal', emoji: '⚖️' },
  { code: 'rest', label: '休息', icon: 'rest', emoji: '🪑' },
  { code: 'reading', label: '阅读', icon: 'book', emoji: '📖' },
  { code: 'fridge', label: '冰箱', icon: 'fridge', emoji: '🧊' },
  { code: 'wifi', label: '无线网络', icon: 'wifi', emoji: '📶' },
  { code: 'battery_swap', label: '换电', icon: 'battery', emoji: '🔋' },
  { code: 'meals', label: '爱心餐', icon: 'meal', emoji: '🍚' },
  { code: 'haircut', label: '理发', icon: 'haircut', emoji: '💇' },
] as const
export type AmenityCode = (typeof AMENITIES)[number]['code']
export const AMENITY_CODES = AMENITIES.map((a) => a.code) as [AmenityCode, ...AmenityCode[]]

export const STATION_STATUSES = ['open', 'temporarily_closed'] as const
export type StationStatus = (typeof STATION_STATUSES)[number]
export const STATION_STATUS_LABELS: Record<StationStatus, string> = { open: '正常开放', temporarily_closed: '暂停开放' }

/** What can be broken (报修). */
export const PROBLEMS = [
  { code: 'water_dispenser', label: '饮水机坏了' },
  { code: 'microwave', label: '微波炉坏了' },
  { code: 'toilet', label: '厕所不能用' },
  { code: 'charging', label: '充电插座不能用' },
  { code: 'climate', label: '空调或取暖坏了' },
  { code: 'first_aid', label: '药箱缺药' },
  { code: 'aed', label: 'AED 不能用' },
  { code: 'furniture', label: '桌椅坏了' },
  { code: 'dirty', label: '卫生不好' },
  { code: 'closed_in_hours', label: '开放时间没开门' },
  { code: 'other', label: '其他问题' },
] as const
export type ProblemCode = (typeof PROBLEMS)[number]['code']
export const PROBLEM_CODES = PROBLEMS.map((p) => p.code) as [ProblemCode, ...ProblemCode[]]

export const REPORT_STATES = ['submitted', 'in_progress', 'resolved', 'rejected'] as const
export type ReportState = (typeof REPORT_STATES)[number]
export const REPORT_STATE_LABELS: Record<ReportState, string> = {
  submitted: '已提交，等待处理',
  in_progress: '正在维修',
  resolved: '已修好',
  rejected: '不需要维修',
}
export type ReportDecision = 'start' | 'resolve' | 'reject'
/** Photos a worker may add to one 报修. */
export const REPORT_PHOTOS_MAX = 3

/** Coded reasons for closing a report without a repair (required for `reject`). */
export const REPORT_REJECT_REASONS = {
  duplicate: '已经有人报过了，正在处理',
  no_problem_found: '到现场看过，东西是好的',
  not_station_item: '这不是驿站的设施',
  other: '其他原因',
} as const
export type ReportRejectReason = keyof typeof REPORT_REJECT_REASONS

export const SUGGESTION_STATES = ['submitted', 'accepted', 'declined'] as const
export type SuggestionState = (typeof SUGGESTION_STATES)[number]
export const SUGGESTION_STATE_LABELS: Record<SuggestionState, string> = {
  submitted: '已提交，等待答复',
  accepted: '已采纳',
  declined: '暂不采纳',
}
export type SuggestionDecision = 'accept' | 'decline'
export const SUGGESTION_ACCEPT_REASONS = {
  planned: '已列入建设计划',
  will_survey: '会去现场看一看',
  other: '其他',
} as const
/** Required when declining. */
export const SUGGESTION_DECLINE_REASONS = {
  station_nearby: '附近已经有驿站了',
  no_site: '暂时找不到合适的地方',
  no_host: '暂时没有单位承办',
  other: '其他原因',
} as const
export type SuggestionAcceptReason = keyof typeof SUGGESTION_ACCEPT_REASONS
export type SuggestionDeclineReason = keyof typeof SUGGESTION_DECLINE_REASONS

/** One check-in per worker and station in this window; a repeat gets a friendly "已经签到过了". */
export const CHECKIN_WINDOW_MINUTES = 120
/** The text inside a station's QR code: `union-station:<token>`. */
export const QR_PREFIX = 'union-station:'

export const PAGE_SIZE_MAX = 20
export const STAFF_PAGE_SIZE_MAX = 50
export const NEARBY_RADIUS_DEFAULT_M = 5000
export const NEARBY_RADIUS_MAX_M = 50_000
/** Spreadsheet import: the shared 256 KB event limit (handler.ts) allows about 180 KB of file as base64. */
export const IMPORT_MAX_BYTES = 180 * 1024
export const IMPORT_MAX_ROWS = 2000
export const TEXT_MAX = 300

// ---------------------------------------------------------------------------------------------------
// Errors (codes `STATION.*`; messages for a worker who reads slowly)

export const STATION_ERR = {
  NOT_FOUND: { code: 'STATION.NOT_FOUND', message: '没有找到这个驿站，可能已经撤掉了。请回到驿站列表，看看附近别的驿站' },
  BAD_CODE: { code: 'STATION.BAD_CODE', message: '这个二维码不是驿站的签到码，请扫驿站门口贴的二维码' },
  OLD_CODE: { code: 'STATION.OLD_CODE', message: '这个签到码已经换新了，请扫驿站门口最新的二维码' },
  VISIT_NOT_FOUND: { code: 'STATION.VISIT_NOT_FOUND', message: '没有找到这次签到，请重新扫码签到' },
  ALREADY_RATED: { code: 'STATION.ALREADY_RATED', message: '这次已经打过分了，不用再打。谢谢你！' },
  STALE: { code: 'STATION.STALE', message: '驿站信息刚刚被别人改过，请刷新后再改' },
  DUPLICATE: { code: 'STATION.DUPLICATE', message: '已经有一个同名同地址的驿站了，请直接修改那一个' },
  ORG_NOT_FOUND: { code: 'STATION.ORG_NOT_FOUND', message: '找不到这个主办工会，请重新选择' },
  PHOTO_MISSING: { code: 'STATION.PHOTO_MISSING', message: '有照片找不到了，请重新上传照片' },
  REPORT_PHOTO_NOT_YOURS: { code: 'STATION.REPORT_PHOTO_NOT_YOURS', message: '有照片不是你自己上传的，或者已经交到别的报修里了。这次报修没有提交，请删掉这张照片再提交' },
  PHOTO_NOT_YOURS: { code: 'STATION.PHOTO_NOT_YOURS', message: '有照片不是你刚上传的，或者已经用在别处了，请删掉它重新上传' },
  IMPORT_FILE_BAD: { code: 'STATION.IMPORT_FILE_BAD', message: '这个文件打不开。请用 Excel（.xlsx）或 CSV 文件，按模板填写' },
  IMPORT_OLD_XLS: { code: 'STATION.IMPORT_FILE_BAD', message: '这是老版本的 .xls 文件。请在 Excel 里点"另存为"，选 .xlsx 格式后再上传' },
  IMPORT_TOO_LARGE: { code: 'STATION.IMPORT_TOO_LARGE', message: '文件太大了。请分成几个小文件，每个不超过 2000 行' },
  IMPORT_EMPTY: { code: 'STATION.IMPORT_EMPTY', message: '文件里没有驿站数据，请按模板从第 2 行开始填写' },
  /** Code AUTH.FORBIDDEN (audited); the rows are in fieldErrors like IMPORT_ROWS_INVALID. */
  IMPORT_FORBIDDEN: { code: 'AUTH.FORBIDDEN', message: '有的行的主办工会或驿站不归你管理，一行都没有导入。请看每一行的提示' },
  IMPORT_ROWS_INVALID: { code: 'STATION.IMPORT_ROWS_INVALID', message: '有的行填得不对，一行都没有导入。请按提示改好后重新上传' },
  CONTENT_RISKY: { code: 'CONTENT.RISKY', message: '这段话里有不合适的内容，请改一改再提交' },
  REASON_NOT_FOR_DECISION: { code: 'VALIDATION.INVALID', message: '这个原因和你选的处理方式对不上，请重新选择' },
  MONTHS_REVERSED: { code: 'VALIDATION.INVALID', message: '开始月份要早于结束月份，请重新选一下' },
} as const
