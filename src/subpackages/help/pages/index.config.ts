export default definePageConfig({
  navigationBarTitleText: '帮助与热线',
})
