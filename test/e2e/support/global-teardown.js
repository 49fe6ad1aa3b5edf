const { rmSync } = require('node:fs')

module.exports = async function globalTeardown() {
  const child = globalThis.__E2E_RUNTIME__
  if (child && child.exitCode === null) {
    await new Promise((resolve) => {
      child.once('exit', resolve)
      child.kill('SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 5000).unref()
    })
  }
  if (process.env.E2E_DATA_DIR) rmSync(process.env.E2E_DATA_DIR, { recursive: true, force: true })
}
