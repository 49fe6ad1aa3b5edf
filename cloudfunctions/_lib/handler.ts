import * as cloud from 'wx-server-sdk'
import * as z from '../../src/domain/zod'
import { fail, type Envelope, failWith } from '../../src/domain/envelope'
import { ERR } from '../../src/domain/errors'
import { toFieldErrors } from '../../src/domain/validation'
import type { Role } from '../../src/domain/session/session.schema'
import { findUserByOpenid, type UserRecord } from './users.repo'
import { findOrg, type OrgRecord } from './orgs.repo'
import { writeAudit } from './audit.repo'
import { logError } from './log'
import { sdk } from './cloud'

export interface Caller {
  /** Empty only for `public` actions called without a WeChat identity (e.g. the h5 build before sign-in). */
  openid: string
  /** Null until the `session` function first creates the record. */
  user: UserRecord | null
  role: Role
  /** The staff member's org (with its ancestors in `path`), for scope checks. */
  org: OrgRecord | null
}

export interface ActionContext<I> {
  caller: Caller
  input: I
  now: Date
}

/**
 * Who may run an action: `public` (also without an OPENID — only for data anyone may read, such as
 * station lists), any signed-in caller, or the listed server-side roles.
 */
export type Access = 'public' | 'signed-in' | readonly Role[]

type Action<E, K> = {
  access: Access
  run: (ctx: ActionContext<Extract<E, { action: K }>>) => Promise<Envelope<unknown>>
}

export interface TimerContext {
  /** The trigger's time (`Time` of the event): a fixed clock for tests, the schedule's minute in the cloud. */
  now: Date
  trigger: string
  /** `Message` of the event: which job when the runtime asks for one (e.g. `rebuild` after seeding). */
  message: string
}

/** `event` is any zod schema (zod/mini or classic: both are zod core types) whose output carries `action`. */
export interface FunctionSpec<S extends z.core.$ZodType<{ action: string }>> {
  name: string
  event: S
  actions: { [K in z.infer<S>['action']]: Action<z.infer<S>, K> }
  /** Runs for a timer trigger (config.json `triggers`): no caller, no OPENID — the system itself. */
  timer?: (ctx: TimerContext) => Promise<Envelope<unknown>>
}

/**
 * A timer trigger's event: `{ Type: 'Timer', TriggerName, Time, Message }`. Only honoured without an OPENID:
 * a call from the mini-program always carries one, and the local h5 bridge refuses this shape.
 */
export function timerEvent(event: unknown): { trigger: string; time: Date; message: string } | null {
  if (typeof event !== 'object' || event === null) return null
  const e = event as Record<string, unknown>
  if (typeof e.Type !== 'string' || e.Type.toLowerCase() !== 'timer') return null
  const parsed = typeof e.Time === 'string' ? new Date(e.Time) : new Date()
  return {
    trigger: typeof e.TriggerName === 'string' ? e.TriggerName : '',
    time: Number.isNaN(parsed.getTime()) ? new Date() : parsed,
    message: typeof e.Message === 'string' ? e.Message : '',
  }
}

const MAX_EVENT_CHARS = 256 * 1024

/** Refuses and audits: every denial, by role or by ownership/scope of a record, leaves a trace. */
export async function deny(caller: Caller, target: { type: string; id: string }): Promise<Envelope<never>> {
  await writeAudit(caller, { action: 'auth.denied', target })
  return failWith(ERR.FORBIDDEN)
}

export function isAllowed(access: Access, role: Role): boolean {
  return access === 'public' || access === 'signed-in' || access.includes(role)
}

/**
 * The one entry of every cloud function: identity only from getWXContext().OPENID, the event re-validated
 * with the page's schema (unknown keys such as an injected `openid` or `role` are dropped), authorisation,
 * and a reply that is always an envelope — never a thrown error or a stack.
 */
export function defineFunction<S extends z.core.$ZodType<{ action: string }>>(spec: FunctionSpec<S>) {
  const main = async function main(event: unknown): Promise<Envelope<unknown>> {
    let action = '?'
    try {
      sdk()
      const { OPENID } = cloud.getWXContext()
      const signedIn = typeof OPENID === 'string' && OPENID !== ''

      if (typeof event !== 'object' || event === null || Array.isArray(event)) return failWith(ERR.INVALID)
      const timer = timerEvent(event)
      if (timer && !signedIn) {
        action = `timer:${timer.message || timer.trigger}`
        if (!spec.timer) return failWith(ERR.UNKNOWN_ACTION)
        return await spec.timer({ now: timer.time, trigger: timer.trigger, message: timer.message })
      }
      if (JSON.stringify(event).length > MAX_EVENT_CHARS) return failWith(ERR.TOO_LARGE)
      const raw = (event as Record<string, unknown>).action
      if (typeof raw !== 'string' || !Object.prototype.hasOwnProperty.call(spec.actions, raw)) {
        return failWith(ERR.UNKNOWN_ACTION)
      }
      action = raw
      const def = (spec.actions as unknown as Record<string, Action<unknown, string>>)[action]
      if (!signedIn && def.access !== 'public') return failWith(ERR.UNAUTHENTICATED)

      const parsed = z.safeParse(spec.event, event)
      if (!parsed.success) return fail(ERR.INVALID.code, ERR.INVALID.message, toFieldErrors(parsed.error))

      const user = signedIn ? await findUserByOpenid(OPENID) : null
      const org = user?.orgId ? await findOrg(user.orgId) : null
      const caller: Caller = { openid: signedIn ? OPENID : '', user, role: user?.role ?? 'worker', org }
      if (!isAllowed(def.access, caller.role)) return await deny(caller, { type: 'function', id: `${spec.name}.${action}` })

      return await def.run({ caller, input: parsed.data as never, now: new Date() })
    } catch (err) {
      logError(spec.name, action, err)
      return failWith(ERR.INTERNAL)
    }
  }
  // Lets tests enumerate every function's actions (fuzzing, authorization matrix).
  return Object.assign(main, { functionName: spec.name, actionNames: Object.keys(spec.actions) })
}
