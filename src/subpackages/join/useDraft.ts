import { useDraft as useStoredDraft } from '../../services/useDraft'
import { joinDrafts } from './form'

/** A 入会 form kept on the phone (src/services/useDraft.ts) among the join drafts. */
export const useDraft = <T>(name: string, restore: (saved: Partial<T> | null) => T) => useStoredDraft<T>(joinDrafts, name, restore)
