import { useId, useState, type FormEvent } from 'react'
import { Link } from 'react-router-dom'
import type { Post } from '../../../shared/knowledge'
import type { FlagReason } from '../../../shared/qa'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { useFlagPost } from '../../lib/qa'

export const FLAG_REASONS: [FlagReason, string][] = [
  ['spam', 'Spam or advertising'],
  ['rude', 'Rude or abusive'],
  ['off_topic', 'Off-topic for this community'],
  ['other', 'Something else'],
]

/** "Flag": report a post to the stewards of its community, with a reason and a note. */
export function FlagPost({ post, viewerId }: { post: Post; viewerId: string }) {
  const id = useId()
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState<FlagReason>('spam')
  const [note, setNote] = useState('')
  const [done, setDone] = useState(false)
  const flag = useFlagPost(post.id)
  if (post.author?.id === viewerId || post.deleted) return null
  if (done)
    return (
      <StatusMessage>
        Flagged for the stewards to review. <Link to="/flags">See what they decide</Link>.
      </StatusMessage>
    )

  function submit(event: FormEvent) {
    event.preventDefault()
    flag.mutate({ reason, note: note.trim() || undefined }, { onSuccess: () => setDone(true) })
  }

  return (
    <>
      <button type="button" className="button button-small button-quiet" aria-expanded={open} onClick={() => setOpen(!open)}>
        Flag
      </button>
      {open && (
        <form className="inline-form flag-form" onSubmit={submit} aria-label={`Flag this ${post.kind}`}>
          <fieldset>
            <legend>What is wrong with this {post.kind}?</legend>
            {FLAG_REASONS.map(([value, label]) => (
              <label key={value} className="radio">
                <input type="radio" name={`${id}-reason`} value={value} checked={reason === value} onChange={() => setReason(value)} />{' '}
                {label}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-note`}>Note for the stewards{reason === 'other' ? '' : ' (optional)'}</label>
            <input
              id={`${id}-note`}
              maxLength={1000}
              value={note}
              required={reason === 'other'}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          <button type="submit" className="button button-primary" disabled={flag.isPending}>
            Send flag
          </button>
          <ErrorAlert error={flag.error} />
        </form>
      )}
    </>
  )
}
