import { Readable } from 'node:stream'
import type { MediaItem } from '../../shared/knowledge.js'
import type { UpdateMedia } from '../../shared/media.js'
import type { ErrorBody } from '../../shared/schemas.js'
import { roleIn } from '../communities/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { AppError, BadRequestError, ForbiddenError, NotFoundError } from '../platform/errors.js'
import { StorageLimitError, type Storage } from '../platform/storage.js'
import { newId, nowIso } from '../platform/time.js'
import { acceptedType, assertWebVtt, inlineDisposition, sanitiseFilename, sniffStream } from './media-format.js'
import { decideRange, etagMatches, ifRangeAllows, mediaEtag } from './media-range.js'
import { deleteOrphanMedia, findMediaById, insertMedia, updateMediaText, type MediaRow } from './media-store.js'
import { loadReadablePost } from './service.js'
import { toMediaItem } from './views.js'

export class MediaTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super(413, 'media_too_large', `media files can be at most ${Math.floor(maxBytes / (1024 * 1024))} MB`)
  }
}

const notFound = (id: string) => new NotFoundError('media_not_found', `no media ${id}`)

/** Where a media item's bytes live in storage. */
export function mediaKey(id: string): string {
  return `media/${id}`
}

export interface Upload {
  contentType: string | undefined
  contentLength: string | undefined
  filename: string | string[] | undefined
  /** The request body, passed through unparsed. */
  body: unknown
}

/**
 * Stores an uploaded image, audio or video file for the viewer, streaming it to storage: the declared type
 * must be one we accept (415) and the file's first bytes must match it (415), and it may not pass `maxBytes`
 * (413). A failed upload leaves no file and no row. The item belongs to no post until createPost attaches it.
 */
export async function uploadMedia(db: Db, storage: Storage, viewer: Viewer, upload: Upload, maxBytes: number): Promise<MediaItem> {
  const { mime, kind } = acceptedType(upload.contentType)
  if (!(upload.body instanceof Readable)) throw new BadRequestError('empty_media', 'send the file as the request body')
  if (Number(upload.contentLength) > maxBytes) throw new MediaTooLargeError(maxBytes)
  const id = newId()
  const body = upload.body
  const sniffer = sniffStream(mime)
  // Errors reach putStream through the pipe; these listeners only keep a late one from becoming uncaught.
  const ignore = () => undefined
  body.on('error', ignore)
  sniffer.on('error', ignore)
  body.pipe(sniffer)
  let size: number
  try {
    size = await storage.putStream(mediaKey(id), sniffer, maxBytes)
  } catch (err) {
    body.unpipe(sniffer)
    if (err instanceof StorageLimitError) throw new MediaTooLargeError(maxBytes)
    if (err instanceof AppError) throw err
    if (body.readableAborted) throw new BadRequestError('upload_incomplete', 'the upload ended before the whole file arrived')
    throw err
  }
  const row: MediaRow = {
    id,
    post_id: null,
    owner_id: viewer.id,
    kind,
    mime,
    size,
    filename: sanitiseFilename(upload.filename, `${kind}-${id.slice(0, 8)}`),
    transcript: '',
    captions: '',
    created_at: nowIso(),
  }
  try {
    await insertMedia(db, row)
  } catch (err) {
    await storage.delete(mediaKey(id))
    throw err
  }
  return toMediaItem(row)
}

/**
 * The item if the viewer may see it: its owner always may; anyone else only through the post it is attached
 * to, under that post's rules (a closed or secret community's members, a post not deleted). NotFound otherwise,
 * so an outsider cannot tell hidden media from missing media.
 */
async function loadReadableMedia(db: Db, viewer: Viewer, id: string): Promise<MediaRow> {
  const row = await findMediaById(db, id)
  if (!row) throw notFound(id)
  if (row.owner_id === viewer.id) return row
  if (row.post_id === null) throw notFound(id)
  try {
    await loadReadablePost(db, viewer, row.post_id)
  } catch (err) {
    if (err instanceof NotFoundError) throw notFound(id)
    throw err
  }
  return row
}

export interface MediaResponse {
  status: 200 | 206 | 304 | 416
  headers: Record<string, string>
  /** The bytes to send (an empty stream for HEAD and 304), or the error for 416. */
  body: Readable | ErrorBody
}

