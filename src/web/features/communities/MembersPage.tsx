import { useState } from 'react'
import { Link, useParams } from 'react-router-dom'
import type { Community, CommunityRole, Member } from '../../../shared/communities'
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alerts'
import { Avatar } from '../../components/Avatar'
import { PersonSearch } from '../../components/PersonSearch'
import { ROLE_LABELS, ROLES, useAddMember, useMembers, useSetRole } from '../../lib/communities'
import { formatDate } from '../../lib/knowledge'
import { CommunityFrame } from './CommunityFrame'
import { TableScroll } from '../../components/TableScroll'

/** A steward's control for one member's role: changes at once, and says so. */
function RoleSelect({ slug, member, onDone }: { slug: string; member: Member; onDone: (message: string, error?: unknown) => void }) {
  const setRole = useSetRole(slug)
  return (
    <select
      aria-label={`Role of ${member.person.name}`}
      value={member.role}
      disabled={setRole.isPending}
      onChange={(e) => {
        const role = e.target.value as CommunityRole
        setRole.mutate(
          { personId: member.person.id, role },
          {
            onSuccess: () => onDone(`${member.person.name} is now ${ROLE_LABELS[role].toLowerCase()}.`),
            onError: (err) => onDone('', err),
          },
        )
      }}
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABELS[r]}
        </option>
      ))}
    </select>
  )
}

/** Stewards add people directly: the only way into a secret community, and a shortcut elsewhere. */
function AddMember({ community, onDone }: { community: Community; onDone: (message: string, error?: unknown) => void }) {
  const add = useAddMember(community.slug)
  return (
    <PersonSearch
      label="Add a person"
      action={`add to ${community.name}`}
      onPick={(person) =>
        add.mutate(person.id, {
          onSuccess: () => onDone(`${person.name} joined ${community.name} as a newcomer.`),
          onError: (err) => onDone('', err),
        })
      }
    />
  )
}

function MembersTable({ community }: { community: Community }) {
  const members = useMembers(community.slug)
  const [status, setStatus] = useState('')
  const [error, setError] = useState<unknown>(null)
  const steward = community.myRole === 'steward'
  if (members.isPending) return <Loading />
  if (members.isError) return <ErrorAlert error={members.error} />
  const order = (m: Member) => ROLES.length - ROLES.indexOf(m.role)
  const rows = [...members.data.items].sort((a, b) => order(a) - order(b) || a.person.name.localeCompare(b.person.name))
  return (
    <>
      {steward && (
        <AddMember
          community={community}
          onDone={(message, err) => {
            setStatus(message)
            setError(err ?? null)
          }}
        />
      )}
      {steward && (
        <p className="hint">
          As a steward you can move people between roles by hand. The promotion rules in Settings also move them as they take part.
        </p>
      )}
      <ErrorAlert error={error} />
      <StatusMessage>{status}</StatusMessage>
      <TableScroll>
        <table>
          <caption>
            {rows.length} {rows.length === 1 ? 'member' : 'members'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Role</th>
              <th scope="col">Joined</th>
              <th scope="col">In this role since</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.person.id}>
                <th scope="row">
                  <span className="person-cell">
                    <Avatar person={m.person} size="small" />
                    <Link to={`/people/${m.person.id}`}>{m.person.name}</Link>
                  </span>
                </th>
                <td>
                  {steward ? (
                    <RoleSelect
                      slug={community.slug}
                      member={m}
                      onDone={(message, err) => {
                        setStatus(message)
                        setError(err ?? null)
                      }}
                    />
                  ) : (
                    ROLE_LABELS[m.role]
                  )}
                </td>
                <td>{formatDate(m.joinedAt)}</td>
                <td>{formatDate(m.roleSince)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  )
}

/** Everyone in a community with their role; stewards change roles here. */
export function MembersPage() {
  const { slug = '' } = useParams()
  return (
    <CommunityFrame slug={slug} title={(c) => `Members of ${c.name}`}>
      {(c) => (c.canSeeContent ? <MembersTable community={c} /> : <p className="alert alert-info">Only members see who is in {c.name}.</p>)}
    </CommunityFrame>
  )
}
