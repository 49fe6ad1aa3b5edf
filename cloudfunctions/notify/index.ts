/**
 * 消息提醒 (issue 9): what each person allowed (WeChat subscribe messages are one-time: one `accept`,
 * one message), and the hourly timer that sends again what failed, sends reminders before deadlines
 * and, at 08:00, each staff member's digest of their queue.
 */
import { defineFunction } from '../_lib/handler'
import { creditsOf, recordAnswers } from '../_lib/notify.subscriptions'
import { retryDueOutbox } from '../_lib/outbox'
import { DIGEST_HOUR, REMINDER_HOURS, sendReminders, sendStaffDigests, shanghaiHour } from '../_lib/reminders'
import { failWith, ok } from '../../src/domain/envelope'
import { ERR } from '../../src/domain/errors'
import { notifyEvent, type SubscriptionsReply } from '../../src/domain/notify/notify.api'

/** Timer messages that run one job now, whatever the hour (`POST /__dev/timer {fn: 'notify', message}`). */
const JOBS = ['', 'retry', 'reminders', 'digest'] as const

export const main = defineFunction({
  name: 'notify',
  event: notifyEvent,
  actions: {
    subscribe: {
      access: 'signed-in',
      async run({ caller, input, now }) {
        await recordAnswers(caller.openid, input.results, now)
        return ok<SubscriptionsReply>({ credits: await creditsOf(caller.openid) })
      },
    },

    mySubscriptions: {
      access: 'signed-in',
      async run({ caller }) {
        return ok<SubscriptionsReply>({ credits: await creditsOf(caller.openid) })
      },
    },
  },

  /**
   * Hourly (`Time` of the event is the clock): messages still pending and due are sent again; from
   * 09:00 to 20:00 the reminders due; at 08:00 the staff digest.
   */
  async timer({ now, message }) {
    if (!(JOBS as readonly string[]).includes(message)) return failWith(ERR.UNKNOWN_ACTION)
    const hour = shanghaiHour(now)
    const every = message === ''
    const out: Record<string, unknown> = {}
    if (every || message === 'retry') out.retried = await retryDueOutbox(now)
    if (message === 'reminders' || (every && hour >= REMINDER_HOURS.from && hour <= REMINDER_HOURS.to)) out.reminders = await sendReminders(now)
    if (message === 'digest' || (every && hour === DIGEST_HOUR)) out.digests = await sendStaffDigests(now)
    return ok(out)
  },
})
