import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { Link, Navigate, useSearchParams } from 'react-router-dom'
import { ErrorAlert } from '../../components/Alerts'
import { AuthLayout } from '../../components/AuthLayout'
import { TextField } from '../../components/Fields'
import { api } from '../../lib/api'
import { useRenewSession, useSession } from '../../lib/session'
import { ssoErrorMessage } from './sso-errors'

/** Only same-site paths are followed after login, so a crafted link cannot send people elsewhere. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/'
}

export function LoginPage() {
  const { data: session } = useSession()
  const [params] = useSearchParams()
  const renew = useRenewSession()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const next = safeNext(params.get('next'))
  const login = useMutation({
    mutationFn: () => api('/api/auth/login', { method: 'POST', json: { email, password } }),
    // Once the new session is loaded this page redirects to `next` by itself (see below).
    onSuccess: () => renew(),
  })

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    login.mutate()
  }

  if (session?.viewer) return <Navigate to={next} replace />
  const sso = session?.sso
  // Shown until the person tries again, so a failed sign-on is never silent.
  const ssoError = login.isIdle ? ssoErrorMessage(params.get('error')) : null
  return (
    <AuthLayout title="Log in">
      {ssoError && (
        <div role="alert" className="alert alert-error auth-alert">
          {ssoError}
        </div>
      )}
      {sso && (
        <>
          <a className="button button-primary button-block" href={`/api/auth/oidc/start?returnTo=${encodeURIComponent(next)}`}>
            Sign in with {sso.name}
          </a>
          <p className="divider">
            <span>or with your password</span>
          </p>
        </>
      )}
      <form className="stack" onSubmit={onSubmit}>
        <ErrorAlert error={login.error} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className={sso ? 'button' : 'button button-primary'} disabled={login.isPending}>
          {login.isPending ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p className="auth-footer">
        <Link to="/forgot">Forgot your password?</Link>
      </p>
    </AuthLayout>
  )
}
