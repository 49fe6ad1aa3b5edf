import { useCallback, useEffect, useState } from 'react'
import type { ConsentState } from '../components/ConsentBox'
import { CONSENT_CATEGORIES, CONSENT_ERR, type ConsentCategory } from '../domain/consent/consent'
import type { AppError } from '../domain/envelope'
import { getConsents } from './privacy'

export type Consents = Record<ConsentCategory, ConsentState>

const all = (s: ConsentState): Consents => Object.fromEntries(CONSENT_CATEGORIES.map((c) => [c, s])) as Consents

export interface ConsentsApi {
  consents: Consents
  granted(category: ConsentCategory): void
  lost(category: ConsentCategory): void
}

/** What `refused` says about a consent: the category the server asked for (files, submit), or null. */
export function consentAsked(error: AppError): ConsentCategory | null {
  if (error.code !== CONSENT_ERR.REQUIRED && error.code !== CONSENT_ERR.STALE_VERSION) return null
  const category = error.fieldErrors?.consent
  return (CONSENT_CATEGORIES as readonly string[]).includes(category ?? '') ? (category as ConsentCategory) : null
}

/**
 * The worker's separate consents (身份证号, 病历和票据, 银行卡), read once; `granted` after 我同意,
 * `lost` when the server says one is missing after all (withdrawn meanwhile).
 */
export function useConsents(): ConsentsApi {
  const [consents, setConsents] = useState<Consents>(() => all('loading'))

  useEffect(() => {
    let live = true
    getConsents().then(
      (r) => {
        if (!live) return
        if (!r.ok) return setConsents(all('needed'))
        const next = all('needed')
        for (const c of r.data.consents) next[c.category] = c.status === 'granted' ? 'granted' : c.status === 'outdated' ? 'renew' : 'needed'
        setConsents(next)
      },
      // cannot tell: ask (agreeing twice changes nothing)
      () => live && setConsents(all('needed')),
    )
    return () => {
      live = false
    }
  }, [])

  const granted = useCallback((c: ConsentCategory) => setConsents((s) => ({ ...s, [c]: 'granted' })), [])
  const lost = useCallback((c: ConsentCategory) => setConsents((s) => ({ ...s, [c]: 'needed' })), [])
  return { consents, granted, lost }
}
