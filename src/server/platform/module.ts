import type { EventBus } from './events.js'
import type { App } from './fastify-types.js'
import type { ScheduleSpec } from './jobs/types.js'
import type { JobHandler } from './jobs/worker.js'
import type { PersonalDataPart } from './personal-data.js'

/** A recurring job: fired once per due time across all nodes (platform/jobs/schedules.ts). */
export type ModuleSchedule = ScheduleSpec

/**
 * What a domain gives the app: the one record each domain exports (`<domain>/module.ts`), listed once in
 * `src/server/modules.ts`. `buildApp` registers all of it, in this order for every module: event
 * subscriptions, job handlers, schedules, then routes (inside the API plugin). Per-app state a domain's parts
 * share (notifications' live hub, asks' expertise model) is built by `setup` and passed to the others.
 */
export interface DomainModule<State = unknown> {
  /** The domain's folder name. */
  name: string
  /** Builds this app's state for the parts below; called once per app, before them. */
  setup?(app: App): State
  /** Registers the domain's HTTP routes. */
  routes?(app: App, state: State): void
  /** Handlers of the job kinds the domain owns. */
  jobs?(app: App, state: State): Record<string, JobHandler>
  /** Recurring work (no `setInterval` schedulers). */
  schedules?: readonly ModuleSchedule[]
  /** Subscribes to other domains' events. */
  subscribe?(bus: EventBus, app: App, state: State): void
  /** The domain's share of a person's data export and erasure. */
  personalData?: PersonalDataPart
}

/** Declares a module with its state's type checked across its parts. */
export function defineModule<State>(module: DomainModule<State>): DomainModule {
  // The list holds modules of different states; each module's parts only ever see the state its setup made.
  return module
}
