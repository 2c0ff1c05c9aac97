// Turns a Slack workspace export (already read from its zip) into who-helped-whom events. Pure: no I/O.
// Message text is read only to find mentions (`<@U123>`) and is never kept; file names and titles are not read.

/** A member as users.json (or org_users.json on Enterprise Grid) describes them. */
export interface SlackUser {
  id: string
  name?: string
  real_name?: string
  team_id?: string
  deleted?: boolean
  is_bot?: boolean
  is_app_user?: boolean
  profile?: { email?: string; real_name?: string; display_name?: string; bot_id?: string }
}

/** A message of a conversation's `YYYY-MM-DD.json` array; only the fields the import reads. */
export interface SlackMessage {
  type?: string
  subtype?: string
  ts?: string
  user?: string
  bot_id?: string
  text?: string
  thread_ts?: string
  reactions?: { name?: string; count?: number; users?: string[] }[]
  files?: unknown[]
}

export type ConversationKind = 'channel' | 'group' | 'dm' | 'mpim'

/** A conversation (channel, private group, DM or group DM) with its messages from every day file. */
export interface SlackConversation {
  id: string
  /** The name it is shown under (a channel's name); DMs have none. */
  name: string | null
  kind: ConversationKind
  members: string[]
  messages: SlackMessage[]
}

export interface SlackExport {
  users: SlackUser[]
  conversations: SlackConversation[]
}

/** An outside account the events name. */
export interface SlackAccount {
  id: string
  name: string
  email?: string
}

/** One interaction between two Slack members, keyed by its source event. */
export interface SlackEvent {
  actor: string
  target: string
  kind: 'reply' | 'mention' | 'reaction' | 'direct'
  topic: string | null
  at: string
  weight: number
  /** Unique per source event within the workspace. */
  key: string
}

export interface SlackEvents {
  workspace: string
  accounts: SlackAccount[]
  events: SlackEvent[]
  channels: number
  messages: number
  replies: number
  reactions: number
}

/** How much each kind of event counts as a tie: a reply is real help, a reaction a light touch. */
const WEIGHT = { reply: 1, mention: 0.5, reaction: 0.3, direct: 0.5 } as const

/**
 * Subtypes that are the workspace talking about itself (joins, renames, pins), not a person addressing others:
 * neither a message nor an interaction.
 */
const SYSTEM_SUBTYPES = new Set([
  'channel_join',
  'channel_leave',
  'channel_topic',
  'channel_purpose',
  'channel_name',
  'channel_archive',
  'channel_unarchive',
  'group_join',
  'group_leave',
  'group_topic',
  'group_purpose',
  'group_name',
  'group_archive',
  'group_unarchive',
  'pinned_item',
  'unpinned_item',
  'reminder_add',
  'sh_room_created',
  'huddle_thread',
  'channel_convert_to_private',
  'message_changed',
  'message_deleted',
])

const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g

/** Slack's `ts` ("1700000000.000200") as an ISO time, or undefined when it is not one. */
export function slackTime(ts: string | undefined): string | undefined {
  if (!ts || !/^\d{9,11}(\.\d{1,6})?$/.test(ts)) return undefined
  return new Date(Math.round(Number(ts) * 1000)).toISOString()
}

/** Whether a member is a bot or an app: bots are not people, so they make no ties. */
export function isBot(u: SlackUser): boolean {
  return u.is_bot === true || u.is_app_user === true || u.id === 'USLACKBOT' || Boolean(u.profile?.bot_id)
}

/** The workspace an export came from: the team of most of its members (an Enterprise Grid org may have several). */
function workspaceOf(users: SlackUser[]): string {
  const teams = new Map<string, number>()
  for (const u of users) if (u.team_id) teams.set(u.team_id, (teams.get(u.team_id) ?? 0) + 1)
  return [...teams].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? 'workspace'
}

