/**
 * Content security (TRUST.md): free text that staff or others will read goes through WeChat's
 * msgSecCheck (v2). `risky` is refused, `review` is stored with a flag for staff, `pass` goes through.
 */
export type ContentVerdict = 'pass' | 'review' | 'risky'

export interface ContentCheck {
  verdict: ContentVerdict
  /** WeChat's label: 100 normal, 10001 ads, 20001 politics, 20002 porn, 20003 abuse, 20006 crime, 20008 fraud, 20012 vulgar, 20013 copyright, 21000 other; 0 = the check itself failed. */
  label: number
}

/** msgSecCheck v2 scenes. */
export const CONTENT_SCENES = { profile: 1, comment: 2, forum: 3, socialLog: 4 } as const
export type ContentScene = keyof typeof CONTENT_SCENES

/** WeChat checks at most 2500 characters per call. */
export const CONTENT_CHECK_MAX_CHARS = 2500

export const CONTENT_RISKY = { code: 'CONTENT.RISKY', message: '这段话里有不合适的内容，请改一改再提交' } as const

const RANK: Record<ContentVerdict, number> = { pass: 0, review: 1, risky: 2 }

/** The stricter of two checks (a long text is checked piece by piece). */
export const worseOf = (a: ContentCheck, b: ContentCheck): ContentCheck => (RANK[b.verdict] > RANK[a.verdict] ? b : a)

/** Splits on code points so no character is cut in half. */
export function splitForCheck(text: string, max = CONTENT_CHECK_MAX_CHARS): string[] {
  const chars = Array.from(text)
  const parts: string[] = []
  for (let i = 0; i < chars.length; i += max) parts.push(chars.slice(i, i + max).join(''))
  return parts
}

/** Reads WeChat's `result.suggest`; anything unexpected is treated as needing review. */
export function verdictOf(suggest: unknown): ContentVerdict {
  return suggest === 'pass' || suggest === 'review' || suggest === 'risky' ? suggest : 'review'
}
