import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState, type FormEvent } from 'react'
import type { XapiSettings, XapiSettingsView } from '../../../shared/quiz'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { TextField } from '../../components/Fields'
import { api } from '../../lib/api'

/**
 * Admins name the Learning Record Store that xAPI statements (completions, quiz answers) go to. The secret is
 * write-only: the page shows whether one is stored, never the secret itself.
 */
export function XapiSettingsForm() {
  const client = useQueryClient()
  const current = useQuery({
    queryKey: ['learning', 'xapi'],
    queryFn: ({ signal }) => api<XapiSettingsView>('/api/learning/xapi', { signal }),
  })
  const save = useMutation({
    mutationFn: (body: XapiSettings) => api<XapiSettingsView>('/api/learning/xapi', { method: 'PUT', json: body }),
    onSuccess: (view) => client.setQueryData(['learning', 'xapi'], view),
  })
  const [form, setForm] = useState<XapiSettings>({ endpoint: '', key: '', secret: '', actor: 'account' })
  useEffect(() => {
    if (current.data) setForm((f) => ({ ...f, endpoint: current.data.endpoint, key: current.data.key, actor: current.data.actor }))
  }, [current.data])

  async function submit(event: FormEvent) {
    event.preventDefault()
    await save.mutateAsync(form)
    setForm((f) => ({ ...f, secret: '' }))
  }
  return (
    <details className="card learning-section">
      <summary>Learning Record Store (xAPI)</summary>
      <form onSubmit={(e) => void submit(e).catch(() => undefined)} aria-label="Learning Record Store">
        <p className="hint">
          Statements for completions and quiz answers are queued and sent to this LRS, retried while it is down. Leave the endpoint empty to
          send nothing.
        </p>
        <TextField
          label="Endpoint"
          type="url"
          placeholder="https://lrs.example.com/xapi"
          value={form.endpoint}
          onChange={(e) => setForm({ ...form, endpoint: e.target.value })}
        />
        <TextField label="Key" value={form.key} autoComplete="off" onChange={(e) => setForm({ ...form, key: e.target.value })} />
        <TextField
          label="Secret"
          type="password"
          autoComplete="new-password"
          hint={current.data?.hasSecret ? 'A secret is stored; leave empty to keep it.' : undefined}
          value={form.secret}
          onChange={(e) => setForm({ ...form, secret: e.target.value })}
        />
        <fieldset className="quiz-kinds">
          <legend>Name learners by</legend>
          <label className="quiz-option">
            <input
              type="radio"
              name="xapi-actor"
              checked={form.actor === 'account'}
              onChange={() => setForm({ ...form, actor: 'account' })}
            />
            Their account here (no email leaves)
          </label>
          <label className="quiz-option">
            <input type="radio" name="xapi-actor" checked={form.actor === 'mbox'} onChange={() => setForm({ ...form, actor: 'mbox' })} />
            Their email address
          </label>
        </fieldset>
        <ErrorAlert title="The settings were not saved." error={save.error ?? current.error} />
        {save.isSuccess && <StatusMessage>Saved.</StatusMessage>}
        <button type="submit" className="button" disabled={save.isPending}>
          Save
        </button>
      </form>
    </details>
  )
}
