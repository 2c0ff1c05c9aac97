import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useId, useState, type FormEvent } from 'react'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { api } from '../../lib/api'

type Kind = 'thanks' | 'learned'

/** Thank a person, or tell them you learned from them, with a note (it shows on their learned-from page). */
export function ThankPerson({ personId, name }: { personId: string; name: string }) {
  const id = useId()
  const client = useQueryClient()
  const [kind, setKind] = useState<Kind | null>(null)
  const [note, setNote] = useState('')
  const [done, setDone] = useState('')
  const send = useMutation({
    mutationFn: (arg: { kind: Kind; note: string }) => api(`/api/people/${encodeURIComponent(personId)}/thanks`, { json: arg }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['learned-from'] }),
  })
  function submit(event: FormEvent) {
    event.preventDefault()
    if (!kind) return
    send.mutate(
      { kind, note: note.trim() },
      {
        onSuccess: () => {
          setDone(kind === 'thanks' ? `Your thanks was sent to ${name}.` : `Recorded: you learned from ${name}.`)
          setKind(null)
          setNote('')
        },
      },
    )
  }
  return (
    <div className="thank-person">
      <div className="button-row">
        <button
          type="button"
          className="button"
          aria-expanded={kind === 'thanks'}
          aria-controls={`${id}-form`}
          onClick={() => setKind(kind === 'thanks' ? null : 'thanks')}
        >
          Thank {name}
        </button>
        <button
          type="button"
          className="button"
          aria-expanded={kind === 'learned'}
          aria-controls={`${id}-form`}
          onClick={() => setKind(kind === 'learned' ? null : 'learned')}
        >
          I learned from {name}
        </button>
      </div>
      {kind && (
        <form id={`${id}-form`} className="inline-form reaction-form" onSubmit={submit}>
          <div className="field">
            <label htmlFor={`${id}-note`}>{kind === 'thanks' ? 'What are you thanking them for?' : 'What did you learn?'}</label>
            <input id={`${id}-note`} required maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <button type="submit" className="button button-primary" disabled={send.isPending || !note.trim()}>
            {kind === 'thanks' ? 'Send thanks' : 'Record it'}
          </button>
        </form>
      )}
      <ErrorAlert error={send.error} />
      <StatusMessage>{done}</StatusMessage>
    </div>
  )
}
