// Imports' tables: Q&A imports, collaboration metadata imports and the outside accounts they met. Row types as Kysely sees them: timestamps are ISO-8601 UTC strings and flags 0/1
// integers on both dialects.

export interface QaImportTable {
  id: string
  community_id: string
  created_by: string
  job_id: string
  site: string
  upload_key: string
  report: string | null
  created_at: string
}

// The domain's tables join the one Tables interface Kysely needs (declaration merging), so platform names
// no domain.
/** An import of collaboration metadata (a Slack export, an email metadata or generic CSV): a job and its report. */
export interface CollabImportTable {
  id: string
  kind: 'slack' | 'email' | 'csv'
  created_by: string
  job_id: string
  /** The uploaded file's name, as the admin sees it. */
  label: string
  upload_key: string
  /** JSON column mapping of a CSV import; null for Slack. */
  mapping: string | null
  report: string | null
  created_at: string
}

/** An outside account (`slack:T1:U1`, `email:a@b.c`), the placeholder made for it, and who it turned out to be. */
export interface CollabIdentityTable {
  claim_key: string
  source: string
  placeholder_id: string
  name: string
  /** The real person an admin said this placeholder is; null until then. */
  person_id: string | null
  linked_by: string | null
  linked_at: string | null
  created_at: string
}

declare module '../platform/db/tables.js' {
  interface Tables {
    qa_import: QaImportTable
    collab_import: CollabImportTable
    collab_identity: CollabIdentityTable
  }
}
