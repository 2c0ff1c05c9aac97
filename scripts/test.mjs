// `npm test`: the whole suite (unit, API on SQLite and PostgreSQL, browser end-to-end).
// It installs what the tests need when it is missing (PostgreSQL and Chromium from Debian's packages),
// builds the web app, runs vitest, and ends with the line `N passed, N failed`.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
process.chdir(root)

function hasPostgres() {
  const base = '/usr/lib/postgresql'
  return fs.existsSync(base) && fs.readdirSync(base).some((v) => fs.existsSync(path.join(base, v, 'bin/initdb')))
}
const hasChromium = () => fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')

const missing = []
if (!process.env.DATABASE_URL && !hasPostgres()) missing.push('postgresql')
if (!hasChromium()) missing.push('chromium')
if (missing.length > 0) {
  if (process.getuid?.() !== 0) {
    console.error(`The tests need ${missing.join(' and ')}: run \`sudo apt-get install -y ${missing.join(' ')}\` and try again.`)
    console.log('0 passed, 1 failed')
    process.exit(1)
  }
  console.log(`Installing ${missing.join(', ')} from Debian's packages...`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env })
  if (!install || install.status !== 0) {
    console.log('0 passed, 1 failed')
    process.exit(1)
  }
}

const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' })
if (build.status !== 0) {
  console.error('The web app did not build.')
  console.log('0 passed, 1 failed')
  process.exit(1)
}

fs.mkdirSync('.tmp', { recursive: true })
const report = path.join('.tmp', 'vitest-report.json')
fs.rmSync(report, { force: true })
const args = [
  'node_modules/vitest/vitest.mjs',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]
const run = spawnSync(process.execPath, args, { stdio: 'inherit' })

let passed = 0
let failed = 0
if (fs.existsSync(report)) {
  const result = JSON.parse(fs.readFileSync(report, 'utf8'))
  passed = result.numPassedTests ?? 0
  failed = result.numFailedTests ?? 0
  // A file that fails to load has no tests to count; count it as one failure so it cannot pass silently.
  for (const file of result.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed += 1
  }
} else {
  failed = Math.max(1, failed)
}
if (run.status !== 0 && failed === 0) failed = 1
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
