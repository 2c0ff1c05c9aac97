import type { TestProject } from 'vitest/node'
import { startPgServer, type PgServer } from './helpers/pg-server.js'

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string
  }
}

let server: PgServer | undefined

/** Uses DATABASE_URL when given; otherwise starts a real PostgreSQL server for the whole run. */
export async function setup(project: TestProject): Promise<void> {
  let url = process.env.DATABASE_URL
  if (!url) {
    server = await startPgServer()
    url = server.url
  }
  project.provide('pgUrl', url)
}

export function teardown(): void {
  server?.stop()
}
