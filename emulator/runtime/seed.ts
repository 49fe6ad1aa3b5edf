import { createHash } from 'node:crypto'
import type { Role } from '../../src/domain/session/session.schema'
import { districtKey, naturalKey } from '../../src/domain/stations/station.rules'
import type { StationData } from '../../src/domain/stations/station.schema'
import { DEMO_MEMBERSHIP_RULES } from '../../src/domain/membership/membership.rules'
import { DEMO_CALENDAR_2026 } from '../../src/domain/calendar/working-days'
import { DEMO_PLAN_RULES } from '../../src/domain/mutual-aid/mutual-aid.rules'
import { DEMO_LEGAL_AID_RULES } from '../../src/domain/legal-aid/legal-aid.rules'

/** Demo data of a county federation like the one in the seed reports (上饶市广丰区). Ids are fixed so seeding is idempotent. */
export const DEMO_ORGS = [
  { _id: 'org-fed', name: '广丰区总工会', kind: 'federation', parentId: null, path: [] },
  { _id: 'org-fengda', name: '江西丰达机械有限公司工会', kind: 'grassroots', parentId: 'org-fed', path: ['org-fed'] },
  { _id: 'org-school', name: '广丰区实验小学工会', kind: 'grassroots', parentId: 'org-fed', path: ['org-fed'] },
  { _id: 'org-xingwang', name: '兴旺国际建材城联合工会', kind: 'joint', parentId: 'org-fed', path: ['org-fed'] },
  { _id: 'org-newforms', name: '广丰区新就业形态行业工会联合会', kind: 'industry', parentId: 'org-fed', path: ['org-fed'] },
  { _id: 'org-shanghai', name: '广丰区总工会驻上海农民工维权服务站', kind: 'station', parentId: 'org-fed', path: ['org-fed'] },
] as const

export interface DemoUser {
  key: string
  /** What the sign-in picker shows. */
  label: string
  hint: string
  openid: string
  role: Role
  orgId: string | null
  profile: { name: string; phone: string }
}

export const DEMO_USERS: DemoUser[] = [
  { key: 'worker', label: '职工 老李', hint: '环卫工人，52 岁', openid: 'o-demo-laoli', role: 'worker', orgId: null, profile: { name: '李建国', phone: '13807931234' } },
  { key: 'migrant', label: '农民工 小王', hint: '在上海工地干活', openid: 'o-demo-xiaowang', role: 'worker', orgId: null, profile: { name: '王小明', phone: '15979345678' } },
  { key: 'rider', label: '外卖骑手 阿芳', hint: '新就业形态劳动者', openid: 'o-demo-afang', role: 'worker', orgId: null, profile: { name: '陈芳', phone: '18170312345' } },
  { key: 'grassroots', label: '基层工会 张主席', hint: '江西丰达机械有限公司工会', openid: 'o-demo-zhang', role: 'grassroots_staff', orgId: 'org-fengda', profile: { name: '张卫东', phone: '13979301111' } },
  { key: 'grassroots2', label: '基层工会 王老师', hint: '广丰区实验小学工会', openid: 'o-demo-wang', role: 'grassroots_staff', orgId: 'org-school', profile: { name: '王丽华', phone: '13979304444' } },
  { key: 'station', label: '服务站 陈站长', hint: '广丰区总工会驻上海农民工维权服务站', openid: 'o-demo-chen', role: 'grassroots_staff', orgId: 'org-shanghai', profile: { name: '陈海生', phone: '13979305555' } },
  { key: 'federation', label: '总工会 刘干事', hint: '广丰区总工会', openid: 'o-demo-liu', role: 'federation_staff', orgId: 'org-fed', profile: { name: '刘敏', phone: '13979302222' } },
  { key: 'admin', label: '管理员 赵老师', hint: '管理人员、驿站和规则', openid: 'o-demo-zhao', role: 'admin', orgId: null, profile: { name: '赵强', phone: '13979303333' } },
]

/** Demo records get ids shaped like generated ones (32 hex), stable across seeds. */
export const demoId = (name: string) => createHash('md5').update(`demo:${name}`).digest('hex')

export interface SeedTarget {
  /** Inserts documents whose _id is not there yet. */
  insertMissing(collection: string, docs: Array<Record<string, unknown> & { _id: string }>): Promise<number>
}

