export default defineAppConfig({
  pages: ['pages/index/index', 'pages/mine/index'],
  subPackages: [
    { root: 'subpackages/help', pages: ['pages/index'] },
    // Staff pages (工作台, 人员管理) and 输入邀请码: loaded only when someone opens them.
    {
      root: 'subpackages/staff',
      pages: [
        'pages/home/index',
        'pages/people/index',
        'pages/redeem/index',
        // 驿站管理: stations, edit form, check-in QR, import, reports, suggestions, visit counts.
        'pages/stations/index',
        'pages/stations-edit/index',
        'pages/stations-qr/index',
        'pages/stations-import/index',
        'pages/stations-reports/index',
        'pages/stations-suggestions/index',
        'pages/stations-stats/index',
        // 入会审核: queue, one application, verify a member card, members and export, transfers, holidays.
        'pages/members-queue/index',
        'pages/members-review/index',
        'pages/members-verify/index',
        'pages/members/index',
        'pages/members-transfers/index',
        'pages/calendar/index',
        // 互助保障: import a unit's enrollment list, enrollments, claims queue and review.
        'pages/aid-import/index',
        'pages/aid-enrollments/index',
        'pages/aid-queue/index',
        'pages/aid-review/index',
        // 法律援助: triage queue and one case.
        'pages/legal-queue/index',
        'pages/legal-review/index',
        // Rule tables of 互助保障 and 法律援助: staff read them, the admin changes them.
        'pages/aid-rules/index',
        'pages/legal-rules/index',
        // 工作台 (one queue of every area), 数据 and the records behind a figure, 审计, 办理时限.
        'pages/work/index',
        'pages/figures/index',
        'pages/figure-records/index',
        'pages/audit/index',
        'pages/work-rules/index',
        // 组织管理 (admin): the org tree, new unions, renames, 新组建日期, moves.
        'pages/orgs/index',
      ],
    },
    // 爱心驿站 for workers: find, details and check-in, 报修, suggest a site.
    {
      root: 'subpackages/stations',
      pages: ['pages/list/index', 'pages/detail/index', 'pages/report/index', 'pages/reports/index', 'pages/suggest/index', 'pages/suggestions/index'],
    },
    // 入会 for workers: start, application wizard, progress, member card, 转会.
    { root: 'subpackages/join', pages: ['pages/index/index', 'pages/apply/index', 'pages/status/index', 'pages/card/index', 'pages/transfer/index'] },
    // 互助保障 for workers: 我的保障, claim wizard, my claims, one claim.
    { root: 'subpackages/aid', pages: ['pages/index/index', 'pages/apply/index', 'pages/claims/index', 'pages/claim/index'] },
    // 法律援助 for workers: start and my cases, the request wizard, one case.
    { root: 'subpackages/legal', pages: ['pages/index/index', 'pages/apply/index', 'pages/case/index'] },
    // 我的信息与隐私: consents, what is held, export, closing the account.
    { root: 'subpackages/privacy', pages: ['pages/index'] },
    // 我的办理 for workers: every request in one list (what to do next first), one request and its history.
    { root: 'subpackages/track', pages: ['pages/index/index', 'pages/detail/index'] },
  ],
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
  // 爱心驿站: nearest stations and the place of a suggested site (asked only when the person taps).
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: { 'scope.userLocation': { desc: '用来找离你最近的爱心驿站，和标出你推荐建驿站的地方' } },
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
})
