import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type { AnswerFeedback, AnswerInput, PlayQuestion } from '../../../shared/quiz'
import { ErrorAlert } from '../../components/Alerts'
import { useAnswer, whenDue } from './quiz-api'

/** Ordering by keyboard or pointer: each option has Move up / Move down buttons; focus follows the moved option. */
function OrderList({ options, order, setOrder }: { options: PlayQuestion['options']; order: string[]; setOrder: (o: string[]) => void }) {
  const text = new Map(options.map((o) => [o.id, o.text]))
  const buttons = useRef(new Map<string, HTMLButtonElement>())
  const [focus, setFocus] = useState<string | null>(null)
  useEffect(() => {
    if (focus) buttons.current.get(focus)?.focus()
  }, [order, focus])
  const move = (index: number, by: -1 | 1) => {
    const next = [...order]
    const [item] = next.splice(index, 1)
    next.splice(index + by, 0, item!)
    setOrder(next)
    // Stay on the same button where it still exists, else on the other one of the moved option.
    const edge = (by === -1 && index + by === 0) || (by === 1 && index + by === order.length - 1)
    setFocus(`${item}:${edge ? (by === -1 ? 'down' : 'up') : by === -1 ? 'up' : 'down'}`)
  }
  return (
    <ol className="quiz-order">
      {order.map((id, i) => (
        <li key={id}>
          <span className="quiz-order-text">{text.get(id)}</span>
          <span className="quiz-order-moves">
            {i > 0 && (
              <button
                type="button"
                className="button button-quiet"
                ref={(el) => void (el ? buttons.current.set(`${id}:up`, el) : buttons.current.delete(`${id}:up`))}
                aria-label={`Move “${text.get(id)}” up`}
                onClick={() => move(i, -1)}
              >
                ↑ Up
              </button>
            )}
            {i < order.length - 1 && (
              <button
                type="button"
                className="button button-quiet"
                ref={(el) => void (el ? buttons.current.set(`${id}:down`, el) : buttons.current.delete(`${id}:down`))}
                aria-label={`Move “${text.get(id)}” down`}
                onClick={() => move(i, 1)}
              >
                ↓ Down
              </button>
            )}
          </span>
        </li>
      ))}
    </ol>
  )
}

/** What the learner is told after answering: right or not, why, the right answer, and when it comes back. */
function Feedback({ feedback, points }: { feedback: AnswerFeedback; points: boolean }) {
  return (
    <div className={feedback.correct ? 'quiz-feedback quiz-right' : 'quiz-feedback quiz-wrong'}>
      <p>
        <strong>{feedback.correct ? 'Right.' : 'Not quite.'}</strong> {feedback.explanation}
      </p>
      {!feedback.correct && <p>The answer: {feedback.rightAnswer.join(' → ')}</p>}
      {points && feedback.points !== null && feedback.points > 0 && <p>+{feedback.points} points</p>}
      <p className="meta">Comes back for review {whenDue(feedback.nextReview)}.</p>
    </div>
  )
}

/** One question as a small form: answer it, get the feedback at once; the last answer is shown when it exists. */
export function QuestionCard({
  quizId,
  question,
  number,
  points = false,
}: {
  quizId: string
  question: PlayQuestion
  number?: number
  points?: boolean
}) {
  const answer = useAnswer(quizId, question.id)
  const last = question.last
  const [choices, setChoices] = useState<string[]>(last?.response.choices ?? [])
  const [order, setOrder] = useState<string[]>(last?.response.order ?? question.options.map((o) => o.id))
  const [text, setText] = useState(last?.response.text ?? '')
  const [feedback, setFeedback] = useState<AnswerFeedback | null>(last?.feedback ?? null)
  const id = useId()

  async function submit(event: FormEvent) {
    event.preventDefault()
    const body: AnswerInput = question.kind === 'ordering' ? { order } : question.kind === 'short' ? { text } : { choices }
    setFeedback(await answer.mutateAsync(body))
  }
  const toggle = (option: string) =>
    setChoices(
      question.kind === 'single' ? [option] : choices.includes(option) ? choices.filter((c) => c !== option) : [...choices, option],
    )
  const ready = question.kind === 'ordering' || (question.kind === 'short' ? text.trim() !== '' : choices.length > 0)

  return (
    <li className="card quiz-question">
      <form onSubmit={(e) => void submit(e).catch(() => undefined)} aria-labelledby={`${id}-prompt`}>
        <fieldset>
          <legend id={`${id}-prompt`}>
            {number !== undefined && <span className="quiz-number">{number}. </span>}
            {question.prompt}
          </legend>
          {question.kind === 'multiple' && <p className="hint">Choose every right option.</p>}
          {question.kind === 'ordering' && <p className="hint">Put them in order, first at the top.</p>}
          {(question.kind === 'single' || question.kind === 'multiple') && (
            <div className="quiz-options">
              {question.options.map((o) => (
                <label key={o.id} className="quiz-option">
                  <input
                    type={question.kind === 'single' ? 'radio' : 'checkbox'}
                    name={`${id}-choice`}
                    checked={choices.includes(o.id)}
                    onChange={() => toggle(o.id)}
                  />
                  {o.text}
                </label>
              ))}
            </div>
          )}
          {question.kind === 'ordering' && <OrderList options={question.options} order={order} setOrder={setOrder} />}
          {question.kind === 'short' && (
            <div className="field">
              <label htmlFor={`${id}-text`}>Your answer</label>
              <input id={`${id}-text`} value={text} maxLength={500} onChange={(e) => setText(e.target.value)} />
            </div>
          )}
        </fieldset>
        <button type="submit" className="button" disabled={!ready || answer.isPending}>
          {feedback ? 'Answer again' : 'Check answer'}
        </button>
        <ErrorAlert title="The answer was not saved." error={answer.error} />
        <div role="status" aria-live="polite">
          {feedback && <Feedback feedback={feedback} points={points} />}
        </div>
      </form>
    </li>
  )
}
