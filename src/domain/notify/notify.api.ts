/**
 * The contract of subscribe messages (issue 9): the template kinds the app asks for and the `notify`
 * cloud function's events. WeChat subscribe messages are one-time: each accepted request allows one
 * message, so the app asks (from a tap) for the kinds that matter next.
 */
import * as z from '../zod'

/** Template kinds. Their WeChat template ids are configuration (`config/subscribe-templates.json`). */
export const TEMPLATE_KEYS = ['status_changed', 'needs_info', 'decided', 'paid', 'reminder', 'staff_digest'] as const
export type TemplateKey = (typeof TEMPLATE_KEYS)[number]

export const TEMPLATE_LABELS: Record<TemplateKey, string> = {
  status_changed: '办理进度',
  needs_info: '需要补材料',
  decided: '办理结果',
  paid: '钱打到卡上',
  reminder: '快到期提醒',
  staff_digest: '每天的待办提醒',
}

/** What WeChat's requestSubscribeMessage answered for one template. */
export const SUBSCRIBE_RESULTS = ['accept', 'reject', 'ban', 'filter'] as const
export type SubscribeResult = (typeof SUBSCRIBE_RESULTS)[number]

export const notifyEvent = z.discriminatedUnion('action', [
  /** The phone reports what the person answered; each `accept` is one message the union may send. */
  z.object({ action: z.literal('subscribe'), results: z.partialRecord(z.enum(TEMPLATE_KEYS), z.enum(SUBSCRIBE_RESULTS)) }),
  /** How many messages of each kind the person has allowed and not yet received. */
  z.object({ action: z.literal('mySubscriptions') }),
])
export type NotifyEvent = z.input<typeof notifyEvent>

export interface SubscriptionsReply {
  /** Messages still allowed per kind (0 when none). */
  credits: Record<TemplateKey, number>
}
