import * as z from 'zod/mini'
import { zhCN } from 'zod/locales'

// zod/mini: the same checks as classic zod, but tree-shakable, so each subpackage carries only what its
// schemas use (classic zod put ~200 KB into every worker subpackage). ADR 0010.
// Mini-programs forbid eval/new Function: zod must never compile validators at runtime.
z.config({ jitless: true })
// Fallback wording only; every schema a person meets gives its own plain message.
z.config(zhCN())

export { z }
