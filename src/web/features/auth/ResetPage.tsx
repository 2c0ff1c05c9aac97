import { useMutation } from '@tanstack/react-query'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { AuthLayout } from '../../components/AuthLayout'
import { api } from '../../lib/api'
import { useRenewSession } from '../../lib/session'
import { NewPasswordForm } from './NewPasswordForm'

/** Sets a new password from the link in a reset mail, then logs the person in. */
export function ResetPage() {
  const { token = '' } = useParams()
  const navigate = useNavigate()
  const renew = useRenewSession()
  const confirm = useMutation({
    mutationFn: (password: string) => api('/api/auth/password-reset/confirm', { method: 'POST', json: { token, password } }),
    onSuccess: async () => {
      await renew()
      await navigate('/', { replace: true })
    },
  })
  return (
    <AuthLayout title="Choose a new password" intro={<p>Your other sessions will be logged out.</p>}>
      <NewPasswordForm
        submitLabel="Set password and log in"
        pending={confirm.isPending}
        error={confirm.error}
        onSubmit={(password) => confirm.mutate(password)}
      />
      <p className="auth-footer">
        <Link to="/forgot">Ask for a new link</Link>
      </p>
    </AuthLayout>
  )
}
