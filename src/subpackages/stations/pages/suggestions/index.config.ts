export default definePageConfig({
  navigationBarTitleText: '我推荐的地方',
})