/**
 * The events of an export. Deliberate choices, by subtype:
 * - no subtype, `thread_broadcast`, `file_share`, `me_message`: a person's message. A reply in a thread (its
 *   `thread_ts` is not its own `ts`) ties its author to the thread's author; a broadcast reply is the same reply
 *   shown in the channel too, so it counts once, as a reply.
 * - `bot_message` and any message from a bot: bots are not people; their messages count for nothing, and
 *   reactions or replies to them make no tie.
 * - `tombstone`: a deleted thread parent. Its replies stay replies, but with no author to credit they make no
 *   tie between the repliers and a "deleted" nobody.
 * - the joins, leaves, topics, pins and edits of SYSTEM_SUBTYPES: not messages, no ties.
 * - in a DM or group DM, a message with no thread is addressed to the others there (`direct`), shared out by
 *   their number; in a channel it is addressed to no one.
 * Mentions (`<@U…>`) and reactions (every listed reacting member) tie their author to the one named.
 */
export function slackEvents(data: SlackExport): SlackEvents {
  const workspace = workspaceOf(data.users)
  const people = new Map<string, SlackUser>()
  for (const u of data.users) if (u.id && !isBot(u)) people.set(u.id, u)
  const human = (id: string | undefined): id is string => id !== undefined && people.has(id)
  const events: SlackEvent[] = []
  const named = new Set<string>()
  const add = (e: SlackEvent) => {
    if (e.actor === e.target) return
    named.add(e.actor).add(e.target)
    events.push(e)
  }
  let channels = 0
  let messages = 0
  let replies = 0
  let reactions = 0
  for (const c of data.conversations) {
    channels++
    const topic = c.kind === 'channel' || c.kind === 'group' ? c.name : null
    const authors = new Map<string, string | undefined>()
    for (const m of c.messages) if (m.ts) authors.set(m.ts, m.subtype === 'tombstone' || m.subtype === 'bot_message' ? undefined : m.user)
    const members = c.members.filter(human)
    for (const m of c.messages) {
      const at = slackTime(m.ts)
      if (!at || !m.ts) continue
      if (m.subtype && (SYSTEM_SUBTYPES.has(m.subtype) || m.subtype === 'tombstone' || m.subtype === 'bot_message')) continue
      if (m.bot_id && !human(m.user)) continue
      if (!human(m.user)) continue
      messages++
      const author = m.user
      const base = (kind: SlackEvent['kind'], target: string, extra = '') => ({
        actor: author,
        target,
        kind,
        topic,
        at,
        weight: WEIGHT[kind],
        key: `${workspace}:${c.id}:${m.ts}:${kind}:${target}${extra}`,
      })
      const isReply = m.thread_ts !== undefined && m.thread_ts !== m.ts
      if (isReply) {
        replies++
        const parent = authors.get(m.thread_ts as string)
        if (human(parent)) add(base('reply', parent))
      } else if (c.kind === 'dm' || c.kind === 'mpim') {
        const others = members.filter((p) => p !== author)
        for (const p of others) add({ ...base('direct', p), weight: WEIGHT.direct / others.length })
      }
      const mentioned = new Set([...(m.text ?? '').matchAll(MENTION)].map((x) => x[1] as string))
      for (const p of mentioned) if (human(p)) add(base('mention', p))
      for (const r of m.reactions ?? []) {
        for (const u of r.users ?? []) {
          if (!human(u)) continue
          reactions++
          add({
            ...base('reaction', author, `:${r.name ?? ''}`),
            actor: u,
            key: `${workspace}:${c.id}:${m.ts}:reaction:${u}:${r.name ?? ''}`,
          })
        }
      }
    }
  }
  const accounts = [...named].map((id) => {
    const u = people.get(id) as SlackUser
    const name = u.profile?.real_name || u.real_name || u.profile?.display_name || u.name || id
    return { id, name, email: u.profile?.email || undefined }
  })
  return { workspace, accounts, events, channels, messages, replies, reactions }
}
