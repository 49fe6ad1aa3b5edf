import type { Envelope } from '../domain/envelope'
import type { ConsentCategory, ConsentView } from '../domain/consent/consent'
import type { CloseResult, MaskedIdentity, MyData } from '../domain/privacy/privacy.schema'
import { CLOSE_CONFIRM_WORD } from '../domain/privacy/my-data'
import { callFunction } from './transport'

export type { MyData }

export const PRIVACY_PAGE = '/subpackages/privacy/pages/index'

export interface WithdrawResult {
  consent: ConsentView
  withdrawn: boolean
  identityDeleted: boolean
  deletedFiles: number
}

/** Everything held about the signed-in person, masked. */
export const getMyData = (): Promise<Envelope<MyData>> => callFunction<MyData>('privacy', { action: 'myData' })

export const getConsents = (): Promise<Envelope<{ consents: ConsentView[] }>> => callFunction('privacy', { action: 'consentStatus' })

export const grantConsent = (category: ConsentCategory, policyVersion: string): Promise<Envelope<ConsentView>> =>
  callFunction<ConsentView>('privacy', { action: 'grantConsent', category, policyVersion })

export const withdrawConsent = (category: ConsentCategory): Promise<Envelope<WithdrawResult>> =>
  callFunction<WithdrawResult>('privacy', { action: 'withdrawConsent', category })

export const setIdNumber = (idNumber: string): Promise<Envelope<MaskedIdentity>> => callFunction<MaskedIdentity>('privacy', { action: 'setIdNumber', idNumber })

export const closeAccount = (): Promise<Envelope<CloseResult>> => callFunction<CloseResult>('privacy', { action: 'closeAccount', confirm: CLOSE_CONFIRM_WORD })
