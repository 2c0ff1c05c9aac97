import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router-dom'
import { ErrorAlert } from '../../components/Alerts'
import { AuthLayout } from '../../components/AuthLayout'
import { TextField } from '../../components/Fields'
import { api } from '../../lib/api'
import { useRenewSession } from '../../lib/session'

/** First run: create the first admin account. */
export function SetupPage() {
  const navigate = useNavigate()
  const renew = useRenewSession()
  const [form, setForm] = useState({ name: '', email: '', password: '' })
  const setup = useMutation({
    mutationFn: () => api('/api/setup', { method: 'POST', json: form }),
    onSuccess: async () => {
      await renew()
      await navigate('/', { replace: true })
    },
  })

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    setup.mutate()
  }

  return (
    <AuthLayout
      title="Set up Wellspring"
      intro={<p>Welcome! Create the first administrator account. You can invite everyone else, or import your roster, once you are in.</p>}
    >
      <form className="stack" onSubmit={onSubmit}>
        <ErrorAlert error={setup.error} />
        <TextField
          label="Your name"
          name="name"
          autoComplete="name"
          required
          maxLength={120}
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters. A few words you will remember work well."
          required
          minLength={10}
          maxLength={200}
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
        />
        <button type="submit" className="button button-primary" disabled={setup.isPending}>
          {setup.isPending ? 'Creating…' : 'Create admin account'}
        </button>
      </form>
    </AuthLayout>
  )
}
