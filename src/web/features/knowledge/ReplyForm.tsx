import { useState, type FormEvent } from 'react'
import { ErrorAlert } from '../../components/Alerts'
import { replyTo, useThreadMutation } from '../../lib/knowledge'
import { MarkdownField } from './MarkdownField'

/** An answer to a question, or a comment on any post. */
export function ReplyForm({
  parentId,
  rootId,
  kind,
  label,
  onDone,
}: {
  parentId: number
  rootId: number
  kind: 'answer' | 'comment'
  label: string
  onDone?: () => void
}) {
  const [body, setBody] = useState('')
  const send = useThreadMutation(rootId, (text: string) => replyTo(parentId, kind, text))
  function submit(event: FormEvent) {
    event.preventDefault()
    send.mutate(body, {
      onSuccess: (post) => {
        setBody('')
        onDone?.()
        // The new reply is in the refreshed thread; bring it into view.
        requestAnimationFrame(() => document.getElementById(`post-${post.id}`)?.scrollIntoView({ block: 'center' }))
      },
    })
  }
  return (
    <form className="stack reply-form" onSubmit={submit}>
      <MarkdownField label={label} value={body} onChange={setBody} rows={kind === 'answer' ? 6 : 3} required mentions />
      <ErrorAlert error={send.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={send.isPending || !body.trim()}>
          {kind === 'answer' ? 'Post your answer' : 'Add comment'}
        </button>
      </div>
    </form>
  )
}
