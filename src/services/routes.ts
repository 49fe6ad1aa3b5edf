// Page URLs in one place (leading slash = absolute).
export const HOME_PAGE = '/pages/index/index'
export const MINE_PAGE = '/pages/mine/index'
export const HELP_PAGE = '/subpackages/help/pages/index'
