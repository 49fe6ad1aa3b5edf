// Drafts kept on the phone with Taro storage, so nothing typed is lost to a bad network or a closed app.
import Taro from '@tarojs/taro'

export interface DraftStore {
  load<T>(name: string): T | null
  save(name: string, value: unknown): void
  clear(name: string): void
}

/** Drafts of one area, stored under `prefix + name`. */
export function draftStore(prefix: string): DraftStore {
  return {
    load<T>(name: string): T | null {
      try {
        const v: unknown = Taro.getStorageSync(prefix + name)
        return v && typeof v === 'object' ? (v as T) : null
      } catch {
        return null
      }
    },
    save(name: string, value: unknown): void {
      try {
        Taro.setStorageSync(prefix + name, value)
      } catch {
        // storage full: the form still holds the text
      }
    },
    clear(name: string): void {
      try {
        Taro.removeStorageSync(prefix + name)
      } catch {
        // nothing to clear
      }
    },
  }
}
