import type { Kysely } from 'kysely'

// Frozen in time. Connections' lifecycle: a programme ends (ends_at, from its duration) and lunch rounds may form
// groups of 2–6 (group_size); each participant writes one end-of-programme reflection, private to them
// (reflection, reflected_at) after the prompt (prompted_at); an unanswered proposal is reminded once
// (connection_member.reminded_at), and so is an unanswered check-back (connection_meeting.checkback_reminded_at).
// Connections now also tell people in the app, and mail them only when they want mail of the new 'connection'
// kind: people who already have mail choices and get any mail keep getting connections' mail, as before.

const DAY = 86_400_000

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('programme').addColumn('ends_at', 'text').execute()
  await db.schema
    .alterTable('programme')
    .addColumn('group_size', 'integer', (c) => c.notNull().defaultTo(2))
    .execute()
  const programmes = await db.selectFrom('programme').select(['id', 'created_at', 'duration_weeks']).execute()
  for (const p of programmes as { id: string; created_at: string; duration_weeks: number }[])
    await db
      .updateTable('programme')
      .set({ ends_at: new Date(Date.parse(p.created_at) + p.duration_weeks * 7 * DAY).toISOString() })
      .where('id', '=', p.id)
      .execute()
  await db.schema.createIndex('programme_ends_idx').on('programme').columns(['status', 'ends_at']).execute()

  await db.schema.alterTable('programme_participant').addColumn('reflection', 'text').execute()
  await db.schema.alterTable('programme_participant').addColumn('reflected_at', 'text').execute()
  await db.schema.alterTable('programme_participant').addColumn('prompted_at', 'text').execute()
  await db.schema.alterTable('connection_member').addColumn('reminded_at', 'text').execute()
  await db.schema.alterTable('connection_meeting').addColumn('checkback_reminded_at', 'text').execute()

  const prefs = await db.selectFrom('notification_pref').select(['person_id', 'email_kinds']).execute()
  for (const row of prefs as { person_id: string; email_kinds: string }[]) {
    let kinds: unknown
    try {
      kinds = JSON.parse(row.email_kinds)
    } catch {
      continue
    }
    if (!Array.isArray(kinds) || kinds.length === 0 || kinds.includes('connection')) continue
    await db
      .updateTable('notification_pref')
      .set({ email_kinds: JSON.stringify([...(kinds as unknown[]), 'connection']) })
      .where('person_id', '=', row.person_id)
      .execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('programme_ends_idx').execute()
  await db.schema.alterTable('connection_meeting').dropColumn('checkback_reminded_at').execute()
  await db.schema.alterTable('connection_member').dropColumn('reminded_at').execute()
  for (const c of ['prompted_at', 'reflected_at', 'reflection']) await db.schema.alterTable('programme_participant').dropColumn(c).execute()
  await db.schema.alterTable('programme').dropColumn('group_size').execute()
  await db.schema.alterTable('programme').dropColumn('ends_at').execute()
}
