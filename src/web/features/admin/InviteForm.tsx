import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { TextField } from '../../components/Fields'
import { api } from '../../lib/api'

/** Invite one person by mail; they choose their own password from the link. */
export function InviteForm() {
  const client = useQueryClient()
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const invite = useMutation({
    mutationFn: (body: { name: string; email: string }) =>
      api<{ personId: string }>('/api/admin/invitations', { method: 'POST', json: body }),
    onSuccess: async () => {
      setName('')
      setEmail('')
      await client.invalidateQueries({ queryKey: ['admin', 'people'] })
    },
  })

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    invite.mutate({ name, email })
  }

  return (
    <section className="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      <form className="inline-form" onSubmit={onSubmit}>
        <TextField label="Name" name="invite-name" required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
        <TextField label="Email" name="invite-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <button type="submit" className="button button-primary" disabled={invite.isPending}>
          {invite.isPending ? 'Sending…' : 'Send invitation'}
        </button>
      </form>
      <ErrorAlert error={invite.error} />
      <StatusMessage>{invite.isSuccess && `Invitation sent to ${invite.variables.email}.`}</StatusMessage>
    </section>
  )
}
