import { useId, useState, type FormEvent } from 'react'
import type { Post, ThreadMine } from '../../../shared/knowledge'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { thankPost, useThreadMutation } from '../../lib/knowledge'

type Kind = 'thanks' | 'learned'
const LABELS: Record<Kind, { button: string; given: string; done: string }> = {
  thanks: { button: 'Thank', given: 'Thanked', done: 'Your thanks was sent.' },
  learned: { button: 'I learned this from you', given: 'You learned from this', done: 'Recorded: you learned this.' },
}

/**
 * Thanks and "I learned this from you" on a post, each with an optional note. What the viewer already said comes
 * with the thread (`mine`), so a thread page is one request.
 */
export function Reactions({ post, rootId, viewerId, mine }: { post: Post; rootId: number; viewerId: string; mine: ThreadMine }) {
  const id = useId()
  const [open, setOpen] = useState<Kind | null>(null)
  const [note, setNote] = useState('')
  const [done, setDone] = useState('')
  const send = useThreadMutation(rootId, (arg: { kind: Kind; note: string }) => thankPost(post.id, arg.kind, arg.note))
  // Your own post, anonymous or not: thanking yourself makes no sense (and would name you on an anonymous lesson).
  const own = post.mine || post.author?.id === viewerId
  const given: Record<Kind, boolean> = { thanks: mine.thanks.includes(post.id), learned: mine.learned.includes(post.id) }
  const counts = `${post.thanksCount} thanks · ${post.learnedCount} learned from it`
  if (own || post.deleted) return <p className="muted reaction-counts">{counts}</p>

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!open) return
    const kind = open
    send.mutate(
      { kind, note },
      {
        onSuccess: () => {
          setDone(LABELS[kind].done)
          setOpen(null)
          setNote('')
        },
      },
    )
  }

  const target = post.title || (post.kind === 'answer' ? `the answer by ${post.author?.name ?? 'someone'}` : 'this')
  return (
    <div className="reactions">
      <div className="button-row">
        {(['thanks', 'learned'] as const).map((kind) =>
          given[kind] ? (
            // Said once, it stays said: the button shows it instead of offering a second time.
            <button
              key={kind}
              type="button"
              className="button button-small button-done"
              disabled
              aria-label={`${LABELS[kind].given}: ${target}`}
            >
              ✓ {LABELS[kind].given}
            </button>
          ) : (
            <button
              key={kind}
              type="button"
              className="button button-small"
              aria-expanded={open === kind}
              aria-controls={`${id}-form`}
              aria-label={`${LABELS[kind].button}: ${target}`}
              onClick={() => {
                setOpen(open === kind ? null : kind)
                setDone('')
              }}
            >
              {LABELS[kind].button}
            </button>
          ),
        )}
        <span className="muted reaction-counts">{counts}</span>
      </div>
      {open && (
        <form id={`${id}-form`} className="inline-form reaction-form" onSubmit={submit}>
          <div className="field">
            <label htmlFor={`${id}-note`}>{open === 'thanks' ? 'Note with your thanks (optional)' : 'What you learned (optional)'}</label>
            <input id={`${id}-note`} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <button type="submit" className="button button-primary" disabled={send.isPending}>
            {open === 'thanks' ? 'Send thanks' : 'Record it'}
          </button>
        </form>
      )}
      <ErrorAlert error={send.error} />
      <StatusMessage>{done}</StatusMessage>
    </div>
  )
}
