// Jest global setup: every integration test runs the real, freshly bundled cloud functions.
module.exports = async function globalSetup() {
  const { buildFunctions } = await import('../../scripts/build-functions.mjs')
  await buildFunctions({ quiet: true })
}
