// Only the Taro APIs our pages and the NutUI components they use touch. Lifecycle hooks run as effects.
import { useEffect, useRef } from 'react'

export const ENV_TYPE = { WEAPP: 'WEAPP', WEB: 'WEB', SWAN: 'SWAN', ALIPAY: 'ALIPAY', TT: 'TT', QQ: 'QQ', JD: 'JD', RN: 'RN', HARMONY: 'HARMONY' }

const ok = (api: string) => jest.fn(() => Promise.resolve({ errMsg: `${api}:ok` }))

export const getEnv = jest.fn(() => ENV_TYPE.WEB)
export const navigateTo = ok('navigateTo')
export const switchTab = ok('switchTab')
export const showToast = ok('showToast')
export const makePhoneCall = ok('makePhoneCall')
export const previewImage = ok('previewImage')
export const pxTransform = (value: number) => `${value}px`
export const cloud = { init: jest.fn(), callFunction: jest.fn() }

export function useLoad(cb: (params: Record<string, string>) => void) {
  useEffect(() => cb({}), [])
}

const showListeners = new Set<() => void>()

/** Runs on mount like the first show; `showPageAgain()` fires it again (coming back to the page). */
export function useDidShow(cb: () => void) {
  const latest = useRef(cb)
  latest.current = cb
  useEffect(() => {
    const listener = () => latest.current()
    showListeners.add(listener)
    listener()
    return () => {
      showListeners.delete(listener)
    }
  }, [])
}

export function showPageAgain() {
  for (const listener of [...showListeners]) listener()
}

const Taro = { ENV_TYPE, getEnv, navigateTo, switchTab, showToast, makePhoneCall, previewImage, pxTransform, cloud, useLoad, useDidShow }
export default Taro

/**
 * For `jest.mock('@tarojs/taro', () => jest.requireActual('./taro.mock').taroWith({...}))`: this mock with
 * storage kept in `__store`, navigation, dialogs, and the `extra` APIs a page needs.
 */
export function taroWith(extra: Record<string, unknown> = {}) {
  const store = new Map<string, unknown>()
  const all = {
    __store: store,
    getStorageSync: jest.fn((k: string) => store.get(k) ?? ''),
    setStorageSync: jest.fn((k: string, v: unknown) => void store.set(k, JSON.parse(JSON.stringify(v)))),
    removeStorageSync: jest.fn((k: string) => void store.delete(k)),
    redirectTo: ok('redirectTo'),
    pageScrollTo: ok('pageScrollTo'),
    showModal: jest.fn(() => Promise.resolve({ confirm: true, cancel: false })),
    ...extra,
  }
  return { __esModule: true, ...Taro, showPageAgain, ...all, default: { ...Taro, ...all } }
}

/** `taroWith` plus what saveXlsx touches on weapp: the user folder, a file system that writes at once, openDocument. */
export function taroWithXlsx(extra: Record<string, unknown> = {}) {
  const fs = { writeFile: jest.fn((o: { success: () => void }) => o.success()) }
  return taroWith({ env: { USER_DATA_PATH: 'wxfile://usr' }, getFileSystemManager: jest.fn(() => fs), openDocument: ok('openDocument'), ...extra })
}
