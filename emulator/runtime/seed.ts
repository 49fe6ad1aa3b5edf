import { createHash } from 'node:crypto'
import type { Role } from '../../src/domain/session/session.schema'

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
  }
}
