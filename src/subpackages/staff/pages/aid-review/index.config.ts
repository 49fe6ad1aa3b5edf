export default definePageConfig({
  navigationBarTitleText: '审核互助保障申请',
})
