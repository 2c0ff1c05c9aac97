import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import type { AdminPeoplePage, AdminPerson, RoleUpdate } from '../../../shared/schemas'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { api, queryString } from '../../lib/api'
import { useDebounced } from '../../lib/hooks'
import { useViewer } from '../../lib/session'
import { InviteForm } from './InviteForm'

const PAGE_SIZE = 50

function RoleRow({ person, onChange, busy }: { person: AdminPerson; onChange: (update: RoleUpdate) => void; busy: boolean }) {
  const viewer = useViewer()
  return (
    <tr>
      <th scope="row">
        <Link to={`/people/${person.id}`}>{person.name}</Link>
        {person.id === viewer.id && <span className="muted"> (you)</span>}
      </th>
      <td>{person.email}</td>
      <td>{person.status}</td>
      <td>
        <input
          type="checkbox"
          aria-label={`${person.name} is an admin`}
          checked={person.role === 'admin'}
          disabled={busy}
          onChange={(e) => onChange({ role: e.target.checked ? 'admin' : 'member' })}
        />
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`${person.name} has the manager role`}
          checked={person.managerGranted}
          disabled={busy}
          onChange={(e) => onChange({ managerGranted: e.target.checked })}
        />
        {person.isManager && !person.managerGranted && person.role !== 'admin' && <span className="muted"> (has reports)</span>}
      </td>
    </tr>
  )
}

/** Everyone with an account, their roles, and the invitation form. */
export function AdminPeople() {
  const client = useQueryClient()
  const [text, setText] = useState('')
  const [page, setPage] = useState(1)
  // Authors an import brought in (placeholders) are not people with accounts: they are listed apart, on request.
  const [imported, setImported] = useState(false)
  const q = useDebounced(text.trim(), 250)
  const people = useQuery({
    queryKey: ['admin', 'people', q, page, imported],
    queryFn: ({ signal }) =>
      api<AdminPeoplePage>(
        `/api/admin/people${queryString({ q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, placeholders: imported ? 'true' : undefined })}`,
        { signal },
      ),
    placeholderData: keepPreviousData,
  })
  const placeholders = useQuery({
    queryKey: ['admin', 'people', 'placeholder-count'],
    queryFn: ({ signal }) => api<AdminPeoplePage>(`/api/admin/people${queryString({ limit: 1, placeholders: 'true' })}`, { signal }),
  })
  const placeholderCount = placeholders.data?.total ?? 0
  // Changes waiting for the server, shown at once: held here rather than in the query cache, so that a refetch
  // still in flight from an earlier change cannot put the old state back while the box is being clicked.
  const [pending, setPending] = useState<Record<string, RoleUpdate>>({})
  const roles = useMutation({
    mutationFn: ({ id, update }: { id: string; update: RoleUpdate }) =>
      api(`/api/admin/people/${encodeURIComponent(id)}/roles`, { method: 'PATCH', json: update }),
    onMutate: ({ id, update }) => setPending((all) => ({ ...all, [id]: { ...all[id], ...update } })),
    // The refetch shows what the server kept (it refuses to demote the last admin); then the pending change goes.
    onSettled: async (_data, _error, { id }) => {
      await client.invalidateQueries({ queryKey: ['admin', 'people'] })
      setPending(({ [id]: _done, ...rest }) => rest)
    },
  })
  const pages = people.data ? Math.max(1, Math.ceil(people.data.total / PAGE_SIZE)) : 1

  return (
    <div className="stack">
      <InviteForm />
      <section className="card" aria-labelledby="people-roles-heading">
        <h2 id="people-roles-heading">People and roles</h2>
        <div className="field">
          <label htmlFor="admin-people-q">Search people</label>
          <input
            id="admin-people-q"
            type="search"
            value={text}
            onChange={(e) => {
              setText(e.target.value)
              setPage(1)
            }}
          />
        </div>
        {(placeholderCount > 0 || imported) && (
          <div className="checkbox">
            <input
              id="admin-people-imported"
              type="checkbox"
              checked={imported}
              onChange={(e) => {
                setImported(e.target.checked)
                setPage(1)
              }}
            />
            <label htmlFor="admin-people-imported">
              Show only imported authors ({placeholderCount}): people named in a Q&amp;A import who have no account here. They are kept for
              attribution and are not members of any community.
            </label>
          </div>
        )}
        <ErrorAlert error={roles.error} />
        <ErrorAlert error={people.error} />
        {people.isPending && <Loading />}
        {people.data && (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">People, with their account status and roles</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Status</th>
                  <th scope="col">Admin</th>
                  <th scope="col">Manager</th>
                </tr>
              </thead>
              <tbody>
                {people.data.items.map((p) => (
                  <RoleRow
                    key={p.id}
                    person={{ ...p, ...pending[p.id] }}
                    busy={roles.isPending}
                    onChange={(update) => roles.mutate({ id: p.id, update })}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pages > 1 && (
          <nav className="pager" aria-label="Pages of people">
            <button type="button" className="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              Previous
            </button>
            <span>
              Page {page} of {pages}
            </span>
            <button type="button" className="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
              Next
            </button>
          </nav>
        )}
      </section>
    </div>
  )
}
