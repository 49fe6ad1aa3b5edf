export default definePageConfig({
  navigationBarTitleText: '导入参保名单',
})
