import { config } from 'zod/mini'
import { zhCN } from 'zod/locales'

// zod/mini: the same checks as classic zod, but tree-shakable, so each subpackage carries only what its
// schemas use (classic zod put ~200 KB into every worker subpackage). ADR 0010.
// Mini-programs forbid eval/new Function: zod must never compile validators at runtime.
config({ jitless: true })
// Fallback wording only; every schema a person meets gives its own plain message.
config(zhCN())

// Import as `import * as z from '…/domain/zod'`: webpack 5 drops unused parts of a namespace import
// of this module, but keeps all of zod when a namespace object is re-exported (`export { z }`).
export * from 'zod/mini'
