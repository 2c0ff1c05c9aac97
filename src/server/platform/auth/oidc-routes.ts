import type { App } from '../fastify-types.js'

/** OpenID Connect single sign-on routes; registered only when OIDC is configured. */
export function oidcRoutes(app: App): void {
  if (!app.config.oidc) return
}
