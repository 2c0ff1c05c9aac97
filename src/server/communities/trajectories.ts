import type { Trajectory } from '../../shared/communities.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { findCommunitiesWithViewer, findMembershipEvents, findMembershipsOfPerson } from './store.js'
import { canSeeCommunity } from './service.js'

/**
 * A person's trajectory in each community: every role change with its date. Only communities the viewer
 * may see appear (a secret community's trajectory is shown to its members only).
 */
export async function listTrajectories(db: Db, viewer: Viewer, personId: string): Promise<Trajectory[]> {
  const [communities, memberships] = await Promise.all([findCommunitiesWithViewer(db, viewer.id), findMembershipsOfPerson(db, personId)])
  const visible = communities.filter(
    (c) =>
      canSeeCommunity(c, c.my_role ? { role: c.my_role } : null) &&
      (c.visibility === 'open' || c.my_role !== null || viewer.id === personId),
  )
  const events = await findMembershipEvents(
    db,
    personId,
    visible.map((c) => c.id),
  )
  return visible
    .map((c) => ({
      community: { slug: c.slug, name: c.name },
      role: memberships.find((m) => m.community_id === c.id)?.role ?? null,
      events: events
        .filter((e) => e.community_id === c.id)
        .map((e) => ({ fromRole: e.from_role, toRole: e.to_role, reason: e.reason, at: e.at })),
    }))
    .filter((t) => t.events.length > 0)
}
