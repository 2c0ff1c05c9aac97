import { useState, type FormEvent } from 'react'
import { ErrorAlert } from '../../components/Alerts'
import { TextField } from '../../components/Fields'

interface NewPasswordFormProps {
  submitLabel: string
  pending: boolean
  error: unknown
  onSubmit: (password: string) => void
}

/** Choose a password twice; mismatches are caught here before anything is sent. */
export function NewPasswordForm({ submitLabel, pending, error, onSubmit }: NewPasswordFormProps) {
  const [password, setPassword] = useState('')
  const [again, setAgain] = useState('')
  const [mismatch, setMismatch] = useState(false)

  function submit(event: FormEvent) {
    event.preventDefault()
    if (password !== again) {
      setMismatch(true)
      return
    }
    setMismatch(false)
    onSubmit(password)
  }

  return (
    <form className="stack" onSubmit={submit}>
      <ErrorAlert error={mismatch ? new Error('The two passwords are not the same.') : error} />
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        required
        minLength={10}
        maxLength={200}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <TextField
        label="Repeat the password"
        name="password-again"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        maxLength={200}
        value={again}
        onChange={(e) => setAgain(e.target.value)}
      />
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Saving…' : submitLabel}
      </button>
    </form>
  )
}
