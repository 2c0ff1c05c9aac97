import { useState, type FormEvent } from 'react'
import type { Post, PostFields, TopLevelKind } from '../../../shared/knowledge'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { TextField } from '../../components/Fields'
import { TagInput } from '../../components/TagInput'
import { editPost, formatDate, useRevisions, useThreadMutation } from '../../lib/knowledge'
import { MarkdownField } from './MarkdownField'
import { PostFieldsEditor } from './PostFieldsEditor'

const isTopLevel = (k: Post['kind']): k is TopLevelKind => k !== 'answer' && k !== 'comment'

/** Edits a post in place; the earlier version is kept in its history. */
export function EditPostForm({ post, rootId, onDone }: { post: Post; rootId: number; onDone: () => void }) {
  const [title, setTitle] = useState(post.title)
  const [body, setBody] = useState(post.body)
  const [fields, setFields] = useState<PostFields>(post.fields)
  const [tags, setTags] = useState(post.tags)
  const save = useThreadMutation(rootId, () =>
    editPost(post.id, isTopLevel(post.kind) ? { title: title.trim(), body, tags, fields } : { body }),
  )
  function submit(event: FormEvent) {
    event.preventDefault()
    save.mutate(undefined, { onSuccess: onDone })
  }
  return (
    <form className="stack edit-form" onSubmit={submit} aria-label="Edit post">
      {isTopLevel(post.kind) ? (
        <>
          <TextField label="Title" required minLength={3} maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} />
          <PostFieldsEditor kind={post.kind} body={body} onBody={setBody} fields={fields} onFields={setFields} />
          <TagInput label="Tags" value={tags} onChange={setTags} max={10} />
        </>
      ) : (
        <MarkdownField label={post.kind === 'answer' ? 'Your answer' : 'Your comment'} value={body} onChange={setBody} required mentions />
      )}
      <ErrorAlert error={save.error} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          Save changes
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}

/** Earlier versions of a post, newest first, shown as plain text. */
export function RevisionHistory({ post }: { post: Post }) {
  const revisions = useRevisions(post.id, true)
  if (revisions.isPending) return <Loading />
  if (revisions.isError) return <ErrorAlert error={revisions.error} />
  const items = [...revisions.data.items].reverse()
  return (
    <section className="history" aria-label={`Earlier versions of ${post.title || 'this post'}`}>
      {items.length === 0 ? (
        <p className="muted">No earlier versions.</p>
      ) : (
        <ol className="revision-list">
          {items.map((r, i) => (
            <li key={`${r.at}-${i}`}>
              <p>
                <strong>{formatDate(r.at)}</strong> <span className="muted">by {r.editor?.name ?? 'the author'}</span>
              </p>
              {r.title && <p className="revision-title">{r.title}</p>}
              <pre className="revision-body">{r.body}</pre>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
