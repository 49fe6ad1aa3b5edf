export default definePageConfig({
  navigationBarTitleText: '我的办理',
  enablePullDownRefresh: true,
})
