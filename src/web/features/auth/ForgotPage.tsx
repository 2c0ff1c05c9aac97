import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { Link } from 'react-router-dom'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { AuthLayout } from '../../components/AuthLayout'
import { TextField } from '../../components/Fields'
import { api } from '../../lib/api'

/** Asks for a password reset link by mail. The answer is the same whether or not the account exists. */
export function ForgotPage() {
  const [email, setEmail] = useState('')
  const request = useMutation({
    mutationFn: (to: string) => api('/api/auth/password-reset/request', { method: 'POST', json: { email: to } }),
  })

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    request.mutate(email)
  }

  return (
    <AuthLayout
      title="Reset your password"
      intro={<p>Enter the email you use for Wellspring and we will mail you a link to choose a new password.</p>}
    >
      <form className="stack" onSubmit={onSubmit}>
        <ErrorAlert error={request.error} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <button type="submit" className="button button-primary" disabled={request.isPending}>
          {request.isPending ? 'Sending…' : 'Send reset link'}
        </button>
        <StatusMessage>
          {request.isSuccess && `If an account exists for ${request.variables}, a reset link is on its way. It works for one hour.`}
        </StatusMessage>
      </form>
      <p className="auth-footer">
        <Link to="/login">Back to log in</Link>
      </p>
    </AuthLayout>
  )
}