export async function seedDemoData(target: SeedTarget, now = new Date()): Promise<Record<string, number>> {
  const orgs = DEMO_ORGS.map((o) => ({ ...o, path: [...o.path], createdAt: now }))
  const users = DEMO_USERS.map((u) => ({
    _id: demoId(`user-${u.key}`),
    openid: u.openid,
    role: u.role,
    orgId: u.orgId,
    profile: u.profile,
    createdAt: now,
    updatedAt: now,
  }))
  return {
    orgs: await target.insertMissing('orgs', orgs),
    users: await target.insertMissing('users', users),
    stations: await target.insertMissing('stations', demoStationDocs(now)),
    stationDistricts: await target.insertMissing('stationDistricts', districtCounterDocs(DEMO_STATIONS.map((s) => s.data.district), now)),
    employers: await target.insertMissing('employers', DEMO_EMPLOYERS.map(({ key, ...e }) => ({ _id: demoId(`employer-${key}`), ...e, createdAt: now }))),
    ruleTables: await target.insertMissing('ruleTables', [
      { _id: 'membership', ...DEMO_MEMBERSHIP_RULES, updatedAt: now },
      { _id: 'legalAid', ...DEMO_LEGAL_AID_RULES, updatedAt: now },
    ]),
    calendars: await target.insertMissing('calendars', [{ _id: String(DEMO_CALENDAR_2026.year), ...DEMO_CALENDAR_2026, updatedAt: now }]),
    // 互助保障 rule tables. No enrollments: they are keyed by the blind index of an ID number and the demo
    // users store none in the seed, so units' lists come in through the staff import.
    aidPlans: await target.insertMissing('aidPlans', DEMO_PLAN_RULES.map((r) => ({ _id: `${r.planId}_${r.effectiveFrom}`, ...r, updatedAt: now }))),
  }
}

// ---------------------------------------------------------------------------------------------------
// 入会: employers workers pick from (no personal data). `unionOrgId` null = no union yet: the 联合工会
// of the 街道 or the federation receives the application (RULES.md §1).

export const DEMO_EMPLOYERS: Array<{ key: string; name: string; district: string; unionOrgId: string | null }> = [
  { key: 'fengda', name: '江西丰达机械有限公司', district: '芦林街道', unionOrgId: 'org-fengda' },
  { key: 'school', name: '广丰区实验小学', district: '永丰街道', unionOrgId: 'org-school' },
  { key: 'xinyuan', name: '广丰区鑫源瓷砖商行（兴旺国际建材城）', district: '芦林街道', unionOrgId: null },
  { key: 'hongda', name: '广丰区宏达装饰材料经营部（兴旺国际建材城）', district: '芦林街道', unionOrgId: null },
  { key: 'haoweidao', name: '广丰区好味道餐馆', district: '永丰街道', unionOrgId: null },
  { key: 'meijia', name: '上饶市美佳家政服务有限公司', district: '永丰街道', unionOrgId: null },
  { key: 'jiecheng', name: '广丰区洁城环境服务有限公司', district: '丰溪街道', unionOrgId: null },
  { key: 'shuntong', name: '广丰区顺通物流有限公司', district: '洋口镇', unionOrgId: null },
  { key: 'hengfeng', name: '广丰区恒丰竹木制品厂', district: '横山镇', unionOrgId: null },
]

// ---------------------------------------------------------------------------------------------------
// 爱心驿站: the three stations named in the seed report and more across 广丰's towns and streets.
// GCJ-02, longitude first. Phones are the stations' public duty landlines (上饶 area code 0793).

const daily = (open: string, close: string) => Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ open, close }]]))
const weekdays = (ranges: Array<{ open: string; close: string }>, days = [1, 2, 3, 4, 5]) => Object.fromEntries(days.map((d) => [d, ranges]))

