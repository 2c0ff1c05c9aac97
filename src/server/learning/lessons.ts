import type { Lesson, LessonProgress, NewLesson } from '../../shared/learning.js'
import { canRead, communityRefBySlug, getCommunityRefs } from '../communities/lookup.js'
import { renderMarkdown } from '../knowledge/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Clock } from '../platform/clock.js'
import { clockIso } from '../platform/clock.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError, ForbiddenError, NotFoundError } from '../platform/errors.js'
import { newId } from '../platform/time.js'
import { findPages, findProgress, progressOf, replacePages, upsertProgress } from './lessons-store.js'
import type { LearningModuleTable, LessonPageTable, LessonProgressTable } from './rows.js'
import { visibleModule } from './service.js'
import { insertModule } from './store.js'

// Markdown lessons: a module of kind 'lesson' whose pages are Markdown, rendered once when written. A learner's
// progress is the set of pages read and the page to reopen; the lesson is complete when every page is read.

/** Media files a lesson may embed: `media/<name>` in its Markdown. */
export const LESSON_MEDIA_NAME = /^[a-z0-9][a-z0-9_-]{0,80}\.(png|jpe?g|gif|webp|svg|mp3|ogg|wav|mp4|webm)$/

/**
 * A page's HTML: the Markdown as knowledge renders it (no raw HTML, safe links), with `media/<name>` pointing
 * at the lesson's own media, and an embedded audio or video file played by the browser's player.
 */
export function renderLessonPage(moduleId: string, body: string): string {
  const base = `/api/learning/lessons/${moduleId}/media/`
  const html = renderMarkdown(body).replace(/(src|href)="media\/([^"]*)"/g, (_m, attr: string, name: string) =>
    LESSON_MEDIA_NAME.test(name) ? `${attr}="${base}${name}"` : `${attr}="#"`,
  )
  // Only our own media paths (checked above) become players; the alt text is already escaped by markdown-it.
  return html.replace(/<img src="([^"]+\.(mp4|webm|mp3|ogg|wav))" alt="([^"]*)">/g, (_m, src: string, ext: string, alt: string) =>
    src.startsWith(base)
      ? `<${/mp4|webm/.test(ext) ? 'video' : 'audio'} controls preload="metadata" src="${src}" aria-label="${alt}"></${/mp4|webm/.test(ext) ? 'video' : 'audio'}>`
      : `<a href="${src}">${alt}</a>`,
  )
}

const mayEdit = (viewer: Viewer, row: LearningModuleTable) => viewer.isAdmin || row.created_by === viewer.id

/** A lesson the viewer may see (404 for other modules and for lessons of communities they cannot read). */
async function visibleLesson(db: Db, viewer: Viewer, id: string): Promise<LearningModuleTable> {
  const row = await visibleModule(db, viewer, id)
  if (row.kind !== 'lesson') throw new NotFoundError('lesson_not_found', `no lesson ${id}`)
  return row
}

/** A lesson the viewer may change: its author or an admin. */
export async function editableLesson(db: Db, viewer: Viewer, id: string): Promise<LearningModuleTable> {
  const row = await visibleLesson(db, viewer, id)
  if (!mayEdit(viewer, row)) throw new ForbiddenError('not_author', 'only the lesson’s author or an admin may change it')
  return row
}

function toPages(moduleId: string, pages: NewLesson['pages']): LessonPageTable[] {
  return pages.map((p, position) => ({
    module_id: moduleId,
    position,
    title: p.title.trim(),
    body: p.body,
    html: renderLessonPage(moduleId, p.body),
  }))
}

async function communityIdOf(db: Db, viewer: Viewer, slug: string | undefined): Promise<string | null> {
  if (!slug) return null
  const c = await communityRefBySlug(db, slug)
  if (!c || (!viewer.isAdmin && !(await canRead(db, viewer.id, c.id))))
    throw new BadRequestError('unknown_community', `no community ${slug}`)
  return c.id
}

