// Reads a Slack workspace export zip: the member and conversation lists and every conversation's day files.
// The archive goes through platform's safe-zip checks (no `..`, no absolute paths, no zip bombs) first.
import { openZip, PackageError, type OpenZip, type ZipFileEntry } from '../platform/zip.js'
import type { ConversationKind, SlackConversation, SlackExport, SlackMessage, SlackUser } from './slack-events.js'

/** The largest single JSON file read; a day of one channel is far smaller. */
const MAX_JSON_BYTES = 64 * 1024 * 1024
const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/

const LISTS: [string, ConversationKind][] = [
  ['channels.json', 'channel'],
  ['groups.json', 'group'],
  ['dms.json', 'dm'],
  ['mpims.json', 'mpim'],
]

interface RawConversation {
  id?: unknown
  name?: unknown
  members?: unknown
}

async function readJson(zip: OpenZip, file: ZipFileEntry): Promise<unknown> {
  const text = await zip.readText(file, MAX_JSON_BYTES)
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown
  } catch {
    throw new PackageError('bad_json', `${file.path} is not valid JSON; nothing was imported`)
  }
}

async function readArray(zip: OpenZip, file: ZipFileEntry): Promise<unknown[]> {
  const value = await readJson(zip, file)
  if (!Array.isArray(value)) throw new PackageError('bad_json', `${file.path} should hold a JSON array; nothing was imported`)
  return value as unknown[]
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

/** A member with the fields the import reads, or undefined without an id. */
function toUser(u: Record<string, unknown>): SlackUser | undefined {
  const id = str(u.id)
  if (!id) return undefined
  const p = isObject(u.profile) ? u.profile : {}
  return {
    id,
    name: str(u.name),
    real_name: str(u.real_name),
    team_id: str(u.team_id),
    is_bot: u.is_bot === true,
    is_app_user: u.is_app_user === true,
    profile: { email: str(p.email), real_name: str(p.real_name), display_name: str(p.display_name), bot_id: str(p.bot_id) },
  }
}

/** Keeps the fields the import reads, each of the type it expects (a hand-edited export may hold anything). */
function toMessage(m: Record<string, unknown>): SlackMessage {
  const reactions = Array.isArray(m.reactions)
    ? m.reactions.filter(isObject).map((r) => ({
        name: str(r.name),
        users: Array.isArray(r.users) ? r.users.filter((u): u is string => typeof u === 'string') : [],
      }))
    : undefined
  return {
    subtype: str(m.subtype),
    ts: str(m.ts),
    user: str(m.user),
    bot_id: str(m.bot_id),
    text: str(m.text),
    thread_ts: str(m.thread_ts),
    reactions,
  }
}

/**
 * Reads an export from a zip on disk. Throws PackageError (a message an admin can act on) when the file is not a
 * safe zip, has no users.json / org_users.json, or holds JSON of the wrong shape. `progress` hears of each
 * conversation read.
 */
export async function readSlackExport(file: string, progress?: (done: number, total: number) => Promise<void>): Promise<SlackExport> {
  const zip = await openZip(file)
  try {
    // An export re-zipped from its folder has every path under one directory: that directory is the root.
    const usersFile = zip.files.find((f) => /(^|\/)(org_)?users\.json$/.test(f.path))
    if (!usersFile) throw new PackageError('not_slack_export', 'the zip has no users.json (or org_users.json): is it a Slack export?')
    const root = usersFile.path.slice(0, usersFile.path.lastIndexOf('/') + 1)
    const at = (name: string) => zip.files.find((f) => f.path === root + name)
    const userFile = at('org_users.json') ?? at('users.json') ?? usersFile
    const users = (await readArray(zip, userFile))
      .filter(isObject)
      .map(toUser)
      .filter((u): u is SlackUser => u !== undefined)

    const byFolder = new Map<string, { id: string; name: string | null; kind: ConversationKind; members: string[] }>()
    for (const [list, kind] of LISTS) {
      const f = at(list)
      if (!f) continue
      for (const raw of (await readArray(zip, f)).filter(isObject) as RawConversation[]) {
        const id = str(raw.id)
        if (!id) continue
        const name = str(raw.name) ?? null
        const members = Array.isArray(raw.members) ? raw.members.filter((m): m is string => typeof m === 'string') : []
        // Channels and groups are exported in folders named after them; DMs in folders named by their id.
        byFolder.set(kind === 'dm' || !name ? id : name, { id, name: kind === 'dm' ? null : name, kind, members })
      }
    }
    if (byFolder.size === 0) throw new PackageError('not_slack_export', 'the zip has no channels.json, groups.json, dms.json or mpims.json')

    const days = new Map<string, ZipFileEntry[]>()
    for (const f of zip.files) {
      if (!f.path.startsWith(root)) continue
      const parts = f.path.slice(root.length).split('/')
      if (parts.length !== 2 || !DAY_FILE.test(parts[1] as string)) continue
      const folder = parts[0] as string
      if (!byFolder.has(folder)) continue
      days.set(folder, [...(days.get(folder) ?? []), f])
    }
    const conversations: SlackConversation[] = []
    let done = 0
    for (const [folder, c] of byFolder) {
      const files = (days.get(folder) ?? []).sort((a, b) => a.path.localeCompare(b.path))
      const messages: SlackMessage[] = []
      for (const f of files) for (const m of await readArray(zip, f)) if (isObject(m)) messages.push(toMessage(m))
      conversations.push({ ...c, messages })
      await progress?.(++done, byFolder.size)
    }
    return { users, conversations }
  } finally {
    zip.close()
  }
}
