import { z } from 'zod'

// Mini-programs forbid eval/new Function: zod must never compile validators at runtime.
z.config({ jitless: true })

export { z }
