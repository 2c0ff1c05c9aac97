// Learning's tables: the catalogue of modules, their launchable items, and SCORM tracking data. Row types as
// Kysely sees them: timestamps are ISO-8601 UTC strings and flags 0/1 integers on both dialects.

export interface LearningModuleTable {
  id: string
  /**
   * 'scorm': an imported package whose files are in storage under `scorm/<id>/`. 'lesson': pages of Markdown
   * (lesson_page), its media in storage under `lessons/<id>/`. 'simulation': a branching scenario
   * (simulation-rows.ts).
   */
  kind: 'scorm' | 'lesson' | 'simulation'
  title: string
  description: string
  community_id: string | null
  scorm_version: '1.2' | '2004' | null
  schema_version: string | null
  identifier: string | null
  launch: string | null
  file_count: number
  bytes: number
  created_by: string | null
  created_at: string
  updated_at: string
}

export interface LearningItemTable {
  module_id: string
  position: number
  identifier: string
  title: string
  href: string
  sco: number
}

export interface ScormAttemptTable {
  module_id: string
  position: number
  person_id: string
  status: string
  score: number | null
  suspend_data: string
  location: string
  cmi: string
  started_at: string
  updated_at: string
  completed_at: string | null
}

export interface LearningSessionTable {
  id: string
  title: string
  description: string
  community_id: string | null
  facilitator_id: string
  starts_at: string
  ends_at: string
  location: string
  capacity: number
  status: 'scheduled' | 'cancelled'
  /** The SEQUENCE of the session's calendar invite. */
  sequence: number
  created_by: string | null
  created_at: string
  updated_at: string
}

export interface SessionEnrolmentTable {
  session_id: string
  person_id: string
  /** enrolled: has a seat; waitlisted: waits in order of created_at; cancelled: withdrew. */
  status: 'enrolled' | 'waitlisted' | 'cancelled'
  /** Order of arrival within the session; a person who comes back goes to the back. */
  seq: number
  attended: number | null
  rating: number | null
  feedback: string | null
  created_at: string
  updated_at: string
}

export interface LessonPageTable {
  module_id: string
  position: number
  title: string
  /** The author's Markdown. */
  body: string
  /** Its HTML, rendered when written. */
  html: string
}

export interface LessonProgressTable {
  module_id: string
  person_id: string
  /** Positions of the pages read: a JSON array of integers. */
  done: string
  /** The page to reopen. */
  position: number
  started_at: string
  updated_at: string
  completed_at: string | null
}

export interface LearningAssignmentTable {
  id: string
  module_id: string
  person_id: string
  /** Who asked (null once they are erased). */
  assigned_by: string | null
  due_at: string | null
  note: string
  created_at: string
  updated_at: string
}

// The domain's tables join the one Tables interface Kysely needs (declaration merging), so platform names
// no domain.
declare module '../platform/db/tables.js' {
  interface Tables {
    learning_module: LearningModuleTable
    learning_item: LearningItemTable
    scorm_attempt: ScormAttemptTable
    learning_session: LearningSessionTable
    session_enrolment: SessionEnrolmentTable
    lesson_page: LessonPageTable
    lesson_progress: LessonProgressTable
    learning_assignment: LearningAssignmentTable
  }
}