/**
 * Answers GET (or HEAD) for a media file: the whole file, one range of it (206), 304 when the client's copy
 * is current, or 416 for a range past the end. See decideRange for how Range headers are read.
 */
export async function serveMedia(
  db: Db,
  storage: Storage,
  viewer: Viewer,
  id: string,
  request: { method: string; range?: string; ifRange?: string; ifNoneMatch?: string },
): Promise<MediaResponse> {
  const row = await loadReadableMedia(db, viewer, id)
  const size = await storage.stat(mediaKey(row.id))
  if (size === undefined) throw notFound(id)
  const etag = mediaEtag(row.id, size)
  const lastModified = new Date(row.created_at).toUTCString()
  const headers: Record<string, string> = {
    'accept-ranges': 'bytes',
    etag,
    'last-modified': lastModified,
    // Revalidate every time: the permission check must run on each request, and the ETag makes that a cheap 304.
    'cache-control': 'private, no-cache',
    'x-content-type-options': 'nosniff',
  }
  const empty = () => Readable.from([])
  if (etagMatches(request.ifNoneMatch, etag)) return { status: 304, headers, body: empty() }
  const decision = ifRangeAllows(request.ifRange, etag, lastModified) ? decideRange(request.range, size) : { type: 'full' as const }
  if (decision.type === 'unsatisfiable') {
    const error = { code: 'range_not_satisfiable', message: `the file has ${size} bytes` }
    return { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` }, body: { error } }
  }
  const content = { 'content-type': row.mime, 'content-disposition': inlineDisposition(row.filename) }
  const head = request.method === 'HEAD'
  if (decision.type === 'partial') {
    const { start, end } = decision
    return {
      status: 206,
      headers: { ...headers, ...content, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': String(end - start + 1) },
      body: head ? empty() : storage.createReadStream(mediaKey(row.id), { start, end }),
    }
  }
  return {
    status: 200,
    headers: { ...headers, ...content, 'content-length': String(size) },
    body: head ? empty() : storage.createReadStream(mediaKey(row.id)),
  }
}

/** The media item as the API describes it, if the viewer may see it. */
export async function getMediaItem(db: Db, viewer: Viewer, id: string): Promise<MediaItem> {
  return toMediaItem(await loadReadableMedia(db, viewer, id))
}

/**
 * Sets the transcript and captions. The uploader may, and so may anyone who may edit the post it is
 * attached to (its author, a steward of its community, an admin). Captions must be WebVTT; '' removes them.
 */
export async function updateMedia(db: Db, viewer: Viewer, id: string, patch: UpdateMedia): Promise<MediaItem> {
  if (patch.captions) assertWebVtt(patch.captions)
  const row = await loadReadableMedia(db, viewer, id)
  if (row.owner_id !== viewer.id) {
    const post = await loadReadablePost(db, viewer, row.post_id ?? 0)
    const steward = (await roleIn(db, viewer.id, post.community_id)) === 'steward'
    if (post.author_id !== viewer.id && !steward && !viewer.isAdmin) {
      throw new ForbiddenError('not_your_media', 'only the uploader, the post’s author, a steward or an admin can change this')
    }
  }
  const changes = {
    ...(patch.transcript !== undefined && { transcript: patch.transcript }),
    ...(patch.captions !== undefined && { captions: patch.captions }),
  }
  await updateMediaText(db, row.id, changes)
  return toMediaItem({ ...row, ...changes })
}

/** The WebVTT captions, if the viewer may see the media and it has some. */
export async function getCaptions(db: Db, viewer: Viewer, id: string): Promise<string> {
  const row = await loadReadableMedia(db, viewer, id)
  if (!row.captions) throw new NotFoundError('captions_not_found', `media ${id} has no captions`)
  return row.captions
}

/** Media left unattached this long is removed: an upload for a post that was never written. */
export const ORPHAN_AGE_MS = 24 * 3600_000

/**
 * Deletes media never attached to a post and uploaded before `before` (rows, then files), in batches.
 * Idempotent, and safe to run on several nodes at once. Returns how many items went.
 */
export async function cleanupOrphanMedia(db: Db, storage: Storage, before: string): Promise<number> {
  let total = 0
  for (;;) {
    const ids = await deleteOrphanMedia(db, before, 500)
    for (const id of ids) await storage.delete(mediaKey(id))
    total += ids.length
    if (ids.length < 500) return total
  }
}
