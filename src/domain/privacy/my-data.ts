import type { ConsentView } from '../consent/consent'
import type { MyData } from './privacy.schema'

/** How 我的信息与隐私 shows and exports what is held (pure, no zod: the page bundle stays small; times in Asia/Shanghai). */

/** What a worker types to confirm closing the account. */
export const CLOSE_CONFIRM_WORD = '注销'

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

/** `2026-11-22T17:30:00Z` → `2026年11月23日` (the calendar day in Shanghai). */
export function formatDateCN(iso: string | null | undefined): string {
  if (!iso) return ''
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return ''
  const d = new Date(t + SHANGHAI_OFFSET_MS)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

/** Bytes in words people know: `850 B`, `12 KB`, `3.4 MB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

export const CONSENT_STATUS_TEXT: Record<ConsentView['status'], string> = {
  granted: '已同意',
  outdated: '说明更新了，要重新同意',
  withdrawn: '已撤回',
  never: '没有同意',
}

/** One line saying when a consent was given or withdrawn. */
export function consentDatesText(c: ConsentView): string {
  if (c.status === 'withdrawn') return `${formatDateCN(c.grantedAt)}同意，${formatDateCN(c.withdrawnAt)}撤回`
  if (c.status === 'granted' || c.status === 'outdated') return `${formatDateCN(c.grantedAt)}同意`
  return '还没有同意过'
}

/** `我的信息-20261122.json`, by the Shanghai calendar day. */
export function exportFileName(iso: string): string {
  const d = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `我的信息-${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}.json`
}

/** The export: the same facts as the page, with Chinese labels a worker can read in any text viewer. */
export function myDataExport(data: MyData): Record<string, unknown> {
  return {
    说明: '这是“工会服务”小程序里存着的你的信息。为了安全，身份证号、姓名和手机号只显示一部分。',
    导出时间: formatDateCN(data.generatedAt),
    账号: {
      身份: data.account.roleLabel,
      所在工会: data.account.orgName ?? '还没有加入',
      用户编号: data.account.shortUserId ?? '还没有',
      开始使用: formatDateCN(data.account.createdAt) || '还没有',
    },
    个人资料: { 姓名: data.profile.name ?? '没有填写', 手机: data.profile.phone ?? '没有填写' },
    身份证: data.identity
      ? { 身份证号: data.identity.maskedIdNumber, 出生年份: data.identity.birthYear, 性别: data.identity.sexLabel, 填写日期: formatDateCN(data.identity.savedAt) }
      : '没有填写',
    同意的事: data.consents.map((c) => ({ 项目: c.label, 状态: CONSENT_STATUS_TEXT[c.status], 用途: c.purpose, 说明版本: c.policyVersion ?? '', 日期: consentDatesText(c) })),
    同意记录: data.consentHistory.map((h) => ({ 项目: h.label, 说明版本: h.policyVersion, 同意: formatDateCN(h.grantedAt), 撤回: h.withdrawnAt ? formatDateCN(h.withdrawnAt) : '' })),
    上传的材料: data.files.map((f) => ({ 名称: f.name, 用途: f.purposeLabel, 大小: formatSize(f.size), 上传日期: formatDateCN(f.createdAt), 已交给工会: f.attached ? '是' : '否' })),
    没传完的文件: data.uploadsInProgress,
    办过的事: Object.fromEntries(data.records.map((r) => [r.label, `${r.count} 条`])),
    注销后会保留: data.keptAfterClosing,
  }
}
