import type { PropsWithChildren } from 'react'
import Taro from '@tarojs/taro'
import { installPrivacyAuthorization } from './components/PrivacyPopupBus'
import { installH5A11y } from './services/h5-a11y'
import './app.css'

// Before any page asks the backend. The env id comes from TARO_APP_CLOUD_ENV at build time.
if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV, traceUser: true })
}
// WeChat holds privacy APIs until the user agrees in PrivacyPopup (weapp only).
installPrivacyAuthorization()
// h5: pages and tappable views reachable by keyboard, inputs named for screen readers.
if (process.env.TARO_ENV === 'h5') {
  installH5A11y()
}

function App({ children }: PropsWithChildren) {
  return children
}

export default App
