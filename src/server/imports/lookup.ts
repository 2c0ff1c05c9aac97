import type { Db } from '../platform/db/dialect.js'

// The imports domain's reads that other domains may use.

/** How many Q&A imports have finished with a report (the admin's setup checklist: content imported). */
export async function countFinishedQaImports(db: Db): Promise<number> {
  const row = await db
    .selectFrom('qa_import')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('report', 'is not', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
