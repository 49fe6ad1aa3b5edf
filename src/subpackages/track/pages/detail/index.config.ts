export default definePageConfig({
  navigationBarTitleText: '办理详情',
})
