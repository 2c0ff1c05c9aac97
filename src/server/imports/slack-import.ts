import type { Db } from '../platform/db/dialect.js'
import { writeCollabEvents, type CollabWriteResult } from './collab-write.js'
import { slackEvents } from './slack-events.js'
import { readSlackExport } from './slack-export.js'

/** What a Slack import did: the export's counts and what the interaction log gained. */
export interface SlackImportReport extends CollabWriteResult {
  workspace: string
  channels: number
  messages: number
  replies: number
  reactions: number
}

/**
 * Imports a Slack workspace export zip into the interaction log (source `slack`, the channel as topic). Members
 * are matched to people by email; the others become placeholders an admin can link later. Idempotent: each
 * reply, mention and reaction is keyed by its conversation, message `ts` and the people in it.
 */
export async function importSlackExport(
  db: Db,
  file: string,
  progress: (done: number, total: number, label: string) => Promise<void> = async () => undefined,
): Promise<SlackImportReport> {
  await progress(0, 3, 'Reading the export')
  const data = await readSlackExport(file, (done, total) => progress(0, 3, `Reading the export: conversation ${done} of ${total}`))
  await progress(1, 3, 'Matching people')
  const found = slackEvents(data)
  const claim = (id: string) => `slack:${found.workspace}:${id}`
  const result = await writeCollabEvents(
    db,
    'slack',
    found.accounts.map((a) => ({ claimKey: claim(a.id), name: a.name, email: a.email })),
    found.events.map((e) => ({
      actor: claim(e.actor),
      target: claim(e.target),
      kind: e.kind,
      topics: e.topic ? [e.topic] : [],
      at: e.at,
      weight: e.weight,
      ref: e.key,
    })),
    (done, total) => progress(2, 3, `Writing the interaction log: ${done} of ${total}`),
  )
  await progress(3, 3, 'Done')
  return {
    workspace: found.workspace,
    channels: found.channels,
    messages: found.messages,
    replies: found.replies,
    reactions: found.reactions,
    ...result,
  }
}
