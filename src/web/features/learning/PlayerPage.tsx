import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router-dom'
import type { LearningModule, ScormAttempt } from '../../../shared/learning'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { api, getCsrfToken } from '../../lib/api'
import { useViewer } from '../../lib/session'
import { createRuntime, flatCmi, SAVE_EVENTS, type RuntimeApi } from './scorm-runtime'
import { AssignForm } from './Assignments'
import './learning.css'

const STATUS_WORDS: Record<string, string> = {
  'not attempted': 'Not started',
  incomplete: 'In progress',
  browsed: 'Browsed',
  completed: 'Completed',
  passed: 'Passed',
  failed: 'Not passed yet',
  unknown: 'In progress',
}

/** Plays one item of a SCORM module in a frame, with the run-time API on this page and the learner's data saved and resumed. */
function Player({ module, position }: { module: LearningModule; position: number }) {
  const viewer = useViewer()
  const client = useQueryClient()
  const attemptUrl = `/api/learning/modules/${encodeURIComponent(module.id)}/items/${position}/attempt`
  const attempt = useQuery({
    queryKey: ['learning', 'attempt', module.id, position],
    queryFn: ({ signal }) => api<ScormAttempt>(attemptUrl, { signal }),
  })
  const [runtime, setRuntime] = useState<RuntimeApi | null>(null)
  const [saveError, setSaveError] = useState<unknown>(null)
  const started = useRef(false)
  const version = module.scormVersion ?? '2004'
  const item = module.items.find((i) => i.position === position)

  useEffect(() => {
    if (!attempt.data || started.current) return
    started.current = true
    let current: RuntimeApi | null = null
    const save = (keepalive = false) => {
      if (!current) return
      const body = JSON.stringify({ cmi: flatCmi(current) })
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' }
      const token = getCsrfToken()
      if (token) headers['x-csrf-token'] = token
      if (keepalive) {
        void fetch(attemptUrl, { method: 'PUT', headers, body, keepalive: true, credentials: 'same-origin' })
        return
      }
      api<ScormAttempt>(attemptUrl, { method: 'PUT', json: JSON.parse(body) as unknown })
        .then((saved) => {
          setSaveError(null)
          client.setQueryData(['learning', 'attempt', module.id, position], saved)
        })
        .catch(setSaveError)
    }
    const onLeave = () => save(true)
    void createRuntime(version, attempt.data, { id: viewer.id, name: viewer.name }).then((rt) => {
      current = rt
      for (const event of SAVE_EVENTS[version]) rt.on(event, () => save())
      setRuntime(rt)
    })
    window.addEventListener('pagehide', onLeave)
    return () => {
      window.removeEventListener('pagehide', onLeave)
      save(true)
      delete window.API
      delete window.API_1484_11
    }
    // The runtime is made once per item (`started`): later refetches of the attempt must not replace the live one.
  }, [attempt.data])

  if (!item) return <ErrorAlert error={new Error('This module has no such item.')} />
  return (
    <div className="player-layout">
      <div className="player-status" role="status">
        {attempt.data && (
          <>
            <span>
              Status: <strong data-testid="scorm-status">{STATUS_WORDS[attempt.data.status] ?? attempt.data.status}</strong>
            </span>
            {attempt.data.score !== null && <span>Score: {attempt.data.score}</span>}
            {attempt.data.updatedAt && <span className="hint">Saved {new Date(attempt.data.updatedAt).toLocaleString()}</span>}
          </>
        )}
      </div>
      <ErrorAlert title="Your progress could not be saved." error={saveError} />
      <ErrorAlert error={attempt.error} />
      {runtime ? (
        <iframe
          className="player-frame"
          title={`${module.title}: ${item.title}`}
          src={`/api/learning/modules/${encodeURIComponent(module.id)}/files/${item.href}`}
          // Same origin is what lets the content find the run-time API on this page; content comes only from admins.
          sandbox="allow-scripts allow-same-origin allow-forms allow-modals"
        />
      ) : (
        <Loading label="Starting the module…" />
      )}
    </div>
  )
}

/** A learning module: its items, and the player for the chosen one. */
export function PlayerPage() {
  const viewer = useViewer()
  const { id = '' } = useParams()
  const [search] = useSearchParams()
  const position = Number(search.get('item') ?? 0)
  const module = useQuery({
    queryKey: ['learning', 'module', id],
    queryFn: ({ signal }) => api<LearningModule>(`/api/learning/modules/${encodeURIComponent(id)}`, { signal }),
  })
  if (module.isPending) return <Loading />
  if (module.isError) return <ErrorAlert error={module.error} />
  const m = module.data
  return (
    <Page
      title={m.title}
      lead={
        <p className="meta">
          <Link to="/learning">Learning</Link>
          {m.community && (
            <>
              {' '}
              · in <Link to={`/communities/${m.community.slug}`}>{m.community.name}</Link>
            </>
          )}{' '}
          · SCORM {m.scormVersion} · your progress is saved as you go
        </p>
      }
    >
      {m.items.length > 1 && (
        <nav aria-label="Parts of this module">
          <ul className="player-items">
            {m.items.map((i) => (
              <li key={i.position}>
                <Link to={`?item=${i.position}`} aria-current={i.position === position ? 'page' : undefined}>
                  {i.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <Player key={position} module={m} position={position} />
      {(viewer.isManager || viewer.isAdmin) && <AssignForm moduleId={m.id} title={m.title} />}
    </Page>
  )
}
