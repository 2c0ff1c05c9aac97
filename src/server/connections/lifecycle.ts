import type { JobContext } from '../platform/jobs/worker.js'
import {
  endLiveMatches,
  expireMatch,
  findDueCheckBackReminders,
  findDueProposalReminders,
  findEndingProgrammes,
  findExpiringMatches,
  findUnprompted,
  markCheckBack,
  markPrompted,
  markReminded,
  setProgrammeEnded,
} from './lifecycle-store.js'
import { publishNotice, queueMail } from './notices.js'
import { rematch } from './responses.js'
import { draftRound } from './rounds.js'
import {
  CHECKBACK_AFTER_MS,
  CHECKBACK_REMINDER_MS,
  DRAFT_JOB,
  PROPOSAL_EXPIRY_MS,
  PROPOSAL_REMINDER_MS,
  type ConnectionsDeps,
} from './service.js'
import {
  findDueCheckBacks,
  findDueProgrammes,
  findMatch,
  findMembers,
  findProgramme,
  lockProgramme,
  setNextRoundAt,
  type MeetingRow,
} from './store.js'

// The recurring tick and what it runs, in this order: rounds due by cadence (until the programme ends), the end
// of programmes (matches end, everyone is asked for a reflection), the one reminder of unanswered proposals,
// their expiry (and the rematch), and "did you meet?" with its one reminder. Each stamp is a compare-and-set in
// the transaction that queues the mail and publishes the notice, so a rerun after a crash or a second node sends
// nothing twice.

const DAY = 86_400_000

/** The recurring tick (a schedule, every 10 minutes). */
export async function tick(deps: ConnectionsDeps, ctx: JobContext): Promise<void> {
  const now = ctx.clock.now()
  await draftDueRounds(deps, now)
  await endProgrammes(deps, now)
  await remindProposals(deps, now)
  await expireProposals(deps, now)
  await askCheckBacks(deps, now)
}

/** Drafts rounds due by cadence (the owner still approves them); the last one is the one before the end. */
async function draftDueRounds(deps: ConnectionsDeps, now: number): Promise<void> {
  for (const p of await findDueProgrammes(deps.db, new Date(now).toISOString())) {
    await deps.jobs.enqueue(DRAFT_JOB, { programmeId: p.id, scheduled: true }, { dedupKey: `${DRAFT_JOB}:${p.id}` })
    const next = now + p.cadence_days * DAY
    await setNextRoundAt(deps.db, p.id, p.ends_at && next >= Date.parse(p.ends_at) ? null : new Date(next).toISOString())
  }
}

/**
 * Ends the programmes whose end has come: live matches end (unanswered proposals expire), no more rounds, and
 * every active participant is asked, once, for their end-of-programme reflection (in the app and, if they want,
 * by mail).
 */
export async function endProgrammes(deps: ConnectionsDeps, now: number): Promise<void> {
  const stamp = new Date(now).toISOString()
  for (const p of await findEndingProgrammes(deps.db, stamp)) {
    await deps.db.transaction().execute(async (tx) => {
      if (!(await lockProgramme(tx, p.id)) || !(await setProgrammeEnded(tx, p.id))) return
      await endLiveMatches(tx, p.id)
    })
    // Prompts go out in batches, each stamped with its notice and mails: a crash resumes where it stopped.
    for (;;) {
      const batch = (await findUnprompted(deps.db, p.id, 200)).map((r) => r.person_id)
      if (batch.length === 0) break
      await deps.bus.transaction(deps.db, async (tx, events) => {
        await markPrompted(tx, p.id, batch, stamp)
        for (const personId of batch) await queueMail(deps, tx, { type: 'reflection', personId, programmeId: p.id })
        await publishNotice(events, p, {
          type: 'reflection',
          personIds: batch,
          link: `/connections/programmes/${p.id}/reflection`,
          detail: 'What did you learn, and from whom? Your reflection is yours alone.',
          key: `reflection:${p.id}`,
        })
      })
    }
  }
}

