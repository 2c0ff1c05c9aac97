import type { Kysely } from 'kysely'

// Frozen in time. Routing people can trust:
// 1. Each offer says which slot it filled: 'expert' (the person has evidence for the question) or 'explore'
//    (someone new to the topic, offered on purpose and labelled so). Offers made before are 'expert'.
// 2. A community's routing settings: whether a round may hold one explore slot ('on', 'off'; no row means the
//    default, which keeps it off for a new community's first questions).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('route_offer')
    .addColumn('slot', 'text', (c) => c.notNull().defaultTo('expert'))
    .execute()
  await db.schema
    .createTable('community_routing')
    .addColumn('community_id', 'text', (c) => c.primaryKey())
    .addColumn('explore', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  // Recent "not my area" declines are read by person and time on every round.
  await db.schema.createIndex('route_offer_declines_idx').on('route_offer').columns(['status', 'responded_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('route_offer_declines_idx').execute()
  await db.schema.dropTable('community_routing').execute()
  await db.schema.alterTable('route_offer').dropColumn('slot').execute()
}
