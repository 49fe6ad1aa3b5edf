export default definePageConfig({
  navigationBarTitleText: '我报修的事',
})
