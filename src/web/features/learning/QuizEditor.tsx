import { useId, useState, type FormEvent } from 'react'
import { Link, useParams } from 'react-router-dom'
import type { AuthorQuestion, QuestionKind } from '../../../shared/quiz'
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alerts'
import { TextArea } from '../../components/Fields'
import { Page } from '../../components/Page'
import { useAuthorAction, useAuthoring } from './quiz-api'
import './learning.css'
import './quiz.css'

const KINDS: { kind: QuestionKind; label: string }[] = [
  { kind: 'single', label: 'Single choice' },
  { kind: 'multiple', label: 'Multiple choice' },
  { kind: 'ordering', label: 'Put in order' },
  { kind: 'short', label: 'Short answer' },
]

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)

/**
 * Adds a question, or rewrites one (`editing`): its kind, prompt, options (one a line) with the right ones
 * ticked, or accepted answers, and why.
 */
function QuestionForm({ quizId, editing, onDone }: { quizId: string; editing?: AuthorQuestion; onDone?: () => void }) {
  const action = useAuthorAction(quizId)
  const empty = { kind: 'single' as QuestionKind, prompt: '', options: '', right: [] as number[], accepted: '', explanation: '' }
  const [form, setForm] = useState(
    editing
      ? {
          kind: editing.kind,
          prompt: editing.prompt,
          options: editing.options.join('\n'),
          right: editing.correct,
          accepted: editing.accepted.join('\n'),
          explanation: editing.explanation,
        }
      : empty,
  )
  const heading = editing ? `Edit “${editing.prompt}”` : 'Add a question'
  const [added, setAdded] = useState(false)
  const formId = useId()
  const options = lines(form.options)
  const choice = form.kind === 'single' || form.kind === 'multiple'

  async function submit(event: FormEvent) {
    event.preventDefault()
    setAdded(false)
    const question = {
      kind: form.kind,
      prompt: form.prompt,
      ...(form.kind === 'short' ? { accepted: lines(form.accepted) } : { options }),
      ...(choice ? { correct: form.right.filter((i) => i < options.length) } : {}),
      explanation: form.explanation || undefined,
    }
    await action.mutateAsync(editing ? { kind: 'edit', questionId: editing.id, question } : { kind: 'add', question })
    if (onDone) return onDone()
    setForm({ ...empty, kind: form.kind })
    setAdded(true)
  }
  const toggleRight = (i: number) =>
    setForm({
      ...form,
      right: form.kind === 'single' ? [i] : form.right.includes(i) ? form.right.filter((x) => x !== i) : [...form.right, i],
    })

  return (
    <form className="card quiz-editor-form" onSubmit={(e) => void submit(e).catch(() => undefined)} aria-label={heading}>
      <h2>{heading}</h2>
      <fieldset className="quiz-kinds">
        <legend>Kind</legend>
        {KINDS.map((k) => (
          <label key={k.kind} className="quiz-option">
            <input
              type="radio"
              name={`${formId}-kind`}
              checked={form.kind === k.kind}
              onChange={() => setForm({ ...form, kind: k.kind, right: [] })}
            />
            {k.label}
          </label>
        ))}
      </fieldset>
      <TextArea
        label="Question"
        required
        maxLength={2000}
        rows={2}
        value={form.prompt}
        onChange={(e) => setForm({ ...form, prompt: e.target.value })}
      />
      {form.kind === 'short' ? (
        <TextArea
          label="Accepted answers"
          hint="One a line. Case, spaces at the ends and a final full stop do not matter."
          required
          rows={3}
          value={form.accepted}
          onChange={(e) => setForm({ ...form, accepted: e.target.value })}
        />
      ) : (
        <TextArea
          label="Options"
          hint={form.kind === 'ordering' ? 'One a line, in the right order: learners see them shuffled.' : 'One a line.'}
          required
          rows={4}
          value={form.options}
          onChange={(e) => setForm({ ...form, options: e.target.value })}
        />
      )}
      {choice && options.length > 0 && (
        <fieldset>
          <legend>{form.kind === 'single' ? 'The right option' : 'The right options'}</legend>
          {options.map((o, i) => (
            <label key={`${i}-${o}`} className="quiz-option">
              <input
                type={form.kind === 'single' ? 'radio' : 'checkbox'}
                name={`${formId}-right`}
                checked={form.right.includes(i)}
                onChange={() => toggleRight(i)}
              />
              {o}
            </label>
          ))}
        </fieldset>
      )}
      <TextArea
        label="Why (shown after answering)"
        maxLength={2000}
        rows={2}
        value={form.explanation}
        onChange={(e) => setForm({ ...form, explanation: e.target.value })}
      />
      <ErrorAlert title="The question was not saved." error={action.error} />
      {added && <StatusMessage>Question added.</StatusMessage>}
      <div className="learning-actions">
        <button type="submit" className="button" disabled={action.isPending}>
          {editing ? 'Save the question' : 'Add the question'}
        </button>
        {onDone && (
          <button type="button" className="button button-quiet" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  )
}

function answerWords(q: AuthorQuestion): string {
  if (q.kind === 'short') return `Accepted: ${q.accepted.join(', ')}`
  if (q.kind === 'ordering') return `Order: ${q.options.join(' → ')}`
  return `Right: ${q.correct.map((i) => q.options[i]).join(', ')}`
}

/** The author's view of a quiz: its questions with their answers, points on or off, and a form to add more. */
export function QuizEditor() {
  const { id = '' } = useParams()
  const quiz = useAuthoring(id)
  const action = useAuthorAction(id)
  const [editing, setEditing] = useState<string | null>(null)
  if (quiz.isPending) return <Loading />
  if (!quiz.data)
    return (
      <Page title="Quiz not found">
        <ErrorAlert error={quiz.error} />
      </Page>
    )
  const q = quiz.data
  return (
    <Page
      title={`Edit: ${q.title}`}
      lead={
        <p>
          <Link to={`/learning/quizzes/${q.id}`}>Take the quiz</Link>
        </p>
      }
    >
      <label className="quiz-option">
        <input
          type="checkbox"
          checked={q.points}
          onChange={(e) => void action.mutateAsync({ kind: 'points', points: e.target.checked }).catch(() => undefined)}
        />
        Count points (off by default: a leaderboard of people appears only with points)
      </label>
      <ol className="quiz-questions">
        {q.items.map((question) =>
          editing === question.id ? (
            <li key={question.id}>
              <QuestionForm quizId={q.id} editing={question} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <li key={question.id} className="card">
              <p>
                <strong>{question.prompt}</strong> <span className="badge">{KINDS.find((k) => k.kind === question.kind)?.label}</span>
              </p>
              {question.kind !== 'short' && question.kind !== 'ordering' && <p>Options: {question.options.join(' · ')}</p>}
              <p className="meta">{answerWords(question)}</p>
              {question.explanation && <p className="meta">Why: {question.explanation}</p>}
              <div className="learning-actions">
                <button
                  type="button"
                  className="button button-quiet"
                  aria-label={`Edit “${question.prompt}”`}
                  onClick={() => setEditing(question.id)}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="button button-quiet"
                  aria-label={`Remove “${question.prompt}”`}
                  onClick={() => void action.mutateAsync({ kind: 'remove', questionId: question.id }).catch(() => undefined)}
                >
                  Remove
                </button>
              </div>
            </li>
          ),
        )}
      </ol>
      <ErrorAlert error={action.error} />
      <QuestionForm quizId={q.id} />
    </Page>
  )
}
