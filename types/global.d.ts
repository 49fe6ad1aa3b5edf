/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    /** Build target, replaced at build time so other-platform branches drop out. */
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    /** CloudBase env id (weapp). Placeholder in .env files; the real id is set at build time. */
    TARO_APP_CLOUD_ENV?: string
    /** h5 only: base URL of the local runtime API; empty = same origin. */
    TARO_APP_API_BASE?: string
  }
}
