import { Type } from '@sinclair/typebox'
import {
  AttachableList,
  LearningMap,
  MapEdgeParams,
  MapGoalInput,
  MapNodeParams,
  MapNodePatch,
  MapParams,
  MapResourceParams,
  NewMapEdge,
  NewMapNode,
  NewMapResource,
  SeedResult,
} from '../../shared/learning-map.js'
import { ErrorBody } from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import type { App } from '../platform/fastify-types.js'
import * as edit from './map-edit.js'
import { getLearningMap } from './map-service.js'

const NoContent = { type: 'null' } as const

/**
 * Learning maps: members of a community (and, for open communities, everyone signed in) view its map and set
 * their goal on it; its stewards and admins edit it. A map the viewer may not read is a 404.
 */
export function learningMapRoutes(app: App): void {
  const tags = ['learning']
  const member = { access: 'member' as const }
  const edited = { 204: NoContent, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody }
  const base = '/api/learning/maps/:slug'

  app.get(
    base,
    {
      config: member,
      schema: {
        tags,
        summary: "A community's learning map, with the viewer's position, goal and path",
        params: MapParams,
        response: { 200: LearningMap, 404: ErrorBody },
      },
    },
    async (req) => getLearningMap(app.db, requireViewer(req), req.params.slug),
  )
  app.put(
    `${base}/goal`,
    {
      config: member,
      schema: { tags, summary: "Save (or clear) the viewer's goal on the map", params: MapParams, body: MapGoalInput, response: edited },
    },
    async (req, reply) => {
      await edit.setGoal(app.db, requireViewer(req), req.params.slug, req.body.nodeId)
      return reply.status(204).send()
    },
  )
  app.post(
    `${base}/nodes`,
    {
      config: member,
      schema: {
        tags,
        summary: 'Add a node (stewards, admins)',
        params: MapParams,
        body: NewMapNode,
        response: { 201: Type.Object({ id: Type.String() }), 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await edit.addNode(app.db, requireViewer(req), req.params.slug, req.body)),
  )
  app.post(
    `${base}/seed`,
    {
      config: member,
      schema: {
        tags,
        summary: "Add nodes for the most used tags of the community's practices (stewards, admins)",
        params: MapParams,
        response: { 200: SeedResult, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => edit.seedFromPractices(app.db, requireViewer(req), req.params.slug),
  )
  app.patch(
    `${base}/nodes/:nodeId`,
    {
      config: member,
      schema: {
        tags,
        summary: 'Rename a node or change its description or tags (stewards, admins)',
        params: MapNodeParams,
        body: MapNodePatch,
        response: { ...edited, 409: ErrorBody },
      },
    },
    async (req, reply) => {
      await edit.changeNode(app.db, requireViewer(req), req.params.slug, req.params.nodeId, req.body)
      return reply.status(204).send()
    },
  )
  app.delete(
    `${base}/nodes/:nodeId`,
    { config: member, schema: { tags, summary: 'Remove a node (stewards, admins)', params: MapNodeParams, response: edited } },
    async (req, reply) => {
      await edit.removeNode(app.db, requireViewer(req), req.params.slug, req.params.nodeId)
      return reply.status(204).send()
    },
  )
  app.post(
    `${base}/nodes/:nodeId/prerequisites`,
    {
      config: member,
      schema: {
        tags,
        summary: 'Say a node builds on another (stewards, admins)',
        params: MapNodeParams,
        body: NewMapEdge,
        response: edited,
      },
    },
    async (req, reply) => {
      await edit.linkPrerequisite(app.db, requireViewer(req), req.params.slug, req.params.nodeId, req.body.prerequisiteId)
      return reply.status(204).send()
    },
  )
  app.delete(
    `${base}/nodes/:nodeId/prerequisites/:prerequisiteId`,
    { config: member, schema: { tags, summary: 'Remove a prerequisite (stewards, admins)', params: MapEdgeParams, response: edited } },
    async (req, reply) => {
      await edit.unlinkPrerequisite(app.db, requireViewer(req), req.params.slug, req.params.nodeId, req.params.prerequisiteId)
      return reply.status(204).send()
    },
  )
  app.get(
    `${base}/attachable`,
    {
      config: member,
      schema: {
        tags,
        summary: 'Catalogue items the map may attach (stewards, admins)',
        params: MapParams,
        response: { 200: AttachableList, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => edit.attachableItems(app.db, requireViewer(req), req.params.slug),
  )
  app.post(
    `${base}/nodes/:nodeId/resources`,
    {
      config: member,
      schema: {
        tags,
        summary: 'Attach a catalogue item to a node (stewards, admins)',
        params: MapNodeParams,
        body: NewMapResource,
        response: edited,
      },
    },
    async (req, reply) => {
      await edit.attachItem(app.db, requireViewer(req), req.params.slug, req.params.nodeId, req.body.kind, req.body.id)
      return reply.status(204).send()
    },
  )
  app.delete(
    `${base}/nodes/:nodeId/resources/:kind/:refId`,
    {
      config: member,
      schema: { tags, summary: 'Detach a catalogue item (stewards, admins)', params: MapResourceParams, response: edited },
    },
    async (req, reply) => {
      await edit.detachItem(app.db, requireViewer(req), req.params.slug, req.params.nodeId, req.params.kind, req.params.refId)
      return reply.status(204).send()
    },
  )
}
