export default definePageConfig({
  navigationBarTitleText: '互助保障规则',
})
