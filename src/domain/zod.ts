import { z } from 'zod'
import { zhCN } from 'zod/locales'

// Mini-programs forbid eval/new Function: zod must never compile validators at runtime.
z.config({ jitless: true })
// Fallback wording only; every schema a person meets gives its own plain message.
z.config(zhCN())

export { z }
