import type { ChecklistStep, SetupChecklist } from '../../shared/onboarding.js'
import { communityIdsByVisibility } from '../communities/lookup.js'
import { countFinishedQaImports } from '../imports/lookup.js'
import { countPosts } from '../knowledge/lookup.js'
import { onboardingCounts } from '../people/lookup.js'
import { recordAudit } from '../platform/audit.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Config } from '../platform/config.js'
import type { Db } from '../platform/db/dialect.js'
import { ConflictError } from '../platform/errors.js'
import { getSetting, setSettingOnce, ssoSignInKey } from '../platform/settings.js'
import { nowIso } from '../platform/time.js'

const DISMISSED_KEY = 'onboarding.checklist_dismissed'

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/**
 * The admin's day-zero checklist, each step's state read from the data that shows it done: an applied roster
 * import, people invited and joined, single sign-on configured and used once, a first community, a finished
 * Q&A import. Nothing is ticked by hand.
 */
export async function getSetupChecklist(db: Db, config: Config): Promise<SetupChecklist> {
  const [people, communities, imports, posts, ssoTested, dismissed] = await Promise.all([
    onboardingCounts(db),
    communityIdsByVisibility(db),
    countFinishedQaImports(db),
    countPosts(db),
    config.oidc ? getSetting(db, ssoSignInKey(config.oidc.issuer)) : Promise.resolve(undefined),
    getSetting(db, DISMISSED_KEY),
  ])
  const others = people.people - 1
  // People with a password (set by an earlier system or a demo load) who never signed in: neither invited nor joined.
  const idle = Math.max(0, people.people - people.active - people.invited - people.notInvited)
  const steps: ChecklistStep[] = [
    {
      id: 'roster',
      title: 'Import your roster',
      done: people.rosterImported,
      optional: false,
      detail: people.rosterImported
        ? `Imported: ${plural(people.people, 'person', 'people')} in the roster.`
        : 'Add everyone at once from your HR export (CSV), with departments and managers.',
      link: '/admin?tab=roster',
      linkLabel: people.rosterImported ? 'Import again' : 'Import the roster',
    },
    {
      id: 'invitations',
      title: 'Invite people',
      done: others > 0 && people.notInvited === 0,
      optional: false,
      detail:
        others <= 0
          ? 'No one to invite yet: import the roster first.'
          : `${people.active} of ${plural(people.people, 'person', 'people')} joined; ${people.invited} invited and not joined yet; ${people.notInvited} never invited${idle > 0 ? `; ${idle} can sign in but never have` : ''}.`,
      link: '/admin?state=not_invited',
      linkLabel: people.notInvited > 0 ? 'Invite people' : 'See who joined',
    },
    ssoStep(config, ssoTested),
    {
      id: 'communities',
      title: 'Start the first communities',
      done: communities.length > 0,
      optional: false,
      detail:
        communities.length > 0
          ? `${plural(communities.length, 'community', 'communities')} so far.`
          : 'No community yet: start one for a practice people share, and they can join it.',
      link: '/communities/new',
      linkLabel: 'Start a community',
    },
    {
      id: 'content',
      title: 'Bring in existing questions and answers',
      done: imports > 0,
      optional: false,
      detail:
        imports > 0
          ? `${plural(imports, 'Q&A import')} done; ${plural(posts, 'post')} in all.`
          : 'Import a Stack Exchange or Stack Overflow for Teams dump, so the first searches find answers.',
      link: '/admin?tab=qa',
      linkLabel: 'Import Q&A',
    },
  ]
  const complete = steps.every((s) => s.done || s.optional)
  return {
    steps,
    done: steps.filter((s) => s.done).length,
    total: steps.length,
    complete,
    dismissed: complete && dismissed !== undefined,
  }
}

function ssoStep(config: Config, firstSignIn: string | undefined): ChecklistStep {
  const base = { id: 'sso' as const, title: 'Single sign-on' }
  if (!config.oidc)
    return {
      ...base,
      done: false,
      optional: true,
      detail:
        'Not configured (optional): set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET in the server environment to let people sign in with your identity provider.',
      link: null,
      linkLabel: '',
    }
  if (!firstSignIn)
    return {
      ...base,
      done: false,
      optional: false,
      detail: `Configured (${config.oidc.name}), not tested: no one has signed in through it yet.`,
      link: '/api/auth/oidc/start?returnTo=%2F',
      linkLabel: `Test: sign in with ${config.oidc.name}`,
    }
  return {
    ...base,
    done: true,
    optional: false,
    detail: `Configured (${config.oidc.name}) and tested: first sign-in ${firstSignIn.slice(0, 10)}.`,
    link: null,
    linkLabel: '',
  }
}

/** Hides the checklist from the home page; only once every step it needs is done. */
export async function dismissSetupChecklist(db: Db, config: Config, viewer: Viewer): Promise<SetupChecklist> {
  const checklist = await getSetupChecklist(db, config)
  if (!checklist.complete) throw new ConflictError('checklist_not_done', 'finish the steps first; then the checklist can be dismissed')
  await setSettingOnce(db, DISMISSED_KEY, viewer.id, nowIso())
  await recordAudit(db, viewer.id, 'onboarding.dismiss', 'setup-checklist')
  return { ...checklist, dismissed: true }
}
