// Three kinds of jest tests; Playwright e2e and the weapp check run from scripts/test.mjs.
const babel = require('./test/support/jest-transform')

const taroPassThrough = '@tarojs|@nutui|@stencil|swiper|ssr-window|dom7|tslib|@swc/helpers'

module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.js',
  // Integration tests run real functions in worker threads; a busy 2-core machine needs more than 5 s.
  testTimeout: 30000,
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/{domain,emulator,functions,runtime}/**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': babel },
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
    },
    {
      displayName: 'pages',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/pages/**/*.test.tsx'],
      setupFilesAfterEnv: ['<rootDir>/test/pages/setup.ts'],
      transform: { '^.+\\.(t|j)sx?$': babel },
      transformIgnorePatterns: [`^(?!.*/node_modules/(${taroPassThrough})/).*/node_modules/`],
      moduleNameMapper: {
        '^@tarojs/components$': '@tarojs/components/lib/react/index',
        '^@tarojs/taro$': '<rootDir>/test/pages/taro.mock.ts',
        '\\.(css|scss)$': '<rootDir>/test/pages/style.mock.js',
        '^@/(.*)$': '<rootDir>/src/$1',
      },
      globals: {
        ENABLE_INNER_HTML: true, ENABLE_ADJACENT_HTML: true, ENABLE_SIZE_APIS: true, ENABLE_TEMPLATE_CONTENT: true,
        ENABLE_MUTATION_OBSERVER: true, ENABLE_CLONE_NODE: true, ENABLE_CONTAINS: true,
        DEPRECATED_ADAPTER_COMPONENT: false, __TARO_FRAMEWORK__: 'react',
      },
    },
  ],
}
