import * as cloud from 'wx-server-sdk'

let initialised = false

/** The one wx-server-sdk handle of a function instance; repositories are the only callers. */
export function sdk(): typeof cloud {
  if (!initialised) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    initialised = true
  }
  return cloud
}

export function database() {
  return sdk().database()
}

/** Cloud errors carry `errCode`/`errMsg`; the emulator and CloudBase both name duplicates this way. */
export function isDuplicateKeyError(err: unknown): boolean {
  const text = err instanceof Error ? `${err.message} ${(err as { errCode?: unknown }).errCode ?? ''}` : String(err)
  return /DUPLICATE|E11000|duplicate key/i.test(text)
}

/** The SDK's typings make get() return `Promise | void | string`; with no callback it is always a promise of `{ data }`. */
export async function getDocs<T>(query: { get(): unknown }): Promise<T[]> {
  const res = (await query.get()) as { data: T[] }
  return res.data
}
