import { useState, type FormEvent } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { TextArea, TextField } from '../../components/Fields'
import { useViewer } from '../../lib/session'
import { useCreateQuiz, useQuizzes, useReviews } from './quiz-api'
import './quiz.css'

/** Learning staff start a quiz here, then write its questions on the editor page. */
function NewQuizForm() {
  const create = useCreateQuiz()
  const navigate = useNavigate()
  const [open, setOpen] = useState(false)
  const [form, setForm] = useState({ title: '', description: '' })
  async function submit(event: FormEvent) {
    event.preventDefault()
    const quiz = await create.mutateAsync({ title: form.title, description: form.description || undefined })
    void navigate(`/learning/quizzes/${quiz.id}/edit`)
  }
  if (!open)
    return (
      <div className="learning-actions">
        <button type="button" className="button" onClick={() => setOpen(true)}>
          New quiz
        </button>
      </div>
    )
  return (
    <form className="card" onSubmit={(e) => void submit(e).catch(() => undefined)} aria-labelledby="new-quiz-heading">
      <h3 id="new-quiz-heading">New quiz</h3>
      <TextField
        label="Quiz title"
        required
        minLength={3}
        maxLength={160}
        value={form.title}
        onChange={(e) => setForm({ ...form, title: e.target.value })}
      />
      <TextArea
        label="What it covers"
        maxLength={5000}
        value={form.description}
        onChange={(e) => setForm({ ...form, description: e.target.value })}
      />
      <ErrorAlert title="The quiz was not created." error={create.error} />
      <div className="learning-actions">
        <button type="submit" className="button" disabled={create.isPending}>
          Create and add questions
        </button>
        <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  )
}

/** Quizzes to take, with the viewer's progress, and the questions spaced retrieval brings back today. */
export function QuizzesSection() {
  const viewer = useViewer()
  const quizzes = useQuizzes()
  const reviews = useReviews()
  const due = reviews.data?.due ?? 0
  return (
    <section aria-labelledby="quizzes-heading" className="learning-section">
      <h2 id="quizzes-heading">Quizzes</h2>
      {due > 0 && (
        <p className="quiz-due">
          <Link to="/learning/review" className="button">
            Review {due} due
          </Link>{' '}
          Questions you answered before, back when you are about to forget them.
        </p>
      )}
      {(viewer.isManager || viewer.isAdmin) && <NewQuizForm />}
      {quizzes.isPending && <Loading />}
      <ErrorAlert error={quizzes.error} />
      {quizzes.data?.items.length === 0 && <p className="empty">No quizzes yet.</p>}
      {quizzes.data && quizzes.data.items.length > 0 && (
        <ul className="learning-list">
          {quizzes.data.items.map((q) => (
            <li key={q.id} className="card learning-card">
              <h3>
                <Link to={`/learning/quizzes/${q.id}`}>{q.title}</Link>
              </h3>
              <p className="meta">
                <span className="badge">Quiz</span> {q.questions} questions · {q.answered} answered
                {q.community && ` · ${q.community.name}`}
              </p>
              {q.description && <p>{q.description}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
