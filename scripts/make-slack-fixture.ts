// `npx tsx scripts/make-slack-fixture.ts [OUT.zip]`: writes the Slack export fixture the tests use
// (test/fixtures/slack/acme-export.zip by default). The archive is reproducible: same seed, same bytes.
import fs from 'node:fs'
import path from 'node:path'
import { buildSlackExport, zipFiles } from './slack-fixture.js'
import { exitWithUsageOnHelp } from './usage.js'

exitWithUsageOnHelp(import.meta.url)

const out = process.argv[2] ?? 'test/fixtures/slack/acme-export.zip'
fs.mkdirSync(path.dirname(out), { recursive: true })
const zip = zipFiles(buildSlackExport())
fs.writeFileSync(out, zip)
console.log(`${out}: ${zip.length} bytes`)
