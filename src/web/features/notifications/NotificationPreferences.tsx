import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import type { DigestFrequency, NotificationKind, NotificationPreferences } from '../../../shared/notifications'
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alerts'
import { api } from '../../lib/api'

const KINDS: [NotificationKind, string][] = [
  ['answer', 'Answers to my questions'],
  ['reply', 'Comments on my posts'],
  ['mention', 'Mentions of me'],
  ['accepted', 'My answer was accepted'],
  ['thanks', 'Thanks'],
  ['learned', 'Someone learned from me'],
  ['join_request', 'Requests to join communities I steward'],
  ['join_decided', 'Decisions on my requests to join'],
  ['session', 'Seats freed up and cancelled sessions'],
  ['connection', 'Mentoring, circles, lunches and introductions: matches, invites, reminders'],

  ['assignment', 'Learning your manager asks you to take'],
  ['new_post', 'New posts in communities I follow'],
]

const DIGESTS: [DigestFrequency, string][] = [
  ['none', 'No digest'],
  ['daily', 'Daily'],
  ['weekly', 'Weekly'],
]

function PreferencesForm({ initial }: { initial: NotificationPreferences }) {
  const client = useQueryClient()
  const [prefs, setPrefs] = useState(initial)
  const [saved, setSaved] = useState('')
  const save = useMutation({
    mutationFn: (body: NotificationPreferences) =>
      api<NotificationPreferences>('/api/notifications/preferences', { method: 'PUT', json: body }),
    onSuccess: (data) => {
      client.setQueryData(['notification-preferences'], data)
      setSaved('Your mail choices are saved.')
    },
  })
  function toggle(kind: NotificationKind, on: boolean) {
    setPrefs({ ...prefs, emailKinds: on ? [...prefs.emailKinds, kind] : prefs.emailKinds.filter((k) => k !== kind) })
  }
  function submit(event: FormEvent) {
    event.preventDefault()
    setSaved('')
    save.mutate(prefs)
  }
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="prefs-heading">
      <h2 id="prefs-heading">Mail</h2>
      <fieldset className="fieldset">
        <legend>Mail me right away about</legend>
        {KINDS.map(([kind, label]) => (
          <div key={kind} className="checkbox">
            <input
              id={`mail-${kind}`}
              type="checkbox"
              checked={prefs.emailKinds.includes(kind)}
              onChange={(e) => toggle(kind, e.target.checked)}
            />
            <label htmlFor={`mail-${kind}`}>{label}</label>
          </div>
        ))}
      </fieldset>
      <fieldset className="fieldset">
        <legend>Digest of what I have not read</legend>
        {DIGESTS.map(([value, label]) => (
          <div key={value} className="checkbox">
            <input
              id={`digest-${value}`}
              type="radio"
              name="digest"
              checked={prefs.digest === value}
              onChange={() => setPrefs({ ...prefs, digest: value })}
            />
            <label htmlFor={`digest-${value}`}>{label}</label>
          </div>
        ))}
      </fieldset>
      <p className="hint">Every mail has a link to stop it, which works without logging in.</p>
      <ErrorAlert error={save.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          Save mail choices
        </button>
        <StatusMessage>{saved}</StatusMessage>
      </div>
    </form>
  )
}

/** Which notifications are also mailed, and how often the digest comes. */
export function NotificationPreferencesForm() {
  const prefs = useQuery({
    queryKey: ['notification-preferences'],
    queryFn: ({ signal }) => api<NotificationPreferences>('/api/notifications/preferences', { signal }),
  })
  if (prefs.isPending) return <Loading />
  if (prefs.isError) return <ErrorAlert error={prefs.error} />
  return <PreferencesForm initial={prefs.data} />
}
