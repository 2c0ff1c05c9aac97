import type { FastifyReply } from 'fastify'

/**
 * Sends JSON that the route's own response serializer made earlier and a cache kept as UTF-8 (a feed page,
 * another member's profile), so it is neither serialized nor encoded again. Returns nothing, so that a route
 * handler can `return` it from either a plain or an async handler.
 */
export function sendSerializedJson(reply: FastifyReply, json: Buffer): void {
  void reply.type('application/json; charset=utf-8').send(json)
}
