// Jest global setup: every integration test runs the real, freshly bundled cloud functions.
module.exports = async function globalSetup() {
  const { buildFunctions, testFunctionsSrcDir, testFunctionsOutDir } = await import('../../scripts/build-functions.mjs')
  await buildFunctions({ quiet: true })
  await buildFunctions({ quiet: true, src: testFunctionsSrcDir, outDir: testFunctionsOutDir })
}
