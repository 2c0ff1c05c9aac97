import { useState, type FormEvent } from 'react'
import { Link, useParams } from 'react-router-dom'
import type { Quiz } from '../../../shared/quiz'
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alerts'
import { TextField } from '../../components/Fields'
import { Page } from '../../components/Page'
import { QuestionCard } from './QuestionCard'
import { useQuiz, useStartChallenge } from './quiz-api'
import './learning.css'
import './quiz.css'

/** A steward starts a challenge on this quiz for one of their communities, over a period. */
function StartChallenge({ quiz }: { quiz: Quiz }) {
  const start = useStartChallenge(quiz.id)
  const today = new Date().toISOString().slice(0, 10)
  const [form, setForm] = useState({ community: quiz.canChallengeIn[0]?.slug ?? '', from: today, to: '' })
  async function submit(event: FormEvent) {
    event.preventDefault()
    await start.mutateAsync({
      community: form.community,
      startsAt: new Date(`${form.from}T00:00`).toISOString(),
      endsAt: new Date(`${form.to}T23:59`).toISOString(),
    })
  }
  return (
    <form
      className="card quiz-challenge-form"
      onSubmit={(e) => void submit(e).catch(() => undefined)}
      aria-labelledby="start-challenge-heading"
    >
      <h3 id="start-challenge-heading">Start a team challenge</h3>
      <div className="field">
        <label htmlFor="challenge-community">Community</label>
        <select id="challenge-community" value={form.community} onChange={(e) => setForm({ ...form, community: e.target.value })}>
          {quiz.canChallengeIn.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="session-times">
        <TextField label="From" type="date" required value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
        <TextField label="Until" type="date" required value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
      </div>
      <ErrorAlert title="The challenge was not started." error={start.error} />
      {start.data && <StatusMessage>The challenge is on.</StatusMessage>}
      <button type="submit" className="button" disabled={start.isPending}>
        Start the challenge
      </button>
    </form>
  )
}

/** Take a quiz: every question with immediate feedback; what was answered before is shown as it was. */
export function QuizPage() {
  const { id = '' } = useParams()
  const quiz = useQuiz(id)
  if (quiz.isPending) return <Loading />
  if (!quiz.data)
    return (
      <Page title="Quiz not found">
        <ErrorAlert error={quiz.error} />
        <Link to="/learning">Back to learning</Link>
      </Page>
    )
  const q = quiz.data
  return (
    <Page
      title={q.title}
      lead={
        <>
          {q.description && <p className="lead">{q.description}</p>}
          <p className="meta" data-testid="quiz-progress">
            {q.answered} of {q.questions} answered, {q.right} right
            {q.score !== null && ` · ${q.score} points`}
            {q.community && (
              <>
                {' · '}
                <Link to={`/communities/${q.community.slug}`}>{q.community.name}</Link>
              </>
            )}
          </p>
          {q.canEdit && (
            <p>
              <Link to={`/learning/quizzes/${q.id}/edit`}>Edit the questions</Link>
            </p>
          )}
        </>
      }
    >
      {q.items.length === 0 && <p className="empty">This quiz has no questions yet.</p>}
      <ol className="quiz-questions">
        {q.items.map((question, i) => (
          <QuestionCard key={question.id} quizId={q.id} question={question} number={i + 1} points={q.points} />
        ))}
      </ol>
      {(q.challenges.length > 0 || q.canChallengeIn.length > 0) && (
        <section aria-labelledby="challenges-heading" className="learning-section">
          <h2 id="challenges-heading">Team challenges</h2>
          {q.challenges.length > 0 && (
            <ul>
              {q.challenges.map((c) => (
                <li key={c.id}>
                  <Link to={`/learning/challenges/${c.id}`}>
                    {c.community.name}: {new Date(c.startsAt).toLocaleDateString()} – {new Date(c.endsAt).toLocaleDateString()}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {q.canChallengeIn.length > 0 && <StartChallenge quiz={q} />}
        </section>
      )}
    </Page>
  )
}
