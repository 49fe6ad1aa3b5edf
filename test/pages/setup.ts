// Applied to every page test file.
// The NutUI barrel loads every component (and crashes in jsdom): hand out the per-component modules
// that babel-plugin-import produces in the real build.
jest.mock('@nutui/nutui-react-taro', () => require('./nutui').nutuiPerComponent())
// @tarojs/components pulls swiper 11, which ships .mjs only; no page uses a swiper.
jest.mock('swiper/bundle', () => ({ __esModule: true, default: class {} }))

// On a busy 2-core machine a page can take more than the default 1 s to settle after a tap.
require('@testing-library/react').configure({ asyncUtilTimeout: 4000 })
