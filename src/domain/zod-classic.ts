// Transitional: files not yet moved to zod/mini (src/domain/zod.ts). Config is global to zod's core,
// so importing ./zod applies jitless and the wording here too.
import { z } from 'zod'
import './zod'

export { z }
