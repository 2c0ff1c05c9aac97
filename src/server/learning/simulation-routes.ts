import { ChooseInput, NewSimulation, SimulationForAuthor, SimulationPaths, SimulationPlay } from '../../shared/simulation.js'
import { ErrorBody, IdParams } from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import type { App } from '../platform/fastify-types.js'
import { quizDeps } from './quiz-routes.js'
import { createSimulation, getSimulationForAuthor, simulationPaths, updateSimulation } from './simulation.js'
import { choose, getPlay, goBack, restart } from './simulation-play.js'

/** Branching simulations: learning staff draw them; members play them; authors see the paths taken, aggregated. */
export function simulationRoutes(app: App): void {
  const tags = ['learning']
  const member = { access: 'member' as const }
  const deps = quizDeps(app)
  const authored = { 200: SimulationForAuthor, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody }
  const played = { params: IdParams, response: { 200: SimulationPlay, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } }

  app.post(
    '/api/learning/simulations',
    {
      config: { access: 'manager' },
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Write a branching simulation (managers and admins)',
        body: NewSimulation,
        response: { 201: SimulationForAuthor, 400: ErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await createSimulation(deps, requireViewer(req), req.body)),
  )
  app.get(
    '/api/learning/simulations/:id',
    { config: member, schema: { tags, summary: 'A simulation’s whole graph (its author, admins)', params: IdParams, response: authored } },
    async (req) => getSimulationForAuthor(app.db, requireViewer(req), req.params.id),
  )
  app.put(
    '/api/learning/simulations/:id',
    {
      config: member,
      bodyLimit: 4 * 1024 * 1024,
      schema: { tags, summary: 'Rewrite a simulation (its author, admins)', params: IdParams, body: NewSimulation, response: authored },
    },
    async (req) => updateSimulation(deps, requireViewer(req), req.params.id, req.body),
  )
  app.get(
    '/api/learning/simulations/:id/paths',
    {
      config: member,
      schema: {
        tags,
        summary: 'How many learners took each choice, withheld below the privacy minimum (its author, admins)',
        params: IdParams,
        response: { 200: SimulationPaths, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => simulationPaths(deps, requireViewer(req), req.params.id),
  )
  app.get(
    '/api/learning/simulations/:id/play',
    { config: member, schema: { tags, summary: 'Where the viewer stands in a simulation', ...played } },
    async (req) => getPlay(deps, requireViewer(req), req.params.id),
  )
  app.post(
    '/api/learning/simulations/:id/play/choose',
    { config: member, schema: { tags, summary: 'Take a choice in the viewer’s situation', ...played, body: ChooseInput } },
    async (req) => choose(deps, requireViewer(req), req.params.id, req.body.choice),
  )
  app.post(
    '/api/learning/simulations/:id/play/back',
    { config: member, schema: { tags, summary: 'Take back the viewer’s last choice, where allowed', ...played } },
    async (req) => goBack(deps, requireViewer(req), req.params.id),
  )
  app.post(
    '/api/learning/simulations/:id/play/restart',
    { config: member, schema: { tags, summary: 'Start the simulation over', ...played } },
    async (req) => restart(deps, requireViewer(req), req.params.id),
  )
}
