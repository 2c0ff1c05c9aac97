import { useState } from 'react'
import { Link, useParams } from 'react-router-dom'
import type { Community, JoinRequest } from '../../../shared/communities'
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alerts'
import { Avatar } from '../../components/Avatar'
import { useDecideRequest, useJoinRequests } from '../../lib/communities'
import { mutateThen } from '../../lib/hooks'
import { formatDate } from '../../lib/knowledge'
import { describeRole } from '../../lib/people'
import { CommunityFrame } from './CommunityFrame'

function RequestItem({ slug, request, onDecided }: { slug: string; request: JoinRequest; onDecided: (message: string) => void }) {
  const decide = useDecideRequest(slug)
  const name = request.person.name
  // The approved or declined request leaves the list (and this item unmounts) as the mutation refetches it.
  const act = (approve: boolean) =>
    mutateThen(decide, { id: request.id, approve }, () =>
      onDecided(approve ? `${name} joined as a newcomer.` : `The request from ${name} was declined.`),
    )
  return (
    <li className="request card" aria-label={`Request from ${name}`}>
      <div className="person-cell">
        <Avatar person={request.person} />
        <div>
          <Link to={`/people/${request.person.id}`}>{name}</Link>
          <p className="muted">{describeRole(request.person)}</p>
        </div>
      </div>
      {request.message ? <p className="prewrap request-message">{request.message}</p> : <p className="muted">No message.</p>}
      <p className="muted">Asked {formatDate(request.createdAt)}</p>
      <div className="button-row">
        <button type="button" className="button button-primary" disabled={decide.isPending} onClick={() => act(true)}>
          Approve
        </button>
        <button type="button" className="button button-danger" disabled={decide.isPending} onClick={() => act(false)}>
          Decline
        </button>
      </div>
      <ErrorAlert error={decide.error} />
    </li>
  )
}

function RequestList({ community }: { community: Community }) {
  const requests = useJoinRequests(community.slug, community.myRole === 'steward')
  const [status, setStatus] = useState('')
  if (community.myRole !== 'steward') return <p className="alert alert-info">Only stewards decide who joins.</p>
  if (requests.isPending) return <Loading />
  if (requests.isError) return <ErrorAlert error={requests.error} />
  return (
    <>
      <StatusMessage>{status}</StatusMessage>
      {requests.data.items.length === 0 ? (
        <p className="muted">No one is waiting to join.</p>
      ) : (
        <ul className="request-list" aria-label="Waiting to join">
          {requests.data.items.map((r) => (
            <RequestItem key={r.id} slug={community.slug} request={r} onDecided={setStatus} />
          ))}
        </ul>
      )}
    </>
  )
}

/** Join requests for a closed community, for its stewards to approve or decline. */
export function RequestsPage() {
  const { slug = '' } = useParams()
  return (
    <CommunityFrame slug={slug} title={(c) => `Join requests for ${c.name}`}>
      {(c) => <RequestList community={c} />}
    </CommunityFrame>
  )
}
