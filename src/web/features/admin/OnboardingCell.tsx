import type { AdminPerson } from '../../../shared/schemas'
import type { OnboardingState } from '../../../shared/onboarding'
import { RelativeTime } from '../../components/RelativeTime'

/** The onboarding states as the filter and the table name them. */
export const STATE_LABELS: Record<OnboardingState, string> = {
  active: 'Active',
  invited: 'Invited, not joined',
  not_invited: 'Never invited',
  no_login: 'Never logged in',
}

/** Where a person is in joining: active with their last login, invited with when, or not yet. */
export function OnboardingCell({ person }: { person: AdminPerson }) {
  if (person.status === 'erased') return <>Erased</>
  if (person.onboarding === 'active' && person.lastLoginAt)
    return (
      <>
        Active{' '}
        <span className="muted">
          · last login <RelativeTime iso={person.lastLoginAt} />
        </span>
      </>
    )
  if (person.onboarding === 'invited' && person.invitedAt) {
    const expired = person.invitationExpiresAt !== null && Date.parse(person.invitationExpiresAt) <= Date.now()
    return (
      <>
        Invited <RelativeTime iso={person.invitedAt} />
        {expired && <span className="muted"> · link expired</span>}
        <span className="muted"> · never logged in</span>
      </>
    )
  }
  return <>{STATE_LABELS[person.onboarding]}</>
}