/** Reminds, once, everyone who has not answered a proposal told to them PROPOSAL_REMINDER_MS ago. */
async function remindProposals(deps: ConnectionsDeps, now: number): Promise<void> {
  const due = await findDueProposalReminders(deps.db, new Date(now - PROPOSAL_REMINDER_MS).toISOString(), 500)
  for (const m of due) {
    const programme = await findProgramme(deps.db, m.programme_id)
    if (!programme) continue
    await deps.bus.transaction(deps.db, async (tx, events) => {
      if (!(await markReminded(tx, m.match_id, m.person_id, new Date(now).toISOString()))) return
      await queueMail(deps, tx, { type: 'reminder', matchId: m.match_id, personId: m.person_id })
      await publishNotice(events, programme, {
        type: 'reminder',
        personIds: [m.person_id],
        link: `/connections/matches/${m.match_id}`,
        detail: 'Without an answer the proposal expires in a few days and the others are matched again.',
        key: `reminder:${m.match_id}`,
      })
    })
  }
}

/**
 * Expires proposals someone left unanswered for PROPOSAL_EXPIRY_MS (they had their reminder): the match is
 * over, its members are told, and the round's rematch runs for those who are left without a match (never the
 * ones who did not answer).
 */
async function expireProposals(deps: ConnectionsDeps, now: number): Promise<void> {
  for (const match of await findExpiringMatches(deps.db, new Date(now - PROPOSAL_EXPIRY_MS).toISOString(), 200)) {
    const programme = await findProgramme(deps.db, match.programme_id)
    if (!programme) continue
    await deps.bus.transaction(deps.db, async (tx, events) => {
      if (!(await expireMatch(tx, match.id))) return
      const members = await findMembers(tx, [match.id])
      await publishNotice(events, programme, {
        type: 'expired',
        personIds: members.map((m) => m.person_id),
        link: `/connections/matches/${match.id}`,
        detail: 'Someone did not answer in time. Whoever is left without a match is matched again.',
        key: `expired:${match.id}`,
      })
      if (match.round_id && programme.status === 'open') await rematch(deps, tx, programme, match.round_id)
    })
  }
}

/** "Did you meet?" an hour after a meeting began, and one reminder CHECKBACK_REMINDER_MS later if unanswered. */
async function askCheckBacks(deps: ConnectionsDeps, now: number): Promise<void> {
  const ask = async (meeting: MeetingRow, type: 'checkback' | 'checkback_reminder') => {
    const members = (await findMembers(deps.db, [meeting.match_id])).filter((m) => m.response !== 'declined')
    const match = await findMatch(deps.db, meeting.match_id)
    const programme = match ? await findProgramme(deps.db, match.programme_id) : undefined
    await deps.bus.transaction(deps.db, async (tx, events) => {
      const column = type === 'checkback' ? 'reminded_at' : 'checkback_reminded_at'
      if (!(await markCheckBack(tx, meeting.id, column, new Date(now).toISOString()))) return
      for (const m of members) await queueMail(deps, tx, { type, matchId: meeting.match_id, personId: m.person_id, meetingId: meeting.id })
      if (programme)
        await publishNotice(events, programme, {
          type,
          personIds: members.map((m) => m.person_id),
          link: `/connections/matches/${meeting.match_id}`,
          detail: `Meeting of ${new Date(meeting.starts_at).toUTCString()}`,
          key: `${type}:${meeting.id}`,
        })
    })
  }
  for (const meeting of await findDueCheckBacks(deps.db, new Date(now - CHECKBACK_AFTER_MS).toISOString())) await ask(meeting, 'checkback')
  for (const meeting of await findDueCheckBackReminders(deps.db, new Date(now - CHECKBACK_REMINDER_MS).toISOString(), 200))
    await ask(meeting, 'checkback_reminder')
}

/**
 * Handler of a draft job: matches the programme's next round, reporting its steps as the job's progress (the
 * owner's page shows a bar). A round the schedule drafted is announced to the owner, who approves it.
 */
export async function runDraft(
  deps: ConnectionsDeps,
  payload: { programmeId: string; scheduled?: boolean },
  ctx: JobContext,
): Promise<{ roundId: string | null }> {
  const roundId = await draftRound(deps, payload.programmeId, ctx.clock.now(), (done, total, label) =>
    ctx.reportProgress(done, total, label),
  )
  const programme = await findProgramme(deps.db, payload.programmeId)
  if (roundId && payload.scheduled && programme?.owner_id) {
    const ownerId = programme.owner_id
    await deps.bus.transaction(deps.db, (_tx, events) =>
      publishNotice(events, programme, {
        type: 'round_ready',
        personIds: [ownerId],
        link: `/connections/programmes/${programme.id}`,
        detail: 'Preview it and approve it: nobody is told before you do.',
        key: `round_ready:${roundId}`,
      }),
    )
  }
  return { roundId }
}
