import type { AppError } from '../domain/envelope'

// Plain sentences for workers: what happened and what to do next (test/domain/error-text.test.ts checks every code).
// The server's own sentence is used when it has one (the error tables in src/domain say exactly what
// went wrong); these win for codes the app itself makes (network, timeouts, sign-in).
const MESSAGES: Record<string, string> = {
  'AUTH.UNAUTHENTICATED': '请先登录',
  'NET.UNAVAILABLE': '网络不太好，请检查网络后再试一次',
  'SYS.BAD_REPLY': '服务出了点问题，请稍后再试',
  'SYS.INTERNAL': '服务出了点问题，请稍后再试',
  'SYS.TIMEOUT': '办理超时了，请稍后再试一次',
  'SYS.UNSUPPORTED': '这个功能在这里用不了，请在微信里打开小程序再办',
  'VALIDATION.FAILED': '填写的内容有误，请看红字提示后改一下',
  // the function's own sentence says nothing about what to do
  'WORKSPACE.ORG_OUT_OF_SCOPE': '这个工会不归你管，看不了它的数据。请换一个你管的工会再看',
}

// Only when the reply carries no Chinese sentence of its own (an old or a broken server).
const WHEN_SILENT: Record<string, string> = {
  'AUTH.FORBIDDEN': '你没有权限做这件事。如果需要，请找管理员开通',
  'AUTH.LOOPBACK_ONLY': '这个功能只能在本机的测试环境里用，请用演示账号登录后再试',
  'CONTENT.RISKY': '这段话里有不合适的内容，请改一改再提交',
  'REQUEST.BAD_BODY': '提交的内容有问题，请重试',
  'REQUEST.UNKNOWN_ACTION': '这个功能暂时用不了。请关掉小程序，重新打开后再试',
  'REQUEST.UNKNOWN_FUNCTION': '这个功能暂时用不了。请关掉小程序，重新打开后再试',
  'REQUEST.TOO_LARGE': '提交的内容太多了，请删减后再试',
  'VALIDATION.INVALID': '有些内容没填对，请按提示改一改',
}

const FALLBACK = '出了点问题，请稍后再试'

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s)

export function errorText(error: Pick<AppError, 'code' | 'message'> | null | undefined): string {
  if (!error) return FALLBACK
  const own = MESSAGES[error.code]
  if (own) return own
  const message = (error.message ?? '').trim()
  if (hasChinese(message)) return message
  return WHEN_SILENT[error.code] ?? FALLBACK
}

export const isUnauthenticated = (error: Pick<AppError, 'code'> | null | undefined): boolean =>
  error?.code === 'AUTH.UNAUTHENTICATED'

const TRANSIENT = new Set(['NET.UNAVAILABLE', 'SYS.TIMEOUT', 'SYS.BAD_REPLY', 'SYS.INTERNAL'])

/** A failure worth trying again as it is (the network, a timeout): what was typed stays. */
export const isTransient = (error: Pick<AppError, 'code'> | null | undefined): boolean => !error || TRANSIENT.has(error.code)
