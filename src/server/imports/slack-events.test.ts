import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildSlackExport, zipFiles } from '../../../scripts/slack-fixture.js'
import { PackageError } from '../platform/zip.js'
import { slackEvents, slackTime, type SlackExport } from './slack-events.js'
import { readSlackExport } from './slack-export.js'

const FIXTURE = path.resolve('test/fixtures/slack/acme-export.zip')
const u = (id: string, email?: string) => ({ id, team_id: 'T1', name: id.toLowerCase(), profile: { email, real_name: `Person ${id}` } })

/** A small export whose every event is known by hand. */
const SMALL: SlackExport = {
  users: [u('UA', 'a@x.example'), u('UB', 'b@x.example'), u('UC'), { id: 'UBOT', team_id: 'T1', is_bot: true }, { id: 'USLACKBOT' }],
  conversations: [
    {
      id: 'C1',
      name: 'backend',
      kind: 'channel',
      members: ['UA', 'UB', 'UC'],
      messages: [
        { ts: '1700000000.000100', user: 'UA', text: 'How do we deploy? <@UB> <@UBOT|bot>', thread_ts: '1700000000.000100' },
        {
          ts: '1700000001.000100',
          user: 'UB',
          text: 'Like this',
          thread_ts: '1700000000.000100',
          reactions: [{ name: '+1', users: ['UA', 'UB', 'UBOT'] }],
        },
        { ts: '1700000002.000100', user: 'UC', subtype: 'thread_broadcast', text: 'also <@UA>', thread_ts: '1700000000.000100' },
        { ts: '1700000003.000100', user: 'UC', subtype: 'channel_join', text: '<@UC> has joined' },
        { ts: '1700000004.000100', subtype: 'bot_message', bot_id: 'B1', text: 'deployed <@UA>' },
        {
          ts: '1700000005.000100',
          user: 'USLACKBOT',
          subtype: 'tombstone',
          text: 'This message was deleted.',
          thread_ts: '1700000005.000100',
        },
        { ts: '1700000006.000100', user: 'UB', text: 'orphan reply', thread_ts: '1700000005.000100' },
        { ts: '1700000007.000100', user: 'UBOT', text: 'a bot as a user' },
        { ts: 'not-a-ts', user: 'UA', text: 'broken' },
      ],
    },
    { id: 'D1', name: null, kind: 'dm', members: ['UA', 'UC'], messages: [{ ts: '1700000010.000000', user: 'UA', text: 'hi' }] },
  ],
}

describe('slackEvents', () => {
  it('turns replies, mentions, reactions and DMs into events, and handles each subtype deliberately', () => {
    const found = slackEvents(SMALL)
    const seen = found.events.map((e) => `${e.kind} ${e.actor}>${e.target} ${e.topic ?? '-'}`).sort()
    expect(seen).toEqual(
      [
        'mention UA>UB backend', // the bot mention is dropped
        'reply UB>UA backend',
        'reaction UA>UB backend', // UB's own reaction and the bot's make none
        'reply UC>UA backend', // a broadcast reply counts once, as a reply
        'mention UC>UA backend',
        'direct UA>UC -',
      ].sort(),
    )
    // Joins, the bot's messages and the tombstone are not messages; the orphan reply is a reply with no tie.
    expect(found).toMatchObject({ workspace: 'T1', channels: 2, messages: 5, replies: 3, reactions: 2 })
    expect(found.accounts.map((a) => a.id).sort()).toEqual(['UA', 'UB', 'UC'])
    expect(found.accounts.find((a) => a.id === 'UC')?.email).toBeUndefined()
    expect(new Set(found.events.map((e) => e.key)).size).toBe(found.events.length)
    expect(JSON.stringify(found)).not.toContain('How do we deploy')
  })

  it('reads Slack timestamps', () => {
    expect(slackTime('1700000000.000100')).toBe('2023-11-14T22:13:20.000Z')
    expect(slackTime('soon')).toBeUndefined()
  })
})

