import type { PropsWithChildren } from 'react'
import Taro from '@tarojs/taro'
import './app.css'

// Before any page asks the backend. The env id comes from TARO_APP_CLOUD_ENV at build time.
if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV, traceUser: true })
}

function App({ children }: PropsWithChildren) {
  return children
}

export default App
