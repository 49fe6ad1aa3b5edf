import { sdk } from './cloud'
import { logError } from './log'
import {
  CONTENT_SCENES,
  splitForCheck,
  verdictOf,
  worseOf,
  type ContentCheck,
  type ContentScene,
} from '../../src/domain/privacy/content-check'

/**
 * WeChat content security for free text others will read (TRUST.md): `security.msgSecCheck` version 2,
 * deciding on `result.suggest`. Texts longer than WeChat's 2500 characters are checked piece by piece
 * and the strictest answer wins. If the check itself fails (network, quota), the text is not refused
 * but flagged for staff review (label 0), and the failure is logged.
 *
 * Callers refuse `risky` with CONTENT_RISKY and store `review` as a flag. The calling function's
 * config.json must list `security.msgSecCheck` under permissions.openapi.
 */
export async function checkText(openid: string, text: string, scene: ContentScene): Promise<ContentCheck> {
  let result: ContentCheck = { verdict: 'pass', label: 100 }
  const parts = splitForCheck(text).filter((p) => p.trim() !== '')
  for (const content of parts) {
    let reply: { errCode?: number; result?: { suggest?: unknown; label?: unknown } }
    try {
      reply = (await sdk().openapi.security.msgSecCheck({ content, version: 2, scene: CONTENT_SCENES[scene], openid })) as typeof reply
    } catch (err) {
      logError('content-security', 'msgSecCheck', err)
      result = worseOf(result, { verdict: 'review', label: 0 })
      continue
    }
    const label = typeof reply.result?.label === 'number' ? reply.result.label : 0
    result = worseOf(result, { verdict: verdictOf(reply.result?.suggest), label })
    if (result.verdict === 'risky') break
  }
  return result
}

/** One check over several texts (blank ones skipped): `risky` refuses, `review` is stored as a flag. */
export async function checkTexts(openid: string, texts: ReadonlyArray<string | null | undefined>, scene: ContentScene): Promise<{ risky: boolean; review: boolean }> {
  const text = texts.filter((t): t is string => !!t && t.trim() !== '').join('\n')
  if (!text) return { risky: false, review: false }
  const check = await checkText(openid, text, scene)
  return { risky: check.verdict === 'risky', review: check.verdict === 'review' }
}
