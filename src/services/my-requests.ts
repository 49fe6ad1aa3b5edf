// Calls of the `myRequests` cloud function (我的办理) and its page routes. Types only from the contract, so
// the main package (which imports the routes for its tile and row) does not pull in zod.
import type { Envelope } from '../domain/envelope'
import type { ListReply, TimelineReply } from '../domain/requests/my-requests.api'
import type { WorkType } from '../domain/workspace/work-item'
import { callFunction } from './transport'

// ---- routes ----------------------------------------------------------------------------------------

/** 我的办理: every request in one list; one request with what to do and what happened. */
export const TRACK_PAGE = '/subpackages/track/pages/index/index'
export const TRACK_DETAIL_PAGE = '/subpackages/track/pages/detail/index'

export const trackDetailUrl = (type: WorkType, id: string) => `${TRACK_DETAIL_PAGE}?type=${encodeURIComponent(type)}&id=${encodeURIComponent(id)}`

// ---- calls -----------------------------------------------------------------------------------------

export const myRequests = (cursor: number | null = null): Promise<Envelope<ListReply>> => callFunction<ListReply>('myRequests', { action: 'list', ...(cursor !== null ? { cursor } : {}) })

export const requestTimeline = (type: WorkType, id: string): Promise<Envelope<TimelineReply>> => callFunction<TimelineReply>('myRequests', { action: 'timeline', type, id })
