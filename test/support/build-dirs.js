// Where jest's global setup bundles the functions. TEST_BUILD_DIR lets two test runs share one
// checkout without rebuilding each other's functions mid-run.
const { join } = require('node:path')

const ROOT = join(__dirname, '..', '..')

function testBuildDirs() {
  const base = process.env.TEST_BUILD_DIR ? join(ROOT, process.env.TEST_BUILD_DIR) : join(ROOT, 'build')
  return { functions: join(base, 'cloudfunctions'), testFunctions: join(base, 'test-functions') }
}

module.exports = { testBuildDirs }
