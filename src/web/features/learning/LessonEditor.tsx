import { useEffect, useState, type FormEvent } from 'react'
import { useNavigate, useParams } from 'react-router-dom'
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alerts'
import { TextArea, TextField } from '../../components/Fields'
import { Page } from '../../components/Page'
import { useCommunities } from '../../lib/communities'
import { uploadWithProgress } from '../../lib/upload'
import { lessonUrl, useLesson, useSaveLesson } from './lessons-api'
import './learning.css'

interface Draft {
  title: string
  body: string
}

const MEDIA_ACCEPT = '.png,.jpg,.jpeg,.gif,.webp,.svg,.mp3,.ogg,.wav,.mp4,.webm'

/** One page of the draft: its title, its Markdown, and a file to embed (saved lessons only). */
function PageEditor(props: {
  index: number
  count: number
  page: Draft
  lessonId: string | undefined
  onChange: (page: Draft) => void
  onMove: (by: -1 | 1) => void
  onRemove: () => void
}) {
  const { index, count, page, lessonId } = props
  const [uploadError, setUploadError] = useState<unknown>(null)
  const [uploaded, setUploaded] = useState<string | null>(null)

  async function upload(file: File | undefined) {
    if (!file || !lessonId) return
    setUploadError(null)
    try {
      const added = await uploadWithProgress<{ name: string; markdown: string }>(`${lessonUrl(lessonId)}/media`, {
        body: file,
        contentType: file.type,
        headers: { 'x-filename': encodeURIComponent(file.name) },
      })
      props.onChange({ ...page, body: `${page.body.trimEnd()}\n\n${added.markdown}\n` })
      setUploaded(added.name)
    } catch (err) {
      setUploadError(err)
    }
  }

  return (
    <fieldset className="lesson-page-editor">
      <legend>Page {index + 1}</legend>
      <TextField
        label="Page title"
        required
        maxLength={160}
        value={page.title}
        onChange={(e) => props.onChange({ ...page, title: e.target.value })}
      />
      <TextArea
        label="Content (Markdown)"
        hint="Headings, lists, links, code and images. Embed a file below: it goes in as media/name."
        required
        maxLength={100_000}
        value={page.body}
        onChange={(e) => props.onChange({ ...page, body: e.target.value })}
      />
      {lessonId ? (
        <div>
          <label htmlFor={`lesson-media-${index}`}>Add an image, audio or video file to this page</label>
          <input id={`lesson-media-${index}`} type="file" accept={MEDIA_ACCEPT} onChange={(e) => void upload(e.target.files?.[0])} />
          {uploaded && <StatusMessage>Added {uploaded} at the end of the page.</StatusMessage>}
          <ErrorAlert title="The file was not added." error={uploadError} />
        </div>
      ) : (
        <p className="hint">Save the lesson once to add images, audio or video.</p>
      )}
      <div className="learning-actions">
        <button type="button" className="button button-quiet" disabled={index === 0} onClick={() => props.onMove(-1)}>
          Move up
        </button>
        <button type="button" className="button button-quiet" disabled={index === count - 1} onClick={() => props.onMove(1)}>
          Move down
        </button>
        <button type="button" className="button button-quiet" disabled={count === 1} onClick={props.onRemove}>
          Remove page {index + 1}
        </button>
      </div>
    </fieldset>
  )
}

/** Writes or rewrites a Markdown lesson (learning staff): a title, an optional community, pages in order. */
export function LessonEditor() {
  const { id } = useParams()
  const existing = useLesson(id)
  const save = useSaveLesson(id)
  const navigate = useNavigate()
  const communities = useCommunities({ mine: true })
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [community, setCommunity] = useState('')
  const [pages, setPages] = useState<Draft[]>([{ title: '', body: '' }])
  const [loaded, setLoaded] = useState(false)

  useEffect(() => {
    const lesson = existing.data
    if (!lesson || loaded) return
    setTitle(lesson.title)
    setDescription(lesson.description)
    setCommunity(lesson.community?.slug ?? '')
    setPages(lesson.pages.map((p) => ({ title: p.title, body: p.body })))
    setLoaded(true)
  }, [existing.data, loaded])

  if (id && existing.isPending) return <Loading />
  if (id && !existing.data) return <ErrorAlert title="This lesson could not be opened." error={existing.error} />

  async function submit(event: FormEvent) {
    event.preventDefault()
    const lesson = await save.mutateAsync({
      title,
      description: description || undefined,
      community: community || undefined,
      pages,
    })
    void navigate(id ? `/learning/lessons/${lesson.id}` : `/learning/lessons/${lesson.id}/edit`, { replace: !id })
  }

  const update = (i: number, page: Draft) => setPages(pages.map((p, j) => (j === i ? page : p)))
  const move = (i: number, by: -1 | 1) => {
    const next = [...pages]
    ;[next[i], next[i + by]] = [next[i + by]!, next[i]!]
    setPages(next)
  }

  return (
    <Page
      title={id ? 'Edit the lesson' : 'Write a lesson'}
      lead={<p className="lead">A lesson is read page by page; learners come back where they left off.</p>}
    >
      <form className="card" onSubmit={(e) => void submit(e).catch(() => undefined)}>
        <TextField label="Title" required minLength={3} maxLength={160} value={title} onChange={(e) => setTitle(e.target.value)} />
        <TextArea label="What learners get from it" maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
        <label htmlFor="lesson-community">Community</label>
        <select id="lesson-community" value={community} onChange={(e) => setCommunity(e.target.value)}>
          <option value="">The whole organisation</option>
          {communities.data?.items.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.name}
            </option>
          ))}
        </select>
        {pages.map((page, i) => (
          <PageEditor
            key={i}
            index={i}
            count={pages.length}
            page={page}
            lessonId={id}
            onChange={(p) => update(i, p)}
            onMove={(by) => move(i, by)}
            onRemove={() => setPages(pages.filter((_, j) => j !== i))}
          />
        ))}
        <div className="learning-actions">
          <button
            type="button"
            className="button button-quiet"
            disabled={pages.length >= 50}
            onClick={() => setPages([...pages, { title: '', body: '' }])}
          >
            Add a page
          </button>
          <button type="submit" className="button" disabled={save.isPending}>
            {id ? 'Save the lesson' : 'Save and add media'}
          </button>
        </div>
        <ErrorAlert title="The lesson was not saved." error={save.error} />
        {id && save.isSuccess && <StatusMessage>Saved.</StatusMessage>}
      </form>
    </Page>
  )
}
