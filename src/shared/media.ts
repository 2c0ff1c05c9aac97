import { Type, type Static } from '@sinclair/typebox'

// Media for stories: what can be uploaded, and the shapes of the media routes. The item itself is MediaItem
// in knowledge.ts, since posts carry it.

/** The content types POST /api/media accepts, by kind. The web app uses them for the file picker's `accept`. */
export const MEDIA_TYPES = {
  image: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
  audio: ['audio/mpeg', 'audio/mp4', 'audio/ogg', 'audio/webm', 'audio/wav'],
  video: ['video/mp4', 'video/webm', 'video/ogg'],
} as const
export type MediaKind = keyof typeof MEDIA_TYPES
export type MediaType = (typeof MEDIA_TYPES)[MediaKind][number]
export const ALL_MEDIA_TYPES: readonly MediaType[] = [...MEDIA_TYPES.image, ...MEDIA_TYPES.audio, ...MEDIA_TYPES.video]

/** Header carrying the original file name of an upload (percent-encoded, as with encodeURIComponent). */
export const FILENAME_HEADER = 'x-filename'

export const MediaIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })

/** Captions are WebVTT text: it must start with "WEBVTT". An empty string removes them. */
export const UpdateMedia = Type.Object(
  {
    transcript: Type.Optional(Type.String({ maxLength: 200_000 })),
    captions: Type.Optional(Type.String({ maxLength: 500_000 })),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateMedia = Static<typeof UpdateMedia>
