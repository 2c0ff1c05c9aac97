import { Type, type Static } from '@sinclair/typebox'
import { PersonSummary } from '../../shared/schemas.js'
import type { Db, DialectAdapter } from '../platform/db/dialect.js'
import type { App } from '../platform/fastify-types.js'
import { findActiveHandles } from './mention-store.js'
import { searchDirectory } from './directory.js'

// @mention autocomplete: the directory's search, with each person's handle (the local part of their email,
// which is what knowledge/markdown.ts findMentions reads in a post).

export const MentionQuery = Type.Object({ q: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false })
export const MentionCandidates = Type.Object({
  items: Type.Array(Type.Object({ person: PersonSummary, handle: Type.String() })),
})
export type MentionCandidates = Static<typeof MentionCandidates>

/** Active people matching `q` in the directory, with the handle that mentions them; at most eight. */
export async function findMentionCandidates(db: Db, dialect: DialectAdapter, q: string): Promise<MentionCandidates> {
  const page = await searchDirectory(db, dialect, { q, limit: 8 })
  if (page.items.length === 0) return { items: [] }
  const handles = await findActiveHandles(
    db,
    page.items.map((p) => p.id),
  )
  return {
    items: page.items.flatMap((person) => {
      const handle = handles.get(person.id)
      return handle ? [{ person, handle }] : []
    }),
  }
}

/** GET /api/people/mentions: whom "@…" may mention, for the editors' autocomplete. */
export function mentionRoutes(app: App): void {
  app.get(
    '/api/people/mentions',
    {
      config: { access: 'member' },
      schema: {
        tags: ['people'],
        summary: 'People to @mention: directory matches with their handles',
        querystring: MentionQuery,
        response: { 200: MentionCandidates },
      },
    },
    async (req) => findMentionCandidates(app.db, app.dialect, req.query.q),
  )
}
