// End-to-end: the h5 build served by the real local runtime (as `npm start` runs it), driven in Debian's chromium.
module.exports = {
  displayName: 'e2e',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': require('./test/support/jest-transform') },
  globalSetup: '<rootDir>/test/e2e/support/global-setup.js',
  globalTeardown: '<rootDir>/test/e2e/support/global-teardown.js',
  // Two files at a time: the workers' stories spend most of their time waiting on a throttled network.
  maxWorkers: 2,
  testTimeout: 90000,
}
