import type { PropsWithChildren } from 'react'
import Taro from '@tarojs/taro'
import { installPrivacyAuthorization } from './components/PrivacyPopupBus'
import './app.css'

// Before any page asks the backend. The env id comes from TARO_APP_CLOUD_ENV at build time.
if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV, traceUser: true })
}
// WeChat holds privacy APIs until the user agrees in PrivacyPopup (weapp only).
installPrivacyAuthorization()

function App({ children }: PropsWithChildren) {
  return children
}

export default App
