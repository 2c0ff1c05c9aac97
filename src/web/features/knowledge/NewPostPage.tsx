import { useState, type FormEvent } from 'react'
import { useNavigate, useParams, useSearchParams } from 'react-router-dom'
import type { MediaItem, PostFields, TopLevelKind } from '../../../shared/knowledge'
import { ErrorAlert } from '../../components/Alerts'
import { TextField } from '../../components/Fields'
import { TagInput } from '../../components/TagInput'
import { useCreatePost } from '../../lib/knowledge'
import { CommunityFrame } from '../communities/CommunityFrame'
import { MediaUploader } from './MediaUploader'
import { PostFieldsEditor } from './PostFieldsEditor'
import { SimilarPosts } from './SimilarPosts'
import './knowledge.css'

const KINDS: { kind: TopLevelKind; label: string; help: string }[] = [
  { kind: 'question', label: 'Question', help: 'Ask the community; the best answer can be accepted.' },
  { kind: 'story', label: 'Story', help: 'Something that happened, with images, audio or video if you like.' },
  { kind: 'practice', label: 'Practice', help: 'A way of working that others can adopt.' },
  { kind: 'lesson', label: 'Lesson', help: 'What a failure taught us, written without blame. It can be anonymous.' },
]

const isKind = (k: string | null): k is TopLevelKind => KINDS.some((x) => x.kind === k)

function KindChoice({ value, onChange }: { value: TopLevelKind; onChange: (k: TopLevelKind) => void }) {
  return (
    <fieldset className="fieldset kind-choice">
      <legend>What are you sharing?</legend>
      {KINDS.map((k) => (
        <div key={k.kind} className="radio">
          <input
            id={`kind-${k.kind}`}
            type="radio"
            name="kind"
            checked={value === k.kind}
            onChange={() => onChange(k.kind)}
            aria-describedby={`kind-${k.kind}-help`}
          />
          <label htmlFor={`kind-${k.kind}`}>{k.label}</label>
          <span id={`kind-${k.kind}-help`} className="hint">
            {k.help}
          </span>
        </div>
      ))}
    </fieldset>
  )
}

/** The editor for a new question, story, practice or lesson in one community. */
function Editor({ slug }: { slug: string }) {
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const requested = params.get('kind')
  const kind: TopLevelKind = isKind(requested) ? requested : 'question'
  const create = useCreatePost(slug)
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [fields, setFields] = useState<PostFields>({})
  const [tags, setTags] = useState<string[]>([])
  const [anonymous, setAnonymous] = useState(false)
  const [media, setMedia] = useState<MediaItem[]>([])
  const [seriesId, setSeriesId] = useState('')
  const [seriesOrder, setSeriesOrder] = useState('')

  function submit(event: FormEvent) {
    event.preventDefault()
    const kept = Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v === 'string' && v.trim())) as PostFields
    create.mutate(
      {
        kind,
        title: title.trim(),
        body,
        tags,
        ...(Object.keys(kept).length && (kind === 'practice' || kind === 'lesson') ? { fields: kept } : {}),
        ...(kind === 'lesson' && anonymous ? { anonymous: true } : {}),
        ...(kind === 'story' && media.length ? { mediaIds: media.map((m) => m.id) } : {}),
        ...(kind === 'story' && seriesId.trim()
          ? { seriesId: seriesId.trim(), ...(seriesOrder ? { seriesOrder: Number(seriesOrder) } : {}) }
          : {}),
      },
      { onSuccess: (post) => void navigate(`/posts/${post.id}`) },
    )
  }

  return (
    <form className="stack post-editor" onSubmit={submit}>
      <KindChoice value={kind} onChange={(k) => setParams({ kind: k }, { replace: true })} />
      <TextField label="Title" required minLength={3} maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} />
      {kind === 'question' && <SimilarPosts title={title} />}
      <PostFieldsEditor kind={kind} body={body} onBody={setBody} fields={fields} onFields={setFields} />
      <TagInput label="Tags" hint="Topics, so the right people find it." value={tags} onChange={setTags} max={10} />
      {kind === 'story' && <MediaUploader items={media} onChange={setMedia} />}
      {kind === 'story' && (
        <fieldset className="fieldset">
          <legend>Series (optional)</legend>
          <p className="hint">Stories with the same series name in this community are read as chapters, in order.</p>
          <div className="grid-2">
            <TextField label="Series name" maxLength={64} value={seriesId} onChange={(e) => setSeriesId(e.target.value)} />
            <TextField
              label="Chapter number"
              type="number"
              min={1}
              max={1000}
              value={seriesOrder}
              onChange={(e) => setSeriesOrder(e.target.value)}
            />
          </div>
        </fieldset>
      )}
      {kind === 'lesson' && (
        <div className="checkbox">
          <input
            id="post-anonymous"
            type="checkbox"
            checked={anonymous}
            onChange={(e) => setAnonymous(e.target.checked)}
            aria-describedby="post-anonymous-hint"
          />
          <label htmlFor="post-anonymous">Post anonymously</label>
          <span id="post-anonymous-hint" className="hint">
            The community sees the lesson, not who wrote it.
          </span>
        </div>
      )}
      <ErrorAlert error={create.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {kind === 'question' ? 'Post the question' : `Share the ${kind}`}
        </button>
      </div>
    </form>
  )
}

/** /communities/:slug/new?kind=…: share something in a community. */
export function NewPostPage() {
  const { slug = '' } = useParams()
  return (
    <CommunityFrame slug={slug} title={(c) => `Share in ${c.name}`}>
      {(c) =>
        c.myRole !== null || c.visibility === 'open' ? (
          <Editor slug={c.slug} />
        ) : (
          <p className="alert alert-info">Join {c.name} to share in it.</p>
        )
      }
    </CommunityFrame>
  )
}