describe('readSlackExport', () => {
  it('reads the committed fixture, which has every file kind and subtype', async () => {
    const data = await readSlackExport(FIXTURE)
    expect(new Set(data.conversations.map((c) => c.kind))).toEqual(new Set(['channel', 'group', 'dm', 'mpim']))
    const subtypes = new Set(data.conversations.flatMap((c) => c.messages.map((m) => m.subtype)))
    for (const s of ['channel_join', 'bot_message', 'thread_broadcast', 'tombstone', 'file_share', 'me_message'])
      expect(subtypes).toContain(s)
    const found = slackEvents(data)
    expect(new Set(found.events.map((e) => e.kind))).toEqual(new Set(['reply', 'mention', 'reaction', 'direct']))
    expect(found.accounts.map((a) => a.id)).not.toContain('UDEPLOYBOT1')
    expect(fs.readFileSync(FIXTURE).equals(zipFiles(buildSlackExport()))).toBe(true)
  })

  it('reads org_users.json (Enterprise Grid) and an export zipped inside a folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-slack-'))
    const files = buildSlackExport({ grid: true })
    const nested = new Map([...files].map(([name, text]) => [`acme export/${name}`, text]))
    fs.writeFileSync(path.join(dir, 'grid.zip'), zipFiles(nested))
    const data = await readSlackExport(path.join(dir, 'grid.zip'))
    expect(data.users.length).toBeGreaterThan(10)
    expect(slackEvents(data).events.length).toBe(slackEvents(await readSlackExport(FIXTURE)).events.length)
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('refuses what is not a safe Slack export', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-slack-'))
    const write = (name: string, data: Buffer) => (fs.writeFileSync(path.join(dir, name), data), path.join(dir, name))
    const code = (file: string) =>
      readSlackExport(file).then(
        () => 'read',
        (e: unknown) => (e instanceof PackageError ? e.code : String(e)),
      )
    expect(await code(write('a.zip', Buffer.from('not a zip')))).toBe('not_a_zip')
    expect(await code(write('b.zip', zipFiles(new Map([['readme.txt', 'hi']]))))).toBe('not_slack_export')
    expect(await code(write('c.zip', zipFiles(new Map([['users.json', '{']]))))).toBe('bad_json')
    expect(await code(write('d.zip', zipFiles(new Map([['../users.json', '[]']]))))).toBe('unsafe_path')
    expect(await code(write('e.zip', zipFiles(new Map([['users.json', '[]']]))))).toBe('not_slack_export')
    fs.rmSync(dir, { recursive: true, force: true })
  })
})

describe('npm run import:slack', () => {
  const run = (file: string, dataDir: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import-slack.ts', file], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 120_000,
    })

  it('ends with a JSON line of counts; a second run adds nothing; a bad file exits 1 with the reason', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-slack-cli-'))
    try {
      const first = run(FIXTURE, dataDir)
      expect(first.status, first.stderr).toBe(0)
      const report = JSON.parse(first.stdout.trim().split('\n').at(-1) as string) as Record<string, number>
      expect(Object.keys(report)).toEqual(['people', 'channels', 'messages', 'replies', 'reactions', 'interactions', 'new_interactions'])
      expect(report.channels).toBe(6)
      expect(report.new_interactions).toBe(report.interactions)
      expect(report.interactions).toBeGreaterThan(100)
      const again = JSON.parse(run(FIXTURE, dataDir).stdout.trim().split('\n').at(-1) as string) as Record<string, number>
      expect(again).toEqual({ ...report, new_interactions: 0 })
      fs.writeFileSync(path.join(dataDir, 'bad.zip'), 'nope')
      const bad = run(path.join(dataDir, 'bad.zip'), dataDir)
      expect(bad.status).toBe(1)
      expect(bad.stderr).toMatch(/not a zip/)
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  }, 120_000)
})
