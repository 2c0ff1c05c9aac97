import { Type } from '@sinclair/typebox'
import { ErasureBody, ErasureList, ErasureRequest, ErrorBody, IdParams, Ok } from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import { BadRequestError } from '../platform/errors.js'
import type { App } from '../platform/fastify-types.js'
import {
  decideErasure,
  exportMyData,
  getPhoto,
  listErasureRequests,
  removePhoto,
  requestErasure,
  setPhoto,
  sniffImageType,
} from './privacy.js'

const PHOTO_LIMIT = 2 * 1024 * 1024

/** The viewer's own data: export, erasure, photo; and the admin side of erasure. */
export function meRoutes(app: App): void {
  const tags = ['privacy']
  app.get(
    '/api/me/export',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Download everything Wellspring holds about me (JSON)',
        response: { 200: Type.Object({}, { additionalProperties: true }) },
      },
    },
    async (req, reply) => {
      const viewer = requireViewer(req)
      reply.header('content-disposition', 'attachment; filename="wellspring-export.json"')
      return exportMyData(app.db, viewer, app.personalData)
    },
  )

  app.post(
    '/api/me/erasure',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Ask for my account to be erased', body: ErasureBody, response: { 201: ErasureRequest, 409: ErrorBody } },
    },
    async (req, reply) => reply.status(201).send(await requestErasure(app.db, requireViewer(req), req.body.reason ?? '')),
  )

  app.get(
    '/api/admin/erasures',
    { config: { access: 'admin' }, schema: { tags, summary: 'Erasure requests', response: { 200: ErasureList } } },
    async () => ({ items: await listErasureRequests(app.db) }),
  )

  for (const [action, confirm] of [
    ['confirm', true],
    ['reject', false],
  ] as const) {
    app.post(
      `/api/admin/erasures/:id/${action}`,
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: `${action === 'confirm' ? 'Confirm' : 'Reject'} an erasure request`,
          params: IdParams,
          response: { 200: Ok, 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (req) => {
        await decideErasure(app.db, app.storage, app.personalData, requireViewer(req), req.params.id, confirm)
        return { ok: true as const }
      },
    )
  }

  registerPhotoUpload(app)

  app.delete(
    '/api/me/photo',
    { config: { access: 'member' }, schema: { tags, summary: 'Remove my photo', response: { 200: Ok } } },
    async (req) => {
      await removePhoto(app.db, app.storage, requireViewer(req).id)
      return { ok: true as const }
    },
  )

  app.get(
    '/api/people/:id/photo',
    { config: { access: 'member' }, schema: { tags: ['people'], summary: 'A person photo', params: IdParams } },
    async (req, reply) => {
      const photo = await getPhoto(app.db, app.storage, req.params.id)
      return reply
        .type(photo.type)
        .header('cache-control', 'private, max-age=300')
        .header('x-content-type-options', 'nosniff')
        .send(photo.data)
    },
  )
}

/**
 * The photo upload, in a plugin of its own so that its image parsers apply to it alone: every other route
 * takes JSON and answers an image with 415.
 */
function registerPhotoUpload(parent: App): void {
  void parent.register(async (scope) => {
    const app = scope as unknown as App
    app.addContentTypeParser(['image/png', 'image/jpeg', 'image/webp'], { parseAs: 'buffer', bodyLimit: PHOTO_LIMIT }, (_req, body, done) =>
      done(null, body),
    )
    app.put(
      '/api/me/photo',
      {
        config: { access: 'member' },
        bodyLimit: PHOTO_LIMIT,
        schema: {
          tags: ['privacy'],
          summary: 'Upload my photo (PNG, JPEG or WebP, up to 2 MB)',
          body: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }),
          response: { 200: Ok, 400: ErrorBody },
        },
        validatorCompiler: () => (data: unknown) => ({ value: data }),
      },
      async (req) => {
        const data = req.body
        const type = Buffer.isBuffer(data) ? sniffImageType(data) : undefined
        if (!Buffer.isBuffer(data) || !type) throw new BadRequestError('invalid_image', 'send a PNG, JPEG or WebP image')
        await setPhoto(app.db, app.storage, requireViewer(req).id, data, type)
        return { ok: true as const }
      },
    )
  })
}
