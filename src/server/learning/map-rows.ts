// Learning maps' tables (migration 0038), as Kysely sees them: timestamps are ISO-8601 UTC strings.

export interface LearningMapNodeTable {
  id: string
  community_id: string
  title: string
  description: string
  /** Tags in the stored form of src/shared/tags.ts. */
  tags: string
  created_by: string | null
  created_at: string
  updated_at: string
}

/** node_id builds on prerequisite_id. */
export interface LearningMapEdgeTable {
  prerequisite_id: string
  node_id: string
  community_id: string
  created_at: string
}

export interface LearningMapResourceTable {
  node_id: string
  kind: 'module' | 'quiz' | 'session'
  ref_id: string
  community_id: string
  created_at: string
}

export interface LearningMapGoalTable {
  person_id: string
  community_id: string
  node_id: string
  updated_at: string
}

declare module '../platform/db/tables.js' {
  interface Tables {
    learning_map_node: LearningMapNodeTable
    learning_map_edge: LearningMapEdgeTable
    learning_map_resource: LearningMapResourceTable
    learning_map_goal: LearningMapGoalTable
  }
}
