import type { Db } from './db/dialect.js'

/**
 * One domain's share of what Wellspring holds about a person. Data export and erasure (people/privacy.ts) walk
 * every part, so a domain that stores something about people adds a part rather than teaching the people
 * domain its tables.
 */
export interface PersonalDataPart {
  /** Key of this part in the export document. */
  name: string
  /** The person's data, as JSON-ready values. */
  export(db: Db, personId: string): Promise<Record<string, unknown>>
  /**
   * Removes what is only about the person, inside the erasure's transaction. Content they wrote for others stays
   * (DESIGN.md: it shows "Former member" as its author).
   */
  erase(tx: Db, personId: string): Promise<void>
}

/** Parses a JSON column for the export. */
export const parsed = (text: string): unknown => JSON.parse(text) as unknown