export const DEMO_STATIONS: Array<{ key: string; data: StationData }> = [
  {
    key: 'baihe',
    data: {
      name: '白鹤中大道爱心驿站',
      address: '广丰区白鹤中大道与丰溪路交叉口东北角',
      district: '永丰街道',
      location: { lng: 118.1912, lat: 28.4398 },
      hours: { allDay: true, days: {} },
      closures: [],
      amenities: ['water', 'meal_heating', 'toilet', 'charging', 'climate', 'first_aid', 'rest'],
      capacity: 12,
      stars: 4,
      hostOrgId: 'org-fed',
      manager: { name: '吴站长', phone: '0793-2612351' },
      photos: [],
      status: 'open',
      intro: '街边驿站，24 小时开着。环卫工人、快递小哥、外卖骑手都可以进来喝水、热饭、歇歇脚。',
    },
  },
  {
    key: 'wenhuagong',
    data: {
      name: '广丰区工人文化宫爱心驿站',
      address: '广丰区永丰大道 168 号工人文化宫一楼东侧',
      district: '永丰街道',
      location: { lng: 118.2004, lat: 28.4452 },
      hours: { allDay: false, days: daily('06:00', '21:00') },
      closures: [],
      amenities: ['water', 'meal_heating', 'toilet', 'charging', 'climate', 'first_aid', 'aed', 'legal', 'rest', 'reading', 'wifi'],
      capacity: 30,
      stars: 5,
      hostOrgId: 'org-fed',
      manager: { name: '郑老师', phone: '0793-2618890' },
      photos: [],
      status: 'open',
      intro: '每周三下午有律师坐班，可以免费问劳动合同、欠薪的事。有 AED 和急救箱。',
    },
  },
  {
    key: 'xingwang',
    data: {
      name: '兴旺国际建材城联合工会爱心驿站',
      address: '广丰区兴旺国际建材城 A 区 2 栋 101',
      district: '芦林街道',
      location: { lng: 118.1785, lat: 28.4316 },
      hours: { allDay: false, days: { ...weekdays([{ open: '08:00', close: '11:30' }, { open: '13:30', close: '18:00' }], [1, 2, 3, 4, 5, 6]), 7: [{ open: '09:00', close: '12:00' }] } },
      closures: [],
      amenities: ['water', 'meal_heating', 'toilet', 'charging', 'first_aid', 'rest', 'fridge'],
      capacity: 15,
      stars: 3,
      hostOrgId: 'org-xingwang',
      manager: { name: '徐主席', phone: '0793-2655012' },
      photos: [],
      status: 'open',
      intro: '建材城里搬运、装卸师傅的歇脚点。中午 11:30 到 13:30 休息。',
    },
  },
  {
    key: 'fengxi-sanitation',
    data: {
      name: '丰溪街道环卫所爱心驿站',
      address: '广丰区丰溪街道环卫所院内',
      district: '丰溪街道',
      location: { lng: 118.2105, lat: 28.432 },
      hours: { allDay: false, days: daily('05:00', '20:00') },
      closures: [],
      amenities: ['water', 'meal_heating', 'toilet', 'charging', 'climate', 'rest'],
      capacity: 10,
      stars: 3,
      hostOrgId: 'org-fed',
      manager: { name: '周所长', phone: '0793-2621105' },
      photos: [],
      status: 'open',
      intro: '早上 5 点开门，扫街的师傅可以先来喝口热水。',
    },
  },
  {
    key: 'lulin-service',
    data: {
      name: '芦林街道便民服务中心爱心驿站',
      address: '广丰区芦林街道便民服务中心一楼',
      district: '芦林街道',
      location: { lng: 118.1702, lat: 28.446 },
      hours: { allDay: false, days: { ...weekdays([{ open: '08:00', close: '12:00' }, { open: '14:00', close: '17:30' }]), 6: [{ open: '09:00', close: '12:00' }] } },
      closures: [],
      amenities: ['water', 'toilet', 'charging', 'climate', 'legal', 'rest', 'reading'],
      capacity: 8,
      stars: 2,
      hostOrgId: 'org-fed',
      manager: { name: '毛主任', phone: '0793-2633620' },
      photos: [],
      status: 'open',
    },
  },
  {
    key: 'fengda',
    data: {
      name: '江西丰达机械有限公司爱心驿站',
      address: '广丰区芦林工业园丰达路 8 号厂区门口',
      district: '芦林街道',
      location: { lng: 118.163, lat: 28.4255 },
      hours: { allDay: false, days: weekdays([{ open: '07:00', close: '19:00' }], [1, 2, 3, 4, 5, 6]) },
      closures: [],
      amenities: ['water', 'meal_heating', 'toilet', 'charging', 'first_aid', 'rest'],
      capacity: 10,
      stars: 2,
      hostOrgId: 'org-fengda',
      manager: { name: '张主席', phone: '0793-2650718' },
      photos: [],
      status: 'open',
      intro: '厂门口的驿站，附近送货、送外卖的师傅也可以来。',
    },
  },
  {
    key: 'riders-home',
    data: {
      name: '新就业形态劳动者驿站（骑手之家）',
      address: '广丰区永丰街道商业步行街北口',
      district: '永丰街道',
      location: { lng: 118.196, lat: 28.449 },
      hours: { allDay: false, days: daily('10:00', '02:00') },
      closures: [],
      amenities: ['water', 'meal_heating', 'toilet', 'charging', 'battery_swap', 'climate', 'rest', 'wifi'],
      capacity: 20,
      stars: 4,
      hostOrgId: 'org-newforms',
      manager: { name: '邱站长', phone: '0793-2688186' },
      photos: [],
      status: 'open',
      intro: '每天开到夜里 2 点，骑手可以换电、充电、热饭。',
    },
  },
  {
    key: 'school',
    data: {
      name: '广丰区实验小学工会爱心驿站',
      address: '广丰区永丰街道解放街 12 号学校东门传达室旁',
      district: '永丰街道',
      location: { lng: 118.185, lat: 28.442 },
      hours: { allDay: false, days: weekdays([{ open: '07:00', close: '18:00' }]) },
      closures: [{ from: '2027-01-20T00:00', to: '2027-02-20T00:00', note: '寒假暂停开放' }],
      amenities: ['water', 'toilet', 'charging', 'rest', 'reading'],
      capacity: 6,
      stars: 1,
      hostOrgId: 'org-school',
      manager: { name: '王老师', phone: '0793-2613366' },
      photos: [],
      status: 'open',
    },
  },
  {
    key: 'yangkou',
    data: {
      name: '洋口镇爱心驿站',
      address: '广丰区洋口镇洋口大道 56 号镇文化站',
      district: '洋口镇',
      location: { lng: 118.265, lat: 28.399 },
      hours: { allDay: false, days: daily('06:30', '20:00') },
      closures: [],
      amenities: ['water', 'meal_heating', 'toilet', 'charging', 'climate', 'first_aid', 'rest'],
      capacity: 12,
      stars: 3,
      hostOrgId: 'org-fed',
      manager: { name: '俞站长', phone: '0793-2451230' },
      photos: [],
      status: 'open',
    },
  },
  {
    key: 'wudu',
    data: {
      name: '五都镇爱心驿站',
      address: '广丰区五都镇政府对面农贸市场旁',
      district: '五都镇',
      location: { lng: 118.135, lat: 28.383 },
      hours: { allDay: false, days: daily('07:00', '19:00') },
      closures: [],
      amenities: ['water', 'meal_heating', 'toilet', 'charging', 'rest'],
      capacity: 8,
      stars: 2,
      hostOrgId: 'org-fed',
      manager: { name: '杨站长', phone: '0793-2471009' },
      photos: [],
      status: 'open',
    },
  },
  {
    key: 'hengshan',
    data: {
      name: '横山镇爱心驿站',
      address: '广丰区横山镇横山街 101 号',
      district: '横山镇',
      location: { lng: 118.305, lat: 28.427 },
      hours: { allDay: false, days: daily('07:00', '18:30') },
      closures: [],
      amenities: ['water', 'meal_heating', 'toilet', 'charging', 'first_aid', 'rest'],
      capacity: 8,
      stars: 2,
      hostOrgId: 'org-fed',
      manager: { name: '夏站长', phone: '0793-2481166' },
      photos: [],
      status: 'open',
    },
  },
  {
    key: 'hufeng',
    data: {
      name: '湖丰镇爱心驿站',
      address: '广丰区湖丰镇湖丰街 3 号',
      district: '湖丰镇',
      location: { lng: 118.088, lat: 28.472 },
      hours: { allDay: false, days: daily('07:00', '19:00') },
      closures: [],
      amenities: ['water', 'toilet', 'charging', 'rest'],
      capacity: 6,
      stars: 1,
      hostOrgId: 'org-fed',
      manager: { name: '管站长', phone: '0793-2491502' },
      photos: [],
      status: 'open',
    },
  },
  {
    key: 'danan',
    data: {
      name: '大南镇爱心驿站',
      address: '广丰区大南镇大南街 88 号',
      district: '大南镇',
      location: { lng: 118.37, lat: 28.335 },
      hours: { allDay: false, days: daily('07:30', '18:00') },
      closures: [],
      amenities: ['water', 'meal_heating', 'toilet', 'rest'],
      capacity: 6,
      stars: 1,
      hostOrgId: 'org-fed',
      manager: { name: '叶站长', phone: '0793-2432210' },
      photos: [],
      status: 'open',
    },
  },
  {
    key: 'paishan',
    data: {
      name: '排山镇爱心驿站',
      address: '广丰区排山镇排山街 20 号',
      district: '排山镇',
      location: { lng: 118.22, lat: 28.335 },
      hours: { allDay: false, days: daily('07:00', '18:00') },
      closures: [],
      amenities: ['water', 'toilet', 'charging', 'rest'],
      capacity: 6,
      stars: 1,
      hostOrgId: 'org-fed',
      manager: { name: '郭站长', phone: '0793-2441388' },
      photos: [],
      status: 'temporarily_closed',
      intro: '正在装修，装好后再开放。',
    },
  },
  {
    key: 'wucun',
    data: {
      name: '吴村镇爱心驿站',
      address: '广丰区吴村镇吴村街 66 号',
      district: '吴村镇',
      location: { lng: 118.205, lat: 28.505 },
      hours: { allDay: false, days: daily('06:30', '19:30') },
      closures: [],
      amenities: ['water', 'meal_heating', 'toilet', 'charging', 'climate', 'rest'],
      capacity: 8,
      stars: 2,
      hostOrgId: 'org-fed',
      manager: { name: '徐站长', phone: '0793-2421677' },
      photos: [],
      status: 'open',
    },
  },
  {
    key: 'shanghai',
    data: {
      name: '广丰区总工会驻上海农民工服务站',
      address: '上海市闵行区七宝镇漕宝路 1555 号',
      district: '上海市闵行区',
      location: { lng: 121.3545, lat: 31.1586 },
      hours: { allDay: false, days: { ...weekdays([{ open: '09:00', close: '20:00' }], [1, 2, 3, 4, 5, 6]), 7: [{ open: '13:00', close: '20:00' }] } },
      closures: [],
      amenities: ['water', 'toilet', 'charging', 'legal', 'rest'],
      capacity: 10,
      stars: 3,
      hostOrgId: 'org-shanghai',
      manager: { name: '祝站长', phone: '021-64780321' },
      photos: [],
      status: 'open',
      intro: '家乡工会在上海的服务站：讨薪、劳动合同的事都可以来问，有律师帮忙。',
    },
  },
]

