import type { FastifyInstance } from 'fastify'
import type { App } from '../platform/fastify-types.js'

export function rosterRoutes(_app: App): void {}
export function registerRosterJobs(_app: FastifyInstance): void {}
