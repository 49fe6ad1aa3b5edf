import type { AppError } from '../domain/envelope'

// Plain sentences for workers. Unknown codes fall back to the server's own message.
const MESSAGES: Record<string, string> = {
  'AUTH.UNAUTHENTICATED': '请先登录',
  'AUTH.FORBIDDEN': '你没有权限做这件事',
  'NET.UNAVAILABLE': '网络不太好，请检查网络后再试一次',
  'SYS.BAD_REPLY': '服务出了点问题，请稍后再试',
  'SYS.INTERNAL': '服务出了点问题，请稍后再试',
  'SYS.TIMEOUT': '办理超时了，请稍后再试一次',
  'SYS.UNSUPPORTED': '这个功能在这里用不了',
  'VALIDATION.FAILED': '填写的内容有误，请看红字提示后改一下',
}

const FALLBACK = '出了点问题，请稍后再试'

export function errorText(error: Pick<AppError, 'code' | 'message'> | null | undefined): string {
  if (!error) return FALLBACK
  return MESSAGES[error.code] ?? (error.message.trim() || FALLBACK)
}

export const isUnauthenticated = (error: Pick<AppError, 'code'> | null | undefined): boolean =>
  error?.code === 'AUTH.UNAUTHENTICATED'

const TRANSIENT = new Set(['NET.UNAVAILABLE', 'SYS.TIMEOUT', 'SYS.BAD_REPLY', 'SYS.INTERNAL'])

/** A failure worth trying again as it is (the network, a timeout): what was typed stays. */
export const isTransient = (error: Pick<AppError, 'code'> | null | undefined): boolean => !error || TRANSIENT.has(error.code)
