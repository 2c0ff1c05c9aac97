import { useEffect, useRef, useState } from 'react'
import { Link, useParams } from 'react-router-dom'
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { SafeHtml } from '../knowledge/SafeHtml'
import { useLesson, useLessonProgress } from './lessons-api'
import { useViewer } from '../../lib/session'
import { AssignForm } from './Assignments'
import './learning.css'

/** A Markdown lesson, page by page: it reopens where the learner left off, and "Next" marks a page read. */
export function LessonPage() {
  const viewer = useViewer()
  const { id = '' } = useParams()
  const lesson = useLesson(id)
  const progress = useLessonProgress(id)
  const [open, setOpen] = useState<number | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)

  const data = lesson.data
  const position = open ?? data?.progress.position ?? 0
  const pages = data?.pages ?? []
  const page = pages[position]

  useEffect(() => {
    if (open !== null) heading.current?.focus()
  }, [open])

  if (lesson.isPending) return <Loading />
  if (!data) return <ErrorAlert title="This lesson could not be opened." error={lesson.error} />

  const done = new Set(data.progress.done)
  const go = (next: number, markRead: boolean) => {
    progress.mutate({ position: next, read: markRead ? position : undefined })
    setOpen(next)
  }

  return (
    <Page
      title={data.title}
      className="lesson-page"
      lead={
        <>
          {data.description && <p className="lead">{data.description}</p>}
          <p className="meta">
            <span className="badge">Lesson</span> {pages.length} {pages.length === 1 ? 'page' : 'pages'}
            {data.community && (
              <>
                {' '}
                · in <Link to={`/communities/${data.community.slug}`}>{data.community.name}</Link>
              </>
            )}
            {data.canEdit && (
              <>
                {' '}
                · <Link to={`/learning/lessons/${id}/edit`}>Edit the lesson</Link>
              </>
            )}
          </p>
        </>
      }
    >
      <div className="lesson-layout">
        <nav aria-label="Pages of the lesson" className="lesson-toc">
          <p id="lesson-progress-label">
            {done.size} of {pages.length} pages read{data.progress.completedAt ? ' · finished' : ''}
          </p>
          <progress aria-labelledby="lesson-progress-label" value={done.size} max={pages.length} />
          <ol>
            {pages.map((p) => (
              <li key={p.position}>
                <button
                  type="button"
                  className="lesson-toc-link"
                  aria-current={p.position === position ? 'page' : undefined}
                  onClick={() => go(p.position, false)}
                >
                  {done.has(p.position) ? '✓ ' : ''}
                  {p.title}
                </button>
              </li>
            ))}
          </ol>
        </nav>
        {page && (
          <article className="card lesson-body" aria-labelledby="lesson-page-title">
            <h2 id="lesson-page-title" tabIndex={-1} ref={heading}>
              {page.title}
            </h2>
            <SafeHtml html={page.html} className="post-body" />
            <div className="learning-actions">
              {position > 0 && (
                <button type="button" className="button button-quiet" onClick={() => go(position - 1, false)}>
                  Previous
                </button>
              )}
              {position < pages.length - 1 ? (
                <button type="button" className="button" onClick={() => go(position + 1, true)}>
                  Next
                </button>
              ) : (
                <button type="button" className="button" onClick={() => go(position, true)} disabled={done.has(position)}>
                  {done.has(position) ? 'Read' : 'Finish the lesson'}
                </button>
              )}
            </div>
            <ErrorAlert title="Your place was not saved." error={progress.error} />
            {data.progress.completedAt && position === pages.length - 1 && (
              <StatusMessage>
                You finished this lesson. <Link to="/learning">Back to learning</Link>
              </StatusMessage>
            )}
          </article>
        )}
      </div>
      {(viewer.isManager || viewer.isAdmin) && <AssignForm moduleId={data.id} title={data.title} />}
    </Page>
  )
}
