// Imports' table: Q&A imports. Row types as Kysely sees them: timestamps are ISO-8601 UTC strings and flags 0/1
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
declare module '../platform/db/tables.js' {
  interface Tables {
    qa_import: QaImportTable
  }
}
