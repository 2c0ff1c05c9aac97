// A realistic Slack workspace export, generated from a seed, for tests (no real export may be committed). It
// has every file kind an export can hold (users.json or org_users.json, channels.json, groups.json, dms.json,
// mpims.json, a folder of YYYY-MM-DD.json per conversation) and the subtypes the import must handle
// (channel_join, bot_message, thread_broadcast, tombstone, file_share, me_message), with threads, mentions,
// reactions and files. Two teams talk mostly among themselves, so discovery finds them.

export interface SlackFixtureOptions {
  seed?: number
  /** Enterprise Grid: org_users.json instead of users.json. */
  grid?: boolean
  /** Time of the first message (Unix seconds). */
  start?: number
  days?: number
}

const BACKEND = ['ana', 'ben', 'cai', 'dev', 'eli', 'fay']
const DESIGN = ['gus', 'hal', 'ivy', 'jon', 'kim', 'lea']
/** The members' addresses: tests give people these, so the import matches them. */
export const FIXTURE_EMAILS = Object.fromEntries([...BACKEND, ...DESIGN].map((n) => [n, `${n}@acme.example`]))
export const TEAM = 'T0ACME01'
const uid = (name: string) => `U${name.toUpperCase()}0001`

function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The export's files, by path, as JSON text. */
export function buildSlackExport(options: SlackFixtureOptions = {}): Map<string, string> {
  const random = rng(options.seed ?? 12)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T
  const start = options.start ?? Date.UTC(2026, 9, 1, 8) / 1000
  const days = options.days ?? 6
  const person = (name: string, email: string | undefined) => ({
    id: uid(name),
    team_id: TEAM,
    name,
    real_name: `${name[0]?.toUpperCase()}${name.slice(1)} Example`,
    deleted: false,
    is_bot: false,
    is_app_user: false,
    profile: { real_name: `${name[0]?.toUpperCase()}${name.slice(1)} Example`, display_name: name, ...(email ? { email } : {}) },
  })
  const users = [
    ...[...BACKEND, ...DESIGN].map((n) => person(n, FIXTURE_EMAILS[n])),
    person('mo', undefined), // no email: a placeholder
    person('nia', 'nia@contractor.example'), // an address nobody here has: a placeholder too
    { id: 'UDEPLOYBOT1', team_id: TEAM, name: 'deploybot', is_bot: true, profile: { bot_id: 'BDEPLOY01', real_name: 'deploybot' } },
    { id: 'USLACKBOT', team_id: TEAM, name: 'slackbot', is_bot: false, profile: { real_name: 'Slackbot' } },
  ]
  const all = [...BACKEND, ...DESIGN, 'mo', 'nia'].map(uid)
  const channels = [
    { id: 'C0GENERAL1', name: 'general', members: all, team: BACKEND.concat(DESIGN, ['mo', 'nia']) },
    { id: 'C0BACKEND1', name: 'backend', members: [...BACKEND, 'mo'].map(uid), team: [...BACKEND, 'mo'] },
    { id: 'C0DESIGN01', name: 'design', members: [...DESIGN, 'nia'].map(uid), team: [...DESIGN, 'nia'] },
  ]
  const groups = [{ id: 'G0LEADS001', name: 'leads', members: ['ana', 'gus', 'hal'].map(uid), team: ['ana', 'gus', 'hal'] }]
  const dms = [{ id: 'D0ANABEN01', members: ['ana', 'ben'].map(uid), team: ['ana', 'ben'] }]
  const mpims = [{ id: 'G0MPDM0001', name: 'mpdm-ivy--jon--kim-1', members: ['ivy', 'jon', 'kim'].map(uid), team: ['ivy', 'jon', 'kim'] }]
  const files = new Map<string, string>()
  const meta = (list: { id: string; name?: string; members: string[] }[], extra: object = {}) =>
    JSON.stringify(
      list.map((c) => ({ id: c.id, ...(c.name ? { name: c.name } : {}), created: start - 86400, members: c.members, ...extra })),
      null,
      2,
    )
  files.set(options.grid ? 'org_users.json' : 'users.json', JSON.stringify(users, null, 2))
  files.set('channels.json', meta(channels, { is_archived: false, topic: { value: '' } }))
  files.set('groups.json', meta(groups))
  files.set('dms.json', meta(dms))
  files.set('mpims.json', meta(mpims))

  const conversations = [...channels.map((c) => ({ ...c, folder: c.name })), ...groups.map((c) => ({ ...c, folder: c.name }))]
  conversations.push(...dms.map((c) => ({ ...c, name: c.id, folder: c.id })), ...mpims.map((c) => ({ ...c, folder: c.name })))
  let tick = 0
  const ts = (day: number) => `${start + day * 86400 + ++tick * 37}.${String(100 + (tick % 900)).padStart(6, '0')}`
  for (const c of conversations) {
    for (let day = 0; day < days; day++) {
      const messages: Record<string, unknown>[] = []
      if (day === 0 && c.folder === 'backend')
        messages.push({ type: 'message', subtype: 'channel_join', ts: ts(day), user: uid('mo'), text: '<@UMO0001> has joined the channel' })
      for (let k = 0; k < 3; k++) {
        const author = pick(c.team)
        const parent: Record<string, unknown> = {
          type: 'message',
          ts: ts(day),
          user: uid(author),
          text: `Question ${k} for <@${uid(pick(c.team))}>`,
          client_msg_id: `m-${tick}`,
        }
        if (k === 1)
          Object.assign(parent, { subtype: 'file_share', files: [{ id: `F${tick}`, name: 'notes.txt', mimetype: 'text/plain' }] })
        const replies = c.team.length > 1 ? 1 + Math.floor(random() * 3) : 0
        if (replies) Object.assign(parent, { thread_ts: parent.ts, reply_count: replies })
        const fans = c.team.filter((p) => p !== author && random() < 0.5)
        if (fans.length) parent.reactions = [{ name: pick(['+1', 'tada', 'eyes']), count: fans.length, users: fans.map(uid) }]
        messages.push(parent)
        for (let r = 0; r < replies; r++) {
          const replier = pick(c.team.filter((p) => p !== author))
          const reply: Record<string, unknown> = {
            type: 'message',
            ts: ts(day),
            user: uid(replier),
            text: 'Here is how we do it',
            thread_ts: parent.ts,
            parent_user_id: uid(author),
          }
          if (r === 1 && day === 1) reply.subtype = 'thread_broadcast'
          messages.push(reply)
        }
      }
      if (day === 2 && c.folder === 'backend') {
        messages.push({
          type: 'message',
          subtype: 'bot_message',
          ts: ts(day),
          bot_id: 'BDEPLOY01',
          username: 'deploybot',
          text: 'Deployed <@UANA0001>',
        })
        const gone = ts(day)
        messages.push({
          type: 'message',
          subtype: 'tombstone',
          ts: gone,
          user: 'USLACKBOT',
          text: 'This message was deleted.',
          thread_ts: gone,
          reply_count: 1,
        })
        messages.push({ type: 'message', ts: ts(day), user: uid('ben'), text: 'Replying to a deleted message', thread_ts: gone })
        messages.push({ type: 'message', subtype: 'me_message', ts: ts(day), user: uid('cai'), text: 'is reviewing <@UDEV0001>' })
      }
      files.set(`${c.folder}/${new Date((start + day * 86400) * 1000).toISOString().slice(0, 10)}.json`, JSON.stringify(messages, null, 2))
    }
  }
  return files
}

export { zipFiles } from './zip.js'
