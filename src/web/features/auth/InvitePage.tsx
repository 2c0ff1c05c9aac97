import { useMutation, useQuery } from '@tanstack/react-query'
import { Link, useNavigate, useParams } from 'react-router-dom'
import type { InvitationInfo } from '../../../shared/schemas'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { AuthLayout } from '../../components/AuthLayout'
import { api } from '../../lib/api'
import { useRenewSession } from '../../lib/session'
import { NewPasswordForm } from './NewPasswordForm'

/** Accepting an invitation: shows who it is for, then the person chooses a password and is logged in. */
export function InvitePage() {
  const { token = '' } = useParams()
  const navigate = useNavigate()
  const renew = useRenewSession()
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api<(typeof InvitationInfo)['static']>(`/api/auth/invitations/${encodeURIComponent(token)}`),
  })
  const accept = useMutation({
    mutationFn: (password: string) => api('/api/auth/invitations/accept', { method: 'POST', json: { token, password } }),
    onSuccess: async () => {
      await renew()
      await navigate('/', { replace: true })
    },
  })

  if (invitation.isPending) {
    return (
      <AuthLayout title="Join Wellspring">
        <Loading label="Checking your invitation…" />
      </AuthLayout>
    )
  }
  if (invitation.isError) {
    return (
      <AuthLayout title="Join Wellspring">
        <ErrorAlert error={invitation.error} />
        <p className="auth-footer">
          <Link to="/login">Go to log in</Link>
        </p>
      </AuthLayout>
    )
  }
  const { name, email } = invitation.data
  return (
    <AuthLayout
      title="Join Wellspring"
      intro={
        <p>
          Welcome, <strong>{name}</strong>. This invitation is for <strong>{email}</strong>. Choose a password to finish joining.
        </p>
      }
    >
      <NewPasswordForm
        submitLabel="Join Wellspring"
        pending={accept.isPending}
        error={accept.error}
        onSubmit={(password) => accept.mutate(password)}
      />
    </AuthLayout>
  )
}
