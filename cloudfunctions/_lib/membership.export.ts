import { writeXlsx } from './stations.import'
import type { MemberRow } from '../../src/domain/membership/membership.schema'

/** The members list as staff download it (masked ID numbers only). */
export const MEMBER_EXPORT_COLUMNS = ['姓名', '身份证号', '会员编号', '工会', '入会日期', '用工方式', '农民工'] as const

export async function membersWorkbook(rows: MemberRow[]): Promise<Buffer> {
  const body = rows.map((r) => [r.name, r.maskedIdNumber, r.memberNo, r.orgName, r.joinedDate, r.employmentTypeLabel, r.migrant ? '是' : '否'])
  return writeXlsx([[...MEMBER_EXPORT_COLUMNS], ...body], '会员名单')
}

/** 会员名单-20261122.xlsx */
export const exportFileName = (today: string): string => `会员名单-${today.replace(/-/g, '')}.xlsx`
