import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { Static } from '@sinclair/typebox'
import { useState, type FormEvent } from 'react'
import { Link } from 'react-router-dom'
import type { LearningModule, LearningModuleList } from '../../../shared/learning'
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { api } from '../../lib/api'
import { useViewer } from '../../lib/session'
import { formatBytes, uploadWithProgress } from '../../lib/upload'
import { AssignedToYou, AssignmentsMadeSection } from './Assignments'
import { LearningMapLinks } from './LearningMapLinks'
import { QuizzesSection } from './Quizzes'
import { SessionsSection } from './Sessions'
import { XapiSettingsForm } from './XapiSettings'
import './learning.css'

type ModuleSummary = Static<typeof LearningModuleList>['items'][number]

/** Admins add a SCORM package here: the zip goes up with a progress bar and comes back checked, or refused with the reason. */
function ScormUpload() {
  const client = useQueryClient()
  const [file, setFile] = useState<File | null>(null)
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [added, setAdded] = useState<LearningModule | null>(null)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!file) return
    setError(null)
    setAdded(null)
    try {
      const module = await uploadWithProgress<LearningModule>('/api/learning/scorm', {
        body: file,
        contentType: 'application/zip',
        onProgress: setProgress,
      })
      setAdded(module)
      setFile(null)
      await client.invalidateQueries({ queryKey: ['learning', 'modules'] })
    } catch (err) {
      setError(err)
    } finally {
      setProgress(null)
    }
  }

  return (
    <section className="card learning-upload" aria-labelledby="scorm-upload-heading">
      <h2 id="scorm-upload-heading">Add a SCORM package</h2>
      <p className="hint">A SCORM 1.2 or 2004 zip with imsmanifest.xml at its root. It is checked before anything is stored.</p>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="scorm-file">Package (.zip)</label>
        <input id="scorm-file" type="file" accept=".zip,application/zip" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <button type="submit" className="button" disabled={!file || progress !== null}>
          Add to the catalogue
        </button>
      </form>
      {progress && (
        <div className="progress-block">
          <p id="scorm-progress">
            Uploading {formatBytes(progress.loaded)} of {formatBytes(progress.total)}
          </p>
          <progress aria-labelledby="scorm-progress" value={progress.loaded} max={progress.total} />
        </div>
      )}
      <ErrorAlert title="The package was not added." error={error} />
      {added && (
        <StatusMessage>
          Added <Link to={`/learning/${added.id}`}>{added.title}</Link> (SCORM {added.scormVersion}).
        </StatusMessage>
      )}
    </section>
  )
}

function ModuleCard({ module }: { module: ModuleSummary }) {
  const lesson = module.kind === 'lesson'
  const simulation = module.kind === 'simulation'
  const link = lesson ? `/learning/lessons/${module.id}` : simulation ? `/learning/simulations/${module.id}` : `/learning/${module.id}`
  return (
    <li className="card learning-card">
      <h3>
        <Link to={link}>{module.title}</Link>
      </h3>
      <p className="meta">
        {simulation ? (
          <>
            <span className="badge">Simulation</span> {module.files} situations
          </>
        ) : lesson ? (
          <>
            <span className="badge">Lesson</span> {module.files} {module.files === 1 ? 'page' : 'pages'}
          </>
        ) : (
          <>
            <span className="badge">E-learning</span> SCORM {module.scormVersion}
          </>
        )}
      </p>
      {module.description && <p>{module.description}</p>}
    </li>
  )
}

/** The learning catalogue: what there is to learn, pull first. */
export function LearningPage() {
  const viewer = useViewer()
  const modules = useQuery({
    queryKey: ['learning', 'modules'],
    queryFn: ({ signal }) => api<Static<typeof LearningModuleList>>('/api/learning/modules', { signal }),
  })
  return (
    <Page title="Learning" lead={<p className="lead">Sessions to learn with others, and e-learning modules to take at your own pace.</p>}>
      <AssignedToYou />
      {(viewer.isManager || viewer.isAdmin) && <AssignmentsMadeSection />}
      <SessionsSection />
      <QuizzesSection />
      <LearningMapLinks />
      <h2 className="learning-section">E-learning</h2>
      {(viewer.isManager || viewer.isAdmin) && (
        <div className="learning-actions">
          <Link className="button" to="/learning/lessons/new">
            Write a lesson
          </Link>
          <Link className="button" to="/learning/simulations/new">
            Write a simulation
          </Link>
        </div>
      )}
      {viewer.isAdmin && <ScormUpload />}
      {modules.isPending && <Loading />}
      <ErrorAlert error={modules.error} />
      {modules.data && modules.data.items.length === 0 && (
        <p className="empty">
          {viewer.isAdmin ? (
            'The catalogue is empty. Write a lesson or add a SCORM package above to start it.'
          ) : (
            <>
              The catalogue is empty for now. Ask your learning team, or <Link to="/ask">ask a question</Link> in a community in the
              meantime.
            </>
          )}
        </p>
      )}
      {modules.data && modules.data.items.length > 0 && (
        <ul className="learning-list">
          {modules.data.items.map((m) => (
            <ModuleCard key={m.id} module={m} />
          ))}
        </ul>
      )}
      {viewer.isAdmin && <XapiSettingsForm />}
    </Page>
  )
}
