// The manager's view: my reports' ties into the discovered communities, and for each report with none, a
// suggested introduction to someone at the core of a community close in topics, made in one click through
// connections' front door (a broker introduction). Privacy (DESIGN.md): positions are shown only for the
// viewer's own reports; the partner suggested is a discovered core member who also holds a public core or
// steward role in the open declared community that is that discovered community's home, so the suggestion
// reveals nothing the community's own page does not. Views and actions are audit-logged.
import type { IntroduceBody, IntroductionMade, ManageView } from '../../shared/insights-manage.js'
import { getCommunityRefs, memberIdsWithRole } from '../communities/lookup.js'
import { brokerIntroduction, type ConnectionsDeps } from '../connections/service.js'
import { authorTags } from '../knowledge/lookup.js'
import { getPersonSummaries, matchingProfiles } from '../people/lookup.js'
import { recordAudit } from '../platform/audit.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError } from '../platform/errors.js'
import { loadRunContext, type RunContext } from './manage-context.js'

const SUGGESTIONS_PER_REPORT = 2

type Suggestion = ManageView['suggestions'][number]

/** The viewer's team as insights see it, with suggested introductions for reports who have no ties. */
export async function getManageView(db: Db, viewer: Viewer, minAggregate: number): Promise<ManageView> {
  const context = await loadRunContext(db)
  await recordAudit(db, viewer.id, 'insights.view', `manage:${context?.run.id ?? 'none'}`, { view: 'manage' })
  if (!context) return { run: null, reports: [], suggestions: [] }
  const reports = context.roster.filter((p) => p.managerId === viewer.id)
  const names = await getPersonSummaries(
    db,
    reports.map((p) => p.id),
  )
  const byId = new Map(context.communities.map((c) => [c.id, c]))
  const shown = (id: string | undefined) => {
    const c = id ? byId.get(id) : undefined
    return c && c.members.length >= minAggregate ? { id: c.id, topics: c.topics, size: c.members.length } : null
  }
  return {
    run: { id: context.run.id, finishedAt: context.run.finished_at! },
    reports: reports
      .map((p) => {
        const placed = context.placed.get(p.id)
        return {
          personId: p.id,
          name: names.get(p.id)?.name ?? '',
          department: p.department,
          connected: Boolean(placed),
          role: placed?.role ?? null,
          community: shown(placed?.community_id),
        }
      })
      .sort((a, b) => Number(a.connected) - Number(b.connected) || a.name.localeCompare(b.name)),
    suggestions: await suggestIntroductions(db, viewer, context, minAggregate),
  }
}

/** Makes one suggested introduction; refuses any pair that is not among the viewer's current suggestions. */
export async function introduceSuggested(deps: ConnectionsDeps, viewer: Viewer, body: IntroduceBody): Promise<IntroductionMade> {
  const context = await loadRunContext(deps.db)
  const suggestion = context
    ? (await suggestIntroductions(deps.db, viewer, context, deps.config.minAggregate)).find(
        (s) => s.report.id === body.reportId && s.partner.id === body.partnerId,
      )
    : undefined
  if (!suggestion) throw new BadRequestError('not_suggested', 'this introduction is not among your suggestions')
  const match = await brokerIntroduction(deps, viewer, { personA: body.reportId, personB: body.partnerId, reason: suggestion.reason })
  await recordAudit(deps.db, viewer.id, 'insights.action', `manage:${context!.run.id}`, {
    action: 'introduce',
    report: body.reportId,
    partner: body.partnerId,
    match: match.id,
  })
  return { matchId: match.id, programmeId: match.programme.id }
}

async function suggestIntroductions(db: Db, viewer: Viewer, context: RunContext, minAggregate: number): Promise<Suggestion[]> {
  const unconnected = context.roster.filter((p) => p.managerId === viewer.id && !context.placed.has(p.id))
  if (unconnected.length === 0) return []
  const profiles = await matchingProfiles(
    db,
    unconnected.map((p) => p.id),
  )
  // Candidates: communities big enough to show, with a declared home whose public core or stewards are at
  // the discovered core too.
  // Only open communities show their members to everyone, so only they can be a home here.
  const refs = await getCommunityRefs(
    db,
    context.communities.flatMap((c) => c.declared.map((d) => d.id)),
  )
  const candidates = []
  for (const c of context.communities) {
    if (c.members.length < minAggregate) continue
    const core = new Map(c.members.filter((m) => m.role === 'core').map((m) => [m.person_id, m.strength]))
    for (const home of c.declared) {
      if (refs.get(home.id)?.visibility !== 'open') continue
      const publicCore = new Set([...(await memberIdsWithRole(db, home.id, 'core')), ...(await memberIdsWithRole(db, home.id, 'steward'))])
      const partners = [...core].filter(([id]) => publicCore.has(id)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      if (partners.length) {
        candidates.push({ community: c, home, partners: partners.map(([id]) => id) })
        break
      }
    }
  }
  const partnerNames = await getPersonSummaries(
    db,
    candidates.flatMap((c) => c.partners),
  )
  const out: Suggestion[] = []
  const reportNames = await getPersonSummaries(
    db,
    unconnected.map((p) => p.id),
  )
  for (const report of unconnected) {
    const profile = profiles.get(report.id)
    const interests = new Set([
      ...(profile?.skillsOffered ?? []),
      ...(profile?.skillsWanted ?? []),
      ...(profile?.aspirationTags ?? []),
      ...(await authorTags(db, report.id, 20)).map((t) => t.tag),
    ])
    const ranked = candidates
      .map((cand) => {
        const shared = cand.community.topics.filter((t) => interests.has(t))
        const colleagues = cand.community.members.filter(
          (m) => context.rosterById.get(m.person_id)?.department === report.department,
        ).length
        return { cand, shared, score: shared.length * 10 + colleagues / cand.community.members.length }
      })
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score || a.cand.community.id.localeCompare(b.cand.community.id))
      .slice(0, SUGGESTIONS_PER_REPORT)
    for (const { cand, shared } of ranked) {
      const partner = cand.partners.find((id) => id !== report.id && id !== viewer.id)
      if (!partner) continue
      const reportName = reportNames.get(report.id)?.name ?? ''
      const partnerName = partnerNames.get(partner)?.name ?? ''
      out.push({
        report: { id: report.id, name: reportName },
        partner: { id: partner, name: partnerName },
        community: { id: cand.community.id, topics: cand.community.topics, size: cand.community.members.length },
        home: { id: cand.home.id, slug: cand.home.slug, name: cand.home.name },
        sharedTopics: shared,
        reason: shared.length
          ? `${reportName} has no ties yet into a community of practice; ${partnerName} is at the core of ${cand.home.name}, which works on ${shared.join(', ')}.`
          : `${reportName} has no ties yet into a community of practice; ${partnerName} is at the core of ${cand.home.name}, where colleagues from ${report.department || 'their team'} take part.`,
      })
    }
  }
  return out
}
