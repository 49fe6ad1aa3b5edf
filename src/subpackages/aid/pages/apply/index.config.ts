export default definePageConfig({
  navigationBarTitleText: '申请补助',
})
