/** Error codes shared by functions and pages. Messages are for a worker who reads slowly: what happened, what to do. */
export const ERR = {
  UNAUTHENTICATED: { code: 'AUTH.UNAUTHENTICATED', message: '请先登录，再来办理' },
  FORBIDDEN: { code: 'AUTH.FORBIDDEN', message: '你没有办这件事的权限。有疑问的话，请问一问工会工作人员' },
  INVALID: { code: 'VALIDATION.INVALID', message: '有些内容没填对，请按提示改一改' },
  UNKNOWN_ACTION: { code: 'REQUEST.UNKNOWN_ACTION', message: '这个功能暂时用不了。请关掉小程序，重新打开后再试' },
  TOO_LARGE: { code: 'REQUEST.TOO_LARGE', message: '提交的内容太多了，请删减后再试' },
  INTERNAL: { code: 'SYS.INTERNAL', message: '系统开小差了，请稍后再试一次' },
} as const
