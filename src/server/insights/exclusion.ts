// The exclusion report (principle 6, "failure to learn often comes from exclusion"): people with no tie into
// any discovered community, newcomers still unconnected after N weeks, questions nobody answered, and declared
// communities that took newcomers in but moved none of them on in six months. Every count of people is an
// aggregate of at least `minAggregate` people, through every filter; the only names are the viewer's own
// reports, shown to their manager as a suggested action. Every view is audit-logged.
import type { ExclusionQuery, ExclusionReport } from '../../shared/insights-manage.js'
import { getCommunityRefs, newcomerFlow } from '../communities/lookup.js'
import { unansweredQuestions } from '../knowledge/lookup.js'
import { getPersonSummaries } from '../people/lookup.js'
import { recordAudit } from '../platform/audit.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { atLeast, loadRunContext } from './manage-context.js'

const DAY_MS = 86_400_000
const WEEK_MS = 7 * DAY_MS
/** Someone who started in the last 26 weeks is a newcomer. */
const NEWCOMER_WEEKS = 26
/** A question becomes "unanswered" after a week without an answer. */
const UNANSWERED_AFTER_DAYS = 7
const SIX_MONTHS_MS = 182 * DAY_MS
export const DEFAULT_NEWCOMER_WEEKS = 8

/** The exclusion report for a manager or an admin, optionally for one department. */
export async function getExclusionReport(
  db: Db,
  viewer: Viewer,
  minAggregate: number,
  now: Date,
  query: ExclusionQuery,
): Promise<ExclusionReport> {
  const newcomerWeeks = query.newcomerWeeks ?? DEFAULT_NEWCOMER_WEEKS
  const department = query.department ?? null
  const context = await loadRunContext(db)
  await recordAudit(db, viewer.id, 'insights.view', `exclusion:${context?.run.id ?? 'none'}`, {
    view: 'exclusion',
    department,
    newcomerWeeks,
  })
  const roster = context?.roster ?? []
  const deptCounts = new Map<string, number>()
  for (const p of roster) deptCounts.set(p.department || 'No department', (deptCounts.get(p.department || 'No department') ?? 0) + 1)
  const departments = [...deptCounts]
    .filter(([, n]) => n >= minAggregate)
    .map(([d]) => d)
    .sort()
  const empty: ExclusionReport = {
    run: null,
    minAggregate,
    newcomerWeeks,
    department,
    departments,
    unconnected: null,
    people: null,
    unconnectedByDepartment: [],
    newcomers: null,
    newcomersUnconnected: null,
    unanswered: [],
    unansweredWithheld: 0,
    unansweredFromNewcomers: null,
    closedToNewcomers: [],
    me: null,
    reports: [],
  }
  if (!context) return empty
  const inFilter = roster.filter((p) => !department || (p.department || 'No department') === department)
  const isUnconnected = (id: string) => !context.placed.has(id)
  const startedMs = (p: { startDate: string | null }) => (p.startDate ? Date.parse(p.startDate) : NaN)
  const isNewcomer = (p: { startDate: string | null }) => now.getTime() - startedMs(p) <= NEWCOMER_WEEKS * WEEK_MS
  const newcomerIds = new Set(roster.filter(isNewcomer).map((p) => p.id))
  // Newcomers who have had N weeks to find their way in.
  const settled = inFilter.filter((p) => isNewcomer(p) && now.getTime() - startedMs(p) >= newcomerWeeks * WEEK_MS)

  const byDepartment = new Map<string, number>()
  for (const p of inFilter)
    if (isUnconnected(p.id)) byDepartment.set(p.department || 'No department', (byDepartment.get(p.department || 'No department') ?? 0) + 1)

  // Unanswered questions: counted per community when enough different people (in the filter) asked them.
  const allowed = new Set(inFilter.map((p) => p.id))
  const questions = (await unansweredQuestions(db, new Date(now.getTime() - UNANSWERED_AFTER_DAYS * DAY_MS).toISOString())).filter(
    (q) => q.author_id && allowed.has(q.author_id),
  )
  const perCommunity = new Map<string, { questions: number; askers: Set<string>; oldest: string }>()
  for (const q of questions) {
    const c = perCommunity.get(q.community_id) ?? { questions: 0, askers: new Set<string>(), oldest: q.created_at }
    c.questions++
    c.askers.add(q.author_id!)
    if (q.created_at < c.oldest) c.oldest = q.created_at
    perCommunity.set(q.community_id, c)
  }
  const flow = await newcomerFlow(db, new Date(now.getTime() - SIX_MONTHS_MS).toISOString())
  const refs = await getCommunityRefs(db, [...perCommunity.keys(), ...flow.map((f) => f.communityId)])
  const named = (id: string) => {
    const r = refs.get(id)
    return r && r.visibility !== 'secret' ? { id, slug: r.slug, name: r.name } : undefined
  }
  const unanswered: ExclusionReport['unanswered'] = []
  let unansweredWithheld = 0
  for (const [id, c] of perCommunity) {
    const community = named(id)
    if (!community || c.askers.size < minAggregate) {
      unansweredWithheld++
      continue
    }
    unanswered.push({
      community,
      questions: c.questions,
      askers: c.askers.size,
      oldestDays: Math.floor((now.getTime() - Date.parse(c.oldest)) / DAY_MS),
    })
  }
  unanswered.sort((a, b) => b.questions - a.questions || a.community.name.localeCompare(b.community.name))
  const newcomerAskers = new Set(questions.filter((q) => newcomerIds.has(q.author_id!)).map((q) => q.author_id!))

  // Closed to newcomers: enough newcomers (in the filter) joined or still wait, and none moved on.
  const closedToNewcomers: ExclusionReport['closedToNewcomers'] = []
  for (const f of flow) {
    const community = named(f.communityId)
    const promoted = f.promoted.filter((id) => allowed.has(id))
    const newcomers = new Set([...f.joined, ...f.waiting].filter((id) => allowed.has(id)))
    if (community && promoted.length === 0 && newcomers.size >= minAggregate)
      closedToNewcomers.push({ community, newcomers: newcomers.size })
  }
  closedToNewcomers.sort((a, b) => b.newcomers - a.newcomers || a.community.name.localeCompare(b.community.name))

  // The viewer's own reports by name: the one exception, as a suggested action for their manager.
  const reportRows = roster.filter((p) => p.managerId === viewer.id && isUnconnected(p.id))
  const names = await getPersonSummaries(
    db,
    reportRows.map((p) => p.id),
  )
  const viewerInRoster = context.rosterById.has(viewer.id)
  return {
    ...empty,
    run: { id: context.run.id, finishedAt: context.run.finished_at! },
    unconnected: atLeast(inFilter.filter((p) => isUnconnected(p.id)).length, minAggregate),
    people: atLeast(inFilter.length, minAggregate),
    unconnectedByDepartment: [...byDepartment]
      .filter(([, n]) => n >= minAggregate)
      .map(([name, count]) => ({ name, count }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    newcomers: atLeast(settled.length, minAggregate),
    newcomersUnconnected: atLeast(settled.filter((p) => isUnconnected(p.id)).length, minAggregate),
    unanswered,
    unansweredWithheld,
    unansweredFromNewcomers: atLeast(newcomerAskers.size, minAggregate),
    closedToNewcomers,
    me: viewerInRoster ? { unconnected: isUnconnected(viewer.id) } : null,
    reports: reportRows
      .map((p) => {
        const started = startedMs(p)
        return {
          personId: p.id,
          name: names.get(p.id)?.name ?? '',
          newcomer: isNewcomer(p),
          weeks: Number.isNaN(started) ? null : Math.max(0, Math.floor((now.getTime() - started) / WEEK_MS)),
        }
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  }
}
