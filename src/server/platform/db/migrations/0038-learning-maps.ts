import type { Kysely } from 'kysely'

// Frozen in time. Learning maps (issue 14): a community's skills and practices as nodes, "builds on" edges
// between them that stewards edit, catalogue items attached to nodes, and each learner's chosen goal per map.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('learning_map_node')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // Tags in the one stored form (src/shared/tags.ts): posts and people on these tags belong to the node.
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  // One node of a name per map: seeding twice, or two stewards at once, cannot double it.
  await db.schema.createIndex('learning_map_node_title_idx').on('learning_map_node').columns(['community_id', 'title']).unique().execute()

  // node_id builds on prerequisite_id.
  await db.schema
    .createTable('learning_map_edge')
    .addColumn('prerequisite_id', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('learning_map_edge_pk', ['prerequisite_id', 'node_id'])
    .execute()
  await db.schema.createIndex('learning_map_edge_community_idx').on('learning_map_edge').columns(['community_id']).execute()

  // A catalogue item attached to a node: kind 'module' (SCORM or lesson), 'quiz' or 'session'.
  await db.schema
    .createTable('learning_map_resource')
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('learning_map_resource_pk', ['node_id', 'kind', 'ref_id'])
    .execute()
  await db.schema.createIndex('learning_map_resource_community_idx').on('learning_map_resource').columns(['community_id']).execute()

  // "Who I want to become" on one community's map.
  await db.schema
    .createTable('learning_map_goal')
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('learning_map_goal_pk', ['person_id', 'community_id'])
    .execute()
  await db.schema.createIndex('learning_map_goal_node_idx').on('learning_map_goal').columns(['node_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['learning_map_goal', 'learning_map_resource', 'learning_map_edge', 'learning_map_node'])
    await db.schema.dropTable(t).ifExists().execute()
}
