export default definePageConfig({
  navigationBarTitleText: '审核法律援助',
})
