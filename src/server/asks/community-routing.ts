import type { CommunityRouting, CommunityRoutingView } from '../../shared/asks.js'
import { canRead, communityRefBySlug, roleIn } from '../communities/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { ForbiddenError, NotFoundError } from '../platform/errors.js'
import { exploreAllowed, nowOf, type RoutingDeps } from './routing.js'
import { findCommunityRouting, saveCommunityRouting } from './store.js'

async function communityFor(db: Db, viewer: Viewer, slug: string) {
  const community = await communityRefBySlug(db, slug)
  if (!community || !(await canRead(db, viewer.id, community.id))) throw new NotFoundError('community_not_found', `no community ${slug}`)
  return community
}

async function mayChange(db: Db, viewer: Viewer, communityId: string): Promise<boolean> {
  return viewer.isAdmin || (await roleIn(db, viewer.id, communityId)) === 'steward'
}

/** A community's routing settings, for anyone who can read the community. */
export async function getCommunityRouting(deps: RoutingDeps, viewer: Viewer, slug: string): Promise<CommunityRoutingView> {
  const community = await communityFor(deps.db, viewer, slug)
  const row = await findCommunityRouting(deps.db, community.id)
  return {
    explore: row?.explore ?? 'default',
    exploreNow: await exploreAllowed(deps, deps.db, community.id),
    canChange: await mayChange(deps.db, viewer, community.id),
  }
}

/** Sets whether the community's rounds may hold an explore slot; its stewards and admins only. */
export async function setCommunityRouting(
  deps: RoutingDeps,
  viewer: Viewer,
  slug: string,
  body: CommunityRouting,
): Promise<CommunityRoutingView> {
  const community = await communityFor(deps.db, viewer, slug)
  if (!(await mayChange(deps.db, viewer, community.id)))
    throw new ForbiddenError('not_steward', 'only the stewards of this community and admins can change how questions are routed')
  await saveCommunityRouting(deps.db, community.id, body.explore === 'default' ? null : body.explore, nowOf(deps))
  return getCommunityRouting(deps, viewer, slug)
}
