// Jest global setup: every integration test runs the real, freshly bundled cloud functions.
module.exports = async function globalSetup() {
  const { buildFunctions, testFunctionsSrcDir } = await import('../../scripts/build-functions.mjs')
  const { testBuildDirs } = require('./build-dirs')
  const dirs = testBuildDirs()
  await buildFunctions({ quiet: true, outDir: dirs.functions })
  await buildFunctions({ quiet: true, src: testFunctionsSrcDir, outDir: dirs.testFunctions })
}