function toProgress(row: LessonProgressTable | undefined): LessonProgress {
  return row
    ? { done: JSON.parse(row.done) as number[], position: row.position, completedAt: row.completed_at }
    : { done: [], position: 0, completedAt: null }
}

/** Writes a new lesson (learning staff: managers and admins). */
export async function createLesson(db: Db, clock: Clock, viewer: Viewer, body: NewLesson): Promise<Lesson> {
  const id = newId()
  const now = clockIso(clock)
  const row: LearningModuleTable = {
    id,
    kind: 'lesson',
    title: body.title.trim(),
    description: body.description?.trim() ?? '',
    community_id: await communityIdOf(db, viewer, body.community),
    scorm_version: null,
    schema_version: null,
    identifier: null,
    launch: null,
    file_count: body.pages.length,
    bytes: 0,
    created_by: viewer.id,
    created_at: now,
    updated_at: now,
  }
  await db.transaction().execute(async (tx) => {
    await insertModule(tx, row, [])
    await replacePages(tx, id, toPages(id, body.pages))
  })
  return getLesson(db, viewer, id)
}

/**
 * Rewrites a lesson (its author or an admin). Learners keep the pages they read that still exist; a learner
 * who had finished stays finished.
 */
export async function updateLesson(db: Db, clock: Clock, viewer: Viewer, id: string, body: NewLesson): Promise<Lesson> {
  await editableLesson(db, viewer, id)
  const communityId = await communityIdOf(db, viewer, body.community)
  const now = clockIso(clock)
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('learning_module')
      .set({
        title: body.title.trim(),
        description: body.description?.trim() ?? '',
        community_id: communityId,
        file_count: body.pages.length,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute()
    await replacePages(tx, id, toPages(id, body.pages))
    for (const p of await progressOf(tx, id)) {
      const done = (JSON.parse(p.done) as number[]).filter((n) => n < body.pages.length)
      await upsertProgress(tx, { ...p, done: JSON.stringify(done), position: Math.min(p.position, body.pages.length - 1), updated_at: now })
    }
  })
  return getLesson(db, viewer, id)
}

/** A lesson with its pages and the viewer's progress. */
export async function getLesson(db: Db, viewer: Viewer, id: string): Promise<Lesson> {
  const row = await visibleLesson(db, viewer, id)
  const [pages, progress, communities] = await Promise.all([
    findPages(db, id),
    findProgress(db, id, viewer.id),
    getCommunityRefs(db, row.community_id ? [row.community_id] : []),
  ])
  const community = row.community_id ? communities.get(row.community_id) : undefined
  return {
    id,
    title: row.title,
    description: row.description,
    community: community ? { slug: community.slug, name: community.name } : null,
    canEdit: mayEdit(viewer, row),
    pages: pages.map((p) => ({ position: p.position, title: p.title, body: mayEdit(viewer, row) ? p.body : '', html: p.html })),
    progress: toProgress(progress),
  }
}

/** Records the page the viewer has open and a page they read; reading the last unread page completes the lesson. */
export async function saveProgress(
  db: Db,
  clock: Clock,
  viewer: Viewer,
  id: string,
  input: { position: number; read?: number },
): Promise<LessonProgress> {
  const row = await visibleLesson(db, viewer, id)
  if (Math.max(input.position, input.read ?? 0) >= row.file_count)
    throw new BadRequestError('no_such_page', `this lesson has ${row.file_count} pages`)
  const current = await findProgress(db, id, viewer.id)
  const done = new Set(toProgress(current).done)
  if (input.read !== undefined) done.add(input.read)
  const now = clockIso(clock)
  await upsertProgress(db, {
    module_id: id,
    person_id: viewer.id,
    done: JSON.stringify([...done].sort((a, b) => a - b)),
    position: input.position,
    started_at: current?.started_at ?? now,
    updated_at: now,
    completed_at: done.size >= row.file_count ? now : null,
  })
  return toProgress(await findProgress(db, id, viewer.id))
}
