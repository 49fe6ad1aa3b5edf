export default defineAppConfig({
  pages: ['pages/index/index', 'pages/mine/index'],
  subPackages: [{ root: 'subpackages/help', pages: ['pages/index'] }],
  window: {
    navigationBarTitleText: '工会服务',
    navigationBarBackgroundColor: '#b3261e',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f1ec',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#4a4a4a',
    selectedColor: '#b3261e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-on.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-on.png' },
    ],
  },
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
})