/** Stored station documents for the demo stations (the same shape the `stations` function writes). */
export function demoStationDocs(now: Date): Array<Record<string, unknown> & { _id: string }> {
  return DEMO_STATIONS.map(({ key, data }) => {
    const org = DEMO_ORGS.find((o) => o._id === data.hostOrgId)!
    return {
      _id: demoId(`station-${key}`),
      ...data,
      location: { type: 'Point', coordinates: [data.location.lng, data.location.lat] },
      intro: data.intro ?? null,
      hostOrgPath: [...org.path, org._id],
      naturalKey: naturalKey(data.name, data.address),
      qrKeyVersion: 1,
      visitCount: 0,
      ratingSum: 0,
      ratingCount: 0,
      version: 1,
      // The demo stations opened before the demo year (2025), so 数据 counts them as stations of that year.
      createdAt: DEMO_STATIONS_OPENED,
      updatedAt: now,
    }
  })
}

/** When the demo county opened its 爱心驿站 (before the seeded year of records). */
export const DEMO_STATIONS_OPENED = new Date('2024-06-01T09:00:00+08:00')

/** Per-district station counters for stations written straight into the database (seed, scale tests). */
export function districtCounterDocs(districts: readonly string[], now: Date): Array<Record<string, unknown> & { _id: string }> {
  const counts = new Map<string, number>()
  for (const d of districts) counts.set(d, (counts.get(d) ?? 0) + 1)
  return [...counts].map(([name, count]) => ({ _id: districtKey(name), name, count, updatedAt: now }))
}
