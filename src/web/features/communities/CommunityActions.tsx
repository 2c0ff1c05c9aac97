import { useState } from 'react'
import { Link } from 'react-router-dom'
import type { Community } from '../../../shared/communities'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { TextArea } from '../../components/Fields'
import { useFollow, useJoin, useLeave } from '../../lib/communities'

/** Asking to join a closed community: a short message to the stewards, then "waiting". */
function RequestForm({ community }: { community: Community }) {
  const join = useJoin(community.slug)
  const [open, setOpen] = useState(false)
  const [message, setMessage] = useState('')
  if (!open) {
    return (
      <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
        Ask to join
      </button>
    )
  }
  return (
    <form
      className="request-form stack"
      onSubmit={(e) => {
        e.preventDefault()
        join.mutate(message.trim())
      }}
    >
      <TextArea
        label="Message to the stewards (optional)"
        hint="Say who you are and why you would like to join."
        value={message}
        maxLength={1000}
        rows={3}
        onChange={(e) => setMessage(e.target.value)}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={join.isPending}>
          Send request
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      <ErrorAlert error={join.error} />
    </form>
  )
}

/** What the viewer can do about a community: join or ask to join, follow, post, leave. */
export function CommunityActions({ community }: { community: Community }) {
  const join = useJoin(community.slug)
  const leave = useLeave(community.slug)
  const follow = useFollow(community.slug)
  const [done, setDone] = useState('')
  const member = community.myRole !== null
  const canPost = member || community.visibility === 'open'

  return (
    <div className="community-actions">
      <div className="button-row">
        {canPost && (
          <Link className="button button-primary" to={`/communities/${community.slug}/new`}>
            Share something
          </Link>
        )}
        {!member && community.visibility === 'open' && (
          <button
            type="button"
            className="button"
            disabled={join.isPending}
            onClick={() => join.mutate('', { onSuccess: () => setDone(`You joined ${community.name}.`) })}
          >
            Join
          </button>
        )}
        {member && (
          <button
            type="button"
            className="button"
            aria-pressed={community.following}
            disabled={follow.isPending}
            onClick={() =>
              follow.mutate(!community.following, {
                onSuccess: () =>
                  setDone(community.following ? 'You no longer follow new posts here.' : 'You will be told about new posts here.'),
              })
            }
          >
            Follow new posts
          </button>
        )}
        {member && (
          <button
            type="button"
            className="button"
            disabled={leave.isPending}
            onClick={() => leave.mutate(undefined, { onSuccess: () => setDone(`You left ${community.name}.`) })}
          >
            Leave
          </button>
        )}
      </div>
      {!member && community.visibility !== 'open' && community.myRequest === 'pending' && (
        <p className="alert alert-info">Your request to join is waiting for a steward.</p>
      )}
      {!member && community.visibility !== 'open' && community.myRequest !== 'pending' && <RequestForm community={community} />}
      <ErrorAlert error={join.error ?? leave.error ?? follow.error} />
      <StatusMessage>{done}</StatusMessage>
    </div>
  )
}
