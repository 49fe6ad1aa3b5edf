export default definePageConfig({
  navigationBarTitleText: '推荐新地点',
})
